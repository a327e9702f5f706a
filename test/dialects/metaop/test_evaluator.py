"""The meta-op evaluator's semantics, one op at a time: small IR texts are parsed,
verified and run, and each result is compared with a NumPy expectation written out by
hand from the op's definition (its docstring, Jittor's meta-ops, MLIR's affine rules).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mopc.core.context import make_context, resources_of
from mopc.core.evaluate import evaluate
from mopc.core.parsing import parse_module
from mopc.core.resources import ResourceStore
from mopc.core.verifier import verify_module

NEG_INF = "0xFFF0000000000000"  # how MLIR (and mopc's printer) spells an f64 -inf


def run_text(text: str, *inputs: np.ndarray, setup=None) -> list[np.ndarray]:
    ctx = make_context()
    store: ResourceStore = resources_of(ctx)
    if setup is not None:
        setup(store)
    module = parse_module(ctx, text)
    verify_module(module)
    return evaluate(module, list(inputs), store=store)


def run_op(arg_types: list[str], result_type: str, op: str, *inputs: np.ndarray, setup=None) -> np.ndarray:
    """Run `%r = <op>` in a function of arguments `%a`, `%b`, `%c` (in that order)."""
    args = ", ".join(f"%{n}: {t}" for n, t in zip("abc", arg_types))
    text = (
        f"func.func @main({args}) -> {result_type} {{\n"
        f"  %r = {op}\n"
        f"  func.return %r : {result_type}\n"
        f"}}\n"
    )
    (result,) = run_text(text, *inputs, setup=setup)
    return result


def same(actual: np.ndarray, expected, dtype=None) -> None:
    """Exact equality of value, shape and dtype (NaN equal to NaN)."""
    expected = np.asarray(expected, dtype=dtype if dtype is not None else actual.dtype)
    assert actual.dtype == expected.dtype, f"dtype {actual.dtype} != {expected.dtype}"
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    np.testing.assert_array_equal(actual, expected)


def close(actual: np.ndarray, expected, dtype=np.float32, rtol=1e-6, atol=1e-7) -> None:
    expected = np.asarray(expected)
    assert actual.dtype == np.dtype(dtype), f"dtype {actual.dtype} != {np.dtype(dtype)}"
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


F32 = np.float32
RNG_SEED = 7


def arange(shape, dtype=F32, start=1):
    return (np.arange(math.prod(shape)) + start).astype(dtype).reshape(shape)


# -- reindex ---------------------------------------------------------------------------------


def test_reindex_shift_with_fill():
    x = arange((5,))
    y = run_op(["tensor<5xf32>"], "tensor<9xf32>",
               "metaop.reindex %a map affine_map<(d0) -> (d0 - 2)> fill -1.500000e+00 "
               ": tensor<5xf32> -> tensor<9xf32>", x)
    same(y, [-1.5, -1.5, 1, 2, 3, 4, 5, -1.5, -1.5])


def test_reindex_default_fill_is_zero():
    x = arange((4,))
    y = run_op(["tensor<4xf32>"], "tensor<6xf32>",
               "metaop.reindex %a map affine_map<(d0) -> (d0 + 3)> : tensor<4xf32> -> tensor<6xf32>", x)
    same(y, [4, 0, 0, 0, 0, 0])


def test_reindex_neg_inf_fill():
    x = arange((2, 3)) - 10
    y = run_op(["tensor<2x3xf32>"], "tensor<2x5xf32>",
               f"metaop.reindex %a map affine_map<(d0, d1) -> (d0, d1 - 1)> fill {NEG_INF} "
               ": tensor<2x3xf32> -> tensor<2x5xf32>", x)
    expected = np.full((2, 5), -np.inf, F32)
    expected[:, 1:4] = x
    same(y, expected)


def test_reindex_transpose_map():
    x = arange((3, 4))
    y = run_op(["tensor<3x4xf32>"], "tensor<4x3xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> (d1, d0)> : tensor<3x4xf32> -> tensor<4x3xf32>", x)
    same(y, x.T)


def test_reindex_floordiv_mod_flatten():
    x = arange((2, 3))
    y = run_op(["tensor<2x3xf32>"], "tensor<6xf32>",
               "metaop.reindex %a map affine_map<(d0) -> (d0 floordiv 3, d0 mod 3)> "
               ": tensor<2x3xf32> -> tensor<6xf32>", x)
    same(y, x.reshape(6))


def test_reindex_nearest_upsample():
    x = arange((2, 3))
    y = run_op(["tensor<2x3xf32>"], "tensor<4x6xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> (d0 floordiv 2, d1 floordiv 2)> "
               ": tensor<2x3xf32> -> tensor<4x6xf32>", x)
    same(y, np.repeat(np.repeat(x, 2, axis=0), 2, axis=1))


def test_reindex_floordiv_rounds_toward_negative_infinity():
    """`(d0 - 3) floordiv 2` is -2, -2, -1, 0, 0, 1, 1, 2 for d0 = 0..7: index -1 (not 0,
    as truncation would give) at d0 = 2, so that element is a fill."""
    x = arange((3,))
    y = run_op(["tensor<3xf32>"], "tensor<8xf32>",
               "metaop.reindex %a map affine_map<(d0) -> ((d0 - 3) floordiv 2)> fill 9.000000e+00 "
               ": tensor<3xf32> -> tensor<8xf32>", x)
    same(y, [9, 9, 9, 1, 1, 2, 2, 3])


def test_reindex_mod_of_negative_is_non_negative():
    """`(d0 - 2) mod 3` for d0 = 0..5 is 1, 2, 0, 1, 2, 0 (MLIR: never negative)."""
    x = arange((3,))
    y = run_op(["tensor<3xf32>"], "tensor<6xf32>",
               "metaop.reindex %a map affine_map<(d0) -> ((d0 - 2) mod 3)> : tensor<3xf32> -> tensor<6xf32>", x)
    same(y, [2, 3, 1, 2, 3, 1])


def test_reindex_ceildiv():
    """`(d0 - 1) ceildiv 2` for d0 = 0..4 is 0, 0, 1, 1, 2 (-1/2 rounds up to 0)."""
    x = arange((3,))
    y = run_op(["tensor<3xf32>"], "tensor<5xf32>",
               "metaop.reindex %a map affine_map<(d0) -> ((d0 - 1) ceildiv 2)> : tensor<3xf32> -> tensor<5xf32>", x)
    same(y, [1, 1, 2, 2, 3])


def test_reindex_overflow_diagonal():
    v = arange((3,))
    y = run_op(["tensor<3xf32>"], "tensor<3x3xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> (d1)> overflow ["
               "affine_set<(d0, d1) : (d0 - d1 - 1 >= 0)>, affine_set<(d0, d1) : (d1 - d0 - 1 >= 0)>] "
               ": tensor<3xf32> -> tensor<3x3xf32>", v)
    same(y, np.diag(v))


def test_reindex_overflow_equality_set_and_fill():
    """An `==` constraint: the diagonal is filled, everything else copied."""
    x = arange((3, 3))
    y = run_op(["tensor<3x3xf32>"], "tensor<3x3xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> (d0, d1)> fill -7.000000e+00 "
               "overflow [affine_set<(d0, d1) : (d0 - d1 == 0)>] : tensor<3x3xf32> -> tensor<3x3xf32>", x)
    expected = x.copy()
    np.fill_diagonal(expected, -7)
    same(y, expected)


def test_reindex_overflow_set_with_several_constraints():
    """A set is the conjunction of its constraints: only points with d0 >= 1 AND d1 <= 1."""
    x = arange((3, 3))
    y = run_op(["tensor<3x3xf32>"], "tensor<3x3xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> (d0, d1)> "
               "overflow [affine_set<(d0, d1) : (d0 - 1 >= 0, -d1 + 1 >= 0)>] "
               ": tensor<3x3xf32> -> tensor<3x3xf32>", x)
    expected = x.copy()
    expected[1:, :2] = 0
    same(y, expected)


def test_reindex_rank0_input():
    x = np.asarray(2.5, F32)
    y = run_op(["tensor<f32>"], "tensor<2x3xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> ()> : tensor<f32> -> tensor<2x3xf32>", x)
    same(y, np.full((2, 3), 2.5))


@pytest.mark.parametrize("index,expected", [(2, 3.0), (7, -1.0)], ids=["inside", "out_of_bounds"])
def test_reindex_rank0_output(index, expected):
    x = arange((4,))
    y = run_op(["tensor<4xf32>"], "tensor<f32>",
               f"metaop.reindex %a map affine_map<() -> ({index})> fill -1.000000e+00 "
               ": tensor<4xf32> -> tensor<f32>", x)
    same(y, np.asarray(expected, F32))


def test_reindex_integer_elements():
    x = np.array([5, -6, 7], np.int32)
    y = run_op(["tensor<3xi32>"], "tensor<5xi32>",
               "metaop.reindex %a map affine_map<(d0) -> (2 - d0)> fill 4.000000e+00 "
               ": tensor<3xi32> -> tensor<5xi32>", x)
    same(y, np.array([7, -6, 5, 4, 4], np.int32))


def test_reindex_large_leading_axis_chunks_agree():
    """Results larger than one gather chunk (2**22 elements) are assembled in pieces."""
    x = arange((3, 5))
    y = run_op(["tensor<3x5xf32>"], "tensor<2100x2100xf32>",
               "metaop.reindex %a map affine_map<(d0, d1) -> (d0 mod 3, d1 mod 5)> "
               ": tensor<3x5xf32> -> tensor<2100x2100xf32>", x)
    same(y, np.tile(x, (700, 420)))


# -- broadcast -------------------------------------------------------------------------------


def test_broadcast_new_leading_dim_and_stretch():
    x = arange((3, 1))
    y = run_op(["tensor<3x1xf32>"], "tensor<2x3x4xf32>",
               "metaop.broadcast %a dims [0] : tensor<3x1xf32> -> tensor<2x3x4xf32>", x)
    same(y, np.broadcast_to(x[None], (2, 3, 4)))


def test_broadcast_bias_to_nchw():
    x = arange((4,))
    y = run_op(["tensor<4xf32>"], "tensor<1x4x2x3xf32>",
               "metaop.broadcast %a dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x2x3xf32>", x)
    same(y, np.broadcast_to(x[None, :, None, None], (1, 4, 2, 3)))


def test_broadcast_new_middle_and_trailing_dims():
    x = arange((2, 3))
    y = run_op(["tensor<2x3xf32>"], "tensor<2x4x3x2xf32>",
               "metaop.broadcast %a dims [1, 3] : tensor<2x3xf32> -> tensor<2x4x3x2xf32>", x)
    same(y, np.broadcast_to(x[:, None, :, None], (2, 4, 3, 2)))


def test_broadcast_stretch_only():
    x = arange((1, 3))
    y = run_op(["tensor<1x3xf32>"], "tensor<4x3xf32>",
               "metaop.broadcast %a : tensor<1x3xf32> -> tensor<4x3xf32>", x)
    same(y, np.repeat(x, 4, axis=0))


def test_broadcast_rank0_and_i1():
    c = np.asarray(True)
    y = run_op(["tensor<i1>"], "tensor<2x2xi1>",
               "metaop.broadcast %a dims [0, 1] : tensor<i1> -> tensor<2x2xi1>", c)
    same(y, np.ones((2, 2), bool))


# -- reindex_reduce --------------------------------------------------------------------------


def test_reindex_reduce_add_pairs():
    y_in = arange((8, 3))
    x = run_op(["tensor<8x3xf32>"], "tensor<4xf32>",
               "metaop.reindex_reduce add %a map affine_map<(d0, d1) -> (d0 floordiv 2)> "
               ": tensor<8x3xf32> -> tensor<4xf32>", y_in)
    same(x, y_in.reshape(4, 6).sum(axis=1))


@pytest.mark.parametrize(
    "kind,combine,identity",
    [("add", np.add, 0.0), ("mul", np.multiply, 1.0), ("max", np.maximum, -np.inf),
     ("min", np.minimum, np.inf)],
)
def test_reindex_reduce_collisions_and_untouched_targets(kind, combine, identity):
    """`d0 mod 3` scatters 7 inputs onto targets 0..2 (collisions); targets 3 and 4 are
    never written and keep the kind's identity."""
    values = np.array([0.5, -2.0, 3.0, 1.5, -0.25, 2.0, -1.0], F32)
    x = run_op(["tensor<7xf32>"], "tensor<5xf32>",
               f"metaop.reindex_reduce {kind} %a map affine_map<(d0) -> (d0 mod 3)> "
               ": tensor<7xf32> -> tensor<5xf32>", values)
    expected = np.full(5, identity)
    for i, v in enumerate(values.astype(np.float64)):
        expected[i % 3] = combine(expected[i % 3], v)
    same(x, expected.astype(F32))


def test_reindex_reduce_skips_out_of_bounds_targets():
    """Targets d0 - 2 for d0 = 0..5: -2, -1 (skipped), 0, 1, 2, 3 (skipped)."""
    values = np.array([100, 200, 1, 2, 3, 400], F32)
    x = run_op(["tensor<6xf32>"], "tensor<3xf32>",
               "metaop.reindex_reduce add %a map affine_map<(d0) -> (d0 - 2)> "
               ": tensor<6xf32> -> tensor<3xf32>", values)
    same(x, [1, 2, 3])


def test_reindex_reduce_overflow_set_lower_triangle():
    """Row sums of the lower triangle: (i, j) with j > i is in the overflow set."""
    y_in = arange((4, 4))
    x = run_op(["tensor<4x4xf32>"], "tensor<4xf32>",
               "metaop.reindex_reduce add %a map affine_map<(d0, d1) -> (d0)> "
               "overflow [affine_set<(d0, d1) : (d1 - d0 - 1 >= 0)>] : tensor<4x4xf32> -> tensor<4xf32>",
               y_in)
    same(x, np.tril(y_in).sum(axis=1))


def test_reindex_reduce_max_integer_identity():
    """An integer max target that nothing reaches holds the type's minimum."""
    values = np.array([3, -4, 9], np.int32)
    x = run_op(["tensor<3xi32>"], "tensor<6xi32>",
               "metaop.reindex_reduce max %a map affine_map<(d0) -> (d0 * 2)> "
               ": tensor<3xi32> -> tensor<6xi32>", values)
    lo = np.iinfo(np.int32).min
    same(x, np.array([3, lo, -4, lo, 9, lo], np.int32))


def test_reindex_reduce_transposed_scatter_2d():
    """A bijective map is a permutation: `(i, j) -> (j, i)` scatters to the transpose."""
    y_in = arange((2, 3))
    x = run_op(["tensor<2x3xf32>"], "tensor<3x2xf32>",
               "metaop.reindex_reduce add %a map affine_map<(d0, d1) -> (d1, d0)> "
               ": tensor<2x3xf32> -> tensor<3x2xf32>", y_in)
    same(x, y_in.T)


def test_reindex_reduce_to_rank0():
    values = arange((5,))
    x = run_op(["tensor<5xf32>"], "tensor<f32>",
               "metaop.reindex_reduce add %a map affine_map<(d0) -> ()> : tensor<5xf32> -> tensor<f32>", values)
    same(x, np.asarray(15.0, F32))


@pytest.mark.parametrize(
    "kind,expected", [("and", [True, False]), ("or", [True, True]), ("xor", [False, True])]
)
def test_reindex_reduce_logical_on_i1(kind, expected):
    values = np.array([True, True, True, False], bool)
    x = run_op(["tensor<4xi1>"], "tensor<2xi1>",
               f"metaop.reindex_reduce {kind} %a map affine_map<(d0) -> (d0 floordiv 2)> "
               ": tensor<4xi1> -> tensor<2xi1>", values)
    same(x, np.array(expected, bool))


@pytest.mark.parametrize(
    "kind,expected", [("and", [0b0100, 0b0001]), ("or", [0b1110, 0b1011]), ("xor", [0b1010, 0b1010])]
)
def test_reindex_reduce_bitwise_on_integers(kind, expected):
    values = np.array([0b0110, 0b1100, 0b1011, 0b0001], np.int32)
    x = run_op(["tensor<4xi32>"], "tensor<2xi32>",
               f"metaop.reindex_reduce {kind} %a map affine_map<(d0) -> (d0 floordiv 2)> "
               ": tensor<4xi32> -> tensor<2xi32>", values)
    same(x, np.array(expected, np.int32))


# -- reduce ----------------------------------------------------------------------------------

REDUCE_KINDS = [
    ("add", lambda x, **k: np.sum(x, dtype=np.float64, **k)),
    ("mul", lambda x, **k: np.prod(x, dtype=np.float64, **k)),
    ("max", np.max),
    ("min", np.min),
    ("mean", lambda x, **k: np.mean(x, dtype=np.float64, **k)),
]
REDUCE_AXES = [((1,), False), ((0, 2), False), ((2,), True), ((0, 1, 2), False), ((0, 1, 2), True)]


def _fmt_shape(shape):
    return "x".join(map(str, shape)) + ("x" if shape else "")


@pytest.mark.parametrize(
    "axes,keepdims", REDUCE_AXES,
    ids=[f"axes{''.join(map(str, a))}{'_keep' if k else ''}" for a, k in REDUCE_AXES],
)
@pytest.mark.parametrize("kind,fn", REDUCE_KINDS, ids=[k for k, _ in REDUCE_KINDS])
def test_reduce_float(kind, fn, axes, keepdims):
    x = np.random.default_rng(RNG_SEED).uniform(0.5, 1.5, size=(2, 3, 5)).astype(F32)
    expected = np.asarray(fn(x, axis=axes, keepdims=keepdims)).astype(F32)
    keep = " keepdims" if keepdims else ""
    out_type = f"tensor<{_fmt_shape(expected.shape)}f32>"
    y = run_op(["tensor<2x3x5xf32>"], out_type,
               f"metaop.reduce {kind} %a axes {list(axes)}{keep} : tensor<2x3x5xf32> -> {out_type}", x)
    close(y, expected, rtol=1e-6)


def test_reduce_sum_accumulates_in_double():
    """1 + 2**-24 * 16 in f32 with naive f32 accumulation (left to right) stays 1; the
    exact sum rounds to 1 + 2**-20."""
    x = np.array([1.0] + [2.0**-24] * 16, F32)
    y = run_op(["tensor<17xf32>"], "tensor<f32>",
               "metaop.reduce add %a axes [0] : tensor<17xf32> -> tensor<f32>", x)
    same(y, np.asarray(1.0 + 2.0**-20, F32))


@pytest.mark.parametrize(
    "kind,expected",
    [("and", [[True, False, False]]), ("or", [[True, True, False]]), ("xor", [[False, True, False]])],
)
def test_reduce_logical_i1_keepdims(kind, expected):
    x = np.array([[True, True, False], [True, False, False]], bool)
    y = run_op(["tensor<2x3xi1>"], "tensor<1x3xi1>",
               f"metaop.reduce {kind} %a axes [0] keepdims : tensor<2x3xi1> -> tensor<1x3xi1>", x)
    same(y, np.array(expected, bool))


@pytest.mark.parametrize(
    "kind,expected", [("add", [6, -3]), ("mul", [-10, 0]), ("max", [5, 2]), ("min", [-1, -5]),
                      ("and", [5 & -1 & 2, 0 & -5 & 2]), ("or", [5 | -1 | 2, 0 | -5 | 2]),
                      ("xor", [5 ^ -1 ^ 2, 0 ^ -5 ^ 2]), ("mean", [2, -1])],
)
def test_reduce_integers(kind, expected):
    x = np.array([[5, -1, 2], [0, -5, 2]], np.int32)
    y = run_op(["tensor<2x3xi32>"], "tensor<2xi32>",
               f"metaop.reduce {kind} %a axes [1] : tensor<2x3xi32> -> tensor<2xi32>", x)
    same(y, np.array(expected, np.int32))


# -- unary -----------------------------------------------------------------------------------

_ERF = np.vectorize(math.erf)

UNARY = [
    ("abs", np.abs, (-3, 3)),
    ("neg", np.negative, (-3, 3)),
    ("exp", np.exp, (-3, 3)),
    ("log", np.log, (0.1, 5)),
    ("sqrt", np.sqrt, (0, 5)),
    ("rsqrt", lambda x: 1 / np.sqrt(x), (0.1, 5)),
    ("recip", lambda x: 1 / x, (0.5, 5)),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x)), (-6, 6)),
    ("tanh", np.tanh, (-3, 3)),
    ("erf", _ERF, (-2, 2)),
    ("floor", np.floor, (-3, 3)),
    ("ceil", np.ceil, (-3, 3)),
    ("round", np.round, (-3, 3)),
    ("sin", np.sin, (-4, 4)),
    ("cos", np.cos, (-4, 4)),
]


@pytest.mark.parametrize("kind,fn,span", UNARY, ids=[u[0] for u in UNARY])
def test_unary_float(kind, fn, span):
    x = np.random.default_rng(RNG_SEED).uniform(*span, size=(3, 4)).astype(F32)
    y = run_op(["tensor<3x4xf32>"], "tensor<3x4xf32>", f"metaop.unary {kind} %a : tensor<3x4xf32>", x)
    close(y, fn(x.astype(np.float64)).astype(F32), rtol=1e-6)


def test_unary_f64_keeps_precision():
    x = np.array([1e-10, 0.5, 2.0], np.float64)
    y = run_op(["tensor<3xf64>"], "tensor<3xf64>", "metaop.unary exp %a : tensor<3xf64>", x)
    close(y, np.exp(x), dtype=np.float64, rtol=1e-15, atol=0)


def test_unary_round_half_to_even():
    x = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.4999, 2.6], F32)
    y = run_op(["tensor<8xf32>"], "tensor<8xf32>", "metaop.unary round %a : tensor<8xf32>", x)
    same(y, np.array([0, 2, 2, -0, -2, -2, 0, 3], F32))


def test_unary_floor_ceil_negative():
    x = np.array([-1.5, -0.5, 0.5, 1.0], F32)
    fl = run_op(["tensor<4xf32>"], "tensor<4xf32>", "metaop.unary floor %a : tensor<4xf32>", x)
    ce = run_op(["tensor<4xf32>"], "tensor<4xf32>", "metaop.unary ceil %a : tensor<4xf32>", x)
    same(fl, [-2, -1, 0, 1])
    same(ce, [-1, -0, 1, 1])


def test_unary_special_values():
    x = np.array([-1.0, 0.0, np.inf], F32)
    lg = run_op(["tensor<3xf32>"], "tensor<3xf32>", "metaop.unary log %a : tensor<3xf32>", x)
    rc = run_op(["tensor<3xf32>"], "tensor<3xf32>", "metaop.unary recip %a : tensor<3xf32>", x)
    same(lg, [np.nan, -np.inf, np.inf])
    same(rc, [-1.0, np.inf, 0.0])


def test_unary_not_i1():
    x = np.array([True, False, True], bool)
    same(run_op(["tensor<3xi1>"], "tensor<3xi1>", "metaop.unary not %a : tensor<3xi1>", x), ~x)


@pytest.mark.parametrize("kind,expected", [("abs", [3, 0, 7]), ("neg", [3, 0, -7])])
def test_unary_integers(kind, expected):
    x = np.array([-3, 0, 7], np.int32)
    y = run_op(["tensor<3xi32>"], "tensor<3xi32>", f"metaop.unary {kind} %a : tensor<3xi32>", x)
    same(y, np.array(expected, np.int32))


# -- binary ----------------------------------------------------------------------------------

BINARY = [
    ("add", np.add), ("sub", np.subtract), ("mul", np.multiply), ("div", np.divide),
    ("max", np.maximum), ("min", np.minimum), ("pow", np.power),
]


@pytest.mark.parametrize("kind,fn", BINARY, ids=[b[0] for b in BINARY])
def test_binary_float(kind, fn):
    rng = np.random.default_rng(RNG_SEED)
    a = rng.uniform(0.2, 3.0, size=(2, 3)).astype(F32)
    b = rng.uniform(-2.0, 2.0, size=(2, 3)).astype(F32)
    y = run_op(["tensor<2x3xf32>", "tensor<2x3xf32>"], "tensor<2x3xf32>",
               f"metaop.binary {kind} %a, %b : tensor<2x3xf32>", a, b)
    close(y, fn(a.astype(np.float64), b.astype(np.float64)).astype(F32), rtol=1e-6)


def test_binary_mod_takes_the_divisors_sign_float():
    a = np.array([7.5, -7.5, 7.5, -7.5, 6.0], F32)
    b = np.array([2.0, 2.0, -2.0, -2.0, 3.0], F32)
    y = run_op(["tensor<5xf32>", "tensor<5xf32>"], "tensor<5xf32>",
               "metaop.binary mod %a, %b : tensor<5xf32>", a, b)
    same(y, [1.5, 0.5, -0.5, -1.5, 0.0])


def test_binary_mod_and_div_integers_are_floor_consistent():
    """Integer mod takes the divisor's sign (-7 mod 3 = 2, 7 mod -3 = -2); integer div
    rounds toward -inf, so that a == (a div b) * b + (a mod b)."""
    a = np.array([7, -7, 7, -7, 6], np.int32)
    b = np.array([3, 3, -3, -3, 3], np.int32)
    types = ["tensor<5xi32>", "tensor<5xi32>"]
    mod = run_op(types, "tensor<5xi32>", "metaop.binary mod %a, %b : tensor<5xi32>", a, b)
    div = run_op(types, "tensor<5xi32>", "metaop.binary div %a, %b : tensor<5xi32>", a, b)
    same(mod, np.array([1, 2, -2, -1, 0], np.int32))
    same(div, np.array([2, -3, -3, 2, 2], np.int32))
    same(div * b + mod, a)


def test_binary_max_min_propagate_nan():
    a = np.array([np.nan, 1.0, 2.0], F32)
    b = np.array([0.0, np.nan, 3.0], F32)
    types = ["tensor<3xf32>", "tensor<3xf32>"]
    mx = run_op(types, "tensor<3xf32>", "metaop.binary max %a, %b : tensor<3xf32>", a, b)
    mn = run_op(types, "tensor<3xf32>", "metaop.binary min %a, %b : tensor<3xf32>", a, b)
    same(mx, [np.nan, np.nan, 3.0])
    same(mn, [np.nan, np.nan, 2.0])


@pytest.mark.parametrize("kind,fn", [("and", np.logical_and), ("or", np.logical_or), ("xor", np.logical_xor),
                                     ("max", np.logical_or), ("min", np.logical_and)])
def test_binary_logical_i1(kind, fn):
    a = np.array([True, True, False, False])
    b = np.array([True, False, True, False])
    y = run_op(["tensor<4xi1>", "tensor<4xi1>"], "tensor<4xi1>",
               f"metaop.binary {kind} %a, %b : tensor<4xi1>", a, b)
    same(y, fn(a, b))


@pytest.mark.parametrize(
    "kind,expected", [("and", [0b1000, -8 & 5]), ("or", [0b1110, -8 | 5]), ("xor", [0b0110, -8 ^ 5]),
                      ("add", [22, -3]), ("sub", [-2, -13]), ("mul", [120, -40]), ("max", [12, 5]),
                      ("min", [10, -8]), ("pow", [10**12, -32768])],
)
def test_binary_integers(kind, expected):
    a = np.array([0b1010, -8], np.int64)
    b = np.array([0b1100, 5], np.int64)
    y = run_op(["tensor<2xi64>", "tensor<2xi64>"], "tensor<2xi64>",
               f"metaop.binary {kind} %a, %b : tensor<2xi64>", a, b)
    same(y, np.array(expected, np.int64))


# -- compare, ternary, cast, index -----------------------------------------------------------

COMPARE = [("eq", np.equal), ("ne", np.not_equal), ("lt", np.less), ("le", np.less_equal),
           ("gt", np.greater), ("ge", np.greater_equal)]


@pytest.mark.parametrize("dtype,elem", [(F32, "f32"), (np.int32, "i32")], ids=["f32", "i32"])
@pytest.mark.parametrize("kind,fn", COMPARE, ids=[c[0] for c in COMPARE])
def test_compare(kind, fn, dtype, elem):
    a = np.array([1, 2, 3, -1, 0], dtype)
    b = np.array([1, 3, 2, -1, -0], dtype)
    y = run_op([f"tensor<5x{elem}>", f"tensor<5x{elem}>"], "tensor<5xi1>",
               f"metaop.compare {kind} %a, %b : tensor<5x{elem}> -> tensor<5xi1>", a, b)
    same(y, fn(a, b), dtype=bool)


def test_compare_nan_is_unordered():
    a = np.array([np.nan, np.nan], F32)
    b = np.array([1.0, np.nan], F32)
    for kind, expected in [("eq", [False, False]), ("ne", [True, True]), ("lt", [False, False]),
                           ("ge", [False, False])]:
        y = run_op(["tensor<2xf32>", "tensor<2xf32>"], "tensor<2xi1>",
                   f"metaop.compare {kind} %a, %b : tensor<2xf32> -> tensor<2xi1>", a, b)
        same(y, np.array(expected, bool))


def test_ternary_select():
    c = np.array([[True, False, True], [False, False, True]])
    a, b = arange((2, 3)), -arange((2, 3))
    y = run_op(["tensor<2x3xi1>", "tensor<2x3xf32>", "tensor<2x3xf32>"], "tensor<2x3xf32>",
               "metaop.ternary %a, %b, %c : tensor<2x3xi1>, tensor<2x3xf32>", c, a, b)
    same(y, [[1, -2, 3], [-4, -5, 6]])


def test_ternary_i32():
    c = np.array([True, False])
    a, b = np.array([1, 2], np.int32), np.array([-1, -2], np.int32)
    y = run_op(["tensor<2xi1>", "tensor<2xi32>", "tensor<2xi32>"], "tensor<2xi32>",
               "metaop.ternary %a, %b, %c : tensor<2xi1>, tensor<2xi32>", c, a, b)
    same(y, np.array([1, -2], np.int32))


CASTS = [
    ("f32_to_i32_truncates", "f32", "i32", np.array([-1.7, -0.5, 0.5, 1.7, 2.99, -3.0], F32),
     np.array([-1, 0, 0, 1, 2, -3], np.int32)),
    ("f32_to_i64_truncates", "f32", "i64", np.array([-2.5, 2.5, 1e10], F32),
     np.array([-2, 2, 10000000000], np.int64)),
    ("f32_to_i1_nonzero", "f32", "i1", np.array([0.0, -0.0, 0.1, -3.0, np.nan], F32),
     np.array([False, False, True, True, True])),
    ("i32_to_i1_nonzero", "i32", "i1", np.array([0, 1, -2], np.int32), np.array([False, True, True])),
    ("i1_to_f32", "i1", "f32", np.array([True, False]), np.array([1.0, 0.0], F32)),
    ("i32_to_f32", "i32", "f32", np.array([-3, 16777217], np.int32), np.array([-3.0, 16777216.0], F32)),
    ("f32_to_f16_rounds", "f32", "f16", np.array([1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, 70000.0], F32),
     np.array([1.0, 1.0 + 2.0**-9, np.inf], np.float16)),
    ("f32_to_f64", "f32", "f64", np.array([0.1], F32), np.array([np.float32(0.1)], np.float64)),
    ("f64_to_f32_rounds", "f64", "f32", np.array([0.1, 1e40], np.float64), np.array([0.1, np.inf], F32)),
    ("i64_to_i8_wraps", "i64", "i8", np.array([127, 128, -129], np.int64), np.array([127, -128, 127], np.int8)),
]


@pytest.mark.parametrize("src,dst,x,expected", [c[1:] for c in CASTS], ids=[c[0] for c in CASTS])
def test_cast(src, dst, x, expected):
    n = x.shape[0]
    with np.errstate(over="ignore"):
        y = run_op([f"tensor<{n}x{src}>"], f"tensor<{n}x{dst}>",
                   f"metaop.cast %a : tensor<{n}x{src}> to tensor<{n}x{dst}>", x)
    same(y, expected)


@pytest.mark.parametrize(
    "shape,dim,elem,dtype",
    [((2, 3), 1, "i64", np.int64), ((2, 3), 0, "f32", F32), ((2, 3, 4), 2, "i32", np.int32), ((5,), 0, "i64", np.int64)],
    ids=["cols_i64", "rows_f32", "last_i32", "1d"],
)
def test_index(shape, dim, elem, dtype):
    text = (
        f"func.func @main() -> tensor<{_fmt_shape(shape)}{elem}> {{\n"
        f"  %r = metaop.index dim {dim} : tensor<{_fmt_shape(shape)}{elem}>\n"
        f"  func.return %r : tensor<{_fmt_shape(shape)}{elem}>\n}}\n"
    )
    (y,) = run_text(text)
    same(y, np.indices(shape)[dim].astype(dtype))


# -- constant --------------------------------------------------------------------------------


def _const(value: str, result_type: str, setup=None) -> np.ndarray:
    text = (
        f"func.func @main() -> {result_type} {{\n"
        f"  %r = metaop.constant {value} : {result_type}\n"
        f"  func.return %r : {result_type}\n}}\n"
    )
    (y,) = run_text(text, setup=setup)
    return y


def test_constant_splat():
    same(_const("dense<1.500000e+00>", "tensor<2x3xf32>"), np.full((2, 3), 1.5, F32))


def test_constant_dense_f32():
    same(_const("dense<[[1.0, 2.0], [3.0, -4.5]]>", "tensor<2x2xf32>"), np.array([[1, 2], [3, -4.5]], F32))


def test_constant_dense_i1_and_i32():
    same(_const("dense<[true, false, true]>", "tensor<3xi1>"), np.array([True, False, True]))
    same(_const("dense<[-1, 2, 2147483647]>", "tensor<3xi32>"), np.array([-1, 2, 2**31 - 1], np.int32))


def test_constant_scalar_splat_i1():
    same(_const("dense<true>", "tensor<2x2xi1>"), np.ones((2, 2), bool))


def test_constant_dense_resource_from_store():
    w = np.random.default_rng(RNG_SEED).standard_normal((3, 4)).astype(F32)
    y = _const("dense_resource<fc.weight>", "tensor<3x4xf32>", setup=lambda s: s.add("fc.weight", w))
    same(y, w)


def test_constant_dense_resource_inline_blob():
    """MLIR's blob: a little-endian u32 alignment header (4), then the raw data."""
    data = np.array([1.0, -2.0, 0.5], "<f4")
    blob = "0x04000000" + data.tobytes().hex().upper()
    text = (
        "func.func @main() -> tensor<3xf32> {\n"
        "  %r = metaop.constant dense_resource<blob> : tensor<3xf32>\n"
        "  func.return %r : tensor<3xf32>\n}\n"
        f'{{-#\n  dialect_resources: {{\n    builtin: {{\n      blob: "{blob}"\n    }}\n  }}\n#-}}\n'
    )
    (y,) = run_text(text)
    same(y, data.astype(F32))


# -- a composite -----------------------------------------------------------------------------


def test_composite_relu_via_constant_and_binary():
    """A small function mixing classes: max(x, 0) * (index along axis 1)."""
    x = np.array([[-1.0, 2.0, 3.0], [4.0, -5.0, 6.0]], F32)
    text = """
    func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
      %z = metaop.constant dense<0.000000e+00> : tensor<2x3xf32>
      %r = metaop.binary max %x, %z : tensor<2x3xf32>
      %i = metaop.index dim 1 : tensor<2x3xi64>
      %f = metaop.cast %i : tensor<2x3xi64> to tensor<2x3xf32>
      %y = metaop.binary mul %r, %f : tensor<2x3xf32>
      func.return %y : tensor<2x3xf32>
    }
    """
    (y,) = run_text(text, x)
    same(y, np.maximum(x, 0) * np.array([0, 1, 2], F32))
