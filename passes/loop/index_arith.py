"""Index arithmetic with MLIR's affine semantics, as arith ops: shared by
`affine-to-scf` and the loop generation of `metaop-to-loop`.

`floordiv` and `ceildiv` round towards -inf and +inf (`arith.floordivsi`,
`arith.ceildivsi`); `mod` by a positive divisor is never negative, where `arith.remsi`
takes the dividend's sign, so a negative remainder gets the divisor added:

    %r = arith.remsi %i, %c3 : index
    %negative = arith.cmpi slt, %r, %c0 : index
    %shifted = arith.addi %r, %c3 : index
    %mod = arith.select %negative, %shifted, %r : index
"""

from __future__ import annotations

from collections.abc import Callable

from xdsl.dialects import arith
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineBinaryOpKind


def affine_binary(
    kind: AffineBinaryOpKind,
    lhs: SSAValue,
    rhs: SSAValue,
    add: Callable[[Operation], SSAValue],
    zero: SSAValue,
) -> SSAValue:
    """`lhs <kind> rhs` on index values; `add` inserts an op and returns its result,
    `zero` is an index 0 (for the sign test of `mod`)."""
    match kind:
        case AffineBinaryOpKind.Add:
            return add(arith.AddiOp(lhs, rhs))
        case AffineBinaryOpKind.Mul:
            return add(arith.MuliOp(lhs, rhs))
        case AffineBinaryOpKind.FloorDiv:
            return add(arith.FloorDivSIOp(lhs, rhs))
        case AffineBinaryOpKind.CeilDiv:
            return add(arith.CeilDivSIOp(lhs, rhs))
        case AffineBinaryOpKind.Mod:
            rem = add(arith.RemSIOp(lhs, rhs))
            negative = add(arith.CmpiOp(rem, zero, "slt"))
            return add(arith.SelectOp(negative, add(arith.AddiOp(rem, rhs)), rem))
    raise ValueError(f"unsupported affine operation {kind}")
