"""`metaop-fuse` preserves meaning and produces the fused form it promises.

Every graph op (and its variants from test/op_cases.py), a few network chains and
seeded random graphs are lowered with graph-to-metaop, evaluated, fused, and evaluated
again (the reference evaluator runs a `metaop.kernel` by running its body). Fusion only
regroups the same meta-ops, so the results must be bit for bit the same. The fused
module must also have the promised shape: only kernels, weights and `func.return` at
the top; reindex-class ops at kernel entries; one reduction space per kernel; unique,
numbered names.
"""

from __future__ import annotations

import re
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
from xdsl.dialects import func
from xdsl.dialects.builtin import DenseResourceAttr, ModuleOp, TensorType
from xdsl.ir import BlockArgument, SSAValue

from mopc.core.context import resources_of
from mopc.core.evaluate import evaluate
from mopc.core.verifier import verify_module
from mopc.dialects import graph as g
from mopc.dialects import metaop as m
from mopc.dialects.graph import GRAPH_OPS
from mopc.frontend.builder import GraphBuilder
from mopc.frontend.zoo.resnet import resnet18
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass
from mopc.passes.metaop.fuse import MetaopFusePass

Build = Callable[..., SSAValue | Sequence[SSAValue]]

NAME = re.compile(r"k(\d+)_[a-z0-9_]+_(\d+(x\d+)*|scalar)")


def rand(rng: np.random.Generator, shape: Sequence[int], low: float = -2.0, high: float = 2.0):
    return rng.uniform(low, high, size=tuple(shape)).astype(np.float32)


def kernels(module: ModuleOp) -> list[m.KernelOp]:
    return [op for op in module.walk() if isinstance(op, m.KernelOp)]


def kernel_names(module: ModuleOp) -> list[str]:
    return [k.kernel_name for k in kernels(module)]


def check_fused_form(module: ModuleOp) -> None:
    for fn in module.ops:
        assert isinstance(fn, func.FuncOp)
        for op in fn.body.block.ops:
            weight = isinstance(op, m.ConstantOp) and (
                isinstance(op.value, DenseResourceAttr) or np.prod(op.result.type.get_shape()) > 1)
            assert isinstance(op, m.KernelOp | func.ReturnOp) or weight, f"{op.name} left outside kernels"
    names = kernel_names(module)
    assert len(set(names)) == len(names), f"kernel names repeat: {names}"
    assert [int(NAME.fullmatch(n).group(1)) for n in names] == list(range(len(names))), names
    for kernel in kernels(module):
        check_kernel(kernel)


def check_kernel(kernel: m.KernelOp) -> None:
    spaces = set()
    for op in kernel.block.ops:
        if isinstance(op, m.ReindexOp | m.BroadcastOp):
            source = op.input
            assert isinstance(source, BlockArgument) or isinstance(source.owner, m.ConstantOp), (
                f"{kernel.kernel_name}: a reindex-class op reads a value computed in the kernel")
        if isinstance(op, m.ReduceOp):
            spaces.add((tuple(op.input.type.get_shape()), tuple(op.axes.get_values()), op.keepdims is not None))
        if isinstance(op, m.ReindexReduceOp):
            spaces.add((tuple(op.input.type.get_shape()), op.map, tuple(op.result.type.get_shape())))
    assert len(spaces) <= 1, f"{kernel.kernel_name} holds {len(spaces)} reduction spaces"
    for result in kernel.results:
        assert result.first_use is not None, f"{kernel.kernel_name} has an unused result"
    shape = NAME.fullmatch(kernel.kernel_name).group(2)
    main = kernel.block.last_op.operands[-1].type
    assert isinstance(main, TensorType)
    assert shape == ("x".join(map(str, main.get_shape())) or "scalar")


def fuse_and_compare(build: Build, *arrays: np.ndarray, ctx_module=None) -> ModuleOp:
    """`build(b, *inputs)` makes graph IR; lower it, run it, fuse it, run it again."""
    if ctx_module is None:
        b = GraphBuilder()
        inputs = [b.input(f"x{i}", a.shape) for i, a in enumerate(arrays)]
        outputs = build(b, *inputs)
        module = b.finish(*(outputs if isinstance(outputs, list | tuple) else [outputs]))
        ctx, store = b.ctx, b.store
    else:
        module, ctx = ctx_module
        store = resources_of(ctx)
    GraphToMetaopPass().apply(ctx, module)
    verify_module(module)
    expected = evaluate(module, list(arrays), store=store)
    MetaopFusePass().apply(ctx, module)
    verify_module(module)
    check_fused_form(module)
    actual = evaluate(module, list(arrays), store=store)
    assert len(actual) == len(expected)
    for a, e in zip(actual, expected, strict=True):
        assert a.dtype == e.dtype and a.shape == e.shape
        np.testing.assert_array_equal(a, e)  # the same meta-ops on the same data
    return module


def one(make: Callable[..., object]) -> Build:
    return lambda b, *xs: b.add(make(*xs))


# -- every graph op ------------------------------------------------------------------------

EXERCISED = {
    g.ConstantOp, g.Conv2dOp, g.ConvTranspose2dOp, g.GatherOp, g.MaxPool2dOp, g.AvgPool2dOp, g.GlobalAvgPoolOp, g.GlobalMaxPoolOp,
    g.GemmOp, g.MatmulOp, g.BatchNormOp, g.SoftmaxOp, g.LogSoftmaxOp,
    g.ReluOp, g.LeakyReluOp, g.SigmoidOp, g.TanhOp, g.ClipOp, g.ExpOp, g.LogOp, g.SqrtOp, g.NegOp, g.AbsOp,
    g.AddOp, g.SubOp, g.MulOp, g.DivOp, g.PowOp, g.MaximumOp, g.MinimumOp,
    g.ReduceSumOp, g.ReduceMeanOp, g.ReduceMaxOp, g.ReduceMinOp,
    g.ReshapeOp, g.FlattenOp, g.TransposeOp, g.ConcatOp, g.PadOp, g.SliceOp,
}  # fmt: skip


def test_every_graph_op_is_exercised():
    missing = sorted(op.name for op in set(GRAPH_OPS) - EXERCISED)
    assert not missing, f"add fusion numerics for {missing}"


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,groups", [c[1:] for c in CONV_CASES], ids=[c[0] for c in CONV_CASES]
)
def test_conv(xs, ws, bias, strides, pads, dilations, groups):
    rng = np.random.default_rng(200)
    w, bvec = rand(rng, ws), rand(rng, (ws[0],))

    def build(b, x):
        bv = b.param("conv.bias", bvec) if bias else None
        conv = g.Conv2dOp(x, b.param("conv.weight", w), bv, strides=strides, pads=pads,
                          dilations=dilations, groups=groups)
        return b.add(conv, name="conv")

    module = fuse_and_compare(build, rand(rng, xs))
    assert [n.split("_", 1)[1].rsplit("_", 1)[0] for n in kernel_names(module)] == ["reindex_reduce_add"]


@pytest.mark.parametrize(
    "xs,ws,bias,strides,pads,dilations,output_padding,groups",
    [c[1:] for c in CONV_TRANSPOSE_CASES], ids=[c[0] for c in CONV_TRANSPOSE_CASES],
)
def test_conv_transpose(xs, ws, bias, strides, pads, dilations, output_padding, groups):
    rng = np.random.default_rng(206)
    w, bvec = rand(rng, ws), rand(rng, (ws[1] * groups,))

    def build(b, x):
        bv = b.param("bias", bvec) if bias else None
        return b.add(g.ConvTranspose2dOp(x, b.param("w", w), bv, strides=strides, pads=pads,
                                         dilations=dilations, output_padding=output_padding,
                                         groups=groups))

    module = fuse_and_compare(build, rand(rng, xs))
    # a strided input is first spread out with zeros: a scatter kernel of its own
    assert len(kernels(module)) == (1 if strides == (1, 1) else 2)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize(
    "xs,kernel,strides,pads,dilations,ceil", [c[1:] for c in POOL_CASES], ids=[c[0] for c in POOL_CASES]
)
def test_pool(xs, kernel, strides, pads, dilations, ceil, kind):
    common = dict(kernel=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil)
    op = g.MaxPool2dOp if kind == "max" else g.AvgPool2dOp
    module = fuse_and_compare(one(lambda x: op(x, **common)), rand(np.random.default_rng(201), xs))
    assert len(kernels(module)) == 1


@pytest.mark.parametrize("op", [g.GlobalAvgPoolOp, g.GlobalMaxPoolOp], ids=["avg", "max"])
def test_global_pool(op):
    fuse_and_compare(one(op), rand(np.random.default_rng(202), (2, 3, 4, 5)))


@pytest.mark.parametrize(
    "a_shape,b_shape,c_shape,trans_a,trans_b,alpha,beta", [c[1:] for c in GEMM_CASES], ids=[c[0] for c in GEMM_CASES]
)
def test_gemm(a_shape, b_shape, c_shape, trans_a, trans_b, alpha, beta):
    rng = np.random.default_rng(203)
    arrays = [rand(rng, a_shape), rand(rng, b_shape)] + ([rand(rng, c_shape)] if c_shape is not None else [])
    module = fuse_and_compare(
        one(lambda a, b_, c=None: g.GemmOp(a, b_, c, trans_a=trans_a, trans_b=trans_b, alpha=alpha, beta=beta)),
        *arrays,
    )
    assert len(kernels(module)) == 1  # scaling and the bias are the reduction's epilogue


@pytest.mark.parametrize("a_shape,b_shape", [c[1:] for c in MATMUL_CASES], ids=[c[0] for c in MATMUL_CASES])
def test_matmul(a_shape, b_shape):
    rng = np.random.default_rng(204)
    fuse_and_compare(one(g.MatmulOp), rand(rng, a_shape), rand(rng, b_shape))


@pytest.mark.parametrize("shape", [(2, 3, 4, 5), (1, 4, 3, 3)], ids=["4d", "channels4"])
def test_batch_norm(shape):
    rng = np.random.default_rng(205)
    c = shape[1]
    params = [rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,), 0.05, 2.0)]

    def build(b, x):
        p = [b.param(n, a) for n, a in zip(("scale", "bias", "mean", "var"), params)]
        return b.add(g.BatchNormOp(x, *p), name="bn")

    module = fuse_and_compare(build, rand(rng, shape))
    assert len(kernels(module)) == 2  # the per-channel parameters, then x * inv + shift


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("op", [g.SoftmaxOp, g.LogSoftmaxOp], ids=["softmax", "log_softmax"])
def test_softmax(op, axis):
    module = fuse_and_compare(one(lambda x: op(x, axis)), rand(np.random.default_rng(206), (2, 3, 4), -5, 5))
    assert len(kernels(module)) == 3


UNARY = [
    ("relu", g.ReluOp, (-2.0, 2.0)), ("sigmoid", g.SigmoidOp, (-8.0, 8.0)), ("tanh", g.TanhOp, (-3.0, 3.0)),
    ("exp", g.ExpOp, (-4.0, 4.0)), ("log", g.LogOp, (0.01, 10.0)), ("sqrt", g.SqrtOp, (0.0, 9.0)),
    ("neg", g.NegOp, (-2.0, 2.0)), ("abs", g.AbsOp, (-2.0, 2.0)),
    ("leaky_relu", lambda x: g.LeakyReluOp(x, 0.2), (-2.0, 2.0)),
    ("clip", lambda x: g.ClipOp(x, 0.0, 6.0), (-8.0, 8.0)),
    ("clip_max_only", lambda x: g.ClipOp(x, None, 0.25), (-8.0, 8.0)),
]  # fmt: skip


@pytest.mark.parametrize("shape", [(3, 5), ()], ids=["2d", "scalar"])
@pytest.mark.parametrize("op,span", [c[1:] for c in UNARY], ids=[c[0] for c in UNARY])
def test_unary(op, span, shape):
    module = fuse_and_compare(one(op), rand(np.random.default_rng(207), shape, *span))
    assert len(kernels(module)) == 1


BINARY = [
    ("add", g.AddOp, (-3.0, 3.0), (-3.0, 3.0)), ("sub", g.SubOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("mul", g.MulOp, (-3.0, 3.0), (-3.0, 3.0)), ("div", g.DivOp, (-3.0, 3.0), (0.5, 3.0)),
    ("pow", g.PowOp, (0.1, 3.0), (-2.0, 2.0)), ("max", g.MaximumOp, (-3.0, 3.0), (-3.0, 3.0)),
    ("min", g.MinimumOp, (-3.0, 3.0), (-3.0, 3.0)),
]  # fmt: skip


@pytest.mark.parametrize("a_shape,b_shape", [c[1:] for c in BROADCAST_SHAPES], ids=[c[0] for c in BROADCAST_SHAPES])
@pytest.mark.parametrize("op,span_a,span_b", [c[1:] for c in BINARY], ids=[c[0] for c in BINARY])
def test_binary(op, span_a, span_b, a_shape, b_shape):
    rng = np.random.default_rng(208)
    module = fuse_and_compare(one(op), rand(rng, a_shape, *span_a), rand(rng, b_shape, *span_b))
    assert len(kernels(module)) == 1


def test_inline_constants():
    row, splat = np.array([1.0, -2.0, 0.5], np.float32), np.full((2, 1), 0.75, np.float32)

    def build(b, x):
        return b.add(g.AddOp(b.add(g.MulOp(x, b.constant(row))), b.constant(splat)))

    module = fuse_and_compare(build, rand(np.random.default_rng(209), (2, 3)))
    top = [op.name for op in module.ops.first.body.block.ops]
    assert top == ["metaop.constant", "metaop.constant", "metaop.kernel", "func.return"]


@pytest.mark.parametrize("keepdims", [False, True], ids=["drop", "keepdims"])
@pytest.mark.parametrize("shape,axes", [c[1:] for c in REDUCE_AXES], ids=[c[0] for c in REDUCE_AXES])
@pytest.mark.parametrize(
    "op", [g.ReduceSumOp, g.ReduceMeanOp, g.ReduceMaxOp, g.ReduceMinOp], ids=["sum", "mean", "max", "min"]
)
def test_reduce(op, shape, axes, keepdims):
    fuse_and_compare(one(lambda x: op(x, axes, keepdims)), rand(np.random.default_rng(210), shape))


@pytest.mark.parametrize("src,dst", [c[1:] for c in RESHAPE_CASES], ids=[c[0] for c in RESHAPE_CASES])
def test_reshape(src, dst):
    module = fuse_and_compare(one(lambda x: g.ReshapeOp(x, dst)), rand(np.random.default_rng(211), src))
    assert all(n.split("_")[1] == "reindex" for n in kernel_names(module))


@pytest.mark.parametrize("axis", [0, 1, 3])
def test_flatten(axis):
    fuse_and_compare(one(lambda x: g.FlattenOp(x, axis)), rand(np.random.default_rng(212), (2, 3, 4, 5)))


@pytest.mark.parametrize("shape,perm", [((3, 5), (1, 0)), ((2, 3, 4), (2, 0, 1))], ids=["2d", "rotate"])
def test_transpose(shape, perm):
    fuse_and_compare(one(lambda x: g.TransposeOp(x, perm)), rand(np.random.default_rng(213), shape))


def test_concat():
    rng = np.random.default_rng(214)
    module = fuse_and_compare(lambda b, *vs: b.add(g.ConcatOp(list(vs), 1)),
                              rand(rng, (1, 2, 3)), rand(rng, (1, 5, 3)), rand(rng, (1, 1, 3)))
    assert len(kernels(module)) == 1  # the three gathers are recomputed in the sum


@pytest.mark.parametrize(
    "shape,pads,value", [((1, 2, 3, 4), [0, 0, 1, 1, 0, 0, 1, 1], 0.0), ((3, 6), [2, -3, -1, 1], 7.0)],
    ids=["spatial", "mixed_sign"],
)
def test_pad(shape, pads, value):
    fuse_and_compare(one(lambda x: g.PadOp(x, pads, value)), rand(np.random.default_rng(215), shape))


@pytest.mark.parametrize("shape,axis,indices", [c[1:] for c in GATHER_CASES], ids=[c[0] for c in GATHER_CASES])
def test_gather(shape, axis, indices):
    module = fuse_and_compare(one(lambda x: g.GatherOp(x, axis, indices)), rand(np.random.default_rng(207), shape))
    assert len(kernels(module)) == 1  # the runs' reindexes fuse into their sum


def test_slice():
    fuse_and_compare(one(lambda x: g.SliceOp(x, [1, 0], [7, -1], [2, 3], [2, 1])),
                     rand(np.random.default_rng(216), (1, 3, 8, 8)))


# -- chains ----------------------------------------------------------------------------------


def short(names: list[str]) -> list[str]:
    """`k3_reindex_reduce_add_relu_1x4x5x5` -> `reindex_reduce_add_relu`."""
    return [n.split("_", 1)[1].rsplit("_", 1)[0] for n in names]


def test_conv_bn_relu_pool():
    build, x = strided_conv_bn_relu_pool(np.random.default_rng(300))
    module = fuse_and_compare(build, x)
    assert short(kernel_names(module)) == ["add_sqrt_div", "reindex_reduce_add_relu", "reindex_reduce_max"]


def test_residual_block():
    build, x = residual_block(np.random.default_rng(301))
    module = fuse_and_compare(build, x)
    assert short(kernel_names(module)) == [
        "add_sqrt_div", "reindex_reduce_add_relu", "add_sqrt_div", "reindex_reduce_add_relu"]
    last = kernels(module)[-1]
    assert "metaop.binary add" in [f"{op.name} {op.kind.data.value}" for op in last.block.ops
                                   if isinstance(op, m.BinaryOp)]


def test_softmax_after_matmul():
    rng = np.random.default_rng(302)

    def build(b, q, k):
        scores = b.add(g.MatmulOp(q, k))
        scaled = b.add(g.MulOp(scores, b.constant(np.asarray(0.5, np.float32))))
        return b.add(g.SoftmaxOp(scaled, -1))

    module = fuse_and_compare(build, rand(rng, (2, 3, 4)), rand(rng, (2, 4, 5)))
    assert short(kernel_names(module)) == ["reduce_add", "reduce_max", "exp_reduce_add", "div"]


def test_gemm_after_flatten():
    rng = np.random.default_rng(303)
    w = rand(rng, (2 * 3 * 3, 5))

    def build(b, x):
        y = b.add(g.FlattenOp(x, 1))
        return b.add(g.GemmOp(y, b.param("fc.weight", w), b.constant(np.arange(5, dtype=np.float32))))

    module = fuse_and_compare(build, rand(rng, (3, 2, 3, 3)))
    assert short(kernel_names(module)) == ["reindex", "reduce_add"]


def test_gap_flatten_gemm():
    rng = np.random.default_rng(304)
    w, bias = rand(rng, (10, 12)), rand(rng, (10,))

    def build(b, x):
        y = b.add(g.FlattenOp(b.add(g.GlobalAvgPoolOp(x)), 1))
        return b.add(g.GemmOp(y, b.param("fc.weight", w), b.param("fc.bias", bias), trans_b=True), name="fc")

    module = fuse_and_compare(build, rand(rng, (2, 12, 3, 3)))
    assert short(kernel_names(module)) == ["reduce_mean", "reindex", "reduce_add"]


def test_every_shape_op():
    def build(b, x):
        t = b.add(g.TransposeOp(x, (0, 2, 1)))
        p = b.add(g.PadOp(t, [0, 1, -1, 0, 0, 2], -1.0))
        s = b.add(g.SliceOp(p, [5, 0], [0, 4], [1, 2], [-2, 1]))
        c = b.add(g.ConcatOp([s, s], 2))
        r = b.add(g.ReshapeOp(c, (6, 8)))
        return b.add(g.ReduceMaxOp(r, [1], keepdims=True))

    fuse_and_compare(build, rand(np.random.default_rng(305), (2, 3, 5)))


def test_several_results_and_shared_values():
    """exp is returned, reduced twice over different axes and reused after a reduce."""
    def build(b, x):
        e = b.add(g.ExpOp(x))
        s1 = b.add(g.ReduceSumOp(e, [1], keepdims=True))
        s2 = b.add(g.ReduceMaxOp(e, [0], keepdims=True))
        y = b.add(g.DivOp(e, s1))
        return [e, b.add(g.AddOp(y, s2)), s1]

    fuse_and_compare(build, rand(np.random.default_rng(306), (3, 4)))


def test_resnet18():
    module, ctx = resnet18(image=32, classes=10, seed=3)
    x = rand(np.random.default_rng(307), (1, 3, 32, 32))
    module = fuse_and_compare(None, x, ctx_module=(module, ctx))
    names = short(kernel_names(module))
    # each conv with its batch norm (and residual add) and relu: the stem and 2 per block
    assert names.count("reindex_reduce_add_relu") == 1 + 2 * 8
    assert names.count("reindex_reduce_add") == 3  # the downsampling shortcuts (no relu)
    assert names.count("add_sqrt_div") == 20  # each batch norm's per-channel parameters
    assert names[-3:] == ["reduce_mean", "reindex", "reduce_add"]


# -- random graphs ---------------------------------------------------------------------------

SHAPE = (3, 3, 4)


def _random_graph(seed: int) -> tuple[Build, int]:
    rng = np.random.default_rng(seed)
    steps = [str(rng.choice(["unary", "binary", "reduce", "softmax", "transpose", "matmul"]))
             for _ in range(int(rng.integers(4, 12)))]
    picks = rng.integers(0, 1 << 30, size=(len(steps), 4))

    def build(b, x, y):
        pool = [x, y]
        for step, (p, q, r, s) in zip(steps, picks, strict=True):
            a, c = pool[p % len(pool)], pool[q % len(pool)]
            if step == "unary":
                op = [g.ReluOp, g.SigmoidOp, g.TanhOp, g.NegOp, g.AbsOp][r % 5](a)
            elif step == "binary":
                op = [g.AddOp, g.MulOp, g.SubOp, g.MaximumOp][r % 4](a, c)
            elif step == "reduce":
                axis = int(s % 3)
                red = b.add([g.ReduceSumOp, g.ReduceMaxOp][r % 2](a, [axis], keepdims=True))
                op = g.AddOp(red, c)
            elif step == "softmax":
                op = g.SoftmaxOp(a, int(r % 3))
            elif step == "transpose":
                op = g.TransposeOp(a, (1, 0, 2))
            else:
                weight = np.random.default_rng(int(r)).uniform(-0.5, 0.5, (4, 4)).astype(np.float32)
                op = g.MatmulOp(a, b.param(f"w{len(pool)}", weight))
            pool.append(b.add(op))
        return [pool[-1], pool[len(pool) // 2]]

    return build, len(steps)


@pytest.mark.parametrize("seed", range(40))
def test_random_graph(seed):
    build, _ = _random_graph(seed)
    rng = np.random.default_rng(seed + 1000)
    fuse_and_compare(build, rand(rng, SHAPE), rand(rng, SHAPE))
