"""Reading a kernel input at one point of a register block.

A point binds every domain dimension to an index value; when the kernel is vectorized,
the vector dimension's index is that of lane 0 and the point covers `lanes` lanes. A
`Load` then becomes, depending on how its index map uses the vector dimension:

* a scalar load (the map does not use it): one value for all lanes;
* a contiguous vector load (only the input's last axis uses it, with coefficient 1;
  or, in a blocked layout, the last axis is `d mod B` and the others use it only as
  `d floordiv B`, with B a multiple of the lanes: lane 0's index is a multiple of the
  lanes, so a vector never crosses a block);
* a gather (anything else): one scalar load per lane, inserted into a vector.

Where the map can leave the input (`Load.fill` is set), out-of-range elements read the
fill value: scalar loads clamp the index and select; vector loads use a lane mask with
the fill as pass-through, so padding costs no branches.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.dialects import arith, memref, vector
from xdsl.dialects.builtin import MemRefType, VectorType, i1
from xdsl.ir import SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineSet,
)
from xdsl.ir.affine.affine_set import AffineConstraintKind

from mopc.passes.metaop_to_loop.emitter import LoopEmitter
from mopc.passes.metaop_to_loop.kernel_analysis import Load


@dataclass(frozen=True)
class Point:
    """One point of a register block: an index value per domain dimension; with a
    vector dimension, the index is lane 0's, `lanes` lanes wide, `active` of them live."""

    indices: tuple[SSAValue, ...]
    vector_dim: int | None = None
    lanes: int = 1
    active: int | None = None  # a partial vector: lanes >= active are dead

    @property
    def is_vector(self) -> bool:
        return self.vector_dim is not None

    def key(self) -> tuple:
        return (self.indices, self.vector_dim, self.lanes, self.active)


def uses_dim(expr: AffineExpr, dim: int) -> bool:
    return any(isinstance(e, AffineDimExpr) and e.position == dim for e in expr.dfs())


def unit_stride(expr: AffineExpr, dim: int) -> bool:
    """`expr` is `dim + (terms without dim)`: consecutive lanes read consecutive elements."""
    if isinstance(expr, AffineDimExpr):
        return expr.position == dim
    if isinstance(expr, AffineBinaryOpExpr) and expr.kind == AffineBinaryOpKind.Add:
        lhs, rhs = uses_dim(expr.lhs, dim), uses_dim(expr.rhs, dim)
        if lhs and not rhs:
            return unit_stride(expr.lhs, dim)
        if rhs and not lhs:
            return unit_stride(expr.rhs, dim)
    return False


def _shape(ref: SSAValue) -> tuple[int, ...]:
    assert isinstance(ref.type, MemRefType)
    return tuple(ref.type.get_shape())


class Loader:
    def __init__(self, emitter: LoopEmitter, inputs: list[SSAValue]):
        self.e = emitter
        self.inputs = inputs

    def load(self, load: Load, point: Point) -> tuple[SSAValue, bool]:
        """The loaded value and whether it is a vector. Memoized on the evaluated indices,
        so unrolled points that read the same element share one load."""
        e = self.e
        indices = tuple(e.affine(r, point.indices) for r in load.map.results)
        context = point.indices if load.overflow else ()
        key = ("load", load.input, indices, load.fill, load.overflow, context,
               point.vector_dim if self._uses_vector(load, point) else None, point.lanes, point.active)
        return e.memoized(key, lambda: self._load(load, point))  # type: ignore[return-value]

    def _uses_vector(self, load: Load, point: Point) -> bool:
        v = point.vector_dim
        return v is not None and (
            any(uses_dim(r, v) for r in load.map.results) or any(_set_uses(s, v) for s in load.overflow)
        )

    def _load(self, load: Load, point: Point) -> tuple[SSAValue, bool]:
        v = point.vector_dim
        results = load.map.results
        if v is None or not any(uses_dim(r, v) for r in results) and not any(
            _set_uses(s, v) for s in load.overflow
        ):
            return self._scalar(load, point.indices), False
        last = results[-1] if results else None
        contiguous = (
            last is not None
            and unit_stride(last, v)
            and not any(uses_dim(r, v) for r in results[:-1])
            and not any(_set_uses(s, v) for s in load.overflow)
        )
        if contiguous or _blocked(results, v, point.lanes) and not load.overflow:
            return self._vector(load, point), True
        return self._gather(load, point), True

    # -- scalar ----------------------------------------------------------------------------
    def _scalar(self, load: Load, dims: tuple[SSAValue, ...]) -> SSAValue:
        e = self.e
        ref = self.inputs[load.input]
        indices = [e.affine(r, dims) for r in load.map.results]
        if load.fill is None:
            return e.memoized(("load", ref, tuple(indices)), lambda: e.add(memref.LoadOp.get(ref, indices)))
        checked = load.checked or (True,) * len(indices)
        valid = self._valid(indices, _shape(ref), load.overflow, dims, checked)
        clamped = [self._clamp(i, size) if c else i for i, size, c in zip(indices, _shape(ref), checked, strict=True)]
        value = e.memoized(("load", ref, tuple(clamped)), lambda: e.add(memref.LoadOp.get(ref, clamped)))
        fill = e.constant(load.fill, load.element)
        return e.memoized(("select", valid, value, fill), lambda: e.select(valid, value, fill))

    def _clamp(self, index: SSAValue, size: int) -> SSAValue:
        e = self.e
        low = e.memoized(("maxsi", index, 0), lambda: e.add(arith.MaxSIOp(index, e.index(0))))
        return e.memoized(("minsi", low, size), lambda: e.add(arith.MinSIOp(low, e.index(size - 1))))

    def _valid(
        self, indices: list[SSAValue], shape: tuple[int, ...], overflow: tuple[AffineSet, ...],
        dims: tuple[SSAValue, ...], checked: tuple[bool, ...] | None = None,
    ) -> SSAValue:
        e = self.e
        conditions = []
        checked = checked or (True,) * len(indices)
        for index, size, check in zip(indices, shape, checked, strict=True):
            if not check:
                continue
            conditions.append(e.memoized(("ge0", index), lambda i=index: e.cmpi(i, e.index(0), "sge")))
            conditions.append(e.memoized(("lt", index, size), lambda i=index, s=size: e.cmpi(i, e.index(s), "slt")))
        for s in overflow:
            inside = self._in_set(s, dims)
            conditions.append(e.add(arith.XOrIOp(inside, e.constant(True, i1))))
        valid = conditions[0] if conditions else e.constant(True, i1)
        for c in conditions[1:]:
            valid = e.memoized(("and", valid, c), lambda a=valid, b=c: e.add(arith.AndIOp(a, b)))
        return valid

    def _in_set(self, s: AffineSet, dims: tuple[SSAValue, ...]) -> SSAValue:
        e = self.e
        inside = e.constant(True, i1)
        for c in s.constraints:
            lhs = e.affine(c.lhs, dims)
            rhs = e.affine(c.rhs, dims)
            predicate = {AffineConstraintKind.ge: "sge", AffineConstraintKind.le: "sle",
                         AffineConstraintKind.eq: "eq"}[c.kind]
            holds = e.cmpi(lhs, rhs, predicate)
            inside = e.add(arith.AndIOp(inside, holds))
        return inside

    # -- vectors ---------------------------------------------------------------------------
    def _vector(self, load: Load, point: Point) -> SSAValue:
        e = self.e
        ref = self.inputs[load.input]
        shape = _shape(ref)
        lanes = point.lanes
        t = VectorType(load.element, [lanes])
        results = load.map.results
        indices = [e.affine(r, point.indices) for r in results]
        if load.fill is None and point.active is None:
            return e.memoized(("vload", ref, tuple(indices), lanes),
                              lambda: e.add(vector.LoadOp(ref, indices, t)))
        # Masked: the last axis per lane, the other axes uniformly, and the live lanes.
        mask = self._tail_mask(point)
        if load.fill is not None:
            checked = load.checked or (True,) * len(indices)
            if checked[-1]:
                lane_ok = e.lane_mask(indices[-1], 0, shape[-1], lanes)
                mask = lane_ok if mask is None else e.add(arith.AndIOp(mask, lane_ok))
            if any(checked[:-1]) or load.overflow:
                uniform = self._valid(indices[:-1], shape[:-1], load.overflow, point.indices, checked[:-1])
                uniform_lanes = e.splat(uniform, lanes)
                mask = uniform_lanes if mask is None else e.add(arith.AndIOp(mask, uniform_lanes))
                indices = [
                    self._clamp(i, s) if c else i
                    for i, s, c in zip(indices[:-1], shape[:-1], checked[:-1], strict=True)
                ] + [indices[-1]]
        if mask is None:  # nothing to check after all
            return e.add(vector.LoadOp(ref, indices, t))
        assert mask is not None
        fill = e.constant(load.fill if load.fill is not None else 0, t)
        return e.memoized(("mload", ref, tuple(indices), mask, lanes),
                          lambda: e.add(vector.MaskedLoadOp(ref, indices, mask, fill, t)))

    def _tail_mask(self, point: Point) -> SSAValue | None:
        if point.active is None:
            return None
        return self.e.constant_mask(point.lanes, point.active)

    def _gather(self, load: Load, point: Point) -> SSAValue:
        e = self.e
        v = point.vector_dim
        assert v is not None
        t = VectorType(load.element, [point.lanes])
        result = e.constant(load.fill if load.fill is not None else 0, t)
        live = point.active if point.active is not None else point.lanes
        for lane in range(live):
            dims = list(point.indices)
            dims[v] = e.offset(dims[v], lane)
            scalar = self._scalar(load, tuple(dims))
            result = e.add(vector.InsertOp(scalar, result, [lane], t))
        return result


def _block_of(expr: AffineExpr, dim: int, kind: AffineBinaryOpKind) -> int | None:
    """B when `expr` is `d<dim> floordiv B` or `d<dim> mod B` (by `kind`)."""
    if (isinstance(expr, AffineBinaryOpExpr) and expr.kind == kind and isinstance(expr.lhs, AffineDimExpr)
            and expr.lhs.position == dim and isinstance(expr.rhs, AffineConstantExpr)):
        return expr.rhs.value
    return None


def _blocked(results: tuple[AffineExpr, ...], dim: int, lanes: int) -> bool:
    """A blocked layout read along `dim` (`pack-constants`): `[.., d floordiv B, .., d mod B]`."""
    if not results:
        return False
    block = _block_of(results[-1], dim, AffineBinaryOpKind.Mod)
    if block is None or block % lanes:
        return False
    return all(not uses_dim(r, dim) or _block_of(r, dim, AffineBinaryOpKind.FloorDiv) == block
               for r in results[:-1])


def _set_uses(s: AffineSet, dim: int) -> bool:
    return any(uses_dim(c.lhs, dim) or uses_dim(c.rhs, dim) for c in s.constraints)
