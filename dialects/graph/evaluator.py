"""NumPy reference semantics of every graph op: the oracle of all numeric tests.

Written for clarity, not speed. Contractions and sums accumulate in float64 and round
to the result's type once, so the reference is at least as accurate as anything mopc
generates. Pooling follows ONNX's reference implementation (ceil_mode,
count_include_pad). Each op is one `@impl` on `GraphFunctions`, an xDSL
`InterpreterFunctions`; `mopc.core.evaluate` runs whole functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from xdsl.interpreter import Interpreter, InterpreterFunctions, PythonValues, impl, register_impls

from mopc.core.elements import elements_to_array
from mopc.core.interpret import table_impls
from mopc.core.resources import ResourceStore
from mopc.dialects import graph as g
from mopc.dialects.graph.shapes import pool_window_counts

F32 = np.float32


def _pad2d(x: np.ndarray, pads: Sequence[int], value: float) -> np.ndarray:
    top, left, bottom, right = pads
    return np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=value)


def _windows(
    padded: np.ndarray, kernel: Sequence[int], strides: Sequence[int], dilations: Sequence[int],
    out: Sequence[int],
) -> np.ndarray:
    """`[N, C, OH, OW, KH, KW]` view of the sliding windows of a padded NCHW tensor."""
    span = [d * (k - 1) + 1 for k, d in zip(kernel, dilations, strict=True)]
    view = sliding_window_view(padded, span, axis=(2, 3))
    view = view[:, :, :: strides[0], :: strides[1], :: dilations[0], :: dilations[1]]
    return view[:, :, : out[0], : out[1]]


def conv2d(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None, strides: Sequence[int],
    pads: Sequence[int], dilations: Sequence[int], groups: int,
) -> np.ndarray:
    n, c, _, _ = x.shape
    oc, icg, kh, kw = w.shape
    padded = _pad2d(x.astype(np.float64), pads, 0.0)
    oh = (padded.shape[2] - (dilations[0] * (kh - 1) + 1)) // strides[0] + 1
    ow = (padded.shape[3] - (dilations[1] * (kw - 1) + 1)) // strides[1] + 1
    win = _windows(padded, (kh, kw), strides, dilations, (oh, ow))
    win = win.reshape(n, groups, icg, oh, ow, kh, kw)
    wg = w.astype(np.float64).reshape(groups, oc // groups, icg, kh, kw)
    y = np.einsum("ngcijhw,gochw->ngoij", win, wg, optimize=True).reshape(n, oc, oh, ow)
    if b is not None:
        y = y + b.astype(np.float64).reshape(1, oc, 1, 1)
    return y.astype(x.dtype)


def conv_transpose2d(op: g.ConvTranspose2dOp, x: np.ndarray, w: np.ndarray,
                     b: np.ndarray | None = None) -> np.ndarray:
    """Scatter form: every kernel tap (p, q) adds `x * w[:, :, p, q]` (per group) to a
    strided view of the full, uncropped result; the pads then crop it."""
    sh, sw = op.strides.get_values()
    dh, dw = op.dilations.get_values()
    top, left, _, _ = op.pads.get_values()
    groups = op.groups.value.data
    n, c, h, wd = x.shape
    _, ocg, kh, kw = w.shape
    _, oc, oh, ow = op.infer_shape()
    # The full result must hold every tap and reach the cropped result's end.
    full_h = max(sh * (h - 1) + dh * (kh - 1) + 1, top + oh)
    full_w = max(sw * (wd - 1) + dw * (kw - 1) + 1, left + ow)
    full = np.zeros((n, groups, ocg, full_h, full_w))
    xg = x.astype(np.float64).reshape(n, groups, c // groups, h, wd)
    wg = w.astype(np.float64).reshape(groups, c // groups, ocg, kh, kw)
    for p in range(kh):
        for q in range(kw):
            tap = np.einsum("ngcij,gco->ngoij", xg, wg[:, :, :, p, q])
            full[:, :, :, p * dh : p * dh + sh * (h - 1) + 1 : sh,
                 q * dw : q * dw + sw * (wd - 1) + 1 : sw] += tap
    y = full.reshape(n, oc, full_h, full_w)[:, :, top : top + oh, left : left + ow]
    if b is not None:
        y = y + b.astype(np.float64).reshape(1, oc, 1, 1)
    return y.astype(x.dtype)


def pool2d(op: g.MaxPool2dOp | g.AvgPool2dOp, x: np.ndarray) -> np.ndarray:
    kernel, strides = op.kernel.get_values(), op.strides.get_values()
    pads, dilations = op.pads.get_values(), op.dilations.get_values()
    _, _, oh, ow = op.infer_shape()
    is_max = isinstance(op, g.MaxPool2dOp)
    fill = -np.inf if is_max else 0.0
    padded = _pad2d(x.astype(np.float64), pads, fill)
    # ceil_mode windows may hang over the padded end: pad further with values that never
    # count (they are excluded from the divisor below).
    need = [(o - 1) * s + d * (k - 1) + 1 for o, s, d, k in zip((oh, ow), strides, dilations, kernel)]
    extra = [max(0, need[i] - padded.shape[2 + i]) for i in range(2)]
    padded = np.pad(padded, ((0, 0), (0, 0), (0, extra[0]), (0, extra[1])), constant_values=fill)
    win = _windows(padded, kernel, strides, dilations, (oh, ow))
    if is_max:
        return win.max(axis=(4, 5)).astype(x.dtype)
    divisor = pool_window_counts(
        x.shape[2:], (oh, ow), kernel, strides, dilations, pads, op.count_include_pad is not None
    )
    return (win.sum(axis=(4, 5)) / divisor).astype(x.dtype)


def softmax(x: np.ndarray, axis: int, log: bool) -> np.ndarray:
    x64 = x.astype(np.float64)
    shifted = x64 - x64.max(axis=axis, keepdims=True)
    total = np.exp(shifted).sum(axis=axis, keepdims=True)
    y = shifted - np.log(total) if log else np.exp(shifted) / total
    return y.astype(x.dtype)


def sigmoid(x: np.ndarray) -> np.ndarray:
    x64 = x.astype(np.float64)
    return (0.5 * (1.0 + np.tanh(0.5 * x64))).astype(x.dtype)


def gemm(op: g.GemmOp, a: np.ndarray, b: np.ndarray, c: np.ndarray | None) -> np.ndarray:
    a64 = a.astype(np.float64).T if op.trans_a is not None else a.astype(np.float64)
    b64 = b.astype(np.float64).T if op.trans_b is not None else b.astype(np.float64)
    y = op.alpha.value.data * (a64 @ b64)
    if c is not None:
        y = y + op.beta.value.data * c.astype(np.float64)
    return y.astype(a.dtype)


def _unary(fn: Callable[[np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    def run(op: Any, x: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(fn(x)).astype(x.dtype)

    return run


def _binary(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    def run(op: Any, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(fn(a, b)).astype(a.dtype)

    return run


def _reduce(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    def run(op: Any, x: np.ndarray) -> np.ndarray:
        y = fn(x, axis=tuple(op.axes.get_values()), keepdims=op.keepdims is not None)
        return np.asarray(y).astype(x.dtype)

    return run


def leaky_relu(op: g.LeakyReluOp, x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, x * F32(op.alpha.value.data)).astype(x.dtype)


def clip(op: g.ClipOp, x: np.ndarray) -> np.ndarray:
    y = x
    if op.min is not None:
        y = np.maximum(y, x.dtype.type(op.min.value.data))
    if op.max is not None:
        y = np.minimum(y, x.dtype.type(op.max.value.data))
    return y


def batch_norm(op: g.BatchNormOp, *args: np.ndarray) -> np.ndarray:
    x, scale, bias, mean, var = (a.astype(np.float64) for a in args)
    shape = (1, x.shape[1], *([1] * (x.ndim - 2)))  # parameters broadcast along axis 1
    inv = scale / np.sqrt(var + op.epsilon.value.data)
    y = (x - mean.reshape(shape)) * inv.reshape(shape) + bias.reshape(shape)
    return y.astype(args[0].dtype)


def pad(op: g.PadOp, x: np.ndarray) -> np.ndarray:
    pads = op.pads.get_values()
    rank = x.ndim
    # Negative pads crop: pad with the positive parts, then slice off the negative ones.
    widths = [(max(pads[i], 0), max(pads[i + rank], 0)) for i in range(rank)]
    y = np.pad(x, widths, constant_values=x.dtype.type(op.value.value.data))
    crop = tuple(slice(max(-pads[i], 0), y.shape[i] - max(-pads[i + rank], 0)) for i in range(rank))
    return y[crop].copy()


def slice_(op: g.SliceOp, x: np.ndarray) -> np.ndarray:
    # Build the index arrays explicitly: a Python slice cannot say "down to index 0"
    # with a negative step in a way that survives every start/count combination.
    index = np.ix_(*(s.start + s.step * np.arange(s.count) for s in op.axis_slices()))
    return x[index].copy()


SEMANTICS: dict[type, Callable[..., np.ndarray]] = {
    g.ReluOp: _unary(lambda x: np.maximum(x, x.dtype.type(0))),
    g.SigmoidOp: _unary(sigmoid),
    g.TanhOp: _unary(np.tanh),
    g.ExpOp: _unary(np.exp),
    g.LogOp: _unary(np.log),
    g.SqrtOp: _unary(np.sqrt),
    g.NegOp: _unary(np.negative),
    g.AbsOp: _unary(np.abs),
    g.LeakyReluOp: leaky_relu,
    g.ClipOp: clip,
    g.AddOp: _binary(np.add),
    g.SubOp: _binary(np.subtract),
    g.MulOp: _binary(np.multiply),
    g.DivOp: _binary(np.divide),
    g.PowOp: _binary(np.power),
    g.MaximumOp: _binary(np.maximum),
    g.MinimumOp: _binary(np.minimum),
    g.Conv2dOp: lambda op, x, w, b=None: conv2d(
        x, w, b, op.strides.get_values(), op.pads.get_values(), op.dilations.get_values(),
        op.groups.value.data,
    ),
    g.ConvTranspose2dOp: conv_transpose2d,
    g.BatchNormOp: batch_norm,
    g.MaxPool2dOp: pool2d,
    g.AvgPool2dOp: pool2d,
    g.GlobalAvgPoolOp: lambda op, x: np.mean(
        x, axis=tuple(range(2, x.ndim)), keepdims=True, dtype=np.float64
    ).astype(x.dtype),
    g.GlobalMaxPoolOp: lambda op, x: np.max(x, axis=tuple(range(2, x.ndim)), keepdims=True),
    g.SoftmaxOp: lambda op, x: softmax(x, op.axis.value.data, log=False),
    g.LogSoftmaxOp: lambda op, x: softmax(x, op.axis.value.data, log=True),
    g.MatmulOp: lambda op, a, b: np.matmul(a.astype(np.float64), b.astype(np.float64)).astype(a.dtype),
    g.GemmOp: lambda op, a, b, c=None: gemm(op, a, b, c),
    g.ReduceSumOp: _reduce(lambda x, **kw: np.sum(x, dtype=np.float64, **kw)),
    g.ReduceMeanOp: _reduce(lambda x, **kw: np.mean(x, dtype=np.float64, **kw)),
    g.ReduceMaxOp: _reduce(np.max),
    g.ReduceMinOp: _reduce(np.min),
    g.ReshapeOp: lambda op, x: x.reshape(op.infer_shape()).copy(),
    g.FlattenOp: lambda op, x: x.reshape(op.infer_shape()).copy(),
    g.TransposeOp: lambda op, x: np.transpose(x, op.perm.get_values()).copy(),
    g.ConcatOp: lambda op, *xs: np.concatenate(xs, axis=op.axis.value.data),
    g.PadOp: pad,
    g.SliceOp: slice_,
    g.GatherOp: lambda op, x: np.take(x, op.indices.get_values(), axis=op.axis.value.data),
}
"""Each graph op's meaning as a NumPy function of the op and its operand arrays."""


@register_impls
@table_impls(SEMANTICS)
class GraphFunctions(InterpreterFunctions):
    """Interpreter implementations of the graph dialect on NumPy arrays."""

    def __init__(self, store: ResourceStore | None = None):
        super().__init__()
        self.store = store

    @impl(g.ConstantOp)
    def run_constant(self, interp: Interpreter, op: g.ConstantOp, args: PythonValues) -> PythonValues:
        return (elements_to_array(op.value, self.store),)
