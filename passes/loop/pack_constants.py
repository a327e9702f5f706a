"""The `pack-constants` pass: lay constant kernel inputs out for their kernel's vectors.

A schedule that vectorizes a convolution over its output channels (a strided or
small-image convolution, see `loop-schedule`) reads the weight `w[o, c, kh, kw]` with
`o` varying across lanes: a gather, one load per lane. Weights are constants, so their
layout is ours to choose at compile time (TVM's alter-layout, oneDNN's weight
reorders): this pass stores a permuted copy with the vectorized axis innermost, and
the kernel reads it through the inverse permutation, so every lane group is one
contiguous vector load.

For example, see `PackConstantsPass`.

A constant is packed for a kernel when every read of it inside the kernel uses the
vector dimension as one whole axis and nowhere else, and that axis is not already
innermost. Packed copies are shared between kernels that want the same layout.

When that axis is longer than the kernel's register block along it (vector width x
unroll, say 32 output channels), it is also *blocked*, as oneDNN and MLAS block
weights (`OIhw16o`): the copy is `[O / 32, C, KH, KW, 32]` (zero-padded to whole
blocks), read as `w[o floordiv 32, c, kh, kw, o mod 32]`. A block's weights are then
one contiguous stream through the reduction (1 KiB per input channel instead of 32
floats every `9 * O * 4` bytes), which the hardware prefetcher follows and which does
not fall into a handful of cache sets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import DenseResourceAttr, ModuleOp, TensorType
from xdsl.ir import BlockArgument, Operation, SSAValue
from xdsl.ir.affine import AffineExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from mopc.core.context import resources_of
from mopc.core.elements import elements_to_array
from mopc.core.resources import ResourceStore
from mopc.dialects import metaop as m
from mopc.passes.loop.schedule import packable
from mopc.passes.metaop_to_loop.kernel_analysis import analyze, broadcast_map


@dataclass(frozen=True)
class Layout:
    """A packed layout: `perm` moves the vectorized axis last; `block` (0: none) then
    splits it into `[blocks, ..., block]`."""

    perm: tuple[int, ...]
    block: int = 0

    def pack(self, array: np.ndarray) -> np.ndarray:
        data = np.transpose(array, self.perm)
        if self.block:
            extent = data.shape[-1]
            blocks = -(-extent // self.block)
            padding = [(0, 0)] * (data.ndim - 1) + [(0, blocks * self.block - extent)]
            data = np.pad(data, padding).reshape(*data.shape[:-1], blocks, self.block)
            data = np.moveaxis(data, -2, 0)
        return np.ascontiguousarray(data)

    def read(self, results: tuple[AffineExpr, ...]) -> tuple[AffineExpr, ...]:
        """The packed copy's index expressions, from the original's."""
        permuted = tuple(results[a] for a in self.perm)
        if not self.block:
            return permuted
        axis = permuted[-1]
        return (axis // self.block, *permuted[:-1], axis % self.block)

    def suffix(self) -> str:
        return "_".join(map(str, self.perm)) + (f"_b{self.block}" if self.block else "")


def _permutation(kernel: m.KernelOp, index: int, dim: int) -> tuple[int, ...] | None:
    """The axis order that makes input `index` contiguous along `dim`, or None."""
    loads = [ld for ld in analyze(kernel).loads() if ld.input == index]
    if not loads or not all(packable(ld, dim) for ld in loads):
        return None
    target = AffineExpr.dimension(dim)
    axes = {next(a for a, r in enumerate(ld.map.results) if r == target) for ld in loads}
    if len(axes) != 1:
        return None
    (axis,) = axes
    rank = len(loads[0].map.results)
    if axis == rank - 1:
        return None
    return (*(a for a in range(rank) if a != axis), axis)


def _reads(arg: BlockArgument) -> list[Operation] | None:
    users = [use.operation for use in arg.uses]
    return users if all(isinstance(u, m.ReindexOp | m.BroadcastOp) for u in users) else None


def _permuted_read(op: m.ReindexOp | m.BroadcastOp, source: SSAValue, layout: Layout) -> m.ReindexOp:
    """`op` reading the packed `source`: the same element for every output index."""
    shape = op.result.type.get_shape()  # type: ignore[union-attr]
    if isinstance(op, m.BroadcastOp):
        old, fill, overflow = broadcast_map(op, len(shape)), 0.0, ()
    else:
        old, fill, overflow = op.map.data, op.fill.value.data, [s.data for s in op.overflow.data]
    new_map = AffineMap(old.num_dims, old.num_symbols, layout.read(old.results))
    return m.ReindexOp(source, shape, new_map, fill, overflow)


class _Packer:
    def __init__(self, store: ResourceStore):
        self.store = store
        self.packed: dict[tuple[m.ConstantOp, Layout], m.ConstantOp] = {}

    def constant(self, original: m.ConstantOp, layout: Layout) -> m.ConstantOp:
        key = (original, layout)
        if key not in self.packed:
            value = original.value
            array = self.store.value_of(value) if isinstance(value, DenseResourceAttr) else elements_to_array(value)
            data = layout.pack(array)
            base = value.resource_handle.data if isinstance(value, DenseResourceAttr) else "const"
            name = self._fresh(f"{base}.pack_{layout.suffix()}")
            self.store.add(name, data)
            element = original.result.type.get_element_type()  # type: ignore[union-attr]
            packed = m.ConstantOp(DenseResourceAttr.from_params(name, TensorType(element, data.shape)))
            Rewriter.insert_op(packed, InsertPoint.after(original))
            self.packed[key] = packed
        return self.packed[key]

    def _fresh(self, name: str) -> str:
        candidate, n = name, 1
        while self.store.contains(candidate):
            candidate, n = f"{name}.{n}", n + 1
        return candidate

    def pack(self, kernel: m.KernelOp) -> None:
        schedule = kernel.schedule
        if schedule is None:
            return
        resolved = schedule.resolve(len(analyze(kernel).domain))
        vector = resolved.vector
        if vector is None:
            return
        block = vector[1] * max(resolved.unroll[vector[0]], 1)
        for index, operand in enumerate(kernel.inputs):
            original = operand.owner
            arg = kernel.block.args[index]
            if not isinstance(original, m.ConstantOp) or (reads := _reads(arg)) is None:
                continue
            perm = _permutation(kernel, index, vector[0])
            if perm is None:
                continue
            extent = original.result.type.get_shape()[perm[-1]]  # type: ignore[union-attr]
            layout = Layout(perm, block if extent > block else 0)
            packed = self.constant(original, layout)
            kernel.operands = [packed.result if i == index else v for i, v in enumerate(kernel.operands)]
            new_arg = kernel.block.insert_arg(packed.result.type, index)
            for read in reads:
                Rewriter.replace_op(read, _permuted_read(read, new_arg, layout))
            kernel.block.erase_arg(arg)
            if not original.result.uses:
                Rewriter.erase_op(original)


@dataclass(frozen=True)
class PackConstantsPass(ModulePass):
    """Store constant kernel inputs permuted so the kernel's vectors read them contiguously.

    ```mlir
    // before: vector = [1, 16] (dimension 1 = o)
    %w = metaop.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
    %y = metaop.kernel "k1_..." schedule #loop.schedule<..., vector = [1, 16]> (%x, %w) ... {
    ^bb0(%xa: tensor<1x3x224x224xf32>, %wa: tensor<64x3x7x7xf32>):
      %wb = metaop.broadcast %wa dims [0, 3, 4] : tensor<64x3x7x7xf32> -> tensor<1x64x3x112x112x7x7xf32>
      ...
    // after: the weight stored as [c, kh, kw, o]
    %wp = metaop.constant dense_resource<conv1.weight.pack_1_2_3_0> : tensor<3x7x7x64xf32>
    %y = metaop.kernel "k1_..." schedule #loop.schedule<..., vector = [1, 16]> (%x, %wp) ... {
    ^bb0(%xa: tensor<1x3x224x224xf32>, %wa: tensor<3x7x7x64xf32>):
      %wb = metaop.reindex %wa map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d2, d5, d6, d1)> : ...
    ```
    """

    name = "pack-constants"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        packer = _Packer(resources_of(ctx))
        for kernel in [k for k in op.walk() if isinstance(k, m.KernelOp)]:
            packer.pack(kernel)
