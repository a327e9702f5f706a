"""Conv and ConvTranspose (1-D and 2-D)."""

from __future__ import annotations

from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node
from mopc.frontend.onnx.ops.spatial import (
    check_rank,
    insert_height,
    ints_attr,
    remove_height,
    same_pads,
    window,
)


def _kernel(n: Node) -> tuple[int, ...]:
    """The kernel size, from the weight (`kernel_shape`, if given, must agree)."""
    kernel = tuple(n.shape(1)[2:])
    if n.has_attr("kernel_shape") and tuple(n.attr("kernel_shape")) != kernel:
        raise n.error(f"'kernel_shape' {n.attr('kernel_shape')} does not match the weight's "
                      f"spatial shape {list(kernel)}")
    return kernel


def conv(n: Node) -> SSAValue:
    spatial = check_rank(n, "convolution")
    if n.rank(1) != spatial + 2:
        raise n.error(f"the weight must have rank {spatial + 2}, got shape {list(n.shape(1))}")
    win = window(n, _kernel(n))
    x, w = n.input(0), n.input(1)
    bias = n.input(2) if n.has_input(2) else None
    if spatial == 1:
        x, w, win = insert_height(n, x), insert_height(n, w), win.lifted()
    y = n.add(g.Conv2dOp(x, w, bias, strides=win.strides, pads=win.pads,
                         dilations=win.dilations, groups=int(n.attr("group", 1))))
    return remove_height(n, y) if spatial == 1 else y


def _transpose_pads(n: Node, kernel, strides, dilations,
                    output_padding) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """ConvTranspose's (pads, output_padding): given, or derived from `output_shape` /
    SAME auto_pad (the total padding that yields the requested size, split by the ONNX
    rule). An `output_shape` beyond the full transposed convolution is output padding:
    the extra trailing positions receive no input, only the bias."""
    rank = len(kernel)
    auto_pad = n.attr("auto_pad", "NOTSET") or "NOTSET"
    if not n.has_attr("output_shape") and auto_pad not in ("SAME_UPPER", "SAME_LOWER"):
        pads = (0,) * (2 * rank) if auto_pad == "VALID" else ints_attr(n, "pads", 2 * rank, 0)
        return pads, output_padding
    sizes = n.shape(0)[2:]
    if n.has_attr("output_shape"):
        wanted = [int(v) for v in n.attr("output_shape")][-rank:]
    else:
        wanted = [size * s for size, s in zip(sizes, strides, strict=True)]
    total = [s * (size - 1) + op + (k - 1) * d + 1 - out for size, k, s, d, op, out
             in zip(sizes, kernel, strides, dilations, output_padding, wanted, strict=True)]
    extra = tuple(op - min(t, 0) for op, t in zip(output_padding, total, strict=True))
    return same_pads([max(t, 0) for t in total], upper=auto_pad == "SAME_UPPER"), extra


def conv_transpose(n: Node) -> SSAValue:
    spatial = check_rank(n, "transposed convolution")
    if n.rank(1) != spatial + 2:
        raise n.error(f"the weight must have rank {spatial + 2}, got shape {list(n.shape(1))}")
    kernel = _kernel(n)
    strides = ints_attr(n, "strides", spatial, 1)
    dilations = ints_attr(n, "dilations", spatial, 1)
    output_padding = ints_attr(n, "output_padding", spatial, 0)
    pads, output_padding = _transpose_pads(n, kernel, strides, dilations, output_padding)
    x, w = n.input(0), n.input(1)
    bias = n.input(2) if n.has_input(2) else None
    if spatial == 1:
        x, w = insert_height(n, x), insert_height(n, w)
        strides, dilations = (1, *strides), (1, *dilations)
        output_padding, pads = (0, *output_padding), (0, pads[0], 0, pads[1])
    y = n.add(g.ConvTranspose2dOp(
        x, w, bias, strides=strides, pads=pads, dilations=dilations,
        output_padding=output_padding, groups=int(n.attr("group", 1)),
    ))
    return remove_height(n, y) if spatial == 1 else y


CONVERTERS = {
    "Conv": conv,
    "ConvTranspose": conv_transpose,
}
