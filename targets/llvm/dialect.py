"""LLVM dialect ops that xDSL 0.74 lacks or restricts, for the CPU lowering.

New: `llvm.fptosi`, `llvm.fptoui`, `llvm.uitofp`, `llvm.extractelement`,
`llvm.intr.masked.load`. Widened: `llvm.fcmp`, `llvm.select` and
`llvm.intr.masked.store`, which xDSL accepts on scalars (or float vectors) only, here
also take vectors (of masks). All carry MLIR's names and syntax
(`llvm.fptosi %x : f32 to i32`, `llvm.extractelement %v[%i : i64] : vector<16xf32>`),
so the IR `convert-to-llvm` prints reads like MLIR's. `translate.py` translates them;
xDSL's own dialect and translator are left untouched. `extended_llvm_dialect()` is
xDSL's `llvm` dialect with these ops (the widened ones replacing xDSL's), for a context
that must parse them back.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects import llvm
from xdsl.dialects.builtin import I1, AnyFloatConstr, IntegerAttr, VectorType, i1, i32, i64
from xdsl.ir import Attribute, Dialect, Operation, SSAValue
from xdsl.irdl import (
    AnyAttr,
    IRDLOperation,
    ParsePropInAttrDict,
    VarConstraint,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import NoMemoryEffect


@irdl_op_definition
class FPToSIOp(llvm.GenericCastOp):
    name = "llvm.fptosi"


@irdl_op_definition
class FPToUIOp(llvm.GenericCastOp):
    name = "llvm.fptoui"


@irdl_op_definition
class UIToFPOp(llvm.GenericCastOp):
    name = "llvm.uitofp"


@irdl_op_definition
class ExtractElementOp(IRDLOperation):
    """`llvm.extractelement`: one lane of a 1-D vector."""

    name = "llvm.extractelement"

    ELEMENT: ClassVar = VarConstraint("ELEMENT", AnyAttr())

    vector = operand_def(VectorType.constr(ELEMENT))
    position = operand_def(llvm.SignlessIntegerConstraint)
    res = result_def(ELEMENT)

    assembly_format = "$vector `[` $position `:` type($position) `]` attr-dict `:` type($vector)"

    traits = traits_def(NoMemoryEffect())

    def __init__(self, vector: Operation | SSAValue, position: Operation | SSAValue):
        vector_type = SSAValue.get(vector).type
        assert isinstance(vector_type, VectorType)
        super().__init__(operands=[vector, position], result_types=[vector_type.element_type])


@irdl_op_definition
class FCmpOp(IRDLOperation):
    """`llvm.fcmp` on scalars and vectors (xDSL's takes scalars only); same syntax."""

    name = "llvm.fcmp"

    T: ClassVar = VarConstraint("T", AnyFloatConstr | VectorType.constr(AnyFloatConstr))

    lhs = operand_def(T)
    rhs = operand_def(T)
    res = result_def(I1 | VectorType[I1])
    predicate = prop_def(IntegerAttr[type(i64)])
    fastmathFlags = prop_def(llvm.FastMathAttr, default_value=llvm.FastMathAttr(None))

    traits = traits_def(NoMemoryEffect())

    irdl_options = (ParsePropInAttrDict(),)

    def __init__(
        self, lhs: Operation | SSAValue, rhs: Operation | SSAValue, predicate: int | IntegerAttr
    ):
        operand_type = SSAValue.get(lhs).type
        result: Attribute = i1
        if isinstance(operand_type, VectorType):
            result = VectorType(i1, operand_type.get_shape())
        if isinstance(predicate, int):
            predicate = IntegerAttr(predicate, i64)
        super().__init__(
            operands=[lhs, rhs], result_types=[result], properties={"predicate": predicate}
        )

    @classmethod
    def parse(cls, parser: Parser) -> FCmpOp:
        flag = llvm.FCmpPredicateFlag(parser.parse_str_literal())
        lhs = parser.parse_unresolved_operand()
        parser.parse_characters(",")
        rhs = parser.parse_unresolved_operand()
        attributes = parser.parse_optional_attr_dict()
        parser.parse_characters(":")
        operand_type = parser.parse_type()
        operands = parser.resolve_operands([lhs, rhs], [operand_type, operand_type], parser.pos)
        op = cls(operands[0], operands[1], flag.to_int())
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        flag = llvm.FCmpPredicateFlag.from_int(self.predicate.value.data)
        printer.print_string(f' "{flag}" ')
        printer.print_ssa_value(self.lhs)
        printer.print_string(", ")
        printer.print_ssa_value(self.rhs)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.lhs.type)


@irdl_op_definition
class SelectOp(IRDLOperation):
    """`llvm.select` with a scalar or a vector condition (xDSL's takes `i1` only)."""

    name = "llvm.select"

    T: ClassVar = VarConstraint("T", AnyAttr())

    cond = operand_def(I1 | VectorType[I1])
    lhs = operand_def(T)
    rhs = operand_def(T)
    res = result_def(T)

    traits = traits_def(NoMemoryEffect())

    assembly_format = "$cond `,` $lhs `,` $rhs attr-dict `:` type($cond) `,` type($res)"

    def __init__(
        self, cond: Operation | SSAValue, lhs: Operation | SSAValue, rhs: Operation | SSAValue
    ):
        super().__init__(operands=[cond, lhs, rhs], result_types=[SSAValue.get(lhs).type])


@irdl_op_definition
class MaskedLoadOp(IRDLOperation):
    """`llvm.intr.masked.load`: lanes whose mask bit is off read `pass_thru`."""

    name = "llvm.intr.masked.load"

    data = operand_def(llvm.LLVMPointerType)
    mask = operand_def(VectorType[I1])
    pass_thru = operand_def(VectorType)
    res = result_def(VectorType)
    alignment = prop_def(IntegerAttr[type(i32)])

    assembly_format = (
        "$data `,` $mask `,` $pass_thru attr-dict `:` "
        "`(` type($data) `,` type($mask) `,` type($pass_thru) `)` `->` type($res)"
    )

    irdl_options = (ParsePropInAttrDict(),)

    def __init__(
        self,
        data: Operation | SSAValue,
        mask: Operation | SSAValue,
        pass_thru: Operation | SSAValue,
        alignment: int,
    ):
        super().__init__(
            operands=[data, mask, pass_thru],
            result_types=[SSAValue.get(pass_thru).type],
            properties={"alignment": IntegerAttr(alignment, 32)},
        )


@irdl_op_definition
class MaskedStoreOp(IRDLOperation):
    """`llvm.intr.masked.store` of any vector (xDSL's takes float vectors only)."""

    name = "llvm.intr.masked.store"

    value = operand_def(VectorType)
    data = operand_def(llvm.LLVMPointerType)
    mask = operand_def(VectorType[I1])
    alignment = prop_def(IntegerAttr[type(i32)])

    assembly_format = (
        "$value `,` $data `,` $mask attr-dict `:` type($value) `,` type($mask) `into` type($data)"
    )

    irdl_options = (ParsePropInAttrDict(),)

    def __init__(
        self,
        value: Operation | SSAValue,
        data: Operation | SSAValue,
        mask: Operation | SSAValue,
        alignment: int,
    ):
        super().__init__(
            operands=[value, data, mask],
            properties={"alignment": IntegerAttr(alignment, 32)},
        )


EXTENSION_OPS: tuple[type[Operation], ...] = (
    FPToSIOp,
    FPToUIOp,
    UIToFPOp,
    ExtractElementOp,
    FCmpOp,
    SelectOp,
    MaskedLoadOp,
    MaskedStoreOp,
)


def extended_llvm_dialect() -> Dialect:
    """xDSL's `llvm` dialect with the ops above added (a new object; xDSL's is unchanged)."""
    replaced = (llvm.FCmpOp, llvm.SelectOp, llvm.MaskedStoreOp)
    ops: list[type[Operation]] = [op for op in llvm.LLVM.operations if op not in replaced]
    ops.extend(EXTENSION_OPS)
    attrs: list[type[Attribute]] = list(llvm.LLVM.attributes)
    return Dialect("llvm", ops, attrs)  # type: ignore[arg-type]
