"""Reductions over a list of axes, optionally keeping the reduced axes as size 1."""

from __future__ import annotations

from abc import ABC
from collections.abc import Sequence

from xdsl.dialects.builtin import DenseArrayBase, TensorType, UnitAttr, i64
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import (
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import Pure

from mopc.dialects.graph import shapes
from mopc.dialects.graph.base import GraphOp, i64_array, shape, tensor
from mopc.dialects.graph.shapes import Shape


class ReduceGraphOp(GraphOp, ABC):
    """Reduce `axes` (non-negative, distinct, at least one) of the input."""

    input = operand_def(TensorType)
    result = result_def(TensorType)
    axes = prop_def(DenseArrayBase.constr(i64))
    keepdims = opt_prop_def(UnitAttr)
    traits = traits_def(Pure())
    assembly_format = (
        "$input `axes` $axes (`keepdims` $keepdims^)? attr-dict "
        "`:` type($input) `->` type($result)"
    )

    def __init__(
        self, input: SSAValue | Operation, axes: Sequence[int], keepdims: bool = False
    ):
        input = SSAValue.get(input)
        rank = len(shape(input))
        axes = sorted(a + rank if a < 0 else a for a in axes)
        out = shapes.reduce(shape(input), axes, keepdims)
        props = {"axes": i64_array(axes)} | ({"keepdims": UnitAttr()} if keepdims else {})
        super().__init__(operands=[input], result_types=[tensor(out)], properties=props)

    def infer_shape(self) -> Shape:
        return shapes.reduce(shape(self.input), self.axes.get_values(), self.keepdims is not None)


@irdl_op_definition
class ReduceSumOp(ReduceGraphOp):
    """Sum over `axes`.

    ```mlir
    %y = graph.reduce_sum %x axes [1] : tensor<4x8xf32> -> tensor<4xf32>
    ```
    """

    name = "graph.reduce_sum"


@irdl_op_definition
class ReduceMeanOp(ReduceGraphOp):
    """Arithmetic mean over `axes`.

    ```mlir
    %y = graph.reduce_mean %x axes [2, 3] keepdims : tensor<1x64x7x7xf32> -> tensor<1x64x1x1xf32>
    ```
    """

    name = "graph.reduce_mean"


@irdl_op_definition
class ReduceMaxOp(ReduceGraphOp):
    """Maximum over `axes`.

    ```mlir
    %y = graph.reduce_max %x axes [0] : tensor<4x8xf32> -> tensor<8xf32>
    ```
    """

    name = "graph.reduce_max"


@irdl_op_definition
class ReduceMinOp(ReduceGraphOp):
    """Minimum over `axes`.

    ```mlir
    %y = graph.reduce_min %x axes [0, 1] keepdims : tensor<4x8xf32> -> tensor<1x1xf32>
    ```
    """

    name = "graph.reduce_min"


REDUCE_OPS = (ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp)
