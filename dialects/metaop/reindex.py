"""The reindex class: `reindex` (a gather through an index map) and `broadcast`."""

from __future__ import annotations

import math
from collections.abc import Sequence

from xdsl.dialects.builtin import (
    AffineMapAttr,
    AffineSetAttr,
    ArrayAttr,
    DenseArrayBase,
    Float64Type,
    FloatAttr,
    IntegerType,
    TensorType,
    f64,
    i64,
)
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineMap, AffineSet
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from mopc.dialects.metaop.base import (
    MetaopOp,
    check_axes,
    check_index_map,
    check_overflow_sets,
    shape,
)
from mopc.dialects.metaop.traits import ReindexClass

_NO_SETS: ArrayAttr[AffineSetAttr] = ArrayAttr([])


def check_fill(fill: float, element: object) -> None:
    if isinstance(element, IntegerType):
        if not math.isfinite(fill) or fill != int(fill):
            raise VerifyException(f"fill {fill} is not an integer, but the elements are {element}")
        width = element.width.data
        if width == 1 and fill not in (0, 1):
            raise VerifyException(f"fill {fill} is not a boolean (0 or 1) for i1 elements")
        if width > 1 and not -(2 ** (width - 1)) <= fill < 2 ** (width - 1):
            raise VerifyException(f"fill {fill} does not fit in {element} elements")


@irdl_op_definition
class ReindexOp(MetaopOp):
    """One-to-many gather (Jittor's `reindex`): for every index `i` of the result,

    ```
    j = map(i)                                   # one expression per input axis
    y[i] = fill  if j is out of the input's bounds or i is in any `overflow` set
           x[j]  otherwise
    ```

    `map` is an affine map from the result's axes to the input's axes (quasi-affine:
    `floordiv`, `ceildiv` and `mod` by positive constants are allowed). Bounds checks are
    implicit, which makes padding free; `overflow` adds conditions (integer sets over
    the result's axes) under which an element is filled too. `fill` defaults to 0.
    Convolution reads its input through a reindex:

    ```mlir
    %xx = metaop.reindex %x map affine_map<(n, o, c, h, w, kh, kw) -> (n, c, h * 2 + kh - 1, w * 2 + kw - 1)>
        : tensor<1x3x8x8xf32> -> tensor<1x4x3x4x4x3x3xf32>
    %p = metaop.reindex %x map affine_map<(d0) -> (d0 - 2)> fill -1.000000e+00 : tensor<5xf32> -> tensor<9xf32>
    %d = metaop.reindex %v map affine_map<(d0, d1) -> (d1)> overflow [affine_set<(d0, d1) : (d0 - d1 - 1 >= 0)>, affine_set<(d0, d1) : (d1 - d0 - 1 >= 0)>]
        : tensor<3xf32> -> tensor<3x3xf32>
    ```
    """

    name = "metaop.reindex"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    map = prop_def(AffineMapAttr)
    fill = prop_def(FloatAttr[Float64Type], default_value=FloatAttr(0.0, f64))
    overflow = prop_def(ArrayAttr[AffineSetAttr], default_value=_NO_SETS)
    traits = traits_def(Pure(), ReindexClass())
    assembly_format = (
        "$input `map` $map (`fill` $fill^)? (`overflow` $overflow^)? attr-dict "
        "`:` type($input) `->` type($result)"
    )

    def __init__(
        self,
        input: SSAValue | Operation,
        result_shape: Sequence[int],
        map: AffineMap,
        fill: float = 0.0,
        overflow: Sequence[AffineSet] = (),
    ):
        input = SSAValue.get(input)
        assert isinstance(input.type, TensorType)
        super().__init__(
            operands=[input],
            result_types=[TensorType(input.type.get_element_type(), list(result_shape))],
            properties={
                "map": AffineMapAttr(map),
                "fill": FloatAttr(float(fill), f64),
                "overflow": ArrayAttr([AffineSetAttr(s) for s in overflow]),
            },
        )

    def verify_(self) -> None:
        super().verify_()
        assert isinstance(self.input.type, TensorType) and isinstance(self.result.type, TensorType)
        if self.input.type.get_element_type() != self.result.type.get_element_type():
            raise VerifyException("input and result element types differ")
        out_rank, in_rank = len(shape(self.result)), len(shape(self.input))
        check_index_map(self.map, out_rank, in_rank, "'map'")
        check_overflow_sets(self.overflow, out_rank)
        check_fill(self.fill.value.data, self.result.type.get_element_type())


@irdl_op_definition
class BroadcastOp(MetaopOp):
    """Broadcast (Jittor's `broadcast_to`): insert new axes at `dims` of the result, and
    stretch input axes of size 1. The other result axes correspond, in order, to the
    input's axes. `dims` is omitted from the text when empty.

    ```mlir
    %b = metaop.broadcast %bias dims [0, 2, 3] : tensor<64xf32> -> tensor<1x64x56x56xf32>
    %s = metaop.broadcast %m : tensor<4x1xf32> -> tensor<4x8xf32>
    ```
    """

    name = "metaop.broadcast"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    dims = prop_def(DenseArrayBase.constr(i64), default_value=DenseArrayBase.from_list(i64, []))
    traits = traits_def(Pure(), ReindexClass())
    assembly_format = "$input (`dims` $dims^)? attr-dict `:` type($input) `->` type($result)"

    def __init__(
        self, input: SSAValue | Operation, result_shape: Sequence[int], dims: Sequence[int] = ()
    ):
        input = SSAValue.get(input)
        assert isinstance(input.type, TensorType)
        super().__init__(
            operands=[input],
            result_types=[TensorType(input.type.get_element_type(), list(result_shape))],
            properties={"dims": DenseArrayBase.from_list(i64, sorted(dims))},
        )

    def kept_axes(self) -> list[int]:
        """The result axes that correspond to the input's axes, in order."""
        new = set(self.dims.get_values())
        return [a for a in range(len(shape(self.result))) if a not in new]

    def verify_(self) -> None:
        super().verify_()
        assert isinstance(self.input.type, TensorType) and isinstance(self.result.type, TensorType)
        if self.input.type.get_element_type() != self.result.type.get_element_type():
            raise VerifyException("input and result element types differ")
        src, dst = shape(self.input), shape(self.result)
        dims = self.dims.get_values()
        check_axes(dims, len(dst), "dims")
        if len(dst) != len(src) + len(dims):
            raise VerifyException(
                f"result rank {len(dst)} must be the input rank {len(src)} plus the "
                f"{len(dims)} new 'dims'"
            )
        for in_axis, out_axis in enumerate(self.kept_axes()):
            if src[in_axis] not in (1, dst[out_axis]):
                raise VerifyException(
                    f"input axis {in_axis} (size {src[in_axis]}) cannot broadcast to result "
                    f"axis {out_axis} (size {dst[out_axis]})"
                )
