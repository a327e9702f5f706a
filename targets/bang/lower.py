"""The `loop-to-bang` pass: loop-level kernels as MLU kernels over NRAM chunks.

Every vector value of a kernel becomes an NRAM buffer (`bang.alloc`) as wide as the
vector (the schedule made it an arch-aligned chunk, `bang-schedule`); buffers are
reused once their value is dead (a linear scan over the structured body), so a fused
chain lives in NRAM from its loads to its stores:

| loop level | BANG |
|---|---|
| `vector.load` / `vector.store` | `__memcpy` GDRAM2NRAM / NRAM2GDRAM of the chunk |
| `vector.maskedload` / `maskedstore`, prefix mask | `__memcpy` of the valid elements (the padded tail filled from the pass-through) |
| the same, any other mask | `bang.masked_load` / `masked_store` (one `__memcpy` per run of lanes) |
| `arith.addf/subf/mulf` | `__bang_add/sub/mul`, or `__bang_*_scalar` with a broadcast operand |
| `arith.maximumf/minimumf` | `__bang_maxequal/minequal` |
| `arith.divf` | `__bang_div` (with a scratch chunk) |
| `arith.negf` | `__bang_mul_scalar` by -1 |
| `vector.fma` | `__bang_mul(_scalar)` then `__bang_add` |
| `math.exp/tanh/log/sqrt/rsqrt/absf` | `__bang_active_exphp/tanh/log/sqrt/rsqrt/abs` |
| `vector.broadcast`, splat constants | `__bang_write_value` (or the scalar, folded into a `_scalar` builtin) |
| anything else on vectors (index and mask arithmetic, compares, selects, `powf`, reductions, extract/insert) | a scalar loop over the lanes in NRAM |

A builtin is emitted only where the arch's builtin list has it; otherwise the lane
loop. The kernel's `scf.parallel` (one, outermost) is split across tasks: its
iterations, collapsed, are cut into `taskDim` contiguous ranges and task `taskId` runs
its own; a kernel without one runs on task 0. The entry's `func.call`s become
`bang.launch`es (BLOCK tasks, one per IPU core).
"""

from __future__ import annotations

import math as pymath
from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import arith, func, memref, scf, vector
from xdsl.dialects import math as xmath
from xdsl.dialects.builtin import (
    AnyFloat,
    DenseIntOrFPElementsAttr,
    FloatAttr,
    IndexType,
    IntegerAttr,
    MemRefType,
    ModuleOp,
    UnitAttr,
    VectorType,
)
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import PassFailedException

from mopc.dialects.loop import CmpfOp as VCmpfOp
from mopc.dialects.loop import CmpiOp as VCmpiOp
from mopc.dialects.loop import SelectOp as VSelectOp
from mopc.targets.bang import dialect as bang
from mopc.targets.bang.target_info import BangTargetInfo, target_info

BINARY_BUILTINS = {
    "arith.addf": "__bang_add", "arith.subf": "__bang_sub", "arith.mulf": "__bang_mul",
    "arith.maximumf": "__bang_maxequal", "arith.minimumf": "__bang_minequal",
}
SCALAR_BUILTINS = {"arith.addf": "__bang_add_scalar", "arith.mulf": "__bang_mul_scalar",
                   "arith.subf": "__bang_sub_scalar"}
"""`x op broadcast(s)` as one builtin (`s op x` too where `op` commutes)."""
COMMUTES = {"arith.addf", "arith.mulf"}
UNARY_BUILTINS = {
    "math.exp": "__bang_active_exphp", "math.tanh": "__bang_active_tanh", "math.log": "__bang_active_log",
    "math.sqrt": "__bang_active_sqrt", "math.rsqrt": "__bang_active_rsqrt", "math.absf": "__bang_active_abs",
}
"""Activations (bang-c.md 4.5: table approximations, with documented input ranges)."""
DST_SRC0_ONLY = {"__bang_maxequal", "__bang_minequal"}
"""Builtins whose destination may be the first source only (bang-c.md 4.1)."""
NO_ALIAS = {"__bang_div"}


def _fail(op: Operation, message: str) -> PassFailedException:
    loc = getattr(op, "location", None)
    return PassFailedException(f"loop-to-bang: {message} (in '{op.name}'{f' at {loc}' if loc else ''})")


def _lanes(t: VectorType) -> int:
    shape = t.get_shape()
    if len(shape) != 1:
        raise ValueError("only 1-D vectors")
    return shape[0]


@dataclass
class _Buffer:
    value: SSAValue  # the bang.alloc result
    busy_until: int


@dataclass
class _Splat:
    """A vector every lane of which is one scalar (a broadcast, a splat constant):
    kept as the scalar, folded into `_scalar` builtins, materialized when needed."""

    scalar: SSAValue
    buffer: SSAValue | None = None


def _ancestor_in(op: Operation, block: Block | None) -> Operation | None:
    while op is not None and op.parent_block() is not block:
        op = op.parent_op()  # type: ignore[assignment]
    return op


@dataclass
class _Numbering:
    index: dict[Operation, int] = field(default_factory=dict)
    end: dict[Operation, int] = field(default_factory=dict)
    _last: dict[SSAValue, int] = field(default_factory=dict)

    def number(self, op: Operation) -> None:
        self.index[op] = len(self.index)
        for region in op.regions:
            for block in region.blocks:
                for inner in block.ops:
                    self.number(inner)
        self.end[op] = len(self.index) - 1

    def last_use(self, value: SSAValue) -> int:
        if value not in self._last:
            self._last[value] = self._last_use(value)
        return self._last[value]

    def _last_use(self, value: SSAValue) -> int:
        if isinstance(value.owner, Operation):
            block = value.owner.parent_block()
            start = self.index[value.owner]
        else:
            block = value.owner  # a block argument
            parent = block.parent_op()
            start = self.index.get(parent, 0)  # type: ignore[arg-type]
        last = start
        for use in value.uses:
            anchor = _ancestor_in(use.operation, block)
            if anchor is use.operation:  # an operand: read when the op starts (a loop's init)
                last = max(last, self.index[anchor])
            elif anchor is not None:  # used inside its regions: live until it ends
                last = max(last, self.end[anchor])
        return last


class KernelLowering:
    """Rebuilds one kernel's body in terms of NRAM buffers and BANG ops."""

    def __init__(self, kernel: func.FuncOp, info: BangTargetInfo):
        self.kernel = kernel
        self.info = info
        self.numbering = _Numbering()
        for op in kernel.body.block.ops:
            self.numbering.number(op)
        self.map: dict[SSAValue, SSAValue | _Splat] = {}
        self.pools: dict[tuple[str, int], list[_Buffer]] = {}
        self.by_value: dict[SSAValue, _Buffer] = {}
        self.allocs: list[Operation] = []
        self.prologue: list[Operation] = []
        self.constants: dict[tuple[int, str], SSAValue] = {}
        self.block: Block = Block()
        self.position = 0

    # -- small builders -------------------------------------------------------------

    def emit(self, op: Operation) -> Operation:
        self.block.add_op(op)
        return op

    def index(self, n: int) -> SSAValue:
        key = (n, "index")
        if key not in self.constants:
            op = arith.ConstantOp(IntegerAttr(n, IndexType()))
            self.prologue.append(op)
            self.constants[key] = op.result
        return self.constants[key]

    def float_const(self, value: float, t) -> SSAValue:
        return self.emit(arith.ConstantOp(FloatAttr(value, t))).results[0]

    def const_value(self, value: SSAValue) -> int | None:
        owner = value.owner
        if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
            return owner.value.value.data
        return None

    def add(self, a: SSAValue, b: SSAValue) -> SSAValue:
        ca, cb = self.const_value(a), self.const_value(b)
        if ca is not None and cb is not None:
            return self.index(ca + cb)
        if ca == 0:
            return b
        if cb == 0:
            return a
        return self.emit(arith.AddiOp(a, b)).results[0]

    def mul(self, a: SSAValue, n: int) -> SSAValue:
        ca = self.const_value(a)
        if ca is not None:
            return self.index(ca * n)
        if n == 1:
            return a
        if n == 0:
            return self.index(0)
        return self.emit(arith.MuliOp(a, self.index(n))).results[0]

    def linear(self, indices, shape) -> SSAValue:
        """Row-major element offset of `indices` (new values) in a memref of `shape`."""
        offset = self.index(0)
        stride = 1
        for idx, extent in reversed(list(zip(indices, shape, strict=True))):
            offset = self.add(offset, self.mul(idx, stride))
            stride *= extent
        return offset

    # -- buffers ----------------------------------------------------------------------

    def buffer(self, element, lanes: int, busy_until: int, avoid: tuple[SSAValue, ...] = ()) -> SSAValue:
        key = (str(element), lanes)
        pool = self.pools.setdefault(key, [])
        for buf in pool:
            if buf.busy_until < self.position and buf.value not in avoid:
                buf.busy_until = busy_until
                return buf.value
        alloc = bang.AllocOp(bang.nram_type(element, lanes), f"nram{len(self.allocs)}")
        self.allocs.append(alloc)
        buf = _Buffer(alloc.result, busy_until)
        pool.append(buf)
        self.by_value[alloc.result] = buf
        return alloc.result

    def extend(self, buf: SSAValue, until: int) -> None:
        b = self.by_value[buf]
        b.busy_until = max(b.busy_until, until)

    def result_buffer(self, value: SSAValue, avoid: tuple[SSAValue, ...] = ()) -> SSAValue:
        t = value.type
        assert isinstance(t, VectorType)
        buf = self.buffer(t.element_type, _lanes(t), self.numbering.last_use(value), avoid)
        self.map[value] = buf
        return buf

    def reuse(self, value: SSAValue, candidate: SSAValue) -> bool:
        """Give `value` the buffer of `candidate` (an operand dying at this op)."""
        mapped = self.map.get(candidate)
        if not isinstance(mapped, SSAValue) or self.numbering.last_use(candidate) != self.position:
            return False
        self.map[value] = mapped
        self.extend(mapped, self.numbering.last_use(value))
        return True

    def vec(self, value: SSAValue) -> SSAValue:
        """The buffer holding `value` (a splat is written out on first need)."""
        mapped = self.map[value]
        if isinstance(mapped, _Splat):
            if mapped.buffer is None:
                t = value.type
                assert isinstance(t, VectorType)
                buf = self.buffer(t.element_type, _lanes(t), self.numbering.last_use(value))
                self.fill(buf, mapped.scalar, _lanes(t))
                mapped.buffer = buf
            return mapped.buffer
        return mapped

    def splat(self, value: SSAValue) -> SSAValue | None:
        mapped = self.map.get(value)
        return mapped.scalar if isinstance(mapped, _Splat) else None

    def fill(self, buf: SSAValue, scalar: SSAValue, lanes: int) -> None:
        element = buf.type.element_type  # type: ignore[attr-defined]
        if isinstance(element, AnyFloat) and self.info.has("__bang_write_value") and element.bitwidth == 32:
            self.emit(bang.IntrinsicOp("__bang_write_value", [buf, self.index(lanes), scalar]))
            return
        self.lane_loop(lanes, lambda lane: [memref.StoreOp.get(scalar, buf, [lane])])

    def copy(self, dst: SSAValue, src: SSAValue, lanes: int) -> None:
        if dst is src:
            return
        element = dst.type.element_type  # type: ignore[attr-defined]
        nbytes = lanes * _bytes(element)
        if nbytes % self.info.spec.nram2nram_copy_multiple == 0:
            self.emit(bang.MemcpyOp(dst, self.index(0), src, self.index(0), self.index(nbytes)))
            return

        def body(lane):
            load = memref.LoadOp.get(src, [lane])
            return [load, memref.StoreOp.get(load.res, dst, [lane])]
        self.lane_loop(lanes, body)

    def lane_loop(self, lanes: int, body, iter_args: tuple[SSAValue, ...] = ()) -> Operation:
        block = Block(arg_types=[IndexType(), *(a.type for a in iter_args)])
        ops = body(block.args[0], *block.args[1:]) if iter_args else body(block.args[0])
        block.add_ops(ops)
        if not ops or not isinstance(ops[-1], scf.YieldOp):
            block.add_op(scf.YieldOp())
        return self.emit(scf.ForOp(self.index(0), self.index(lanes), self.index(1), list(iter_args), Region(block)))

    # -- the walk --------------------------------------------------------------------------

    def run(self) -> None:
        old = self.kernel.body.block
        new_block = Block(arg_types=[a.type for a in old.args])
        for o, n in zip(old.args, new_block.args, strict=True):
            self.map[o] = n
        has_parallel = any(isinstance(op, scf.ParallelOp) for op in self.kernel.walk())
        body = Block()
        self.block = body
        for op in old.ops:
            if not isinstance(op, func.ReturnOp):
                self.lower(op)
        if not has_parallel:  # one task does it all
            tid = bang.TaskIdOp()
            cond = arith.CmpiOp(tid.result, self.index(0), "eq")
            body.add_op(scf.YieldOp())
            guarded = scf.IfOp(cond.result, [], Region(body))
            body_ops = [tid, cond, guarded]
        else:
            body_ops = list(body.ops)
            for op in body_ops:
                op.detach()
        new_block.add_ops([*self.allocs, *self.prologue, *body_ops])
        new_block.add_op(func.ReturnOp())
        self.kernel.body.detach_block(old)
        self.kernel.body.add_block(new_block)
        used = sum(-(-_bytes_of(a.result.type) // 64) * 64 for a in self.allocs)
        if used > self.info.nram_budget:
            raise _fail(self.kernel, f"kernel '{self.kernel.sym_name.data}' needs {used} bytes of NRAM, more "
                        f"than the {self.info.nram_budget} available on {self.info.name}")
        self.kernel.attributes[bang.KERNEL_ATTR] = UnitAttr()

    def lower_block(self, old: Block, new: Block) -> None:
        saved = self.block
        self.block = new
        for op in old.ops:
            self.lower(op)
        self.block = saved

    def lower(self, op: Operation) -> None:
        self.position = self.numbering.index[op]
        vector_results = any(isinstance(r.type, VectorType) for r in op.results)
        vector_operands = any(isinstance(o.type, VectorType) for o in op.operands)
        if isinstance(op, scf.ForOp):
            return self.lower_for(op)
        if isinstance(op, scf.IfOp):
            return self.lower_if(op)
        if isinstance(op, scf.ParallelOp):
            return self.lower_parallel(op)
        if isinstance(op, scf.YieldOp | scf.ReduceOp):
            raise _fail(op, "unexpected terminator")
        if not vector_results and not vector_operands:
            return self.clone(op)
        handler = _HANDLERS.get(type(op))
        if handler is None:
            if len(op.results) == 1 and not op.regions:
                return self.lanewise(op)
            raise _fail(op, "this operation on vectors has no BANG lowering")
        handler(self, op)

    def clone(self, op: Operation) -> None:
        if op.regions:
            raise _fail(op, "this operation with regions has no BANG lowering")
        new = op.clone(value_mapper={o: self.scalar(o) for o in op.operands})
        self.emit(new)
        for o, n in zip(op.results, new.results, strict=True):
            self.map[o] = n

    def scalar(self, value: SSAValue) -> SSAValue:
        mapped = self.map[value]
        if isinstance(mapped, _Splat):
            raise TypeError("a vector where a scalar was expected")
        return mapped

    # -- structured control flow ------------------------------------------------------------

    def lower_for(self, op: scf.ForOp) -> None:
        body = op.body.block
        buffers: list[SSAValue] = []
        vector_pos = [i for i, r in enumerate(op.results) if isinstance(r.type, VectorType)]
        for i, (init, result, arg) in enumerate(zip(op.iter_args, op.results, body.args[1:], strict=True)):
            if i not in vector_pos:
                continue
            t = result.type
            assert isinstance(t, VectorType)
            until = max(self.numbering.last_use(result), self.numbering.end[op])
            buf = None
            mapped = self.map.get(init)
            if (isinstance(mapped, SSAValue) and self.numbering.last_use(init) == self.position
                    and mapped not in buffers):
                buf = mapped
                self.extend(buf, until)
            if buf is None:
                buf = self.buffer(t.element_type, _lanes(t), until, avoid=tuple(buffers))
                if self.splat(init) is not None and mapped.buffer is None:  # type: ignore[union-attr]
                    self.fill(buf, self.splat(init), _lanes(t))  # type: ignore[arg-type]
                else:
                    self.copy(buf, self.vec(init), _lanes(t))
            buffers.append(buf)
            self.map[result] = buf
            self.map[arg] = buf
        scalars = [i for i in range(len(op.results)) if i not in vector_pos]
        new_body = Block(arg_types=[IndexType(), *(op.results[i].type for i in scalars)])
        self.map[body.args[0]] = new_body.args[0]
        for k, i in enumerate(scalars):
            self.map[body.args[i + 1]] = new_body.args[k + 1]
        self.lower_block_with_yield(body, new_body, dict(zip(vector_pos, buffers, strict=True)), scalars)
        new = self.emit(scf.ForOp(self.scalar(op.lb), self.scalar(op.ub), self.scalar(op.step),
                                  [self.scalar(op.iter_args[i]) for i in scalars], Region(new_body)))
        for k, i in enumerate(scalars):
            self.map[op.results[i]] = new.results[k]

    def lower_block_with_yield(self, old: Block, new: Block, targets: dict[int, SSAValue], scalars: list[int]) -> None:
        saved = self.block
        self.block = new
        for inner in old.ops:
            if isinstance(inner, scf.YieldOp):
                self.position = self.numbering.index[inner]
                for i, buf in targets.items():
                    value = inner.operands[i]
                    t = value.type
                    assert isinstance(t, VectorType)
                    if self.splat(value) is not None and self.map[value].buffer is None:  # type: ignore[union-attr]
                        self.fill(buf, self.splat(value), _lanes(t))  # type: ignore[arg-type]
                    else:
                        self.copy(buf, self.vec(value), _lanes(t))
                self.emit(scf.YieldOp(*[self.scalar(inner.operands[i]) for i in scalars]))
            else:
                self.lower(inner)
        self.block = saved

    def lower_if(self, op: scf.IfOp) -> None:
        vector_pos = [i for i, r in enumerate(op.results) if isinstance(r.type, VectorType)]
        targets = {i: self.result_buffer(op.results[i]) for i in vector_pos}
        scalars = [i for i in range(len(op.results)) if i not in vector_pos]
        regions = []
        for region in (op.true_region, op.false_region):
            new = Block()
            if region.blocks:
                self.lower_block_with_yield(region.block, new, targets, scalars)
            else:
                new.add_op(scf.YieldOp())
            regions.append(Region(new))
        new_op = self.emit(scf.IfOp(self.scalar(op.cond), [op.results[i].type for i in scalars],
                                    regions[0], regions[1]))
        for k, i in enumerate(scalars):
            self.map[op.results[i]] = new_op.results[k]

    def lower_parallel(self, op: scf.ParallelOp) -> None:
        """The iterations, collapsed, in `taskDim` contiguous ranges: task `taskId` runs
        `[taskId * chunk, min((taskId + 1) * chunk, total))`."""
        if op.initVals:
            raise _fail(op, "scf.parallel with reductions has no BANG lowering")
        trips = []
        for lb, ub, step in zip(op.lowerBound, op.upperBound, op.step, strict=True):
            lo, hi, st = (self.const_value(self.scalar(v)) for v in (lb, ub, step))
            if lo is None or hi is None or st is None:
                raise _fail(op, "scf.parallel needs constant bounds on BANG")
            trips.append(max(0, -(-(hi - lo) // st)))
        total = pymath.prod(trips)
        tid = self.emit(bang.TaskIdOp()).results[0]
        tdim = self.emit(bang.TaskDimOp()).results[0]
        total_v = self.index(total)
        chunk = self.emit(arith.CeilDivSIOp(total_v, tdim)).results[0]
        begin = self.emit(arith.MuliOp(tid, chunk)).results[0]
        stop = self.emit(arith.AddiOp(begin, chunk)).results[0]
        end = self.emit(arith.MinSIOp(stop, total_v)).results[0]
        body = Block(arg_types=[IndexType()])
        saved = self.block
        self.block = body
        rest = body.args[0]
        old = op.body.block
        ivs = [None] * len(trips)
        for k in reversed(range(len(trips))):
            if k == 0:
                q = rest
            else:
                q = self.emit(arith.RemSIOp(rest, self.index(trips[k]))).results[0]
                rest = self.emit(arith.DivSIOp(rest, self.index(trips[k]))).results[0]
            lo = self.const_value(self.scalar(op.lowerBound[k]))
            st = self.const_value(self.scalar(op.step[k]))
            ivs[k] = self.add(self.mul(q, st), self.index(lo))  # type: ignore[arg-type]
        for arg, iv in zip(old.args, ivs, strict=True):
            self.map[arg] = iv  # type: ignore[assignment]
        for inner in old.ops:
            if not isinstance(inner, scf.ReduceOp):
                self.lower(inner)
        body.add_op(scf.YieldOp())
        self.block = saved
        self.emit(scf.ForOp(begin, end, self.index(1), [], Region(body)))

    # -- vector operations ------------------------------------------------------------------

    def lanewise(self, op: Operation) -> None:
        """Any element-wise op on vectors, lane by lane in NRAM."""
        result = op.results[0]
        t = result.type
        assert isinstance(t, VectorType)
        lanes = _lanes(t)
        operands = [self.lane_source(o) for o in op.operands]
        dst = self.result_buffer(result)

        def body(lane):
            ops: list[Operation] = []
            values = []
            for source, is_vector in operands:
                if is_vector:
                    load = memref.LoadOp.get(source, [lane])
                    ops.append(load)
                    values.append(load.res)
                else:
                    values.append(source)
            scalar_op = _scalar_version(op, values)
            ops.append(scalar_op)
            ops.append(memref.StoreOp.get(scalar_op.results[0], dst, [lane]))
            return ops
        self.lane_loop(lanes, body)

    def lane_source(self, value: SSAValue) -> tuple[SSAValue, bool]:
        if not isinstance(value.type, VectorType):
            return self.scalar(value), False
        s = self.splat(value)
        if s is not None:
            return s, False
        return self.vec(value), True


def _bytes(element) -> int:
    if isinstance(element, IndexType):
        return 4  # printed as int: tensors have fewer than 2**31 elements
    width = element.bitwidth if isinstance(element, AnyFloat) else element.width.data
    return max(1, width // 8)


def _bytes_of(t: MemRefType) -> int:
    return pymath.prod(t.get_shape()) * _bytes(t.element_type)


def _scalar_version(op: Operation, values: list[SSAValue]) -> Operation:
    """The op on one lane's scalars."""
    if isinstance(op, VCmpfOp):
        return arith.CmpfOp(values[0], values[1], op.predicate.data)
    if isinstance(op, VCmpiOp):
        return arith.CmpiOp(values[0], values[1], op.predicate.data)
    if isinstance(op, VSelectOp | arith.SelectOp):
        return arith.SelectOp(values[0], values[1], values[2])
    t = op.results[0].type
    assert isinstance(t, VectorType)
    return type(op).create(operands=values, result_types=[t.element_type],
                           properties=dict(op.properties), attributes=dict(op.attributes))


# -- handlers, by op class -------------------------------------------------------------------

def _constant(self: KernelLowering, op: arith.ConstantOp) -> None:
    value = op.value
    t = op.result.type
    assert isinstance(value, DenseIntOrFPElementsAttr) and isinstance(t, VectorType)
    element = t.element_type
    values = value.get_values()
    lanes = _lanes(t)
    if all(v == values[0] for v in values):
        attr = FloatAttr(values[0], element) if isinstance(element, AnyFloat) else IntegerAttr(int(values[0]), element)
        scalar = arith.ConstantOp(attr)
        self.prologue.append(scalar)  # hoisted: the kernel's constants dominate everything
        self.map[op.result] = _Splat(scalar.result)
        if any(not _takes_splat(use.operation, op.result) for use in op.result.uses):
            self.vec(op.result)  # written out here, where it dominates every use
        return
    if _prefix(op.result) is not None and all(
            isinstance(use.operation, vector.MaskedLoadOp | vector.MaskedStoreOp) for use in op.result.uses):
        return  # a tail mask: the copies take only the valid elements
    dst = self.result_buffer(op.result)
    ints = [int(v) for v in values]
    if not isinstance(element, AnyFloat) and all(ints[k] - ints[0] == k * (ints[1] - ints[0]) for k in range(lanes)):
        start, step = ints[0], ints[1] - ints[0]

        def affine(lane):  # start + step * lane
            ops: list[Operation] = []
            v = lane
            if step != 1:
                c = arith.ConstantOp(IntegerAttr(step, IndexType()))
                ops += [c, arith.MuliOp(v, c.result)]
                v = ops[-1].results[0]
            if start:
                c = arith.ConstantOp(IntegerAttr(start, IndexType()))
                ops += [c, arith.AddiOp(v, c.result)]
                v = ops[-1].results[0]
            if not isinstance(element, IndexType):
                ops.append(arith.IndexCastOp(v, element))
                v = ops[-1].results[0]
            ops.append(memref.StoreOp.get(v, dst, [lane]))
            return ops
        self.lane_loop(lanes, affine)
        return
    runs = []  # (start, end, value): lanes written a run at a time (a mask is one or two runs)
    for k, v in enumerate(values):
        if runs and runs[-1][2] == v:
            runs[-1] = (runs[-1][0], k + 1, v)
        else:
            runs.append((k, k + 1, v))
    for start, end, v in runs:
        attr = FloatAttr(v, element) if isinstance(element, AnyFloat) else IntegerAttr(int(v), element)
        c = self.emit(arith.ConstantOp(attr))
        if end - start == 1:
            self.emit(memref.StoreOp.get(c.result, dst, [self.index(start)]))
            continue
        block = Block(arg_types=[IndexType()])
        block.add_ops([memref.StoreOp.get(c.result, dst, [block.args[0]]), scf.YieldOp()])
        self.emit(scf.ForOp(self.index(start), self.index(end), self.index(1), [], Region(block)))


def _broadcast(self: KernelLowering, op: vector.BroadcastOp) -> None:
    source = op.source
    if isinstance(source.type, VectorType):
        raise _fail(op, "vector-to-vector broadcasts have no BANG lowering")
    splat = _Splat(self.scalar(source))
    self.map[op.vector] = splat
    if any(not _takes_splat(use.operation, op.vector) for use in op.vector.uses):
        self.vec(op.vector)  # written out here, where it dominates every use


def _takes_splat(op: Operation, value: SSAValue) -> bool:
    """Whether `op` can use `value`, a splat, as its scalar (no NRAM copy needed)."""
    if isinstance(op, vector.FMAOp):
        return value is not op.acc
    if op.name in BINARY_BUILTINS:
        rhs = op.operands[1]
        if op.name == "arith.maximumf" and _is_zero_splat(value):
            return True
        return op.name in SCALAR_BUILTINS and (value is rhs or op.name in COMMUTES)
    if isinstance(op, vector.MaskedLoadOp):
        return value is op.pass_thru
    if isinstance(op, vector.InsertOp):
        return value is op.dest
    if isinstance(op, vector.ExtractOp | scf.YieldOp | scf.ForOp):
        return True
    return len(op.results) == 1 and not op.regions and _HANDLERS.get(type(op)) is None  # lane loops


def _is_zero_splat(value: SSAValue) -> bool:
    owner = value.owner
    if isinstance(owner, vector.BroadcastOp):
        owner = owner.source.owner
    if not isinstance(owner, arith.ConstantOp):
        return False
    attr = owner.value
    if isinstance(attr, DenseIntOrFPElementsAttr):
        return all(v == 0.0 for v in attr.get_values())
    return isinstance(attr, FloatAttr) and attr.value.data == 0.0


def _memref_offset(self: KernelLowering, base: SSAValue, indices) -> tuple[SSAValue, SSAValue]:
    ref = self.scalar(base)
    t = base.type
    assert isinstance(t, MemRefType)
    return ref, self.linear([self.scalar(i) for i in indices], t.get_shape())


def _prefix(mask: SSAValue) -> int | None:
    """`k` when `mask` is a constant whose first `k` lanes are set and no other."""
    owner = mask.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, DenseIntOrFPElementsAttr):
        bits = [bool(v) for v in owner.value.get_values()]
        k = bits.index(False) if False in bits else len(bits)
        if not any(bits[k:]):
            return k
    return None


def _load(self: KernelLowering, op: vector.LoadOp) -> None:
    t = op.result.type
    ref, offset = _memref_offset(self, op.base, op.indices)
    dst = self.result_buffer(op.result)
    nbytes = _lanes(t) * _bytes(t.element_type)  # type: ignore[attr-defined]
    self.emit(bang.MemcpyOp(dst, self.index(0), ref, offset, self.index(nbytes)))


def _masked_load(self: KernelLowering, op: vector.MaskedLoadOp) -> None:
    t = op.result.type
    assert isinstance(t, VectorType)
    lanes = _lanes(t)
    ref, offset = _memref_offset(self, op.base, op.indices)
    k = _prefix(op.mask)
    dst = self.result_buffer(op.result)
    if k is None:
        self.emit(bang.MaskedLoadOp(dst, ref, offset, self.vec(op.mask), self.vec(op.pass_thru)))
        return
    if k < lanes and _tail_observed(op.result, k):  # the padded tail: the pass-through's lanes
        passthru = self.splat(op.pass_thru)
        if passthru is not None:
            self.fill(dst, passthru, lanes)
        else:
            self.copy(dst, self.vec(op.pass_thru), lanes)
    if k > 0:
        self.emit(bang.MemcpyOp(dst, self.index(0), ref, offset, self.index(k * _bytes(t.element_type))))


def _tail_observed(value: SSAValue, k: int) -> bool:
    """Whether any lane from `k` on of `value` can reach memory or another lane: through
    lane-wise ops and loop-carried values, to anything but a store of its first `k'`
    lanes (k' <= k). If not, a masked load's padded tail need not be filled."""
    seen: set[SSAValue] = set()
    work = [value]
    while work:
        v = work.pop()
        if v in seen:
            continue
        seen.add(v)
        for use in v.uses:
            user = use.operation
            if isinstance(user, vector.MaskedStoreOp) and user.value_to_store is v:
                stored = _prefix(user.mask)
                if stored is None or stored > k:
                    return True
            elif isinstance(user, scf.YieldOp) and isinstance(user.parent_op(), scf.ForOp):
                loop = user.parent_op()
                work += [loop.results[use.index], loop.body.block.args[use.index + 1]]  # type: ignore[union-attr]
            elif isinstance(user, scf.ForOp) and use.index >= 3:
                work += [user.results[use.index - 3], user.body.block.args[use.index - 2]]
            elif (len(user.results) == 1 and not user.regions and isinstance(user.results[0].type, VectorType)
                  and not isinstance(user, vector.InsertOp | vector.MaskedLoadOp | vector.LoadOp)):
                work.append(user.results[0])  # lane-wise
            else:
                return True
    return False


def _store(self: KernelLowering, op: vector.StoreOp) -> None:
    t = op.vector.type
    assert isinstance(t, VectorType)
    ref, offset = _memref_offset(self, op.base, op.indices)
    nbytes = _lanes(t) * _bytes(t.element_type)
    self.emit(bang.MemcpyOp(ref, offset, self.vec(op.vector), self.index(0), self.index(nbytes)))


def _masked_store(self: KernelLowering, op: vector.MaskedStoreOp) -> None:
    t = op.value_to_store.type
    assert isinstance(t, VectorType)
    ref, offset = _memref_offset(self, op.base, op.indices)
    k = _prefix(op.mask)
    src = self.vec(op.value_to_store)
    if k is None:
        self.emit(bang.MaskedStoreOp(ref, offset, src, self.vec(op.mask)))
    elif k > 0:
        self.emit(bang.MemcpyOp(ref, offset, src, self.index(0), self.index(k * _bytes(t.element_type))))


def _is_f32(t) -> bool:
    return isinstance(t, VectorType) and isinstance(t.element_type, AnyFloat) and t.element_type.bitwidth == 32


def _binary(self: KernelLowering, op: Operation) -> None:
    result = op.results[0]
    t = result.type
    lhs, rhs = op.operands
    if not _is_f32(t):
        return self.lanewise(op)
    lanes = self.index(_lanes(t))  # type: ignore[arg-type]
    scalar_name = SCALAR_BUILTINS.get(op.name)
    if scalar_name and self.info.has(scalar_name):
        s_rhs, s_lhs = self.splat(rhs), self.splat(lhs)
        if s_rhs is not None or (s_lhs is not None and op.name in COMMUTES):
            vec_operand, s = (lhs, s_rhs) if s_rhs is not None else (rhs, s_lhs)
            src = self.vec(vec_operand)
            if not self.reuse(result, vec_operand):
                self.result_buffer(result)
            self.emit(bang.IntrinsicOp(scalar_name, [self.vec(result), src, s, lanes]))  # type: ignore[list-item]
            return
    if op.name == "arith.maximumf" and self.info.has("__bang_active_relu"):
        for x, zero in ((lhs, rhs), (rhs, lhs)):
            if _is_zero_splat(zero) and not _is_zero_splat(x):
                src = self.vec(x)
                if not self.reuse(result, x):
                    self.result_buffer(result)
                self.emit(bang.IntrinsicOp("__bang_active_relu", [self.vec(result), src, lanes]))
                return
    if op.name == "arith.divf":
        return _divide(self, op)
    name = BINARY_BUILTINS.get(op.name)
    if name is None or not self.info.has(name):
        return self.lanewise(op)
    a, b = self.vec(lhs), self.vec(rhs)
    candidates = (lhs,) if name in DST_SRC0_ONLY else (lhs, rhs)
    if not any(self.reuse(result, c) for c in candidates):
        self.result_buffer(result)
    self.emit(bang.IntrinsicOp(name, [self.vec(result), a, b, lanes]))


def _divide(self: KernelLowering, op: Operation) -> None:
    result = op.results[0]
    t = result.type
    assert isinstance(t, VectorType)
    if not self.info.has("__bang_div"):
        return self.lanewise(op)
    a, b = self.vec(op.operands[0]), self.vec(op.operands[1])
    scratch = self.buffer(t.element_type, _lanes(t), self.position)
    dst = self.result_buffer(result, avoid=(scratch,))
    self.emit(bang.IntrinsicOp("__bang_div", [dst, a, b, scratch, self.index(_lanes(t))]))


def _negate(self: KernelLowering, op: arith.NegfOp) -> None:
    t = op.result.type
    if not _is_f32(t) or not self.info.has("__bang_mul_scalar"):
        return self.lanewise(op)
    src = self.vec(op.operand)
    if not self.reuse(op.result, op.operand):
        self.result_buffer(op.result)
    minus_one = self.float_const(-1.0, t.element_type)  # type: ignore[attr-defined]
    self.emit(bang.IntrinsicOp("__bang_mul_scalar", [self.vec(op.result), src, minus_one,
                                                      self.index(_lanes(t))]))  # type: ignore[arg-type]


def _unary_math(self: KernelLowering, op: Operation) -> None:
    result = op.results[0]
    t = result.type
    name = UNARY_BUILTINS.get(op.name)
    if name is None or not _is_f32(t) or not self.info.has(name):
        return self.lanewise(op)
    src = self.vec(op.operands[0])
    if not self.reuse(result, op.operands[0]):
        self.result_buffer(result)
    self.emit(bang.IntrinsicOp(name, [self.vec(result), src, self.index(_lanes(t))]))  # type: ignore[arg-type]


def _fma(self: KernelLowering, op: vector.FMAOp) -> None:
    t = op.res.type
    assert isinstance(t, VectorType)
    lanes = self.index(_lanes(t))
    s_lhs, s_rhs = self.splat(op.lhs), self.splat(op.rhs)
    product = self.buffer(t.element_type, _lanes(t), self.position)
    if s_lhs is not None and s_rhs is not None:
        value = self.emit(arith.MulfOp(s_lhs, s_rhs)).results[0]
        self.fill(product, value, _lanes(t))
    elif s_lhs is not None or s_rhs is not None:
        vec_operand, s = (op.lhs, s_rhs) if s_rhs is not None else (op.rhs, s_lhs)
        self.emit(bang.IntrinsicOp("__bang_mul_scalar", [product, self.vec(vec_operand), s, lanes]))  # type: ignore[list-item]
    else:
        self.emit(bang.IntrinsicOp("__bang_mul", [product, self.vec(op.lhs), self.vec(op.rhs), lanes]))
    acc = self.vec(op.acc)
    if not self.reuse(op.res, op.acc):
        self.result_buffer(op.res, avoid=(product,))
    self.emit(bang.IntrinsicOp("__bang_add", [self.vec(op.res), product, acc, lanes]))


def _extract(self: KernelLowering, op: vector.ExtractOp) -> None:
    s = self.splat(op.vector)
    if s is not None:
        self.map[op.result] = s
        return
    src = self.vec(op.vector)
    position = _position(self, op)
    load = self.emit(memref.LoadOp.get(src, [position]))
    self.map[op.result] = load.results[0]


def _position(self: KernelLowering, op: vector.ExtractOp | vector.InsertOp) -> SSAValue:
    dynamic = list(op.dynamic_position)
    static = op.static_position.get_values()
    if len(static) != 1:
        raise _fail(op, "only 1-D positions")
    return self.index(static[0]) if static[0] >= 0 else self.scalar(dynamic[0])


def _insert(self: KernelLowering, op: vector.InsertOp) -> None:
    t = op.result.type
    assert isinstance(t, VectorType)
    dest = op.dest
    if self.splat(dest) is not None and self.map[dest].buffer is None:  # type: ignore[union-attr]
        dst = self.result_buffer(op.result)
        self.fill(dst, self.splat(dest), _lanes(t))  # type: ignore[arg-type]
    elif not self.reuse(op.result, dest):
        src = self.vec(dest)
        dst = self.result_buffer(op.result)
        self.copy(dst, src, _lanes(t))
    self.emit(memref.StoreOp.get(self.scalar(op.source), self.vec(op.result), [_position(self, op)]))


COMBINE = {
    "add": lambda a, b: arith.AddfOp(a, b), "mul": lambda a, b: arith.MulfOp(a, b),
    "maximumf": lambda a, b: arith.MaximumfOp(a, b), "minimumf": lambda a, b: arith.MinimumfOp(a, b),
    "maxnumf": lambda a, b: arith.MaxnumfOp(a, b), "minnumf": lambda a, b: arith.MinnumfOp(a, b),
}


def _reduction(self: KernelLowering, op: vector.ReductionOp) -> None:
    t = op.vector.type
    assert isinstance(t, VectorType)
    kind = op.kind.data.value if hasattr(op.kind.data, "value") else str(op.kind.data)
    combine = COMBINE.get(kind)
    if combine is None or not isinstance(t.element_type, AnyFloat):
        raise _fail(op, f"vector.reduction <{kind}> has no BANG lowering")
    src = self.vec(op.vector)
    chunk = 128 // _bytes(t.element_type)  # __bang_reduce_sum: one sum per 128 bytes
    lanes = _lanes(t)
    step = 1
    if kind == "add" and self.info.has("__bang_reduce_sum") and lanes % chunk == 0 and t.element_type.bitwidth == 32:
        sums = self.buffer(t.element_type, lanes, self.position)
        self.emit(bang.IntrinsicOp("__bang_reduce_sum", [sums, src, self.index(lanes)]))
        src, step = sums, chunk  # the chunk sums, at the head of each chunk
    first = self.emit(memref.LoadOp.get(src, [self.index(0)])).results[0]
    init = combine(first, self.scalar(op.acc)) if op.acc is not None else None
    if init is not None:
        self.emit(init)
        first = init.results[0]

    def body(lane, acc):
        load = memref.LoadOp.get(src, [lane])
        c = combine(acc, load.res)
        return [load, c, scf.YieldOp(c.results[0])]

    block = Block(arg_types=[IndexType(), t.element_type])
    block.add_ops(body(block.args[0], block.args[1]))
    loop = self.emit(scf.ForOp(self.index(step), self.index(lanes), self.index(step), [first], Region(block)))
    self.map[op.dest] = loop.results[0]


_HANDLERS = {
    arith.ConstantOp: _constant,
    vector.BroadcastOp: _broadcast,
    vector.LoadOp: _load,
    vector.MaskedLoadOp: _masked_load,
    vector.StoreOp: _store,
    vector.MaskedStoreOp: _masked_store,
    arith.AddfOp: _binary, arith.SubfOp: _binary, arith.MulfOp: _binary, arith.DivfOp: _binary,
    arith.MaximumfOp: _binary, arith.MinimumfOp: _binary,
    arith.NegfOp: _negate,
    xmath.ExpOp: _unary_math, xmath.TanhOp: _unary_math, xmath.LogOp: _unary_math,
    xmath.SqrtOp: _unary_math, xmath.RsqrtOp: _unary_math, xmath.AbsFOp: _unary_math,
    vector.FMAOp: _fma,
    vector.ExtractOp: _extract,
    vector.InsertOp: _insert,
    vector.ReductionOp: _reduction,
}


def lower_entry(entry: func.FuncOp, info: BangTargetInfo) -> None:
    """The entry's kernel calls as launches on every IPU core."""
    for call in [op for op in entry.walk() if isinstance(op, func.CallOp)]:
        launch = bang.LaunchOp(call.callee.root_reference.data, list(call.arguments),
                               (info.tasks, 1, 1), info.task_type)
        call.parent_block().insert_op_before(launch, call)  # type: ignore[union-attr]
        call.detach()
        call.erase()


@dataclass(frozen=True)
class LoopToBangPass(ModulePass):
    """Lower loop-level kernels to MLU kernels over NRAM chunks (see the module docstring).

    ```mlir
    // before
    %v = vector.load %x[%i] : memref<256xf32>, vector<256xf32>
    %r = arith.addf %v, %v : vector<256xf32>
    vector.store %r, %y[%i] : memref<256xf32>, vector<256xf32>
    // after
    %b0 = bang.alloc {sym_name = "nram0"} : memref<256xf32, #bang.space<nram>>
    bang.memcpy %b0[%c0], %x[%i], %c1024 {direction = "GDRAM2NRAM"} : memref<256xf32, #bang.space<nram>>, memref<256xf32>
    bang.intrinsic "__bang_add"(%b0, %b0, %b0, %c256) : ...
    bang.memcpy %y[%i], %b0[%c0], %c1024 {direction = "NRAM2GDRAM"} : memref<256xf32>, memref<256xf32, #bang.space<nram>>
    ```

    `arch` picks the architecture whose builtin list decides what is emitted.
    """

    name = "loop-to-bang"
    arch: str = "mtp_270"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        info = target_info(self.arch)
        for f in [f for f in op.ops if isinstance(f, func.FuncOp)]:
            if "mopc.kernel" in f.attributes and not f.is_declaration:
                KernelLowering(f, info).run()
            elif "mopc.entry" in f.attributes:
                lower_entry(f, info)

