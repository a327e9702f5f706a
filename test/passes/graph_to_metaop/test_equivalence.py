"""`graph-to-metaop` preserves meaning: for every graph op (and its attribute variants),
the meta-op evaluator on the lowered module gives what the graph evaluator gives on the
original one, and the lowered module verifies and holds no `graph.` op.

The two evaluators are independent NumPy implementations (sliding windows and einsum
at the graph level; index maps, gathers and scatter-reduces at the meta-op level), so
each is the other's oracle. Shapes stay small: the meta-op evaluator materialises
convolution's 7-D iteration space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from op_cases import (
    BROADCAST_SHAPES,
    CONV_CASES,
    CONV_TRANSPOSE_CASES,
    GATHER_CASES,
    GEMM_CASES,
    MATMUL_CASES,
    POOL_CASES,
    REDUCE_AXES,
    RESHAPE_CASES,
)
from support.chains import residual_block, strided_conv_bn_relu_pool
from xdsl.ir import SSAValue

from mopc.core.evaluate import evaluate
from mopc.core.verifier import verify_module
from mopc.dialects import graph as g
from mopc.dialects.graph.shapes import ShapeError, pool_window_counts
from mopc.dialects.graph.shapes import conv2d as conv_shape
from mopc.dialects.graph.shapes import pool2d as pool_shape
from mopc.frontend.builder import GraphBuilder
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass

RTOL, ATOL = 1e-5, 1e-5

Build = Callable[..., SSAValue]


def rand(rng: np.random.Generator, shape: Sequence[int], low: float = -2.0, high: float = 2.0):
    return rng.uniform(low, high, size=tuple(shape)).astype(np.float32)


def lower_and_compare(build: Build, *arrays: np.ndarray, rtol: float = RTOL, atol: float = ATOL):
    """`build(b, *inputs) -> result value` builds graph IR (it may add parameters and
    constants to `b`); run it at both levels and compare."""
    b = GraphBuilder()
    inputs = [b.input(f"x{i}", a.shape) for i, a in enumerate(arrays)]
    module = b.finish(build(b, *inputs))
    verify_module(module)
    (declared,) = module.body.block.first_op.function_type.outputs.data
    (expected,) = evaluate(module, list(arrays), store=b.store)
    assert expected.shape == tuple(declared.get_shape()), "graph evaluator: wrong result shape"

    GraphToMetaopPass().apply(b.ctx, module)
    verify_module(module)
    names = [op.name for op in module.walk()]
    leftover = [n for n in names if n.startswith("graph.")]
    assert not leftover, f"graph ops left after lowering: {leftover}"
    (actual,) = evaluate(module, list(arrays), store=b.store)

    assert actual.dtype == expected.dtype == np.float32
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
    return names, actual


def one(make: Callable[..., object]) -> Build:
    """A build function for a single op: `make(*inputs) -> op`."""
    return lambda b, *xs: b.add(make(*xs))


# -- convolution ---------------------------------------------------------------------------


def conv_build(ws, bias, strides, pads, dilations, groups, rng) -> Build:
    w = rand(rng, ws)
    bvec = rand(rng, (ws[0],)) if bias else None

    def build(b: GraphBuilder, x: SSAValue) -> SSAValue:
        wv = b.param("conv.weight", w)
        bv = b.param("conv.bias", bvec) if bvec is not None else None
        conv = g.Conv2dOp(x, wv, bv, strides=strides, pads=pads, dilations=dilations, groups=groups)
        return b.add(conv, name="conv")

    return build


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,groups",
    [c[1:] for c in CONV_CASES],
    ids=[c[0] for c in CONV_CASES],
)
def test_conv(xs, ws, bias, strides, pads, dilations, groups):
    rng = np.random.default_rng(100)
    x = rand(rng, xs)
    names, _ = lower_and_compare(conv_build(ws, bias, strides, pads, dilations, groups, rng), x)
    assert "metaop.reindex" in names and "metaop.reduce" in names


def test_conv_operands_as_inputs():
    """Weight and bias as function arguments rather than parameters."""
    rng = np.random.default_rng(101)
    x, w, bias = rand(rng, (1, 4, 5, 6)), rand(rng, (4, 2, 2, 3)), rand(rng, (4,))
    lower_and_compare(
        one(lambda xv, wv, bv: g.Conv2dOp(xv, wv, bv, strides=(1, 2), pads=(1, 0, 0, 1), groups=2)),
        x, w, bias,
    )


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,output_padding,groups",
    [c[1:] for c in CONV_TRANSPOSE_CASES],
    ids=[c[0] for c in CONV_TRANSPOSE_CASES],
)
def test_conv_transpose(xs, ws, bias, strides, pads, dilations, output_padding, groups):
    rng = np.random.default_rng(102)
    x, w = rand(rng, xs), rand(rng, ws)
    bvec = rand(rng, (ws[1] * groups,)) if bias else None

    def build(b: GraphBuilder, xv: SSAValue) -> SSAValue:
        bv = b.param("bias", bvec) if bvec is not None else None
        return b.add(g.ConvTranspose2dOp(
            xv, b.param("w", w), bv, strides=strides, pads=pads, dilations=dilations,
            output_padding=output_padding, groups=groups,
        ))

    names, _ = lower_and_compare(build, x)
    assert names.count("metaop.reindex") == 2 and "metaop.reduce" in names
    assert ("metaop.reindex_reduce" in names) == (strides != (1, 1))  # spreads strided inputs


def _random_conv(rng: np.random.Generator):
    while True:
        groups = int(rng.integers(1, 4))
        cg, og = int(rng.integers(1, 3)), int(rng.integers(1, 3))
        k = tuple(int(v) for v in rng.integers(1, 4, size=2))
        strides = tuple(int(v) for v in rng.integers(1, 4, size=2))
        dilations = tuple(int(v) for v in rng.integers(1, 3, size=2))
        pads = tuple(int(v) for v in rng.integers(0, 3, size=4))
        hw = tuple(int(v) for v in rng.integers(3, 10, size=2))
        xs = (int(rng.integers(1, 3)), groups * cg, *hw)
        ws = (groups * og, cg, *k)
        try:
            conv_shape(xs, ws, strides, pads, dilations, groups)
        except ShapeError:
            continue
        return xs, ws, bool(rng.integers(0, 2)), strides, pads, dilations, groups


RANDOM_CONVS = [_random_conv(np.random.default_rng(1000 + i)) for i in range(20)]


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,groups",
    RANDOM_CONVS,
    ids=[f"seed{1000 + i}" for i in range(len(RANDOM_CONVS))],
)
def test_conv_random(xs, ws, bias, strides, pads, dilations, groups):
    rng = np.random.default_rng(sum(xs) + sum(ws))
    lower_and_compare(conv_build(ws, bias, strides, pads, dilations, groups, rng), rand(rng, xs))


# -- pooling -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "xs,kernel,strides,pads,dilations,ceil", [c[1:] for c in POOL_CASES], ids=[c[0] for c in POOL_CASES]
)
def test_max_pool(xs, kernel, strides, pads, dilations, ceil):
    x = rand(np.random.default_rng(102), xs)
    lower_and_compare(
        one(lambda xv: g.MaxPool2dOp(
            xv, kernel=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil
        )),
        x, rtol=0, atol=0,
    )


@pytest.mark.parametrize("include_pad", [False, True], ids=["exclude_pad", "include_pad"])
@pytest.mark.parametrize(
    "xs,kernel,strides,pads,dilations,ceil", [c[1:] for c in POOL_CASES], ids=[c[0] for c in POOL_CASES]
)
def test_avg_pool(xs, kernel, strides, pads, dilations, ceil, include_pad):
    x = rand(np.random.default_rng(103), xs)
    lower_and_compare(
        one(lambda xv: g.AvgPool2dOp(
            xv, kernel=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil,
            count_include_pad=include_pad,
        )),
        x,
    )


def _random_pool(rng: np.random.Generator):
    while True:
        kernel = tuple(int(v) for v in rng.integers(1, 4, size=2))
        strides = tuple(int(v) for v in rng.integers(1, 4, size=2))
        dilations = tuple(int(v) for v in rng.integers(1, 3, size=2))
        pads = tuple(int(rng.integers(0, kernel[i % 2])) for i in range(4))
        xs = (int(rng.integers(1, 3)), int(rng.integers(1, 4)), *(int(v) for v in rng.integers(3, 10, size=2)))
        ceil = bool(rng.integers(0, 2))
        try:
            out = pool_shape(xs, kernel, strides, pads, dilations, ceil)
        except ShapeError:
            continue
        # Every window must see at least one input element (else max is -inf and the
        # exclude-pad average 0/0 at both levels, which says nothing).
        counts = pool_window_counts(xs[2:], out[2:], kernel, strides, dilations, pads, False)
        if counts.min() == 0:
            continue
        return xs, kernel, strides, pads, dilations, ceil, bool(rng.integers(0, 2))


RANDOM_POOLS = [_random_pool(np.random.default_rng(2000 + i)) for i in range(20)]


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize(
    "xs,kernel,strides,pads,dilations,ceil,include_pad",
    RANDOM_POOLS,
    ids=[f"seed{2000 + i}" for i in range(len(RANDOM_POOLS))],
)
def test_pool_random(xs, kernel, strides, pads, dilations, ceil, include_pad, kind):
    x = rand(np.random.default_rng(sum(xs)), xs)
    common = dict(kernel=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil)
    if kind == "max":
        op = lambda xv: g.MaxPool2dOp(xv, **common)
    else:
        op = lambda xv: g.AvgPool2dOp(xv, count_include_pad=include_pad, **common)
    lower_and_compare(one(op), x)


@pytest.mark.parametrize("shape", [(2, 3, 5, 7), (1, 4, 9), (1, 2, 3, 4, 5)], ids=["4d", "3d", "5d"])
@pytest.mark.parametrize("op", [g.GlobalAvgPoolOp, g.GlobalMaxPoolOp], ids=["avg", "max"])
def test_global_pool(op, shape):
    lower_and_compare(one(op), rand(np.random.default_rng(104), shape))


# -- matrix products -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "a_shape,b_shape,c_shape,trans_a,trans_b,alpha,beta",
    [c[1:] for c in GEMM_CASES],
    ids=[c[0] for c in GEMM_CASES],
)
def test_gemm(a_shape, b_shape, c_shape, trans_a, trans_b, alpha, beta):
    rng = np.random.default_rng(105)
    arrays = [rand(rng, a_shape), rand(rng, b_shape)]
    if c_shape is not None:
        arrays.append(rand(rng, c_shape))
    lower_and_compare(
        one(lambda av, bv, cv=None: g.GemmOp(
            av, bv, cv, trans_a=trans_a, trans_b=trans_b, alpha=alpha, beta=beta
        )),
        *arrays,
    )


@pytest.mark.parametrize("a_shape,b_shape", [c[1:] for c in MATMUL_CASES], ids=[c[0] for c in MATMUL_CASES])
def test_matmul(a_shape, b_shape):
    rng = np.random.default_rng(106)
    lower_and_compare(one(g.MatmulOp), rand(rng, a_shape), rand(rng, b_shape))


# -- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape,epsilon", [((2, 3, 4, 5), 1e-5), ((4, 3), 1e-3), ((2, 5, 7), 0.1)], ids=["nchw", "nc", "ncl"]
)
def test_batch_norm(shape, epsilon):
    rng = np.random.default_rng(107)
    c = shape[1]
    params = [rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,), 0.05, 2.0)]

    def build(b, x):
        p = [b.param(name, a) for name, a in zip(("scale", "bias", "mean", "var"), params)]
        return b.add(g.BatchNormOp(x, *p, epsilon=epsilon), name="bn")

    lower_and_compare(build, rand(rng, shape))


@pytest.mark.parametrize(
    "shape,axis",
    [((2, 5), 1), ((3, 4), 0), ((2, 3, 4), -1), ((2, 3, 4), 1), ((7,), 0)],
    ids=["2d_axis1", "2d_axis0", "3d_last", "3d_middle", "1d"],
)
@pytest.mark.parametrize("op", [g.SoftmaxOp, g.LogSoftmaxOp], ids=["softmax", "log_softmax"])
def test_softmax(op, shape, axis):
    x = rand(np.random.default_rng(108), shape, -5.0, 5.0)
    lower_and_compare(one(lambda xv: op(xv, axis)), x)


# -- element-wise ----------------------------------------------------------------------------

UNARY_CASES = [
    ("relu", g.ReluOp, (-2.0, 2.0)),
    ("sigmoid", g.SigmoidOp, (-8.0, 8.0)),
    ("tanh", g.TanhOp, (-3.0, 3.0)),
    ("exp", g.ExpOp, (-4.0, 4.0)),
    ("log", g.LogOp, (0.01, 10.0)),
    ("sqrt", g.SqrtOp, (0.0, 9.0)),
    ("neg", g.NegOp, (-2.0, 2.0)),
    ("abs", g.AbsOp, (-2.0, 2.0)),
    ("leaky_relu_default", lambda x: g.LeakyReluOp(x), (-2.0, 2.0)),
    ("leaky_relu_0.2", lambda x: g.LeakyReluOp(x, 0.2), (-2.0, 2.0)),
    ("clip_relu6", lambda x: g.ClipOp(x, 0.0, 6.0), (-8.0, 8.0)),
    ("clip_min_only", lambda x: g.ClipOp(x, -0.5), (-8.0, 8.0)),
    ("clip_max_only", lambda x: g.ClipOp(x, None, 0.25), (-8.0, 8.0)),
    ("clip_unbounded", lambda x: g.ClipOp(x), (-8.0, 8.0)),
]


@pytest.mark.parametrize("shape", [(3, 5), (2, 3, 4, 5), ()], ids=["2d", "4d", "scalar"])
@pytest.mark.parametrize("op,span", [c[1:] for c in UNARY_CASES], ids=[c[0] for c in UNARY_CASES])
def test_unary(op, span, shape):
    x = rand(np.random.default_rng(109), shape, *span)
    lower_and_compare(one(op), x)


BINARY_CASES = [
    ("add", g.AddOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("sub", g.SubOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("mul", g.MulOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("div", g.DivOp, (-3.0, 3.0), (0.5, 3.0)),
    ("pow", g.PowOp, (0.1, 3.0), (-2.0, 2.0)),
    ("max", g.MaximumOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("min", g.MinimumOp, (-3.0, 3.0), (-3.0, 3.0)),
]


@pytest.mark.parametrize("a_shape,b_shape", [c[1:] for c in BROADCAST_SHAPES], ids=[c[0] for c in BROADCAST_SHAPES])
@pytest.mark.parametrize("op,span_a,span_b", [c[1:] for c in BINARY_CASES], ids=[c[0] for c in BINARY_CASES])
def test_binary(op, span_a, span_b, a_shape, b_shape):
    rng = np.random.default_rng(110)
    lower_and_compare(one(op), rand(rng, a_shape, *span_a), rand(rng, b_shape, *span_b))


def test_binary_with_inline_constant():
    """An inline `dense<...>` constant operand (and a splat) lowers to metaop.constant."""
    x = rand(np.random.default_rng(111), (2, 3))
    row = np.array([1.0, -2.0, 0.5], np.float32)

    def build(b, xv):
        y = b.add(g.MulOp(xv, b.constant(row)))
        return b.add(g.AddOp(y, b.constant(np.full((2, 1), 0.75, np.float32))))

    names, actual = lower_and_compare(build, x)
    assert names.count("metaop.constant") >= 2
    np.testing.assert_allclose(actual, x * row + 0.75, rtol=1e-6)


# -- reductions ------------------------------------------------------------------------------


@pytest.mark.parametrize("keepdims", [False, True], ids=["drop", "keepdims"])
@pytest.mark.parametrize("shape,axes", [c[1:] for c in REDUCE_AXES], ids=[c[0] for c in REDUCE_AXES])
@pytest.mark.parametrize(
    "op", [g.ReduceSumOp, g.ReduceMeanOp, g.ReduceMaxOp, g.ReduceMinOp], ids=["sum", "mean", "max", "min"]
)
def test_reduce(op, shape, axes, keepdims):
    x = rand(np.random.default_rng(112), shape)
    lower_and_compare(one(lambda xv: op(xv, axes, keepdims)), x)


# -- data movement ---------------------------------------------------------------------------


@pytest.mark.parametrize("src,dst", [c[1:] for c in RESHAPE_CASES], ids=[c[0] for c in RESHAPE_CASES])
def test_reshape(src, dst):
    x = rand(np.random.default_rng(113), src)
    _, actual = lower_and_compare(one(lambda xv: g.ReshapeOp(xv, dst)), x, rtol=0, atol=0)
    np.testing.assert_array_equal(actual, x.reshape(dst))


@pytest.mark.parametrize("axis", [0, 1, 2, 3, 4, -1])
def test_flatten(axis):
    x = rand(np.random.default_rng(114), (2, 3, 4, 5))
    lower_and_compare(one(lambda xv: g.FlattenOp(xv, axis)), x, rtol=0, atol=0)


@pytest.mark.parametrize(
    "shape,perm",
    [((3, 5), (1, 0)), ((2, 3, 4), (2, 0, 1)), ((2, 3, 4), (1, 2, 0)),
     ((1, 4, 3, 5), (0, 2, 3, 1)), ((2, 3, 4, 5), (3, 2, 1, 0))],
    ids=["2d", "rotate_left", "rotate_right", "nchw_to_nhwc", "reverse"],
)
def test_transpose(shape, perm):
    x = rand(np.random.default_rng(115), shape)
    lower_and_compare(one(lambda xv: g.TransposeOp(xv, perm)), x, rtol=0, atol=0)


@pytest.mark.parametrize(
    "shapes,axis",
    [([(2, 3), (4, 3)], 0), ([(1, 2, 3, 3), (1, 5, 3, 3), (1, 1, 3, 3)], 1),
     ([(2, 3, 1), (2, 3, 4)], -1), ([(2, 4)], 1)],
    ids=["axis0", "channels_three", "last_negative", "single"],
)
def test_concat(shapes, axis):
    rng = np.random.default_rng(116)
    xs = [rand(rng, s) for s in shapes]
    lower_and_compare(lambda b, *vs: b.add(g.ConcatOp(list(vs), axis)), *xs, rtol=0, atol=0)


def test_concat_keeps_nan_and_inf_of_each_part():
    """Concat must copy, not add: a NaN or inf in one part must not leak into the other."""
    a = np.array([[np.nan, 1.0]], np.float32)
    b_ = np.array([[np.inf, -2.0], [3.0, -np.inf]], np.float32)
    _, actual = lower_and_compare(lambda b, x, y: b.add(g.ConcatOp([x, y], 0)), a, b_, rtol=0, atol=0)
    np.testing.assert_array_equal(actual, np.concatenate([a, b_]))


@pytest.mark.parametrize(
    "shape,pads,value",
    [((1, 2, 3, 4), [0, 0, 1, 1, 0, 0, 1, 1], 0.0), ((2, 3, 5), [1, 0, 2, 0, 3, 1], -1.5),
     ((1, 2, 5, 6), [0, 0, -1, -2, 0, 0, -2, 0], 0.0), ((3, 6), [2, -3, -1, 1], 7.0)],
    ids=["spatial", "asymmetric_value", "negative_crop", "mixed_sign"],
)
def test_pad(shape, pads, value):
    x = rand(np.random.default_rng(117), shape)
    lower_and_compare(one(lambda xv: g.PadOp(xv, pads, value)), x, rtol=0, atol=0)


@pytest.mark.parametrize(
    "shape,starts,ends,axes,steps",
    [((5, 6), [1, 0], [4, 6], [0, 1], [1, 1]),
     ((1, 3, 8, 8), [1, 0], [7, -1], [2, 3], [2, 1]),
     ((6, 7), [-3, -5], [6, -1], [0, 1], [1, 2]),
     ((7,), [5], [1], [0], [-1]),
     ((4, 5), [-1], [-100], [1], [-1]),
     ((9, 3), [8, 2], [0, -10], [0, 1], [-3, -1]),
     ((5, 6), [0, 1], [2**63 - 1, 2**63 - 1], [0, 1], [1, 2])],
    ids=["basic", "steps2", "negative_starts", "negative_step", "reverse_all",
         "negative_step2_odd", "clamp_int64"],
)
def test_slice(shape, starts, ends, axes, steps):
    x = rand(np.random.default_rng(118), shape)
    lower_and_compare(one(lambda xv: g.SliceOp(xv, starts, ends, axes, steps)), x, rtol=0, atol=0)


# -- chains ----------------------------------------------------------------------------------


@pytest.mark.parametrize("shape,axis,indices", [c[1:] for c in GATHER_CASES], ids=[c[0] for c in GATHER_CASES])
def test_gather(shape, axis, indices):
    x = rand(np.random.default_rng(103), shape)
    _, actual = lower_and_compare(one(lambda xv: g.GatherOp(xv, axis, indices)), x, rtol=0, atol=0)
    np.testing.assert_array_equal(actual, np.take(x, indices, axis=axis))


def test_chain_conv_bn_relu_maxpool():
    build, x = strided_conv_bn_relu_pool(np.random.default_rng(119))
    lower_and_compare(build, x)


def test_chain_residual_block():
    build, x = residual_block(np.random.default_rng(120))
    lower_and_compare(build, x)


def test_chain_gap_flatten_gemm():
    rng = np.random.default_rng(121)
    w, bias = rand(rng, (10, 12)), rand(rng, (10,))

    def build(b, x):
        y = b.add(g.GlobalAvgPoolOp(x))
        y = b.add(g.FlattenOp(y, 1))
        return b.add(g.GemmOp(y, b.param("fc.weight", w), b.param("fc.bias", bias), trans_b=True), name="fc")

    lower_and_compare(build, rand(rng, (2, 12, 3, 3)))


def test_chain_flatten_gemm():
    rng = np.random.default_rng(122)
    w = rand(rng, (2 * 3 * 3, 5))

    def build(b, x):
        y = b.add(g.FlattenOp(x, 1))
        return b.add(g.GemmOp(y, b.param("fc.weight", w), b.constant(np.arange(5, dtype=np.float32))))

    lower_and_compare(build, rand(rng, (3, 2, 3, 3)))


def test_chain_matmul_softmax():
    rng = np.random.default_rng(123)
    q, k = rand(rng, (2, 3, 4)), rand(rng, (2, 4, 5))

    def build(b, qv, kv):
        scores = b.add(g.MatmulOp(qv, kv))
        scaled = b.add(g.MulOp(scores, b.constant(np.asarray(0.5, np.float32))))
        return b.add(g.SoftmaxOp(scaled, -1))

    _, actual = lower_and_compare(build, q, k)
    np.testing.assert_allclose(actual.sum(axis=-1), np.ones((2, 3)), rtol=1e-5)


def test_chain_every_shape_op():
    """transpose -> pad -> slice -> concat -> reshape -> reduce in one function."""
    rng = np.random.default_rng(124)

    def build(b, x):
        t = b.add(g.TransposeOp(x, (0, 2, 1)))                      # 2x5x3
        p = b.add(g.PadOp(t, [0, 1, -1, 0, 0, 2], -1.0))           # 2x6x4
        s = b.add(g.SliceOp(p, [5, 0], [0, 4], [1, 2], [-2, 1]))    # 2x3x4
        c = b.add(g.ConcatOp([s, s], 2))                            # 2x3x8
        r = b.add(g.ReshapeOp(c, (6, 8)))
        return b.add(g.ReduceMaxOp(r, [1], keepdims=True))

    lower_and_compare(build, rand(rng, (2, 3, 5)))
