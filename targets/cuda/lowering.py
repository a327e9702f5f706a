"""The CUDA target's pipelines: graph -> loop level (GPU schedules) -> CUDA C.

    TO_LOOP   graph-to-metaop, fold-constants, metaop-fuse, cuda-schedule,
              pack-constants, metaop-to-loop{vector-width=1}
    then      loop-to-cuda (kernels onto threads, calls into launches), the printer
"""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType

from mopc.compiler import pipelines
from mopc.core.diagnostics import DiagnosticError

TO_LOOP = (f"{pipelines.GRAPH_TO_METAOP},{pipelines.SIMPLIFY},{pipelines.FUSE},cuda-schedule,"
           "pack-constants,metaop-to-loop{vector-width=1}")
"""From the graph (or meta-op) level to scalar loop nests scheduled for a GPU."""


def to_loop(fusion_report: str = "", report_file: str = "") -> str:
    """`TO_LOOP`, with a fusion report (as `pipelines.to_loop`)."""
    if not fusion_report:
        return TO_LOOP
    options = f"report={fusion_report}" + (f' report-file="{report_file}"' if report_file else "")
    return TO_LOOP.replace(pipelines.FUSE, f"{pipelines.FUSE}{{{options}}}", 1)


def cuda_source(module: ModuleOp, ctx: Context, *, arch: str = "sm_90") -> str:
    """CUDA C of a loop-level module (a clone is lowered; `module` is left as it is)."""
    from mopc.targets.cuda.lower import LoopToCudaPass
    from mopc.targets.cuda.printer import print_cuda

    for op in module.walk():
        if op.name.startswith(("graph.", "metaop.")) or (
                isinstance(op, func.FuncOp) and any(isinstance(t, TensorType) for t in op.function_type.inputs)):
            raise DiagnosticError.at(op, "the CUDA target translates loop-level modules: lower this one first "
                                         f"(mopc-opt -p '{TO_LOOP}')")
    lowered = module.clone()
    if not any("cuda.host" in getattr(op, "attributes", {}) for op in lowered.ops):
        LoopToCudaPass(arch=arch).apply(ctx, lowered)
    return print_cuda(lowered)
