"""Fixtures of the CUDA target's tests: the emulation forced (no GPU is assumed), except
for tests marked `gpu`, which run on a real GPU and are skipped without one."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def cuda_device(request):
    """Run every CUDA test on the CPU emulation, even where a GPU is present, so the
    suite checks the same thing everywhere (`MOPC_CUDA_DEVICE=emulation`); a `gpu` test
    gets the GPU (the variable unset), or is skipped where there is none."""
    from mopc.targets.cuda.runner import DEVICE_ENV, device_kind, gpu_arch

    on_gpu = request.node.get_closest_marker("gpu") is not None
    with pytest.MonkeyPatch.context() as patch:
        if on_gpu:
            patch.delenv(DEVICE_ENV, raising=False)
        else:
            patch.setenv(DEVICE_ENV, "emulation")
        gpu_arch.cache_clear()
        if on_gpu and device_kind() != "gpu":
            pytest.skip("no NVIDIA GPU here (nvidia-smi finds none, or nvcc is missing)")
        yield
    gpu_arch.cache_clear()
