"""Element-wise graph ops: activations, unary math, and NumPy-broadcasting binary ops."""

from __future__ import annotations

from abc import ABC
from collections.abc import Mapping
from typing import ClassVar

from xdsl.dialects.builtin import Float32Type, FloatAttr, TensorType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import (
    AnyAttr,
    VarConstraint,
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from mopc.dialects.graph import shapes
from mopc.dialects.graph.base import GraphOp, f32_attr, shape, tensor
from mopc.dialects.graph.shapes import Shape

# -- unary ---------------------------------------------------------------------------------


class UnaryGraphOp(GraphOp, ABC):
    """An element-wise op of one tensor; the result has the operand's type."""

    T: ClassVar = VarConstraint("T", AnyAttr())
    input = operand_def(T)
    result = result_def(T)
    traits = traits_def(Pure())

    assembly_format = "$input attr-dict `:` type($input)"

    def __init__(
        self, input: SSAValue | Operation, properties: Mapping[str, Attribute] | None = None
    ):
        input = SSAValue.get(input)
        super().__init__(
            operands=[input], result_types=[input.type], properties=dict(properties or {})
        )

    def infer_shape(self) -> Shape:
        return shape(self.input)


@irdl_op_definition
class ReluOp(UnaryGraphOp):
    """Rectified linear unit, `max(x, 0)`.

    ```mlir
    %y = graph.relu %x : tensor<1x64x56x56xf32>
    ```
    """

    name = "graph.relu"


@irdl_op_definition
class SigmoidOp(UnaryGraphOp):
    """Logistic sigmoid, `1 / (1 + exp(-x))`.

    ```mlir
    %y = graph.sigmoid %x : tensor<8x16xf32>
    ```
    """

    name = "graph.sigmoid"


@irdl_op_definition
class TanhOp(UnaryGraphOp):
    """Hyperbolic tangent.

    ```mlir
    %y = graph.tanh %x : tensor<8x16xf32>
    ```
    """

    name = "graph.tanh"


@irdl_op_definition
class ExpOp(UnaryGraphOp):
    """Natural exponential.

    ```mlir
    %y = graph.exp %x : tensor<8x16xf32>
    ```
    """

    name = "graph.exp"


@irdl_op_definition
class LogOp(UnaryGraphOp):
    """Natural logarithm.

    ```mlir
    %y = graph.log %x : tensor<8x16xf32>
    ```
    """

    name = "graph.log"


@irdl_op_definition
class SqrtOp(UnaryGraphOp):
    """Square root.

    ```mlir
    %y = graph.sqrt %x : tensor<8x16xf32>
    ```
    """

    name = "graph.sqrt"


@irdl_op_definition
class NegOp(UnaryGraphOp):
    """Negation, `-x`.

    ```mlir
    %y = graph.neg %x : tensor<8x16xf32>
    ```
    """

    name = "graph.neg"


@irdl_op_definition
class AbsOp(UnaryGraphOp):
    """Absolute value.

    ```mlir
    %y = graph.abs %x : tensor<8x16xf32>
    ```
    """

    name = "graph.abs"


@irdl_op_definition
class LeakyReluOp(UnaryGraphOp):
    """Leaky ReLU: `x` where `x > 0`, else `alpha * x` (ONNX's default alpha is 0.01).

    ```mlir
    %y = graph.leaky_relu %x alpha 1.000000e-01 : tensor<1x32x8x8xf32>
    ```
    """

    name = "graph.leaky_relu"
    alpha = prop_def(FloatAttr[Float32Type])
    assembly_format = "$input `alpha` $alpha attr-dict `:` type($input)"

    def __init__(self, input: SSAValue | Operation, alpha: float = 0.01):
        super().__init__(input, {"alpha": f32_attr(alpha)})


@irdl_op_definition
class ClipOp(UnaryGraphOp):
    """Clamp to `[min, max]`; a missing bound is unbounded (`min` must not exceed `max`).

    ```mlir
    %y = graph.clip %x min 0.000000e+00 max 6.000000e+00 : tensor<1x32x8x8xf32>
    %z = graph.clip %x max 1.000000e+00 : tensor<1x32x8x8xf32>
    ```
    """

    name = "graph.clip"
    min = opt_prop_def(FloatAttr[Float32Type])
    max = opt_prop_def(FloatAttr[Float32Type])
    assembly_format = "$input (`min` $min^)? (`max` $max^)? attr-dict `:` type($input)"

    def __init__(
        self, input: SSAValue | Operation, min: float | None = None, max: float | None = None
    ):
        bounds = {"min": min, "max": max}
        super().__init__(input, {k: f32_attr(v) for k, v in bounds.items() if v is not None})

    def verify_(self) -> None:
        super().verify_()
        if self.min is not None and self.max is not None:
            if self.min.value.data > self.max.value.data:
                raise VerifyException(
                    f"'min' ({self.min.value.data}) is larger than 'max' ({self.max.value.data})"
                )


# -- binary --------------------------------------------------------------------------------


class BinaryGraphOp(GraphOp, ABC):
    """An element-wise op of two tensors with NumPy broadcasting."""

    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())

    assembly_format = (
        "$lhs `,` $rhs attr-dict `:` `(` type($lhs) `,` type($rhs) `)` `->` type($result)"
    )

    def __init__(self, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs, rhs = SSAValue.get(lhs), SSAValue.get(rhs)
        out = shapes.broadcast(shape(lhs), shape(rhs))
        super().__init__(operands=[lhs, rhs], result_types=[tensor(out)])

    def infer_shape(self) -> Shape:
        return shapes.broadcast(shape(self.lhs), shape(self.rhs))


@irdl_op_definition
class AddOp(BinaryGraphOp):
    """Element-wise sum, with NumPy broadcasting.

    ```mlir
    %z = graph.add %a, %b : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
    ```
    """

    name = "graph.add"


@irdl_op_definition
class SubOp(BinaryGraphOp):
    """Element-wise difference, with NumPy broadcasting.

    ```mlir
    %z = graph.sub %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    ```
    """

    name = "graph.sub"


@irdl_op_definition
class MulOp(BinaryGraphOp):
    """Element-wise product, with NumPy broadcasting.

    ```mlir
    %z = graph.mul %a, %b : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
    ```
    """

    name = "graph.mul"


@irdl_op_definition
class DivOp(BinaryGraphOp):
    """Element-wise quotient, with NumPy broadcasting.

    ```mlir
    %z = graph.div %a, %b : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    ```
    """

    name = "graph.div"


@irdl_op_definition
class PowOp(BinaryGraphOp):
    """Element-wise power `a ** b`, with NumPy broadcasting.

    ```mlir
    %z = graph.pow %a, %b : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    ```
    """

    name = "graph.pow"


@irdl_op_definition
class MaximumOp(BinaryGraphOp):
    """Element-wise maximum, with NumPy broadcasting (NaN propagates).

    ```mlir
    %z = graph.maximum %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    ```
    """

    name = "graph.maximum"


@irdl_op_definition
class MinimumOp(BinaryGraphOp):
    """Element-wise minimum, with NumPy broadcasting (NaN propagates).

    ```mlir
    %z = graph.minimum %a, %b : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
    ```
    """

    name = "graph.minimum"


UNARY_OPS = (ReluOp, SigmoidOp, TanhOp, ExpOp, LogOp, SqrtOp, NegOp, AbsOp, LeakyReluOp, ClipOp)
BINARY_OPS = (AddOp, SubOp, MulOp, DivOp, PowOp, MaximumOp, MinimumOp)
