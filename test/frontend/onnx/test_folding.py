"""Constant folding at import: shape subgraphs and computations on weights are done
with NumPy while importing, so the IR holds only the run-time work; weights stay out
of the IR text, small folded values are written inline."""

from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper, numpy_helper
from support.onnx_models import check_against_onnxruntime, i64, make_model

from mopc.core.io import print_module

F = np.float32


def graph_ops(module) -> list[str]:
    return [op.name for op in module.walk() if op.name.startswith("graph.")]


def test_pytorch_view_subgraph_folds_into_one_reshape():
    """`x.view(x.size(0), -1)`: Shape -> Gather -> Unsqueeze -> Concat -> Reshape."""
    nodes = [
        helper.make_node("Relu", ["x"], ["r"], name="relu"),
        helper.make_node("Shape", ["r"], ["shape"], name="shape"),
        helper.make_node("Gather", ["shape", "zero"], ["n"], name="gather", axis=0),
        helper.make_node("Unsqueeze", ["n", "axes"], ["n1"], name="unsqueeze"),
        helper.make_node("Concat", ["n1", "minus_one"], ["target"], name="concat", axis=0),
        helper.make_node("Reshape", ["r", "target"], ["y"], name="view"),
    ]
    consts = {"zero": np.array(0, np.int64), "axes": i64(0), "minus_one": i64(-1)}
    model = make_model(nodes, {"x": (2, 3, 4, 5)}, ["y"], consts)
    module, ctx = check_against_onnxruntime(model)
    assert graph_ops(module) == ["graph.relu", "graph.reshape"]
    assert "-> tensor<2x60xf32>" in print_module(module, ctx)


def test_shape_arithmetic_with_constant_of_shape_range_where_and_cast():
    """A pads vector computed from the input's shape (as exporters do for 'same'
    padding): Shape, Slice, Sub, Div, Cast, ConstantOfShape, Range, Equal, Where, Concat."""
    nodes = [
        helper.make_node("Shape", ["x"], ["s"]),
        helper.make_node("Slice", ["s", "two", "four"], ["hw"]),                  # [5, 6]
        helper.make_node("Sub", ["eight", "hw"], ["missing"]),                   # [3, 2]
        helper.make_node("Div", ["missing", "two_"], ["half"]),                  # [1, 1]
        helper.make_node("Cast", ["half"], ["half_f"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["half_f"], ["begin"], to=TensorProto.INT64),
        helper.make_node("Sub", ["missing", "begin"], ["end"]),                  # [2, 1]
        helper.make_node("ConstantOfShape", ["two_1"], ["zeros"],
                         value=numpy_helper.from_array(np.zeros(1, np.int64))),  # [0, 0]
        helper.make_node("Range", ["r0", "r2", "r1"], ["idx"]),                  # [0, 1]
        helper.make_node("Equal", ["idx", "idx"], ["all"]),
        helper.make_node("Where", ["all", "zeros", "idx"], ["nc"]),              # [0, 0]
        helper.make_node("Concat", ["nc", "begin", "nc", "end"], ["pads"], axis=0),
        helper.make_node("Pad", ["x", "pads"], ["y"], name="pad"),
    ]
    consts = {"two": i64(2), "four": i64(4), "eight": i64(8, 8), "two_": np.array(2, np.int64),
              "two_1": i64(2), "r0": np.array(0, np.int64), "r1": np.array(1, np.int64),
              "r2": np.array(2, np.int64)}
    model = make_model(nodes, {"x": (1, 2, 5, 6)}, ["y"], consts)
    module, _ = check_against_onnxruntime(model)
    assert graph_ops(module) == ["graph.pad"]
    pad = next(op for op in module.walk() if op.name == "graph.pad")
    assert pad.pads.get_values() == (0, 0, 1, 1, 0, 0, 2, 1)


def test_weight_preprocessing_folds_into_one_weight_out_of_the_ir_text():
    """Transpose and Mul on an initializer become one folded weight (a dense_resource),
    not an inline constant, however it was computed."""
    rng = np.random.default_rng(0)
    w = rng.standard_normal((6, 5)).astype(F)
    nodes = [
        helper.make_node("Transpose", ["w"], ["wt"], perm=[1, 0]),
        helper.make_node("Constant", [], ["two"], value_float=2.0),
        helper.make_node("Mul", ["wt", "two"], ["w2"]),
        helper.make_node("MatMul", ["x", "w2"], ["y"], name="matmul"),
    ]
    model = make_model(nodes, {"x": (3, 5)}, ["y"], {"w": w, "unused": np.ones(100, F)})
    module, ctx = check_against_onnxruntime(model)
    text = print_module(module, ctx)
    assert graph_ops(module) == ["graph.constant", "graph.matmul"]
    assert "graph.constant dense_resource<w2> : tensor<5x6xf32>" in text
    assert "unused" not in text and "dense<" not in text


def test_small_folded_constants_are_inline_and_initializers_are_weights():
    nodes = [
        helper.make_node("Constant", [], ["c"], value=numpy_helper.from_array(np.array([1.0, -2.0], F))),
        helper.make_node("Add", ["x", "c"], ["a"], name="add"),
        helper.make_node("Mul", ["a", "scale"], ["y"], name="scale"),
    ]
    model = make_model(nodes, {"x": (3, 2)}, ["y"], {"scale": np.array(0.5, F)})
    module, ctx = check_against_onnxruntime(model)
    text = print_module(module, ctx)
    assert "graph.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>" in text
    assert "graph.constant dense_resource<scale> : tensor<f32>" in text


def test_constant_outputs_and_pass_through_outputs():
    """An output computed entirely at import is a constant; an output that is an input
    (Identity) is copied; both compile."""
    nodes = [
        helper.make_node("Shape", ["x"], ["s"]),
        helper.make_node("Cast", ["s"], ["sf"], to=TensorProto.FLOAT),
        helper.make_node("Identity", ["x"], ["same"], name="identity"),
    ]
    model = make_model(nodes, {"x": (2, 7)}, ["sf", "same"])
    module, _ = check_against_onnxruntime(model)
    assert graph_ops(module) == ["graph.constant"]
