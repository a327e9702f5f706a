"""What the ONNX importer refuses, and how: one located, readable error per problem
(`model.onnx: error: ...` for the model, `model.onnx: node 'conv1': error: ...` for a
node), never a Python exception from deep inside."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper
from support.onnx_models import Rand, check_against_onnxruntime, i64, make_model, single_node

from mopc.core.diagnostics import DiagnosticError, position_of
from mopc.core.io import print_module
from mopc.frontend.onnx import import_model
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass

F = np.float32


def error_of(model, **kwargs) -> str:
    """The rendered diagnostic of importing `model` (a path or a proto)."""
    with pytest.raises(DiagnosticError) as info:
        import_model(model, **kwargs)
    return info.value.diagnostic.render()


def saved(model: onnx.ModelProto, tmp_path, name: str = "model.onnx") -> str:
    path = tmp_path / name
    onnx.save(model, path)
    return str(path)


# -- unsupported operators -----------------------------------------------------------------


def test_every_unsupported_op_is_listed_once_with_count_and_nodes(tmp_path):
    nodes = [
        helper.make_node("Erf", ["x"], ["a"], name="erf1"),
        helper.make_node("Relu", ["a"], ["b"], name="relu"),
        helper.make_node("Erf", ["b"], ["c"], name="erf2"),
        helper.make_node("Elu", ["c"], ["d"], name="act"),
        helper.make_node("FusedConv", ["d"], ["y"], name="fused", domain="com.microsoft"),
    ]
    model = make_model(nodes, {"x": (1, 3, 4, 4)}, ["y"])
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    path = saved(model, tmp_path)
    message = error_of(path)
    assert message == (
        f"{path}: error: the model uses 3 unsupported ONNX operator types (4 nodes): "
        "Elu (1 node: act); Erf (2 nodes: erf1, erf2); com.microsoft.FusedConv (1 node: fused)"
    )


def test_long_node_lists_are_cut_and_unnamed_nodes_get_a_name():
    nodes = [helper.make_node("Erf", ["x" if i == 0 else f"t{i}"], [f"t{i + 1}"]) for i in range(8)]
    model = make_model(nodes, {"x": (3,)}, ["t8"])
    message = error_of(model)
    assert "Erf (8 nodes: Erf#0, Erf#1, Erf#2, Erf#3, Erf#4, and 3 more)" in message
    assert message.startswith("<test>: error:")


def test_an_op_folded_only_on_constants_is_refused_on_a_run_time_tensor():
    model = single_node("Floor", [("x", (3, 4))])
    assert error_of(model) == (
        "<test>: node 'floor_node': error: Floor: supported only on constant inputs (it is "
        "computed at import time), but input 'x' is computed at run time"
    )


@pytest.mark.parametrize(
    "case,message",
    [
        (single_node("Conv", [("x", (1, 2, 4, 4, 4)), ("w", Rand((2, 2, 3, 3, 3)))]),
         ("Conv: 3-D convolution is not supported (only 1-D and 2-D, on NCW or NCHW inputs); "
          "the input has shape [1, 2, 4, 4, 4]")),
        (single_node("Pad", [("x", (3, 4)), ("p", i64(1, 1, 1, 1))], mode="reflect"),
         "Pad: mode 'reflect' is not supported (only 'constant')"),
        (single_node("BatchNormalization", [("x", (2, 3)), *[(n, Rand((3,), 0.5, 1)) for n in "sbmv"]],
                     training_mode=1, opset=15),
         "BatchNormalization: training_mode=1 is not supported (inference only)"),
        (single_node("Cast", [("x", (3,))], to=TensorProto.INT64),
         "Cast: casting a run-time tensor to INT64 is not supported (mopc computes in float32)"),
        (single_node("Conv", [("x", (1, 3, 5, 5)), ("w", Rand((4, 2, 3, 3)))]),
         "Conv: weight expects 2 input channels per group, but the input has 3 channels in 1 group(s)"),
        (single_node("Reshape", [("x", (2, 3)), ("s", i64(4, -1))]),
         "Reshape: cannot reshape [2, 3] to [4, -1]: no size for the -1 fits"),
        (single_node("Reshape", [("x", (2, 3)), ("s", (2,))]),
         ("Reshape: the target shape (input 's') must be a constant known at import time, but "
          "it is computed at run time")),
        (single_node("Gather", [("x", (2, 3)), ("i", i64(0, 3))], axis=1),
         "Gather: indices [3] are out of range for axis 1 of size 3"),
        (single_node("MaxPool", [("x", (1, 1, 4, 4))], outputs=("y", "indices"), kernel_shape=[2, 2]),
         None),
    ],
    ids=["conv3d", "pad-reflect", "bn-training", "cast-int", "conv-channels", "reshape-minus-one",
         "reshape-runtime-shape", "gather-range", "maxpool-indices-unused"],
)
def test_node_errors_name_the_node(case, message):
    if message is None:  # an unused second output is fine
        import_model(case)
        return
    op = case.graph.node[0]
    assert error_of(case) == f"<test>: node '{op.name}': error: {message}"


def test_an_extra_output_that_is_used_is_refused():
    node = helper.make_node("MaxPool", ["x"], ["y", "idx"], name="pool", kernel_shape=[2, 2])
    relu = helper.make_node("Relu", ["idx"], ["z"], name="use")
    model = make_model([node, relu], {"x": (1, 1, 4, 4)}, ["y", "z"])
    assert error_of(model) == (
        "<test>: node 'pool': error: MaxPool: output #1 ('idx') is not supported, only the first 1"
    )


def test_non_float_outputs_and_inputs_are_refused():
    model = single_node("Shape", [("x", (2, 3))])
    model.graph.output[0].type.tensor_type.elem_type = TensorProto.INT64
    assert "output 'y' has element type INT64" in error_of(model)
    model.graph.output[0].type.tensor_type.elem_type = TensorProto.UNDEFINED
    assert "output 'y' is a constant of type int64; mopc returns only float32 outputs" in error_of(model)
    model = single_node("Relu", [("x", (2, 3))])
    model.graph.input[0].type.tensor_type.elem_type = TensorProto.INT64
    assert "input 'x' has element type INT64; mopc computes in float32" in error_of(model)


# -- shapes of the inputs ------------------------------------------------------------------


def symbolic_model() -> onnx.ModelProto:
    nodes = [helper.make_node("Conv", ["image", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["y"], name="relu")]
    w = np.random.default_rng(0).standard_normal((4, 3, 3, 3)).astype(F)
    return make_model(nodes, {"image": ("batch", 3, "height", 8)}, ["y"], {"w": w})


def test_symbolic_dims_name_the_input_and_dimension(tmp_path):
    path = saved(symbolic_model(), tmp_path)
    assert error_of(path) == (
        f"{path}: error: input 'image' has a symbolic dimension 'batch' at axis 0; fix it with "
        "input_shapes (--input-shape image=...)"
    )


def test_input_shapes_fix_symbolic_dims():
    model = symbolic_model()
    module, _ = import_model(model, input_shapes={"image": [2, 3, 5, 8]})
    assert "%image: tensor<2x3x5x8xf32>" in print_module(module, _)
    feeds = {"image": np.random.default_rng(1).standard_normal((2, 3, 5, 8)).astype(F)}
    model.graph.input[0].type.tensor_type.shape.dim[0].dim_value = 2  # onnxruntime's copy
    model.graph.input[0].type.tensor_type.shape.dim[2].dim_value = 5
    check_against_onnxruntime(model, feeds)


@pytest.mark.parametrize(
    "shapes,message",
    [
        ({"img": (1, 3, 4, 8)}, ("input_shapes names 'img', which the model does not take as "
                                 "inputs (its inputs: 'image')")),
        ({"image": (1, 3, 4)}, "input_shapes gives 'image' 3 dimensions, but the model declares 4"),
        ({"image": (1, 4, 4, 8)}, "input_shapes gives 'image' size 4 at axis 1, but the model fixes it to 3"),
        ({"image": (0, 3, 4, 8)}, "input_shapes gives 'image' the shape [0, 3, 4, 8]; dimensions must be positive"),
    ],
    ids=["unknown-name", "rank", "conflict", "zero"],
)
def test_bad_input_shapes(shapes, message):
    assert error_of(symbolic_model(), input_shapes=shapes) == f"<test>: error: {message}"


# -- the model file and its opset ----------------------------------------------------------


def test_unreadable_files(tmp_path):
    assert error_of(tmp_path / "missing.onnx") == (
        f"{tmp_path / 'missing.onnx'}: error: cannot open ONNX model: no such file"
    )
    garbage = tmp_path / "garbage.onnx"
    garbage.write_bytes(b"\x00\xffnot a protobuf" * 10)
    assert error_of(garbage).startswith(f"{garbage}: error: cannot read ONNX model: ")


def test_failed_opset_conversion_is_one_clear_error():
    """onnx's converter cannot turn Add-6's `axis` broadcast into opset 13."""
    node = helper.make_node("Add", ["x", "b"], ["y"], name="add", broadcast=1, axis=1)
    model = make_model([node], {"x": (2, 3, 4)}, ["y"], {"b": np.ones(3, F)}, opset=6)
    message = error_of(model)
    assert message.startswith(
        "<test>: error: opset 6 is outside the supported 7..22, and onnx's version converter "
        "could not convert the model to opset 13: "
    )
    assert "\n" not in message


# -- locations -----------------------------------------------------------------------------


def test_every_op_is_located_at_its_node_through_the_lowering(tmp_path):
    """Imported ops carry `loc("node"("model.onnx":0:0))`, and so does every meta-op the
    lowering makes of them: an error at any level names the ONNX node."""
    path = saved(symbolic_model(), tmp_path)
    module, ctx = import_model(path, input_shapes={"image": (1, 3, 6, 8)})
    text = print_module(module, ctx, debuginfo=True)
    assert 'graph.conv2d %image, %0 strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : ' in text
    assert f'loc("conv"("{path}":0:0))' in text and f'loc("relu"("{path}":0:0))' in text
    GraphToMetaopPass().apply(ctx, module)
    nodes = {position_of(op.location).node for op in module.walk() if op.name.startswith("metaop.")}
    assert nodes == {"w", "conv", "relu"}
    relu = next(op for op in module.walk()
                if op.name.startswith("metaop.") and position_of(op.location).node == "relu")
    error = DiagnosticError.at(relu, "something went wrong")
    assert error.diagnostic.render().startswith(f"{path}: node 'relu': error: '{relu.name}' op")
