"""`loop` -> `llvm`: the vector compares and selects mopc adds to the loop level.

`loop.cmpf`/`loop.cmpi` are `arith.cmpf`/`arith.cmpi` on vectors (xDSL 0.74's `arith`
verifies scalar results only) and become `llvm.fcmp`/`llvm.icmp` on vectors;
`loop.select` becomes `llvm.select`, with a vector mask or a scalar `i1`.
"""

from __future__ import annotations

from xdsl.dialects import arith
from xdsl.ir import Operation
from xdsl.pattern_rewriter import RewritePattern

from mopc.dialects.loop import CmpfOp, CmpiOp, SelectOp
from mopc.targets.llvm import dialect as ext
from mopc.targets.llvm.arith_to_llvm import icmp
from mopc.targets.llvm.lowering import Emitter, LoweringPattern


class CmpfLowering(LoweringPattern):
    source = CmpfOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, CmpfOp)
        lhs, rhs = e.to_llvm(op.lhs), e.to_llvm(op.rhs)
        predicate = arith.CMPF_COMPARISON_OPERATIONS.index(op.predicate.data)
        e.replace([e.add(ext.FCmpOp(lhs, rhs, predicate))])


class CmpiLowering(LoweringPattern):
    source = CmpiOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, CmpiOp)
        lhs, rhs = e.to_llvm(op.lhs), e.to_llvm(op.rhs)
        e.replace([icmp(e, op.predicate.data, lhs, rhs)])


class SelectLowering(LoweringPattern):
    source = SelectOp

    def lower(self, op: Operation, e: Emitter) -> None:
        cond, lhs, rhs = (e.to_llvm(v) for v in op.operands)
        e.replace([e.add(ext.SelectOp(cond, lhs, rhs))])


def populate_loop_to_llvm_patterns() -> list[RewritePattern]:
    return [CmpfLowering(), CmpiLowering(), SelectLowering()]
