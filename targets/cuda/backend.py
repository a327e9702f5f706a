"""The CUDA back end of `mopc.compile` (see `BACKENDS` in targets/__init__.py).

The pipeline goes to the loop level with GPU schedules (`cuda-schedule`, scalar code);
`build` then runs `loop-to-cuda`, prints CUDA C and compiles it: with nvcc for the GPU
when there is one, else for the CPU emulation (`runner.py`; `runner.device` says which).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `load` runs where xDSL is not installed
    from xdsl.context import Context
    from xdsl.dialects.builtin import ModuleOp


def pipeline(fusion_report: str = "", report_file: str = "") -> str:
    from mopc.targets.cuda.lowering import to_loop

    return to_loop(fusion_report, report_file)


def build(module: ModuleOp, ctx: Context, ir_text: str, *, cache: bool = True,
          cache_dir: str | os.PathLike[str] | None = None):
    from mopc.targets.cuda.lowering import cuda_source
    from mopc.targets.cuda.runner import build_library

    del ir_text, cache_dir  # the builds are keyed by the CUDA C they compile
    return build_library(cuda_source(module, ctx), use_cache=cache)


def load(path: str | os.PathLike[str]):
    from mopc.targets.cuda.runner import CudaLibrary

    return CudaLibrary(path)


def hardware_levels(module: ModuleOp, ctx: Context) -> list[tuple[str, str]]:
    """The `cuda` level after loop-to-cuda and the CUDA C printed from it, from a
    loop-level `module` (left unchanged), for `mopc compile --dump-levels`."""
    from mopc.core.io import print_module
    from mopc.targets.cuda.lower import LoopToCudaPass
    from mopc.targets.cuda.printer import print_cuda

    lowered = module.clone()
    LoopToCudaPass().apply(ctx, lowered)
    return [("cuda.mlir", print_module(lowered, ctx)), ("cu", print_cuda(lowered))]
