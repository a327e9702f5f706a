"""`graph.conv2d` -> `reindex(x) * broadcast(w) -> reduce add` (Jittor's conv), and
`graph.conv_transpose2d` -> the same with a strided gather (`reindex(x) * reindex(w)`).

The iteration space is `[N, O, C/G, OH, OW, KH, KW]`. The input is gathered through

    (n, o, c, i, j, p, q) -> (n, (o floordiv (O/G)) * (C/G) + c, i*sh + p*dh - top, j*sw + q*dw - left)

so padding is the reindex's implicit bounds check (fill 0) and grouped convolution is
the same kernel with a channel offset per group. The weight `[O, C/G, KH, KW]` is
broadcast along N, OH and OW; the product is summed over `C/G`, `KH` and `KW`.

A transposed convolution is written as a gather too, not as a scatter of every
product (a serial `reindex_reduce` over the 7-D space), so it stays a parallel
reduction that fuses like a convolution. A stride first spreads the input out with
zeros between its elements (a small `reindex_reduce` add into `[N, C, (H-1)*sh + 1,
(W-1)*sw + 1]`), which keeps the gather's indices free of divisions; then, over
`[N, O, C/G, OH, OW, KH, KW]`:

    x: (n, o, c, i, j, p, q) -> (n, g*C/G + c, i + top - p*dh, j + left - q*dw)
    w: (n, o, c, i, j, p, q) -> (g*C/G + c, o mod (O/G), p, q)        with g = o floordiv (O/G)
"""

from __future__ import annotations

from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from mopc.dialects import graph as g
from mopc.dialects.metaop import BinaryKind, ReduceKind
from mopc.passes.graph_to_metaop.emitter import MetaopEmitter, shape_of


class LowerConv2d(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.Conv2dOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        n, o, oh, ow = shape_of(op.result)
        _, cg, kh, kw = shape_of(op.weight)
        sh, sw = op.strides.get_values()
        top, left, _, _ = op.pads.get_values()
        dh, dw = op.dilations.get_values()
        groups = op.groups.value.data
        og = o // groups
        space = (n, o, cg, oh, ow, kh, kw)

        def input_index(d):
            group = d[1] if og == 1 else d[1] // og  # xDSL keeps `d1 floordiv 1` as written
            channel = d[2] if groups == 1 else group * cg + d[2]
            return (d[0], channel, d[3] * sh + d[5] * dh - top, d[4] * sw + d[6] * dw - left)

        xx = e.reindex(op.input, space, input_index)
        ww = e.broadcast(op.weight, space, dims=(0, 3, 4))
        y = e.reduce(ReduceKind.ADD, e.binary(BinaryKind.MUL, xx, ww), axes=(2, 5, 6))
        if op.bias is not None:
            y = e.binary(BinaryKind.ADD, y, e.broadcast(op.bias, (n, o, oh, ow), dims=(0, 2, 3)))
        rewriter.replace(op, e.ops, [y])


class LowerConvTranspose2d(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: g.ConvTranspose2dOp, rewriter: PatternRewriter) -> None:
        e = MetaopEmitter(op.location)
        n, o, oh, ow = shape_of(op.result)
        c, og, kh, kw = shape_of(op.weight)
        sh, sw = op.strides.get_values()
        top, left, _, _ = op.pads.get_values()
        dh, dw = op.dilations.get_values()
        groups = op.groups.value.data
        cg = c // groups
        space = (n, o, cg, oh, ow, kh, kw)
        source = op.input
        if sh > 1 or sw > 1:  # zeros between the elements: every stride becomes 1
            _, _, h, w = shape_of(op.input)
            spread = (n, c, (h - 1) * sh + 1, (w - 1) * sw + 1)
            source = e.reindex_reduce(ReduceKind.ADD, op.input, spread,
                                      lambda d: (d[0], d[1], d[2] * sh, d[3] * sw))

        def channel(d):
            return d[2] if groups == 1 else (d[1] // og) * cg + d[2]

        def input_index(d):
            return (d[0], channel(d), d[3] + top - d[5] * dh, d[4] + left - d[6] * dw)

        def weight_index(d):
            return (channel(d), d[1] if groups == 1 else d[1] % og, d[5], d[6])

        xx = e.reindex(source, space, input_index)
        ww = e.reindex(op.weight, space, weight_index)
        y = e.reduce(ReduceKind.ADD, e.binary(BinaryKind.MUL, xx, ww), axes=(2, 5, 6))
        if op.bias is not None:
            y = e.binary(BinaryKind.ADD, y, e.broadcast(op.bias, (n, o, oh, ow), dims=(0, 2, 3)))
        rewriter.replace(op, e.ops, [y])


PATTERNS = [LowerConv2d(), LowerConvTranspose2d()]
