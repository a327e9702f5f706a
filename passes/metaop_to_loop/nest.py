"""One kernel's loop nest, built from its `KernelSpec` and `#loop.schedule`.

Shape of the generated code (reduction kernels; element-wise kernels have no middle):

    for each parallel dimension, in schedule order (the first: scf.parallel over blocks)
      for its segments (full register blocks, then single vectors/points, then a masked tail)
        accumulators = identity                        # one per reduction and block point
        for each reduction dimension, in order         # scf.for carrying the accumulators
          accumulators = combine(accumulators, value)  # unrolled, vectorized register block
        finish (horizontal reduce a vectorized reduction dimension; scale a mean)
        epilogue: element-wise ops on the results; store the outputs

A register block is the product of `unroll[d]` points along every dimension, the
vector dimension contributing `width` lanes per point; the straight-line code of one
block reuses every load that does not depend on an unrolled dimension.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from xdsl.dialects import arith, memref, scf, vector
from xdsl.dialects.builtin import MemRefType, VectorType, i64
from xdsl.ir import Block, Region, SSAValue
from xdsl.ir.affine import AffineExpr

from mopc.core.types import is_float
from mopc.dialects import metaop as m
from mopc.dialects.loop.schedule import Schedule
from mopc.dialects.metaop import BinaryKind, ReduceKind
from mopc.passes.metaop_to_loop.compute import Compute, combining_kind
from mopc.passes.metaop_to_loop.emitter import INDEX, LoopEmitter
from mopc.passes.metaop_to_loop.kernel_analysis import (
    Const,
    Expr,
    Index,
    KernelSpec,
    Load,
    Op,
    Output,
    Reduced,
)
from mopc.passes.metaop_to_loop.loads import Loader, Point, unit_stride, uses_dim
from mopc.passes.metaop_to_loop.segments import Segment, segments


@dataclass(frozen=True)
class Binding:
    """A dimension inside its loops: the index of the block's first element, how many
    points the block has along it, and (a partial vector) how many lanes are live."""

    base: SSAValue
    unroll: int
    active: int | None = None


Env = dict[int, Binding]


class KernelCodegen:
    def __init__(
        self, spec: KernelSpec, schedule: Schedule, entry: Block,
        inputs: list[SSAValue], outputs: list[SSAValue],
    ):
        self.spec = spec
        self.schedule = schedule
        self.e = LoopEmitter(entry)
        self.loader = Loader(self.e, inputs)
        self.compute = Compute(self.e)
        self.outputs = outputs
        self.vdim = schedule.vector[0] if schedule.vector else None
        self.width = schedule.vector[1] if schedule.vector else 1
        reduction = spec.reduction_dims
        self.par_order = [d for d in schedule.order if d not in reduction]
        self.red_order = [d for d in schedule.order if d in reduction]
        self.reduced: dict[tuple, tuple[SSAValue, bool]] = {}  # (reduction, offsets) -> finished value

    # -- entry -----------------------------------------------------------------------------
    def generate(self) -> None:
        if self.spec.scatter is not None:
            self._scatter(self.spec.scatter)
            return
        tiled = [d for d in self.par_order if 0 < self.schedule.tile[d] < self._extent(d)]
        self._tile_level(tiled, {})

    # -- loops -----------------------------------------------------------------------------
    def _extent(self, dim: int) -> int:
        return self.spec.domain[dim]

    def _dim_segments(self, dim: int):
        width = self.width if dim == self.vdim else 1
        return segments(self._extent(dim), self.schedule.unroll[dim], width)

    def _loop(self, seg, parallel: bool, body: Callable[[SSAValue], None], origin: SSAValue | None = None) -> None:
        """Run `body(base)` for every step of a segment (offset by `origin`, a tile's
        start): inline for one step, else scf.for, or scf.parallel over the steps."""
        e = self.e
        origin = origin if origin is not None else e.index(0)
        start = e.add_index(origin, e.index(seg.start))
        if seg.trips == 1:
            body(start)
            return
        block = Block(arg_types=[INDEX])
        with e.inside(block):
            if parallel:
                body(e.add_index(start, e.mul_index(block.args[0], e.index(seg.step))))
                block.add_op(scf.ReduceOp())
            else:
                body(block.args[0])
                block.add_op(scf.YieldOp())
        if parallel:
            e.add(scf.ParallelOp([e.index(0)], [e.index(seg.trips)], [e.index(1)], Region(block)))
        else:
            stop = e.add_index(origin, e.index(seg.stop))
            e.add(scf.ForOp(start, stop, e.index(seg.step), [], Region(block)))

    def _tile_level(self, dims: list[int], tiles: dict[int, tuple[SSAValue, int]]) -> None:
        """Cache tiles: loops over whole tiles of each tiled dimension, then one partial
        tile; inside, the block loops cover one tile (`tiles`: dimension -> start, extent)."""
        if not dims:
            self._parallel_level(self.par_order, {}, tiles)
            return
        e = self.e
        dim, rest = dims[0], dims[1:]
        size, extent = self.schedule.tile[dim], self._extent(dim)
        whole = extent - extent % size
        parallel = self.schedule.parallel > 0 and dim == self.par_order[0]
        if whole:
            seg = Segment(0, whole, size, 1)
            self._loop(seg, parallel and seg.trips > 1,
                       lambda base: self._tile_level(rest, tiles | {dim: (base, size)}))
        if extent % size:
            self._tile_level(rest, tiles | {dim: (e.index(whole), extent % size)})

    def _parallel_level(self, dims: list[int], env: Env, tiles: dict[int, tuple[SSAValue, int]]) -> None:
        if not dims:
            self._register_block(env)
            return
        dim, rest = dims[0], dims[1:]
        origin, extent = tiles.get(dim, (None, self._extent(dim)))
        width = self.width if dim == self.vdim else 1
        for index, seg in enumerate(segments(extent, self.schedule.unroll[dim], width)):
            parallel = self.schedule.parallel > 0 and dim == self.par_order[0] and index == 0 and dim not in tiles
            self._loop(seg, parallel, lambda base, s=seg: self._parallel_level(
                rest, env | {dim: Binding(base, s.unroll, s.lanes)}, tiles), origin)

    def _reduction_level(self, dims: list[int], env: Env, accs: list[SSAValue]) -> list[SSAValue]:
        if not dims:
            return self._accumulate(env, accs)
        dim, rest = dims[0], dims[1:]
        e = self.e
        for seg in self._dim_segments(dim):
            if seg.trips == 1:
                accs = self._reduction_level(rest, env | {dim: Binding(e.index(seg.start), seg.unroll, seg.lanes)}, accs)
                continue
            block = Block(arg_types=[INDEX, *(a.type for a in accs)])
            with e.inside(block):
                inner = env | {dim: Binding(block.args[0], seg.unroll, seg.lanes)}
                new = self._reduction_level(rest, inner, list(block.args[1:]))
                block.add_op(scf.YieldOp(*new))
            loop = scf.ForOp(e.index(seg.start), e.index(seg.stop), e.index(seg.step), accs, Region(block))
            e.add(loop)
            accs = list(loop.results)
        return accs

    # -- points ----------------------------------------------------------------------------
    def _points(self, env: Env, dims: list[int]) -> list[tuple[tuple[int, ...], Point]]:
        """Every point of the register block over `dims`: (offsets, Point)."""
        e = self.e
        rank = len(self.spec.domain)
        zero = e.index(0)
        ranges = [range(env[d].unroll) for d in dims]
        vector = self.vdim if self.vdim in dims else None
        active = env[vector].active if vector is not None else None
        result = []
        for offsets in itertools.product(*ranges):
            indices = [env[d].base if d in env else zero for d in range(rank)]
            for d, u in zip(dims, offsets, strict=True):
                step = self.width if d == vector else 1
                indices[d] = e.offset(env[d].base, u * step)
            lanes = self.width if vector is not None else 1
            result.append((offsets, Point(tuple(indices), vector, lanes, active)))
        return result

    # -- values ----------------------------------------------------------------------------
    def value(self, expr: Expr, point: Point, offsets: tuple[int, ...] = ()) -> tuple[SSAValue, bool]:
        """`expr` at `point`; the bool says whether it is a vector."""
        key = ("value", id(expr), point.key())
        return self.e.memoized(key, lambda: self._value(expr, point, offsets))  # type: ignore[return-value]

    def _value(self, expr: Expr, point: Point, offsets: tuple[int, ...]) -> tuple[SSAValue, bool]:
        e = self.e
        match expr:
            case Load():
                return self.loader.load(expr, point)
            case Const():
                return e.constant(expr.value, expr.element), False
            case Index():
                return self._index_value(expr, point)
            case Reduced():
                return self.reduced[(expr.index, offsets)]
            case Op():
                args = [self.value(a, point, offsets) for a in expr.args]
                if any(is_vector for _, is_vector in args):
                    values = [v if is_vector else e.splat(v, point.lanes) for v, is_vector in args]
                    return self.compute.apply(expr.op, values), True
                return self.compute.apply(expr.op, [v for v, _ in args]), False
        raise ValueError(f"unknown expression {expr}")

    def _index_value(self, expr: Index, point: Point) -> tuple[SSAValue, bool]:
        e = self.e
        index = point.indices[expr.dim]
        is_vector = point.vector_dim == expr.dim
        if is_vector:
            index = e.add_vector_index(index, point.lanes)
        lanes = [point.lanes] if is_vector else None
        int_type = VectorType(expr.element, lanes) if lanes and not is_float(expr.element) else expr.element
        if is_float(expr.element):
            as_int = e.add(arith.IndexCastOp(index, VectorType(i64, lanes) if lanes else i64))
            float_type = VectorType(expr.element, lanes) if lanes else expr.element
            return e.add(arith.SIToFPOp(as_int, float_type)), is_vector
        return e.add(arith.IndexCastOp(index, int_type)), is_vector

    # -- the register block ------------------------------------------------------------------
    def _register_block(self, env: Env) -> None:
        spec = self.spec
        if not spec.reductions:
            for offsets, point in self._points(env, self.par_order):
                for output in spec.outputs:
                    self._store(output, point, *self.value(output.value, point, offsets))
            return
        e = self.e
        par_points = self._points(env, self.par_order)
        vector_reduction = self.vdim in spec.reduction_dims
        accs: list[SSAValue] = []
        for reduction in spec.reductions:
            for _, point in par_points:
                lanes = self.width if (point.is_vector or vector_reduction) else None
                t = VectorType(reduction.element, [lanes]) if lanes else reduction.element
                accs.append(e.constant(self.compute.identity(reduction.kind, reduction.element), t))
        accs = self._reduction_level(self.red_order, env, accs)
        self._finish(accs, par_points)
        for offsets, point in par_points:
            scalar_point = point if not vector_reduction else Point(point.indices)
            for output in spec.outputs:
                if output.reduced:
                    self._store(output, scalar_point, *self.value(output.value, scalar_point, offsets))

    def _accumulate(self, env: Env, accs: list[SSAValue]) -> list[SSAValue]:
        """The innermost body: combine every point's value into its accumulator."""
        spec = self.spec
        par_points = self._points(env, self.par_order)
        red_points = self._points(env, self.red_order) if self.red_order else [((), None)]
        accs = list(accs)
        for red_offsets, red_point in red_points:
            for p, (par_offsets, par_point) in enumerate(par_points):
                point = self._merge(par_point, red_point)
                for r, reduction in enumerate(spec.reductions):
                    slot = r * len(par_points) + p
                    accs[slot] = self._combine(reduction, accs[slot], point, par_offsets + red_offsets)
                for output in spec.outputs:
                    if not output.reduced:
                        self._store(output, point, *self.value(output.value, point, par_offsets))
        return accs

    def _merge(self, par: Point, red: Point | None) -> Point:
        if red is None:
            return par
        indices = tuple(
            red.indices[d] if d in self.spec.reduction_dims else par.indices[d]
            for d in range(len(par.indices))
        )
        vector = par.vector_dim if par.vector_dim is not None else red.vector_dim
        point = par if par.vector_dim is not None else red
        return Point(indices, vector, point.lanes, point.active)

    def _combine(self, reduction, acc: SSAValue, point: Point, offsets) -> SSAValue:
        value = reduction.value
        is_acc_vector = isinstance(acc.type, VectorType)
        # A reduce-add of a product: one fused multiply-add.
        masked_reduction = point.active is not None and point.vector_dim in self.spec.reduction_dims
        if reduction.kind in (ReduceKind.ADD, ReduceKind.MEAN) and isinstance(value, Op) and (
            isinstance(value.op, m.BinaryOp) and value.op.kind.data == BinaryKind.MUL
        ) and not masked_reduction:
            a = self._as(self.value(value.args[0], point, offsets), is_acc_vector)
            b = self._as(self.value(value.args[1], point, offsets), is_acc_vector)
            return self.compute.fma(a, b, acc)
        v = self._as(self.value(value, point, offsets), is_acc_vector)
        if masked_reduction:  # dead lanes of a reduced vector must not count
            identity = self.e.constant(self.compute.identity(reduction.kind, reduction.element), acc.type)
            v = self.e.select(self.e.constant_mask(point.lanes, point.active), v, identity)
        return self.compute.combine(reduction.kind, acc, v)

    def _as(self, value: tuple[SSAValue, bool], vector: bool) -> SSAValue:
        v, is_vector = value
        if vector and not is_vector:
            return self.e.splat(v, self.width)
        return v

    def _finish(self, accs: list[SSAValue], par_points) -> None:
        e = self.e
        spec = self.spec
        count = 1
        for d in spec.reduction_dims:
            count *= spec.domain[d]
        for r, reduction in enumerate(spec.reductions):
            for p, (offsets, point) in enumerate(par_points):
                acc = accs[r * len(par_points) + p]
                is_vector = isinstance(acc.type, VectorType)
                if is_vector and self.vdim in spec.reduction_dims:
                    acc, is_vector = e.reduce_lanes(combining_kind(reduction.kind, reduction.element), acc), False
                if reduction.kind == ReduceKind.MEAN:
                    acc = self.compute.binary(BinaryKind.MUL, acc, e.constant(1.0 / count, acc.type))
                self.reduced[(r, offsets)] = (acc, is_vector)

    # -- stores ----------------------------------------------------------------------------
    def _store(self, output: Output, point: Point, value: SSAValue, is_vector: bool) -> None:
        e = self.e
        ref = self.outputs[output.result]
        rank = len(self.spec.domain)
        dims = [AffineExpr.dimension(d) for d in range(rank)]
        exprs = self.spec.output_index(dims) if output.reduced else dims
        indices = [e.affine(x, point.indices) for x in exprs]
        v = point.vector_dim
        if v is None:
            e.add(memref.StoreOp.get(value, ref, indices))
            return
        if not is_vector:
            value = e.splat(value, point.lanes)
        contiguous = bool(exprs) and unit_stride(exprs[-1], v) and not any(uses_dim(x, v) for x in exprs[:-1])
        if not contiguous:
            self._scatter_lanes(value, ref, exprs, point)
        elif point.active is None:
            e.add(vector.StoreOp(value, ref, indices))
        else:
            e.add(vector.MaskedStoreOp(ref, indices, e.constant_mask(point.lanes, point.active), value))

    def _scatter_lanes(self, value: SSAValue, ref: SSAValue, exprs, point: Point) -> None:
        e = self.e
        v = point.vector_dim
        assert isinstance(ref.type, MemRefType)
        live = point.active if point.active is not None else point.lanes
        for lane in range(live):
            dims = list(point.indices)
            dims[v] = e.offset(dims[v], lane)
            indices = [e.affine(x, dims) for x in exprs]
            element = e.add(vector.ExtractOp(value, [lane], ref.type.get_element_type()))
            e.add(memref.StoreOp.get(element, ref, indices))

    # -- reindex_reduce: a serial scatter --------------------------------------------------
    def _scatter(self, op: m.ReindexReduceOp) -> None:
        """`out = identity; for i in domain: out[map(i)] = kind(out[map(i)], value(i))` where
        the target is in bounds and outside the overflow sets. Serial: targets may collide."""
        e = self.e
        out = self.outputs[0]
        assert isinstance(out.type, MemRefType) and self.spec.scatter_value is not None
        shape = tuple(out.type.get_shape())
        element = out.type.get_element_type()
        kind = op.kind.data
        identity = e.constant(self.compute.identity(kind, element), element)
        self._scalar_nest(shape, lambda indices: e.add(memref.StoreOp.get(identity, out, indices)))
        value_expr = self.spec.scatter_value

        def scatter(indices: list[SSAValue]) -> None:
            targets = [e.affine(x, indices) for x in op.map.data.results]
            valid = self.loader._valid(targets, shape, tuple(s.data for s in op.overflow.data), tuple(indices))
            then = Block()
            with e.inside(then):
                incoming, _ = self.value(value_expr, Point(tuple(indices)))
                current = e.add(memref.LoadOp.get(out, targets))
                e.add(memref.StoreOp.get(self.compute.combine(kind, current, incoming), out, targets))
                then.add_op(scf.YieldOp())
            e.add(scf.IfOp(valid, [], Region(then)))

        self._scalar_nest(self.spec.domain, scatter)

    def _scalar_nest(self, shape: tuple[int, ...], body: Callable[[list[SSAValue]], None]) -> None:
        e = self.e

        def level(depth: int, indices: list[SSAValue]) -> None:
            if depth == len(shape):
                body(indices)
                return
            block = Block(arg_types=[INDEX])
            with e.inside(block):
                level(depth + 1, [*indices, block.args[0]])
                block.add_op(scf.YieldOp())
            e.add(scf.ForOp(e.index(0), e.index(shape[depth]), e.index(1), [], Region(block)))

        level(0, [])

