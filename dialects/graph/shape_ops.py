"""Data-movement graph ops: reshape, flatten, transpose, concat, pad, slice and gather."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import (
    I64,
    DenseArrayBase,
    Float32Type,
    FloatAttr,
    IntegerAttr,
    TensorType,
    f32,
    i64,
)
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import (
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
    var_operand_def,
)
from xdsl.traits import Pure

from mopc.dialects.graph import shapes
from mopc.dialects.graph.base import GraphOp, f32_attr, i64_array, i64_attr, shape, tensor
from mopc.dialects.graph.shapes import Shape

_I64_ARRAY = DenseArrayBase.constr(i64)


@irdl_op_definition
class ReshapeOp(GraphOp):
    """Reinterpret the elements (row-major order) with the result's shape; the element
    counts must agree.

    ```mlir
    %y = graph.reshape %x : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
    ```
    """

    name = "graph.reshape"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` type($input) `->` type($result)"

    def __init__(self, input: SSAValue | Operation, new_shape: Sequence[int]):
        input = SSAValue.get(input)
        shapes.reshape(shape(input), new_shape)
        super().__init__(operands=[input], result_types=[tensor(new_shape)])

    def infer_shape(self) -> Shape:
        shapes.reshape(shape(self.input), shape(self.result))
        return shape(self.result)


@irdl_op_definition
class FlattenOp(GraphOp):
    """Collapse the axes before `axis` into one and the rest into another (ONNX Flatten).

    ```mlir
    %y = graph.flatten %x axis 1 : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
    ```
    """

    name = "graph.flatten"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    axis = prop_def(IntegerAttr[I64])
    traits = traits_def(Pure())
    assembly_format = "$input `axis` $axis attr-dict `:` type($input) `->` type($result)"

    def __init__(self, input: SSAValue | Operation, axis: int = 1):
        input = SSAValue.get(input)
        rank = len(shape(input))
        axis = axis + rank if axis < 0 else axis
        out = shapes.flatten(shape(input), axis)
        super().__init__(
            operands=[input], result_types=[tensor(out)], properties={"axis": i64_attr(axis)}
        )

    def infer_shape(self) -> Shape:
        return shapes.flatten(shape(self.input), self.axis.value.data)


@irdl_op_definition
class TransposeOp(GraphOp):
    """Permute the axes: result axis `i` is input axis `perm[i]`.

    ```mlir
    %y = graph.transpose %x perm [0, 2, 3, 1] : tensor<1x64x8x8xf32> -> tensor<1x8x8x64xf32>
    ```
    """

    name = "graph.transpose"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    perm = prop_def(_I64_ARRAY)
    traits = traits_def(Pure())
    assembly_format = "$input `perm` $perm attr-dict `:` type($input) `->` type($result)"

    def __init__(self, input: SSAValue | Operation, perm: Sequence[int]):
        input = SSAValue.get(input)
        out = shapes.transpose(shape(input), perm)
        super().__init__(
            operands=[input], result_types=[tensor(out)], properties={"perm": i64_array(perm)}
        )

    def infer_shape(self) -> Shape:
        return shapes.transpose(shape(self.input), self.perm.get_values())


@irdl_op_definition
class ConcatOp(GraphOp):
    """Join tensors along `axis`; all other axes must agree.

    ```mlir
    %y = graph.concat %a, %b axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x48x8x8xf32>
    ```
    """

    name = "graph.concat"
    inputs = var_operand_def(TensorType)
    result = result_def(TensorType)
    axis = prop_def(IntegerAttr[I64])
    traits = traits_def(Pure())
    assembly_format = (
        "$inputs `axis` $axis attr-dict `:` `(` type($inputs) `)` `->` type($result)"
    )

    def __init__(self, inputs: Sequence[SSAValue | Operation], axis: int):
        values = [SSAValue.get(v) for v in inputs]
        rank = len(shape(values[0])) if values else 0
        axis = axis + rank if axis < 0 else axis
        out = shapes.concat([shape(v) for v in values], axis)
        super().__init__(
            operands=[values], result_types=[tensor(out)], properties={"axis": i64_attr(axis)}
        )

    def infer_shape(self) -> Shape:
        return shapes.concat([shape(v) for v in self.inputs], self.axis.value.data)


@irdl_op_definition
class PadOp(GraphOp):
    """Constant padding: `pads` lists the begin of every axis, then the end of every axis
    (ONNX order); negative entries crop. `value` (default 0) fills the new positions.

    ```mlir
    %y = graph.pad %x pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x10x10xf32>
    %z = graph.pad %x pads [0, 0, 0, 2, 0, 0, 0, 0] value -1.000000e+00 : tensor<1x3x8x8xf32> -> tensor<1x3x8x10xf32>
    ```
    """

    name = "graph.pad"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    pads = prop_def(_I64_ARRAY)
    value = prop_def(FloatAttr[Float32Type], default_value=FloatAttr(0.0, f32))
    traits = traits_def(Pure())
    assembly_format = (
        "$input `pads` $pads (`value` $value^)? attr-dict `:` type($input) `->` type($result)"
    )

    def __init__(self, input: SSAValue | Operation, pads: Sequence[int], value: float = 0.0):
        input = SSAValue.get(input)
        out = shapes.pad(shape(input), pads)
        super().__init__(
            operands=[input],
            result_types=[tensor(out)],
            properties={"pads": i64_array(pads), "value": f32_attr(value)},
        )

    def infer_shape(self) -> Shape:
        return shapes.pad(shape(self.input), self.pads.get_values())


@irdl_op_definition
class SliceOp(GraphOp):
    """Strided slice with NumPy/ONNX semantics: on each listed axis take `start:end:step`
    (negative indices count from the end; out-of-range bounds clamp; steps may be
    negative). Unlisted axes are kept whole.

    ```mlir
    %y = graph.slice %x starts [1, 0] ends [7, -1] axes [2, 3] steps [2, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x3x7xf32>
    ```
    """

    name = "graph.slice"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    starts = prop_def(_I64_ARRAY)
    ends = prop_def(_I64_ARRAY)
    axes = prop_def(_I64_ARRAY)
    steps = prop_def(_I64_ARRAY)
    traits = traits_def(Pure())
    assembly_format = (
        "$input `starts` $starts `ends` $ends `axes` $axes `steps` $steps attr-dict "
        "`:` type($input) `->` type($result)"
    )

    def __init__(
        self,
        input: SSAValue | Operation,
        starts: Sequence[int],
        ends: Sequence[int],
        axes: Sequence[int] | None = None,
        steps: Sequence[int] | None = None,
    ):
        input = SSAValue.get(input)
        axes = list(axes) if axes is not None else list(range(len(starts)))
        steps = list(steps) if steps is not None else [1] * len(starts)
        out = shapes.slice_(shape(input), starts, ends, axes, steps)
        super().__init__(
            operands=[input],
            result_types=[tensor(out)],
            properties={
                "starts": i64_array(starts), "ends": i64_array(ends),
                "axes": i64_array(axes), "steps": i64_array(steps),
            },
        )

    def axis_slices(self) -> list[shapes.SliceAxis]:
        return shapes.slice_axes(
            shape(self.input), self.starts.get_values(), self.ends.get_values(),
            self.axes.get_values(), self.steps.get_values(),
        )

    def infer_shape(self) -> Shape:
        return tuple(s.count for s in self.axis_slices())


@irdl_op_definition
class GatherOp(GraphOp):
    """Pick entries along `axis` by constant `indices` (ONNX Gather with constant
    indices, flattened to a list): result entry `k` along `axis` is input entry
    `indices[k]`; indices are non-negative and may repeat or go in any order.

    ```mlir
    %y = graph.gather %x axis 1 indices [2, 0, 2] : tensor<4x3xf32> -> tensor<4x3xf32>
    %r = graph.gather %e axis 0 indices [5] : tensor<10x16xf32> -> tensor<1x16xf32>
    ```
    """

    name = "graph.gather"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    axis = prop_def(IntegerAttr[I64])
    indices = prop_def(_I64_ARRAY)
    traits = traits_def(Pure())
    assembly_format = (
        "$input `axis` $axis `indices` $indices attr-dict `:` type($input) `->` type($result)"
    )

    def __init__(self, input: SSAValue | Operation, axis: int, indices: Sequence[int]):
        input = SSAValue.get(input)
        rank = len(shape(input))
        axis = axis + rank if axis < 0 else axis
        out = shapes.gather(shape(input), axis, indices)
        super().__init__(
            operands=[input],
            result_types=[tensor(out)],
            properties={"axis": i64_attr(axis), "indices": i64_array(indices)},
        )

    def infer_shape(self) -> Shape:
        return shapes.gather(shape(self.input), self.axis.value.data, self.indices.get_values())
