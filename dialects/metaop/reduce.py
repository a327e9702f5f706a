"""The reindex-reduce class: `reindex_reduce` (a scatter-reduce through an index map)
and `reduce` (over whole axes)."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import (
    AffineMapAttr,
    AffineSetAttr,
    ArrayAttr,
    DenseArrayBase,
    IntegerType,
    TensorType,
    UnitAttr,
    i64,
)
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineMap, AffineSet
from xdsl.irdl import (
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from mopc.dialects.metaop.base import (
    MetaopOp,
    check_axes,
    check_index_map,
    check_overflow_sets,
    shape,
)
from mopc.dialects.metaop.kinds import LOGICAL_REDUCE, ReduceKind, ReduceKindAttr
from mopc.dialects.metaop.traits import ReindexReduceClass

_NO_SETS: ArrayAttr[AffineSetAttr] = ArrayAttr([])


def check_reduce_kind(kind: ReduceKind, element: object) -> None:
    if kind in LOGICAL_REDUCE and not isinstance(element, IntegerType):
        raise VerifyException(f"reduce kind '{kind}' needs integer or i1 elements, got {element}")
    if isinstance(element, IntegerType) and element.width.data == 1 and kind not in LOGICAL_REDUCE:
        raise VerifyException(f"reduce kind '{kind}' is not defined on i1 elements")


@irdl_op_definition
class ReindexReduceOp(MetaopOp):
    """Many-to-one scatter-reduce (Jittor's `reindex_reduce`), the dual of `reindex`:

    ```
    x = identity(kind)                           # 0 for add, 1 for mul, -inf for max...
    for every index i of the input y:
        j = map(i)                               # one expression per result axis
        if j is inside the result and i is in no `overflow` set:
            x[j] = kind(x[j], y[i])
    ```

    `mean` is not allowed (as in Jittor). Pooling gradients and grouped convolutions
    use it:

    ```mlir
    %x = metaop.reindex_reduce add %y map affine_map<(d0, d1) -> (d0 floordiv 2)> : tensor<8x3xf32> -> tensor<4xf32>
    ```
    """

    name = "metaop.reindex_reduce"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    kind = prop_def(ReduceKindAttr)
    map = prop_def(AffineMapAttr)
    overflow = prop_def(ArrayAttr[AffineSetAttr], default_value=_NO_SETS)
    traits = traits_def(Pure(), ReindexReduceClass())
    assembly_format = (
        "$kind $input `map` $map (`overflow` $overflow^)? attr-dict "
        "`:` type($input) `->` type($result)"
    )

    def __init__(
        self,
        kind: ReduceKind,
        input: SSAValue | Operation,
        result_shape: Sequence[int],
        map: AffineMap,
        overflow: Sequence[AffineSet] = (),
    ):
        input = SSAValue.get(input)
        assert isinstance(input.type, TensorType)
        super().__init__(
            operands=[input],
            result_types=[TensorType(input.type.get_element_type(), list(result_shape))],
            properties={
                "kind": ReduceKindAttr(kind),
                "map": AffineMapAttr(map),
                "overflow": ArrayAttr([AffineSetAttr(s) for s in overflow]),
            },
        )

    def verify_(self) -> None:
        super().verify_()
        assert isinstance(self.input.type, TensorType) and isinstance(self.result.type, TensorType)
        element = self.result.type.get_element_type()
        if self.input.type.get_element_type() != element:
            raise VerifyException("input and result element types differ")
        if self.kind.data == ReduceKind.MEAN:
            raise VerifyException("'mean' is not a valid reindex_reduce kind (use add and a division)")
        check_reduce_kind(self.kind.data, element)
        in_rank, out_rank = len(shape(self.input)), len(shape(self.result))
        check_index_map(self.map, in_rank, out_rank, "'map'")
        check_overflow_sets(self.overflow, in_rank)


def reduced_shape(src: Sequence[int], axes: Sequence[int], keepdims: bool) -> tuple[int, ...]:
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(src))
    return tuple(d for i, d in enumerate(src) if i not in axes)


@irdl_op_definition
class ReduceOp(MetaopOp):
    """Reduce whole `axes` with `kind` (add, mul, max, min, mean, and, or, xor); with
    `keepdims` the reduced axes stay as size 1.

    ```mlir
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x8x3x6x6x3x3xf32> -> tensor<1x8x6x6xf32>
    %m = metaop.reduce max %x axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
    ```
    """

    name = "metaop.reduce"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    kind = prop_def(ReduceKindAttr)
    axes = prop_def(DenseArrayBase.constr(i64))
    keepdims = opt_prop_def(UnitAttr)
    traits = traits_def(Pure(), ReindexReduceClass())
    assembly_format = (
        "$kind $input `axes` $axes (`keepdims` $keepdims^)? attr-dict "
        "`:` type($input) `->` type($result)"
    )

    def __init__(
        self,
        kind: ReduceKind,
        input: SSAValue | Operation,
        axes: Sequence[int],
        keepdims: bool = False,
    ):
        input = SSAValue.get(input)
        assert isinstance(input.type, TensorType)
        axes = sorted(axes)
        out = reduced_shape(shape(input), axes, keepdims)
        props = {"kind": ReduceKindAttr(kind), "axes": DenseArrayBase.from_list(i64, axes)}
        if keepdims:
            props["keepdims"] = UnitAttr()
        super().__init__(
            operands=[input],
            result_types=[TensorType(input.type.get_element_type(), list(out))],
            properties=props,
        )

    def verify_(self) -> None:
        super().verify_()
        assert isinstance(self.input.type, TensorType) and isinstance(self.result.type, TensorType)
        element = self.result.type.get_element_type()
        if self.input.type.get_element_type() != element:
            raise VerifyException("input and result element types differ")
        check_reduce_kind(self.kind.data, element)
        axes = self.axes.get_values()
        if not axes:
            raise VerifyException("'axes' must list at least one axis")
        check_axes(axes, len(shape(self.input)))
        expected = reduced_shape(shape(self.input), axes, self.keepdims is not None)
        if shape(self.result) != expected:
            raise VerifyException(
                f"result shape {list(shape(self.result))} does not match the reduced shape "
                f"{list(expected)}"
            )
