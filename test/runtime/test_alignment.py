"""Weights, outputs and the workspace start on 64-byte boundaries (whole AVX-512
vectors, one cache line): NumPy's own arrays often do not, and a misaligned weight
array splits every vector load across two cache lines."""

from __future__ import annotations

import numpy as np

import mopc
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.runtime.model import aligned, aligned_empty


def misaligned(values: np.ndarray) -> np.ndarray:
    raw = np.empty(values.nbytes + 128, np.uint8)
    start = (-raw.ctypes.data) % 64 + 4  # 4 bytes past a boundary
    out = raw[start:start + values.nbytes].view(values.dtype).reshape(values.shape)
    out[...] = values
    return out


def test_aligned_copies_only_what_it_must():
    values = np.arange(35, dtype=np.float32).reshape(5, 7)
    off = misaligned(values)
    assert off.ctypes.data % 64 == 4
    fixed = aligned(off)
    assert fixed.ctypes.data % 64 == 0 and fixed.shape == (5, 7) and fixed.dtype == np.float32
    np.testing.assert_array_equal(fixed, values)
    assert aligned(fixed) is fixed
    assert aligned_empty((), np.float32).shape == () and aligned_empty((), np.float32).ctypes.data % 64 == 0
    assert aligned_empty((0, 3), np.float32).shape == (0, 3)


def test_compiled_model_aligns_weights_and_outputs():
    rng = np.random.default_rng(0)
    b = GraphBuilder()
    x = b.input("x", (4, 9))
    weights = rng.standard_normal((9, 33)).astype(np.float32)
    w = b.param("w", weights)
    module = b.finish(b.add(g.MatmulOp(x, w)))
    model = mopc.compile(module, ctx=b.ctx)
    model.params = [misaligned(p) for p in model.params]
    model.__post_init__()  # as a loaded export binds its parameters
    assert all(p.ctypes.data % 64 == 0 for p in model.params)
    inputs = rng.standard_normal((4, 9)).astype(np.float32)
    y = model(inputs)
    assert y.ctypes.data % 64 == 0
    np.testing.assert_allclose(y, inputs @ weights, rtol=1e-5, atol=1e-5)
