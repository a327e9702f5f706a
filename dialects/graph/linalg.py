"""Matrix products: NumPy-style batched `matmul` and ONNX-style `gemm` (dense layers)."""

from __future__ import annotations

from xdsl.dialects.builtin import Float32Type, FloatAttr, TensorType, UnitAttr, f32
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import (
    AttrSizedOperandSegments,
    irdl_op_definition,
    operand_def,
    opt_operand_def,
    opt_prop_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import Pure

from mopc.dialects.graph import shapes
from mopc.dialects.graph.base import GraphOp, f32_attr, shape, tensor
from mopc.dialects.graph.shapes import Shape


@irdl_op_definition
class MatmulOp(GraphOp):
    """Matrix product with `numpy.matmul` semantics: leading axes are batch axes and
    broadcast; a 1-D operand is a vector (its axis is dropped from the result).

    ```mlir
    %c = graph.matmul %a, %b : (tensor<8x64x32xf32>, tensor<32x16xf32>) -> tensor<8x64x16xf32>
    ```
    """

    name = "graph.matmul"
    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = (
        "$lhs `,` $rhs attr-dict `:` `(` type($lhs) `,` type($rhs) `)` `->` type($result)"
    )

    def __init__(self, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs, rhs = SSAValue.get(lhs), SSAValue.get(rhs)
        out = shapes.matmul(shape(lhs), shape(rhs))
        super().__init__(operands=[lhs, rhs], result_types=[tensor(out)])

    def infer_shape(self) -> Shape:
        return shapes.matmul(shape(self.lhs), shape(self.rhs))


@irdl_op_definition
class GemmOp(GraphOp):
    """General matrix multiply (ONNX Gemm, a dense layer):
    `Y = alpha * op(A) @ op(B) + beta * C`, where `op` transposes when `trans_a` /
    `trans_b` is set and `C` (optional) broadcasts to `M x N`. `alpha` and `beta` are
    omitted from the text when they are 1.

    ```mlir
    %y = graph.gemm %x, %w, %b trans_b : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
    %z = graph.gemm %a, %b alpha 5.000000e-01 : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
    ```
    """

    name = "graph.gemm"
    a = operand_def(TensorType)
    b = operand_def(TensorType)
    c = opt_operand_def(TensorType)
    result = result_def(TensorType)
    trans_a = opt_prop_def(UnitAttr)
    trans_b = opt_prop_def(UnitAttr)
    alpha = prop_def(FloatAttr[Float32Type], default_value=FloatAttr(1.0, f32))
    beta = prop_def(FloatAttr[Float32Type], default_value=FloatAttr(1.0, f32))
    irdl_options = (AttrSizedOperandSegments(as_property=True),)
    traits = traits_def(Pure())
    assembly_format = (
        "$a `,` $b (`,` $c^)? (`trans_a` $trans_a^)? (`trans_b` $trans_b^)? "
        "(`alpha` $alpha^)? (`beta` $beta^)? attr-dict "
        "`:` `(` type($a) `,` type($b) (`,` type($c)^)? `)` `->` type($result)"
    )

    def __init__(
        self,
        a: SSAValue | Operation,
        b: SSAValue | Operation,
        c: SSAValue | Operation | None = None,
        *,
        trans_a: bool = False,
        trans_b: bool = False,
        alpha: float = 1.0,
        beta: float = 1.0,
    ):
        a, b = SSAValue.get(a), SSAValue.get(b)
        c = SSAValue.get(c) if c is not None else None
        out = shapes.gemm(shape(a), shape(b), shape(c) if c else None, trans_a, trans_b)
        props = {"alpha": f32_attr(alpha), "beta": f32_attr(beta)}
        props |= {k: UnitAttr() for k, on in (("trans_a", trans_a), ("trans_b", trans_b)) if on}
        super().__init__(
            operands=[a, b, [c] if c is not None else []],
            result_types=[tensor(out)],
            properties=props,
        )

    def infer_shape(self) -> Shape:
        return shapes.gemm(
            shape(self.a), shape(self.b), shape(self.c) if self.c is not None else None,
            self.trans_a is not None, self.trans_b is not None,
        )
