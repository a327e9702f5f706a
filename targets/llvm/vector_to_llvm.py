"""`vector` -> `llvm`, for 1-D vectors.

* `vector.load`/`store`: a GEP to the first element and an unaligned (element-aligned)
  vector `llvm.load`/`llvm.store`;
* `vector.maskedload`/`maskedstore`: `llvm.intr.masked.load`/`store` (masked-off lanes of
  a load read the pass-through vector);
* `vector.broadcast` of a scalar: `insertelement` into lane 0 + a zero-mask
  `shufflevector` (the splat idiom LLVM turns into `vbroadcastss`);
* `vector.fma`: `llvm.intr.fma`; `vector.extract`/`insert`: `extractelement`/`insertelement`;
* `vector.create_mask %n`: `<0, 1, ..., N-1> < splat(n)`;
* `vector.reduction`: the `llvm.vector.reduce.*` intrinsic of the kind, then the
  accumulator combined in. Floating-point add/mul reductions are `reassoc` (a lane tree,
  not a sequential chain): deterministic and independent of the thread count.
"""

from __future__ import annotations

from xdsl.dialects import llvm, vector
from xdsl.dialects.builtin import (
    AnyFloat,
    DenseArrayBase,
    DenseIntOrFPElementsAttr,
    IntegerAttr,
    VectorType,
    i32,
    i64,
)
from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import RewritePattern

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.llvm import dialect as ext
from mopc.targets.llvm.arith_to_llvm import icmp
from mopc.targets.llvm.lowering import Emitter, LoweringPattern
from mopc.targets.llvm.memref_to_llvm import element_pointer
from mopc.targets.llvm.type_converter import element_bytes, intrinsic_suffix, legal_type


def splat(e: Emitter, scalar: SSAValue, t: VectorType) -> SSAValue:
    """`scalar` in every lane of `t`."""
    undef = e.add(llvm.UndefOp(t))
    zero = e.add(llvm.ConstantOp(IntegerAttr(0, i32), i32))
    first = e.add(llvm.InsertElementOp(undef, scalar, zero))
    lanes = t.get_shape()[0]
    mask = DenseArrayBase.from_list(i32, [0] * lanes)
    return e.add(llvm.ShuffleVectorOp(first, undef, mask, t))


def lane(e: Emitter, position: SSAValue | int) -> SSAValue:
    """A lane index as an i64 value."""
    return e.i64(position) if isinstance(position, int) else e.to_llvm(position)


def single_position(op: vector.ExtractOp | vector.InsertOp) -> SSAValue | int:
    positions = op.get_mixed_position()
    if len(positions) != 1:
        raise DiagnosticError.at(op, "only 1-D vectors can be lowered to LLVM (one position "
                                 "expected)")
    return positions[0]


class LoadLowering(LoweringPattern):
    source = vector.LoadOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.LoadOp)
        pointer = element_pointer(e, op.base, op.indices)
        t = legal_type(op.result.type, op)
        e.replace([e.add(llvm.LoadOp(pointer, t, alignment=element_bytes(t)))])


class StoreLowering(LoweringPattern):
    source = vector.StoreOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.StoreOp)
        pointer = element_pointer(e, op.base, op.indices)
        value = e.to_llvm(op.vector)
        e.op(llvm.StoreOp(value, pointer, alignment=element_bytes(value.type)))
        e.rewriter.erase(op)


class MaskedLoadLowering(LoweringPattern):
    source = vector.MaskedLoadOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.MaskedLoadOp)
        pointer = element_pointer(e, op.base, op.indices)
        mask, pass_thru = e.to_llvm(op.mask), e.to_llvm(op.pass_thru)
        align = element_bytes(pass_thru.type)
        e.replace([e.add(ext.MaskedLoadOp(pointer, mask, pass_thru, align))])


class MaskedStoreLowering(LoweringPattern):
    source = vector.MaskedStoreOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.MaskedStoreOp)
        pointer = element_pointer(e, op.base, op.indices)
        mask, value = e.to_llvm(op.mask), e.to_llvm(op.value_to_store)
        e.op(ext.MaskedStoreOp(value, pointer, mask, element_bytes(value.type)))
        e.rewriter.erase(op)


class BroadcastLowering(LoweringPattern):
    source = vector.BroadcastOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.BroadcastOp)
        t = legal_type(op.vector.type, op)
        assert isinstance(t, VectorType)
        source = e.to_llvm(op.source)
        if source.type == t:
            e.replace([source])
            return
        if isinstance(source.type, VectorType):  # vector<1xT> -> vector<NxT>
            source = e.add(ext.ExtractElementOp(source, e.i64(0)))
        e.replace([splat(e, source, t)])


class FMALowering(LoweringPattern):
    source = vector.FMAOp

    def lower(self, op: Operation, e: Emitter) -> None:
        a, b, c = (e.to_llvm(v) for v in op.operands)
        e.replace([e.add(llvm.FMAOp(a, b, c))])


class ExtractLowering(LoweringPattern):
    source = vector.ExtractOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.ExtractOp)
        position = lane(e, single_position(op))
        e.replace([e.add(ext.ExtractElementOp(e.to_llvm(op.vector), position))])


class InsertLowering(LoweringPattern):
    source = vector.InsertOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.InsertOp)
        position = lane(e, single_position(op))
        dest, value = e.to_llvm(op.dest), e.to_llvm(op.source)
        e.replace([e.add(llvm.InsertElementOp(dest, value, position))])


class CreateMaskLowering(LoweringPattern):
    source = vector.CreateMaskOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.CreateMaskOp)
        t = legal_type(op.mask_vector.type, op)
        assert isinstance(t, VectorType)
        if len(op.mask_dim_sizes) != 1:
            raise DiagnosticError.at(op, "only 1-D masks can be lowered to LLVM")
        lanes = t.get_shape()[0]
        index_type = VectorType(i64, [lanes])
        numbers = DenseIntOrFPElementsAttr.from_list(index_type, list(range(lanes)))
        steps = e.add(llvm.ConstantOp(numbers, index_type))
        bound = splat(e, e.to_llvm(op.mask_dim_sizes[0]), index_type)
        e.replace([icmp(e, "slt", steps, bound)])


# kind -> the llvm.vector.reduce.* intrinsic for (float, integer) vectors
_REDUCTIONS: dict[str, tuple[str | None, str | None]] = {
    "add": ("fadd", "add"),
    "mul": ("fmul", "mul"),
    "minnumf": ("fmin", None),
    "maxnumf": ("fmax", None),
    "minimumf": ("fminimum", None),
    "maximumf": ("fmaximum", None),
    "minsi": (None, "smin"),
    "maxsi": (None, "smax"),
    "minui": (None, "umin"),
    "maxui": (None, "umax"),
    "and": (None, "and"),
    "or": (None, "or"),
    "xor": (None, "xor"),
}


class ReductionLowering(LoweringPattern):
    source = vector.ReductionOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, vector.ReductionOp)
        kind = op.kind.data.value
        source = e.to_llvm(op.vector)
        t = source.type
        assert isinstance(t, VectorType)
        is_float = isinstance(t.element_type, AnyFloat)
        name = _REDUCTIONS[kind][0 if is_float else 1]
        if name is None:
            raise DiagnosticError.at(op, f"reduction kind '{kind}' does not apply to "
                                     f"{t.element_type}")
        intrinsic = f"llvm.vector.reduce.{name}.{intrinsic_suffix(t)}"
        acc = e.to_llvm(op.acc) if op.acc is not None else None
        if name in ("fadd", "fmul"):
            # the start value is part of the intrinsic; reassoc allows a lane tree
            neutral = -0.0 if name == "fadd" else 1.0
            start = acc if acc is not None else e.constant(neutral, t.element_type)
            call = llvm.CallIntrinsicOp(intrinsic, [start, source], [t.element_type])
            call.properties["fastmathFlags"] = llvm.FastMathAttr([llvm.FastMathFlag.REASSOC])
            e.replace([e.add(call)])
            return
        reduced = e.add(llvm.CallIntrinsicOp(intrinsic, [source], [t.element_type]))
        e.replace([reduced if acc is None else combine(e, kind, reduced, acc)])


_INT_COMBINERS: dict[str, type[Operation]] = {
    "add": llvm.AddOp,
    "mul": llvm.MulOp,
    "and": llvm.AndOp,
    "or": llvm.OrOp,
    "xor": llvm.XOrOp,
}


def combine(e: Emitter, kind: str, a: SSAValue, b: SSAValue) -> SSAValue:
    """The scalar form of a combining kind (folds the accumulator into a reduction)."""
    if kind in _INT_COMBINERS:
        return e.add(_INT_COMBINERS[kind](a, b))
    intrinsic = {
        "minnumf": "llvm.minnum",
        "maxnumf": "llvm.maxnum",
        "minimumf": "llvm.minimum",
        "maximumf": "llvm.maximum",
        "minsi": "llvm.smin",
        "maxsi": "llvm.smax",
        "minui": "llvm.umin",
        "maxui": "llvm.umax",
    }[kind]
    return e.add(llvm.CallIntrinsicOp(f"{intrinsic}.{intrinsic_suffix(a.type)}", [a, b], [a.type]))


def populate_vector_to_llvm_patterns() -> list[RewritePattern]:
    return [
        LoadLowering(),
        StoreLowering(),
        MaskedLoadLowering(),
        MaskedStoreLowering(),
        BroadcastLowering(),
        FMALowering(),
        ExtractLowering(),
        InsertLowering(),
        CreateMaskLowering(),
        ReductionLowering(),
    ]
