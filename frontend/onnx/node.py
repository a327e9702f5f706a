"""`Node`: one ONNX node as a converter sees it.

A converter reads attributes (`attr`), operands as run-time tensors (`input`) or as
constants it needs at import time (`const`: axes, shapes, pads, indices), adds graph
ops located at the node (`add`), and reports problems located at the node (`error`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from onnx import NodeProto, helper
from xdsl.ir import Operation, SSAValue

from mopc.core.diagnostics import DiagnosticError
from mopc.core.elements import array_to_elements
from mopc.dialects import graph as g
from mopc.dialects.graph.base import shape
from mopc.frontend.onnx.errors import node_error
from mopc.frontend.onnx.state import ImportState, Value


def display_name(proto: NodeProto, index: int) -> str:
    """The node's name, or `<OpType>#<index>` for an unnamed node."""
    return proto.name or f"{proto.op_type}#{index}"


class Node:
    def __init__(self, proto: NodeProto, index: int, state: ImportState):
        self.proto = proto
        self.op_type = proto.op_type
        self.name = display_name(proto, index)
        self.state = state
        self.opset = state.opset
        self._attrs = {a.name: a for a in proto.attribute}

    # -- attributes ------------------------------------------------------------------------
    def attr(self, name: str, default: Any = None) -> Any:
        """An attribute's value (ints, floats, strings decoded, lists as lists)."""
        if name not in self._attrs:
            return default
        value = helper.get_attribute_value(self._attrs[name])
        if isinstance(value, bytes):
            return value.decode()
        if isinstance(value, list | tuple):
            return [v.decode() if isinstance(v, bytes) else v for v in value]
        return value

    def has_attr(self, name: str) -> bool:
        return name in self._attrs

    # -- operands --------------------------------------------------------------------------
    @property
    def num_inputs(self) -> int:
        """The number of inputs given (trailing omitted optional inputs do not count)."""
        names = list(self.proto.input)
        while names and not names[-1]:
            names.pop()
        return len(names)

    def has_input(self, i: int) -> bool:
        return i < len(self.proto.input) and bool(self.proto.input[i])

    def value(self, i: int) -> Value:
        name = self.proto.input[i]
        if name not in self.state.values:
            raise self.error(f"input '{name}' is not produced by any earlier node, "
                             f"initializer or graph input")
        return self.state.values[name]

    def is_const(self, i: int) -> bool:
        return isinstance(self.value(i), np.ndarray)

    def input(self, i: int) -> SSAValue:
        """Operand `i` as a run-time tensor (a constant becomes a `graph.constant`)."""
        value = self.value(i)
        if isinstance(value, SSAValue):
            return value
        if self.proto.input[i] in self.state.from_inputs:
            raise self.error(f"input '{self.proto.input[i]}' is a run-time {value.dtype} tensor; "
                             f"mopc computes in float32 and takes only float32 run-time tensors")
        if not (np.issubdtype(value.dtype, np.number) or value.dtype == np.bool_):
            raise self.error(f"input '{self.proto.input[i]}' holds {value.dtype} values")
        return self.state.materialize(self.proto.input[i], value)

    def inputs(self) -> list[SSAValue]:
        return [self.input(i) for i in range(len(self.proto.input)) if self.has_input(i)]

    def const(self, i: int, what: str) -> np.ndarray:
        """Operand `i`, which must be known at import time (`what` names it in errors)."""
        value = self.value(i)
        if not isinstance(value, np.ndarray) and self.proto.input[i] in self.state.known:
            self.state.known_read.add(self.proto.input[i])
            return self.state.known[self.proto.input[i]]  # a graph input given for import
        if not isinstance(value, np.ndarray):
            raise self.error(f"{what} (input '{self.proto.input[i]}') must be a constant "
                             f"known at import time, but it is computed at run time")
        return value

    def optional_const(self, i: int, what: str) -> np.ndarray | None:
        return self.const(i, what) if self.has_input(i) else None

    def ints(self, i: int, what: str) -> list[int]:
        return [int(v) for v in np.asarray(self.const(i, what)).reshape(-1)]

    def shape(self, i: int) -> tuple[int, ...]:
        value = self.value(i)
        return tuple(value.shape) if isinstance(value, np.ndarray) else shape(value)

    def rank(self, i: int) -> int:
        return len(self.shape(i))

    # -- results ---------------------------------------------------------------------------
    def add(self, op: Operation) -> SSAValue:
        """Append a graph op located at this node; returns its result."""
        return self.state.add(op, self.name)

    def constant(self, value: float | np.ndarray) -> SSAValue:
        """A small f32 constant (a scalar by default) for a composition, located here."""
        return self.add(g.ConstantOp(array_to_elements(np.asarray(value, dtype=np.float32))))

    def error(self, message: str) -> DiagnosticError:
        return node_error(self.state.file, self.name, f"{self.op_type}: {message}")

    def axis(self, axis: int, rank: int, what: str = "axis") -> int:
        """`axis` made non-negative, or an error if it is out of range for `rank`."""
        if not -rank <= axis < rank:
            raise self.error(f"'{what}' {axis} is out of range for rank {rank}")
        return axis + rank if axis < 0 else axis

    def axes(self, axes: Sequence[int], rank: int, what: str = "axes") -> list[int]:
        normalized = [self.axis(a, rank, what) for a in axes]
        if len(set(normalized)) != len(normalized):
            raise self.error(f"'{what}' {list(axes)} repeats an axis")
        return normalized
