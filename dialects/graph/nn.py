"""Neural-network graph ops: convolution (and its transpose), batch normalisation,
pooling, softmax.

Layouts follow ONNX: activations NCHW, weights OIHW, `pads` = `[top, left, bottom, right]`.
"""

from __future__ import annotations

from abc import ABC
from collections.abc import Sequence
from typing import ClassVar

from xdsl.dialects.builtin import (
    I64,
    DenseArrayBase,
    Float32Type,
    FloatAttr,
    IntegerAttr,
    TensorType,
    UnitAttr,
    i64,
)
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import (
    AnyAttr,
    AttrSizedOperandSegments,
    VarConstraint,
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
from mopc.dialects.graph.base import GraphOp, f32_attr, i64_array, i64_attr, shape, tensor
from mopc.dialects.graph.shapes import Shape

_I64_ARRAY = DenseArrayBase.constr(i64)

# -- convolution ---------------------------------------------------------------------------


@irdl_op_definition
class Conv2dOp(GraphOp):
    """2-D convolution (cross-correlation) of an NCHW input with OIHW weights.

    `pads` is `[top, left, bottom, right]` (asymmetric allowed); with `groups = G` the
    channels split into G groups and the weight has `C / G` input channels. The bias,
    of shape `[O]`, is optional. `groups` is omitted from the text when it is 1.

    ```mlir
    %y = graph.conv2d %x, %w, %b strides [2, 2] pads [3, 3, 3, 3] dilations [1, 1]
        : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
    %d = graph.conv2d %x, %dw strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] groups 32
        : (tensor<1x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x56x56xf32>
    ```
    """

    name = "graph.conv2d"
    input = operand_def(TensorType)
    weight = operand_def(TensorType)
    bias = opt_operand_def(TensorType)
    result = result_def(TensorType)
    strides = prop_def(_I64_ARRAY)
    pads = prop_def(_I64_ARRAY)
    dilations = prop_def(_I64_ARRAY)
    groups = prop_def(IntegerAttr[I64], default_value=IntegerAttr(1, i64))
    irdl_options = (AttrSizedOperandSegments(as_property=True),)
    traits = traits_def(Pure())

    assembly_format = (
        "$input `,` $weight (`,` $bias^)? `strides` $strides `pads` $pads "
        "`dilations` $dilations (`groups` $groups^)? attr-dict "
        "`:` `(` type($input) `,` type($weight) (`,` type($bias)^)? `)` `->` type($result)"
    )

    def __init__(
        self,
        input: SSAValue | Operation,
        weight: SSAValue | Operation,
        bias: SSAValue | Operation | None = None,
        *,
        strides: Sequence[int] = (1, 1),
        pads: Sequence[int] = (0, 0, 0, 0),
        dilations: Sequence[int] = (1, 1),
        groups: int = 1,
    ):
        input, weight = SSAValue.get(input), SSAValue.get(weight)
        bias = SSAValue.get(bias) if bias is not None else None
        out = shapes.conv2d(
            shape(input), shape(weight), strides, pads, dilations, groups,
            shape(bias) if bias is not None else None,
        )
        super().__init__(
            operands=[input, weight, [bias] if bias is not None else []],
            result_types=[tensor(out)],
            properties={
                "strides": i64_array(strides),
                "pads": i64_array(pads),
                "dilations": i64_array(dilations),
                "groups": i64_attr(groups),
            },
        )

    def infer_shape(self) -> Shape:
        return shapes.conv2d(
            shape(self.input), shape(self.weight), self.strides.get_values(),
            self.pads.get_values(), self.dilations.get_values(), self.groups.value.data,
            shape(self.bias) if self.bias is not None else None,
        )


@irdl_op_definition
class ConvTranspose2dOp(GraphOp):
    """2-D transposed convolution (the gradient of `conv2d` with respect to its input;
    ONNX ConvTranspose) of an NCHW input with `[C, O/G, KH, KW]` weights.

    Every input element `x[n, c, i, j]` adds `x * w[c, o, p, q]` to the result at
    `(i * stride + p * dilation - pad_begin, j * ... )`; `pads` (`[top, left, bottom,
    right]`) crop the full result and `output_padding` extends it at the end. With
    `groups = G` input channel group `g` feeds output channels `g*O/G ..< (g+1)*O/G`.
    The bias, of shape `[O]`, is optional; `groups` is omitted from the text when 1.

    ```mlir
    %y = graph.conv_transpose2d %x, %w, %b strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1]
        output_padding [1, 1] : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
    %g = graph.conv_transpose2d %x, %wg strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1]
        output_padding [0, 0] groups 2 : (tensor<1x8x4x4xf32>, tensor<8x2x3x3xf32>) -> tensor<1x4x6x6xf32>
    ```
    """

    name = "graph.conv_transpose2d"
    input = operand_def(TensorType)
    weight = operand_def(TensorType)
    bias = opt_operand_def(TensorType)
    result = result_def(TensorType)
    strides = prop_def(_I64_ARRAY)
    pads = prop_def(_I64_ARRAY)
    dilations = prop_def(_I64_ARRAY)
    output_padding = prop_def(_I64_ARRAY)
    groups = prop_def(IntegerAttr[I64], default_value=IntegerAttr(1, i64))
    irdl_options = (AttrSizedOperandSegments(as_property=True),)
    traits = traits_def(Pure())

    assembly_format = (
        "$input `,` $weight (`,` $bias^)? `strides` $strides `pads` $pads "
        "`dilations` $dilations `output_padding` $output_padding (`groups` $groups^)? "
        "attr-dict `:` `(` type($input) `,` type($weight) (`,` type($bias)^)? `)` "
        "`->` type($result)"
    )

    def __init__(
        self,
        input: SSAValue | Operation,
        weight: SSAValue | Operation,
        bias: SSAValue | Operation | None = None,
        *,
        strides: Sequence[int] = (1, 1),
        pads: Sequence[int] = (0, 0, 0, 0),
        dilations: Sequence[int] = (1, 1),
        output_padding: Sequence[int] = (0, 0),
        groups: int = 1,
    ):
        input, weight = SSAValue.get(input), SSAValue.get(weight)
        bias = SSAValue.get(bias) if bias is not None else None
        out = shapes.conv_transpose2d(
            shape(input), shape(weight), strides, pads, dilations, output_padding, groups,
            shape(bias) if bias is not None else None,
        )
        super().__init__(
            operands=[input, weight, [bias] if bias is not None else []],
            result_types=[tensor(out)],
            properties={
                "strides": i64_array(strides),
                "pads": i64_array(pads),
                "dilations": i64_array(dilations),
                "output_padding": i64_array(output_padding),
                "groups": i64_attr(groups),
            },
        )

    def infer_shape(self) -> Shape:
        return shapes.conv_transpose2d(
            shape(self.input), shape(self.weight), self.strides.get_values(),
            self.pads.get_values(), self.dilations.get_values(),
            self.output_padding.get_values(), self.groups.value.data,
            shape(self.bias) if self.bias is not None else None,
        )


# -- normalisation -------------------------------------------------------------------------


@irdl_op_definition
class BatchNormOp(GraphOp):
    """Batch normalisation in inference mode, per channel (axis 1):
    `y = (x - mean) / sqrt(variance + epsilon) * scale + bias`.

    The four parameters have shape `[C]`; only the input and the parameter types are
    written, the other parameter types are the same.

    ```mlir
    %y = graph.batch_norm %x, %scale, %bias, %mean, %var epsilon 1.000000e-05
        : tensor<1x64x56x56xf32>, tensor<64xf32>
    ```
    """

    name = "graph.batch_norm"
    T: ClassVar = VarConstraint("T", AnyAttr())
    P: ClassVar = VarConstraint("P", AnyAttr())
    input = operand_def(T)
    scale = operand_def(P)
    bias = operand_def(P)
    mean = operand_def(P)
    variance = operand_def(P)
    result = result_def(T)
    epsilon = prop_def(FloatAttr[Float32Type])
    traits = traits_def(Pure())

    assembly_format = (
        "$input `,` $scale `,` $bias `,` $mean `,` $variance `epsilon` $epsilon attr-dict "
        "`:` type($input) `,` type($scale)"
    )

    def __init__(
        self,
        input: SSAValue | Operation,
        scale: SSAValue | Operation,
        bias: SSAValue | Operation,
        mean: SSAValue | Operation,
        variance: SSAValue | Operation,
        epsilon: float = 1e-5,
    ):
        operands = [SSAValue.get(v) for v in (input, scale, bias, mean, variance)]
        super().__init__(
            operands=operands,
            result_types=[operands[0].type],
            properties={"epsilon": f32_attr(epsilon)},
        )

    def infer_shape(self) -> Shape:
        params = (shape(v) for v in (self.scale, self.bias, self.mean, self.variance))
        return shapes.batch_norm(shape(self.input), *params)


# -- pooling -------------------------------------------------------------------------------


class Pool2dOp(GraphOp, ABC):
    """Sliding-window pooling over the two spatial axes of an NCHW tensor."""

    input = operand_def(TensorType)
    result = result_def(TensorType)
    kernel = prop_def(_I64_ARRAY)
    strides = prop_def(_I64_ARRAY)
    pads = prop_def(_I64_ARRAY)
    dilations = prop_def(_I64_ARRAY)
    ceil_mode = opt_prop_def(UnitAttr)
    traits = traits_def(Pure())

    def __init__(
        self,
        input: SSAValue | Operation,
        *,
        kernel: Sequence[int],
        strides: Sequence[int] | None = None,
        pads: Sequence[int] = (0, 0, 0, 0),
        dilations: Sequence[int] = (1, 1),
        ceil_mode: bool = False,
        **flags: bool,
    ):
        input = SSAValue.get(input)
        strides = tuple(strides) if strides is not None else (1, 1)
        out = shapes.pool2d(shape(input), kernel, strides, pads, dilations, ceil_mode)
        units = {"ceil_mode": ceil_mode, **flags}
        super().__init__(
            operands=[input],
            result_types=[tensor(out)],
            properties={
                "kernel": i64_array(kernel),
                "strides": i64_array(strides),
                "pads": i64_array(pads),
                "dilations": i64_array(dilations),
                **{k: UnitAttr() for k, on in units.items() if on},
            },
        )

    def infer_shape(self) -> Shape:
        return shapes.pool2d(
            shape(self.input), self.kernel.get_values(), self.strides.get_values(),
            self.pads.get_values(), self.dilations.get_values(), self.ceil_mode is not None,
        )


@irdl_op_definition
class MaxPool2dOp(Pool2dOp):
    """Max pooling. Padding never wins a maximum. With `ceil_mode` the output size rounds
    up (the last window must still start inside the input or its begin padding).

    ```mlir
    %y = graph.max_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1]
        : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
    ```
    """

    name = "graph.max_pool2d"
    assembly_format = (
        "$input `kernel` $kernel `strides` $strides `pads` $pads `dilations` $dilations "
        "(`ceil_mode` $ceil_mode^)? attr-dict `:` type($input) `->` type($result)"
    )


@irdl_op_definition
class AvgPool2dOp(Pool2dOp):
    """Average pooling. The divisor of a window counts the positions inside the padded
    input (`count_include_pad`) or inside the input only (the default); positions past
    the padded end that `ceil_mode` adds never count.

    ```mlir
    %y = graph.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1]
        ceil_mode count_include_pad : tensor<1x8x10x10xf32> -> tensor<1x8x6x6xf32>
    ```
    """

    name = "graph.avg_pool2d"
    count_include_pad = opt_prop_def(UnitAttr)
    assembly_format = (
        "$input `kernel` $kernel `strides` $strides `pads` $pads `dilations` $dilations "
        "(`ceil_mode` $ceil_mode^)? (`count_include_pad` $count_include_pad^)? attr-dict "
        "`:` type($input) `->` type($result)"
    )

    def __init__(
        self, input: SSAValue | Operation, *, count_include_pad: bool = False, **kwargs
    ):
        super().__init__(input, count_include_pad=count_include_pad, **kwargs)


class GlobalPoolOp(GraphOp, ABC):
    """Pooling over all spatial axes (2 and up), keeping them as size 1."""

    input = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` type($input) `->` type($result)"

    def __init__(self, input: SSAValue | Operation):
        input = SSAValue.get(input)
        super().__init__(operands=[input], result_types=[tensor(shapes.global_pool(shape(input)))])

    def infer_shape(self) -> Shape:
        return shapes.global_pool(shape(self.input))


@irdl_op_definition
class GlobalAvgPoolOp(GlobalPoolOp):
    """Mean over all spatial axes.

    ```mlir
    %y = graph.global_avg_pool %x : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
    ```
    """

    name = "graph.global_avg_pool"


@irdl_op_definition
class GlobalMaxPoolOp(GlobalPoolOp):
    """Maximum over all spatial axes.

    ```mlir
    %y = graph.global_max_pool %x : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
    ```
    """

    name = "graph.global_max_pool"


# -- softmax -------------------------------------------------------------------------------


class SoftmaxLikeOp(GraphOp, ABC):
    """A normalisation along one axis; the result has the input's type."""

    T: ClassVar = VarConstraint("T", AnyAttr())
    input = operand_def(T)
    result = result_def(T)
    axis = prop_def(IntegerAttr[I64])
    traits = traits_def(Pure())
    assembly_format = "$input `axis` $axis attr-dict `:` type($input)"

    def __init__(self, input: SSAValue | Operation, axis: int = -1):
        input = SSAValue.get(input)
        rank = len(shape(input))
        axis = axis + rank if axis < 0 else axis
        super().__init__(
            operands=[input], result_types=[input.type], properties={"axis": i64_attr(axis)}
        )

    def infer_shape(self) -> Shape:
        shapes.check_axis(self.axis.value.data, len(shape(self.input)))
        return shape(self.input)


@irdl_op_definition
class SoftmaxOp(SoftmaxLikeOp):
    """`exp(x) / sum(exp(x))` along `axis` (computed as `exp(x - max)` for stability).

    ```mlir
    %y = graph.softmax %x axis 1 : tensor<1x1000xf32>
    ```
    """

    name = "graph.softmax"


@irdl_op_definition
class LogSoftmaxOp(SoftmaxLikeOp):
    """`x - max - log(sum(exp(x - max)))` along `axis`.

    ```mlir
    %y = graph.log_softmax %x axis 1 : tensor<1x1000xf32>
    ```
    """

    name = "graph.log_softmax"
