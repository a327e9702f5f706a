"""The `metaop` dialect: Jittor's meta-operators over tensors.

Every NN op is a few meta-ops of three fusion classes (see `traits.py`): the reindex
class (`reindex`, `broadcast`), the reindex-reduce class (`reindex_reduce`, `reduce`)
and the element-wise class (`unary`, `binary`, `compare`, `ternary`, `cast`, `index`,
`constant`). Index expressions are typed affine maps with integer-set overflow
conditions, not strings; kinds are enum attributes (`kinds.py`). Semantics follow
reference/jittor-metaops.md; `evaluator.py` is the NumPy reference.
"""

from xdsl.ir import Dialect

from mopc.dialects.metaop.elementwise import (
    BinaryOp,
    CastOp,
    CompareOp,
    ConstantOp,
    IndexOp,
    TernaryOp,
    UnaryOp,
)
from mopc.dialects.metaop.kernel import KernelOp, YieldOp
from mopc.dialects.metaop.kinds import (
    KIND_ATTRS,
    BinaryKind,
    BinaryKindAttr,
    CompareKind,
    CompareKindAttr,
    ReduceKind,
    ReduceKindAttr,
    UnaryKind,
    UnaryKindAttr,
)
from mopc.dialects.metaop.reduce import ReduceOp, ReindexReduceOp
from mopc.dialects.metaop.reindex import BroadcastOp, ReindexOp
from mopc.dialects.metaop.traits import FusionClass, fusion_class_of

METAOP_OPS = [
    ReindexOp, BroadcastOp,                                          # reindex class
    ReindexReduceOp, ReduceOp,                                       # reindex-reduce class
    UnaryOp, BinaryOp, CompareOp, TernaryOp, CastOp, IndexOp, ConstantOp,  # element-wise
    KernelOp, YieldOp,                                               # fusion groups
]  # fmt: skip

Metaop = Dialect("metaop", METAOP_OPS, KIND_ATTRS)

__all__ = [
    "METAOP_OPS", "Metaop", "FusionClass", "fusion_class_of",
    "UnaryKind", "BinaryKind", "CompareKind", "ReduceKind",
    "UnaryKindAttr", "BinaryKindAttr", "CompareKindAttr", "ReduceKindAttr",
    *(op.__name__ for op in METAOP_OPS),
]  # fmt: skip
