"""mopc's `onnx.backend` Backend (frontend/onnx/backend.py) and the importer options it
relies on (`import_onnx(input_values=..., constant_outputs=True)`): inputs compiled in
where an op needs their values, non-float inputs refused as data, outputs known at
import time returned with their ONNX type, recompiling when a compiled-in value changes.
"""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto, helper
from support.onnx_models import Rand, check_against_onnxruntime, run_onnxruntime, single_node

from mopc.core.diagnostics import DiagnosticError
from mopc.frontend.onnx import import_onnx
from mopc.frontend.onnx.backend import MopcBackend

F = np.float32
TARGETS = ("reference", "llvm")


def model(nodes, inputs, outputs, opset=13):
    """A model whose inputs and outputs are `(name, TensorProto type, shape)`."""
    graph = helper.make_graph(
        nodes, "backend_test",
        [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs],
        [helper.make_tensor_value_info(n, t, s) for n, t, s in outputs],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], ir_version=8)


RESHAPE = model([helper.make_node("Reshape", ["x", "shape"], ["y"])],
                [("x", TensorProto.FLOAT, [2, 3, 4]), ("shape", TensorProto.INT64, [2])],
                [("y", TensorProto.FLOAT, ["a", "b"])])


@pytest.mark.parametrize("target", TARGETS)
def test_shape_input_is_compiled_in_and_a_new_value_recompiles(target):
    rep = MopcBackend.with_target(target).prepare(RESHAPE)
    x = np.arange(24, dtype=F).reshape(2, 3, 4)
    (y,) = rep.run([x, np.array([4, -1], np.int64)])
    np.testing.assert_array_equal(y, x.reshape(4, 6))
    (y,) = rep.run([x + 1, np.array([4, -1], np.int64)])  # same shape: the same build
    np.testing.assert_array_equal(y, x.reshape(4, 6) + 1)
    assert len(rep._compiled) == 1
    (y,) = rep.run({"x": x, "shape": np.array([-1, 2], np.int64)})
    np.testing.assert_array_equal(y, x.reshape(12, 2))
    assert len(rep._compiled) == 2


def test_float_input_read_as_a_constant_stays_an_argument():
    clip = model([helper.make_node("Clip", ["x", "lo", "hi"], ["y"])],
                 [("x", TensorProto.FLOAT, [3, 4]), ("lo", TensorProto.FLOAT, []),
                  ("hi", TensorProto.FLOAT, [])], [("y", TensorProto.FLOAT, [3, 4])])
    x = np.random.default_rng(0).standard_normal((3, 4)).astype(F)
    values = {"x": x, "lo": np.array(-0.5, F), "hi": np.array(0.25, F)}
    imported = import_onnx(clip, input_values=values)
    assert imported.compiled_in == {"lo", "hi"}
    (y,) = MopcBackend.prepare(clip).run([x, F(-0.5), F(0.25)])  # 0-d inputs as NumPy scalars
    np.testing.assert_array_equal(y, np.clip(x, -0.5, 0.25))


def test_integer_data_is_refused_not_folded():
    add = model([helper.make_node("Add", ["a", "b"], ["c"])],
                [("a", TensorProto.INT8, [3]), ("b", TensorProto.INT8, [3])],
                [("c", TensorProto.INT8, [3])])
    with pytest.raises(DiagnosticError, match="output 'c' is computed from non-float run-time "
                                              "inputs; mopc computes in float32"):
        MopcBackend.prepare(add).run([np.ones(3, np.int8), np.ones(3, np.int8)])
    sigmoid = model([helper.make_node("Sigmoid", ["a"], ["c"])], [("a", TensorProto.INT32, [3])],
                    [("c", TensorProto.FLOAT, [3])])
    with pytest.raises(DiagnosticError, match="Sigmoid: input 'a' is a run-time int32 tensor"):
        MopcBackend.prepare(sigmoid).run([np.ones(3, np.int32)])


@pytest.mark.parametrize("target", TARGETS)
def test_outputs_known_at_import_keep_their_onnx_type(target):
    nodes = [helper.make_node("Shape", ["x"], ["s"]),
             helper.make_node("Dropout", ["x"], ["y", "mask"]),
             helper.make_node("Relu", ["x"], ["r"])]
    m = model(nodes, [("x", TensorProto.FLOAT, [2, 5])],
              [("s", TensorProto.INT64, [2]), ("y", TensorProto.FLOAT, [2, 5]),
               ("mask", TensorProto.BOOL, [2, 5]), ("r", TensorProto.FLOAT, [2, 5])])
    x = np.linspace(-1, 1, 10, dtype=F).reshape(2, 5)
    s, y, mask, r = MopcBackend.with_target(target).prepare(m).run([x])
    assert s.dtype == np.int64 and s.tolist() == [2, 5]
    assert mask.dtype == np.bool_ and mask.shape == (2, 5) and mask.all()
    np.testing.assert_array_equal(y, x)
    np.testing.assert_array_equal(r, np.maximum(x, 0))


def test_empty_result_is_a_constant():
    s = model([helper.make_node("Slice", ["x", "starts", "ends", "axes"], ["y"])],
              [("x", TensorProto.FLOAT, [4, 3]), ("starts", TensorProto.INT64, [1]),
               ("ends", TensorProto.INT64, [1]), ("axes", TensorProto.INT64, [1])],
              [("y", TensorProto.FLOAT, ["n", 3])])
    starts, ends, axes = (np.array([v], np.int64) for v in (5, 7, 0))
    (y,) = MopcBackend.prepare(s).run([np.ones((4, 3), F), starts, ends, axes])
    assert y.shape == (0, 3) and y.dtype == F


def test_training_dropout_with_ratio_zero_is_the_identity():
    m = model([helper.make_node("Dropout", ["x", "r", "t"], ["y", "mask"])],
              [("x", TensorProto.FLOAT, [3]), ("r", TensorProto.FLOAT, []),
               ("t", TensorProto.BOOL, [])],
              [("y", TensorProto.FLOAT, [3]), ("mask", TensorProto.BOOL, [3])])
    x = np.array([1, -2, 3], F)
    y, mask = MopcBackend.with_target("reference").prepare(m).run([x, F(0), np.True_])
    np.testing.assert_array_equal(y, x)
    assert mask.all()
    with pytest.raises(DiagnosticError, match="training_mode=true with a nonzero ratio"):
        MopcBackend.with_target("reference").prepare(m).run([x, F(0.5), np.True_])


def test_cast_like_to_float_is_a_no_op():
    m = model([helper.make_node("CastLike", ["x", "like"], ["y"]),
               helper.make_node("Relu", ["y"], ["z"])],
              [("x", TensorProto.FLOAT, [3]), ("like", TensorProto.FLOAT, [1])],
              [("z", TensorProto.FLOAT, [3])], opset=15)
    (z,) = MopcBackend.prepare(m).run([np.array([-1, 0, 2], F), np.zeros(1, F)])
    np.testing.assert_array_equal(z, [0, 0, 2])


def test_weights_named_by_numbers_compile():
    """PyTorch's old exports name weights `1`, `2`: their handles must stay valid names
    through the whole pipeline (xDSL shortens `_1` to an empty name)."""
    m = single_node("Gemm", [("0", (2, 4)), ("1", Rand((3, 4))), ("2", Rand((3,)))], transB=1)
    check_against_onnxruntime(m)


def test_conv_transpose_output_shape_beyond_the_full_result():
    """Extra trailing rows and columns get no input: only the bias (ONNX's reference)."""
    m = single_node("ConvTranspose", [("x", (1, 1, 3, 3)), ("w", Rand((1, 2, 3, 3))),
                                      ("b", Rand((2,)))],
                    strides=[3, 2], output_shape=[10, 8])
    feeds = {"x": np.random.default_rng(0).standard_normal((1, 1, 3, 3)).astype(F)}
    (expected,) = run_onnxruntime(m, feeds)
    assert expected.shape == (1, 2, 10, 8)
    check_against_onnxruntime(m, feeds)


def test_devices():
    assert MopcBackend.supports_device("CPU")
    assert not MopcBackend.supports_device("CUDA")
    with pytest.raises(ValueError, match="unknown target 'gpu'"):
        MopcBackend.with_target("gpu")
