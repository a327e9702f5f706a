"""`math` -> `llvm`, on scalars and 1-D vectors.

Where LLVM has an intrinsic (exp, log, sqrt, floor, ceil, roundeven, sin, cos, pow,
fabs, fma, ...) the op becomes it, on scalars and vectors alike: LLVM picks a vector
instruction or scalarises it into libm calls itself. Functions LLVM has no intrinsic
for (tanh, erf, tan, atan, ...) are libm calls (`tanhf` for f32, `tanh` for f64; f16 is
computed in f32); on vectors they are scalarised here: extract each lane, call, insert.
`rsqrt` is `1 / sqrt(x)`.
"""

from __future__ import annotations

from xdsl.dialects import llvm, math
from xdsl.dialects.builtin import AnyFloat, Float16Type, IntegerAttr, VectorType, f32, f64, i64
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import RewritePattern

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.llvm import dialect as ext
from mopc.targets.llvm.arith_to_llvm import icmp
from mopc.targets.llvm.lowering import Emitter, LoweringPattern, declare_function, module_body_of
from mopc.targets.llvm.type_converter import intrinsic_suffix, scalar_type

_INTRINSIC_OPS: dict[type[Operation], type[Operation]] = {
    math.ExpOp: llvm.FExpOp,
    math.Exp2Op: llvm.FExp2Op,
    math.LogOp: llvm.FLogOp,
    math.Log2Op: llvm.FLog2Op,
    math.SqrtOp: llvm.FSqrtOp,
    math.FloorOp: llvm.FFloorOp,
    math.CeilOp: llvm.FCeilOp,
    math.SinOp: llvm.FSinOp,
    math.CosOp: llvm.FCosOp,
    math.AbsFOp: llvm.FAbsOp,
    math.PowFOp: llvm.FPowOp,
    math.CopySignOp: llvm.FCopySignOp,
    math.FmaOp: llvm.FMAOp,
}

_NAMED_INTRINSICS: dict[type[Operation], str] = {
    math.RoundEvenOp: "llvm.roundeven",
    math.RoundOp: "llvm.round",
    math.TruncOp: "llvm.trunc",
    math.Log10Op: "llvm.log10",
}

_LIBM: dict[type[Operation], str] = {
    math.TanhOp: "tanh",
    math.ErfOp: "erf",
    math.TanOp: "tan",
    math.AtanOp: "atan",
    math.AsinOp: "asin",
    math.AcosOp: "acos",
    math.SinhOp: "sinh",
    math.CoshOp: "cosh",
    math.AsinhOp: "asinh",
    math.AcoshOp: "acosh",
    math.AtanhOp: "atanh",
    math.ExpM1Op: "expm1",
    math.Log1pOp: "log1p",
    math.CbrtOp: "cbrt",
    math.Atan2Op: "atan2",
}


class IntrinsicLowering(LoweringPattern):
    """Ops with an xDSL `llvm.intr.*` counterpart."""

    source = tuple(_INTRINSIC_OPS)

    def lower(self, op: Operation, e: Emitter) -> None:
        args = [e.to_llvm(v) for v in op.operands]
        new_op = _INTRINSIC_OPS[type(op)]
        if new_op is llvm.FAbsOp:  # the one that takes its result type
            e.replace([e.add(llvm.FAbsOp(args[0], args[0].type))])
            return
        e.replace([e.add(new_op(*args))])  # type: ignore[call-arg]


class NamedIntrinsicLowering(LoweringPattern):
    """Intrinsics xDSL has no op for: `llvm.call_intrinsic "llvm.roundeven.f32"`."""

    source = tuple(_NAMED_INTRINSICS)

    def lower(self, op: Operation, e: Emitter) -> None:
        args = [e.to_llvm(v) for v in op.operands]
        name = f"{_NAMED_INTRINSICS[type(op)]}.{intrinsic_suffix(args[0].type)}"
        e.replace([e.add(llvm.CallIntrinsicOp(name, args, [args[0].type]))])


class RsqrtLowering(LoweringPattern):
    source = math.RsqrtOp

    def lower(self, op: Operation, e: Emitter) -> None:
        x = e.to_llvm(op.operands[0])
        root = e.add(llvm.FSqrtOp(x))
        e.replace([e.add(llvm.FDivOp(e.constant(1.0, x.type), root))])


class AbsILowering(LoweringPattern):
    source = math.AbsIOp

    def lower(self, op: Operation, e: Emitter) -> None:
        x = e.to_llvm(op.operands[0])
        zero = e.constant(0, x.type)
        negated = e.add(llvm.SubOp(zero, x))
        e.replace([e.add(ext.SelectOp(icmp(e, "slt", x, zero), negated, x))])


class LibmLowering(LoweringPattern):
    """A libm call per scalar; vectors are scalarised lane by lane."""

    source = tuple(_LIBM)

    def lower(self, op: Operation, e: Emitter) -> None:
        args = [e.to_llvm(v) for v in op.operands]
        t = args[0].type
        element = scalar_type(t)
        if not isinstance(element, AnyFloat):
            raise DiagnosticError.at(op, "needs a floating-point operand")
        if not isinstance(t, VectorType):
            e.replace([libm_call(e, _LIBM[type(op)], args)])
            return
        result = e.add(llvm.UndefOp(t))
        for lane in range(t.get_shape()[0]):
            position = e.add(llvm.ConstantOp(IntegerAttr(lane, i64), i64))
            lanes = [e.add(ext.ExtractElementOp(a, position)) for a in args]
            value = libm_call(e, _LIBM[type(op)], lanes)
            result = e.add(llvm.InsertElementOp(result, value, position))
        e.replace([result])


def libm_call(e: Emitter, base: str, args: list[SSAValue]) -> SSAValue:
    """`base` from libm on scalar floats: `tanhf` for f32, `tanh` for f64; an f16 is
    widened to f32 and the result narrowed back."""
    t = args[0].type
    if isinstance(t, Float16Type):
        wide = [e.add(llvm.FPExtOp(a, f32)) for a in args]
        return e.add(llvm.FPTruncOp(libm_call(e, base, wide), t))
    name = base if t == f64 else f"{base}f"
    call_type: Attribute = t
    declare_function(module_body_of(e.anchor), name, [call_type] * len(args), call_type)
    call = e.op(llvm.CallOp(name, *args, return_type=call_type))
    return call.results[0]


def populate_math_to_llvm_patterns() -> list[RewritePattern]:
    return [
        IntrinsicLowering(),
        NamedIntrinsicLowering(),
        RsqrtLowering(),
        AbsILowering(),
        LibmLowering(),
    ]
