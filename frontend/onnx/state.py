"""What the importer knows while it walks the graph: every ONNX value is either a
constant (a NumPy array: initializers, `Constant` nodes, everything folded from them)
or a run-time tensor (an SSA value of the function being built).

Constants stay NumPy arrays until a run-time op needs one as an operand; only then do
they become `graph.constant`s (`materialize`): initializers and large arrays as
`dense_resource` weights kept out of the IR text, small folded values inline. Each is
materialized once, however many ops use it.

Graph inputs may come with their values (`import_onnx(..., input_values=...)`, what the
ONNX backend does for conformance cases, whose weights, shapes and axes are all graph
inputs). A float32 input stays a run-time argument, but an op that needs it at import
time (Clip's bounds) reads its value (`known`). A non-float input cannot be a run-time
tensor (mopc computes in float32), so it is a constant; it and everything folded from
it are *input-derived* (`from_inputs`): usable as parameters (shapes, axes, indices),
never as a run-time operand or an output, where folding would compute the model's data
in NumPy instead of mopc.
"""

from __future__ import annotations

import numpy as np
from xdsl.ir import Attribute, Operation, SSAValue

from mopc.frontend.builder import GraphBuilder
from mopc.frontend.onnx.errors import node_location
from mopc.frontend.onnx.names import HandleNames

Value = np.ndarray | SSAValue

INLINE_LIMIT = 16
"""Folded constants with at most this many elements are written inline (`dense<...>`);
larger ones become weights like initializers."""


class ImportState:
    def __init__(self, builder: GraphBuilder, file: str, opset: int, initializers: set[str]):
        self.b = builder
        self.file = file
        self.opset = opset
        self.initializers = initializers
        self.values: dict[str, Value] = {}
        self.known: dict[str, np.ndarray] = {}
        """Values of run-time (float32) graph inputs, given for import."""
        self.known_read: set[str] = set()
        """The `known` inputs some op read as a constant (compiled in)."""
        self.from_inputs: set[str] = set()
        """Constants computed from non-float graph inputs whose values were given."""
        self.handles = HandleNames(set(builder.store.keys()))
        self._materialized: dict[str, SSAValue] = {}

    def location(self, node: str) -> Attribute:
        return node_location(self.file, node)

    def add(self, op: Operation, node: str) -> SSAValue:
        """Append `op`, located at `node`, and return its result."""
        op.location = self.location(node)
        return self.b.add(op)

    def materialize(self, name: str, array: np.ndarray) -> SSAValue:
        """The `graph.constant` holding constant value `name` (created on first use).
        Float and integer constants become f32, the element type graph ops compute in."""
        if name in self._materialized:
            return self._materialized[name]
        data = np.asarray(array, dtype=np.float32)
        if name in self.initializers or data.size > INLINE_LIMIT:
            value = self.b.param(self.handles.make(name), data)
        else:
            value = self.b.constant(data)
        assert isinstance(value.owner, Operation)
        value.owner.location = self.location(name)
        self._materialized[name] = value
        return value
