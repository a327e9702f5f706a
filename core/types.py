"""Element types shared by all levels, and their NumPy equivalents."""

from __future__ import annotations

import numpy as np
from xdsl.dialects.builtin import (
    Float16Type,
    Float32Type,
    Float64Type,
    IntegerType,
    TensorType,
    f16,
    f32,
    f64,
    i1,
    i8,
    i32,
    i64,
)
from xdsl.ir import Attribute

_TO_NUMPY: dict[Attribute, np.dtype] = {
    f16: np.dtype(np.float16),
    f32: np.dtype(np.float32),
    f64: np.dtype(np.float64),
    i1: np.dtype(np.bool_),
    i8: np.dtype(np.int8),
    i32: np.dtype(np.int32),
    i64: np.dtype(np.int64),
}
_FROM_NUMPY = {v: k for k, v in _TO_NUMPY.items()}


def numpy_dtype(element_type: Attribute) -> np.dtype:
    """The NumPy dtype of an IR element type (`f32` -> float32, `i1` -> bool)."""
    try:
        return _TO_NUMPY[element_type]
    except KeyError:
        raise TypeError(f"element type {element_type} has no NumPy equivalent") from None


def element_type(dtype: np.dtype | type) -> Attribute:
    """The IR element type of a NumPy dtype."""
    try:
        return _FROM_NUMPY[np.dtype(dtype)]
    except KeyError:
        raise TypeError(f"NumPy dtype {np.dtype(dtype)} has no IR element type") from None


def tensor_type(shape: tuple[int, ...] | list[int], elem: Attribute = f32) -> TensorType:
    return TensorType(elem, list(shape))


def is_float(element: Attribute) -> bool:
    return isinstance(element, Float16Type | Float32Type | Float64Type)


def is_integer(element: Attribute) -> bool:
    return isinstance(element, IntegerType)


def shape_of(value_type: Attribute) -> tuple[int, ...]:
    assert isinstance(value_type, TensorType)
    return tuple(value_type.get_shape())


def format_shape(shape: tuple[int, ...] | list[int]) -> str:
    """`(2, 3)` -> `2x3` (MLIR's spelling; a rank-0 shape is `scalar`)."""
    return "x".join(str(d) for d in shape) if len(shape) else "scalar"
