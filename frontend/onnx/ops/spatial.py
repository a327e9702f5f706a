"""What Conv, ConvTranspose and the poolings share: their window attributes (with
`auto_pad` resolved to explicit pads) and the mapping of 1-D ops onto the 2-D graph ops
(a unit height axis is inserted before the op and removed after it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.dialects.graph.base import shape
from mopc.frontend.onnx.node import Node

AUTO_PADS = ("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID")


@dataclass(frozen=True)
class Window:
    """Per spatial axis: kernel size, stride, dilation; pads are all begins, then ends."""

    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    dilations: tuple[int, ...]
    pads: tuple[int, ...]

    def lifted(self) -> Window:
        """The same 1-D window as a 2-D one over a unit height."""
        (k,), (s,), (d,), (begin, end) = self.kernel, self.strides, self.dilations, self.pads
        return Window((1, k), (1, s), (1, d), (0, begin, 0, end))


def check_rank(n: Node, what: str) -> int:
    """The input's number of spatial axes, which must be 1 or 2."""
    spatial = n.rank(0) - 2
    if spatial not in (1, 2):
        raise n.error(f"{spatial}-D {what} is not supported (only 1-D and 2-D, on NCW or "
                      f"NCHW inputs); the input has shape {list(n.shape(0))}")
    return spatial


def ints_attr(n: Node, name: str, count: int, default: int) -> tuple[int, ...]:
    values = n.attr(name, [default] * count)
    if len(values) != count:
        raise n.error(f"'{name}' {list(values)} must have {count} entries (one per spatial axis)")
    return tuple(int(v) for v in values)


def same_pads(total: Sequence[int], upper: bool) -> tuple[int, ...]:
    """Split total paddings: SAME_UPPER puts the odd one at the end, SAME_LOWER at the
    beginning."""
    begins = [t // 2 if upper else t - t // 2 for t in total]
    return (*begins, *(t - b for t, b in zip(total, begins, strict=True)))


def window(n: Node, kernel: Sequence[int]) -> Window:
    """The node's window attributes, `auto_pad` resolved against the input's size."""
    rank = len(kernel)
    strides = ints_attr(n, "strides", rank, 1)
    dilations = ints_attr(n, "dilations", rank, 1)
    auto_pad = n.attr("auto_pad", "NOTSET") or "NOTSET"
    if auto_pad not in AUTO_PADS:
        raise n.error(f"unknown auto_pad '{auto_pad}' (use one of {', '.join(AUTO_PADS)})")
    if auto_pad == "NOTSET":
        pads = ints_attr(n, "pads", 2 * rank, 0)
    elif auto_pad == "VALID":
        pads = (0,) * (2 * rank)
    else:  # SAME_*: the output has ceil(size / stride) entries
        sizes = n.shape(0)[2:]
        total = [max(0, (-(-size // s) - 1) * s + (k - 1) * d + 1 - size)
                 for size, k, s, d in zip(sizes, kernel, strides, dilations, strict=True)]
        pads = same_pads(total, upper=auto_pad == "SAME_UPPER")
    return Window(tuple(kernel), strides, dilations, pads)


def insert_height(n: Node, value: SSAValue) -> SSAValue:
    """`[N, C, W]` -> `[N, C, 1, W]`."""
    s = shape(value)
    return n.add(g.ReshapeOp(value, (*s[:2], 1, *s[2:])))


def remove_height(n: Node, value: SSAValue) -> SSAValue:
    """`[N, C, 1, W]` -> `[N, C, W]`."""
    s = shape(value)
    return n.add(g.ReshapeOp(value, (*s[:2], *s[3:])))
