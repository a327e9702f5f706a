"""`materialize-padding` keeps every padded convolution and pooling exact, on the
reference evaluator and compiled for the CPU, and leaves no bounds check behind."""

from __future__ import annotations

import numpy as np
import pytest
from op_cases import CONV_CASES, POOL_CASES
from support.chains import residual_block, strided_conv_bn_relu_pool

import mopc
from mopc.compiler import pipelines, run_pipeline
from mopc.core.context import resources_of
from mopc.core.evaluate import evaluate
from mopc.dialects import graph as g
from mopc.dialects import metaop as m
from mopc.frontend.builder import GraphBuilder
from mopc.passes.metaop_to_loop.kernel_analysis import axes_to_check


def _conv(case):
    _, xs, ws, bias, strides, pads, dilations, groups = case
    rng = np.random.default_rng(0)

    def build(b, x):
        w = b.param("w", rng.standard_normal(ws).astype(np.float32))
        bb = b.param("b", rng.standard_normal(ws[0]).astype(np.float32)) if bias else None
        return b.add(g.Conv2dOp(x, w, bb, strides=strides, pads=pads, dilations=dilations, groups=groups))

    return build, rng.standard_normal(xs).astype(np.float32)


def _pool(case):
    _, xs, kernel, strides, pads, dilations, ceil_mode = case

    def build(b, x):
        return b.add(g.MaxPool2dOp(x, kernel=kernel, strides=strides, pads=pads, dilations=dilations,
                                   ceil_mode=ceil_mode))

    return build, np.random.default_rng(1).standard_normal(xs).astype(np.float32)


CHAINS = {
    **{f"conv_{c[0]}": (lambda c=c: _conv(c)) for c in CONV_CASES},
    **{f"pool_{c[0]}": (lambda c=c: _pool(c)) for c in POOL_CASES},
    "stem": lambda: strided_conv_bn_relu_pool(np.random.default_rng(2)),
    "residual": lambda: residual_block(np.random.default_rng(3)),
}


def _module(name):
    build, x = CHAINS[name]()
    b = GraphBuilder()
    module = b.finish(build(b, b.input("x", x.shape)))
    return module, b, x


@pytest.mark.parametrize("name", sorted(CHAINS))
def test_reference_results_are_unchanged(name):
    module, b, x = _module(name)
    run_pipeline(module, b.ctx, pipelines.GRAPH_TO_METAOP)
    (before,) = evaluate(module, [x], store=resources_of(b.ctx))
    run_pipeline(module, b.ctx, "materialize-padding")
    (after,) = evaluate(module, [x], store=resources_of(b.ctx))
    np.testing.assert_array_equal(before, after)
    for op in module.walk():  # every window now reads inside its input
        if isinstance(op, m.ReindexOp) and len(op.result.type.get_shape()) > len(op.input.type.get_shape()):
            assert not any(axes_to_check(op.map.data, op.result.type.get_shape(), op.input.type.get_shape()))


@pytest.mark.parametrize("name", ["stem", "residual", "pool_k3s2_pad1_odd", "conv_asym_pads_big"])
def test_compiled_results_match_without_the_pass(name, monkeypatch):
    from mopc.targets.llvm import backend

    module, b, x = _module(name)
    assert pipelines.PAD in pipelines.TO_LOOP  # the default: only innermost checks
    unpadded = pipelines.TO_LOOP.replace(f"{pipelines.PAD},", "")
    monkeypatch.setattr(backend, "pipeline", lambda *_: unpadded)
    plain = mopc.compile(module, ctx=b.ctx, cache=False)
    padded = pipelines.TO_LOOP.replace(pipelines.PAD, "materialize-padding")
    monkeypatch.setattr(backend, "pipeline", lambda *_: padded)
    materialized = mopc.compile(module, ctx=b.ctx, cache=False)
    assert len(materialized.kernel_calls) > len(plain.kernel_calls)  # the padding copies
    np.testing.assert_allclose(materialized(x), plain(x), rtol=1e-5, atol=1e-5)


def test_the_cpu_pipeline_splits_only_windows_checked_innermost():
    """Default pipeline: a stem (3 channels under 7x7) gets its padding copy; a 3x3
    window over 16 channels keeps its (hoisted) checks."""
    def conv(channels, kernel):
        rng = np.random.default_rng(4)
        b = GraphBuilder()
        x = b.input("x", (1, channels, 12, 12))
        w = b.param("w", rng.standard_normal((8, channels, kernel, kernel)).astype(np.float32))
        pad = kernel // 2
        module = b.finish(b.add(g.Conv2dOp(x, w, None, strides=(2, 2), pads=(pad,) * 4)))
        model = mopc.compile(module, ctx=b.ctx, cache=False)
        xs = rng.standard_normal((1, channels, 12, 12)).astype(np.float32)
        (expected,) = evaluate(module, [xs], store=resources_of(b.ctx))
        np.testing.assert_allclose(model(xs), expected, rtol=1e-4, atol=1e-4)
        return [c.kernel for c in model.kernel_calls]

    assert conv(3, 7)[0].startswith("k0_reindex_1x3x"), conv(3, 7)  # the copy, then the conv
    assert len(conv(16, 3)) == 1
