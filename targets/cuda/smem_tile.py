"""Shared-memory tiles for contractions: matmul, gemm, batched matmul, convolution.

A contraction's thread computes a register block of outputs (`cuda-schedule`'s
`unroll`: 4 rows of a matmul or 4 output channels of a convolution, 4 accumulators)
over a reduction whose loads each miss one of the parallel dimensions: a matmul's
`A[i, k]` is the same for every column `j`, `B[k, j]` for every row; a convolution's
input is the same for every output channel, its weights for every output pixel. Over
global memory every thread loads them all; here a block of threads (a tile of the
parallel dimensions) shares them:

```
for s in 0 .. ceil(K / K_SLICE):                 // the reduction, a slice at a time
    for each operand L of the reduction body:    // cooperative: thread t fills t, t + B, ...
        S_L[tile points L uses][K_SLICE] = L at (block's points, k0 + kk), 0 outside the bounds
    __syncthreads()
    for k in k0 .. min(k0 + K_SLICE, K):         // the original body, operands from S_L
        acc0 = fma(S_A0[ty][k - k0], S_B[k - k0][tx], acc0) ... acc3
    __syncthreads()                              // before the next slice overwrites S_L
if (point in bounds) { epilogue; stores }        // every thread took part in the barriers
```

A convolution's reduction is a perfect nest (`ci, kh, kw`): it is sliced as one loop
of `K = C * KH * KW` iterations (an implicit GEMM), the fill delinearizing `k` into the
three. Its padded input load (`select(in_bounds, X[clamped], 0)`) is one operand: the
fill evaluates the bounds test and stores the zeros, so the compute loop is loads and
FMAs only.

Each operand (a load, or a padded load) gets its own `__shared__` buffer (a register
block's 4 row loads: 4 buffers), sized by the tile's extents along the parallel
dimensions it uses times `K_SLICE`. The fill evaluates the operand's index arithmetic
(cloned) at the tile element's point, so any index computation of the ivs works;
elements past the parallel bounds or the reduction's end are 0 and never read. Buffer
layouts keep both the fill and the compute fast: the operand's contiguous global index
follows the tile's fastest (thread-neighbouring) dimension -> that dimension innermost
(`B[k][tx]`, a convolution's input `X[k][ow]`); it follows `k` -> `k` innermost
(`A[ty][k]`, weights `W[oc][k]`), with one float of padding per row when neighbouring
threads would read a row each (bank conflicts).

The tile: two parallel dimensions get up to 16 threads each, chosen to minimise the
global loads per thread and reduction step (`_tiles`; a convolution: output channels by
output columns), and the thread budget left over (256 per block) goes to the others
(a 7x7 convolution: 16 channel blocks x 2 rows x 7 columns).

It applies when the point's body is: pure index arithmetic (no loads), one reduction
`scf.for` nest (each loop `0 .. N` step 1, `K >= MIN_REDUCTION` in all, carrying `f32`
accumulators) whose innermost body is pure ops and `f32` operands whose indices are pure
functions of the ivs and use a reduction iv, at least one operand shared by the tile
(missing a tiled dimension), then anything (the epilogue); and its buffers fit a
block's static shared memory (`TargetInfo`: 48 KiB).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

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
"""Threads per block along the two parallel dimensions a tile shares the most over; the
rest of `THREADS` goes to the others (innermost first); a lone long dimension gets it
all. Each cut to its dimension's trips."""
THREADS = math.prod(TILE_POINTS)
K_SLICE = 16
"""Reduction iterations loaded into shared memory per slice (cut to the reduction)."""
MIN_REDUCTION = 8
"""A shorter reduction is not worth the barriers."""
TILE_ATTR = "cuda.smem_tile"
"""On a tiled kernel: `array<i64: tile per parallel dim..., K_SLICE>`."""

INDEX = IndexType()


class _NotTiled(Exception):
    pass


@dataclass
class _Operand:
    """A value of the reduction body the tile's threads share: a load, or a padded load
    (`select(in_bounds, load, constant)`, the load's only use)."""

    load: memref.LoadOp
    select: arith.SelectOp | None
    dims: list[int]
    """The parallel dimensions (positions in the nest) its indices use."""
    contiguous: frozenset[SSAValue]
    """The ivs its last (contiguous) index uses."""
    k_last: bool = False
    pad: int = 0

    @property
    def value(self) -> SSAValue:
        return self.select.result if self.select is not None else self.load.res


@dataclass
class _Plan:
    loops: list[scf.ForOp]
    """The reduction nest, outermost first."""
    position: int
    """The outermost reduction loop's place in the point's body."""
    trips: list[int]
    tiles: list[int]
    k_slice: int
    operands: list[_Operand]
    memo: dict[SSAValue, frozenset[SSAValue]]

    @property
    def trips_k(self) -> int:
        return math.prod(self.trips)


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


def _loads_per_step(tiles: list[int], operands: list[_Operand]) -> float:
    """Global loads per thread and reduction step: an operand is loaded once per tile
    point it is shared by (the tiled dimensions it does not use)."""
    return sum(1 / math.prod(t for d, t in enumerate(tiles) if d not in op.dims) for op in operands)


def _tiles(dims: list[Dim], operands: list[_Operand]) -> list[int]:
    long = [d for d, dim in enumerate(dims) if dim.trips > 1]
    if len(long) < 2:  # one dimension: the whole block
        return [min(THREADS, dim.trips) if d in long else 1 for d, dim in enumerate(dims)]
    best: tuple[tuple[float, int, int], list[int]] | None = None
    for pair in itertools.combinations(long, 2):
        tiles = [1] * len(dims)
        for d, size in zip(pair, TILE_POINTS, strict=True):
            tiles[d] = min(size, dims[d].trips)
        for d in reversed(long):  # the threads left over
            if d not in pair:
                tiles[d] = max(1, min(dims[d].trips, THREADS // math.prod(tiles)))
        key = (_loads_per_step(tiles, operands), -pair[1], -pair[0])  # ties: the innermost pair
        if best is None or key < best[0]:
            best = (key, tiles)
    assert best is not None
    return best[1]


def try_shared_tiles(fn: func.FuncOp, nest: ParallelNest, info: CudaTargetInfo) -> bool:
    """Rewrite `fn` with shared-memory tiles (see the module docstring); False, and `fn`
    untouched, when the kernel does not have the shape this needs."""
    try:
        plan = _plan(nest, info.shared_memory_per_block)
    except _NotTiled:
        return False
    if plan is None:
        return False
    _rewrite(fn, nest, plan)
    return True


def _reduction_nest(loop: scf.ForOp) -> tuple[list[scf.ForOp], list[int]] | None:
    """`loop` and the loops perfectly nested in it that carry its accumulators on (a
    convolution's `ci, kh, kw`), with their trips; each must run `0 .. N` step 1."""
    loops, trips = [], []
    current = loop
    while True:
        lb, ub, step = (constant_index(v) for v in (current.lb, current.ub, current.step))
        if lb != 0 or step != 1 or ub is None or ub < 1:
            return None
        loops.append(current)
        trips.append(ub)
        ops = list(current.body.block.ops)
        inner = ops[0]
        if not (len(ops) == 2 and isinstance(inner, scf.ForOp)
                and list(inner.iter_args) == list(current.body.block.args[1:])
                and list(ops[1].operands) == list(inner.results)):
            return loops, trips
        current = inner


def _operand(load: memref.LoadOp, ivs: set[SSAValue], k_ivs: set[SSAValue], nest: ParallelNest,
             memo: dict[SSAValue, frozenset[SSAValue]]) -> _Operand:
    if load.res.type != f32:
        raise _NotTiled
    uses = list(load.res.uses)
    select = uses[0].operation if len(uses) == 1 else None
    padded = (isinstance(select, arith.SelectOp) and select.lhs is load.res
              and isinstance(select.rhs.owner, arith.ConstantOp))
    used = frozenset().union(*(_deps(i, ivs, memo) for i in load.indices))
    if padded:
        assert isinstance(select, arith.SelectOp)
        used |= _deps(select.cond, ivs, memo)
    if not used & k_ivs:
        raise _NotTiled  # invariant in the reduction: nothing to slice
    contiguous = _deps(load.indices[-1], ivs, memo) if load.indices else frozenset()
    return _Operand(load, select if padded else None,  # type: ignore[arg-type]
                    [d for d, dim in enumerate(nest.dims) if dim.iv in used], contiguous)


def _plan(nest: ParallelNest, shared_limit: int) -> _Plan | None:
    if not nest.dims or nest.root is None:
        return None
    loops = [op for op in nest.body if not is_pure(op) or isinstance(op, memref.LoadOp)]
    loop = loops[0] if loops else None
    if not isinstance(loop, scf.ForOp) or not loop.iter_args or any(a.type != f32 for a in loop.iter_args):
        return None
    position = nest.body.index(loop)
    if any(not is_pure(op) or isinstance(op, memref.LoadOp) for op in nest.body[:position]):
        return None
    reduction = _reduction_nest(loop)
    if reduction is None:
        return None
    reduction_loops, trips = reduction
    if math.prod(trips) < MIN_REDUCTION:
        return None
    body = list(reduction_loops[-1].body.block.ops)[:-1]
    if any(not is_pure(op) or op.regions for op in body):
        return None
    k_ivs = {r.body.block.args[0] for r in reduction_loops}
    ivs = {d.iv for d in nest.dims} | k_ivs
    memo: dict[SSAValue, frozenset[SSAValue]] = {}
    operands = [_operand(op, ivs, k_ivs, nest, memo) for op in body if isinstance(op, memref.LoadOp)]
    tiles = _tiles(nest.dims, operands)
    if not operands or not any(any(tiles[d] > 1 and d not in op.dims for d in range(len(tiles))) for op in operands):
        return None  # nothing shared between the tile's threads
    k_slice = min(K_SLICE, math.prod(trips))
    fastest = max((d for d, t in enumerate(tiles) if t > 1), default=None)
    for op in operands:
        follows_threads = fastest is not None and nest.dims[fastest].iv in op.contiguous
        op.k_last = not follows_threads and bool(op.contiguous & k_ivs)
        op.pad = 1 if op.k_last and fastest in op.dims else 0
    shared = sum(math.prod(tiles[d] for d in op.dims) * (k_slice + op.pad) for op in operands) * 4
    if shared > shared_limit:
        return None
    return _Plan(reduction_loops, position, trips, tiles, k_slice, operands, memo)


def _rewrite(fn: func.FuncOp, nest: ParallelNest, plan: _Plan) -> None:
    dims, tiles, k_slice, trips_k = nest.dims, plan.tiles, plan.k_slice, plan.trips_k
    loop = plan.loops[0]
    k_dims = [Dim(r.body.block.args[0], 0, 1, t) for r, t in zip(plan.loops, plan.trips, strict=True)]
    threads = math.prod(tiles)
    blocks = [-(-d.trips // t) for d, t in zip(dims, tiles, strict=True)]
    head = Block()
    tid = gpu_index(head, gpu.ThreadIdOp)
    bid = gpu_index(head, gpu.BlockIdOp)
    local = delinearize(head, tid, [Dim(tid, 0, 1, t) for t in tiles])
    block_coord = delinearize(head, bid, [Dim(bid, 0, 1, b) for b in blocks])
    # The block's first point per dimension (0 where one block covers it), and this
    # thread's point.
    base = [append(head, arith.MuliOp(b, index_constant(head, t))) if t > 1 and n > 1 else b
            for b, t, n in zip(block_coord, tiles, blocks, strict=True)]
    point = [c if n == 1 else append(head, arith.AddiOp(b, c)) if t > 1 else b
             for b, c, t, n in zip(base, local, tiles, blocks, strict=True)]

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
    # Shared buffers, one per operand of the reduction body (rows padded against bank conflicts).
    buffers = []
    for op in plan.operands:
        size = math.prod(tiles[d] for d in op.dims) * (k_slice + op.pad)
        buffers.append(append(head, memref.AllocaOp.get(f32, shape=[size], memory_space=SharedMemorySpaceAttr())))
    c_trips_k = index_constant(head, trips_k)
    # The slices of the reduction, carrying the accumulators.
    slice_block = Block(arg_types=[INDEX] + [f32] * len(loop.iter_args))
    s, *accs = slice_block.args
    k0 = append(slice_block, arith.MuliOp(s, index_constant(slice_block, k_slice)))
    for op, buffer in zip(plan.operands, buffers, strict=True):
        _fill(slice_block, op, buffer, plan, nest, base, ragged, k0, k_dims, c_trips_k, tid, threads, iv_at)
    slice_block.add_op(gpu.BarrierOp())
    # The original reduction body over the slice, its operands from the shared buffers.
    end = append(slice_block, arith.AddiOp(k0, index_constant(slice_block, k_slice)))
    if trips_k % k_slice:
        end = append(slice_block, arith.MinSIOp(end, c_trips_k))
    innermost = plan.loops[-1].body.block
    compute = Block(arg_types=[INDEX] + [a.type for a in innermost.args[1:]])
    for a, b in zip(innermost.args[1:], compute.args[1:], strict=True):
        a.replace_all_uses_with(b)
    for dim, iv in zip(k_dims, delinearize(compute, compute.args[0], k_dims), strict=True):
        dim.iv.replace_all_uses_with(iv)  # dead once the operands come from shared memory
    kk = append(compute, arith.SubiOp(compute.args[0], k0))
    for op in list(innermost.ops):
        op.detach()
        compute.add_op(op)
    for op, buffer in zip(plan.operands, buffers, strict=True):
        at = Block()
        extents = _order([tiles[d] for d in op.dims], k_slice + op.pad, op.k_last)
        index = _linear(at, _order([local[d] for d in op.dims], kk, op.k_last), extents)
        new = append(at, memref.LoadOp.get(buffer, [index]))
        anchor = op.select if op.select is not None else op.load
        Rewriter.insert_op(list(_detach_all(at)), InsertPoint.before(anchor))
        op.value.replace_all_uses_with(new)
        for dead in (op.select, op.load):
            if dead is not None:
                dead.detach()
                dead.erase()
    _drop_dead(compute)
    inner = scf.ForOp(k0, end, index_constant(slice_block, 1), list(accs), Region(compute))
    slice_block.add_op(inner)
    slice_block.add_op(gpu.BarrierOp())
    slice_block.add_op(scf.YieldOp(*inner.results))
    slices = scf.ForOp(index_constant(head, 0), index_constant(head, -(-trips_k // k_slice)), index_constant(head, 1),
                       list(loop.iter_args), Region(slice_block))
    # Pre-loop index arithmetic runs in every thread; the epilogue only in bounds.
    for op in nest.body[:plan.position]:
        op.detach()
        head.add_op(op)
    head.add_op(slices)
    for a, b in zip(loop.results, slices.results, strict=True):
        a.replace_all_uses_with(b)
    tail = nest.body[plan.position + 1:]
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


def _fill(slice_block: Block, op: _Operand, buffer: SSAValue, plan: _Plan, nest: ParallelNest,
          base: list[SSAValue], ragged: list[int], k0: SSAValue, k_dims: list[Dim], c_trips_k: SSAValue,
          tid: SSAValue, threads: int, iv_at) -> None:
    """The cooperative fill of `buffer` with `op` over the block's points and one slice:
    thread `tid` stores elements `tid, tid + threads, ...` (0 outside the bounds)."""
    dims, tiles, k_slice = nest.dims, plan.tiles, plan.k_slice
    extents = _order([tiles[d] for d in op.dims], k_slice, op.k_last)
    fill = Block(arg_types=[INDEX])
    t = fill.args[0]
    coords = delinearize(fill, t, [Dim(t, 0, 1, e) for e in extents])
    k_coord = coords[-1] if op.k_last else coords[0]
    where = t if not op.pad else _linear(fill, coords, _order([tiles[d] for d in op.dims], k_slice + op.pad,
                                                                op.k_last))
    mapping: dict[SSAValue, SSAValue] = {}
    checks = []
    for d, coord in zip(op.dims, coords[:-1] if op.k_last else coords[1:], strict=True):
        at = append(fill, arith.AddiOp(base[d], coord)) if tiles[d] > 1 else base[d]
        if d in ragged:
            checks.append(append(fill, arith.CmpiOp(at, index_constant(fill, dims[d].trips), "slt")))
        mapping[dims[d].iv] = iv_at(fill, at, dims[d])
    k = append(fill, arith.AddiOp(k0, k_coord))
    if plan.trips_k % k_slice:
        checks.append(append(fill, arith.CmpiOp(k, c_trips_k, "slt")))
    for dim, iv in zip(k_dims, delinearize(fill, k, k_dims), strict=True):
        mapping[dim.iv] = iv
    ok = _all(fill, checks)
    read = fill if ok is None else Block()
    indices = [_rebuild(i, mapping, read, plan.memo) for i in op.load.indices]
    value = append(read, memref.LoadOp.get(op.load.memref, indices))
    if op.select is not None:
        otherwise = op.select.rhs.owner.clone()  # type: ignore[union-attr]
        read.add_op(otherwise)
        cond = _rebuild(op.select.cond, mapping, read, plan.memo)
        value = append(read, arith.SelectOp(cond, value, otherwise.results[0]))
    read.add_op(memref.StoreOp.get(value, buffer, [where]))
    if ok is not None:
        read.add_op(scf.YieldOp())
        outside = Block()
        zero = append(outside, arith.ConstantOp(FloatAttr(0.0, f32)))
        outside.add_op(memref.StoreOp.get(zero, buffer, [where]))
        outside.add_op(scf.YieldOp())
        fill.add_op(scf.IfOp(ok, [], Region(read), Region(outside)))
    fill.add_op(scf.YieldOp())
    slice_block.add_op(scf.ForOp(tid, index_constant(slice_block, math.prod(extents)),
                                 index_constant(slice_block, threads), [], Region(fill)))


def _order(points: list, k, k_last: bool) -> list:
    """A tile's coordinates: the reduction's last (the operand's contiguous index follows
    it: `A[i, k]`) or first (`B[k, j]`: neighbouring threads, neighbouring columns, which
    coalesces the fill and keeps the compute's shared reads free of bank conflicts)."""
    return [*points, k] if k_last else [k, *points]


def _detach_all(block: Block) -> list[Operation]:
    ops = list(block.ops)
    for op in ops:
        op.detach()
    return ops


def _drop_dead(block: Block) -> None:
    """Index arithmetic only the replaced operands used."""
    for op in reversed(list(block.ops)):
        if is_pure(op) and not op.regions and all(not r.uses for r in op.results):
            op.detach()
            op.erase()


__all__ = ["K_SLICE", "TILE_ATTR", "TILE_POINTS", "try_shared_tiles"]
