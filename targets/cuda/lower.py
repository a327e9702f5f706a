"""The `loop-to-cuda` pass: loop-level kernels become CUDA kernels, calls become launches.

Each kernel function's parallel loops are spread over a one-dimensional grid of
one-dimensional blocks. The loops spread are the top-level `scf.parallel` and the
loops perfectly nested in it that carry no values (`scf.for` without `iter_args`: the
kernel's other parallel dimensions, as `cuda-schedule` orders them), collapsed into
one range of `total` points (register blocks: a loop of step 4 counts a point per 4);
reduction loops, and the register block's straight-line code, stay in the thread.

```mlir
// before
func.func private @k(%x: memref<4x96xf32>, %y: memref<4x96xf32>) attributes {mopc.kernel, ...} {
  "scf.parallel"(%c0, %c4, %c1) ({
  ^bb0(%i: index):
    scf.for %j = %c0 to %c96 step %c1 {
      ... memref.load %x[%i, %j] ... memref.store %v, %y[%i, %j] ...
    }
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
func.func @main(...) attributes {mopc.entry, ...} {
  func.call @k(%x, %y) : (...) -> ()
}
// after: 384 points, 2 blocks of 256 threads; the last block's tail is masked
func.func private @k(...) attributes {cuda.kernel, cuda.launch_bounds = 256 : i64,
                                      cuda.grid = array<i64: 2, 1, 1>, cuda.block = array<i64: 256, 1, 1>, ...} {
  %t = "gpu.thread_id"() <{dimension = #gpu<dim x>}> : () -> index
  %b = "gpu.block_id"() <{dimension = #gpu<dim x>}> : () -> index
  %p = (%b * 256 + %t)
  scf.if (%p < 384) {
    %i = %p / 96
    %j = %p % 96
    ... the loop bodies ...
  }
}
func.func @main(...) attributes {cuda.host, mopc.entry, ...} {
  cuda.launch @k(%x, %y) grid [2, 1, 1] block [256, 1, 1] shared 0 : ...
}
```

Threads per block: the `block-size` option, else 256 (8 warps, `TargetInfo`), cut to
the warps `total` needs. A kernel with nothing parallel (a scatter, a reduction to
one value) runs on one thread. A kernel whose parallel points are too few to fill the
GPU and whose reduction is long instead gets one block per point and a block-level
tree reduction in shared memory (see `block_reduce.py`); a contraction otherwise gets
tiles of its operands in shared memory (see `smem_tile.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, gpu, scf
from xdsl.dialects.builtin import DenseArrayBase, IndexType, IntegerAttr, ModuleOp, UnitAttr, i64
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from mopc.core.diagnostics import DiagnosticError
from mopc.dialects.loop.schedule import ScheduleAttr
from mopc.targets.cuda.dialect import (
    BLOCK_ATTR,
    GRID_ATTR,
    HOST_ATTR,
    KERNEL_ATTR,
    LAUNCH_BOUNDS_ATTR,
    LaunchOp,
)
from mopc.targets.cuda.target_info import DEFAULT_ARCH, target_info

INDEX = IndexType()


@dataclass
class Dim:
    """One collapsed loop: its induction variable and static bounds."""

    iv: SSAValue
    lb: int
    step: int
    trips: int


def constant_index(value: SSAValue) -> int | None:
    op = value.owner
    if isinstance(op, arith.ConstantOp) and isinstance(op.value, IntegerAttr):
        return op.value.value.data
    return None


def is_pure(op: Operation) -> bool:
    return op.name.startswith(("arith.", "math.")) or op.name == "memref.load"


def dims_of_loop(op: scf.ParallelOp | scf.ForOp, where: Operation) -> list[Dim] | None:
    if isinstance(op, scf.ParallelOp):
        if op.initVals:
            return None
        bounds = list(zip(op.lowerBound, op.upperBound, op.step, strict=True))
        ivs = list(op.body.block.args)
    else:
        if op.iter_args or op.results:
            return None
        bounds = [(op.lb, op.ub, op.step)]
        ivs = [op.body.block.args[0]]
    dims = []
    for iv, (lb, ub, step) in zip(ivs, bounds, strict=True):
        values = [constant_index(v) for v in (lb, ub, step)]
        if None in values:
            return None  # a dynamic bound: not spread
        low, high, stride = values  # type: ignore[misc]
        if stride <= 0:  # type: ignore[operator]
            raise DiagnosticError.at(where, f"loop-to-cuda needs positive steps, got {stride}")
        dims.append(Dim(iv, low, stride, max(0, -(-(high - low) // stride))))  # type: ignore[operator]
    return dims


def _body_ops(op: scf.ParallelOp | scf.ForOp) -> list[Operation]:
    ops = list(op.body.block.ops)
    return ops[:-1]  # scf.reduce / scf.yield


@dataclass
class ParallelNest:
    """Collapsed loops, the ops to run per point (in order), and the loop to replace
    (None: the ops are the function's body, one point)."""

    root: Operation | None
    dims: list[Dim]
    body: list[Operation]

    @property
    def total(self) -> int:
        return math.prod(d.trips for d in self.dims)


def whole_body(fn: func.FuncOp) -> ParallelNest:
    """The function's body as the work of a single point."""
    return ParallelNest(None, [], [op for op in fn.body.block.ops if not isinstance(op, func.ReturnOp)])


def find_parallel_nest(fn: func.FuncOp) -> ParallelNest | None:
    """The top-level parallel loop and the value-free loops perfectly nested in it; None
    when the kernel has anything else with effects at its top level, or nothing parallel."""
    schedule = fn.attributes.get("mopc.schedule")
    spreadable_for = not isinstance(schedule, ScheduleAttr) or schedule.parallel.data > 0
    loops = [op for op in fn.body.block.ops if not is_pure(op) and not isinstance(op, func.ReturnOp)]
    if len(loops) != 1:
        return None
    root = loops[0]
    if not (isinstance(root, scf.ParallelOp) or (isinstance(root, scf.ForOp) and spreadable_for)):
        return None
    dims = dims_of_loop(root, fn)
    if dims is None:
        return None
    body: list[Operation] = []
    current: Operation = root
    while True:
        ops = _body_ops(current)  # type: ignore[arg-type]
        inner = [op for op in ops if not is_pure(op)]
        nested = inner[0] if len(inner) == 1 and isinstance(inner[0], scf.ForOp) and inner[0] is ops[-1] else None
        more = dims_of_loop(nested, fn) if nested is not None else None
        if nested is None or more is None:
            body += ops
            break
        body += ops[:-1]  # index arithmetic of the outer loops: before the inner ones
        dims += more
        current = nested
    return ParallelNest(root, dims, body)


def index_constant(block: Block, value: int) -> SSAValue:
    op = arith.ConstantOp(IntegerAttr(value, INDEX))
    block.add_op(op)
    return op.result


def gpu_index(block: Block, kind: type[Operation]) -> SSAValue:
    op = kind(gpu.DimensionAttr(gpu.DimensionEnum.X))  # type: ignore[call-arg]
    block.add_op(op)
    return op.results[0]


def append(block: Block, op: Operation) -> SSAValue:
    block.add_op(op)
    return op.results[0]


def delinearize(block: Block, linear: SSAValue, dims: list[Dim]) -> list[SSAValue]:
    """The induction variables of point `linear` of the collapsed loops (the last
    loop varies fastest)."""
    values = []
    stride = math.prod(d.trips for d in dims)
    for k, dim in enumerate(dims):
        stride //= max(dim.trips, 1)
        q = linear
        if stride > 1:
            q = append(block, arith.DivUIOp(q, index_constant(block, stride)))
        if k > 0 and dim.trips > 1 and stride * dim.trips < math.prod(d.trips for d in dims):
            q = append(block, arith.RemUIOp(q, index_constant(block, dim.trips)))
        if dim.trips == 1:
            q = index_constant(block, 0)
        if dim.step != 1:
            q = append(block, arith.MuliOp(q, index_constant(block, dim.step)))
        if dim.lb != 0:
            q = append(block, arith.AddiOp(q, index_constant(block, dim.lb)))
        values.append(q)
    return values


def set_launch(fn: func.FuncOp, grid: int, block: int) -> None:
    fn.attributes[KERNEL_ATTR] = UnitAttr()
    fn.attributes[LAUNCH_BOUNDS_ATTR] = IntegerAttr(block, i64)
    fn.attributes[GRID_ATTR] = DenseArrayBase.from_list(i64, [grid, 1, 1])
    fn.attributes[BLOCK_ATTR] = DenseArrayBase.from_list(i64, [block, 1, 1])


def threads_per_block(total: int, limit: int, warp: int) -> int:
    """`limit`, or the whole warps `total` points need when that is fewer."""
    return min(limit, max(warp, -(-total // warp) * warp))


def spread_over_threads(fn: func.FuncOp, nest: ParallelNest, block_size: int) -> None:
    """Replace the nest by a guarded body run once per point by thread `blockIdx.x *
    block_size + threadIdx.x`."""
    total = nest.total
    grid = max(1, -(-total // block_size))
    entry = Block()
    tid = gpu_index(entry, gpu.ThreadIdOp)
    bid = gpu_index(entry, gpu.BlockIdOp)
    linear = append(entry, arith.AddiOp(append(entry, arith.MuliOp(bid, index_constant(entry, block_size))), tid))
    inner = Block()
    if grid * block_size != total:
        guard = append(entry, arith.CmpiOp(linear, index_constant(entry, total), "slt"))
        entry.add_op(scf.IfOp(guard, [], Region(inner), Region(Block([scf.YieldOp()]))))
    ivs = delinearize(inner, linear, nest.dims)
    for dim, iv in zip(nest.dims, ivs, strict=True):
        dim.iv.replace_all_uses_with(iv)
    for op in nest.body:
        op.detach()
        inner.add_op(op)
    if grid * block_size != total:
        inner.add_op(scf.YieldOp())
        ops = list(entry.ops)
    else:
        ops = list(entry.ops) + list(inner.ops)
    for op in ops:
        op.detach()
    Rewriter.insert_op(ops, InsertPoint.before(nest.root))
    nest.root.detach()
    nest.root.erase()
    set_launch(fn, grid, block_size)


@dataclass(frozen=True)
class LoopToCudaPass(ModulePass):
    """Kernels onto GPU threads, the entry's calls into `cuda.launch` (see the module
    docstring). `arch` picks the `TargetInfo` (sm_80, sm_90); `block-size` the threads
    per block (0: the target's default); `block-reduce=false` keeps one thread per
    point for every reduction; `shared-tiles=false` keeps contractions (matmuls,
    convolutions) on register blocks over global memory instead of shared-memory tiles
    (`smem_tile.py`).

    ```mlir
    // before: func.call @k(%x, %y) in the entry; in @k, scf.parallel over 384 points
    // after
    cuda.launch @k(%x, %y) grid [2, 1, 1] block [256, 1, 1] shared 0 : memref<4x96xf32>, memref<4x96xf32>
    func.func private @k(...) attributes {cuda.kernel, cuda.launch_bounds = 256 : i64, ...} {
      %t = "gpu.thread_id"() <{dimension = #gpu<dim x>}> : () -> index
      %b = "gpu.block_id"() <{dimension = #gpu<dim x>}> : () -> index
      ...  // point = b * 256 + t; if point < 384: the loop body at that point
    }
    ```
    """

    name = "loop-to-cuda"
    arch: str = DEFAULT_ARCH
    block_size: int = 0
    block_reduce: bool = True
    shared_tiles: bool = True

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        from mopc.targets.cuda.block_reduce import try_block_reduce
        from mopc.targets.cuda.smem_tile import try_shared_tiles

        try:
            info = target_info(self.arch)
        except ValueError as err:
            raise DiagnosticError.at(op, str(err)) from None
        limit = self.block_size or info.default_block_size
        if not 1 <= limit <= info.max_threads_per_block:
            raise DiagnosticError.at(op, f"block-size must be 1 to {info.max_threads_per_block}, got {limit}")
        functions = [f for f in op.ops if isinstance(f, func.FuncOp) and f.body.blocks]
        entries = [f for f in functions if "mopc.entry" in f.attributes]
        for fn in functions:
            if fn in entries or KERNEL_ATTR in fn.attributes:
                continue
            nest = find_parallel_nest(fn)
            whole = nest or whole_body(fn)  # nothing parallel: a reduction to one point?
            if self.block_reduce and try_block_reduce(fn, whole, info):
                continue
            if nest is not None and self.shared_tiles and try_shared_tiles(fn, nest, info):
                continue
            if nest is None:
                set_launch(fn, 1, 1)  # nothing to spread: one thread
            else:
                spread_over_threads(fn, nest, threads_per_block(nest.total, limit, info.warp_size))
        kernels = {f.sym_name.data: f for f in functions if KERNEL_ATTR in f.attributes}
        for fn in entries:
            for call in [c for c in fn.walk() if isinstance(c, func.CallOp)]:
                kernel = kernels.get(call.callee.root_reference.data)
                if kernel is None:
                    raise DiagnosticError.at(call, f"loop-to-cuda: @{call.callee.root_reference.data} is not a kernel")
                grid = kernel.attributes[GRID_ATTR]
                block = kernel.attributes[BLOCK_ATTR]
                assert isinstance(grid, DenseArrayBase) and isinstance(block, DenseArrayBase)
                launch = LaunchOp(kernel.sym_name.data, grid.get_values(), block.get_values(), list(call.arguments))
                launch.location = call.location
                Rewriter.replace_op(call, launch, [])
            fn.attributes[HOST_ATTR] = UnitAttr()
