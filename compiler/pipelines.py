"""Named pass pipelines, composed from recipes (as IREE builds its pipelines).

Each is a pipeline string that `mopc-opt -p` accepts too, so any stage can be replayed
or inspected from the command line.
"""

GRAPH_TO_METAOP = "graph-to-metaop"
"""Every graph op decomposed into meta-ops."""

SIMPLIFY = "fold-constants"
"""Meta-ops on constants computed at compile time (batch norm's per-channel factors)."""

FUSE = "metaop-fuse"
"""Meta-ops grouped into kernels (Jittor's rules)."""

METAOP_TO_LOOP = "loop-schedule,pack-constants,metaop-to-loop"
"""A schedule per kernel, constants laid out for it, then one loop nest per kernel and
the entry function."""

PAD = "materialize-padding{innermost-only=true}"
"""Padding copied out of the windows whose bounds checks would run in the innermost
loop (a stem's 7x7 window over 3 channels); on the CPU, where the scheduler's loop
order is known to put them there."""

TO_LOOP = f"{GRAPH_TO_METAOP},{SIMPLIFY},{PAD},{FUSE},{METAOP_TO_LOOP}"
"""From the graph (or meta-op) level to the loop level, on the CPU (the GPU and MLU
pipelines compose the same recipes with their own schedules)."""

TARGET_LOWERING = {"llvm": "convert-to-llvm"}


def to_loop(fusion_report: str = "", report_file: str = "") -> str:
    """`TO_LOOP`, with a fusion report (`text` or `json`, to `report_file` or stderr)."""
    if not fusion_report:
        return TO_LOOP
    options = f"report={fusion_report}" + (f' report-file="{report_file}"' if report_file else "")
    return TO_LOOP.replace(FUSE, f"{FUSE}{{{options}}}")
"""What each target runs after the loop level (its own code generation follows)."""


def to_target(target: str) -> str:
    return f"{TO_LOOP},{TARGET_LOWERING[target]}"
