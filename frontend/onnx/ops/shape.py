"""Data movement: Reshape, Flatten, Transpose, Concat, Squeeze, Unsqueeze, Slice, Pad
(constant mode) and Gather (constant indices).

The `*_params` functions read a node's parameters (attributes in old opsets, constant
inputs in new ones) into plain values; the converters here and the constant folder
(`folding.py`) both use them, so a folded node and an imported one agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node

# -- parameters ------------------------------------------------------------------------------


def reshape_target(n: Node, source: Sequence[int]) -> tuple[int, ...]:
    """Reshape's result shape: 0 copies the input's size at that position (unless
    `allowzero`), and one -1 takes whatever size is left."""
    target = n.ints(1, "the target shape")
    allowzero = bool(n.attr("allowzero", 0))
    out = []
    for i, size in enumerate(target):
        if size == 0 and not allowzero:
            if i >= len(source):
                raise n.error(f"target shape {target} copies axis {i} (a 0), but the input "
                              f"{list(source)} has only {len(source)} axes")
            size = source[i]
        out.append(size)
    total = math.prod(source)
    if out.count(-1) > 1:
        raise n.error(f"target shape {target} has more than one -1")
    if -1 in out:
        known = math.prod(s for s in out if s != -1)
        if known == 0 or total % known:
            raise n.error(f"cannot reshape {list(source)} to {target}: no size for the -1 fits")
        out[out.index(-1)] = total // known
    if any(s < 0 for s in out) or math.prod(out) != total:
        raise n.error(f"cannot reshape {list(source)} ({total} elements) to {target}")
    return tuple(out)


def flatten_axis(n: Node, rank: int) -> int:
    axis = int(n.attr("axis", 1))
    if not -rank <= axis <= rank:
        raise n.error(f"'axis' {axis} is out of range for rank {rank}")
    return axis + rank if axis < 0 else axis


def transpose_perm(n: Node, rank: int) -> list[int]:
    perm = [int(p) for p in n.attr("perm", list(reversed(range(rank))))]
    if sorted(perm) != list(range(rank)):
        raise n.error(f"'perm' {perm} is not a permutation of 0..{rank - 1}")
    return perm


def _axes_param(n: Node, since: int) -> list[int] | None:
    """`axes` as an attribute before opset `since`, as an optional input from it on."""
    if n.opset >= since:
        return n.ints(1, "'axes'") if n.has_input(1) else None
    axes = n.attr("axes")
    return None if axes is None else [int(a) for a in axes]


def squeeze_shape(n: Node, source: Sequence[int]) -> tuple[int, ...]:
    axes = _axes_param(n, 13)
    if axes is None:
        return tuple(s for s in source if s != 1)
    axes = n.axes(axes, len(source))
    wrong = [a for a in axes if source[a] != 1]
    if wrong:
        raise n.error(f"cannot squeeze axes {wrong} of shape {list(source)}: their size is not 1")
    return tuple(s for i, s in enumerate(source) if i not in axes)


def unsqueeze_shape(n: Node, source: Sequence[int]) -> tuple[int, ...]:
    axes = _axes_param(n, 13)
    if axes is None:
        raise n.error("'axes' is required")
    rank = len(source) + len(axes)
    axes = n.axes(axes, rank)
    rest = iter(source)
    return tuple(1 if i in axes else next(rest) for i in range(rank))


def slice_params(n: Node, source: Sequence[int]) -> tuple[list[int], ...]:
    """(starts, ends, axes, steps), axes non-negative and bounds clamped to
    `[-size-1, size]` (the same slice: INT64_MAX and friends become readable)."""
    if n.opset < 10:
        starts, ends = list(n.attr("starts", [])), list(n.attr("ends", []))
        axes = list(n.attr("axes", range(len(starts))))
        steps = [1] * len(starts)
    else:
        starts, ends = n.ints(1, "'starts'"), n.ints(2, "'ends'")
        axes = n.ints(3, "'axes'") if n.has_input(3) else list(range(len(starts)))
        steps = n.ints(4, "'steps'") if n.has_input(4) else [1] * len(starts)
    if not len(starts) == len(ends) == len(axes) == len(steps):
        raise n.error("'starts', 'ends', 'axes' and 'steps' must have the same length")
    axes = n.axes(axes, len(source))
    if 0 in steps:
        raise n.error("'steps' must not contain 0")

    def clamp(v: int, axis: int) -> int:
        return min(max(int(v), -source[axis] - 1), source[axis])

    return ([clamp(s, a) for s, a in zip(starts, axes, strict=True)],
            [clamp(e, a) for e, a in zip(ends, axes, strict=True)], axes, [int(s) for s in steps])


def pad_params(n: Node, rank: int) -> tuple[list[int], float]:
    """(pads for every axis, begins then ends; the fill value). Constant mode only."""
    mode = n.attr("mode", "constant")
    if mode != "constant":
        raise n.error(f"mode '{mode}' is not supported (only 'constant')")
    if n.opset < 11:
        pads, value = [int(p) for p in n.attr("pads", [])], float(n.attr("value", 0.0))
    else:
        pads = n.ints(1, "'pads'")
        fill = n.optional_const(2, "the constant value")
        value = float(np.asarray(fill).reshape(-1)[0]) if fill is not None and fill.size else 0.0
        if n.has_input(3):  # opset 18: pads for the listed axes only
            axes = n.axes(n.ints(3, "'axes'"), rank)
            if len(pads) != 2 * len(axes):
                raise n.error(f"'pads' must have {2 * len(axes)} entries for axes {axes}")
            full = [0] * (2 * rank)
            for i, axis in enumerate(axes):
                full[axis], full[axis + rank] = pads[i], pads[i + len(axes)]
            pads = full
    if len(pads) != 2 * rank:
        raise n.error(f"'pads' must have {2 * rank} entries (begins, then ends), got {len(pads)}")
    return pads, value


def gather_params(n: Node, source: Sequence[int]) -> tuple[int, np.ndarray]:
    """(axis, indices made non-negative), indices checked against the axis' size."""
    axis = n.axis(int(n.attr("axis", 0)), len(source))
    indices = np.asarray(n.const(1, "'indices'"))
    if not np.issubdtype(indices.dtype, np.integer):
        raise n.error(f"'indices' must be integers, got {indices.dtype}")
    size = source[axis]
    bad = indices[(indices < -size) | (indices >= size)]
    if bad.size:
        raise n.error(f"indices {sorted(set(bad.tolist()))} are out of range for axis {axis} "
                      f"of size {size}")
    return axis, np.where(indices < 0, indices + size, indices).astype(np.int64)


# -- converters ------------------------------------------------------------------------------


def _reshape_to(n: Node, shape: Sequence[int]) -> SSAValue:
    x = n.input(0)
    return x if tuple(shape) == n.shape(0) else n.add(g.ReshapeOp(x, shape))


def slice_(n: Node) -> SSAValue:
    starts, ends, axes, steps = slice_params(n, n.shape(0))
    return n.add(g.SliceOp(n.input(0), starts, ends, axes, steps))


def pad(n: Node) -> SSAValue:
    pads, value = pad_params(n, n.rank(0))
    return n.add(g.PadOp(n.input(0), pads, value))


def gather(n: Node) -> SSAValue:
    source = n.shape(0)
    axis, indices = gather_params(n, source)
    y = n.add(g.GatherOp(n.input(0), axis, indices.reshape(-1).tolist()))
    if indices.ndim == 1:
        return y
    # The op gathers a flat list; the indices' own shape replaces the axis afterwards.
    return n.add(g.ReshapeOp(y, (*source[:axis], *indices.shape, *source[axis + 1:])))


def concat(n: Node) -> SSAValue:
    if not n.has_attr("axis"):
        raise n.error("'axis' is required")
    return n.add(g.ConcatOp(n.inputs(), n.axis(int(n.attr("axis")), n.rank(0))))


CONVERTERS = {
    "Reshape": lambda n: _reshape_to(n, reshape_target(n, n.shape(0))),
    "Flatten": lambda n: n.add(g.FlattenOp(n.input(0), flatten_axis(n, n.rank(0)))),
    "Transpose": lambda n: n.add(g.TransposeOp(n.input(0), transpose_perm(n, n.rank(0)))),
    "Squeeze": lambda n: _reshape_to(n, squeeze_shape(n, n.shape(0))),
    "Unsqueeze": lambda n: _reshape_to(n, unsqueeze_shape(n, n.shape(0))),
    "Concat": concat,
    "Slice": slice_,
    "Pad": pad,
    "Gather": gather,
}
