"""MaxPool, AveragePool and the global poolings."""

from __future__ import annotations

from collections.abc import Callable

from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node
from mopc.frontend.onnx.ops.spatial import check_rank, insert_height, remove_height, window


def _pool(op: type, **flags: Callable[[Node], bool]) -> Callable[[Node], SSAValue]:
    """A sliding-window pooling; `flags` compute the op's extra boolean properties."""

    def convert(n: Node) -> SSAValue:
        spatial = check_rank(n, "pooling")
        if not n.has_attr("kernel_shape"):
            raise n.error("'kernel_shape' is required")
        kernel = [int(k) for k in n.attr("kernel_shape")]
        if len(kernel) != spatial:
            raise n.error(f"'kernel_shape' {kernel} must have {spatial} entries")
        win = window(n, kernel)
        # SAME pads already give ceil(size / stride) windows; ceil_mode changes nothing.
        ceil = bool(n.attr("ceil_mode", 0)) and not n.attr("auto_pad", "NOTSET").startswith("SAME")
        x = n.input(0)
        if spatial == 1:
            x, win = insert_height(n, x), win.lifted()
        y = n.add(op(x, kernel=win.kernel, strides=win.strides, pads=win.pads,
                     dilations=win.dilations, ceil_mode=ceil,
                     **{k: f(n) for k, f in flags.items()}))
        return remove_height(n, y) if spatial == 1 else y

    return convert


CONVERTERS = {
    "MaxPool": _pool(g.MaxPool2dOp),
    "AveragePool": _pool(
        g.AvgPool2dOp, count_include_pad=lambda n: bool(n.attr("count_include_pad", 0))
    ),
    "GlobalAveragePool": lambda n: n.add(g.GlobalAvgPoolOp(n.input(0))),
    "GlobalMaxPool": lambda n: n.add(g.GlobalMaxPoolOp(n.input(0))),
}
