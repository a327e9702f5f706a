"""The printed CUDA C, run on the CPU through the emulation, against the reference.

Graph ops and fused chains go through `mopc.compile(..., target="cuda")`:
cuda-schedule, metaop-to-loop (scalar), loop-to-cuda, the CUDA printer, then the `.cu`
text compiled with the host C++ compiler against the emulation header (blocks of
fibers, `__syncthreads()` a real barrier) and run. Every op is covered, with up to
`VARIANTS_PER_OP` of its variants (the CPU test runs them all: variants differ in index
maps, which the loop level shared by both targets computes; what this target adds, the
mapping of loops onto threads, is the same for all). Builds are cached by source hash.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from support.graph_cases import CHAIN_CASES, GRAPH_CASES, GraphCase
from support.tolerance import check
from xdsl.ir import SSAValue

import mopc
from mopc.core.evaluate import evaluate
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder

VARIANTS_PER_OP = 3


def _sample(cases: list[GraphCase], per_op: int) -> list[GraphCase]:
    """The first, last and middle variants of every op (by the id's op prefix)."""
    chosen: list[GraphCase] = []
    for _, group in itertools.groupby(cases, key=lambda c: c.id.split("-")[0]):
        variants = list(group)
        picks = sorted({round(i * (len(variants) - 1) / max(per_op - 1, 1)) for i in range(per_op)})
        chosen += [variants[i] for i in picks if i < len(variants)]
    return chosen


def compile_and_compare(case: GraphCase, threads: int = 2):
    module, builder, arrays = case.module()
    expected = evaluate(module, arrays, store=builder.store)
    model = mopc.compile(module, "cuda", ctx=builder.ctx)
    assert model.runner.device == "emulation"
    model.threads = threads
    out = model(*arrays)
    for actual, reference in zip(out if isinstance(out, tuple) else (out,), expected, strict=True):
        check(actual, reference)
    return model


def test_every_op_is_sampled():
    ops = {c.id.split("-")[0] for c in GRAPH_CASES}
    assert {c.id.split("-")[0] for c in _sample(GRAPH_CASES, VARIANTS_PER_OP)} == ops


@pytest.mark.parametrize("case", _sample(GRAPH_CASES, VARIANTS_PER_OP), ids=lambda c: c.id)
def test_graph_op(case: GraphCase):
    compile_and_compare(case)


@pytest.mark.parametrize("case", CHAIN_CASES, ids=lambda c: c.id)
def test_fused_chain(case: GraphCase):
    compile_and_compare(case)


# -- block-level tree reductions (shared memory, __syncthreads) -------------------------


def _unary(op, **kw):
    def build(b: GraphBuilder, r: np.random.Generator, xs: list[SSAValue]) -> SSAValue:
        return b.add(op(xs[0], **kw))
    return build


BLOCK_REDUCE_CASES = [
    GraphCase("softmax-1x1000", ((1, 1000),), _unary(g.SoftmaxOp, axis=1)),
    GraphCase("log-softmax-3x300", ((3, 300),), _unary(g.LogSoftmaxOp, axis=1)),
    GraphCase("global-avg-pool-2x8x9x9", ((2, 8, 9, 9),), _unary(g.GlobalAvgPoolOp)),
    GraphCase("reduce-max-all-37x5", ((37, 5),), _unary(g.ReduceMaxOp, axes=(0, 1), keepdims=False)),
    GraphCase("reduce-min-rows-4x70", ((4, 70),), _unary(g.ReduceMinOp, axes=(1,), keepdims=True)),
    GraphCase("reduce-mean-33", ((33,),), _unary(g.ReduceMeanOp, axes=(0,), keepdims=False)),
]


@pytest.mark.parametrize("case", BLOCK_REDUCE_CASES, ids=lambda c: c.id)
def test_block_reduction(case: GraphCase):
    """Few output points, long reductions: one block per point, a shared-memory tree."""
    model = compile_and_compare(case, threads=2)
    assert "__shared__ float" in model.runner.source and "__syncthreads();" in model.runner.source


def test_conv_register_blocks_and_matmul():
    """A convolution whose threads each compute a register block of output channels."""
    def build(b: GraphBuilder, r: np.random.Generator, xs: list[SSAValue]) -> SSAValue:
        w = b.param("w", r.standard_normal((8, 3, 3, 3)).astype(np.float32))
        y = b.add(g.ReluOp(b.add(g.Conv2dOp(xs[0], w, None, pads=(1, 1, 1, 1)))))
        m = b.param("m", r.standard_normal((10, 5)).astype(np.float32))
        return b.add(g.MatmulOp(b.add(g.ReshapeOp(y, (8 * 10, 10))), m))

    model = compile_and_compare(GraphCase("conv-matmul", ((1, 3, 10, 10),), build))
    assert "unroll = [1, 4, 1, 1, 1, 1, 1]" in model.loop_ir


# -- shared-memory tiles of contractions (cooperative loads, __syncthreads per K-slice) ---


def _matmul(b: GraphBuilder, r: np.random.Generator, xs: list[SSAValue]) -> SSAValue:
    return b.add(g.MatmulOp(xs[0], xs[1]))


def _gemm_trans_b_bias_relu(b: GraphBuilder, r: np.random.Generator, xs: list[SSAValue]) -> SSAValue:
    w = b.param("w", r.standard_normal((61, 45)).astype(np.float32))
    c = b.param("c", r.standard_normal((61,)).astype(np.float32))
    return b.add(g.ReluOp(b.add(g.GemmOp(xs[0], w, c, trans_b=True, alpha=0.5))))


def _conv_bias_relu(weight, strides=(1, 1), pads=(0, 0, 0, 0), dilations=(1, 1), groups=1, transpose=False):
    def build(b: GraphBuilder, r: np.random.Generator, xs: list[SSAValue]) -> SSAValue:
        w = b.param("w", (r.standard_normal(weight) * 0.5).astype(np.float32))
        bias = b.param("bias", r.standard_normal((weight[1] * groups if transpose else weight[0],)).astype(np.float32))
        op = g.ConvTranspose2dOp if transpose else g.Conv2dOp
        return b.add(g.ReluOp(b.add(op(xs[0], w, bias, strides=strides, pads=pads, dilations=dilations,
                                       groups=groups))))
    return build


SHARED_TILE_CASES = [
    # rows, columns and K all ragged against the 16x16 tile and the 16-wide K-slice
    GraphCase("matmul-70x45x37", ((70, 45), (45, 37)), _matmul),
    GraphCase("matmul-64x32x48", ((64, 32), (32, 48)), _matmul),  # everything divides
    GraphCase("matmul-5x9x3", ((5, 9), (9, 3)), _matmul),  # K under one slice
    GraphCase("matmul-1x20x300", ((1, 20), (20, 300)), _matmul),  # one row: A shared by all
    GraphCase("batched-matmul-3x33x20x17", ((3, 33, 20), (3, 20, 17)), _matmul),
    GraphCase("gemm-trans-b-bias-relu-75x45x61", ((75, 45),), _gemm_trans_b_bias_relu),
    # convolutions: (ci, kh, kw) sliced as one K, padded input loads filled with their zeros
    GraphCase("conv-3x3-pad-16x14x14-32", ((1, 16, 14, 14),), _conv_bias_relu((32, 16, 3, 3), pads=(1, 1, 1, 1))),
    # stride 2, K = 27 ragged against the slice, 20 channels (5 blocks of 4): rows ragged against the tile
    GraphCase("conv-3x3-stride2-3x15x15-20", ((1, 3, 15, 15),),
              _conv_bias_relu((20, 3, 3, 3), strides=(2, 2), pads=(1, 1, 1, 1))),
    GraphCase("conv-dilated-asym-4x9x11-12", ((1, 4, 9, 11),),
              _conv_bias_relu((12, 4, 3, 2), strides=(1, 2), pads=(2, 0, 1, 1), dilations=(2, 1))),
    GraphCase("conv-1x1-batch2-24x7x7-40", ((2, 24, 7, 7),), _conv_bias_relu((40, 24, 1, 1))),
    GraphCase("conv-grouped-8x6x6-12", ((1, 8, 6, 6),), _conv_bias_relu((12, 4, 3, 3), pads=(1, 1, 1, 1), groups=2)),
    GraphCase("conv-depthwise-6x10x10", ((1, 6, 10, 10),), _conv_bias_relu((6, 1, 3, 3), pads=(1, 1, 1, 1), groups=6)),
    GraphCase("conv-7x7-stride2-3x21x21-8", ((1, 3, 21, 21),),
              _conv_bias_relu((8, 3, 7, 7), strides=(2, 2), pads=(3, 3, 3, 3))),
    GraphCase("conv-transpose-stride2-6x5x5-4", ((1, 6, 5, 5),),
              _conv_bias_relu((6, 4, 3, 3), strides=(2, 2), pads=(1, 1, 1, 1), transpose=True)),
]


@pytest.mark.parametrize("case", SHARED_TILE_CASES, ids=lambda c: c.id)
def test_shared_memory_tiles(case: GraphCase):
    """Contractions tiled through shared memory, tails masked, against the reference
    (enough output points that no block-level reduction takes them instead)."""
    model = compile_and_compare(case, threads=2)
    source = model.runner.source
    assert source.count("__syncthreads();") == 2, source  # after the fill, after the compute
    assert "__shared__ float" in source, source


def test_export_and_load(tmp_path):
    """An export of a CUDA model (the emulated library here) runs again from its
    manifest, with NumPy and ctypes only; a failing call raises a clear error."""
    import mopc.runtime

    case = CHAIN_CASES[0]
    model = compile_and_compare(case)
    _, _, arrays = case.module()
    manifest = model.export(str(tmp_path / "model"))
    loaded = mopc.runtime.load(manifest)
    assert loaded.target == "cuda" and loaded.runner.device == "emulation"
    np.testing.assert_array_equal(loaded(*arrays), model(*arrays))
    kernel = next(name for name in loaded.runner.function_names if name != "main")
    assert kernel.startswith("k")
    with pytest.raises(TypeError, match="takes"):
        loaded.runner.call(kernel, [])


def test_resnet18_small_image():
    """ResNet-18 (32x32, 10 classes) through the emulation: 24 kernels, the 1x1-image
    convolutions of the last stage as block tree reductions."""
    from mopc.core.context import resources_of
    from mopc.frontend.zoo.resnet import resnet18

    module, ctx = resnet18(image=32, classes=10, seed=5)
    x = np.random.default_rng(1).standard_normal((1, 3, 32, 32)).astype(np.float32)
    (expected,) = evaluate(module, [x], store=resources_of(ctx))
    model = mopc.compile(module, "cuda", ctx=ctx)
    model.threads = 2
    check(model(x), expected)
    assert model.runner.source.count("__syncthreads();") >= 8
