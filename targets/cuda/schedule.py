"""The `cuda-schedule` pass: a default `#loop.schedule` for every kernel, for a GPU.

On a GPU every point of a kernel's parallel space is a thread (a register block of
points, with unrolling), so the schedule says which loops `loop-to-cuda` spreads over
threads and how much work one thread does:

* every parallel dimension longer than 1 comes first, in the domain's order (its last,
  contiguous dimension innermost: neighbouring threads then touch neighbouring
  addresses, which the memory system coalesces), then the reductions;
* `parallel = 1`: the parallel loops run on threads (`loop-to-cuda` collapses them);
* a contraction (matmul, convolution) gives each thread a register block of
  `REGISTER_BLOCK` points along a dimension that one operand does not use (a
  convolution's output channels, a matmul's rows), so that operand's load is reused
  from a register; the factor divides the dimension, so there is never a tail;
* scalar code (no `vector`), and no cache tiles;
* a scatter (`reindex_reduce`) stays sequential: its points write the same outputs.

```mlir
// before
%y = metaop.kernel "k0_reindex_reduce_add_1x16x8x8" (%x, %w) : ... { ... }
// after
%y = metaop.kernel "k0_reindex_reduce_add_1x16x8x8" schedule #loop.schedule<order = [1, 2, 3, 0, 4, 5, 6], parallel = 1, unroll = [1, 4, 1, 1, 1, 1, 1]> (%x, %w) : ...
```

Kernels that already have a schedule are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from mopc.dialects import metaop as m
from mopc.dialects.loop.schedule import Schedule, ScheduleAttr
from mopc.passes.metaop_to_loop.kernel_analysis import KernelSpec, Load, analyze
from mopc.passes.metaop_to_loop.loads import uses_dim

REGISTER_BLOCK = 4
"""Points per thread along a contraction's reused dimension (4 accumulators: enough
reuse to halve the loads, few enough registers to keep many warps resident)."""


def _largest_divisor(extent: int, limit: int) -> int:
    return max(f for f in range(1, min(extent, limit) + 1) if extent % f == 0)


def _reused_dim(spec: KernelSpec, candidates: list[int]) -> int | None:
    """The candidate along which blocking saves the most: loads of the product that do
    not use it are reused from a register, a padded load (bounds checks, a select)
    counting double; ties go to the longer dimension (a convolution's output channels:
    its input is the padded operand)."""
    loads = [a for a in spec.reductions[0].value.args if isinstance(a, Load)]  # type: ignore[union-attr]

    def saving(d: int) -> int:
        return sum(2 if ld.fill is not None else 1 for ld in loads
                   if not any(uses_dim(r, d) for r in ld.map.results))

    reusable = [d for d in candidates if saving(d) > 0]
    return max(reusable, key=lambda d: (saving(d), spec.domain[d], -d)) if reusable else None


def gpu_schedule(spec: KernelSpec) -> Schedule:
    rank = len(spec.domain)
    unroll = [1] * rank
    if rank == 0 or spec.scatter is not None:
        return Schedule(tuple(range(rank)), 0, (0,) * rank, tuple(unroll), None)
    long = [d for d in spec.parallel_dims if spec.domain[d] > 1]
    unit = [d for d in spec.parallel_dims if spec.domain[d] == 1]
    reductions = sorted(spec.reduction_dims)
    if spec.is_contraction and len(long) > 1:
        # Not the innermost dimension (neighbouring threads keep neighbouring addresses).
        rows = _reused_dim(spec, long[:-1])
        if rows is not None:
            extent = spec.domain[rows]
            # The first loop must keep several trips: it is the one spread over threads.
            limit = REGISTER_BLOCK if rows != long[0] else min(REGISTER_BLOCK, extent // 2)
            unroll[rows] = _largest_divisor(extent, limit)
    order = tuple(long + unit + reductions)
    return Schedule(order, 1 if long else 0, (0,) * rank, tuple(unroll), None)


@dataclass(frozen=True)
class CudaSchedulePass(ModulePass):
    """Give every `metaop.kernel` without a schedule the GPU default (see the module
    docstring).

    ```mlir
    // before
    %y = metaop.kernel "k1_reduce_add_12x7" (%a, %b) : (tensor<12x5xf32>, tensor<5x7xf32>) -> tensor<12x7xf32> { ... }
    // after: rows and columns on threads, 4 rows per thread, the reduction inside
    %y = metaop.kernel "k1_reduce_add_12x7" schedule #loop.schedule<order = [0, 2, 1], parallel = 1, unroll = [4, 1, 1]> (%a, %b) : ...
    ```
    """

    name = "cuda-schedule"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for kernel in op.walk():
            if isinstance(kernel, m.KernelOp) and kernel.schedule is None:
                kernel.schedule = ScheduleAttr.of(gpu_schedule(analyze(kernel)))
