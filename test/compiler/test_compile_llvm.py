"""`mopc.compile(..., target="llvm")` against the reference evaluator, end to end.

Every graph op and variant (test/support/graph_cases.py), fused chains, random
convolutions and poolings, and hand-written schedules go through the real pipeline
(graph-to-metaop, metaop-fuse, loop-schedule, metaop-to-loop, convert-to-llvm, LLVM O3,
JIT) and must match the NumPy evaluator. Each model runs on 1 and 2 threads: threads
only split parallel dimensions, so both results are bit-identical.
"""

from __future__ import annotations

import numpy as np
import pytest
from support.graph_cases import CHAIN_CASES, GRAPH_CASES, GraphCase
from support.tolerance import check
from xdsl.ir import SSAValue

import mopc
from mopc.compiler import pipelines, run_pipeline
from mopc.core.evaluate import evaluate
from mopc.dialects import graph as g
from mopc.dialects import metaop as m
from mopc.dialects.loop.schedule import ScheduleAttr
from mopc.frontend.builder import GraphBuilder


def compile_and_compare(case: GraphCase) -> None:
    module, builder, arrays = case.module()
    expected = evaluate(module, arrays, store=builder.store)
    model = mopc.compile(module, ctx=builder.ctx)
    results = {}
    for threads in (1, 2):
        model.threads = threads
        out = model(*arrays)
        results[threads] = out if isinstance(out, tuple) else (out,)
    for one, two, reference in zip(results[1], results[2], expected, strict=True):
        np.testing.assert_array_equal(one, two)
        check(one, reference)


@pytest.mark.parametrize("case", GRAPH_CASES, ids=lambda c: c.id)
def test_graph_op(case: GraphCase):
    compile_and_compare(case)


@pytest.mark.parametrize("case", CHAIN_CASES, ids=lambda c: c.id)
def test_fused_chain(case: GraphCase):
    compile_and_compare(case)


def _random_conv(seed: int) -> GraphCase:
    rng = np.random.default_rng(seed)
    groups = int(rng.choice([1, 1, 2, 3]))
    cin = groups * int(rng.integers(1, 4))
    cout = groups * int(rng.integers(1, 5))
    k = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    dil = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
    strides = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    pads = tuple(int(p) for p in rng.integers(0, 3, 4))
    size = [int(rng.integers(dil[i] * (k[i] - 1) + 1, 14)) for i in range(2)]
    xs = (int(rng.integers(1, 3)), cin, *size)

    def build(b: GraphBuilder, r: np.random.Generator, values: list[SSAValue]) -> SSAValue:
        w = b.param("w", r.standard_normal((cout, cin // groups, *k)).astype(np.float32))
        bias = b.param("bias", r.standard_normal(cout).astype(np.float32)) if seed % 2 else None
        return b.add(g.Conv2dOp(values[0], w, bias, strides=strides, pads=pads, dilations=dil, groups=groups))

    return GraphCase(f"random-conv-{seed}", (xs,), build)


def _random_pool(seed: int) -> GraphCase:
    rng = np.random.default_rng(seed)
    k = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    dil = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
    strides = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    pads = tuple(int(rng.integers(0, k[i % 2])) for i in range(4))
    size = [int(rng.integers(dil[i] * (k[i] - 1) + 1, 14)) for i in range(2)]
    op = g.MaxPool2dOp if seed % 2 else g.AvgPool2dOp
    ceil = bool(rng.integers(0, 2))
    extra = {"count_include_pad": bool(rng.integers(0, 2))} if op is g.AvgPool2dOp else {}

    def build(b: GraphBuilder, r: np.random.Generator, values: list[SSAValue]) -> SSAValue:
        return b.add(op(values[0], kernel=k, strides=strides, pads=pads, dilations=dil, ceil_mode=ceil, **extra))

    return GraphCase(f"random-pool-{seed}", ((1, 3, *size),), build)


@pytest.mark.parametrize("case", [_random_conv(s) for s in range(12)], ids=lambda c: c.id)
def test_random_conv(case: GraphCase):
    compile_and_compare(case)


@pytest.mark.parametrize("case", [_random_pool(s) for s in range(12)], ids=lambda c: c.id)
def test_random_pool(case: GraphCase):
    compile_and_compare(case)


# -- schedules written by hand: every primitive, applied, keeps the result ----------------

CONV_SCHEDULES = [
    "#loop.schedule<>",
    "#loop.schedule<vector = [4, 4]>",
    "#loop.schedule<order = [1, 3, 4, 0, 2, 5, 6], parallel = 1, unroll = [1, 3, 1, 1, 1, 1, 1], vector = [4, 8]>",
    "#loop.schedule<order = [3, 1, 4, 0, 6, 5, 2], parallel = 1, tile = [0, 4, 0, 5, 0, 0, 0], unroll = [1, 2, 1, 2, 2, 1, 1], vector = [4, 4]>",
    "#loop.schedule<order = [0, 1, 3, 4, 2, 5, 6], unroll = [1, 1, 1, 1, 1, 1, 3], vector = [6, 4]>",
    "#loop.schedule<order = [4, 3, 1, 0, 2, 5, 6], parallel = 1, tile = [0, 0, 0, 0, 7, 0, 0], unroll = [1, 5, 2, 1, 1, 1, 1]>",
]


def _conv_graph():
    rng = np.random.default_rng(7)
    b = GraphBuilder()
    x = b.input("x", (1, 6, 11, 13))
    w = b.param("w", rng.standard_normal((10, 6, 3, 3)).astype(np.float32))
    bias = b.param("bias", rng.standard_normal(10).astype(np.float32))
    y = b.add(g.ReluOp(b.add(g.Conv2dOp(x, w, bias, pads=(1, 2, 1, 0)))))
    return b.finish(y), b, rng.standard_normal((1, 6, 11, 13)).astype(np.float32)


@pytest.mark.parametrize("schedule", CONV_SCHEDULES)
def test_hand_written_schedule(schedule: str):
    from xdsl.parser import Parser

    module, builder, x = _conv_graph()
    (expected,) = evaluate(module, [x], store=builder.store)
    run_pipeline(module, builder.ctx, f"{pipelines.GRAPH_TO_METAOP},{pipelines.FUSE}")
    kernels = [op for op in module.walk() if isinstance(op, m.KernelOp)]
    conv = next(k for k in kernels if "reduce" in k.kernel_name)
    conv.schedule = Parser(builder.ctx, schedule).parse_attribute()
    assert isinstance(conv.schedule, ScheduleAttr)
    model = mopc.compile(module, ctx=builder.ctx)
    assert schedule.replace("#loop.schedule", "") in model.loop_ir or schedule == "#loop.schedule<>"
    for threads in (1, 2):
        model.threads = threads
        check(model(x), expected)


def test_resnet18_small_image():
    from mopc.frontend.zoo.resnet import resnet18

    module, ctx = resnet18(image=32, classes=10, seed=5)
    from mopc.core.context import resources_of

    x = np.random.default_rng(1).standard_normal((1, 3, 32, 32)).astype(np.float32)
    (expected,) = evaluate(module, [x], store=resources_of(ctx))
    model = mopc.compile(module, ctx=ctx)
    model.threads = 2
    check(model(x), expected)


def test_strided_conv_reads_packed_weights():
    """A stride-2 convolution is vectorized over its output channels, with the weight
    stored channels-last in blocks of one vector by pack-constants (24 channels: two
    blocks of 16, the second zero-padded); results match the reference."""
    rng = np.random.default_rng(11)
    b = GraphBuilder()
    x = b.input("x", (1, 3, 33, 33))
    w = b.param("w", rng.standard_normal((24, 3, 7, 7)).astype(np.float32))
    y = b.add(g.ReluOp(b.add(g.Conv2dOp(x, w, strides=(2, 2), pads=(3, 3, 3, 3)))))
    module = b.finish(y)
    image = rng.standard_normal((1, 3, 33, 33)).astype(np.float32)
    (expected,) = evaluate(module, [image], store=b.store)
    model = mopc.compile(module, ctx=b.ctx)
    assert model.param_names == ["w.pack_1_2_3_0_b16"]
    assert model.params[0].shape == (2, 3, 7, 7, 16)
    assert "vector.insert" not in model.loop_ir  # no gathers: every weight read is one vector
    assert "vector = [1, 16]" in model.loop_ir or "vector = [1, 8]" in model.loop_ir
    check(model(image), expected)
