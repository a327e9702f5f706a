"""`arith` -> `llvm`, on scalars and 1-D vectors.

Most ops map one to one (tables below). The others:

* `maximumf`/`minimumf` propagate NaN: `llvm.maximum`/`llvm.minimum` intrinsics
  (`maxnumf`/`minnumf` ignore NaN: `llvm.maxnum`/`llvm.minnum`);
* `floordivsi`/`ceildivsi` round toward -inf/+inf: `sdiv`, then a correction of one
  where the remainder is non-zero and its sign says `sdiv` rounded the wrong way;
* `minsi`/`maxsi`/`minui`/`maxui` are `icmp` + `select`;
* `index_cast` truncates or sign-extends between `index` (i64) and the integer width;
* `cmpf false/true` fold to constants (LLVM's translator has no such predicates).
"""

from __future__ import annotations

from xdsl.dialects import arith, llvm
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    IndexType,
    IntegerAttr,
    VectorType,
    i64,
)
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import RewritePattern

from mopc.targets.llvm import dialect as ext
from mopc.targets.llvm.lowering import Emitter, LoweringPattern
from mopc.targets.llvm.type_converter import int_width, intrinsic_suffix, legal_type

_BINARY: dict[type[Operation], type[Operation]] = {
    arith.AddfOp: llvm.FAddOp,
    arith.SubfOp: llvm.FSubOp,
    arith.MulfOp: llvm.FMulOp,
    arith.DivfOp: llvm.FDivOp,
    arith.AddiOp: llvm.AddOp,
    arith.SubiOp: llvm.SubOp,
    arith.MuliOp: llvm.MulOp,
    arith.DivSIOp: llvm.SDivOp,
    arith.DivUIOp: llvm.UDivOp,
    arith.RemSIOp: llvm.SRemOp,  # C's remainder: the sign of the dividend
    arith.RemUIOp: llvm.URemOp,
    arith.AndIOp: llvm.AndOp,
    arith.OrIOp: llvm.OrOp,
    arith.XOrIOp: llvm.XOrOp,
    arith.ShLIOp: llvm.ShlOp,
    arith.ShRSIOp: llvm.AShrOp,
    arith.ShRUIOp: llvm.LShrOp,
}

_FLOAT_INTRINSIC: dict[type[Operation], str] = {
    arith.MaximumfOp: "llvm.maximum",
    arith.MinimumfOp: "llvm.minimum",
    arith.MaxnumfOp: "llvm.maxnum",
    arith.MinnumfOp: "llvm.minnum",
}

_MIN_MAX: dict[type[Operation], str] = {
    arith.MinSIOp: "slt",
    arith.MaxSIOp: "sgt",
    arith.MinUIOp: "ult",
    arith.MaxUIOp: "ugt",
}

_CAST: dict[type[Operation], type[Operation]] = {
    arith.SIToFPOp: llvm.SIToFPOp,
    arith.UIToFPOp: ext.UIToFPOp,
    arith.FPToSIOp: ext.FPToSIOp,
    arith.FPToUIOp: ext.FPToUIOp,
    arith.ExtFOp: llvm.FPExtOp,
    arith.TruncFOp: llvm.FPTruncOp,
    arith.ExtUIOp: llvm.ZExtOp,
    arith.ExtSIOp: llvm.SExtOp,
    arith.TruncIOp: llvm.TruncOp,
    arith.BitcastOp: llvm.BitcastOp,
}


def icmp(e: Emitter, predicate: str, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
    index = arith.CMPI_COMPARISON_OPERATIONS.index(predicate)
    return e.add(llvm.ICmpOp(lhs, rhs, IntegerAttr(index, i64)))


class ConstantLowering(LoweringPattern):
    source = arith.ConstantOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, arith.ConstantOp)
        t = legal_type(op.result.type, op)
        value = op.value
        if isinstance(value, IntegerAttr) and isinstance(value.type, IndexType):
            value = IntegerAttr(value.value.data, i64)
        elif isinstance(value, DenseIntOrFPElementsAttr) and value.type != t:  # index lanes
            assert isinstance(t, VectorType)
            elements = list(value.get_values())
            value = DenseIntOrFPElementsAttr.from_list(t, elements)  # type: ignore[arg-type]
        e.replace([e.add(llvm.ConstantOp(value, t))])


class BinaryLowering(LoweringPattern):
    source = tuple(_BINARY)

    def lower(self, op: Operation, e: Emitter) -> None:
        lhs, rhs = (e.to_llvm(v) for v in op.operands)
        new_op = _BINARY[type(op)]
        e.replace([e.add(new_op(lhs, rhs))])  # type: ignore[call-arg]


class NegfLowering(LoweringPattern):
    source = arith.NegfOp

    def lower(self, op: Operation, e: Emitter) -> None:
        e.replace([e.add(llvm.FNegOp(e.to_llvm(op.operands[0])))])


class FloatIntrinsicLowering(LoweringPattern):
    """`maximumf` & co: the type-suffixed LLVM intrinsic (`llvm.maximum.v16f32`)."""

    source = tuple(_FLOAT_INTRINSIC)

    def lower(self, op: Operation, e: Emitter) -> None:
        args = [e.to_llvm(v) for v in op.operands]
        name = f"{_FLOAT_INTRINSIC[type(op)]}.{intrinsic_suffix(args[0].type)}"
        e.replace([e.add(llvm.CallIntrinsicOp(name, args, [args[0].type]))])


class MinMaxLowering(LoweringPattern):
    source = tuple(_MIN_MAX)

    def lower(self, op: Operation, e: Emitter) -> None:
        lhs, rhs = (e.to_llvm(v) for v in op.operands)
        pick_lhs = icmp(e, _MIN_MAX[type(op)], lhs, rhs)
        e.replace([e.add(ext.SelectOp(pick_lhs, lhs, rhs))])


class RoundingDivLowering(LoweringPattern):
    """`floordivsi`/`ceildivsi`: q = a sdiv b, corrected by -1/+1 when the remainder
    is non-zero and rounding toward zero went the wrong way."""

    source = (arith.FloorDivSIOp, arith.CeilDivSIOp)

    def lower(self, op: Operation, e: Emitter) -> None:
        a, b = (e.to_llvm(v) for v in op.operands)
        t = a.type
        zero, one = e.constant(0, t), e.constant(1, t)
        quotient = e.add(llvm.SDivOp(a, b))
        remainder = e.add(llvm.SRemOp(a, b))
        inexact = icmp(e, "ne", remainder, zero)
        rem_negative = icmp(e, "slt", remainder, zero)
        div_negative = icmp(e, "slt", b, zero)
        # floor: adjust when the signs differ; ceil: when they agree
        sign_test = "ne" if isinstance(op, arith.FloorDivSIOp) else "eq"
        wrong_way = icmp(e, sign_test, rem_negative, div_negative)
        adjust = e.add(llvm.AndOp(inexact, wrong_way))
        step = llvm.SubOp if isinstance(op, arith.FloorDivSIOp) else llvm.AddOp
        adjusted = e.add(step(quotient, one))
        e.replace([e.add(ext.SelectOp(adjust, adjusted, quotient))])


class CmpiLowering(LoweringPattern):
    source = arith.CmpiOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, arith.CmpiOp)
        lhs, rhs = e.to_llvm(op.lhs), e.to_llvm(op.rhs)
        predicate = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]
        e.replace([icmp(e, predicate, lhs, rhs)])


class CmpfLowering(LoweringPattern):
    source = arith.CmpfOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, arith.CmpfOp)
        predicate = op.predicate.value.data
        if predicate in (0, 15):  # `false` / `true`
            e.replace([e.constant(int(predicate == 15), op.result.type)])
            return
        lhs, rhs = e.to_llvm(op.lhs), e.to_llvm(op.rhs)
        e.replace([e.add(ext.FCmpOp(lhs, rhs, predicate))])


class SelectLowering(LoweringPattern):
    source = arith.SelectOp

    def lower(self, op: Operation, e: Emitter) -> None:
        cond, lhs, rhs = (e.to_llvm(v) for v in op.operands)
        e.replace([e.add(ext.SelectOp(cond, lhs, rhs))])


class CastLowering(LoweringPattern):
    source = tuple(_CAST)

    def lower(self, op: Operation, e: Emitter) -> None:
        source = e.to_llvm(op.operands[0])
        target = legal_type(op.results[0].type, op)
        e.replace([e.add(_CAST[type(op)](source, target))])  # type: ignore[call-arg]


class IndexCastLowering(LoweringPattern):
    """`index_cast`: sign-extend or truncate between i64 and the integer width."""

    source = arith.IndexCastOp

    def lower(self, op: Operation, e: Emitter) -> None:
        source = e.to_llvm(op.operands[0])
        target = legal_type(op.results[0].type, op)
        e.replace([resize_int(e, source, target, signed=True)])


def resize_int(e: Emitter, value: SSAValue, target: Attribute, *, signed: bool) -> SSAValue:
    """`value` as integer type `target`: truncated, extended, or unchanged."""
    source_width, target_width = int_width(value.type), int_width(target)
    if source_width == target_width:
        return value
    if source_width > target_width:
        return e.add(llvm.TruncOp(value, target))
    return e.add(llvm.SExtOp(value, target) if signed else llvm.ZExtOp(value, target))


def populate_arith_to_llvm_patterns() -> list[RewritePattern]:
    return [
        ConstantLowering(),
        BinaryLowering(),
        NegfLowering(),
        FloatIntrinsicLowering(),
        MinMaxLowering(),
        RoundingDivLowering(),
        CmpiLowering(),
        CmpfLowering(),
        SelectLowering(),
        CastLowering(),
        IndexCastLowering(),
    ]
