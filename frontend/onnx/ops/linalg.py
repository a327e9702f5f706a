"""Gemm and MatMul."""

from __future__ import annotations

from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node


def gemm(n: Node) -> SSAValue:
    c = n.input(2) if n.has_input(2) else None
    return n.add(g.GemmOp(
        n.input(0), n.input(1), c,
        trans_a=bool(n.attr("transA", 0)), trans_b=bool(n.attr("transB", 0)),
        alpha=float(n.attr("alpha", 1.0)), beta=float(n.attr("beta", 1.0)),
    ))


CONVERTERS = {
    "Gemm": gemm,
    "MatMul": lambda n: n.add(g.MatmulOp(n.input(0), n.input(1))),
}
