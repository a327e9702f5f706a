"""What a model holds, for `mopc inspect`: ops by type, parameters, FLOPs, kernels.

FLOPs are counted on the meta-op level, where every op is one of a few shapes of work
(Jittor's point: the cost model is as small as the op set):

* a reduce-add of a product is a contraction (convolution, matmul, gemm): 2 FLOPs per
  point of its domain, the usual multiply-add count (ResNet-18: 3.6 G);
* every other element-wise op costs one FLOP per output element, every other reduction
  one per input element; reindex and broadcast move data and cost nothing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Operation

from mopc.core.types import numpy_dtype
from mopc.dialects import graph as g
from mopc.dialects import metaop as m


def _size(value) -> int:
    t = value.type
    return math.prod(t.get_shape()) if isinstance(t, TensorType) else 1


@dataclass
class Flops:
    contraction: int = 0  # 2 x multiply-adds of reduce-adds of products
    other: int = 0  # every other element-wise and reduction op

    @property
    def total(self) -> int:
        return self.contraction + self.other


def _is_contraction(op: m.ReduceOp) -> bool:
    product = op.input.owner
    return (op.kind.data == m.ReduceKind.ADD and isinstance(product, m.BinaryOp)
            and product.kind.data == m.BinaryKind.MUL)


def metaop_flops(module: ModuleOp) -> Flops:
    """FLOPs of a module at the meta-op level (fused or not)."""
    flops = Flops()
    contracted: set[Operation] = set()
    for op in module.walk():
        if isinstance(op, m.ReduceOp) and _is_contraction(op):
            flops.contraction += 2 * _size(op.input)
            contracted.add(op.input.owner)  # type: ignore[arg-type]
    for op in module.walk():
        if op in contracted:
            continue
        if isinstance(op, m.ReduceOp | m.ReindexReduceOp) and not (isinstance(op, m.ReduceOp) and _is_contraction(op)):
            flops.other += _size(op.operands[0])
        elif isinstance(op, m.UnaryOp | m.BinaryOp | m.TernaryOp | m.CompareOp):
            flops.other += _size(op.results[0])
    return flops


@dataclass
class GraphStats:
    ops: Counter[str] = field(default_factory=Counter)  # graph op name -> count (constants apart)
    parameters: int = 0  # elements of the weights (graph.constant values)
    parameter_bytes: int = 0
    parameter_tensors: int = 0


def graph_stats(module: ModuleOp) -> GraphStats:
    stats = GraphStats()
    for op in module.walk():
        if isinstance(op, g.ConstantOp):
            t = op.results[0].type
            assert isinstance(t, TensorType)
            count = math.prod(t.get_shape())
            stats.parameters += count
            stats.parameter_tensors += 1
            stats.parameter_bytes += count * numpy_dtype(t.get_element_type()).itemsize
        elif op.name.startswith("graph."):
            stats.ops[op.name.removeprefix("graph.")] += 1
    return stats
