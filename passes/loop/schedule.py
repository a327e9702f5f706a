"""The `loop-schedule` pass: a default `#loop.schedule` for every kernel without one.

The heuristic looks only at the kernel's class and shapes:

* **contraction** (a reduce-add of a product of two loads: matmul, convolution): the
  innermost parallel dimension is vectorized (2 vectors when it is long enough), unless
  that makes an operand a gather (a strided convolution) or fills under 3/4 of the
  lanes (a 7x7 image in 16 lanes); then the best-filled dimension along which every
  operand is contiguous, broadcast, or a constant that `pack-constants` can lay out
  contiguously (the output channels of a weight) is vectorized instead. The
  largest other parallel dimension that one operand does not depend on is unrolled by 8
  (and, when the vectorized dimension holds a single vector, the next largest by 2),
  so that operand's vector loads are reused 8 times from registers; the reduction loops
  sit inside, shortest first (padding masks then do not change in the innermost loop),
  or, vectorized over output channels, in the input's memory order (channels, window
  rows, columns: a channel's window stays in the L1 cache).
* **reduction**: the last dimension is vectorized, whether it is reduced or not.
* **element-wise**: the last dimension (longer than 1) is vectorized.

The outermost loop runs in parallel when the kernel is big enough to pay for threads.
Hand-written schedules are left alone, so a user (or a tuner) can edit the IR and rerun.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir.affine import AffineExpr
from xdsl.passes import ModulePass

from mopc.dialects import metaop as m
from mopc.dialects.loop.schedule import Schedule, ScheduleAttr
from mopc.passes.metaop_to_loop.kernel_analysis import KernelSpec, Load, analyze
from mopc.passes.metaop_to_loop.loads import unit_stride, uses_dim

PARALLEL_MIN_ELEMENTS = 1 << 15
"""Below this many iteration points a kernel runs on one thread (threads cost ~µs)."""

REGISTER_ROWS = 8
"""Points a contraction unrolls along its reused dimension (8 rows x 2 vectors = 16
accumulators, half of AVX-512's 32 vector registers)."""


@cache
def host_vector_width() -> int:
    """f32 lanes of the widest vectors this CPU has (16 with AVX-512, 8 with AVX2)."""
    try:
        from mopc.targets.llvm.target_info import host_target_info

        return host_target_info().vector_width_f32
    except (ImportError, AttributeError):
        flags = ""
        try:
            with open("/proc/cpuinfo") as cpuinfo:
                flags = next((line for line in cpuinfo if line.startswith("flags")), "")
        except OSError:
            pass
        return 16 if " avx512f" in flags else 8 if " avx2" in flags else 4


def _last_long_dim(dims: list[int], domain: tuple[int, ...]) -> int | None:
    long = [d for d in dims if domain[d] > 1]
    return long[-1] if long else None


def _reused_dim(spec: KernelSpec, candidates: list[int]) -> int | None:
    """The longest parallel dimension that some operand of the product does not use."""
    value = spec.reductions[0].value
    loads = [a for a in value.args if isinstance(a, Load)]  # type: ignore[union-attr]
    reusable = [
        d for d in candidates
        if spec.domain[d] >= 2 and any(not any(uses_dim(r, d) for r in ld.map.results) for ld in loads)
    ]
    return max(reusable, key=lambda d: spec.domain[d]) if reusable else None


MIN_LANE_USE = 0.75
"""A vector dimension filling fewer lanes than this (over its whole extent) is replaced
by a better-filled one where there is one."""


def lane_use(extent: int, width: int) -> float:
    """The fraction of vector lanes doing work along a dimension of `extent`."""
    return extent / (-(-extent // width) * width)


def packable(load: Load, dim: int) -> bool:
    """A constant input whose map reads `dim` as one whole axis (and nowhere else): its
    data can be permuted so that axis is innermost (see `pack-constants`)."""
    using = [r for r in load.map.results if uses_dim(r, dim)]
    return len(using) == 1 and using[0] == AffineExpr.dimension(dim) and load.fill is None


def _reads_without_gather(spec: KernelSpec, dim: int, constants: frozenset[int]) -> bool:
    """Whether the product's operands read along `dim` without gathers (epilogue loads,
    once per output element, do not count: the reduction amortizes them)."""
    product = spec.reductions[0].value
    for load in product.args:  # type: ignore[union-attr]
        results = load.map.results
        if not any(uses_dim(r, dim) for r in results):
            continue  # a broadcast scalar
        contiguous = unit_stride(results[-1], dim) and not any(uses_dim(r, dim) for r in results[:-1])
        if not contiguous and not (load.input in constants and packable(load, dim)):
            return False
    return True


def _contraction_vector_dim(spec: KernelSpec, width: int, constants: frozenset[int]) -> int | None:
    parallel = spec.parallel_dims
    innermost = _last_long_dim(parallel, spec.domain)
    good = [d for d in parallel if spec.domain[d] > 1 and _reads_without_gather(spec, d, constants)]
    best = max(good, key=lambda d: (lane_use(spec.domain[d], width), spec.domain[d]), default=None)
    if innermost is None or best is None:
        return innermost
    use_best, use_innermost = lane_use(spec.domain[best], width), lane_use(spec.domain[innermost], width)
    if innermost in good:
        return innermost if use_innermost >= MIN_LANE_USE or use_innermost >= use_best else best
    return best if use_best >= 0.5 else innermost  # a gather costs a load per lane


def _elementwise_vector_dim(spec: KernelSpec, width: int) -> int | None:
    """The last dimension longer than 1, unless it is a reduced one that fills few lanes
    (a pooling window) and a parallel dimension fills more: loads along that one may be gathers (a strided
    pooling), still far cheaper than mostly idle lanes."""
    last = _last_long_dim(list(range(len(spec.domain))), spec.domain)
    if last is None or last not in spec.reduction_dims or lane_use(spec.domain[last], width) >= MIN_LANE_USE:
        return last
    parallel = [d for d in spec.parallel_dims if spec.domain[d] > 1]
    best = max(parallel, key=lambda d: (lane_use(spec.domain[d], width), d), default=None)
    if best is None or lane_use(spec.domain[best], width) <= lane_use(spec.domain[last], width):
        return last
    return best


def default_schedule(spec: KernelSpec, width: int, constants: frozenset[int] = frozenset()) -> Schedule:
    """The schedule of a kernel; `constants` are the inputs that are constants (their
    layout may be changed to suit the schedule)."""
    rank = len(spec.domain)
    domain = spec.domain
    identity = Schedule(tuple(range(rank)), 0, (0,) * rank, (1,) * rank, None)
    if rank == 0 or spec.scatter is not None:
        return identity
    parallel_dims = spec.parallel_dims
    reduction_dims = sorted(spec.reduction_dims, key=lambda d: (domain[d], d))
    unroll = [1] * rank
    if spec.is_contraction and parallel_dims:
        vector_dim = _contraction_vector_dim(spec, width, constants)
        rows = _reused_dim(spec, [d for d in parallel_dims if d != vector_dim])
        if rows is not None:
            unroll[rows] = min(REGISTER_ROWS, domain[rows])
        if vector_dim is not None and domain[vector_dim] >= 2 * width:
            unroll[vector_dim] = 2
        elif vector_dim is not None:
            # One vector per row is too few accumulators to hide the FMA latency (and
            # too many loads per FMA): two rows of another dimension (a convolution's
            # output rows) double the block.
            others = [d for d in parallel_dims if d not in (vector_dim, rows) and domain[d] >= 2]
            if others:
                unroll[max(others, key=lambda d: domain[d])] = 2
        blocked = [d for d in (vector_dim, rows) if d is not None]
        free = sorted((d for d in parallel_dims if d not in blocked), key=lambda d: -domain[d])
        if vector_dim is not None and vector_dim != _last_long_dim(parallel_dims, domain):
            # Vectorized along a packed constant's axis (a convolution's output channels):
            # its blocks outermost, so each block's slice of the weights is read from
            # memory once and reused from cache across the whole image.
            order = [vector_dim, *free, *(d for d in blocked if d != vector_dim)]
            # The reductions in the input's memory order (channels, window rows,
            # columns): a channel's window stays in L1 while the block sweeps it. With
            # the channels innermost every step reads a new line per row of the register
            # block (ResNet-18's 7x7-image convolutions: 3.7 -> 2.9 ms, 2.2 -> 1.6 ms
            # median; larger images unchanged), which costs more than the padding
            # checks that then stay in the innermost loop.
            reduction_dims = sorted(spec.reduction_dims)
        else:
            # Matmul-like (nothing else to spread): the vector panel outermost, so its
            # slice of the reused operand stays in cache across the unrolled blocks.
            order = [*free, *blocked] if free else blocked
        order += [d for d in parallel_dims if d not in order] + reduction_dims
    else:
        vector_dim = _elementwise_vector_dim(spec, width)
        order = [d for d in parallel_dims if domain[d] > 1] + [d for d in parallel_dims if domain[d] == 1]
        order += reduction_dims
    vector = (vector_dim, width) if vector_dim is not None and width > 1 else None
    outer = order[0] if order and order[0] in parallel_dims else None
    outer_block = unroll[outer] * (width if vector and vector[0] == outer else 1) if outer is not None else 1
    big = math.prod(domain) >= PARALLEL_MIN_ELEMENTS
    parallel = 1 if outer is not None and big and domain[outer] // outer_block >= 2 else 0
    return Schedule(tuple(order), parallel, (0,) * rank, tuple(unroll), vector)


@dataclass(frozen=True)
class LoopSchedulePass(ModulePass):
    """Give every `metaop.kernel` without a schedule the default one for its class.

    ```mlir
    // before
    %y = metaop.kernel "k0_binary_max_64x56x56" (%x) : (tensor<64x56x56xf32>) -> tensor<64x56x56xf32> { ... }
    // after (16-lane vectors)
    %y = metaop.kernel "k0_binary_max_64x56x56" schedule #loop.schedule<order = [0, 1, 2], parallel = 1, vector = [2, 16]> (%x) : ...
    ```

    `vector-width` overrides the host's f32 lanes (0: the host's, 16 with AVX-512).
    """

    name = "loop-schedule"
    vector_width: int = 0

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        width = self.vector_width or host_vector_width()
        for kernel in op.walk():
            if isinstance(kernel, m.KernelOp) and kernel.schedule is None:
                constants = frozenset(i for i, v in enumerate(kernel.inputs) if isinstance(v.owner, m.ConstantOp))
                kernel.schedule = ScheduleAttr.of(default_schedule(analyze(kernel), width, constants))
