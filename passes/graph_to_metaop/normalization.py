"""Batch normalisation and (log-)softmax -> element-wise meta-ops and reductions.

Batch norm folds its four parameters into a per-channel scale and shift first
(`inv = scale / sqrt(var + eps)`, `shift = bias - mean * inv`, computed on `[C]`), then
`y = x * inv + shift` with both broadcast along the channel axis; constant folding can
later evaluate the `[C]` part once. Softmax subtracts the maximum for stability.
"""

from __future__ import annotations

from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects.metaop import BinaryKind, ReduceKind, UnaryKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter, shape_of


class LowerBatchNorm(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.BatchNormOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        shape = shape_of(op.input)
        eps = op.epsilon.value.data
        std = e.unary(UnaryKind.SQRT, e.binary_scalar(BinaryKind.ADD, op.variance, eps))
        inv = e.binary(BinaryKind.DIV, op.scale, std)
        shift = e.binary(BinaryKind.SUB, op.bias, e.binary(BinaryKind.MUL, op.mean, inv))
        others = [a for a in range(len(shape)) if a != 1]
        scaled = e.binary(BinaryKind.MUL, op.input, e.broadcast(inv, shape, others))
        y = e.binary(BinaryKind.ADD, scaled, e.broadcast(shift, shape, others))
        rewriter.replace(op, e.ops, [y])


class LowerSoftmax(RewritePattern):
    """softmax = `exp(x - max) / sum(exp(x - max))`;
    log_softmax = `(x - max) - log(sum(exp(x - max)))`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.SoftmaxOp | g.LogSoftmaxOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        shape = shape_of(op.input)
        axis = op.axis.value.data
        peak = e.broadcast(e.reduce(ReduceKind.MAX, op.input, [axis], keepdims=True), shape)
        shifted = e.binary(BinaryKind.SUB, op.input, peak)
        exp = e.unary(UnaryKind.EXP, shifted)
        total = e.reduce(ReduceKind.ADD, exp, [axis], keepdims=True)
        if isinstance(op, g.SoftmaxOp):
            y = e.binary(BinaryKind.DIV, exp, e.broadcast(total, shape))
        else:
            y = e.binary(BinaryKind.SUB, shifted, e.broadcast(e.unary(UnaryKind.LOG, total), shape))
        rewriter.replace(op, e.ops, [y])


PATTERNS = [LowerBatchNorm(), LowerSoftmax()]
