"""Graph ops through the whole ladder onto the CPU: graph-to-metaop, one kernel per
meta-op (test/support/kernels.py, so the test does not depend on fusion decisions),
loop-schedule and metaop-to-loop, then `compile_module`; the compiled entry, run on
random inputs with one and two threads, matches the graph evaluator.

This exercises the loop level `metaop-to-loop` really produces (register blocks,
masked vector tails, loop.cmpf/select, workspace views), not just hand-written kernels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from support.kernels import wrap_each_op
from xdsl.dialects import func
from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr, TensorType
from xdsl.ir import SSAValue

from mopc.core.evaluate import evaluate
from mopc.core.pipeline import PipelineRunner, parse_pipeline
from mopc.core.registry import all_passes
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass
from mopc.targets.llvm.convert_to_llvm import ConvertToLLVMPass
from mopc.targets.llvm.runner import compile_module

RNG = np.random.default_rng(3)
Build = Callable[..., SSAValue]


def rand(*shape: int) -> np.ndarray:
    return RNG.uniform(-2.0, 2.0, shape).astype(np.float32)


def run_on_cpu(
    build: Build, arrays: Sequence[np.ndarray], rtol: float = 1e-5, atol: float = 1e-5
) -> None:
    b = GraphBuilder()
    inputs = [b.input(f"x{i}", a.shape) for i, a in enumerate(arrays)]
    module = b.finish(build(b, *inputs))
    (expected,) = evaluate(module, list(arrays), store=b.store)

    GraphToMetaopPass().apply(b.ctx, module)
    wrap_each_op(module)
    PipelineRunner(parse_pipeline("loop-schedule,metaop-to-loop", all_passes())).run(b.ctx, module)
    lowered = module.clone()
    ConvertToLLVMPass().apply(b.ctx, lowered)
    lowered.verify()  # valid `llvm` dialect, not just something the translator accepts
    compiled = compile_module(module, b.ctx)

    functions = [f for f in module.ops if isinstance(f, func.FuncOp)]
    entry = next(f for f in functions if "mopc.entry" in f.attributes)
    abi = entry.attributes["mopc.abi"]
    assert isinstance(abi, DictionaryAttr)
    names = [n.data for n in abi.data["params"].data]  # type: ignore[union-attr]
    first = len(arrays) + 1
    types = entry.function_type.inputs.data[first : first + len(names)]
    params = [b.store.get(n, TensorType(t.get_element_type(), t.get_shape()))  # type: ignore[union-attr]
              for n, t in zip(names, types, strict=True)]
    workspace_bytes = abi.data["workspace_bytes"]
    assert isinstance(workspace_bytes, IntegerAttr)
    workspace = np.zeros(max(1, workspace_bytes.value.data), np.uint8)

    results = []
    for threads in (1, 2):
        compiled.set_threads(threads)
        out = np.full(expected.shape, np.nan, np.float32)
        compiled.call(entry.sym_name.data, [*arrays, out, *params, workspace])
        results.append(out)
    np.testing.assert_allclose(results[0], expected, rtol=rtol, atol=atol)
    np.testing.assert_array_equal(results[1], results[0])  # thread count never matters


def unary(op: type) -> Build:
    return lambda b, x: b.add(op(x))


def binary(op: type) -> Build:
    return lambda b, x, y: b.add(op(x, y))


@pytest.mark.parametrize("op", [g.ReluOp, g.SigmoidOp, g.TanhOp, g.ExpOp, g.AbsOp, g.NegOp])
def test_unary(op):
    run_on_cpu(unary(op), [rand(2, 3, 37)])


def test_log_and_sqrt_of_positive_values():
    x = np.abs(rand(5, 19)) + np.float32(0.1)
    run_on_cpu(lambda b, v: b.add(g.SqrtOp(b.add(g.LogOp(v)))), [x + np.float32(1.0)])


@pytest.mark.parametrize(("op", "shapes"), [
    (g.AddOp, [(4, 33), (4, 33)]),
    (g.MulOp, [(2, 3, 17), (3, 1)]),  # broadcasting
    (g.MaximumOp, [(3, 20), (20,)]),
    (g.DivOp, [(6, 18), (6, 18)]),
])
def test_binary(op, shapes):
    arrays = [rand(*s) for s in shapes]
    if op is g.DivOp:
        arrays[1] = np.abs(arrays[1]) + np.float32(0.5)
    run_on_cpu(binary(op), arrays)


def test_clip_and_leaky_relu():
    run_on_cpu(lambda b, x: b.add(g.LeakyReluOp(b.add(g.ClipOp(x, -1.0, 1.5)), 0.1)), [rand(3, 29)])


@pytest.mark.parametrize(("strides", "pads", "dilations", "groups", "xs", "ws"), [
    ((1, 1), (1, 1, 1, 1), (1, 1), 1, (1, 3, 9, 9), (8, 3, 3, 3)),
    ((2, 2), (0, 1, 2, 0), (1, 1), 1, (2, 2, 7, 6), (3, 2, 3, 3)),
    ((1, 1), (2, 2, 2, 2), (2, 2), 2, (1, 4, 8, 8), (4, 2, 3, 3)),
    ((1, 1), (1, 1, 1, 1), (1, 1), 6, (1, 6, 7, 7), (6, 1, 3, 3)),  # depthwise
])
def test_conv(strides, pads, dilations, groups, xs, ws):
    w, bias = rand(*ws), rand(ws[0])

    def build(b: GraphBuilder, x: SSAValue) -> SSAValue:
        conv = g.Conv2dOp(x, b.param("w", w), b.param("b", bias), strides=strides, pads=pads,
                          dilations=dilations, groups=groups)
        return b.add(g.ReluOp(b.add(conv)))

    run_on_cpu(build, [rand(*xs)], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("pool", ["max", "avg"])
def test_pooling(pool):
    def build(b: GraphBuilder, x: SSAValue) -> SSAValue:
        if pool == "max":
            return b.add(g.MaxPool2dOp(x, kernel=(3, 3), strides=(2, 2), pads=(1, 1, 1, 1)))
        return b.add(g.AvgPool2dOp(x, kernel=(2, 3), strides=(1, 2), ceil_mode=True))

    run_on_cpu(build, [rand(2, 3, 9, 8)])


def test_global_pool_and_gemm():
    w, c = rand(10, 24), rand(10)

    def build(b: GraphBuilder, x: SSAValue) -> SSAValue:
        pooled = b.add(g.FlattenOp(b.add(g.GlobalAvgPoolOp(x)), 1))
        return b.add(g.GemmOp(pooled, b.param("fc.w", w), b.param("fc.b", c), trans_b=True))

    run_on_cpu(build, [rand(2, 24, 5, 5)], rtol=1e-4, atol=1e-4)


def test_matmul_batched():
    run_on_cpu(binary(g.MatmulOp), [rand(2, 5, 19), rand(2, 19, 33)], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("op", [g.SoftmaxOp, g.LogSoftmaxOp])
def test_softmax(op):
    run_on_cpu(lambda b, x: b.add(op(x, axis=-1)), [rand(4, 37)])


def test_batch_norm():
    scale, bias, mean = rand(5), rand(5), rand(5)
    var = np.abs(rand(5)) + np.float32(0.5)

    def build(b: GraphBuilder, x: SSAValue) -> SSAValue:
        params = [b.param(n, a) for n, a in (("s", scale), ("b", bias), ("m", mean), ("v", var))]
        return b.add(g.BatchNormOp(x, *params))

    run_on_cpu(build, [rand(2, 5, 4, 6)])


@pytest.mark.parametrize("op", [g.ReduceSumOp, g.ReduceMeanOp, g.ReduceMaxOp, g.ReduceMinOp])
def test_reductions(op):
    reduce = lambda b, x: b.add(op(x, axes=(1, 3), keepdims=False))
    run_on_cpu(reduce, [rand(3, 7, 4, 21)], rtol=1e-4)


def test_data_movement():
    def build(b: GraphBuilder, x: SSAValue, y: SSAValue) -> SSAValue:
        t = b.add(g.TransposeOp(x, (0, 2, 1)))
        joined = b.add(g.ConcatOp([t, y], axis=1))
        padded = b.add(g.PadOp(joined, (0, 1, 2, 0, 0, 1), 0.5))
        cut = b.add(g.SliceOp(padded, starts=(1,), ends=(9,), axes=(1,), steps=(2,)))
        return b.add(g.ReshapeOp(cut, (2, 32)))

    run_on_cpu(build, [rand(2, 5, 4), rand(2, 3, 5)])
