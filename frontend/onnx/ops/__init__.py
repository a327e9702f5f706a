"""The table from ONNX op type to converter, merged from one module per op family.

A converter takes a `Node` and returns the node's outputs in order: SSA values of the
graph ops it added, or NumPy arrays for outputs known at import time (Shape,
Constant). It may return fewer values than the node has outputs; using a missing one
(MaxPool's indices, Dropout's mask) is an error at the node.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mopc.frontend.onnx.node import Node
from mopc.frontend.onnx.ops import (
    conv,
    elementwise,
    linalg,
    normalization,
    pool,
    reduction,
    shape,
    values,
)
from mopc.frontend.onnx.state import Value

Converter = Callable[[Node], Value | Sequence[Value]]

CONVERTERS: dict[str, Converter] = {
    **elementwise.CONVERTERS,
    **conv.CONVERTERS,
    **normalization.CONVERTERS,
    **pool.CONVERTERS,
    **linalg.CONVERTERS,
    **reduction.CONVERTERS,
    **shape.CONVERTERS,
    **values.CONVERTERS,
}

__all__ = ["CONVERTERS", "Converter"]
