"""NumPy reference semantics of every meta-op (Jittor's definitions, reference/jittor-metaops.md).

`reindex` gathers in chunks of the result's leading axis so that a large iteration
space (a convolution's 7-D one) does not need its index arrays all at once. Sums
accumulate in float64 and round once, like the graph evaluator, so that the two
reference levels agree to rounding.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from xdsl.dialects.builtin import TensorType
from xdsl.interpreter import (
    Interpreter,
    InterpreterFunctions,
    PythonValues,
    ReturnedValues,
    TerminatorValue,
    impl,
    impl_terminator,
    register_impls,
)

from mopc.core.elements import elements_to_array
from mopc.core.interpret import table_impls
from mopc.core.resources import ResourceStore
from mopc.core.types import numpy_dtype
from mopc.dialects import metaop as m
from mopc.dialects.metaop.index_maps import eval_map, grids, valid_mask
from mopc.dialects.metaop.kinds import BinaryKind, CompareKind, ReduceKind, UnaryKind

_CHUNK_ELEMENTS = 1 << 22


def _result_dtype(op: Any) -> np.dtype:
    t = op.results[0].type
    assert isinstance(t, TensorType)
    return numpy_dtype(t.get_element_type())


def _result_shape(op: Any) -> tuple[int, ...]:
    t = op.results[0].type
    assert isinstance(t, TensorType)
    return tuple(t.get_shape())


def reindex(op: m.ReindexOp, x: np.ndarray) -> np.ndarray:
    shape = _result_shape(op)
    out = np.empty(shape, dtype=x.dtype)
    fill = x.dtype.type(op.fill.value.data)
    overflow = [s.data for s in op.overflow.data]
    if not shape:
        rows = [(0, None)]
    else:
        per_row = max(1, math.prod(shape[1:]))
        step = max(1, _CHUNK_ELEMENTS // per_row)
        rows = [(start, min(step, shape[0] - start)) for start in range(0, shape[0], step)]
    for start, extent in rows:
        dims = grids(shape, start, extent)
        indices = eval_map(op.map.data, dims)
        valid = valid_mask(indices, x.shape, overflow, dims)
        clipped = tuple(np.clip(i, 0, n - 1) for i, n in zip(indices, x.shape, strict=True))
        gathered = x[clipped] if x.size else np.full((), fill)
        block = np.where(valid, gathered, fill)
        target = out[start : start + extent] if extent is not None else out
        target[...] = np.broadcast_to(block, target.shape)
    return out


_IDENTITY: dict[ReduceKind, Callable[[np.dtype], Any]] = {
    ReduceKind.ADD: lambda dt: 0,
    ReduceKind.MUL: lambda dt: 1,
    ReduceKind.MAX: lambda dt: -np.inf if dt.kind == "f" else np.iinfo(dt).min,
    ReduceKind.MIN: lambda dt: np.inf if dt.kind == "f" else np.iinfo(dt).max,
    ReduceKind.AND: lambda dt: True if dt == np.bool_ else -1,
    ReduceKind.OR: lambda dt: 0,
    ReduceKind.XOR: lambda dt: 0,
}


def _scatter_ufunc(kind: ReduceKind, dtype: np.dtype) -> np.ufunc:
    logical = dtype == np.bool_
    return {
        ReduceKind.ADD: np.add,
        ReduceKind.MUL: np.multiply,
        ReduceKind.MAX: np.maximum,
        ReduceKind.MIN: np.minimum,
        ReduceKind.AND: np.logical_and if logical else np.bitwise_and,
        ReduceKind.OR: np.logical_or if logical else np.bitwise_or,
        ReduceKind.XOR: np.logical_xor if logical else np.bitwise_xor,
    }[kind]


def _accumulator_dtype(kind: ReduceKind, dtype: np.dtype) -> np.dtype:
    if dtype.kind == "f" and kind in (ReduceKind.ADD, ReduceKind.MUL, ReduceKind.MEAN):
        return np.dtype(np.float64)
    return dtype


def reindex_reduce(op: m.ReindexReduceOp, y: np.ndarray) -> np.ndarray:
    kind = op.kind.data
    shape = _result_shape(op)
    acc_dtype = _accumulator_dtype(kind, y.dtype)
    out = np.full(shape, _IDENTITY[kind](acc_dtype), dtype=acc_dtype)
    dims = grids(y.shape)
    indices = eval_map(op.map.data, dims)
    valid = valid_mask(indices, shape, [s.data for s in op.overflow.data], dims)
    valid = np.broadcast_to(valid, y.shape)
    targets = [np.broadcast_to(i, y.shape)[valid] for i in indices]
    flat = np.ravel_multi_index(targets, shape) if shape else np.zeros(int(valid.sum()), np.int64)
    _scatter_ufunc(kind, acc_dtype).at(out.reshape(-1), flat, y[valid].astype(acc_dtype))
    return out.astype(y.dtype)


def _insert_axes(x: np.ndarray, dims: tuple[int, ...], rank: int) -> tuple[int, ...]:
    sizes = iter(x.shape)
    return tuple(1 if a in dims else next(sizes) for a in range(rank))


def reduce(op: m.ReduceOp, x: np.ndarray) -> np.ndarray:
    kind = op.kind.data
    axes = tuple(op.axes.get_values())
    keep = op.keepdims is not None
    acc = _accumulator_dtype(kind, x.dtype)
    if kind == ReduceKind.MEAN:
        y = np.mean(x, axis=axes, keepdims=keep, dtype=acc)
    elif kind in (ReduceKind.ADD, ReduceKind.MUL):
        y = (np.sum if kind == ReduceKind.ADD else np.prod)(x, axis=axes, keepdims=keep, dtype=acc)
    else:
        y = _scatter_ufunc(kind, x.dtype).reduce(x, axis=axes, keepdims=keep)
    return np.asarray(y).astype(x.dtype)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


_ERF = np.frompyfunc(math.erf, 1, 1)

_UNARY: dict[UnaryKind, Callable[[np.ndarray], np.ndarray]] = {
    UnaryKind.ABS: np.abs,
    UnaryKind.NEG: np.negative,
    UnaryKind.EXP: np.exp,
    UnaryKind.LOG: np.log,
    UnaryKind.SQRT: np.sqrt,
    UnaryKind.RSQRT: lambda x: 1.0 / np.sqrt(x),
    UnaryKind.RECIP: lambda x: 1.0 / x,
    UnaryKind.SIGMOID: _sigmoid,
    UnaryKind.TANH: np.tanh,
    UnaryKind.ERF: lambda x: _ERF(x).astype(np.float64),
    UnaryKind.FLOOR: np.floor,
    UnaryKind.CEIL: np.ceil,
    UnaryKind.ROUND: np.round,
    UnaryKind.SIN: np.sin,
    UnaryKind.COS: np.cos,
    UnaryKind.NOT: np.logical_not,
}


def _binary(kind: BinaryKind, dtype: np.dtype) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    logical = dtype == np.bool_
    return {
        BinaryKind.ADD: np.add,
        BinaryKind.SUB: np.subtract,
        BinaryKind.MUL: np.multiply,
        BinaryKind.DIV: np.divide if dtype.kind == "f" else np.floor_divide,
        BinaryKind.MAX: np.maximum,
        BinaryKind.MIN: np.minimum,
        BinaryKind.POW: np.power,
        BinaryKind.MOD: np.mod,
        BinaryKind.AND: np.logical_and if logical else np.bitwise_and,
        BinaryKind.OR: np.logical_or if logical else np.bitwise_or,
        BinaryKind.XOR: np.logical_xor if logical else np.bitwise_xor,
    }[kind]


_COMPARE: dict[CompareKind, np.ufunc] = {
    CompareKind.EQ: np.equal,
    CompareKind.NE: np.not_equal,
    CompareKind.LT: np.less,
    CompareKind.LE: np.less_equal,
    CompareKind.GT: np.greater,
    CompareKind.GE: np.greater_equal,
}


def unary(op: m.UnaryOp, x: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        y = _UNARY[op.kind.data](x.astype(np.float64) if x.dtype.kind == "f" else x)
    return np.asarray(y).astype(x.dtype)


def binary(op: m.BinaryOp, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(_binary(op.kind.data, a.dtype)(a, b)).astype(a.dtype)


def broadcast(op: m.BroadcastOp, x: np.ndarray) -> np.ndarray:
    shape = _result_shape(op)
    expanded = x.reshape(_insert_axes(x, op.dims.get_values(), len(shape)))
    return np.broadcast_to(expanded, shape).copy()


def index(op: m.IndexOp) -> np.ndarray:
    shape = _result_shape(op)
    dim = op.dim.value.data
    positions = np.arange(shape[dim]).reshape([-1 if a == dim else 1 for a in range(len(shape))])
    return np.broadcast_to(positions, shape).astype(_result_dtype(op))


SEMANTICS: dict[type, Callable[..., np.ndarray]] = {
    m.ReindexOp: reindex,
    m.BroadcastOp: broadcast,
    m.ReindexReduceOp: reindex_reduce,
    m.ReduceOp: reduce,
    m.UnaryOp: unary,
    m.BinaryOp: binary,
    m.CompareOp: lambda op, a, b: _COMPARE[op.kind.data](a, b),
    m.TernaryOp: lambda op, c, a, b: np.where(c, a, b).astype(a.dtype),
    m.CastOp: lambda op, x: x.astype(_result_dtype(op)),
    m.IndexOp: index,
}
"""Each meta-op's meaning as a NumPy function of the op and its operand arrays."""


@register_impls
@table_impls(SEMANTICS)
class MetaopFunctions(InterpreterFunctions):
    """Interpreter implementations of the metaop dialect on NumPy arrays."""

    def __init__(self, store: ResourceStore | None = None):
        super().__init__()
        self.store = store

    @impl(m.ConstantOp)
    def run_constant(self, interp: Interpreter, op: m.ConstantOp, args: PythonValues) -> PythonValues:
        return (elements_to_array(op.value, self.store),)

    @impl(m.KernelOp)
    def run_kernel(self, interp: Interpreter, op: m.KernelOp, args: PythonValues) -> PythonValues:
        """A fusion group means what its body means: run it on the kernel's inputs."""
        return interp.run_ssacfg_region(op.body, args, op.kernel_name)

    @impl_terminator(m.YieldOp)
    def run_yield(
        self, interp: Interpreter, op: m.YieldOp, args: PythonValues
    ) -> tuple[TerminatorValue, PythonValues]:
        return ReturnedValues(args), ()
