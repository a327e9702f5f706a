"""The CPU back end of `mopc.compile` (see `BACKENDS` in targets/__init__.py): the shared pipeline to
the loop level, then LLVM through the code cache (`cache.py`)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `load` runs where xDSL is not installed
    from xdsl.context import Context
    from xdsl.dialects.builtin import ModuleOp


def pipeline(fusion_report: str = "", report_file: str = "") -> str:
    from mopc.compiler import pipelines

    return pipelines.to_loop(fusion_report, report_file)


def build(module: ModuleOp, ctx: Context, ir_text: str, *, cache: bool = True,
          cache_dir: str | os.PathLike[str] | None = None):
    from mopc.targets.llvm.cache import compile_cached

    return compile_cached(module, ir_text, ctx, cache_dir=cache_dir, use_cache=cache)


def load(path: str | os.PathLike[str]):
    from mopc.targets.llvm.shared_object import SharedObject

    return SharedObject(path)


HARDWARE_LEVELS = ("llvm.mlir", "ll")
"""What `hardware_levels` writes below the loop level (`mopc compile --dump-levels`)."""


def hardware_levels(module: ModuleOp, ctx: Context) -> list[tuple[str, str]]:
    """The `llvm` dialect after convert-to-llvm, and the LLVM IR it translates to (before
    LLVM's own optimisation), from a loop-level `module` (left unchanged)."""
    from mopc.core.io import print_module
    from mopc.targets.llvm.convert_to_llvm import ConvertToLLVMPass
    from mopc.targets.llvm.translate import to_llvm_ir

    lowered = module.clone()
    ConvertToLLVMPass().apply(ctx, lowered)
    return [("llvm.mlir", print_module(lowered, ctx)), ("ll", to_llvm_ir(lowered))]
