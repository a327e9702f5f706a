"""`LoopEmitter`: builds the ops of one kernel function.

It keeps a stack of blocks (a loop body is a new scope), hoists constants to the
function's entry block, and memoizes index arithmetic within a scope, so the address
computations of a register block are shared between its unrolled points.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from xdsl.dialects import arith, vector
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    FloatAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    VectorType,
    i1,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
)

from mopc.core.types import is_float
from mopc.dialects import loop
from mopc.passes.loop.index_arith import affine_binary

INDEX = IndexType()


class LoopEmitter:
    def __init__(self, entry: Block):
        self.entry = entry
        self._blocks: list[Block] = [entry]
        self._memo: list[dict[object, SSAValue]] = [{}]
        self._constants: dict[object, SSAValue] = {}
        self._index_values: dict[SSAValue, int] = {}  # index constants, for folding
        self._constant_of: dict[SSAValue, float | int | bool] = {}  # scalar constants

    # -- blocks --------------------------------------------------------------------------
    @property
    def block(self) -> Block:
        return self._blocks[-1]

    @contextmanager
    def inside(self, block: Block) -> Iterator[Block]:
        self._blocks.append(block)
        self._memo.append({})
        try:
            yield block
        finally:
            self._blocks.pop()
            self._memo.pop()

    def add(self, op: Operation) -> SSAValue:
        self.block.add_op(op)
        return op.results[0] if op.results else None  # type: ignore[return-value]

    def memoized(self, key: object, build) -> SSAValue:
        """`build()` once per scope (and per enclosing scope that already has it)."""
        for memo in reversed(self._memo):
            if key in memo:
                return memo[key]
        value = build()
        self._memo[-1][key] = value
        return value

    # -- constants (hoisted to the entry block) -------------------------------------------
    def constant(self, value: float | bool, type_: Attribute) -> SSAValue:
        key = (type_, float(value) if not isinstance(value, bool) else value)
        if key in self._constants:
            return self._constants[key]
        if isinstance(type_, VectorType):
            elem = type_.get_element_type()
            scalar = float(value) if is_float(elem) else int(value)
            attr = DenseIntOrFPElementsAttr.from_list(type_, [scalar])
            op = arith.ConstantOp(attr, type_)
        elif is_float(type_):
            op = arith.ConstantOp(FloatAttr(float(value), type_))
        else:
            bits = int(value)
            if type_ == i1:
                bits = -1 if value else 0
            op = arith.ConstantOp(IntegerAttr(bits, type_))
        first = self.entry.first_op
        if first is None:
            self.entry.add_op(op)
        else:
            self.entry.insert_op_before(op, first)
        self._constants[key] = op.result
        if not isinstance(type_, VectorType):
            self._constant_of[op.result] = value
        return op.result

    def index(self, value: int) -> SSAValue:
        result = self.constant(value, INDEX)
        self._index_values[result] = value
        return result

    def iota(self, lanes: int) -> SSAValue:
        """The vector `[0, 1, ..., lanes - 1]` of indices."""
        key = ("iota", lanes)
        if key not in self._constants:
            t = VectorType(INDEX, [lanes])
            op = arith.ConstantOp(DenseIntOrFPElementsAttr.from_list(t, list(range(lanes))), t)
            first = self.entry.first_op
            self.entry.insert_op_before(op, first) if first else self.entry.add_op(op)
            self._constants[key] = op.result
        return self._constants[key]

    def constant_mask(self, lanes: int, active: int) -> SSAValue:
        """The i1 vector whose first `active` of `lanes` lanes are true."""
        key = ("mask", lanes, active)
        if key not in self._constants:
            t = VectorType(i1, [lanes])
            values = [1] * active + [0] * (lanes - active)
            op = arith.ConstantOp(DenseIntOrFPElementsAttr.from_list(t, values), t)
            first = self.entry.first_op
            self.entry.insert_op_before(op, first) if first else self.entry.add_op(op)
            self._constants[key] = op.result
        return self._constants[key]

    # -- index arithmetic ----------------------------------------------------------------
    def add_index(self, a: SSAValue, b: SSAValue) -> SSAValue:
        known = self._index_values
        if a in known and b in known:
            return self.index(known[a] + known[b])
        if known.get(b) == 0:
            return a
        if known.get(a) == 0:
            return b
        return self.memoized(("addi", a, b), lambda: self.add(arith.AddiOp(a, b)))

    def mul_index(self, a: SSAValue, b: SSAValue) -> SSAValue:
        return self._fold(AffineBinaryOpKind.Mul, a, b) or self.memoized(
            ("muli", a, b), lambda: self.add(arith.MuliOp(a, b))
        )

    def offset(self, base: SSAValue, by: int) -> SSAValue:
        return base if by == 0 else self.add_index(base, self.index(by))

    def affine(self, expr: AffineExpr, dims: Sequence[SSAValue]) -> SSAValue:
        """An index value for `expr` with `dims` bound to SSA index values."""
        match expr:
            case AffineConstantExpr():
                return self.index(expr.value)
            case AffineDimExpr():
                return dims[expr.position]
            case AffineBinaryOpExpr():
                lhs = self.affine(expr.lhs, dims)
                rhs = self.affine(expr.rhs, dims)
                folded = self._fold(expr.kind, lhs, rhs)
                if folded is not None:
                    return folded
                return self.memoized((expr.kind, lhs, rhs), lambda: self._binary_index(expr.kind, lhs, rhs))
        raise ValueError(f"unsupported index expression {expr}")

    def _fold(self, kind: AffineBinaryOpKind, lhs: SSAValue, rhs: SSAValue) -> SSAValue | None:
        """Index arithmetic on constants is done here, not in the loop nest."""
        known = self._index_values
        a, b = known.get(lhs), known.get(rhs)
        if kind == AffineBinaryOpKind.Add:
            return self.add_index(lhs, rhs) if a is not None or b is not None else None
        if kind == AffineBinaryOpKind.Mul:
            if a is not None and b is not None:
                return self.index(a * b)
            if b == 1 or a == 0:
                return lhs
            if b == 0:
                return rhs
        if a is not None and b is not None and b > 0:
            if kind == AffineBinaryOpKind.FloorDiv:
                return self.index(a // b)
            if kind == AffineBinaryOpKind.CeilDiv:
                return self.index(-((-a) // b))
            if kind == AffineBinaryOpKind.Mod:
                return self.index(a % b)
        return None

    def _binary_index(self, kind: AffineBinaryOpKind, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        return affine_binary(kind, lhs, rhs, self.add, self.index(0))

    # -- comparisons and selects (xDSL's arith has no vector forms: loop.* has) -----------
    def cmpi(self, a: SSAValue, b: SSAValue, predicate: str) -> SSAValue:
        if isinstance(a.type, VectorType):
            return self.add(loop.CmpiOp(predicate, a, b))
        return self.add(arith.CmpiOp(a, b, predicate))

    def cmpf(self, a: SSAValue, b: SSAValue, predicate: str) -> SSAValue:
        if isinstance(a.type, VectorType):
            return self.add(loop.CmpfOp(predicate, a, b))
        return self.add(arith.CmpfOp(a, b, predicate))

    def select(self, cond: SSAValue, a: SSAValue, b: SSAValue) -> SSAValue:
        if isinstance(cond.type, VectorType) or isinstance(a.type, VectorType):
            return self.add(loop.SelectOp(cond, a, b))
        return self.add(arith.SelectOp(cond, a, b))

    # -- vectors -------------------------------------------------------------------------
    def splat(self, scalar: SSAValue, lanes: int) -> SSAValue:
        t = VectorType(scalar.type, [lanes])
        if scalar in self._constant_of:  # a constant: a hoisted vector constant, not a broadcast
            return self.constant(self._constant_of[scalar], t)
        return self.memoized(("splat", scalar, lanes), lambda: self.add(vector.BroadcastOp(scalar, t)))

    def lane_mask(self, first: SSAValue, low: int | None, high: SSAValue | int, lanes: int) -> SSAValue:
        """Lanes `l` with `low <= first + l < high` (a vector of i1)."""
        return self.memoized(("lane_mask", first, low, high, lanes),
                             lambda: self._lane_mask(first, low, high, lanes))

    def _lane_mask(self, first: SSAValue, low: int | None, high: SSAValue | int, lanes: int) -> SSAValue:
        positions = self.add_vector_index(first, lanes)
        parts = []
        if low is not None:
            parts.append(self.cmpi(positions, self.splat(self.index(low), lanes), "sge"))
        high_value = self.index(high) if isinstance(high, int) else high
        parts.append(self.cmpi(positions, self.splat(high_value, lanes), "slt"))
        mask = parts[0]
        for part in parts[1:]:
            mask = self.add(arith.AndIOp(mask, part))
        return mask

    def add_vector_index(self, first: SSAValue, lanes: int) -> SSAValue:
        return self.memoized(
            ("lanes", first, lanes),
            lambda: self.add(arith.AddiOp(self.splat(first, lanes), self.iota(lanes))),
        )

    def reduce_lanes(self, kind: str, value: SSAValue) -> SSAValue:
        """Combine a vector's lanes (`vector.reduction`; built through IRDL because the
        0.74 constructor gives the result the vector's type)."""
        assert isinstance(value.type, VectorType)
        attr = vector.CombiningKindAttr(vector.CombiningKindFlag(kind))
        return self.add(vector.ReductionOp.build(
            operands=[value, []], result_types=[value.type.get_element_type()], properties={"kind": attr}
        ))

    def all_true(self, lanes: int) -> SSAValue:
        return self.constant(True, VectorType(i1, [lanes]))


def is_integer_type(t: Attribute) -> bool:
    return isinstance(t, IntegerType | IndexType)
