"""Block-level tree reductions, for kernels with few output points and long reductions.

A softmax row of 1000 classes, or a global pooling of a small batch, has too few
output points to give every thread one: `loop-to-cuda` then gives each point a block.
The block's threads split the reduction loop (thread `t` takes iterations `t`,
`t + B`, `t + 2B`...), each keeping its own partial accumulator; the partials meet
in shared memory and are combined in a tree (`B/2`, `B/4`, ... 1 active threads, a
`__syncthreads()` between levels); thread 0 finishes the point (the epilogue and the
stores).

```mlir
// one point per block; 256 threads share the 1000 iterations
%r = scf.for %k = %tid to %c1000 step %c256 iter_args(%acc = %zero) -> (f32) { ... }
%partials = memref.alloca() : memref<256xf32, #cuda.shared>
memref.store %r, %partials[%tid] : memref<256xf32, #cuda.shared>
"gpu.barrier"() : () -> ()
scf.if (%tid < 128) { partials[tid] = partials[tid] + partials[tid + 128] }
"gpu.barrier"() : () -> ()
...                                   // 64, 32, 16, 8, 4, 2, 1
scf.if (%tid == 0) { epilogue of partials[0]; stores }
```

It applies when the point's body is: pure ops, one reduction loop (possibly a perfect
nest of them, collapsed into one) carrying one float accumulator that starts at the
identity of its combining op (`addf`, `mulf`, `maximumf`, `minimumf`, or `math.fma`
accumulating a sum), then pure ops and stores. Anything else keeps one thread per point.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from xdsl.dialects import arith, func, gpu, memref, scf
from xdsl.dialects.builtin import FloatAttr, f32
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.rewriter import InsertPoint, Rewriter

from mopc.targets.cuda.dialect import SharedMemorySpaceAttr
from mopc.targets.cuda.lower import (
    Dim,
    ParallelNest,
    append,
    delinearize,
    gpu_index,
    index_constant,
    is_pure,
    set_launch,
)
from mopc.targets.cuda.target_info import CudaTargetInfo

MIN_REDUCTION = 32
"""Iterations a reduction needs before a block shares it (fewer: a thread does it)."""

COMBINERS: dict[str, tuple[Callable[[SSAValue, SSAValue], Operation], float]] = {
    "arith.addf": (arith.AddfOp, 0.0),
    "math.fma": (arith.AddfOp, 0.0),
    "arith.mulf": (arith.MulfOp, 1.0),
    "arith.maximumf": (arith.MaximumfOp, -math.inf),
    "arith.minimumf": (arith.MinimumfOp, math.inf),
}
"""The op that accumulates -> (how two partials combine, the identity the accumulator
must start from)."""


def _few_points(total: int, info: CudaTargetInfo) -> bool:
    """Too few points to give the GPU one warp each on every multiprocessor."""
    return total < info.sm_count * info.warp_size


def _reduction_chain(loop: scf.ForOp) -> tuple[list[Dim], list[Operation], SSAValue, list[SSAValue]] | None:
    """A perfect nest of reduction loops carrying one value: (dims, innermost body ops
    with the pure ops of outer levels first, the yielded value, the carried block args)."""
    dims: list[Dim] = []
    body: list[Operation] = []
    carried: list[SSAValue] = []
    current = loop
    while True:
        if len(current.iter_args) != 1 or current.iter_args[0].type != f32:
            return None
        bounds = [_const(v) for v in (current.lb, current.ub, current.step)]
        if None in bounds or bounds[2] <= 0:  # type: ignore[operator]
            return None
        lb, ub, step = bounds  # type: ignore[misc]
        dims.append(Dim(current.body.block.args[0], lb, step, max(0, -(-(ub - lb) // step))))  # type: ignore[operator]
        carried.append(current.body.block.args[1])
        ops = list(current.body.block.ops)
        terminator = ops[-1]
        ops = ops[:-1]
        inner = ops[-1] if ops else None
        if (isinstance(inner, scf.ForOp) and all(is_pure(o) for o in ops[:-1])
                and len(inner.iter_args) == 1 and inner.iter_args[0] is carried[-1]
                and terminator.operands[0] is inner.results[0] and len(list(carried[-1].uses)) == 1):
            body += ops[:-1]
            current = inner
            continue
        body += ops
        return dims, body, terminator.operands[0], carried


def _const(value: SSAValue) -> int | None:
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and hasattr(owner.value, "value"):
        data = owner.value.value.data  # type: ignore[union-attr]
        return data if isinstance(data, int) else None
    return None


def _float_const(value: SSAValue) -> float | None:
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, FloatAttr):
        return float(owner.value.value.data)
    return None


def try_block_reduce(fn: func.FuncOp, nest: ParallelNest, info: CudaTargetInfo) -> bool:
    """Rewrite `fn` with one block per point of `nest` and a tree reduction; False (and
    `fn` untouched) when the kernel does not have the shape this needs."""
    if not _few_points(nest.total, info):
        return False
    loops = [op for op in nest.body if not is_pure(op) and not isinstance(op, memref.StoreOp)]
    if len(loops) != 1 or not isinstance(loops[0], scf.ForOp):
        return False
    loop = loops[0]
    position = nest.body.index(loop)
    if not all(is_pure(op) for op in nest.body[:position]):
        return False
    chain = _reduction_chain(loop)
    if chain is None:
        return False
    dims, body, yielded, carried = chain
    trips = math.prod(d.trips for d in dims)
    combining = yielded.owner
    if trips < MIN_REDUCTION or not isinstance(combining, Operation) or combining.name not in COMBINERS:
        return False
    accumulator = carried[-1]
    operand_ok = (combining.operands[2] is accumulator if combining.name == "math.fma"
                  else accumulator in combining.operands)
    combine, identity = COMBINERS[combining.name]
    if not operand_ok or len(list(accumulator.uses)) != 1 or _float_const(loop.iter_args[0]) != identity:
        return False
    _rewrite(fn, nest, loop, dims, body, yielded, carried, combine, _block_size(trips, info))
    return True


def _block_size(trips: int, info: CudaTargetInfo) -> int:
    """A power of two of at least a warp, at most the default block, at most `trips`."""
    size = info.warp_size
    while size * 2 <= min(trips, info.default_block_size):
        size *= 2
    return size


def _rewrite(fn: func.FuncOp, nest: ParallelNest, loop: scf.ForOp, dims: list[Dim], body: list[Operation],
             yielded: SSAValue, carried: list[SSAValue], combine, block_size: int) -> None:
    head = Block()
    tid = gpu_index(head, gpu.ThreadIdOp)
    bid = gpu_index(head, gpu.BlockIdOp)
    for dim, iv in zip(nest.dims, delinearize(head, bid, nest.dims), strict=True):
        dim.iv.replace_all_uses_with(iv)
    position = nest.body.index(loop)
    for op in nest.body[:position]:
        op.detach()
        head.add_op(op)
    # The thread's share of the (collapsed) reduction: iterations tid, tid + B, ...
    trips = math.prod(d.trips for d in dims)
    step_block = Block(arg_types=[tid.type, f32])
    k, acc = step_block.args
    for dim, iv in zip(dims, delinearize(step_block, k, dims), strict=True):
        dim.iv.replace_all_uses_with(iv)
    for value in carried:
        value.replace_all_uses_with(acc)
    for op in body:
        op.detach()
        step_block.add_op(op)
    step_block.add_op(scf.YieldOp(yielded))
    init = loop.iter_args[0]
    share = scf.ForOp(tid, index_constant(head, trips), index_constant(head, block_size), [init], Region(step_block))
    head.add_op(share)
    # Partials meet in shared memory; a tree halves the live threads per level.
    partials = append(head, memref.AllocaOp.get(f32, shape=[block_size], memory_space=SharedMemorySpaceAttr()))
    head.add_op(memref.StoreOp.get(share.results[0], partials, [tid]))
    head.add_op(gpu.BarrierOp())
    stride = block_size // 2
    while stride >= 1:
        level = Block()
        other = append(level, arith.AddiOp(tid, index_constant(level, stride)))
        mine = append(level, memref.LoadOp.get(partials, [tid]))
        theirs = append(level, memref.LoadOp.get(partials, [other]))
        level.add_op(memref.StoreOp.get(append(level, combine(mine, theirs)), partials, [tid]))
        level.add_op(scf.YieldOp())
        active = append(head, arith.CmpiOp(tid, index_constant(head, stride), "slt"))
        head.add_op(scf.IfOp(active, [], Region(level), Region(Block([scf.YieldOp()]))))
        head.add_op(gpu.BarrierOp())
        stride //= 2
    # Thread 0 finishes the point with the block's total.
    finish = Block()
    total = append(finish, memref.LoadOp.get(partials, [index_constant(finish, 0)]))
    loop.results[0].replace_all_uses_with(total)
    for op in nest.body[position + 1:]:
        op.detach()
        finish.add_op(op)
    finish.add_op(scf.YieldOp())
    first = append(head, arith.CmpiOp(tid, index_constant(head, 0), "eq"))
    head.add_op(scf.IfOp(first, [], Region(finish), Region(Block([scf.YieldOp()]))))
    ops = list(head.ops)
    for op in ops:
        op.detach()
    if nest.root is None:  # the function's body was the point: put it back, rewritten
        Rewriter.insert_op(ops, InsertPoint.before(fn.body.block.last_op))  # type: ignore[arg-type]
        loop.detach()
        loop.erase()
    else:
        Rewriter.insert_op(ops, InsertPoint.before(nest.root))
        nest.root.detach()
        nest.root.erase()
    set_launch(fn, nest.total, block_size)


__all__ = ["try_block_reduce"]
