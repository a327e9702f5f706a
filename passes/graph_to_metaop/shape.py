"""Data movement -> `reindex` with an index map (and constants -> `metaop.constant`).

Transpose, pad and slice are affine maps; pad's fill is its value and negative pads
crop. Reshape maps each result index to the input index with the same row-major
position, grouping the axes whose sizes multiply to the same products (MLIR's
reassociation) so that, for example, dropping unit axes stays a plain projection.
Concat adds one reindex per input, each out of bounds (fill 0) outside its slab.
Gather splits its indices into runs with a constant step (arithmetic progressions) and
reads each run with one reindex, filled with 0 outside the run's slab, summed like
concat: `indices [4, 5, 6, 0]` is two runs, `(d - 0) + 4` and `(d - 3) * 0 + 0`.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir.affine import AffineExpr, AffineSet
from xdsl.ir.affine.affine_set import AffineConstraintExpr, AffineConstraintKind
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects import metaop as m
from mopc.dialects.metaop import BinaryKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter, shape_of


def reassociation(src: Sequence[int], dst: Sequence[int]) -> list[tuple[list[int], list[int]]]:
    """Pair consecutive groups of source and result axes with equal element counts
    (trailing unit axes join the last group). Requires equal total element counts."""
    groups: list[tuple[list[int], list[int]]] = []
    i = j = 0
    while i < len(src) and j < len(dst):
        a, b = [i], [j]
        pa, pb = src[i], dst[j]
        i, j = i + 1, j + 1
        while pa != pb:
            if pa < pb:
                pa, i = pa * src[i], i + 1
                a.append(i - 1)
            else:
                pb, j = pb * dst[j], j + 1
                b.append(j - 1)
        groups.append((a, b))
    if not groups:
        groups.append(([], []))
    groups[-1][0].extend(range(i, len(src)))
    groups[-1][1].extend(range(j, len(dst)))
    return groups


def reshape_index(src: Sequence[int], dst: Sequence[int], d: list[AffineExpr]) -> list[AffineExpr]:
    """Input index expressions, per source axis, of a row-major reshape `src` -> `dst`."""
    index: list[AffineExpr] = [AffineExpr.constant(0)] * len(src)
    if 0 in src:  # no elements: nothing is ever read (and the groups below would not pair)
        return index
    for src_axes, dst_axes in reassociation(src, dst):
        linear = AffineExpr.constant(0)
        for axis in dst_axes:
            if dst[axis] != 1:
                linear = linear * dst[axis] + d[axis]
        stride = 1
        for position, axis in reversed(list(enumerate(src_axes))):
            size = src[axis]
            if size != 1:
                expr = linear if stride == 1 else linear // stride
                index[axis] = expr if position == 0 else expr % size
            stride *= size
    return index


class LowerReshape(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.ReshapeOp | g.FlattenOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        src, dst = shape_of(op.input), shape_of(op.result)
        y = e.reindex(op.input, dst, lambda d: reshape_index(src, dst, d))
        rewriter.replace(op, e.ops, [y])


class LowerTranspose(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.TransposeOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        perm = op.perm.get_values()
        inverse = [perm.index(axis) for axis in range(len(perm))]
        y = e.reindex(op.input, shape_of(op.result), lambda d: [d[i] for i in inverse])
        rewriter.replace(op, e.ops, [y])


class LowerPad(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.PadOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        begins = op.pads.get_values()[: len(shape_of(op.input))]
        y = e.reindex(
            op.input, shape_of(op.result),
            lambda d: [x - b for x, b in zip(d, begins, strict=True)],
            fill=op.value.value.data,
        )
        rewriter.replace(op, e.ops, [y])


class LowerSlice(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.SliceOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        axes = op.axis_slices()
        y = e.reindex(
            op.input, shape_of(op.result),
            lambda d: [x * s.step + s.start for x, s in zip(d, axes, strict=True)],
        )
        rewriter.replace(op, e.ops, [y])


class LowerConcat(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.ConcatOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        out = shape_of(op.result)
        axis = op.axis.value.data
        parts = []
        offset = 0
        for value in op.inputs:
            if len(op.inputs) == 1:
                parts.append(value)
                break
            start = offset
            parts.append(e.reindex(
                value, out, lambda d, start=start: [x - start if a == axis else x for a, x in enumerate(d)]
            ))
            offset += shape_of(value)[axis]
        y = parts[0]
        for part in parts[1:]:
            y = e.binary(BinaryKind.ADD, y, part)
        rewriter.replace(op, e.ops, [y])


def arithmetic_runs(indices: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """`(offset, length, start, step)` runs: positions `offset ..< offset + length` of
    `indices` hold `start + k * step`."""
    runs = []
    offset = 0
    while offset < len(indices):
        step = indices[offset + 1] - indices[offset] if offset + 1 < len(indices) else 1
        length = 1
        while (offset + length < len(indices)
               and indices[offset + length] - indices[offset + length - 1] == step):
            length += 1
        runs.append((offset, length, indices[offset], step if length > 1 else 1))
        offset += length
    return runs


def _run_index(d: AffineExpr, offset: int, start: int, step: int) -> AffineExpr:
    """`(d - offset) * step + start`, written without no-op terms."""
    if step == 0:
        return AffineExpr.constant(start)
    return (d - offset) * step + start


def _outside(axis: int, begin: int, end: int, size: int, rank: int) -> list[AffineSet]:
    """The points whose `axis` index (in `0 ..< size`) lies before `begin` or at or
    after `end`."""
    d = AffineExpr.dimension(axis)
    zero = AffineExpr.constant(0)
    sets = []
    if begin > 0:
        sets.append(AffineExpr.constant(begin - 1) - d)  # d <= begin - 1
    if end < size:
        sets.append(d - end)  # d >= end
    return [AffineSet(rank, 0, (AffineConstraintExpr(AffineConstraintKind.ge, s, zero),))
            for s in sets]


class LowerGather(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.GatherOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        out = shape_of(op.result)
        axis = op.axis.value.data
        indices = op.indices.get_values()
        runs = arithmetic_runs(indices)
        parts = []
        for offset, length, start, step in runs:
            overflow = _outside(axis, offset, offset + length, out[axis], len(out))
            parts.append(e.reindex(
                op.input, out,
                lambda d, o=offset, a=start, s=step: [
                    _run_index(x, o, a, s) if i == axis else x for i, x in enumerate(d)
                ],
                overflow=overflow,
            ))
        y = parts[0]
        for part in parts[1:]:
            y = e.binary(BinaryKind.ADD, y, part)
        rewriter.replace(op, e.ops, [y])


class LowerConstant(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.ConstantOp, rewriter: PatternRewriter) -> None:
        new = m.ConstantOp(op.value)
        new.location = op.location
        rewriter.replace(op, [new], [new.result])


PATTERNS = [
    LowerReshape(), LowerTranspose(), LowerPad(), LowerSlice(), LowerConcat(), LowerGather(),
    LowerConstant(),
]
