"""Matrix products -> `broadcast(a) * broadcast(b) -> reduce add` (Jittor's matmul).

The iteration space is `[batch..., M, K, N]` (M or N absent for a 1-D operand); `a`
lives on `[batch..., M, K]` and `b` on `[batch..., K, N]`, so both are plain
broadcasts, and the product is summed over K. Gemm's transposed operands are reindexes.
"""

from __future__ import annotations

from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects.metaop import BinaryKind, ReduceKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter, shape_of


class LowerMatmul(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.MatmulOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        a_shape, b_shape = shape_of(op.lhs), shape_of(op.rhs)
        out = shape_of(op.result)
        has_m, has_n = len(a_shape) >= 2, len(b_shape) >= 2
        batch = out[: len(out) - has_m - has_n]
        k = a_shape[-1]
        m_axes = (a_shape[-2],) if has_m else ()
        n_axes = (b_shape[-1],) if has_n else ()
        space = (*batch, *m_axes, k, *n_axes)
        k_axis = len(batch) + len(m_axes)
        a_batch = len(a_shape) - 1 - has_m
        b_batch = len(b_shape) - 1 - has_n
        a_new = [*range(len(batch) - a_batch), *([k_axis + 1] if has_n else [])]
        b_new = [*range(len(batch) - b_batch), *([k_axis - 1] if has_m else [])]
        # A 1-D operand can already span the whole space: then there is nothing to broadcast.
        aa = op.lhs if a_shape == space else e.broadcast(op.lhs, space, a_new)
        bb = op.rhs if b_shape == space else e.broadcast(op.rhs, space, b_new)
        y = e.reduce(ReduceKind.ADD, e.binary(BinaryKind.MUL, aa, bb), [k_axis])
        rewriter.replace(op, e.ops, [y])


class LowerGemm(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.GemmOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        m, n = shape_of(op.result)
        k = shape_of(op.a)[0 if op.trans_a is not None else 1]
        space = (m, k, n)
        if op.trans_a is not None:
            aa = e.reindex(op.a, space, lambda d: (d[1], d[0]))
        else:
            aa = e.broadcast(op.a, space, [2])
        if op.trans_b is not None:
            bb = e.reindex(op.b, space, lambda d: (d[2], d[1]))
        else:
            bb = e.broadcast(op.b, space, [0])
        y = e.reduce(ReduceKind.ADD, e.binary(BinaryKind.MUL, aa, bb), [1])
        if (alpha := op.alpha.value.data) != 1.0:
            y = e.binary_scalar(BinaryKind.MUL, y, alpha)
        if op.c is not None:
            c = e.expand(op.c, (m, n))
            if (beta := op.beta.value.data) != 1.0:
                c = e.binary_scalar(BinaryKind.MUL, c, beta)
            y = e.binary(BinaryKind.ADD, y, c)
        rewriter.replace(op, e.ops, [y])


PATTERNS = [LowerMatmul(), LowerGemm()]
