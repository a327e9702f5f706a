"""What every graph op shares: supported element types, static shapes, and a result type
that must equal the one inferred from the operands.

Each concrete op implements `infer_shape()` by calling a rule in `shapes.py`; the
shared `verify_` turns a `ShapeError` into a verifier error and compares the declared
result type with the inferred one, so a hand-written `.mlir` file with a wrong result
type is rejected with both types in the message.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from xdsl.dialects.builtin import (
    DenseArrayBase,
    Float32Type,
    FloatAttr,
    IntegerAttr,
    TensorType,
    f32,
    i64,
)
from xdsl.ir import Attribute, SSAValue
from xdsl.irdl import IRDLOperation
from xdsl.utils.exceptions import VerifyException

from mopc.dialects.graph.shapes import Shape, ShapeError

SUPPORTED_ELEMENT_TYPES: tuple[Attribute, ...] = (f32,)
"""Element types the graph ops compute in. Extend here, in the evaluator and in the
lowering together."""


def _type_name(t: Attribute) -> str:
    return str(t)


def check_tensor(t: Attribute, what: str) -> TensorType:
    """A statically shaped tensor of a supported element type, or a VerifyException."""
    if not isinstance(t, TensorType):
        raise VerifyException(f"{what} must be a tensor, got {_type_name(t)}")
    if any(d < 0 for d in t.get_shape()):
        raise VerifyException(f"{what} has dynamic dimensions ({t}); graph ops need static shapes")
    elem = t.get_element_type()
    if elem not in SUPPORTED_ELEMENT_TYPES:
        supported = ", ".join(str(e) for e in SUPPORTED_ELEMENT_TYPES)
        raise VerifyException(
            f"{what} has element type {elem}, but graph ops support only {supported}"
        )
    return t


def shape(value: SSAValue) -> Shape:
    t = value.type
    assert isinstance(t, TensorType)
    return tuple(t.get_shape())


def tensor(shape_: Sequence[int]) -> TensorType:
    return TensorType(f32, list(shape_))


def i64_array(values: Sequence[int]) -> DenseArrayBase:
    return DenseArrayBase.from_list(i64, list(values))


def f32_attr(value: float) -> FloatAttr[Float32Type]:
    return FloatAttr(value, f32)


def i64_attr(value: int) -> IntegerAttr:
    return IntegerAttr(value, i64)


class GraphOp(IRDLOperation, ABC):
    """A tensor-level NN op with a single result whose shape is a function of its
    operands and properties."""

    @abstractmethod
    def infer_shape(self) -> Shape:
        """The result shape implied by the operands and properties (may raise ShapeError)."""

    def verify_(self) -> None:
        for index, operand in enumerate(self.operands):
            check_tensor(operand.type, f"operand #{index}")
        (result,) = self.results
        declared = check_tensor(result.type, "result")
        try:
            expected = self.infer_shape()
        except ShapeError as err:
            raise VerifyException(str(err)) from None
        if tuple(declared.get_shape()) != tuple(expected):
            raise VerifyException(
                f"result type {declared} does not match the type inferred from the "
                f"operands and attributes, {tensor(expected)}"
            )
