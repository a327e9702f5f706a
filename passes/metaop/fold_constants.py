"""The `fold-constants` pass: meta-ops on constants computed at compile time.

Batch norm in inference is `x * inv + shift` with `inv = scale / sqrt(var + eps)` and
`shift = bias - mean * inv`: four per-channel vectors known at compile time. Without
folding, every run recomputes `inv` and `shift` in kernels of their own. This pass
evaluates such ops with the meta-op reference semantics (`dialects/metaop/evaluator.py`)
and replaces them by constants.

A value is *known* when it is a constant or computed only from known values. A known
op is replaced by a constant when its result is no larger than the largest constant it
is computed from. Folding never expands data (a scalar broadcast to a feature map, or a weight
reindexed over a convolution's domain, stays an op and is fused as usual), and large
expansions are not even evaluated at compile time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import DenseResourceAttr, ModuleOp, TensorType
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter

from mopc.core.context import resources_of
from mopc.core.elements import elements_to_array
from mopc.core.resources import ResourceStore
from mopc.core.types import numpy_dtype
from mopc.dialects import metaop as m
from mopc.dialects.metaop.evaluator import SEMANTICS

INLINE_ELEMENTS = 16
"""Folded values up to this many elements are printed inline; larger ones are stored
as resources (kept out of the IR text, like weights)."""


EVALUATE_ELEMENTS = 1 << 16
"""Known values larger than every constant they come from (a broadcast epsilon) are
still computed up to this size, so that what they feed can be folded."""


def _size(value: SSAValue) -> int:
    t = value.type
    return math.prod(t.get_shape()) if isinstance(t, TensorType) else 1


@dataclass
class _Known:
    array: np.ndarray
    source_size: int  # the largest constant it is computed from


class _Folder:
    def __init__(self, store: ResourceStore):
        self.store = store
        self.known: dict[SSAValue, _Known] = {}
        self.folded = 0

    def visit(self, op: Operation) -> None:
        if isinstance(op, m.ConstantOp):
            array = elements_to_array(op.value, self.store)
            self.known[op.result] = _Known(array, array.size)
            return
        semantics = SEMANTICS.get(type(op))
        if semantics is None or not op.operands or not all(v in self.known for v in op.operands):
            return
        inputs = [self.known[v] for v in op.operands]
        source = max(k.source_size for k in inputs)
        size = _size(op.results[0])
        if size > max(source, EVALUATE_ELEMENTS):
            # Not computed: it would not be folded, and it can be huge (a weight
            # reindexed over a convolution's domain has 100M elements), so what it
            # feeds is not known either (a reduction back to a small size is rare).
            return
        array = np.asarray(semantics(op, *(k.array for k in inputs)))
        self.known[op.results[0]] = _Known(array, source)
        if size <= source:
            self._replace(op, array)

    def _replace(self, op: Operation, array: np.ndarray) -> None:
        t = op.results[0].type
        assert isinstance(t, TensorType)
        array = array.astype(numpy_dtype(t.get_element_type()), copy=False).reshape(t.get_shape())
        if array.size <= INLINE_ELEMENTS:
            constant = m.ConstantOp.from_array(array, t.get_element_type())
        else:
            name = self._fresh("folded")
            self.store.add(name, np.ascontiguousarray(array))
            constant = m.ConstantOp(DenseResourceAttr.from_params(name, t))
        self.known[constant.result] = _Known(array, array.size)
        Rewriter.replace_op(op, constant)
        self.folded += 1

    def _fresh(self, base: str) -> str:
        n = self.folded
        while self.store.contains(f"{base}.{n}"):
            n += 1
        return f"{base}.{n}"


def _erase_dead(block_ops: list[Operation]) -> None:
    """Ops whose results nobody uses any more (known values that were not folded, such
    as a scalar broadcast whose consumer was), last first."""
    for op in reversed(block_ops):
        if op.parent is not None and not any(r.uses for r in op.results) and (
            type(op) in SEMANTICS or isinstance(op, m.ConstantOp)
        ):
            Rewriter.erase_op(op)


@dataclass(frozen=True)
class FoldConstantsPass(ModulePass):
    """Compute meta-ops whose operands are all known at compile time.

    ```mlir
    // before (batch norm's per-channel scale)
    %var = metaop.constant dense_resource<bn.running_var> : tensor<64xf32>
    %eps = metaop.constant dense<1.000000e-05> : tensor<f32>
    %e = metaop.broadcast %eps dims [0] : tensor<f32> -> tensor<64xf32>
    %s = metaop.binary add %var, %e : tensor<64xf32>
    %r = metaop.unary sqrt %s : tensor<64xf32>
    // after
    %r = metaop.constant dense_resource<folded.1> : tensor<64xf32>
    ```

    Results are never larger than the largest constant they are computed from, so a
    broadcast of a scalar over a feature map stays a broadcast.
    """

    name = "fold-constants"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        folder = _Folder(resources_of(ctx))
        for block_op in list(op.walk()):
            if isinstance(block_op, m.KernelOp):
                continue
            if block_op.parent_op() is not None and isinstance(block_op.parent_op(), m.KernelOp):
                continue
            if block_op.parent is not None:
                folder.visit(block_op)
        _erase_dead([o for o in op.walk() if not isinstance(o.parent_op(), m.KernelOp)])
