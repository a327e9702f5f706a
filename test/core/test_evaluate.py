"""`mopc.core.evaluate`: choosing the entry function, checking and ordering inputs."""

from __future__ import annotations

import numpy as np
import pytest

from mopc.core.context import make_context
from mopc.core.evaluate import InputError, evaluate
from mopc.core.parsing import parse_module

TWO_INPUTS = """
func.func @main(%x: tensor<2x3xf32>, %bias: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = graph.add %x, %bias : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  func.return %y : tensor<2x3xf32>
}
"""


@pytest.fixture
def module():
    return parse_module(make_context(), TWO_INPUTS)


X = np.arange(6, dtype=np.float32).reshape(2, 3)
B = np.array([10.0, 20.0, 30.0], np.float32)


def test_positional_inputs(module):
    (y,) = evaluate(module, [X, B])
    np.testing.assert_array_equal(y, X + B)
    assert y.dtype == np.float32


def test_dict_inputs_by_argument_name_in_any_order(module):
    (y,) = evaluate(module, {"bias": B, "x": X})
    np.testing.assert_array_equal(y, X + B)


def test_non_contiguous_input_is_read_by_value(module):
    xt = np.arange(6, dtype=np.float32).reshape(3, 2).T  # a transposed view
    assert not xt.flags.c_contiguous
    (y,) = evaluate(module, [xt, B])
    np.testing.assert_array_equal(y, np.ascontiguousarray(xt) + B)


@pytest.mark.parametrize(
    "inputs,words",
    [
        ([np.zeros((3, 2), np.float32), B], ["#0", "'x'", "(2, 3)", "(3, 2)"]),
        ([X, np.zeros((1, 3), np.float32)], ["#1", "'bias'", "(3,)", "(1, 3)"]),
        ([X.astype(np.float64), B], ["#0", "'x'", "float32", "float64"]),
        ([X, B.astype(np.int32)], ["#1", "'bias'", "float32", "int32"]),
        ([np.float32(1.0), B], ["#0", "'x'", "()"]),
    ],
    ids=["shape_x", "shape_bias_rank", "dtype_x_f64", "dtype_bias_i32", "scalar_for_tensor"],
)
def test_wrong_shape_or_dtype_names_the_input(module, inputs, words):
    with pytest.raises(InputError) as err:
        evaluate(module, inputs)
    for word in words:
        assert word in str(err.value), (word, str(err.value))


def test_wrong_dtype_by_name(module):
    with pytest.raises(InputError, match=r"'bias'.*float32.*float16"):
        evaluate(module, {"x": X, "bias": B.astype(np.float16)})


@pytest.mark.parametrize("inputs", [[X], [X, B, B], []], ids=["too_few", "too_many", "none"])
def test_wrong_count(module, inputs):
    with pytest.raises(InputError, match=rf"takes 2 inputs \(x, bias\), got {len(inputs)}"):
        evaluate(module, inputs)


def test_dict_missing_input_is_named(module):
    with pytest.raises(InputError, match=r"missing \['bias'\]") as err:
        evaluate(module, {"x": X})
    assert "unknown" not in str(err.value)


def test_dict_unknown_input_is_named(module):
    with pytest.raises(InputError, match=r"unknown \['y'\]"):
        evaluate(module, {"x": X, "bias": B, "y": B})


def test_dict_missing_and_unknown(module):
    with pytest.raises(InputError, match=r"missing \['bias'\]; unknown \['b'\]"):
        evaluate(module, {"x": X, "b": B})


def test_rank0_input_stays_rank0():
    text = """
    func.func @main(%s: tensor<f32>, %v: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
      %n = graph.neg %s : tensor<f32>
      %y = graph.mul %v, %s : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
      func.return %n, %y : tensor<f32>, tensor<3xf32>
    }
    """
    m = parse_module(make_context(), text)
    n, y = evaluate(m, [np.asarray(2.0, np.float32), B])
    assert n.shape == () and n.dtype == np.float32 and n == -2.0
    np.testing.assert_array_equal(y, 2 * B)


def test_multiple_results_and_mixed_levels():
    """A function mixing graph and meta-op ops, with two results."""
    text = """
    func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<f32>) {
      %r = graph.relu %x : tensor<4xf32>
      %s = metaop.reduce add %r axes [0] : tensor<4xf32> -> tensor<f32>
      func.return %r, %s : tensor<4xf32>, tensor<f32>
    }
    """
    m = parse_module(make_context(), text)
    x = np.array([-1.0, 2.0, -3.0, 4.0], np.float32)
    r, s = evaluate(m, [x])
    np.testing.assert_array_equal(r, [0, 2, 0, 4])
    assert s.shape == () and s == 6.0


FUNCS = """
func.func @double(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = graph.add %x, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  func.return %y : tensor<2xf32>
}
func.func @negate(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = graph.neg %x : tensor<2xf32>
  func.return %y : tensor<2xf32>
}
"""


def test_entry_function_must_be_named_when_ambiguous():
    m = parse_module(make_context(), FUNCS)
    x = np.array([1.0, -2.0], np.float32)
    with pytest.raises(InputError, match=r"cannot choose an entry function.*@double, @negate"):
        evaluate(m, [x])
    np.testing.assert_array_equal(evaluate(m, [x], function="negate")[0], -x)
    np.testing.assert_array_equal(evaluate(m, [x], function="double")[0], 2 * x)
    with pytest.raises(InputError, match=r"no function named '@main'"):
        evaluate(m, [x], function="main")


def test_main_is_preferred_and_a_single_function_is_chosen():
    x = np.array([1.0, -2.0], np.float32)
    with_main = parse_module(make_context(), FUNCS.replace("@negate", "@main"))
    np.testing.assert_array_equal(evaluate(with_main, [x])[0], -x)
    only = parse_module(make_context(), FUNCS.split("func.func @negate")[0])
    np.testing.assert_array_equal(evaluate(only, [x])[0], 2 * x)
