"""The element-wise class: `unary`, `binary`, `compare`, `ternary`, `cast`, `index`
and `constant`. Operands have the result's shape (broadcasts are explicit meta-ops)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from xdsl.dialects.builtin import (
    I64,
    DenseIntOrFPElementsAttr,
    IntegerAttr,
    IntegerType,
    TensorType,
    i1,
    i64,
)
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import (
    AnyAttr,
    VarConstraint,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import ConstantLike, Pure
from xdsl.utils.exceptions import VerifyException

from mopc.core.types import is_float
from mopc.dialects.constant_format import (
    ELEMENTS_CONSTRAINT,
    ElementsAttr,
    parse_constant,
    print_constant,
    verify_constant_type,
)
from mopc.dialects.metaop.base import MetaopOp, shape
from mopc.dialects.metaop.kinds import (
    FLOAT_ONLY_UNARY,
    LOGICAL_BINARY,
    BinaryKind,
    BinaryKindAttr,
    CompareKind,
    CompareKindAttr,
    UnaryKind,
    UnaryKindAttr,
)
from mopc.dialects.metaop.traits import ElementwiseClass


def _element(value: SSAValue) -> Attribute:
    assert isinstance(value.type, TensorType)
    return value.type.get_element_type()


def _is_bool(element: Attribute) -> bool:
    return isinstance(element, IntegerType) and element.width.data == 1


@irdl_op_definition
class UnaryOp(MetaopOp):
    """An element-wise function of one tensor; the result has the operand's type.
    Kinds: abs, neg, exp, log, sqrt, rsqrt, recip, sigmoid, tanh, erf, floor, ceil,
    round (half to even), sin, cos (floating point) and not (i1).

    ```mlir
    %e = metaop.unary exp %x : tensor<2x10xf32>
    ```
    """

    name = "metaop.unary"
    T: ClassVar = VarConstraint("T", AnyAttr())
    input = operand_def(T)
    result = result_def(T)
    kind = prop_def(UnaryKindAttr)
    traits = traits_def(Pure(), ElementwiseClass())
    assembly_format = "$kind $input attr-dict `:` type($input)"

    def __init__(self, kind: UnaryKind, input: SSAValue | Operation):
        input = SSAValue.get(input)
        super().__init__(
            operands=[input], result_types=[input.type], properties={"kind": UnaryKindAttr(kind)}
        )

    def verify_(self) -> None:
        super().verify_()
        kind, element = self.kind.data, _element(self.input)
        if kind in FLOAT_ONLY_UNARY and not is_float(element):
            raise VerifyException(f"unary kind '{kind}' needs floating-point elements, got {element}")
        if kind == UnaryKind.NOT and not _is_bool(element):
            raise VerifyException(f"unary kind 'not' needs i1 elements, got {element}")
        if _is_bool(element) and kind != UnaryKind.NOT:
            raise VerifyException(f"unary kind '{kind}' is not defined on i1 elements")


@irdl_op_definition
class BinaryOp(MetaopOp):
    """An element-wise function of two same-typed tensors. Kinds: add, sub, mul, div,
    max, min, pow, mod (the remainder takes the divisor's sign, as in NumPy) and the
    integer/i1 kinds and, or, xor. `max`/`min` propagate NaN.

    ```mlir
    %y = metaop.binary max %x, %zero : tensor<1x64x56x56xf32>
    ```
    """

    name = "metaop.binary"
    T: ClassVar = VarConstraint("T", AnyAttr())
    lhs = operand_def(T)
    rhs = operand_def(T)
    result = result_def(T)
    kind = prop_def(BinaryKindAttr)
    traits = traits_def(Pure(), ElementwiseClass())
    assembly_format = "$kind $lhs `,` $rhs attr-dict `:` type($result)"

    def __init__(self, kind: BinaryKind, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs, rhs = SSAValue.get(lhs), SSAValue.get(rhs)
        super().__init__(
            operands=[lhs, rhs], result_types=[lhs.type], properties={"kind": BinaryKindAttr(kind)}
        )

    def verify_(self) -> None:
        super().verify_()
        kind, element = self.kind.data, _element(self.lhs)
        if kind in LOGICAL_BINARY and not isinstance(element, IntegerType):
            raise VerifyException(f"binary kind '{kind}' needs integer or i1 elements, got {element}")
        if _is_bool(element) and kind not in LOGICAL_BINARY | {BinaryKind.MAX, BinaryKind.MIN}:
            raise VerifyException(f"binary kind '{kind}' is not defined on i1 elements")


@irdl_op_definition
class CompareOp(MetaopOp):
    """An element-wise comparison of two same-typed tensors; the result is `i1`.

    ```mlir
    %m = metaop.compare gt %x, %zero : tensor<4x8xf32> -> tensor<4x8xi1>
    ```
    """

    name = "metaop.compare"
    T: ClassVar = VarConstraint("T", AnyAttr())
    lhs = operand_def(T)
    rhs = operand_def(T)
    result = result_def(TensorType)
    kind = prop_def(CompareKindAttr)
    traits = traits_def(Pure(), ElementwiseClass())
    assembly_format = "$kind $lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)"

    def __init__(self, kind: CompareKind, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs, rhs = SSAValue.get(lhs), SSAValue.get(rhs)
        super().__init__(
            operands=[lhs, rhs],
            result_types=[TensorType(i1, list(shape(lhs)))],
            properties={"kind": CompareKindAttr(kind)},
        )

    def verify_(self) -> None:
        super().verify_()
        if _element(self.result) != i1 or shape(self.result) != shape(self.lhs):
            raise VerifyException(
                f"result must be {TensorType(i1, list(shape(self.lhs)))}, got {self.result.type}"
            )


@irdl_op_definition
class TernaryOp(MetaopOp):
    """Element-wise select (Jittor's `ternary`): `cond ? lhs : rhs`, with an `i1`
    condition of the same shape.

    ```mlir
    %y = metaop.ternary %m, %x, %scaled : tensor<4x8xi1>, tensor<4x8xf32>
    ```
    """

    name = "metaop.ternary"
    T: ClassVar = VarConstraint("T", AnyAttr())
    cond = operand_def(TensorType)
    lhs = operand_def(T)
    rhs = operand_def(T)
    result = result_def(T)
    traits = traits_def(Pure(), ElementwiseClass())
    assembly_format = "$cond `,` $lhs `,` $rhs attr-dict `:` type($cond) `,` type($result)"

    def __init__(
        self, cond: SSAValue | Operation, lhs: SSAValue | Operation, rhs: SSAValue | Operation
    ):
        cond, lhs, rhs = SSAValue.get(cond), SSAValue.get(lhs), SSAValue.get(rhs)
        super().__init__(operands=[cond, lhs, rhs], result_types=[lhs.type])

    def verify_(self) -> None:
        super().verify_()
        if _element(self.cond) != i1 or shape(self.cond) != shape(self.result):
            raise VerifyException(
                f"condition must be {TensorType(i1, list(shape(self.result)))}, got {self.cond.type}"
            )


@irdl_op_definition
class CastOp(MetaopOp):
    """Element-wise conversion to another element type of the same shape (floats round
    to nearest, float-to-integer truncates toward zero, non-zero is true for i1).

    ```mlir
    %f = metaop.cast %m : tensor<4x8xi1> to tensor<4x8xf32>
    ```
    """

    name = "metaop.cast"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), ElementwiseClass())
    assembly_format = "$input attr-dict `:` type($input) `to` type($result)"

    def __init__(self, input: SSAValue | Operation, element: Attribute):
        input = SSAValue.get(input)
        super().__init__(operands=[input], result_types=[TensorType(element, list(shape(input)))])

    def verify_(self) -> None:
        super().verify_()
        if shape(self.input) != shape(self.result):
            raise VerifyException("cast must not change the shape")


@irdl_op_definition
class IndexOp(MetaopOp):
    """The index along axis `dim` of every element (Jittor's `index`), as an element-wise
    producer: `y[i0, ..., in] = i_dim`.

    ```mlir
    %i = metaop.index dim 1 : tensor<4x8xi64>
    ```
    """

    name = "metaop.index"
    result = result_def(TensorType)
    dim = prop_def(IntegerAttr[I64])
    traits = traits_def(Pure(), ElementwiseClass())
    assembly_format = "`dim` $dim attr-dict `:` type($result)"

    def __init__(self, result_shape: Sequence[int], dim: int, element: Attribute = i64):
        super().__init__(
            result_types=[TensorType(element, list(result_shape))],
            properties={"dim": IntegerAttr(dim, i64)},
        )

    def verify_(self) -> None:
        super().verify_()
        rank = len(shape(self.result))
        if not 0 <= self.dim.value.data < rank:
            raise VerifyException(f"'dim' {self.dim.value.data} is out of range for rank {rank}")
        if _is_bool(_element(self.result)):
            raise VerifyException("index elements must be integers or floats, not i1")


@irdl_op_definition
class ConstantOp(MetaopOp):
    """A constant tensor: a splat (`dense<0.0>`) is the usual way to bring a scalar into
    an element-wise computation; weights use `dense_resource`.

    ```mlir
    %zero = metaop.constant dense<0.000000e+00> : tensor<1x64x56x56xf32>
    %w = metaop.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
    ```
    """

    name = "metaop.constant"
    value = prop_def(ELEMENTS_CONSTRAINT)
    result = result_def(TensorType)
    traits = traits_def(Pure(), ConstantLike(), ElementwiseClass())

    def __init__(self, value: ElementsAttr):
        super().__init__(properties={"value": value}, result_types=[value.get_type()])

    @staticmethod
    def splat(value: float | bool, result_shape: Sequence[int], element: Attribute) -> ConstantOp:
        t = TensorType(element, list(result_shape))
        scalar: float | int = float(value) if is_float(element) else int(value)
        return ConstantOp(DenseIntOrFPElementsAttr.from_list(t, [scalar]))

    @staticmethod
    def from_array(array: np.ndarray, element: Attribute) -> ConstantOp:
        t = TensorType(element, list(array.shape))
        return ConstantOp(DenseIntOrFPElementsAttr.from_list(t, array.reshape(-1).tolist()))

    @classmethod
    def parse(cls, parser: Parser) -> ConstantOp:
        return parse_constant(cls, parser)

    def print(self, printer: Printer) -> None:
        print_constant(self, printer)

    def verify_(self) -> None:
        super().verify_()
        verify_constant_type(self)


ELEMENTWISE_OPS = (UnaryOp, BinaryOp, CompareOp, TernaryOp, CastOp, IndexOp, ConstantOp)
