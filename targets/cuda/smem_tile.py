"""Shared-memory tiles for contractions (matmul, gemm, batched matmul).

A contraction's thread computes a register block of outputs (`cuda-schedule`'s
`unroll`: 4 rows of a matmul, 4 accumulators) over a reduction loop whose loads each
miss one of the parallel dimensions: a matmul's `A[i, k]` is the same for every column
`j`, `B[k, j]` for every row. Over global memory every thread loads both; here a block of
`TILE_POINTS` threads (a 2-D tile of the two innermost parallel dimensions) shares them:

```
for s in 0 .. ceil(K / K_SLICE):                 // the reduction, a slice at a time
    for each load L of the reduction body:       // cooperative: thread t fills t, t + B, ...
        S_L[tile points L uses][K_SLICE] = L at (block's points, k0 + kk), 0 outside the bounds
    __syncthreads()
    for k in k0 .. min(k0 + K_SLICE, K):         // the original body, loads from S_L
        acc0 = fma(S_A0[ty][k - k0], S_B[tx][k - k0], acc0) ... acc3
    __syncthreads()                              // before the next slice overwrites S_L
if (point in bounds) { epilogue; stores }        // every thread took part in the barriers
```

A load `L` gets its own `__shared__` buffer (a register block's 4 row loads: 4 buffers);
its size is the product of the tile's extents along the parallel dimensions `L`'s indices
use, times `K_SLICE`. The cooperative fill evaluates `L`'s index arithmetic (cloned) at
the tile element's point, so any affine or non-affine index computation of the ivs
works; elements past the parallel bounds or the reduction's end are 0 and never read.

It applies when the point's body is: pure index arithmetic (no loads), one reduction
`scf.for` (`0 .. K` step 1, `K >= MIN_REDUCTION`, carrying `f32` accumulators) whose body
is pure ops and `f32` loads whose indices are pure functions of the ivs and use `k`, at
least one load shared by the tile (missing a tiled dimension), then anything (the
epilogue). A convolution's nested reduction loops (`ci, kh, kw`) and padded loads are not
tiled yet (they keep register blocking over global memory).
"""

from __future__ import annotations

import math

from xdsl.dialects import arith, func, gpu, memref, scf
from xdsl.dialects.builtin import DenseArrayBase, FloatAttr, IndexType, f32, i64
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.rewriter import InsertPoint, Rewriter

from mopc.targets.cuda.dialect import SharedMemorySpaceAttr
from mopc.targets.cuda.lower import (
    Dim,
    ParallelNest,
    append,
    constant_index,
    delinearize,
    gpu_index,
    index_constant,
    is_pure,
    set_launch,
)
from mopc.targets.cuda.target_info import CudaTargetInfo

TILE_POINTS = (16, 16)
"""Threads per block along the two innermost parallel dimensions longer than 1 (rows of
register blocks, columns); other parallel dimensions get 1; a lone long dimension gets
their product. Cut to a dimension's trips."""
K_SLICE = 16
"""Reduction iterations loaded into shared memory per slice (cut to the reduction)."""
MIN_REDUCTION = 8
"""A shorter reduction is not worth the barriers."""
MAX_SHARED_BYTES = 48 * 1024
"""Static shared memory a block may declare."""

TILE_ATTR = "cuda.smem_tile"
"""On a tiled kernel: `array<i64: tile per parallel dim..., K_SLICE>`."""

INDEX = IndexType()


class _NotTiled(Exception):
    pass


def _deps(value: SSAValue, ivs: set[SSAValue], memo: dict[SSAValue, frozenset[SSAValue]]) -> frozenset[SSAValue]:
    """The ivs `value` is computed from, through pure arith/math ops only."""
    if value in memo:
        return memo[value]
    if value in ivs:
        result = frozenset([value])
    elif isinstance(value, BlockArgument):
        if not isinstance(value.owner.parent_op(), func.FuncOp):
            raise _NotTiled  # a loop-carried value, or an iv of another loop
        result = frozenset()
    else:
        owner = value.owner
        assert isinstance(owner, Operation)
        if not owner.name.startswith(("arith.", "math.")) or owner.regions:
            raise _NotTiled  # an indirect index (a load), or control flow
        result = frozenset().union(*(_deps(v, ivs, memo) for v in owner.operands))
    memo[value] = result
    return result


def _rebuild(value: SSAValue, mapping: dict[SSAValue, SSAValue], block: Block,
             memo: dict[SSAValue, frozenset[SSAValue]]) -> SSAValue:
    """`value` computed in `block` with the ivs in `mapping` replaced (invariants reused)."""
    if value in mapping:
        return mapping[value]
    if not memo.get(value):  # depends on no iv: defined at the function's top, reusable
        return value
    owner = value.owner
    assert isinstance(owner, Operation)
    operands = {v: _rebuild(v, mapping, block, memo) for v in owner.operands}
    clone = owner.clone(value_mapper=dict(operands))
    block.add_op(clone)
    for old, new in zip(owner.results, clone.results, strict=True):
        mapping[old] = new
    return mapping[value]


def _linear(block: Block, coords: list[SSAValue], extents: list[int]) -> SSAValue:
    """Row-major linear index of `coords` in a box of `extents`."""
    result: SSAValue | None = None
    for coord, extent in zip(coords, extents, strict=True):
        if result is None:
            result = coord
        else:
            result = append(block, arith.AddiOp(append(block, arith.MuliOp(result, index_constant(block, extent))),
                                                coord))
    return result if result is not None else index_constant(block, 0)


def _all(block: Block, conditions: list[SSAValue]) -> SSAValue | None:
    result: SSAValue | None = None
    for c in conditions:
        result = c if result is None else append(block, arith.AndIOp(result, c))
    return result


def _tiles(dims: list[Dim]) -> list[int]:
    tiles = [1] * len(dims)
    long = [d for d, dim in enumerate(dims) if dim.trips > 1]
    sizes = TILE_POINTS if len(long) > 1 else (math.prod(TILE_POINTS),)  # one dimension: the whole block
    for d, size in zip(reversed(long), reversed(sizes)):
        tiles[d] = min(size, dims[d].trips)
    return tiles


def try_shared_tiles(fn: func.FuncOp, nest: ParallelNest, info: CudaTargetInfo) -> bool:
    """Rewrite `fn` with shared-memory tiles (see the module docstring); False, and `fn`
    untouched, when the kernel does not have the shape this needs."""
    try:
        plan = _plan(nest)
    except _NotTiled:
        return False
    if plan is None:
        return False
    _rewrite(fn, nest, *plan)
    return True


def _plan(nest: ParallelNest):
    if not nest.dims or nest.root is None:
        return None
    loops = [op for op in nest.body if not is_pure(op) or isinstance(op, memref.LoadOp)]
    loop = loops[0] if loops else None
    if not isinstance(loop, scf.ForOp) or not loop.iter_args:
        return None
    position = nest.body.index(loop)
    if any(not is_pure(op) or isinstance(op, memref.LoadOp) for op in nest.body[:position]):
        return None
    bounds = [constant_index(v) for v in (loop.lb, loop.ub, loop.step)]
    if bounds[0] != 0 or bounds[2] != 1 or bounds[1] is None or bounds[1] < MIN_REDUCTION:
        return None
    trips_k = bounds[1]
    if any(a.type != f32 for a in loop.iter_args):
        return None
    body = list(loop.body.block.ops)[:-1]
    if any(not is_pure(op) or op.regions for op in body):
        return None
    k_iv = loop.body.block.args[0]
    ivs = {d.iv for d in nest.dims} | {k_iv}
    memo: dict[SSAValue, frozenset[SSAValue]] = {}
    tiles = _tiles(nest.dims)
    k_slice = min(K_SLICE, trips_k)
    loads = []
    for load in body:
        if not isinstance(load, memref.LoadOp):
            continue
        if load.res.type != f32:
            return None
        used: frozenset[SSAValue] = frozenset().union(*(_deps(i, ivs, memo) for i in load.indices))
        if k_iv not in used:
            return None
        dims = [d for d, dim in enumerate(nest.dims) if dim.iv in used]
        # The tile's fastest coordinate is the one the load's contiguous index follows.
        k_last = bool(load.indices) and k_iv in _deps(load.indices[-1], ivs, memo)
        loads.append((load, dims, k_last))
    if not loads or not any(any(tiles[d] > 1 and d not in dims for d in range(len(tiles))) for _, dims, _ in loads):
        return None  # nothing shared between the tile's threads
    shared = sum(math.prod(tiles[d] for d in dims) * k_slice for _, dims, _ in loads) * 4
    if shared > MAX_SHARED_BYTES:
        return None
    return loop, position, tiles, k_slice, trips_k, loads, memo


def _rewrite(fn: func.FuncOp, nest: ParallelNest, loop: scf.ForOp, position: int, tiles: list[int], k_slice: int,
             trips_k: int, loads, memo) -> None:
    dims = nest.dims
    threads = math.prod(tiles)
    blocks = [-(-d.trips // t) for d, t in zip(dims, tiles, strict=True)]
    head = Block()
    tid = gpu_index(head, gpu.ThreadIdOp)
    bid = gpu_index(head, gpu.BlockIdOp)
    local = delinearize(head, tid, [Dim(tid, 0, 1, t) for t in tiles])
    block_coord = delinearize(head, bid, [Dim(bid, 0, 1, b) for b in blocks])
    # The block's first point per dimension, and this thread's point.
    base = [append(head, arith.MuliOp(b, index_constant(head, t))) if t > 1 else b
            for b, t in zip(block_coord, tiles, strict=True)]
    point = [append(head, arith.AddiOp(b, c)) if t > 1 else b
             for b, c, t in zip(base, local, tiles, strict=True)]

    def iv_at(block: Block, coord: SSAValue, dim: Dim) -> SSAValue:
        value = coord
        if dim.step != 1:
            value = append(block, arith.MuliOp(value, index_constant(block, dim.step)))
        if dim.lb != 0:
            value = append(block, arith.AddiOp(value, index_constant(block, dim.lb)))
        return value

    thread_ivs = [iv_at(head, p, d) for p, d in zip(point, dims, strict=True)]
    ragged = [d for d, (b, t, dim) in enumerate(zip(blocks, tiles, dims, strict=True)) if b * t != dim.trips]
    in_range = _all(head, [append(head, arith.CmpiOp(point[d], index_constant(head, dims[d].trips), "slt"))
                           for d in ragged])
    # Shared buffers, one per load of the reduction body.
    buffers = []
    for _, used, _ in loads:
        size = math.prod(tiles[d] for d in used) * k_slice
        buffers.append(append(head, memref.AllocaOp.get(f32, shape=[size], memory_space=SharedMemorySpaceAttr())))
    zero = append(head, arith.ConstantOp(FloatAttr(0.0, f32)))
    c_trips_k = index_constant(head, trips_k)
    # The slices of the reduction, carrying the accumulators.
    slice_block = Block(arg_types=[INDEX] + [f32] * len(loop.iter_args))
    s, *accs = slice_block.args
    k0 = append(slice_block, arith.MuliOp(s, index_constant(slice_block, k_slice)))
    for (load, used, k_last), buffer in zip(loads, buffers, strict=True):
        extents = _order([tiles[d] for d in used], k_slice, k_last)
        size = math.prod(extents)
        fill = Block(arg_types=[INDEX])
        t = fill.args[0]
        coords = delinearize(fill, t, [Dim(t, 0, 1, e) for e in extents])
        k_coord = coords[-1] if k_last else coords[0]
        mapping: dict[SSAValue, SSAValue] = {}
        checks = []
        for d, coord in zip(used, coords[:-1] if k_last else coords[1:], strict=True):
            at = append(fill, arith.AddiOp(base[d], coord)) if tiles[d] > 1 else base[d]
            if d in ragged:
                checks.append(append(fill, arith.CmpiOp(at, index_constant(fill, dims[d].trips), "slt")))
            mapping[dims[d].iv] = iv_at(fill, at, dims[d])
        k = append(fill, arith.AddiOp(k0, k_coord))
        if trips_k % k_slice:
            checks.append(append(fill, arith.CmpiOp(k, c_trips_k, "slt")))
        mapping[loop.body.block.args[0]] = k
        fill.add_op(memref.StoreOp.get(zero, buffer, [t]))
        ok = _all(fill, checks)
        read = fill if ok is None else Block()
        indices = [_rebuild(i, mapping, read, memo) for i in load.indices]
        value = append(read, memref.LoadOp.get(load.memref, indices))
        read.add_op(memref.StoreOp.get(value, buffer, [t]))
        if ok is not None:
            read.add_op(scf.YieldOp())
            fill.add_op(scf.IfOp(ok, [], Region(read), Region(Block([scf.YieldOp()]))))
        fill.add_op(scf.YieldOp())
        slice_block.add_op(scf.ForOp(tid, index_constant(slice_block, size), index_constant(slice_block, threads),
                                     [], Region(fill)))
    slice_block.add_op(gpu.BarrierOp())
    # The original reduction body over the slice, its loads from the shared buffers.
    end = append(slice_block, arith.AddiOp(k0, index_constant(slice_block, k_slice)))
    if trips_k % k_slice:
        end = append(slice_block, arith.MinSIOp(end, c_trips_k))
    old = loop.body.block
    compute = Block(arg_types=[a.type for a in old.args])
    for a, b in zip(old.args, compute.args, strict=True):
        a.replace_all_uses_with(b)
    kk = append(compute, arith.SubiOp(compute.args[0], k0))
    for op in list(old.ops):
        op.detach()
        compute.add_op(op)
    for (load, used, k_last), buffer in zip(loads, buffers, strict=True):
        at = Block()
        index = _linear(at, _order([local[d] for d in used], kk, k_last),
                        _order([tiles[d] for d in used], k_slice, k_last))
        new = append(at, memref.LoadOp.get(buffer, [index]))
        Rewriter.insert_op(list(_detach_all(at)), InsertPoint.before(load))
        load.res.replace_all_uses_with(new)
        load.detach()
        load.erase()
    _drop_dead(compute)
    inner = scf.ForOp(k0, end, index_constant(slice_block, 1), list(accs), Region(compute))
    slice_block.add_op(inner)
    slice_block.add_op(gpu.BarrierOp())
    slice_block.add_op(scf.YieldOp(*inner.results))
    slices = scf.ForOp(index_constant(head, 0), index_constant(head, -(-trips_k // k_slice)), index_constant(head, 1),
                       list(loop.iter_args), Region(slice_block))
    # Pre-loop index arithmetic runs in every thread; the epilogue only in bounds.
    for op in nest.body[:position]:
        op.detach()
        head.add_op(op)
    head.add_op(slices)
    for a, b in zip(loop.results, slices.results, strict=True):
        a.replace_all_uses_with(b)
    tail = nest.body[position + 1:]
    target = head if in_range is None else Block()
    for op in tail:
        op.detach()
        target.add_op(op)
    if in_range is not None:
        target.add_op(scf.YieldOp())
        head.add_op(scf.IfOp(in_range, [], Region(target), Region(Block([scf.YieldOp()]))))
    for dim, iv in zip(dims, thread_ivs, strict=True):
        dim.iv.replace_all_uses_with(iv)
    loop.detach()
    loop.erase()
    Rewriter.insert_op(list(_detach_all(head)), InsertPoint.before(nest.root))
    nest.root.detach()
    nest.root.erase()
    set_launch(fn, math.prod(blocks), threads)
    fn.attributes[TILE_ATTR] = DenseArrayBase.from_list(i64, [*tiles, k_slice])


def _order(points: list, k, k_last: bool) -> list:
    """A tile's coordinates: the reduction's last (the load's contiguous index follows
    it: `A[i, k]`) or first (`B[k, j]`: neighbouring threads, neighbouring columns, which
    coalesces the fill and keeps the compute's shared reads free of bank conflicts)."""
    return [*points, k] if k_last else [k, *points]


def _detach_all(block: Block) -> list[Operation]:
    ops = list(block.ops)
    for op in ops:
        op.detach()
    return ops


def _drop_dead(block: Block) -> None:
    """Index arithmetic only the replaced loads used."""
    for op in reversed(list(block.ops)):
        if is_pure(op) and not op.regions and all(not r.uses for r in op.results):
            op.detach()
            op.erase()


__all__ = ["K_SLICE", "TILE_ATTR", "TILE_POINTS", "try_shared_tiles"]
