"""Element-wise graph ops -> `unary` / `binary` / `compare` / `ternary` meta-ops.

Broadcasting operands get an explicit `metaop.broadcast`; scalars (ReLU's 0, Clip's
bounds) are splat constants, which fuse into whatever consumes them.
"""

from __future__ import annotations

from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects.metaop import BinaryKind, CompareKind, UnaryKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter, shape_of

_UNARY_KINDS = {
    g.SigmoidOp: UnaryKind.SIGMOID,
    g.TanhOp: UnaryKind.TANH,
    g.ExpOp: UnaryKind.EXP,
    g.LogOp: UnaryKind.LOG,
    g.SqrtOp: UnaryKind.SQRT,
    g.NegOp: UnaryKind.NEG,
    g.AbsOp: UnaryKind.ABS,
}

_BINARY_KINDS = {
    g.AddOp: BinaryKind.ADD,
    g.SubOp: BinaryKind.SUB,
    g.MulOp: BinaryKind.MUL,
    g.DivOp: BinaryKind.DIV,
    g.PowOp: BinaryKind.POW,
    g.MaximumOp: BinaryKind.MAX,
    g.MinimumOp: BinaryKind.MIN,
}


class LowerUnary(RewritePattern):
    """`graph.exp %x` -> `metaop.unary exp %x` (and likewise for the other functions)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(
        self,
        op: g.SigmoidOp | g.TanhOp | g.ExpOp | g.LogOp | g.SqrtOp | g.NegOp | g.AbsOp,
        rewriter: PatternRewriter,
    ) -> None:
        e = MetaopEmitter(op.location)
        y = e.unary(_UNARY_KINDS[type(op)], op.input)
        rewriter.replace(op, e.ops, [y])


class LowerBinary(RewritePattern):
    """`graph.add %a, %b` -> broadcasts to the result shape, then `metaop.binary add`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(
        self,
        op: g.AddOp | g.SubOp | g.MulOp | g.DivOp | g.PowOp | g.MaximumOp | g.MinimumOp,
        rewriter: PatternRewriter,
    ) -> None:
        e = MetaopEmitter(op.location)
        out = shape_of(op.result)
        y = e.binary(_BINARY_KINDS[type(op)], e.expand(op.lhs, out), e.expand(op.rhs, out))
        rewriter.replace(op, e.ops, [y])


class LowerRelu(RewritePattern):
    """`relu(x)` = `max(x, 0)`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.ReluOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        y = e.binary_scalar(BinaryKind.MAX, op.input, 0.0)
        rewriter.replace(op, e.ops, [y])


class LowerLeakyRelu(RewritePattern):
    """`leaky_relu(x)` = `x > 0 ? x : alpha * x` (Jittor's form)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.LeakyReluOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        shape = shape_of(op.input)
        positive = e.compare(CompareKind.GT, op.input, e.splat(0.0, shape))
        scaled = e.binary_scalar(BinaryKind.MUL, op.input, op.alpha.value.data)
        y = e.ternary(positive, op.input, scaled)
        rewriter.replace(op, e.ops, [y])


class LowerClip(RewritePattern):
    """`clip(x)` = `min(max(x, lo), hi)`; a missing bound emits nothing."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.ClipOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        y = op.input
        if op.min is not None:
            y = e.binary_scalar(BinaryKind.MAX, y, op.min.value.data)
        if op.max is not None:
            y = e.binary_scalar(BinaryKind.MIN, y, op.max.value.data)
        rewriter.replace(op, e.ops, [y])


PATTERNS = [LowerUnary(), LowerBinary(), LowerRelu(), LowerLeakyRelu(), LowerClip()]
