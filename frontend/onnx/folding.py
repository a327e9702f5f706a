"""Constant folding at import: a node whose inputs are all constants is computed right
away with NumPy, so shape subgraphs (`Shape -> Gather -> Unsqueeze -> Concat ->
Reshape`, `ConstantOfShape`, `Range`, ...) and weight preprocessing never reach the IR.

`FOLDERS` maps an op type to `fold(node, inputs) -> output(s)`, where `inputs` holds
one array per input (None for an omitted optional one). Parameters are read by the same
helpers as the converters (`ops/shape.py`, `ops/reduction.py`), so folding a node and
importing it agree. Results keep ONNX's element types (int64 shapes, bool masks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from onnx import helper, numpy_helper

from mopc.dialects.graph.shapes import slice_axes
from mopc.frontend.onnx.node import Node
from mopc.frontend.onnx.ops.reduction import reduce_axes
from mopc.frontend.onnx.ops.shape import (
    flatten_axis,
    gather_params,
    pad_params,
    reshape_target,
    slice_params,
    squeeze_shape,
    transpose_perm,
    unsqueeze_shape,
)

Arrays = Sequence[np.ndarray | None]
Folder = Callable[[Node, Arrays], np.ndarray | Sequence[np.ndarray]]


def _same_type(fn: Callable[..., np.ndarray]) -> Folder:
    """An element-wise op whose result has its first input's element type."""
    return lambda n, xs: np.asarray(fn(*xs)).astype(xs[0].dtype)


def _variadic(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Folder:
    def fold(n: Node, xs: Arrays) -> np.ndarray:
        result = xs[0]
        for x in xs[1:]:
            result = fn(result, x)
        return result

    return fold


def _divide(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Integer division truncates toward zero (as C and ONNX runtimes do)."""
    if np.issubdtype(a.dtype, np.integer):
        return (np.sign(a) * np.sign(b) * (np.abs(a) // np.abs(b))).astype(a.dtype)
    return a / b


def _cast(n: Node, xs: Arrays) -> np.ndarray:
    return xs[0].astype(helper.tensor_dtype_to_np_dtype(int(n.attr("to"))))


def _constant_of_shape(n: Node, xs: Arrays) -> np.ndarray:
    value = n.attr("value")
    fill = np.zeros(1, np.float32) if value is None else numpy_helper.to_array(value).reshape(-1)
    return np.full([int(d) for d in xs[0]], fill[0], dtype=fill.dtype)


def _flatten(n: Node, xs: Arrays) -> np.ndarray:
    axis = flatten_axis(n, xs[0].ndim)
    return xs[0].reshape(int(np.prod(xs[0].shape[:axis])), int(np.prod(xs[0].shape[axis:])))


def _slice(n: Node, xs: Arrays) -> np.ndarray:
    axes = slice_axes(xs[0].shape, *slice_params(n, xs[0].shape))
    return xs[0][np.ix_(*(s.start + s.step * np.arange(s.count) for s in axes))]


def _pad(n: Node, xs: Arrays) -> np.ndarray:
    x = xs[0]
    pads, value = pad_params(n, x.ndim)
    rank = x.ndim
    widths = [(max(pads[i], 0), max(pads[i + rank], 0)) for i in range(rank)]
    y = np.pad(x, widths, constant_values=np.asarray(value).astype(x.dtype))
    crop = tuple(slice(max(-pads[i], 0), y.shape[i] - max(-pads[i + rank], 0)) for i in range(rank))
    return y[crop]


def _gather(n: Node, xs: Arrays) -> np.ndarray:
    axis, indices = gather_params(n, xs[0].shape)
    return np.take(xs[0], indices, axis=axis)


def _reduce(fn: Callable[..., np.ndarray]) -> Folder:
    def fold(n: Node, xs: Arrays) -> np.ndarray:
        axes = reduce_axes(n, xs[0].ndim)
        if axes is None:
            return xs[0]
        keep = bool(n.attr("keepdims", 1))
        return np.asarray(fn(xs[0], axis=tuple(axes), keepdims=keep)).astype(xs[0].dtype)

    return fold


def _range(n: Node, xs: Arrays) -> np.ndarray:
    start, limit, delta = (np.asarray(x).reshape(()) for x in xs[:3])
    return np.arange(start, limit, delta).astype(start.dtype)


FOLDERS: dict[str, Folder] = {
    # shape computations
    "Reshape": lambda n, xs: xs[0].reshape(reshape_target(n, xs[0].shape)),
    "Flatten": _flatten,
    "Squeeze": lambda n, xs: xs[0].reshape(squeeze_shape(n, xs[0].shape)),
    "Unsqueeze": lambda n, xs: xs[0].reshape(unsqueeze_shape(n, xs[0].shape)),
    "Transpose": lambda n, xs: np.transpose(xs[0], transpose_perm(n, xs[0].ndim)),
    "Concat": lambda n, xs: np.concatenate(
        [x for x in xs if x is not None], axis=n.axis(int(n.attr("axis")), xs[0].ndim)),
    "Slice": _slice,
    "Pad": _pad,
    "Gather": _gather,
    "Expand": lambda n, xs: np.broadcast_to(
        xs[0], np.broadcast_shapes(xs[0].shape, tuple(int(d) for d in xs[1]))).copy(),
    "Tile": lambda n, xs: np.tile(xs[0], [int(r) for r in xs[1]]),
    "Range": _range,
    "ConstantOfShape": _constant_of_shape,
    "Cast": _cast,
    "CastLike": lambda n, xs: xs[0].astype(xs[1].dtype),
    "Identity": lambda n, xs: xs[0],
    "Dropout": lambda n, xs: xs[0],
    # arithmetic
    "Add": _same_type(np.add),
    "Sub": _same_type(np.subtract),
    "Mul": _same_type(np.multiply),
    "Div": lambda n, xs: _divide(xs[0], xs[1]),
    "Pow": _same_type(np.power),
    "Mod": lambda n, xs: (np.fmod if n.attr("fmod", 0) else np.mod)(xs[0], xs[1]),
    "Neg": _same_type(np.negative),
    "Abs": _same_type(np.abs),
    "Sqrt": _same_type(np.sqrt),
    "Exp": _same_type(np.exp),
    "Log": _same_type(np.log),
    "Floor": _same_type(np.floor),
    "Ceil": _same_type(np.ceil),
    "Reciprocal": _same_type(np.reciprocal),
    "Relu": _same_type(lambda x: np.maximum(x, 0)),
    "Sum": _variadic(np.add),
    "Max": _variadic(np.maximum),
    "Min": _variadic(np.minimum),
    "ReduceSum": _reduce(np.sum),
    "ReduceMean": _reduce(np.mean),
    "ReduceMax": _reduce(np.max),
    "ReduceMin": _reduce(np.min),
    "ReduceProd": _reduce(np.prod),
    # logic
    "Equal": lambda n, xs: np.equal(xs[0], xs[1]),
    "Less": lambda n, xs: np.less(xs[0], xs[1]),
    "Greater": lambda n, xs: np.greater(xs[0], xs[1]),
    "LessOrEqual": lambda n, xs: np.less_equal(xs[0], xs[1]),
    "GreaterOrEqual": lambda n, xs: np.greater_equal(xs[0], xs[1]),
    "Not": lambda n, xs: np.logical_not(xs[0]),
    "And": lambda n, xs: np.logical_and(xs[0], xs[1]),
    "Or": lambda n, xs: np.logical_or(xs[0], xs[1]),
    "Where": lambda n, xs: np.where(xs[0], xs[1], xs[2]),
}
