"""What every `*_to_llvm.py` pattern uses: the `Emitter` and the `LoweringPattern` base.

A pattern reads operands through `Emitter.to_llvm()` (a cast where the type changes),
creates LLVM ops with `Emitter.add()` (inserted before the op, with its location, so
errors and debug info point at the source) and finishes with `Emitter.replace()`,
which casts the results back to the types the remaining uses expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar
from weakref import WeakKeyDictionary

from xdsl.dialects import arith, func, llvm
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    UnknownLoc,
    UnrealizedConversionCastOp,
    VectorType,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.rewriter import InsertPoint

from mopc.targets.llvm.type_converter import legal_type

_I64_CONSTANTS: WeakKeyDictionary[Block, dict[int, SSAValue]] = WeakKeyDictionary()
"""Per function entry block: the i64 constants `Emitter.i64` made there."""


class Emitter:
    """Inserts new ops before `anchor`, each carrying the anchor's location."""

    def __init__(self, rewriter: PatternRewriter, anchor: Operation):
        self.rewriter = rewriter
        self.anchor = anchor

    def op(self, op: Operation) -> Operation:
        op.location = self.anchor.location
        self.rewriter.insert(op, InsertPoint.before(self.anchor))
        return op

    def add(self, op: Operation) -> SSAValue:
        """Insert `op` and return its (first) result."""
        return self.op(op).results[0]

    def to_llvm(self, value: SSAValue) -> SSAValue:
        """`value` with its type converted (a cast when the type changes)."""
        target = legal_type(value.type, self.anchor)
        if target == value.type:
            return value
        owner = value.owner
        if isinstance(owner, UnrealizedConversionCastOp) and owner.inputs[0].type == target:
            return owner.inputs[0]  # an already converted value: skip the round trip
        return self.add(UnrealizedConversionCastOp.get([value], [target]))

    def from_llvm(self, value: SSAValue, original: Attribute) -> SSAValue:
        """A value of the `original` type standing for the converted `value`."""
        if value.type == original:
            return value
        return self.add(UnrealizedConversionCastOp.get([value], [original]))

    def i64(self, n: int) -> SSAValue:
        """An i64 constant, made once per function at its entry (strides and offsets
        recur in every access: sharing them keeps the IR small and the pass fast)."""
        entry = self._entry_block()
        if entry is None:
            return self.add(llvm.ConstantOp(IntegerAttr(n, i64), i64))
        known = _I64_CONSTANTS.setdefault(entry, {})
        value = known.get(n)
        if value is None or value.owner.parent_block() is not entry:  # type: ignore[union-attr]
            constant = llvm.ConstantOp(IntegerAttr(n, i64), i64)
            constant.location = self.anchor.location
            self.rewriter.insert(constant, InsertPoint.at_start(entry))
            value = known[n] = constant.result
        return value

    def _entry_block(self) -> Block | None:
        """The entry block of the function holding the anchor."""
        op: Operation | None = self.anchor
        while op is not None and not isinstance(op, llvm.FuncOp | func.FuncOp):
            op = op.parent_op()
        return op.body.blocks.first if op is not None else None

    def constant(self, n: float, t: Attribute) -> SSAValue:
        """A scalar or splat-vector constant of the (converted) type `t`."""
        if isinstance(t, VectorType):
            lanes = [n] * t.get_shape()[0]
            splat = DenseIntOrFPElementsAttr.from_list(t, lanes)  # type: ignore[arg-type]
            return self.add(llvm.ConstantOp(splat, t))
        if isinstance(t, IntegerType):
            return self.add(llvm.ConstantOp(IntegerAttr(int(n), t), t))
        return self.add(llvm.ConstantOp(FloatAttr(float(n), t), t))  # type: ignore[arg-type]

    def replace(self, results: Sequence[SSAValue]) -> None:
        """Replace the anchor by converted `results`, cast back to its result types."""
        originals: list[SSAValue] = []
        for value, result in zip(results, self.anchor.results, strict=True):
            if value.name_hint is None:
                value.name_hint = result.name_hint  # `%acc` stays `%acc` across the cast
            originals.append(self.from_llvm(value, result.type))
        self.rewriter.replace(self.anchor, [], originals)


class LoweringPattern(RewritePattern):
    """A pattern for the op classes in `source`: `lower(op, emitter)` inserts the LLVM
    ops through the emitter and replaces (or erases) the op."""

    source: ClassVar[type[Operation] | tuple[type[Operation], ...]]

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        if isinstance(op, self.source):
            self.lower(op, Emitter(rewriter, op))

    def lower(self, op: Operation, e: Emitter) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def constant_int(value: SSAValue) -> int | None:
    """The integer a value is known to hold (arith or llvm constants, through casts)."""
    owner = value.owner
    while isinstance(owner, UnrealizedConversionCastOp):
        owner = owner.inputs[0].owner
    attr = owner.value if isinstance(owner, arith.ConstantOp | llvm.ConstantOp) else None
    return attr.value.data if isinstance(attr, IntegerAttr) else None


def module_body_of(op: Operation) -> Block:
    """The body of the module that holds `op`."""
    parent: Operation | None = op
    while not isinstance(parent, ModuleOp):
        assert parent is not None, "the op is not inside a module"
        parent = parent.parent_op()
    return parent.body.block


def declare_function(
    module_body: Block, name: str, inputs: Sequence[Attribute], output: Attribute | None
) -> None:
    """Add the declaration `llvm.func @name(inputs) -> output` unless `@name` exists."""
    for op in module_body.ops:
        if isinstance(op, llvm.FuncOp) and op.sym_name.data == name:
            return
    fn_type = llvm.LLVMFunctionType(list(inputs), output)
    fn = llvm.FuncOp(name, fn_type, linkage=llvm.LinkageAttr("external"))
    fn.location = UnknownLoc()
    module_body.add_op(fn)
