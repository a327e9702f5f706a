"""The end-to-end tolerance of a compiled model against the NumPy evaluator, shared by
every target's tests (LLVM, CUDA emulation and GPU, BANG simulator)."""

from __future__ import annotations

import numpy as np


def check(actual: np.ndarray, expected: np.ndarray) -> None:
    """Same shape and dtype; close within 1e-4 relative, 2e-5 of the output's scale
    (at least 1) absolute: sums reassociated by vectors and threads, not wrong values."""
    assert actual.shape == expected.shape and actual.dtype == expected.dtype
    scale = max(1.0, float(np.max(np.abs(expected), initial=0.0)))
    np.testing.assert_allclose(actual, expected, rtol=1e-4, atol=2e-5 * scale)
