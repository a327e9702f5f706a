"""`MetaopEmitter`: builds the meta-ops that replace one graph op.

Every meta-op it creates carries the graph op's location, so errors and fusion reports
at lower levels still point at the model's node.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from xdsl.dialects.builtin import TensorType, f32
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.ir.affine import AffineExpr, AffineMap, AffineSet

from mopc.core.elements import array_to_elements
from mopc.dialects import metaop as m
from mopc.dialects.metaop import BinaryKind, CompareKind, ReduceKind, UnaryKind

IndexFn = Callable[[list[AffineExpr]], Sequence[AffineExpr | int]]


def index_map(rank: int, fn: IndexFn) -> AffineMap:
    """An affine map over `rank` dimensions; `fn` gets the dimension expressions."""
    dims = [AffineExpr.dimension(i) for i in range(rank)]
    results = tuple(r if isinstance(r, AffineExpr) else AffineExpr.constant(r) for r in fn(dims))
    return AffineMap(rank, 0, results)


def shape_of(value: SSAValue) -> tuple[int, ...]:
    assert isinstance(value.type, TensorType)
    return tuple(value.type.get_shape())


class MetaopEmitter:
    def __init__(self, location: Attribute):
        self.location = location
        self.ops: list[Operation] = []

    def _add(self, op: Operation) -> SSAValue:
        op.location = self.location
        self.ops.append(op)
        return op.results[0]

    # -- element-wise ------------------------------------------------------------------
    def splat(self, value: float, shape: Sequence[int], element: Attribute = f32) -> SSAValue:
        """A scalar constant broadcast to `shape` (Jittor's `make_number`): the constant
        stays one element at every level, and fusion absorbs the broadcast."""
        scalar = self._add(m.ConstantOp.splat(value, (), element))
        return self.broadcast(scalar, shape, range(len(shape))) if len(shape) else scalar

    def constant(self, array: np.ndarray) -> SSAValue:
        return self._add(m.ConstantOp(array_to_elements(array)))

    def unary(self, kind: UnaryKind, x: SSAValue) -> SSAValue:
        return self._add(m.UnaryOp(kind, x))

    def binary(self, kind: BinaryKind, a: SSAValue, b: SSAValue) -> SSAValue:
        return self._add(m.BinaryOp(kind, a, b))

    def binary_scalar(self, kind: BinaryKind, a: SSAValue, value: float) -> SSAValue:
        return self.binary(kind, a, self.splat(value, shape_of(a)))

    def compare(self, kind: CompareKind, a: SSAValue, b: SSAValue) -> SSAValue:
        return self._add(m.CompareOp(kind, a, b))

    def ternary(self, cond: SSAValue, a: SSAValue, b: SSAValue) -> SSAValue:
        return self._add(m.TernaryOp(cond, a, b))

    # -- reindex class -----------------------------------------------------------------
    def broadcast(self, x: SSAValue, shape: Sequence[int], dims: Sequence[int] = ()) -> SSAValue:
        return self._add(m.BroadcastOp(x, shape, dims))

    def expand(self, x: SSAValue, shape: Sequence[int]) -> SSAValue:
        """NumPy broadcasting of `x` to `shape` (nothing is emitted if it already fits)."""
        src = shape_of(x)
        if src == tuple(shape):
            return x
        return self.broadcast(x, shape, range(len(shape) - len(src)))

    def reindex(
        self, x: SSAValue, shape: Sequence[int], fn: IndexFn, fill: float = 0.0,
        overflow: Sequence[AffineSet] = (),
    ) -> SSAValue:
        return self._add(m.ReindexOp(x, shape, index_map(len(shape), fn), fill, overflow))

    # -- reindex-reduce class ----------------------------------------------------------
    def reduce(
        self, kind: ReduceKind, x: SSAValue, axes: Sequence[int], keepdims: bool = False
    ) -> SSAValue:
        return self._add(m.ReduceOp(kind, x, axes, keepdims))

    def reindex_reduce(
        self, kind: ReduceKind, y: SSAValue, shape: Sequence[int], fn: IndexFn,
        overflow: Sequence[AffineSet] = (),
    ) -> SSAValue:
        rank = len(shape_of(y))
        return self._add(m.ReindexReduceOp(kind, y, shape, index_map(rank, fn), overflow))
