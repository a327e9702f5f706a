"""The `materialize-padding` pass: a window's padding written to memory once, instead
of checked at every read.

A convolution or pooling reads its input through a `metaop.reindex` whose index can
leave the input (`h * s + kh - p`): every read then clamps the index and selects the
fill value. In a convolution's inner loop that check costs more than the
multiply-add it guards. This pass splits such a reindex in two:

* a *padding* reindex from the input to the padded input (the fill around it), which
  fusion materialises as a copy kernel of its own, since a reindex-class op reads it;
* the window reindex, now reading the padded input, always in bounds: no checks left.

The copy moves each input element once (ResNet-18: 3 MB in all); the window reads it
`kh * kw * output channels` times.

Only reindexes that gather windows (a result of higher rank than their input) and
whose affine index can leave the input are split; reindexes with `overflow` sets
(strided transposed convolutions) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from mopc.dialects import metaop as m
from mopc.passes.metaop_to_loop.kernel_analysis import expr_range
from mopc.passes.metaop_to_loop.loads import uses_dim


def _padding(op: m.ReindexOp) -> list[tuple[int, int]] | None:
    """(before, after) padding per input axis that keeps the reindex in bounds; None when
    the reindex never leaves its input or is not a window."""
    source, result = op.input.type, op.result.type
    assert isinstance(source, TensorType) and isinstance(result, TensorType)
    shape, domain = source.get_shape(), result.get_shape()
    if op.overflow.data or len(domain) <= len(shape):
        return None
    pads = []
    for expr, size in zip(op.map.data.results, shape, strict=True):
        low, high = expr_range(expr, domain)
        pads.append((max(0, -low), max(0, high - (size - 1))))
    return pads if any(before or after for before, after in pads) else None


def _checks_stay_innermost(op: m.ReindexOp, pads: list[tuple[int, int]]) -> bool:
    """Whether the window's bounds checks would run in the reduction's innermost loop.

    `loop-schedule` orders a contraction's reductions shortest first, so a window (kh,
    kw) longer than the channels reduced with it (a stem: 3 input channels under a 7x7
    window) runs innermost, and its padding test with it: LLVM cannot hoist that test,
    and it costs more than the multiply-add (ResNet-18's stem: 4.9 -> 2.8 ms with the
    padding materialised). Otherwise the channels run innermost, the test is hoisted
    out of them, and the copy buys nothing. A padded axis's window is the shortest
    dimension its index uses (`h + kh`: kh); the channels are the dimensions the
    unpadded axes use, but the first (the batch)."""
    domain = op.result.type.get_shape()  # type: ignore[union-attr]
    results = op.map.data.results

    def dims(expr) -> list[int]:
        return [d for d in range(len(domain)) if uses_dim(expr, d)]

    windows = [min(domain[d] for d in dims(e)) for e, pad in zip(results, pads, strict=True) if any(pad) and dims(e)]
    channels = [domain[d] for axis, (e, pad) in enumerate(zip(results, pads, strict=True))
                if axis > 0 and not any(pad) for d in dims(e)]
    return bool(windows) and max(windows) > max(channels, default=1)


def _split(op: m.ReindexOp, pads: list[tuple[int, int]]) -> None:
    source = op.input.type
    assert isinstance(source, TensorType)
    padded_shape = [size + before + after for size, (before, after) in zip(source.get_shape(), pads, strict=True)]
    rank = len(pads)
    unpad = AffineMap(rank, 0, tuple(AffineDimExpr(i) - AffineConstantExpr(before)
                                     for i, (before, _) in enumerate(pads)))
    padded = m.ReindexOp(op.input, padded_shape, unpad, fill=op.fill.value.data)
    shifted = AffineMap(op.map.data.num_dims, 0, tuple(
        expr + AffineConstantExpr(before) for expr, (before, _) in zip(op.map.data.results, pads, strict=True)))
    window = m.ReindexOp(padded.result, op.result.type.get_shape(), shifted, fill=op.fill.value.data)  # type: ignore[union-attr]
    Rewriter.insert_op(padded, InsertPoint.before(op))
    Rewriter.replace_op(op, window)


@dataclass(frozen=True)
class MaterializePaddingPass(ModulePass):
    """Split every padded window reindex into a padding copy and an unchecked window
    (`innermost-only=true`: only those whose checks would stay in the innermost loop).

    ```mlir
    // before: a 3x3 convolution's input, padded by 1 (bounds checked at every read)
    %w = metaop.reindex %x map affine_map<(n, c, h, w, ci, kh, kw) -> (n, ci, h + kh - 1, w + kw - 1)>
        : tensor<1x8x6x6xf32> -> tensor<1x16x6x6x8x3x3xf32>
    // after
    %p = metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 1, d3 - 1)>
        : tensor<1x8x6x6xf32> -> tensor<1x8x8x8xf32>
    %w = metaop.reindex %p map affine_map<(n, c, h, w, ci, kh, kw) -> (n, ci, h + kh, w + kw)>
        : tensor<1x8x8x8xf32> -> tensor<1x16x6x6x8x3x3xf32>
    ```
    """

    name = "materialize-padding"
    innermost_only: bool = False
    """Split only the windows whose checks would stay in the innermost loop (see
    `_checks_stay_innermost`): what the CPU pipeline runs."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for reindex in [o for o in op.walk() if isinstance(o, m.ReindexOp)]:
            if isinstance(reindex.parent_op(), m.KernelOp):
                continue  # already fused: the kernel's schedule decided
            pads = _padding(reindex)
            if pads is not None and (not self.innermost_only or _checks_stay_innermost(reindex, pads)):
                _split(reindex, pads)
