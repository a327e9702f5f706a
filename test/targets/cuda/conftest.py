"""Fixtures of the CUDA target's tests: the emulation forced (no GPU is assumed)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def cuda_emulation():
    """Run every CUDA test on the CPU emulation, even where a GPU is present, so the
    suite checks the same thing everywhere (`MOPC_CUDA_DEVICE=emulation`)."""
    from mopc.targets.cuda.runner import DEVICE_ENV, gpu_arch

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DEVICE_ENV, "emulation")
        gpu_arch.cache_clear()
        yield
    gpu_arch.cache_clear()
