"""The `bang-schedule` pass: a `#loop.schedule` for every kernel, chosen for an MLU.

The CPU's schedule (`loop-schedule`) is the starting point: the same dimension is
vectorized and the same loops unrolled. What changes on the MLU:

* **a vector is an NRAM chunk**: its width is the vectorized dimension's extent padded
  to the arch's lane multiple (64 floats on mtp_270, where a vector builtin's bytes
  must be a multiple of 128) and capped at `max_lanes` (1024 floats on mtp_270), so a
  longer dimension is tiled into NRAM-sized chunks and a shorter one is one chunk with
  a padded tail;
* **every kernel is split across tasks**: its outermost parallel loop becomes an
  `scf.parallel` whenever it has at least two blocks (the CPU only parallelizes big
  kernels, where threads pay off), which `loop-to-bang` spreads over `taskId`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from mopc.dialects import metaop as m
from mopc.dialects.loop.schedule import Schedule, ScheduleAttr
from mopc.passes.loop.schedule import default_schedule
from mopc.passes.metaop_to_loop.kernel_analysis import KernelSpec, analyze
from mopc.targets.bang.target_info import BangTargetInfo, target_info


def bang_schedule(spec: KernelSpec, info: BangTargetInfo, constants: frozenset[int] = frozenset()) -> Schedule:
    """The MLU schedule of a kernel (see the module docstring)."""
    first = default_schedule(spec, info.lane_multiple, constants)
    schedule = first
    if first.vector is not None:
        dim = first.vector[0]
        width = info.lanes(spec.domain[dim])
        again = default_schedule(spec, width, constants)
        if again.vector is not None and again.vector[0] == dim:
            schedule = again
        else:  # wider vectors moved the choice: keep the first, one chunk per block
            unroll = list(first.unroll)
            unroll[dim] = 1
            schedule = replace(first, unroll=tuple(unroll), vector=(dim, width))
    if not schedule.order or spec.scatter is not None:
        return schedule
    outer = schedule.order[0]
    splittable = outer in spec.parallel_dims and -(-spec.domain[outer] // schedule.block(outer)) >= 2
    return replace(schedule, parallel=1 if splittable else 0)


@dataclass(frozen=True)
class BangSchedulePass(ModulePass):
    """Give every `metaop.kernel` without a schedule the MLU's: vectors as NRAM chunks,
    the outermost parallel loop split across tasks.

    ```mlir
    // before
    %y = metaop.kernel "k0_binary_max_3x37" (%x) : (tensor<3x37xf32>) -> tensor<3x37xf32> { ... }
    // after (mtp_270: 37 lanes padded to 64)
    %y = metaop.kernel "k0_binary_max_3x37" schedule #loop.schedule<order = [0, 1], parallel = 1, vector = [1, 64]> (%x) : ...
    ```

    `arch` picks the architecture (`mtp_270`, `mtp_372`). Hand-written schedules are
    left alone.
    """

    name = "bang-schedule"
    arch: str = "mtp_270"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        info = target_info(self.arch)
        for kernel in op.walk():
            if isinstance(kernel, m.KernelOp) and kernel.schedule is None:
                constants = frozenset(i for i, v in enumerate(kernel.inputs) if isinstance(v.owner, m.ConstantOp))
                kernel.schedule = ScheduleAttr.of(bang_schedule(analyze(kernel), info, constants))
