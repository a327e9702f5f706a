"""The graph dialect's NumPy reference evaluator against ONNX's own reference
implementation (`onnx.reference.ReferenceEvaluator`).

Every test builds the same computation twice: as a single-node ONNX model (the oracle)
and as graph IR through `GraphBuilder`, then runs the IR with `mopc.core.evaluate` and
compares values, shape and dtype.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator
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

from mopc.core.evaluate import evaluate
from mopc.core.verifier import verify_module
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder

RTOL, ATOL = 1e-5, 1e-6

_ONNX_TYPES = {
    np.dtype(np.float32): TensorProto.FLOAT,
    np.dtype(np.int64): TensorProto.INT64,
}


# -- the two sides -------------------------------------------------------------------------


def run_onnx(
    op_type: str,
    inputs: Sequence[tuple[str, np.ndarray | None]],
    opset: int,
    **attrs,
) -> np.ndarray:
    """Run one ONNX node on `inputs` (name, array); a None array is an omitted optional
    input (an empty name in the node)."""
    names = [name if array is not None else "" for name, array in inputs]
    node = helper.make_node(op_type, names, ["y"], **attrs)
    graph_inputs = [
        helper.make_tensor_value_info(name, _ONNX_TYPES[array.dtype], list(array.shape))
        for name, array in inputs
        if array is not None
    ]
    out = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    graph = helper.make_graph([node], "single", graph_inputs, [out])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    feeds = {name: array for name, array in inputs if array is not None}
    (result,) = ReferenceEvaluator(model).run(None, feeds)
    return np.asarray(result)


def run_graph(build: Callable[..., object], *arrays: np.ndarray) -> np.ndarray:
    """Build graph IR with one input per array (`build(b, *values) -> op`), verify it
    and run it with the graph evaluator."""
    b = GraphBuilder()
    values = [b.input(f"x{i}", a.shape) for i, a in enumerate(arrays)]
    y = b.add(build(b, *values))
    module = b.finish(y)
    verify_module(module)
    (result,) = evaluate(module, list(arrays), store=b.store)
    assert result.shape == tuple(y.type.get_shape()), "result disagrees with its IR type"
    return result


def check(actual: np.ndarray, expected: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> None:
    assert expected.dtype == np.float32, f"oracle produced {expected.dtype}"
    assert actual.dtype == np.float32, f"evaluator produced {actual.dtype}"
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


def rand(rng: np.random.Generator, shape: Sequence[int], low: float = -2.0, high: float = 2.0):
    return rng.uniform(low, high, size=tuple(shape)).astype(np.float32)


def i64(values) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


# -- convolution ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,groups",
    [c[1:] for c in CONV_CASES],
    ids=[c[0] for c in CONV_CASES],
)
def test_conv(xs, ws, bias, strides, pads, dilations, groups):
    rng = np.random.default_rng(1)
    x, w = rand(rng, xs), rand(rng, ws)
    b = rand(rng, (ws[0],)) if bias else None
    expected = run_onnx(
        "Conv", [("x", x), ("w", w), ("b", b)], 17,
        strides=list(strides), pads=list(pads), dilations=list(dilations), group=groups,
        kernel_shape=list(ws[2:]),
    )
    arrays = (x, w) if b is None else (x, w, b)
    actual = run_graph(
        lambda bld, xv, wv, bv=None: g.Conv2dOp(
            xv, wv, bv, strides=strides, pads=pads, dilations=dilations, groups=groups
        ),
        *arrays,
    )
    check(actual, expected)


def test_conv_weight_from_parameter_store():
    """Weights as `dense_resource` parameters (the builder's store) evaluate the same."""
    rng = np.random.default_rng(2)
    x, w, bias = rand(rng, (1, 3, 6, 6)), rand(rng, (4, 3, 3, 3)), rand(rng, (4,))
    expected = run_onnx(
        "Conv", [("x", x), ("w", w), ("b", bias)], 17, pads=[1, 1, 1, 1], strides=[2, 2]
    )
    b = GraphBuilder()
    xv = b.input("x", x.shape)
    y = b.add(
        g.Conv2dOp(xv, b.param("w", w), b.param("b", bias), strides=(2, 2), pads=(1, 1, 1, 1)),
        name="conv",
    )
    module = b.finish(y)
    verify_module(module)
    (actual,) = evaluate(module, [x], store=b.store)
    check(actual, expected)


def conv_transpose_by_loops(x, w, b, strides, pads, dilations, output_padding, groups):
    """An independent scatter oracle, one input element and tap at a time (onnx.reference
    slices grouped weights by output channels, which is wrong when C != O)."""
    n, c, h, wd = x.shape
    _, og, kh, kw = w.shape
    top, left, bottom, right = pads
    full_h = strides[0] * (h - 1) + output_padding[0] + dilations[0] * (kh - 1) + 1
    full_w = strides[1] * (wd - 1) + output_padding[1] + dilations[1] * (kw - 1) + 1
    y = np.zeros((n, og * groups, full_h, full_w))
    cg = c // groups
    for ci in range(c):
        group = ci // cg
        for i in range(h):
            for j in range(wd):
                for p in range(kh):
                    for q in range(kw):
                        r, s = i * strides[0] + p * dilations[0], j * strides[1] + q * dilations[1]
                        y[:, group * og:(group + 1) * og, r, s] += x[:, ci, i, j, None] * w[ci, :, p, q]
    y = y[:, :, top:full_h - bottom, left:full_w - right]
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y.astype(np.float32)


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,output_padding,groups",
    [c[1:] for c in CONV_TRANSPOSE_CASES],
    ids=[c[0] for c in CONV_TRANSPOSE_CASES],
)
def test_conv_transpose(xs, ws, bias, strides, pads, dilations, output_padding, groups):
    rng = np.random.default_rng(4)
    x, w = rand(rng, xs), rand(rng, ws)
    b = rand(rng, (ws[1] * groups,)) if bias else None
    arrays = (x, w) if b is None else (x, w, b)
    actual = run_graph(
        lambda bld, xv, wv, bv=None: g.ConvTranspose2dOp(
            xv, wv, bv, strides=strides, pads=pads, dilations=dilations,
            output_padding=output_padding, groups=groups,
        ),
        *arrays,
    )
    check(actual, conv_transpose_by_loops(x, w, b, strides, pads, dilations, output_padding, groups))
    if groups == 1:
        expected = run_onnx(
            "ConvTranspose", [("x", x), ("w", w), ("b", b)], 17, strides=list(strides),
            pads=list(pads), dilations=list(dilations), output_padding=list(output_padding),
        )
        check(actual, expected)


# -- pooling -------------------------------------------------------------------------------

_POOL_IDS = [c[0] for c in POOL_CASES]
_POOL_PARAMS = [c[1:] for c in POOL_CASES]


def pool_by_loops(x, kernel, strides, pads, dilations, ceil, kind, include_pad=False):
    """An independent, loop-by-loop pooling oracle (PyTorch/ONNX rule): window (i, j)
    has taps at `i * stride - pad_begin + t * dilation`; the output size rounds up with
    `ceil` but a window must start inside the input or its begin padding. Max and the
    exclude-pad average use the taps inside the input; `include_pad` divides by the taps
    inside the padded input (never the ceil overhang)."""
    n, c, h, w = x.shape
    top, left, bottom, right = pads

    def out_size(size, k, s, begin, end, d):
        room = size + begin + end - (d * (k - 1) + 1)
        o = (-(-room // s) if ceil else room // s) + 1
        return o - 1 if ceil and (o - 1) * s >= size + begin else o

    oh = out_size(h, kernel[0], strides[0], top, bottom, dilations[0])
    ow = out_size(w, kernel[1], strides[1], left, right, dilations[1])
    y = np.empty((n, c, oh, ow), np.float64)
    for i in range(oh):
        for j in range(ow):
            rows = [i * strides[0] - top + t * dilations[0] for t in range(kernel[0])]
            cols = [j * strides[1] - left + t * dilations[1] for t in range(kernel[1])]
            inside = [(r, q) for r in rows for q in cols if 0 <= r < h and 0 <= q < w]
            padded = [(r, q) for r in rows for q in cols
                      if -top <= r < h + bottom and -left <= q < w + right]
            vals = np.stack([x[:, :, r, q].astype(np.float64) for r, q in inside], axis=-1)
            if kind == "max":
                y[:, :, i, j] = vals.max(axis=-1)
            else:
                y[:, :, i, j] = vals.sum(axis=-1) / (len(padded) if include_pad else len(inside))
    return y.astype(np.float32)


def onnx_reference_shifts_windows(xs, kernel, strides, pads, dilations, ceil) -> bool:
    """ONNX's reference AveragePool (op_pool_common.get_output_shape_explicit_padding)
    splits the ceil_mode overhang between the begin and the end padding, which shifts
    every window when the overhang is 2 or more (possible for strides >= 3). Its answer
    is then wrong (PyTorch and onnxruntime do not shift), so those cases use the loop
    oracle alone."""
    for axis in range(2):
        size, k, s, d = xs[2 + axis], kernel[axis], strides[axis], dilations[axis]
        begin, end = pads[axis], pads[axis + 2]
        room = size + begin + end - (d * (k - 1) + 1)
        out = (-(-room // s) if ceil else room // s) + 1
        if ceil and (out - 1) * s >= size + begin:
            out -= 1
        if (out - 1) * s + d * (k - 1) + 1 - (size + begin + end) >= 2:
            return True
    return False


@pytest.mark.parametrize("xs,kernel,strides,pads,dilations,ceil", _POOL_PARAMS, ids=_POOL_IDS)
def test_max_pool(xs, kernel, strides, pads, dilations, ceil):
    x = rand(np.random.default_rng(3), xs)
    expected = run_onnx(
        "MaxPool", [("x", x)], 17, kernel_shape=list(kernel), strides=list(strides),
        pads=list(pads), dilations=list(dilations), ceil_mode=int(ceil),
    )
    actual = run_graph(
        lambda b, xv: g.MaxPool2dOp(
            xv, kernel=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil
        ),
        x,
    )
    check(actual, expected, rtol=0, atol=0)  # a maximum is exact
    check(actual, pool_by_loops(x, kernel, strides, pads, dilations, ceil, "max"), rtol=0, atol=0)


def test_max_pool_negative_inputs_never_pick_padding():
    """All inputs negative: a padded position (ONNX: never a candidate) must not win."""
    x = -rand(np.random.default_rng(4), (1, 2, 5, 5), 0.5, 2.0)
    expected = run_onnx(
        "MaxPool", [("x", x)], 17, kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
        ceil_mode=1,
    )
    actual = run_graph(
        lambda b, xv: g.MaxPool2dOp(
            xv, kernel=(3, 3), strides=(2, 2), pads=(1, 1, 1, 1), ceil_mode=True
        ),
        x,
    )
    assert (actual < 0).all()
    check(actual, expected, rtol=0, atol=0)


@pytest.mark.parametrize("include_pad", [False, True], ids=["exclude_pad", "include_pad"])
@pytest.mark.parametrize("xs,kernel,strides,pads,dilations,ceil", _POOL_PARAMS, ids=_POOL_IDS)
def test_avg_pool(xs, kernel, strides, pads, dilations, ceil, include_pad):
    x = rand(np.random.default_rng(5), xs)
    expected = run_onnx(
        "AveragePool", [("x", x)], 19, kernel_shape=list(kernel), strides=list(strides),
        pads=list(pads), dilations=list(dilations), ceil_mode=int(ceil),
        count_include_pad=int(include_pad),
    )
    actual = run_graph(
        lambda b, xv: g.AvgPool2dOp(
            xv, kernel=kernel, strides=strides, pads=pads, dilations=dilations,
            ceil_mode=ceil, count_include_pad=include_pad,
        ),
        x,
    )
    loops = pool_by_loops(x, kernel, strides, pads, dilations, ceil, "avg", include_pad)
    check(actual, loops)
    if not onnx_reference_shifts_windows(xs, kernel, strides, pads, dilations, ceil):
        check(actual, expected)
    else:
        assert not np.allclose(expected, loops), "ONNX's reference no longer shifts: drop the special case"


def test_avg_pool_divisor_hand_computed():
    """An independent check of the divisor rule on a tiny all-ones input: with
    count_include_pad the corner window of a 3x3 kernel over pads 1 averages 4 ones and
    5 zeros; without it, 4 ones over 4."""
    x = np.ones((1, 1, 3, 3), np.float32)
    kw = dict(kernel=(3, 3), strides=(2, 2), pads=(1, 1, 1, 1))
    incl = run_graph(lambda b, xv: g.AvgPool2dOp(xv, count_include_pad=True, **kw), x)
    excl = run_graph(lambda b, xv: g.AvgPool2dOp(xv, count_include_pad=False, **kw), x)
    np.testing.assert_allclose(incl[0, 0], np.full((2, 2), 4 / 9, np.float32), rtol=1e-6)
    np.testing.assert_allclose(excl[0, 0], np.ones((2, 2), np.float32), rtol=1e-6)


GLOBAL_SHAPES = [(2, 3, 5, 7), (1, 4, 1, 1), (1, 4, 9), (1, 2, 3, 4, 5)]


@pytest.mark.parametrize("shape", GLOBAL_SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize(
    "onnx_op,op", [("GlobalAveragePool", g.GlobalAvgPoolOp), ("GlobalMaxPool", g.GlobalMaxPoolOp)],
    ids=["avg", "max"],
)
def test_global_pool(onnx_op, op, shape):
    x = rand(np.random.default_rng(6), shape)
    actual = run_graph(lambda b, xv: op(xv), x)
    spatial = tuple(range(2, len(shape)))
    fn = np.mean if op is g.GlobalAvgPoolOp else np.max
    check(actual, fn(x.astype(np.float64), axis=spatial, keepdims=True).astype(np.float32))
    if onnx_op == "GlobalMaxPool" and len(shape) != 4:
        return  # ONNX's reference GlobalMaxPool reduces the wrong axes unless rank is 4
    check(actual, run_onnx(onnx_op, [("x", x)], 17))


# -- matrix products -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "a_shape,b_shape,c_shape,trans_a,trans_b,alpha,beta",
    [c[1:] for c in GEMM_CASES],
    ids=[c[0] for c in GEMM_CASES],
)
def test_gemm(a_shape, b_shape, c_shape, trans_a, trans_b, alpha, beta):
    rng = np.random.default_rng(7)
    a, bm = rand(rng, a_shape), rand(rng, b_shape)
    c = rand(rng, c_shape) if c_shape is not None else None
    expected = run_onnx(
        "Gemm", [("a", a), ("b", bm), ("c", c)], 13,
        transA=int(trans_a), transB=int(trans_b), alpha=alpha, beta=beta,
    )
    arrays = (a, bm) if c is None else (a, bm, c)
    actual = run_graph(
        lambda b, av, bv, cv=None: g.GemmOp(
            av, bv, cv, trans_a=trans_a, trans_b=trans_b, alpha=alpha, beta=beta
        ),
        *arrays,
    )
    check(actual, expected)


@pytest.mark.parametrize("a_shape,b_shape", [c[1:] for c in MATMUL_CASES], ids=[c[0] for c in MATMUL_CASES])
def test_matmul(a_shape, b_shape):
    rng = np.random.default_rng(8)
    a, bm = rand(rng, a_shape), rand(rng, b_shape)
    expected = run_onnx("MatMul", [("a", a), ("b", bm)], 13)
    actual = run_graph(lambda b, av, bv: g.MatmulOp(av, bv), a, bm)
    check(actual, expected)


# -- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape,epsilon",
    [((2, 3, 4, 5), 1e-5), ((4, 3), 1e-3), ((2, 5, 7), 0.1), ((1, 1, 3, 3), 1e-5)],
    ids=["nchw", "nc", "ncl", "one_channel"],
)
def test_batch_norm(shape, epsilon):
    rng = np.random.default_rng(9)
    c = shape[1]
    x = rand(rng, shape)
    scale, bias, mean = rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,))
    var = rand(rng, (c,), 0.05, 2.0)
    expected = run_onnx(
        "BatchNormalization",
        [("x", x), ("scale", scale), ("bias", bias), ("mean", mean), ("var", var)], 15,
        epsilon=epsilon,
    )
    actual = run_graph(
        lambda b, *v: g.BatchNormOp(*v, epsilon=epsilon), x, scale, bias, mean, var
    )
    check(actual, expected)


SOFTMAX_CASES = [("2d_axis1", (2, 5), 1), ("2d_axis0", (3, 4), 0), ("3d_last", (2, 3, 4), -1),
                 ("3d_middle", (2, 3, 4), 1), ("4d_axis1", (1, 5, 2, 3), 1), ("1d", (7,), 0)]


@pytest.mark.parametrize("shape,axis", [c[1:] for c in SOFTMAX_CASES], ids=[c[0] for c in SOFTMAX_CASES])
@pytest.mark.parametrize(
    "onnx_op,op", [("Softmax", g.SoftmaxOp), ("LogSoftmax", g.LogSoftmaxOp)], ids=["softmax", "log_softmax"]
)
def test_softmax(onnx_op, op, shape, axis):
    x = rand(np.random.default_rng(10), shape, -5.0, 5.0)
    expected = run_onnx(onnx_op, [("x", x)], 13, axis=axis)
    actual = run_graph(lambda b, xv: op(xv, axis), x)
    check(actual, expected)


# -- element-wise ----------------------------------------------------------------------------

UNARY_CASES = [
    # id, ONNX op, graph op constructor, input range
    ("relu", "Relu", g.ReluOp, (-2.0, 2.0)),
    ("sigmoid", "Sigmoid", g.SigmoidOp, (-8.0, 8.0)),
    ("tanh", "Tanh", g.TanhOp, (-3.0, 3.0)),
    ("exp", "Exp", g.ExpOp, (-4.0, 4.0)),
    ("log", "Log", g.LogOp, (0.01, 10.0)),
    ("sqrt", "Sqrt", g.SqrtOp, (0.0, 9.0)),
    ("neg", "Neg", g.NegOp, (-2.0, 2.0)),
    ("abs", "Abs", g.AbsOp, (-2.0, 2.0)),
]


@pytest.mark.parametrize("shape", [(3, 5), (2, 3, 4, 5), (7,)], ids=["2d", "4d", "1d"])
@pytest.mark.parametrize("onnx_op,op,span", [c[1:] for c in UNARY_CASES], ids=[c[0] for c in UNARY_CASES])
def test_unary(onnx_op, op, span, shape):
    x = rand(np.random.default_rng(11), shape, *span)
    expected = run_onnx(onnx_op, [("x", x)], 17)
    actual = run_graph(lambda b, xv: op(xv), x)
    check(actual, expected)


@pytest.mark.parametrize("alpha", [0.01, 0.2, 1.5], ids=["default", "0.2", "1.5"])
def test_leaky_relu(alpha):
    x = rand(np.random.default_rng(12), (2, 3, 4, 5))
    expected = run_onnx("LeakyRelu", [("x", x)], 16, alpha=alpha)
    actual = run_graph(lambda b, xv: g.LeakyReluOp(xv, alpha), x)
    check(actual, expected)


@pytest.mark.parametrize(
    "lo,hi", [(0.0, 6.0), (-0.5, None), (None, 0.25), (None, None), (1.0, 1.0)],
    ids=["relu6", "min_only", "max_only", "unbounded", "min_eq_max"],
)
def test_clip(lo, hi):
    x = rand(np.random.default_rng(13), (3, 4, 5), -8.0, 8.0)
    bound = lambda v: np.asarray(v, np.float32) if v is not None else None
    expected = run_onnx("Clip", [("x", x), ("lo", bound(lo)), ("hi", bound(hi))], 13)
    actual = run_graph(lambda b, xv: g.ClipOp(xv, lo, hi), x)
    check(actual, expected, rtol=0, atol=0)


BINARY_CASES = [
    ("add", "Add", g.AddOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("sub", "Sub", g.SubOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("mul", "Mul", g.MulOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("div", "Div", g.DivOp, (-3.0, 3.0), (0.5, 3.0)),
    ("pow", "Pow", g.PowOp, (0.1, 3.0), (-2.0, 2.0)),
    ("max", "Max", g.MaximumOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("min", "Min", g.MinimumOp, (-3.0, 3.0), (-3.0, 3.0)),
]


@pytest.mark.parametrize("a_shape,b_shape", [c[1:] for c in BROADCAST_SHAPES], ids=[c[0] for c in BROADCAST_SHAPES])
@pytest.mark.parametrize(
    "onnx_op,op,span_a,span_b", [c[1:] for c in BINARY_CASES], ids=[c[0] for c in BINARY_CASES]
)
def test_binary(onnx_op, op, span_a, span_b, a_shape, b_shape):
    rng = np.random.default_rng(14)
    a, bm = rand(rng, a_shape, *span_a), rand(rng, b_shape, *span_b)
    expected = run_onnx(onnx_op, [("a", a), ("b", bm)], 17)
    actual = run_graph(lambda b, av, bv: op(av, bv), a, bm)
    check(actual, expected)


def test_pow_integer_exponent_of_negative_base():
    """(-2) ** 3 is -8 in both: a negative base with an integral exponent is defined."""
    a = np.array([[-2.0, -1.5, 3.0]], np.float32)
    e = np.array([3.0, 2.0, -1.0], np.float32)
    expected = run_onnx("Pow", [("a", a), ("b", e)], 15)
    actual = run_graph(lambda b, av, bv: g.PowOp(av, bv), a, e)
    check(actual, expected)
    np.testing.assert_allclose(actual, [[-8.0, 2.25, 1.0 / 3.0]], rtol=1e-6)


# -- reductions ------------------------------------------------------------------------------

REDUCE_OPS = [
    ("sum", "ReduceSum", g.ReduceSumOp),
    ("mean", "ReduceMean", g.ReduceMeanOp),
    ("max", "ReduceMax", g.ReduceMaxOp),
    ("min", "ReduceMin", g.ReduceMinOp),
]


@pytest.mark.parametrize("keepdims", [False, True], ids=["drop", "keepdims"])
@pytest.mark.parametrize("shape,axes", [c[1:] for c in REDUCE_AXES], ids=[c[0] for c in REDUCE_AXES])
@pytest.mark.parametrize("onnx_op,op", [c[1:] for c in REDUCE_OPS], ids=[c[0] for c in REDUCE_OPS])
def test_reduce(onnx_op, op, shape, axes, keepdims):
    x = rand(np.random.default_rng(15), shape)
    expected = run_onnx(onnx_op, [("x", x), ("axes", i64(axes))], 18, keepdims=int(keepdims))
    actual = run_graph(lambda b, xv: op(xv, axes, keepdims), x)
    check(actual, expected)


# -- data movement ---------------------------------------------------------------------------


@pytest.mark.parametrize("src,dst", [c[1:] for c in RESHAPE_CASES], ids=[c[0] for c in RESHAPE_CASES])
def test_reshape(src, dst):
    x = rand(np.random.default_rng(16), src)
    expected = run_onnx("Reshape", [("x", x), ("shape", i64(list(dst)))], 14)
    actual = run_graph(lambda b, xv: g.ReshapeOp(xv, dst), x)
    check(actual, expected, rtol=0, atol=0)


@pytest.mark.parametrize("axis", [0, 1, 2, 3, 4, -1, -3])
def test_flatten(axis):
    x = rand(np.random.default_rng(17), (2, 3, 4, 5))
    expected = run_onnx("Flatten", [("x", x)], 13, axis=axis)
    actual = run_graph(lambda b, xv: g.FlattenOp(xv, axis), x)
    check(actual, expected, rtol=0, atol=0)


@pytest.mark.parametrize(
    "shape,perm",
    [((3, 5), (1, 0)), ((2, 3, 4), (2, 0, 1)), ((2, 3, 4), (0, 2, 1)),
     ((1, 4, 3, 5), (0, 2, 3, 1)), ((2, 3, 4, 5), (3, 2, 1, 0)), ((4,), (0,)), ((), ())],
    ids=["2d", "rotate", "swap_last", "nchw_to_nhwc", "reverse", "1d", "scalar"],
)
def test_transpose(shape, perm):
    x = rand(np.random.default_rng(18), shape)
    attrs = {"perm": list(perm)} if perm else {}  # onnx.helper cannot spell an empty list
    expected = run_onnx("Transpose", [("x", x)], 13, **attrs)
    actual = run_graph(lambda b, xv: g.TransposeOp(xv, perm), x)
    check(actual, expected, rtol=0, atol=0)


@pytest.mark.parametrize(
    "shapes,axis",
    [([(2, 3), (4, 3)], 0), ([(1, 2, 3, 3), (1, 5, 3, 3), (1, 1, 3, 3)], 1),
     ([(2, 3, 1), (2, 3, 4)], -1), ([(3,), (5,), (1,)], 0), ([(2, 4)], 1)],
    ids=["axis0", "channels_three", "last_negative", "1d", "single"],
)
def test_concat(shapes, axis):
    rng = np.random.default_rng(19)
    xs = [rand(rng, s) for s in shapes]
    expected = run_onnx("Concat", [(f"x{i}", x) for i, x in enumerate(xs)], 13, axis=axis)
    actual = run_graph(lambda b, *vs: g.ConcatOp(list(vs), axis), *xs)
    check(actual, expected, rtol=0, atol=0)


PAD_CASES = [
    ("spatial", (1, 2, 3, 4), [0, 0, 1, 1, 0, 0, 1, 1], 0.0),
    ("asymmetric_value", (2, 3, 5), [1, 0, 2, 0, 3, 1], -1.5),
    ("negative_crop", (1, 2, 5, 6), [0, 0, -1, -2, 0, 0, -2, 0], 0.0),
    ("mixed_sign", (3, 6), [2, -3, -1, 1], 7.0),
    ("crop_and_pad", (4, 4), [-1, 0, -2, 2], 0.5),
    ("1d", (5,), [3, 2], 2.0),
    ("zero", (2, 3), [0, 0, 0, 0], 1.0),
]


@pytest.mark.parametrize("shape,pads,value", [c[1:] for c in PAD_CASES], ids=[c[0] for c in PAD_CASES])
def test_pad(shape, pads, value):
    x = rand(np.random.default_rng(20), shape)
    actual = run_graph(lambda b, xv: g.PadOp(xv, pads, value), x)
    check(actual, pad_by_index(x, pads, value), rtol=0, atol=0)
    if min(pads) >= 0:  # ONNX's reference Pad hands the pads to np.pad, which rejects < 0
        expected = run_onnx(
            "Pad", [("x", x), ("pads", i64(pads)), ("value", np.asarray(value, np.float32))],
            18, mode="constant",
        )
        check(actual, expected, rtol=0, atol=0)


def pad_by_index(x: np.ndarray, pads, value) -> np.ndarray:
    """ONNX Pad (constant) from its definition: output index `o` along an axis reads
    input index `o - begin` when that is in range, else `value`; a negative begin or
    end removes elements."""
    rank = x.ndim
    out_shape = [d + pads[i] + pads[i + rank] for i, d in enumerate(x.shape)]
    y = np.full(out_shape, value, np.float32)
    for out_index in np.ndindex(*out_shape):
        src = tuple(o - pads[i] for i, o in enumerate(out_index))
        if all(0 <= s < d for s, d in zip(src, x.shape)):
            y[out_index] = x[src]
    return y


SLICE_CASES = [
    # id, shape, starts, ends, axes, steps
    ("basic", (5, 6), [1, 0], [4, 6], [0, 1], [1, 1]),
    ("steps2", (1, 3, 8, 8), [1, 0], [7, -1], [2, 3], [2, 1]),
    ("negative_starts", (6, 7), [-3, -5], [6, -1], [0, 1], [1, 2]),
    ("negative_step", (7,), [5], [1], [0], [-1]),
    ("reverse_all", (4, 5), [-1], [-100], [1], [-1]),
    ("negative_step2_odd", (9, 3), [8, 2], [0, -10], [0, 1], [-3, -1]),
    ("clamp_large_end", (5, 6), [2], [1000], [1], [1]),
    ("clamp_int64_bounds", (5, 6), [0, 1], [2**63 - 1, 2**63 - 1], [0, 1], [1, 2]),
    ("clamp_negative_start", (5, 6), [-100], [3], [0], [1]),
    ("int64_min_end_reverse", (5,), [4], [-(2**63)], [0], [-2]),
    ("empty", (5, 6), [4], [2], [0], [1]),
    ("unordered_axes", (3, 4, 5), [1, 0], [4, 2], [2, 0], [1, 1]),
    ("large_step", (10,), [1], [10], [0], [4]),
]


@pytest.mark.parametrize(
    "shape,starts,ends,axes,steps", [c[1:] for c in SLICE_CASES], ids=[c[0] for c in SLICE_CASES]
)
def test_slice(shape, starts, ends, axes, steps):
    x = rand(np.random.default_rng(21), shape)
    expected = run_onnx(
        "Slice",
        [("x", x), ("starts", i64(starts)), ("ends", i64(ends)), ("axes", i64(axes)),
         ("steps", i64(steps))],
        13,
    )
    actual = run_graph(lambda b, xv: g.SliceOp(xv, starts, ends, axes, steps), x)
    check(actual, expected, rtol=0, atol=0)


def test_slice_defaults_axes_and_steps():
    x = rand(np.random.default_rng(22), (4, 5, 6))
    expected = run_onnx("Slice", [("x", x), ("starts", i64([1, -4])), ("ends", i64([3, 5]))], 13)
    actual = run_graph(lambda b, xv: g.SliceOp(xv, [1, -4], [3, 5]), x)
    check(actual, expected, rtol=0, atol=0)


def test_slice_backward_from_before_the_start_follows_the_onnx_spec():
    # The ONNX spec (and onnxruntime) clamp a backward slice's start to [0, dim-1]:
    # starting at -10 on an axis of 5 keeps element 0. NumPy (and onnx.reference) give
    # an empty slice here, so the oracle is the spec's rule, written out.
    x = rand(np.random.default_rng(23), (5, 3))
    actual = run_graph(lambda b, xv: g.SliceOp(xv, [-10], [-100], [0], [-1]), x)
    check(actual, x[0:1], rtol=0, atol=0)


@pytest.mark.parametrize("shape,axis,indices", [c[1:] for c in GATHER_CASES], ids=[c[0] for c in GATHER_CASES])
def test_gather(shape, axis, indices):
    x = rand(np.random.default_rng(24), shape)
    expected = run_onnx("Gather", [("x", x), ("i", i64(indices))], 13, axis=axis)
    actual = run_graph(lambda b, xv: g.GatherOp(xv, axis, indices), x)
    check(actual, expected, rtol=0, atol=0)


# -- constants -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "how,shape",
    [("inline", (2, 3)), ("splat", (2, 3)), ("parameter", (2, 3)), ("inline", ()),
     ("parameter", ()), ("parameter", (1, 3))],
    ids=["inline", "splat", "parameter", "inline_scalar", "parameter_scalar", "parameter_row"],
)
def test_constant(how, shape):
    rng = np.random.default_rng(23)
    value = np.full(shape, 1.25, np.float32) if how == "splat" else rand(rng, shape)
    x = rand(rng, (2, 3))
    node = helper.make_node("Constant", [], ["c"], value=helper.make_tensor(
        "c", TensorProto.FLOAT, value.shape, value.reshape(-1).tolist()))
    add = helper.make_node("Add", ["x", "c"], ["y"])
    model = helper.make_model(
        helper.make_graph(
            [node, add], "const",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        ),
        opset_imports=[helper.make_opsetid("", 17)],
    )
    (expected,) = ReferenceEvaluator(model).run(None, {"x": x})

    b = GraphBuilder()
    xv = b.input("x", x.shape)
    c = b.param("c", value) if how == "parameter" else b.constant(value)
    assert tuple(c.type.get_shape()) == shape
    y = b.add(g.AddOp(xv, c))
    module = b.finish(y)
    verify_module(module)
    (actual,) = evaluate(module, [x], store=b.store)
    check(actual, np.asarray(expected), rtol=0, atol=0)
