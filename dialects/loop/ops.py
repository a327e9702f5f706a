"""Vector comparisons and selects: MLIR's `arith.cmpf`, `arith.cmpi` and `arith.select`
on vectors, which xDSL 0.74's `arith` rejects (its verifiers demand scalar `i1`).

The semantics are MLIR's, lane by lane; loop generation uses them only for vector
values (scalars keep using `arith`), and each target lowers them like the scalar ops.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects.builtin import IntegerType, StringAttr, VectorType, i1
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import (
    AnyAttr,
    IRDLOperation,
    VarConstraint,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

FLOAT_PREDICATES = ("oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une", "uno")
INT_PREDICATES = ("eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge")


def _mask_type(t: Attribute) -> Attribute:
    return VectorType(i1, t.get_shape()) if isinstance(t, VectorType) else i1


class _Compare(IRDLOperation):
    T: ClassVar = VarConstraint("T", AnyAttr())
    lhs = operand_def(T)
    rhs = operand_def(T)
    result = result_def()
    predicate = prop_def(StringAttr)
    traits = traits_def(Pure())
    assembly_format = "$predicate `,` $lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)"
    PREDICATES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, predicate: str, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs, rhs = SSAValue.get(lhs), SSAValue.get(rhs)
        super().__init__(operands=[lhs, rhs], result_types=[_mask_type(lhs.type)],
                         properties={"predicate": StringAttr(predicate)})

    def verify_(self) -> None:
        if self.predicate.data not in self.PREDICATES:
            raise VerifyException(f"unknown predicate '{self.predicate.data}' (one of {', '.join(self.PREDICATES)})")
        if self.result.type != _mask_type(self.lhs.type):
            raise VerifyException(f"result must be {_mask_type(self.lhs.type)}, got {self.result.type}")


@irdl_op_definition
class CmpfOp(_Compare):
    """Lane-wise float comparison (`arith.cmpf`'s predicates), giving an `i1` mask.

    ```mlir
    %m = loop.cmpf "ogt", %a, %b : vector<16xf32> -> vector<16xi1>
    ```
    """

    name = "loop.cmpf"
    PREDICATES: ClassVar[tuple[str, ...]] = FLOAT_PREDICATES


@irdl_op_definition
class CmpiOp(_Compare):
    """Lane-wise integer or index comparison (`arith.cmpi`'s predicates).

    ```mlir
    %m = loop.cmpi "slt", %lanes, %limit : vector<16xindex> -> vector<16xi1>
    ```
    """

    name = "loop.cmpi"
    PREDICATES: ClassVar[tuple[str, ...]] = INT_PREDICATES


@irdl_op_definition
class SelectOp(IRDLOperation):
    """Lane-wise choice: `cond[l] ? lhs[l] : rhs[l]` (a scalar `i1` chooses whole vectors).

    ```mlir
    %r = loop.select %m, %a, %b : vector<16xi1>, vector<16xf32>
    ```
    """

    name = "loop.select"
    T: ClassVar = VarConstraint("T", AnyAttr())
    cond = operand_def()
    lhs = operand_def(T)
    rhs = operand_def(T)
    result = result_def(T)
    traits = traits_def(Pure())
    assembly_format = "$cond `,` $lhs `,` $rhs attr-dict `:` type($cond) `,` type($result)"

    def __init__(self, cond: SSAValue | Operation, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs = SSAValue.get(lhs)
        super().__init__(operands=[cond, lhs, rhs], result_types=[lhs.type])

    def verify_(self) -> None:
        cond = self.cond.type
        if cond not in (i1, _mask_type(self.result.type)) or not (
            isinstance(cond, IntegerType) or isinstance(cond, VectorType)
        ):
            raise VerifyException(
                f"condition must be i1 or {_mask_type(self.result.type)}, got {cond}"
            )
