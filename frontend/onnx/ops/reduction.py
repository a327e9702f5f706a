"""ReduceMean/Sum/Max/Min, Softmax and LogSoftmax, with their opset differences:
reduction axes moved from an attribute to an input (ReduceSum at opset 13, the others
at 18), and Softmax-1/11 coerce the input to 2-D at `axis` (default 1) where Softmax-13
normalises along the single `axis` (default -1)."""

from __future__ import annotations

import math
from collections.abc import Callable

from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node

AXES_INPUT_SINCE = {"ReduceSum": 13}
"""The opset from which `axes` is an input rather than an attribute (default 18)."""


def reduce_axes(n: Node, rank: int) -> list[int] | None:
    """The axes to reduce (non-negative), or None when the node is a no-op (empty axes
    with `noop_with_empty_axes`, or a scalar input)."""
    if n.opset >= AXES_INPUT_SINCE.get(n.op_type, 18):
        axes = n.ints(1, "'axes'") if n.has_input(1) else []
    else:
        axes = list(n.attr("axes", []))
    if not axes and n.attr("noop_with_empty_axes", 0) or rank == 0:
        return None
    return n.axes(axes, rank) if axes else list(range(rank))


def _reduce(op: type) -> Callable[[Node], SSAValue]:
    def convert(n: Node) -> SSAValue:
        axes = reduce_axes(n, n.rank(0))
        if axes is None:
            return n.input(0)
        return n.add(op(n.input(0), axes, bool(n.attr("keepdims", 1))))

    return convert


def _softmax(op: type) -> Callable[[Node], SSAValue]:
    def convert(n: Node) -> SSAValue:
        x = n.input(0)
        shape = n.shape(0)
        rank = len(shape)
        if n.opset >= 13:
            return n.add(op(x, n.axis(int(n.attr("axis", -1)), rank)))
        axis = n.axis(int(n.attr("axis", 1)), rank) if rank else 0
        if axis >= rank - 1:  # coercing to 2-D at the last axis changes nothing
            return n.add(op(x, max(rank - 1, 0)))
        # Softmax over all axes from `axis` on, as one row per leading index.
        rows = n.add(g.ReshapeOp(x, (math.prod(shape[:axis]), math.prod(shape[axis:]))))
        return n.add(g.ReshapeOp(n.add(op(rows, 1)), shape))

    return convert


CONVERTERS = {
    "ReduceSum": _reduce(g.ReduceSumOp),
    "ReduceMean": _reduce(g.ReduceMeanOp),
    "ReduceMax": _reduce(g.ReduceMaxOp),
    "ReduceMin": _reduce(g.ReduceMinOp),
    "Softmax": _softmax(g.SoftmaxOp),
    "LogSoftmax": _softmax(g.LogSoftmaxOp),
}
