"""`graph.reduce_*` -> `metaop.reduce` of the same kind, axes and keepdims."""

from __future__ import annotations

from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects.metaop import ReduceKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter

_KINDS = {
    g.ReduceSumOp: ReduceKind.ADD,
    g.ReduceMeanOp: ReduceKind.MEAN,
    g.ReduceMaxOp: ReduceKind.MAX,
    g.ReduceMinOp: ReduceKind.MIN,
}


class LowerReduce(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(
        self,
        op: g.ReduceSumOp | g.ReduceMeanOp | g.ReduceMaxOp | g.ReduceMinOp,
        rewriter: PatternRewriter,
    ) -> None:
        e = MetaopEmitter(op.location)
        y = e.reduce(_KINDS[type(op)], op.input, op.axes.get_values(), op.keepdims is not None)
        rewriter.replace(op, e.ops, [y])


PATTERNS = [LowerReduce()]
