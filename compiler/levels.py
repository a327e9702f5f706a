"""The IR of a model at every level, for `mopc compile --dump-levels`.

The shared pipeline is replayed stage by stage on a copy of the model, and each
stage's module is printed (weights stay out of the text as `dense_resource` handles):

    PREFIX.graph.mlir    the imported or parsed graph dialect
    PREFIX.metaop.mlir   after graph-to-metaop and fold-constants
    PREFIX.kernels.mlir  after metaop-fuse and loop-schedule: fusion groups and their
                         schedules, editable and replayable with mopc-opt
    PREFIX.loop.mlir     after pack-constants and metaop-to-loop (what targets consume)

then whatever the target's back end prints below the loop level (its optional
`hardware_levels(module, ctx)`: for llvm the `llvm` dialect and LLVM IR).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp

from mopc.compiler import pipelines

STAGES: tuple[tuple[str, str], ...] = (
    ("graph", ""),
    ("metaop", f"{pipelines.GRAPH_TO_METAOP},{pipelines.SIMPLIFY}"),
    ("kernels", f"{pipelines.FUSE},loop-schedule"),
    ("loop", "pack-constants,metaop-to-loop"),
)
"""(file suffix, the passes that lead to it from the previous stage)."""


def dump_levels(module: ModuleOp, ctx: Context, prefix: str | os.PathLike[str], target: str) -> list[Path]:
    """Write `prefix.<level>.mlir` for every level of `module` (left unchanged) and the
    target's own levels; returns the paths written."""
    from mopc.compiler import run_pipeline
    from mopc.core.io import print_module
    from mopc.targets import backend

    lowered = module.clone()
    texts: list[tuple[str, str]] = []
    for suffix, pipeline in STAGES:
        if pipeline:
            run_pipeline(lowered, ctx, pipeline)
        texts.append((f"{suffix}.mlir", print_module(lowered, ctx)))
    hardware = getattr(backend(target), "hardware_levels", None)
    if hardware is not None:
        texts.extend(hardware(lowered, ctx))
    return [_write(Path(f"{os.fspath(prefix)}.{suffix}"), text) for suffix, text in texts]


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)
    return path


def level_names(target: str) -> Sequence[str]:
    """The suffixes `dump_levels` writes for `target` (for messages and tests)."""
    from mopc.targets import backend

    return [f"{s}.mlir" for s, _ in STAGES] + list(getattr(backend(target), "HARDWARE_LEVELS", ()))


__all__ = ["STAGES", "dump_levels", "level_names"]
