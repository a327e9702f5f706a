"""The `affine-to-scf` pass: affine loops and accesses -> scf, arith and memref.

Hand-written loop-level IR (and IR from other MLIR tools) often uses the `affine`
dialect; every target consumes scf/memref/arith, so this pass runs first in
`convert-to-llvm` and is shared by the other targets. It differs from xDSL's
`lower-affine` where that one is wrong or partial: symbols and dimension operands in
every map, multi-result bounds (`max` of lower bounds, `min` of upper bounds),
`affine.if`, `affine.parallel`, `affine.min`, vector accesses, and MLIR's semantics for
`floordiv`, `ceildiv` and `mod` (rounding towards -inf; a non-negative remainder):

    affine.for %i = max(0, %n - 4) to min(%n, 16) step 2 {
      %v = affine.load %A[%i floordiv 2, %i mod 3] : memref<8x3xf32>
    }

becomes

    %lb = arith.maxsi %c0, %n_minus_4 : index
    %ub = arith.minsi %n, %c16 : index
    scf.for %i = %lb to %ub step %c2 {
      %q = arith.floordivsi %i, %c2 : index
      %r = ... (arith.remsi, plus the divisor where negative)
      %v = memref.load %A[%q, %r] : memref<8x3xf32>
    }
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import affine, arith, memref, scf, vector
from xdsl.dialects.builtin import IndexType, IntegerAttr, ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineConstraintKind,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from mopc.core.diagnostics import DiagnosticError
from mopc.passes.loop.index_arith import affine_binary


class _Expressions:
    """Builds index arithmetic for affine expressions, collecting the ops in order."""

    def __init__(self, operands: Sequence[SSAValue], num_dims: int):
        self.ops: list[Operation] = []
        self.dims = list(operands[:num_dims])
        self.symbols = list(operands[num_dims:])

    def add(self, op: Operation) -> SSAValue:
        self.ops.append(op)
        return op.results[0]

    def constant(self, value: int) -> SSAValue:
        return self.add(arith.ConstantOp(IntegerAttr(value, IndexType())))

    def value(self, expr: AffineExpr) -> SSAValue:
        match expr:
            case AffineConstantExpr():
                return self.constant(expr.value)
            case AffineDimExpr():
                return self.dims[expr.position]
            case AffineSymExpr():
                return self.symbols[expr.position]
            case AffineBinaryOpExpr():
                return self._binary(expr.kind, self.value(expr.lhs), self.value(expr.rhs))
        raise ValueError(f"unsupported affine expression {expr}")

    def _binary(self, kind: AffineBinaryOpKind, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        return affine_binary(kind, lhs, rhs, self.add, self.constant(0))

    def results(self, map_: AffineMap) -> list[SSAValue]:
        return [self.value(e) for e in map_.results]

    def fold(self, values: Sequence[SSAValue], op: type[arith.MaxSIOp | arith.MinSIOp]) -> SSAValue:
        result = values[0]
        for value in values[1:]:
            result = self.add(op(result, value))
        return result


class LowerApply(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.ApplyOp, rewriter: PatternRewriter, /):
        built = _Expressions(op.mapOperands, op.map.data.num_dims)
        (result,) = built.results(op.map.data)
        rewriter.replace(op, built.ops, [result])


class LowerMin(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.MinOp, rewriter: PatternRewriter, /):
        built = _Expressions(op.arguments, op.map.data.num_dims)
        result = built.fold(built.results(op.map.data), arith.MinSIOp)
        rewriter.replace(op, built.ops, [result])


class LowerLoad(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.LoadOp, rewriter: PatternRewriter, /):
        built = _Expressions(op.indices, op.map.data.num_dims)
        load = memref.LoadOp.get(op.memref, built.results(op.map.data))
        rewriter.replace(op, [*built.ops, load])


class LowerStore(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.StoreOp, rewriter: PatternRewriter, /):
        built = _Expressions(op.indices, op.map.data.num_dims)
        store = memref.StoreOp.get(op.value, op.memref, built.results(op.map.data))
        rewriter.replace(op, [*built.ops, store])


class LowerVectorLoad(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.VectorLoadOp, rewriter: PatternRewriter, /):
        built = _Expressions(op.indices, op.map.data.num_dims)
        load = vector.LoadOp(op.memref, built.results(op.map.data), op.result.type)
        rewriter.replace(op, [*built.ops, load])


class LowerVectorStore(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.VectorStoreOp, rewriter: PatternRewriter, /):
        built = _Expressions(op.indices, op.map.data.num_dims)
        store = vector.StoreOp(op.value, op.memref, built.results(op.map.data))
        rewriter.replace(op, [*built.ops, store])


class LowerFor(RewritePattern):
    """Lower bound: the max of the map's results; upper bound: the min."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.ForOp, rewriter: PatternRewriter, /):
        lower_map, upper_map = op.lowerBoundMap.data, op.upperBoundMap.data
        lower = _Expressions(op.lowerBoundOperands, lower_map.num_dims)
        lower_bound = lower.fold(lower.results(lower_map), arith.MaxSIOp)
        upper = _Expressions(op.upperBoundOperands, upper_map.num_dims)
        upper_bound = upper.fold(upper.results(upper_map), arith.MinSIOp)
        step = arith.ConstantOp(IntegerAttr(op.step.value.data, IndexType()))
        body = rewriter.move_region_contents_to_new_regions(op.body)
        loop = scf.ForOp(lower_bound, upper_bound, step.result, op.inits, body)
        rewriter.replace(op, [*lower.ops, *upper.ops, step, loop], loop.results)


class LowerParallel(RewritePattern):
    """One bound per dimension (bound groups of one); no reductions."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.ParallelOp, rewriter: PatternRewriter, /):
        if op.reductions.data or op.res:
            raise DiagnosticError.at(op, "affine.parallel with reductions is not supported; "
                                         "use affine.for with iter_args")
        groups = [*op.lowerBoundsGroups.get_values(), *op.upperBoundsGroups.get_values()]
        if any(g != 1 for g in groups):
            raise DiagnosticError.at(op, "affine.parallel with max/min bound groups is not supported")
        lower_map, upper_map = op.lowerBoundsMap.data, op.upperBoundsMap.data
        lower_count = lower_map.num_dims + lower_map.num_symbols
        lower = _Expressions(op.map_operands[:lower_count], lower_map.num_dims)
        upper = _Expressions(op.map_operands[lower_count:], upper_map.num_dims)
        lows, highs = lower.results(lower_map), upper.results(upper_map)
        steps = [arith.ConstantOp(IntegerAttr(s.value.data, IndexType())) for s in op.steps.data]
        body = rewriter.move_region_contents_to_new_regions(op.body)
        loop = scf.ParallelOp(lows, highs, [s.result for s in steps], body)
        rewriter.replace(op, [*lower.ops, *upper.ops, *steps, loop])


class LowerIf(RewritePattern):
    """The integer set's constraints (`e >= 0`, `e <= 0`, `e == 0`), and-ed."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.IfOp, rewriter: PatternRewriter, /):
        condition = op.condition.data
        built = _Expressions(op.args, condition.num_dims)
        tests = []
        predicates = {AffineConstraintKind.ge: "sge", AffineConstraintKind.le: "sle",
                      AffineConstraintKind.eq: "eq"}
        for constraint in condition.constraints:
            lhs, rhs = built.value(constraint.lhs), built.value(constraint.rhs)
            tests.append(built.add(arith.CmpiOp(lhs, rhs, predicates[constraint.kind])))
        if not tests:
            tests.append(built.add(arith.ConstantOp.from_int_and_width(1, 1)))
        flag = tests[0]
        for test in tests[1:]:
            flag = built.add(arith.AndIOp(flag, test))
        then_region = rewriter.move_region_contents_to_new_regions(op.then_region)
        else_region = rewriter.move_region_contents_to_new_regions(op.else_region)
        branch = scf.IfOp(flag, op.result_types, then_region, else_region)
        rewriter.replace(op, [*built.ops, branch], branch.results)


class LowerYield(RewritePattern):
    """`affine.yield` -> `scf.yield` (scf.parallel's body ends in `scf.reduce`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.YieldOp, rewriter: PatternRewriter, /):
        if isinstance(op.parent_op(), scf.ParallelOp):
            rewriter.replace(op, scf.ReduceOp())
        else:
            rewriter.replace(op, scf.YieldOp(*op.arguments))


def populate_affine_to_scf_patterns() -> list[RewritePattern]:
    return [LowerApply(), LowerMin(), LowerLoad(), LowerStore(), LowerVectorLoad(),
            LowerVectorStore(), LowerFor(), LowerParallel(), LowerIf(), LowerYield()]


@dataclass(frozen=True)
class AffineToScfPass(ModulePass):
    """Lower every `affine` op to scf, arith, memref and vector.

    ```mlir
    // before
    affine.for %i = max affine_map<()[s0] -> (0, s0 - 4)>()[%n] to 16 step 2 {
      %v = affine.load %A[%i mod 3] : memref<3xf32>
    }
    // after
    %lb = arith.maxsi %c0, %n_minus_4 : index
    scf.for %i = %lb to %c16 step %c2 {
      %r = arith.remsi %i, %c3 : index
      %negative = arith.cmpi slt, %r, %c0 : index
      %shifted = arith.addi %r, %c3 : index
      %mod = arith.select %negative, %shifted, %r : index
      %v = memref.load %A[%mod] : memref<3xf32>
    }
    ```

    `affine.parallel` becomes `scf.parallel` (reductions are rejected), `affine.if` an
    `scf.if` on its and-ed constraints, `affine.min` a chain of `arith.minsi`.
    """

    name = "affine-to-scf"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(GreedyRewritePatternApplier(populate_affine_to_scf_patterns())).rewrite_module(op)
