"""Building graph-dialect IR from Python.

    b = GraphBuilder()
    x = b.input("x", (1, 3, 32, 32))
    w = b.param("conv1.weight", np.random.rand(8, 3, 3, 3).astype(np.float32))
    y = b.add(graph.Conv2dOp(x, w, pads=(1, 1, 1, 1)), name="conv1")
    y = b.add(graph.ReluOp(y), name="relu1")
    module = b.finish(y)             # b.ctx holds the parameters (b.store)

Parameters become `graph.constant dense_resource<name>` ops whose data lives in the
builder's context, so `mopc.core.io.save_module` writes them to an `.npz` file next to
the IR. Each op gets a `loc("name")` when a name is given, which later errors cite.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import (
    DenseResourceAttr,
    ModuleOp,
    NameLoc,
    NoneAttr,
    StringAttr,
    TensorType,
)
from xdsl.ir import Block, Operation, Region, SSAValue

from mopc.core.context import make_context, resources_of
from mopc.core.elements import array_to_elements
from mopc.core.resources import ResourceStore
from mopc.core.types import element_type
from mopc.dialects import graph


class GraphBuilder:
    def __init__(self, name: str = "main", ctx: Context | None = None):
        self.name = name
        self.ctx = ctx or make_context()
        self.store: ResourceStore = resources_of(self.ctx)
        self.block = Block()

    def input(self, name: str, shape: Sequence[int], dtype: np.dtype | type = np.float32) -> SSAValue:
        arg = self.block.insert_arg(TensorType(element_type(dtype), list(shape)), len(self.block.args))
        arg.name_hint = name
        return arg

    def add(self, op: Operation, name: str | None = None) -> SSAValue:
        """Append an op (named `name` in its location) and return its result."""
        if name is not None:
            op.location = NameLoc(StringAttr(name), NoneAttr())
        self.block.add_op(op)
        return op.results[0]

    def param(self, name: str, array: np.ndarray) -> SSAValue:
        """A weight, kept out of the IR text (a `dense_resource` handle)."""
        array = np.asarray(array, order="C")  # keeps rank 0 (ascontiguousarray would not)
        self.store.add(name, array)
        t = TensorType(element_type(array.dtype), list(array.shape))
        value = self.add(graph.ConstantOp(DenseResourceAttr.from_params(name, t)))
        return value

    def constant(self, array: np.ndarray) -> SSAValue:
        """A small constant written inline (`dense<...>`)."""
        return self.add(graph.ConstantOp(array_to_elements(np.asarray(array))))

    def finish(self, *outputs: SSAValue) -> ModuleOp:
        self.block.add_op(func.ReturnOp(*outputs))
        signature = ([a.type for a in self.block.args], [o.type for o in outputs])
        fn = func.FuncOp(self.name, signature, Region(self.block))
        return ModuleOp([fn])
