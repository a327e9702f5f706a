"""The `graph` dialect: tensor-level neural-network ops, as a model importer produces them.

Every op computes on statically shaped `f32` tensors, infers its result type from its
operands and properties (`shapes.py`), and has a NumPy reference (`evaluator.py`). The
`graph-to-metaop` pass decomposes each op into meta-operators.
"""

from xdsl.ir import Dialect

from mopc.dialects.graph.constant import ConstantOp
from mopc.dialects.graph.elementwise import (
    AbsOp,
    AddOp,
    ClipOp,
    DivOp,
    ExpOp,
    LeakyReluOp,
    LogOp,
    MaximumOp,
    MinimumOp,
    MulOp,
    NegOp,
    PowOp,
    ReluOp,
    SigmoidOp,
    SqrtOp,
    SubOp,
    TanhOp,
)
from mopc.dialects.graph.linalg import GemmOp, MatmulOp
from mopc.dialects.graph.nn import (
    AvgPool2dOp,
    BatchNormOp,
    Conv2dOp,
    ConvTranspose2dOp,
    GlobalAvgPoolOp,
    GlobalMaxPoolOp,
    LogSoftmaxOp,
    MaxPool2dOp,
    SoftmaxOp,
)
from mopc.dialects.graph.reduction import ReduceMaxOp, ReduceMeanOp, ReduceMinOp, ReduceSumOp
from mopc.dialects.graph.shape_ops import (
    ConcatOp,
    FlattenOp,
    GatherOp,
    PadOp,
    ReshapeOp,
    SliceOp,
    TransposeOp,
)

GRAPH_OPS = [
    ConstantOp,
    # element-wise
    ReluOp, LeakyReluOp, SigmoidOp, TanhOp, ClipOp, ExpOp, LogOp, SqrtOp, NegOp, AbsOp,
    AddOp, SubOp, MulOp, DivOp, PowOp, MaximumOp, MinimumOp,
    # neural-network layers
    Conv2dOp, ConvTranspose2dOp, BatchNormOp,
    MaxPool2dOp, AvgPool2dOp, GlobalAvgPoolOp, GlobalMaxPoolOp,
    SoftmaxOp, LogSoftmaxOp,
    # matrix products
    MatmulOp, GemmOp,
    # reductions
    ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp,
    # data movement
    ReshapeOp, FlattenOp, TransposeOp, ConcatOp, PadOp, SliceOp, GatherOp,
]  # fmt: skip

Graph = Dialect("graph", GRAPH_OPS, [])

__all__ = ["GRAPH_OPS", "Graph", *(op.__name__ for op in GRAPH_OPS)]
