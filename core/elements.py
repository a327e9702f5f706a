"""Conversions between constant attributes (`dense<...>`, `dense_resource<...>`) and
NumPy arrays."""

from __future__ import annotations

import numpy as np
from xdsl.dialects.builtin import (
    BytesAttr,
    DenseIntOrFPElementsAttr,
    DenseResourceAttr,
    TensorType,
)
from xdsl.ir import Attribute

from mopc.core.resources import ResourceStore
from mopc.core.types import element_type, numpy_dtype


def elements_to_array(attr: Attribute, store: ResourceStore | None = None) -> np.ndarray:
    """The value of a constant attribute, shaped and typed as its tensor type says."""
    if isinstance(attr, DenseResourceAttr):
        if store is None:
            raise ValueError(f"resource '{attr.resource_handle.data}' needs a resource store")
        return store.value_of(attr)
    if not isinstance(attr, DenseIntOrFPElementsAttr):
        raise TypeError(f"not a constant tensor attribute: {attr}")
    t = attr.get_type()
    assert isinstance(t, TensorType)
    shape = tuple(t.get_shape())
    dtype = numpy_dtype(t.get_element_type())
    if dtype == np.bool_:
        flat = np.frombuffer(attr.data.data, dtype=np.uint8) != 0
    else:
        flat = np.frombuffer(attr.data.data, dtype=dtype.newbyteorder("<")).astype(dtype)
    count = int(np.prod(shape, dtype=np.int64))
    if flat.size == 1 and count != 1:
        return np.full(shape, flat[0], dtype=dtype)
    return flat.reshape(shape).copy()


def array_to_elements(array: np.ndarray) -> DenseIntOrFPElementsAttr:
    """A `dense<...>` attribute holding `array` (a splat when all elements are equal)."""
    elem = element_type(array.dtype)
    t = TensorType(elem, list(array.shape))
    flat = np.ascontiguousarray(array).reshape(-1)
    if flat.size > 1 and np.all(flat == flat[0]):
        flat = flat[:1]
    if array.dtype == np.bool_:
        data = (flat.astype(np.uint8) * 0xFF).tobytes()
    else:
        data = flat.astype(array.dtype.newbyteorder("<")).tobytes()
    return DenseIntOrFPElementsAttr(t, BytesAttr(data))
