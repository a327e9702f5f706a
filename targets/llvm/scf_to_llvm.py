"""`scf` -> `cf` -> `llvm`: structured loops and conditionals become branches.

`scf.for` (with `iter_args`) and `scf.if` (with results) are lowered by xDSL's
`convert-scf-to-cf` patterns, reused as they are; their loop-carried values become
block arguments. The resulting `cf.br`/`cf.cond_br` become `llvm.br`/`llvm.cond_br`
(block arguments turn into phis in the translator). `scf.parallel` is handled before
this, by `parallel_to_llvm.py`.
"""

from __future__ import annotations

from xdsl.dialects import cf, llvm
from xdsl.ir import Operation
from xdsl.pattern_rewriter import RewritePattern
from xdsl.transforms.convert_scf_to_cf import ForLowering, IfLowering

from mopc.targets.llvm.lowering import Emitter, LoweringPattern


def populate_scf_to_cf_patterns() -> list[RewritePattern]:
    return [IfLowering(), ForLowering()]


class BranchLowering(LoweringPattern):
    source = cf.BranchOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, cf.BranchOp)
        args = [e.to_llvm(v) for v in op.arguments]
        e.op(llvm.BrOp(op.successor, *args))
        e.rewriter.erase(op)


class CondBranchLowering(LoweringPattern):
    source = cf.ConditionalBranchOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, cf.ConditionalBranchOp)
        cond = e.to_llvm(op.cond)
        then_args = [e.to_llvm(v) for v in op.then_arguments]
        else_args = [e.to_llvm(v) for v in op.else_arguments]
        e.op(llvm.CondBrOp(cond, op.then_block, then_args, op.else_block, else_args))
        e.rewriter.erase(op)


def populate_cf_to_llvm_patterns() -> list[RewritePattern]:
    return [BranchLowering(), CondBranchLowering()]
