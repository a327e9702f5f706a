"""Pooling -> `reindex` over `[N, C, OH, OW, KH, KW]` windows, then `reduce`.

Max pooling fills out-of-bounds taps with -inf, so padding and ceil_mode overhang never
win. Average pooling sums with fill 0 and divides by the per-window tap count, a
compile-time constant (`shapes.pool_window_counts`, ONNX's divisor rule).
"""

from __future__ import annotations

import math

import numpy as np
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects.graph.shapes import pool_window_counts
from mopc.dialects.metaop import BinaryKind, ReduceKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter, shape_of


def _gather_windows(e: MetaopEmitter, op: g.MaxPool2dOp | g.AvgPool2dOp, fill: float):
    n, c, oh, ow = shape_of(op.result)
    kh, kw = op.kernel.get_values()
    sh, sw = op.strides.get_values()
    top, left, _, _ = op.pads.get_values()
    dh, dw = op.dilations.get_values()
    return e.reindex(
        op.input,
        (n, c, oh, ow, kh, kw),
        lambda d: (d[0], d[1], d[2] * sh + d[4] * dh - top, d[3] * sw + d[5] * dw - left),
        fill=fill,
    )


class LowerMaxPool2d(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.MaxPool2dOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        y = e.reduce(ReduceKind.MAX, _gather_windows(e, op, -math.inf), axes=(4, 5))
        rewriter.replace(op, e.ops, [y])


class LowerAvgPool2d(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.AvgPool2dOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        n, c, oh, ow = shape_of(op.result)
        total = e.reduce(ReduceKind.ADD, _gather_windows(e, op, 0.0), axes=(4, 5))
        counts = pool_window_counts(
            shape_of(op.input)[2:], (oh, ow), op.kernel.get_values(), op.strides.get_values(),
            op.dilations.get_values(), op.pads.get_values(), op.count_include_pad is not None,
        )
        if np.all(counts == counts.flat[0]):
            y = e.binary_scalar(BinaryKind.DIV, total, float(counts.flat[0]))
        else:
            divisor = e.broadcast(e.constant(counts.astype(np.float32)), (n, c, oh, ow), dims=(0, 1))
            y = e.binary(BinaryKind.DIV, total, divisor)
        rewriter.replace(op, e.ops, [y])


class LowerGlobalPool(RewritePattern):
    """Global pooling = `reduce mean|max` over the spatial axes, keeping them."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.GlobalAvgPoolOp | g.GlobalMaxPoolOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        kind = ReduceKind.MEAN if isinstance(op, g.GlobalAvgPoolOp) else ReduceKind.MAX
        axes = range(2, len(shape_of(op.input)))
        y = e.reduce(kind, op.input, axes, keepdims=True)
        rewriter.replace(op, e.ops, [y])


PATTERNS = [LowerMaxPool2d(), LowerAvgPool2d(), LowerGlobalPool()]
