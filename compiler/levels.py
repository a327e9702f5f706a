"""The IR of a model at every level, for `mopc compile --dump-levels`.

The target's pipeline to the loop level is replayed stage by stage on a copy of the
model, and each stage's module is printed (weights stay out of the text as
`dense_resource` handles):

    PREFIX.graph.mlir    the imported or parsed graph dialect
    PREFIX.metaop.mlir   after graph-to-metaop and fold-constants
    PREFIX.kernels.mlir  after metaop-fuse and the target's scheduling pass: fusion
                         groups and their schedules, editable and replayable
    PREFIX.loop.mlir     after pack-constants and metaop-to-loop (what targets consume)

then whatever the target's back end prints below the loop level (its optional
`hardware_levels(module, ctx)`): llvm writes the `llvm` dialect and LLVM IR, cuda the
`cuda` level and the `.cu`, bang the `bang` level and the `.mlu`.
"""

from __future__ import annotations

import os
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp

LEVELS = ("graph", "metaop", "kernels", "loop")
"""The shared levels, in order; each target's pipeline passes are assigned to the level
they lead to (`stages`)."""


def split_pipeline(pipeline: str) -> list[str]:
    """The passes of a pipeline string, options kept (`a,b{x=1,y=2},c` -> 3 passes)."""
    passes, depth, current = [], 0, ""
    for char in pipeline:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            passes.append(current)
            current = ""
        else:
            current += char
    return [p for p in (*passes, current) if p]


def stages(pipeline: str) -> list[tuple[str, list[str]]]:
    """(level, the passes leading to it) for a back end's pipeline to the loop level:
    everything through `fold-constants` gives the meta-op level, everything through the
    last scheduling pass (`loop-schedule`, `cuda-schedule`, `bang-schedule{...}`) the
    fused and scheduled kernels, the rest the loop level."""
    passes = split_pipeline(pipeline)
    names = [p.split("{", 1)[0] for p in passes]
    folded = names.index("fold-constants") + 1 if "fold-constants" in names else 1
    scheduled = max((i + 1 for i, n in enumerate(names) if n.endswith("schedule")), default=folded)
    return [("graph", []), ("metaop", passes[:folded]), ("kernels", passes[folded:scheduled]),
            ("loop", passes[scheduled:])]


def dump_levels(module: ModuleOp, ctx: Context, prefix: str | os.PathLike[str], target: str) -> list[Path]:
    """Write `prefix.<level>.mlir` for every level of `module` (left unchanged) on the way
    to `target`, then the target's own levels; returns the paths written."""
    from mopc.compiler import run_pipeline
    from mopc.core.io import print_module
    from mopc.targets import backend

    target_backend = backend(target)
    lowered = module.clone()
    texts: list[tuple[str, str]] = []
    for level, passes in stages(target_backend.pipeline()):
        if passes:
            run_pipeline(lowered, ctx, ",".join(passes))
        texts.append((f"{level}.mlir", print_module(lowered, ctx)))
    hardware = getattr(target_backend, "hardware_levels", None)
    if hardware is not None:
        texts.extend(hardware(lowered, ctx))
    return [_write(Path(f"{os.fspath(prefix)}.{suffix}"), text) for suffix, text in texts]


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)
    return path


__all__ = ["LEVELS", "dump_levels", "split_pipeline", "stages"]
