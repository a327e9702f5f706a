"""Evaluating typed index expressions on NumPy index grids.

Indices are open grids (`np.ogrid`): the array for axis k has size n_k along axis k and
1 elsewhere, so an expression only materialises the axes it uses and NumPy broadcasting
does the rest. Semantics are MLIR's: `floordiv` rounds toward -inf, `ceildiv` toward
+inf, and `mod` is non-negative for a positive divisor.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSet,
)
from xdsl.ir.affine.affine_set import AffineConstraintKind

IndexArray = np.ndarray


def grids(shape: Sequence[int], offset0: int = 0, extent0: int | None = None) -> list[IndexArray]:
    """Open index grids over `shape`; axis 0 may be restricted to a chunk."""
    ranges = [np.arange(n, dtype=np.int64) for n in shape]
    if ranges and extent0 is not None:
        ranges[0] = ranges[0][offset0 : offset0 + extent0]
    rank = len(shape)
    return [r.reshape([-1 if k == axis else 1 for k in range(rank)]) for axis, r in enumerate(ranges)]


def eval_expr(expr: AffineExpr, dims: Sequence[IndexArray]) -> IndexArray:
    match expr:
        case AffineConstantExpr():
            return np.int64(expr.value)
        case AffineDimExpr():
            return dims[expr.position]
        case AffineBinaryOpExpr():
            lhs, rhs = eval_expr(expr.lhs, dims), eval_expr(expr.rhs, dims)
            match expr.kind:
                case AffineBinaryOpKind.Add:
                    return lhs + rhs
                case AffineBinaryOpKind.Mul:
                    return lhs * rhs
                case AffineBinaryOpKind.FloorDiv:
                    return np.floor_divide(lhs, rhs)
                case AffineBinaryOpKind.CeilDiv:
                    return -np.floor_divide(-lhs, rhs)
                case AffineBinaryOpKind.Mod:
                    return np.mod(lhs, rhs)
    raise ValueError(f"unsupported index expression {expr}")


def eval_map(m: AffineMap, dims: Sequence[IndexArray]) -> list[IndexArray]:
    return [eval_expr(r, dims) for r in m.results]


def in_set(s: AffineSet, dims: Sequence[IndexArray]) -> np.ndarray:
    """Whether each point satisfies every constraint of the integer set."""
    inside: np.ndarray = np.bool_(True)
    for c in s.constraints:
        value = eval_expr(c.lhs, dims) - eval_expr(c.rhs, dims)
        match c.kind:
            case AffineConstraintKind.ge:
                inside = inside & (value >= 0)
            case AffineConstraintKind.le:
                inside = inside & (value <= 0)
            case AffineConstraintKind.eq:
                inside = inside & (value == 0)
    return inside


def valid_mask(
    indices: Sequence[IndexArray], bounds: Sequence[int], overflow: Sequence[AffineSet],
    dims: Sequence[IndexArray],
) -> np.ndarray:
    """True where every index is inside `bounds` and the point is in no overflow set."""
    valid: np.ndarray = np.bool_(True)
    for index, size in zip(indices, bounds, strict=True):
        valid = valid & (index >= 0) & (index < size)
    for s in overflow:
        valid = valid & ~in_set(s, dims)
    return valid
