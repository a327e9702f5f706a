"""Checks shared by every meta-op: static shapes and supported element types."""

from __future__ import annotations

from abc import ABC
from collections.abc import Iterable, Sequence

from xdsl.dialects.builtin import (
    AffineMapAttr,
    AffineSetAttr,
    ArrayAttr,
    TensorType,
    f16,
    f32,
    f64,
    i1,
    i8,
    i32,
    i64,
)
from xdsl.ir import Attribute, SSAValue
from xdsl.ir.affine import AffineBinaryOpExpr, AffineBinaryOpKind, AffineConstantExpr, AffineExpr
from xdsl.irdl import IRDLOperation
from xdsl.utils.exceptions import VerifyException

from mopc.core.printing import format_expr, format_map

ELEMENT_TYPES: tuple[Attribute, ...] = (f16, f32, f64, i1, i8, i32, i64)


def check_tensor(t: Attribute, what: str) -> TensorType:
    if not isinstance(t, TensorType):
        raise VerifyException(f"{what} must be a tensor, got {t}")
    if any(d < 0 for d in t.get_shape()):
        raise VerifyException(f"{what} has dynamic dimensions ({t}); meta-ops need static shapes")
    if t.get_element_type() not in ELEMENT_TYPES:
        supported = ", ".join(str(e) for e in ELEMENT_TYPES)
        raise VerifyException(
            f"{what} has element type {t.get_element_type()}; meta-ops support {supported}"
        )
    return t


def shape(value: SSAValue) -> tuple[int, ...]:
    t = value.type
    assert isinstance(t, TensorType)
    return tuple(t.get_shape())


def check_index_map(map_attr: AffineMapAttr, dims: int, results: int, what: str) -> None:
    m = map_attr.data
    if m.num_symbols:
        raise VerifyException(f"{what} must not use symbols, got {format_map(m)}")
    if m.num_dims != dims:
        raise VerifyException(f"{what} must have {dims} dimensions (one per index), got {m.num_dims}")
    if len(m.results) != results:
        raise VerifyException(
            f"{what} must have {results} results (one per indexed axis), got {len(m.results)}"
        )
    check_divisors(m.results, what)


def check_overflow_sets(sets: ArrayAttr[AffineSetAttr], dims: int) -> None:
    for index, s in enumerate(sets.data):
        if s.data.num_symbols:
            raise VerifyException(f"overflow condition #{index} must not use symbols")
        if s.data.num_dims != dims:
            raise VerifyException(
                f"overflow condition #{index} must have {dims} dimensions, got {s.data.num_dims}"
            )
        sides = [e for c in s.data.constraints for e in (c.lhs, c.rhs)]
        check_divisors(sides, f"overflow condition #{index}")


_DIVISIONS = (AffineBinaryOpKind.FloorDiv, AffineBinaryOpKind.CeilDiv, AffineBinaryOpKind.Mod)


def check_divisors(exprs: Iterable[AffineExpr], what: str) -> None:
    """`floordiv`, `ceildiv` and `mod` need a positive constant divisor (as in MLIR)."""
    for expr in exprs:
        for sub in expr.dfs():
            if isinstance(sub, AffineBinaryOpExpr) and sub.kind in _DIVISIONS:
                if not isinstance(sub.rhs, AffineConstantExpr) or sub.rhs.value <= 0:
                    raise VerifyException(
                        f"{what} must divide by positive constants, got {format_expr(sub)}"
                    )


def check_axes(axes: Sequence[int], rank: int, what: str = "axes") -> None:
    for axis in axes:
        if not 0 <= axis < rank:
            raise VerifyException(f"'{what}' entry {axis} is out of range for rank {rank}")
    if len(set(axes)) != len(axes):
        raise VerifyException(f"'{what}' has repeated entries: {list(axes)}")


class MetaopOp(IRDLOperation, ABC):
    """A meta-op: every operand and result is a statically shaped tensor."""

    def verify_(self) -> None:
        for index, operand in enumerate(self.operands):
            check_tensor(operand.type, f"operand #{index}")
        for index, result in enumerate(self.results):
            check_tensor(result.type, f"result #{index}")
