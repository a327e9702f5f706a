"""Shape rules of the graph ops, as pure functions on tuples of ints.

One function per op family; the op verifiers, the Python builders, the reference
evaluator and the lowering all call these, so the rules exist exactly once. Each raises
`ShapeError` with a message meant for the user.

Spatial conventions follow ONNX: tensors are NCHW, weights OIHW, and `pads` lists all
begins then all ends (`[top, left, bottom, right]` in 2-D).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Shape = tuple[int, ...]


class ShapeError(ValueError):
    """The operands or attributes of an op do not fit together."""


def _fmt(shape: Sequence[int]) -> str:
    return "x".join(map(str, shape)) if len(shape) else "scalar"


def broadcast(*shapes: Sequence[int]) -> Shape:
    """NumPy broadcasting of any number of shapes."""
    rank = max((len(s) for s in shapes), default=0)
    result: list[int] = []
    for axis in range(rank):
        sizes = {s[len(s) - rank + axis] for s in shapes if len(s) - rank + axis >= 0}
        sizes.discard(1)
        if len(sizes) > 1:
            listed = " and ".join(_fmt(s) for s in shapes)
            raise ShapeError(f"shapes {listed} are not broadcast-compatible")
        result.append(sizes.pop() if sizes else 1)
    return tuple(result)


def unidirectional_broadcast(source: Sequence[int], target: Sequence[int]) -> None:
    """Check that `source` broadcasts to exactly `target` (ONNX's unidirectional rule)."""
    if len(source) > len(target) or broadcast(source, target) != tuple(target):
        raise ShapeError(f"shape {_fmt(source)} does not broadcast to {_fmt(target)}")


def _check_rank(name: str, shape: Sequence[int], rank: int) -> None:
    if len(shape) != rank:
        raise ShapeError(f"{name} must have rank {rank}, got shape {_fmt(shape)}")


def _check_pairs(name: str, values: Sequence[int], count: int, minimum: int) -> None:
    if len(values) != count:
        raise ShapeError(f"'{name}' must have {count} entries, got {len(values)}")
    if any(v < minimum for v in values):
        raise ShapeError(f"'{name}' entries must be >= {minimum}, got {list(values)}")


def window_output_size(
    size: int, kernel: int, stride: int, pad_begin: int, pad_end: int, dilation: int,
    ceil_mode: bool = False,
) -> int:
    """Number of window positions along one spatial axis (ONNX/PyTorch rule).

    With `ceil_mode` the last window may hang over the padded end, but must start inside
    the input or its begin padding.
    """
    span = dilation * (kernel - 1) + 1
    room = size + pad_begin + pad_end - span
    if room < 0:
        return 0
    out = (-(-room // stride) if ceil_mode else room // stride) + 1
    if ceil_mode and (out - 1) * stride >= size + pad_begin:
        out -= 1
    return out


def conv2d(
    x: Sequence[int], w: Sequence[int], strides: Sequence[int], pads: Sequence[int],
    dilations: Sequence[int], groups: int, bias: Sequence[int] | None = None,
) -> Shape:
    """NCHW input, OIHW weight (I = C / groups), optional bias of shape [O]."""
    _check_rank("input", x, 4)
    _check_rank("weight", w, 4)
    _check_pairs("strides", strides, 2, 1)
    _check_pairs("dilations", dilations, 2, 1)
    _check_pairs("pads", pads, 4, 0)
    n, c, h, wd = x
    oc, icg, kh, kw = w
    if groups < 1:
        raise ShapeError(f"'groups' must be >= 1, got {groups}")
    if c % groups or oc % groups:
        raise ShapeError(
            f"input channels ({c}) and output channels ({oc}) must be divisible by "
            f"groups ({groups})"
        )
    if icg * groups != c:
        raise ShapeError(
            f"weight expects {icg} input channels per group, but the input has {c} "
            f"channels in {groups} group(s)"
        )
    if bias is not None and tuple(bias) != (oc,):
        raise ShapeError(f"bias must have shape {oc}, got {_fmt(bias)}")
    oh = window_output_size(h, kh, strides[0], pads[0], pads[2], dilations[0])
    ow = window_output_size(wd, kw, strides[1], pads[1], pads[3], dilations[1])
    if oh < 1 or ow < 1:
        raise ShapeError(
            f"the {kh}x{kw} kernel (dilations {list(dilations)}) does not fit the padded "
            f"{h}x{wd} input"
        )
    return (n, oc, oh, ow)


def conv_transpose2d(
    x: Sequence[int], w: Sequence[int], strides: Sequence[int], pads: Sequence[int],
    dilations: Sequence[int], output_padding: Sequence[int], groups: int,
    bias: Sequence[int] | None = None,
) -> Shape:
    """NCHW input, `[C, O/groups, KH, KW]` weight, optional bias of shape [O]. Along each
    spatial axis the result has `stride * (in - 1) + output_padding + dilation * (k - 1)
    + 1 - pad_begin - pad_end` elements (ONNX ConvTranspose)."""
    _check_rank("input", x, 4)
    _check_rank("weight", w, 4)
    _check_pairs("strides", strides, 2, 1)
    _check_pairs("dilations", dilations, 2, 1)
    _check_pairs("pads", pads, 4, 0)
    _check_pairs("output_padding", output_padding, 2, 0)
    n, c, h, wd = x
    wc, ocg, kh, kw = w
    if groups < 1:
        raise ShapeError(f"'groups' must be >= 1, got {groups}")
    if c % groups:
        raise ShapeError(f"input channels ({c}) must be divisible by groups ({groups})")
    if wc != c:
        raise ShapeError(f"weight has {wc} input channels, but the input has {c}")
    oc = ocg * groups
    if bias is not None and tuple(bias) != (oc,):
        raise ShapeError(f"bias must have shape {oc}, got {_fmt(bias)}")
    for axis in range(2):
        if output_padding[axis] >= max(strides[axis], dilations[axis]):
            raise ShapeError(
                f"'output_padding' {list(output_padding)} must be smaller than the stride or "
                f"the dilation of its axis"
            )
    out = [
        strides[a] * (size - 1) + output_padding[a] + dilations[a] * (k - 1) + 1
        - pads[a] - pads[a + 2]
        for a, (size, k) in enumerate(((h, kh), (wd, kw)))
    ]
    if out[0] < 1 or out[1] < 1:
        raise ShapeError(f"pads {list(pads)} leave an empty {out[0]}x{out[1]} result")
    return (n, oc, out[0], out[1])


def pool2d(
    x: Sequence[int], kernel: Sequence[int], strides: Sequence[int], pads: Sequence[int],
    dilations: Sequence[int], ceil_mode: bool,
) -> Shape:
    _check_rank("input", x, 4)
    _check_pairs("kernel", kernel, 2, 1)
    _check_pairs("strides", strides, 2, 1)
    _check_pairs("dilations", dilations, 2, 1)
    _check_pairs("pads", pads, 4, 0)
    for axis in range(2):
        if pads[axis] >= kernel[axis] or pads[axis + 2] >= kernel[axis]:
            raise ShapeError(
                f"pads {list(pads)} must be smaller than the kernel {list(kernel)}"
            )
    n, c, h, w = x
    oh = window_output_size(h, kernel[0], strides[0], pads[0], pads[2], dilations[0], ceil_mode)
    ow = window_output_size(w, kernel[1], strides[1], pads[1], pads[3], dilations[1], ceil_mode)
    if oh < 1 or ow < 1:
        raise ShapeError(f"the {kernel[0]}x{kernel[1]} window does not fit the {h}x{w} input")
    return (n, c, oh, ow)


def global_pool(x: Sequence[int]) -> Shape:
    if len(x) < 3:
        raise ShapeError(f"input must have rank >= 3 (N, C, spatial...), got {_fmt(x)}")
    return (x[0], x[1], *([1] * (len(x) - 2)))


def batch_norm(x: Sequence[int], *params: Sequence[int]) -> Shape:
    if len(x) < 2:
        raise ShapeError(f"input must have rank >= 2 (N, C, ...), got {_fmt(x)}")
    for name, p in zip(("scale", "bias", "mean", "variance"), params, strict=True):
        if tuple(p) != (x[1],):
            raise ShapeError(f"{name} must have shape {x[1]} (the channels), got {_fmt(p)}")
    return tuple(x)


def matmul(a: Sequence[int], b: Sequence[int]) -> Shape:
    """numpy.matmul: batched, broadcasting, 1-D operands promoted then squeezed."""
    if not a or not b:
        raise ShapeError("matmul operands must have rank >= 1")
    ka = a[-1]
    kb = b[-2] if len(b) >= 2 else b[0]
    if ka != kb:
        raise ShapeError(
            f"contraction sizes differ: {_fmt(a)} has {ka} columns, {_fmt(b)} has {kb} rows"
        )
    try:
        batch = broadcast(a[:-2], b[:-2])
    except ShapeError:
        raise ShapeError(
            f"batch axes of {_fmt(a)} and {_fmt(b)} are not broadcast-compatible"
        ) from None
    rows = (a[-2],) if len(a) >= 2 else ()
    cols = (b[-1],) if len(b) >= 2 else ()
    return (*batch, *rows, *cols)


def gemm(
    a: Sequence[int], b: Sequence[int], c: Sequence[int] | None, trans_a: bool, trans_b: bool
) -> Shape:
    _check_rank("A", a, 2)
    _check_rank("B", b, 2)
    m, ka = (a[1], a[0]) if trans_a else (a[0], a[1])
    kb, n = (b[1], b[0]) if trans_b else (b[0], b[1])
    if ka != kb:
        raise ShapeError(f"contraction sizes differ: op(A) is {m}x{ka}, op(B) is {kb}x{n}")
    if c is not None:
        try:
            unidirectional_broadcast(c, (m, n))
        except ShapeError:
            raise ShapeError(f"C of shape {_fmt(c)} does not broadcast to {m}x{n}") from None
    return (m, n)


def check_axis(axis: int, rank: int, name: str = "axis") -> None:
    if not 0 <= axis < rank:
        raise ShapeError(f"'{name}' {axis} is out of range for rank {rank} (use 0..{rank - 1})")


def reduce(x: Sequence[int], axes: Sequence[int], keepdims: bool) -> Shape:
    if not axes:
        raise ShapeError("'axes' must list at least one axis")
    for axis in axes:
        check_axis(axis, len(x), "axes")
    if len(set(axes)) != len(axes):
        raise ShapeError(f"'axes' has repeated entries: {list(axes)}")
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(x))
    return tuple(d for i, d in enumerate(x) if i not in axes)


def transpose(x: Sequence[int], perm: Sequence[int]) -> Shape:
    if sorted(perm) != list(range(len(x))):
        raise ShapeError(f"'perm' {list(perm)} is not a permutation of 0..{len(x) - 1}")
    return tuple(x[p] for p in perm)


def flatten(x: Sequence[int], axis: int) -> Shape:
    if not 0 <= axis <= len(x):
        raise ShapeError(f"'axis' {axis} is out of range for rank {len(x)} (use 0..{len(x)})")
    return (math.prod(x[:axis]), math.prod(x[axis:]))


def reshape(x: Sequence[int], result: Sequence[int]) -> None:
    if math.prod(x) != math.prod(result):
        raise ShapeError(
            f"cannot reshape {_fmt(x)} ({math.prod(x)} elements) to {_fmt(result)} "
            f"({math.prod(result)} elements)"
        )


def concat(shapes: Sequence[Sequence[int]], axis: int) -> Shape:
    if not shapes:
        raise ShapeError("concat needs at least one input")
    first = shapes[0]
    check_axis(axis, len(first))
    for s in shapes[1:]:
        if len(s) != len(first) or any(
            a != b for i, (a, b) in enumerate(zip(s, first, strict=True)) if i != axis
        ):
            raise ShapeError(
                f"inputs {_fmt(first)} and {_fmt(s)} differ outside the concat axis {axis}"
            )
    return tuple(sum(s[axis] for s in shapes) if i == axis else d for i, d in enumerate(first))


def gather(x: Sequence[int], axis: int, indices: Sequence[int]) -> Shape:
    """`x` with axis `axis` replaced by one entry per index (each in `0..size-1`)."""
    check_axis(axis, len(x))
    if not indices:
        raise ShapeError("'indices' must list at least one index")
    bad = [i for i in indices if not 0 <= i < x[axis]]
    if bad:
        raise ShapeError(
            f"'indices' {bad} are out of range for axis {axis} of size {x[axis]} "
            f"(use 0..{x[axis] - 1})"
        )
    return tuple(len(indices) if i == axis else d for i, d in enumerate(x))


def pad(x: Sequence[int], pads: Sequence[int]) -> Shape:
    rank = len(x)
    if len(pads) != 2 * rank:
        raise ShapeError(f"'pads' must have {2 * rank} entries (begins, then ends), got {len(pads)}")
    out = tuple(d + pads[i] + pads[i + rank] for i, d in enumerate(x))
    if any(d < 0 for d in out):
        raise ShapeError(f"negative pads {list(pads)} remove more than the input {_fmt(x)} has")
    return out


@dataclass(frozen=True)
class SliceAxis:
    """A normalised slice of one axis: `count` elements from `start`, every `step`."""

    start: int
    step: int
    count: int


def slice_axes(
    x: Sequence[int], starts: Sequence[int], ends: Sequence[int], axes: Sequence[int],
    steps: Sequence[int],
) -> list[SliceAxis]:
    """Per-axis normalised slices (NumPy/ONNX clamping of negative and large indices)."""
    if not len(starts) == len(ends) == len(axes) == len(steps):
        raise ShapeError("'starts', 'ends', 'axes' and 'steps' must have the same length")
    for axis in axes:
        check_axis(axis, len(x), "axes")
    if len(set(axes)) != len(axes):
        raise ShapeError(f"'axes' has repeated entries: {list(axes)}")
    result = [SliceAxis(0, 1, d) for d in x]
    for start, end, axis, step in zip(starts, ends, axes, steps, strict=True):
        if step == 0:
            raise ShapeError("'steps' must not contain 0")
        begin, stop = _onnx_slice_bounds(start, end, step, x[axis])
        result[axis] = SliceAxis(begin, step, len(range(begin, stop, step)))
    return result


def _onnx_slice_bounds(start: int, end: int, step: int, dim: int) -> tuple[int, int]:
    """ONNX Slice's clamping: negative indices count from the end, then starts clamp to
    [0, dim] ([0, dim-1] when stepping backwards) and ends to [0, dim] ([-1, dim-1]).
    It differs from NumPy for a backward slice starting before -dim (ONNX keeps index 0)."""
    start = start + dim if start < 0 else start
    end = end + dim if end < 0 else end
    if step > 0:
        return min(max(start, 0), dim), min(max(end, 0), dim)
    return min(max(start, 0), dim - 1), min(max(end, -1), dim - 1)


def slice_(
    x: Sequence[int], starts: Sequence[int], ends: Sequence[int], axes: Sequence[int],
    steps: Sequence[int],
) -> Shape:
    return tuple(s.count for s in slice_axes(x, starts, ends, axes, steps))


def pool_window_counts(
    spatial: Sequence[int], out: Sequence[int], kernel: Sequence[int], strides: Sequence[int],
    dilations: Sequence[int], pads: Sequence[int], include_pad: bool,
) -> np.ndarray:
    """Average pooling's divisor per output position (ONNX's rule): how many window
    taps lie inside the input, or inside the padded input with `include_pad`. Taps past
    the padded end (ceil_mode overhang) never count."""
    rank = len(spatial)
    per_axis = []
    for axis in range(rank):
        begin, end = pads[axis], pads[axis + rank]
        pos = (np.arange(out[axis])[:, None] * strides[axis] - begin
               + np.arange(kernel[axis])[None, :] * dilations[axis])
        lo, hi = (-begin, spatial[axis] + end) if include_pad else (0, spatial[axis])
        per_axis.append(((pos >= lo) & (pos < hi)).sum(axis=1))
    counts = per_axis[0]
    for more in per_axis[1:]:
        counts = np.multiply.outer(counts, more)
    return counts
