"""Element-wise meta-ops as `arith` / `math` ops, on scalars or vectors alike.

The semantics match the meta-op evaluator (`dialects/metaop/evaluator.py`): `max`/`min`
propagate NaN, `mod` takes the divisor's sign, integer `div` rounds toward -inf, `!=`
is true for NaN, float-to-integer casts truncate toward zero.
"""

from __future__ import annotations

from collections.abc import Callable

from xdsl.dialects import arith, math
from xdsl.dialects.builtin import IntegerType, VectorType, i1
from xdsl.ir import Attribute, Operation, SSAValue

from mopc.core.types import is_float
from mopc.dialects import metaop as m
from mopc.dialects.metaop import BinaryKind, CompareKind, ReduceKind, UnaryKind
from mopc.passes.metaop_to_loop.emitter import LoopEmitter

_FLOAT_PREDICATES = {
    CompareKind.EQ: "oeq", CompareKind.NE: "une", CompareKind.LT: "olt",
    CompareKind.LE: "ole", CompareKind.GT: "ogt", CompareKind.GE: "oge",
}
_INT_PREDICATES = {
    CompareKind.EQ: "eq", CompareKind.NE: "ne", CompareKind.LT: "slt",
    CompareKind.LE: "sle", CompareKind.GT: "sgt", CompareKind.GE: "sge",
}

_FLOAT_UNARY: dict[UnaryKind, Callable[[SSAValue], Operation]] = {
    UnaryKind.ABS: math.AbsFOp,
    UnaryKind.NEG: arith.NegfOp,
    UnaryKind.EXP: math.ExpOp,
    UnaryKind.LOG: math.LogOp,
    UnaryKind.SQRT: math.SqrtOp,
    UnaryKind.RSQRT: math.RsqrtOp,
    UnaryKind.TANH: math.TanhOp,
    UnaryKind.ERF: math.ErfOp,
    UnaryKind.FLOOR: math.FloorOp,
    UnaryKind.CEIL: math.CeilOp,
    UnaryKind.ROUND: math.RoundEvenOp,
    UnaryKind.SIN: math.SinOp,
    UnaryKind.COS: math.CosOp,
}


class Compute:
    def __init__(self, emitter: LoopEmitter):
        self.e = emitter

    def like(self, value: SSAValue, scalar: float | bool) -> SSAValue:
        """A constant of `value`'s type (scalar or vector)."""
        return self.e.constant(scalar, value.type)

    def unary(self, kind: UnaryKind, x: SSAValue) -> SSAValue:
        e = self.e
        if kind in _FLOAT_UNARY and (is_float(_elem(x.type)) or kind == UnaryKind.ABS):
            if kind == UnaryKind.ABS and not is_float(_elem(x.type)):
                return e.add(math.AbsIOp(x))
            return e.add(_FLOAT_UNARY[kind](x))
        match kind:
            case UnaryKind.NEG:
                return e.add(arith.SubiOp(self.like(x, 0), x))
            case UnaryKind.RECIP:
                return e.add(arith.DivfOp(self.like(x, 1.0), x))
            case UnaryKind.SIGMOID:
                # 1 / (1 + exp(-x)): exp overflows to inf for very negative x, giving 0.
                denominator = e.add(arith.AddfOp(self.like(x, 1.0), e.add(math.ExpOp(e.add(arith.NegfOp(x))))))
                return e.add(arith.DivfOp(self.like(x, 1.0), denominator))
            case UnaryKind.NOT:
                return e.add(arith.XOrIOp(x, self.like(x, True)))
        raise ValueError(f"unary kind {kind} on {x.type}")

    def binary(self, kind: BinaryKind, a: SSAValue, b: SSAValue) -> SSAValue:
        e = self.e
        if is_float(_elem(a.type)):
            match kind:
                case BinaryKind.ADD:
                    return e.add(arith.AddfOp(a, b))
                case BinaryKind.SUB:
                    return e.add(arith.SubfOp(a, b))
                case BinaryKind.MUL:
                    return e.add(arith.MulfOp(a, b))
                case BinaryKind.DIV:
                    return e.add(arith.DivfOp(a, b))
                case BinaryKind.MAX:
                    return e.add(arith.MaximumfOp(a, b))
                case BinaryKind.MIN:
                    return e.add(arith.MinimumfOp(a, b))
                case BinaryKind.POW:
                    return e.add(math.PowFOp(a, b))
                case BinaryKind.MOD:  # a - floor(a / b) * b
                    quotient = e.add(math.FloorOp(e.add(arith.DivfOp(a, b))))
                    return e.add(arith.SubfOp(a, e.add(arith.MulfOp(quotient, b))))
        match kind:
            case BinaryKind.ADD:
                return e.add(arith.AddiOp(a, b))
            case BinaryKind.SUB:
                return e.add(arith.SubiOp(a, b))
            case BinaryKind.MUL:
                return e.add(arith.MuliOp(a, b))
            case BinaryKind.DIV:
                return e.add(arith.FloorDivSIOp(a, b))
            case BinaryKind.MAX:
                return e.add(arith.MaxSIOp(a, b) if not _is_bool(a) else arith.OrIOp(a, b))
            case BinaryKind.MIN:
                return e.add(arith.MinSIOp(a, b) if not _is_bool(a) else arith.AndIOp(a, b))
            case BinaryKind.MOD:
                rem = e.add(arith.RemSIOp(a, b))
                fix = e.add(arith.AndIOp(
                    e.cmpi(rem, self.like(rem, 0), "ne"),
                    e.add(arith.XOrIOp(e.cmpi(rem, self.like(rem, 0), "slt"), e.cmpi(b, self.like(b, 0), "slt"))),
                ))
                return e.select(fix, e.add(arith.AddiOp(rem, b)), rem)
            case BinaryKind.AND:
                return e.add(arith.AndIOp(a, b))
            case BinaryKind.OR:
                return e.add(arith.OrIOp(a, b))
            case BinaryKind.XOR:
                return e.add(arith.XOrIOp(a, b))
        raise ValueError(f"binary kind {kind} on {a.type}")

    def compare(self, kind: CompareKind, a: SSAValue, b: SSAValue) -> SSAValue:
        if is_float(_elem(a.type)):
            return self.e.cmpf(a, b, _FLOAT_PREDICATES[kind])
        return self.e.cmpi(a, b, _INT_PREDICATES[kind])

    def cast(self, x: SSAValue, target: Attribute) -> SSAValue:
        e = self.e
        source = _elem(x.type)
        result_type = VectorType(target, x.type.get_shape()) if isinstance(x.type, VectorType) else target
        if source == target:
            return x
        if target == i1:
            zero = self.like(x, 0.0 if is_float(source) else 0)
            return self.compare(CompareKind.NE, x, zero)
        if is_float(source) and is_float(target):
            wider = _bits(target) > _bits(source)
            return e.add((arith.ExtFOp if wider else arith.TruncFOp)(x, result_type))
        if is_float(target):
            return e.add((arith.UIToFPOp if source == i1 else arith.SIToFPOp)(x, result_type))
        if is_float(source):
            return e.add(arith.FPToSIOp(x, result_type))
        if _bits(target) > _bits(source):
            return e.add((arith.ExtUIOp if source == i1 else arith.ExtSIOp)(x, result_type))
        return e.add(arith.TruncIOp(x, result_type))

    def apply(self, op: Operation, args: list[SSAValue]) -> SSAValue:
        """The element-wise meta-op `op` on (already broadcast-compatible) arguments."""
        match op:
            case m.UnaryOp():
                return self.unary(op.kind.data, args[0])
            case m.BinaryOp():
                return self.binary(op.kind.data, args[0], args[1])
            case m.CompareOp():
                return self.compare(op.kind.data, args[0], args[1])
            case m.TernaryOp():
                return self.e.select(args[0], args[1], args[2])
            case m.CastOp():
                assert hasattr(op.result.type, "get_element_type")
                return self.cast(args[0], op.result.type.get_element_type())
        raise ValueError(f"not an element-wise meta-op: {op.name}")

    # -- reductions ------------------------------------------------------------------------
    def identity(self, kind: ReduceKind, element: Attribute) -> float | int | bool:
        floating = is_float(element)
        match kind:
            case ReduceKind.ADD | ReduceKind.MEAN | ReduceKind.OR | ReduceKind.XOR:
                return 0.0 if floating else 0
            case ReduceKind.MUL:
                return 1.0 if floating else 1
            case ReduceKind.MAX:
                return float("-inf") if floating else (0 if element == i1 else -(2 ** (_bits(element) - 1)))
            case ReduceKind.MIN:
                return float("inf") if floating else (1 if element == i1 else 2 ** (_bits(element) - 1) - 1)
            case ReduceKind.AND:
                return True if element == i1 else -1
        raise ValueError(f"reduce kind {kind}")

    def combine(self, kind: ReduceKind, acc: SSAValue, value: SSAValue) -> SSAValue:
        binary = {
            ReduceKind.ADD: BinaryKind.ADD, ReduceKind.MEAN: BinaryKind.ADD,
            ReduceKind.MUL: BinaryKind.MUL, ReduceKind.MAX: BinaryKind.MAX,
            ReduceKind.MIN: BinaryKind.MIN, ReduceKind.AND: BinaryKind.AND,
            ReduceKind.OR: BinaryKind.OR, ReduceKind.XOR: BinaryKind.XOR,
        }[kind]
        return self.binary(binary, acc, value)

    def fma(self, a: SSAValue, b: SSAValue, acc: SSAValue) -> SSAValue:
        from xdsl.dialects import vector

        if isinstance(acc.type, VectorType):
            return self.e.add(vector.FMAOp(a, b, acc))
        return self.e.add(math.FmaOp(a, b, acc))


def combining_kind(kind: ReduceKind, element: Attribute) -> str:
    """The `vector.reduction` kind that finishes a vector of partial results."""
    floating = is_float(element)
    return {
        ReduceKind.ADD: "add", ReduceKind.MEAN: "add", ReduceKind.MUL: "mul",
        ReduceKind.MAX: "maximumf" if floating else "maxsi",
        ReduceKind.MIN: "minimumf" if floating else "minsi",
        ReduceKind.AND: "and", ReduceKind.OR: "or", ReduceKind.XOR: "xor",
    }[kind]


def _elem(t: Attribute) -> Attribute:
    return t.get_element_type() if isinstance(t, VectorType) else t


def _is_bool(value: SSAValue) -> bool:
    return _elem(value.type) == i1


def _bits(t: Attribute) -> int:
    if isinstance(t, IntegerType):
        return t.width.data
    return {"f16": 16, "bf16": 16, "f32": 32, "f64": 64}[str(t)]
