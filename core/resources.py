"""Model parameters kept out of the IR text.

Weights are referenced from the IR with MLIR's `dense_resource<handle>` attribute, and
their bytes live in a `ResourceStore` owned by one `Context` (never in global state:
xDSL's stock builtin dialect keeps blobs on a module-level object, so parsing the same
file twice renames `w` to `w_0`). A store gets its data from either

* an external parameter file, a NumPy `.npz` archive keyed by handle, named by the
  module attribute `mopc.params = "model.npz"` (relative to the IR file), or
* MLIR's inline blob section `{-# dialect_resources: { builtin: { w: "0x04000000..." } } #-}`
  (the format `mlir-opt` reads and writes; handy for small tests).

Example (the weights of a ResNet stay in `resnet18.npz`, the IR stays a few KB):

```mlir
builtin.module attributes {mopc.params = "resnet18.npz"} {
  func.func @main(%x: tensor<1x3x224x224xf32>) -> tensor<1x1000xf32> {
    %w = graph.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
    ...
```
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
from xdsl.dialect_interfaces.op_asm import OpAsmDialectInterface
from xdsl.dialects.builtin import DenseResourceAttr, ShapedType

from mopc.core.types import numpy_dtype

PARAMS_ATTR = "mopc.params"
"""Module attribute naming the external parameter file (a NumPy .npz archive)."""

_HEADER_BYTES = 4  # MLIR blobs start with their alignment as a little-endian u32.


class ResourceError(Exception):
    """A resource is missing, malformed or does not match its declared type."""


class ResourceStore(OpAsmDialectInterface):
    """Parameter blobs of one context, addressed by `dense_resource` handle.

    Arrays are materialised lazily: an `.npz` member is only read when an evaluator or
    a pass asks for it, so parsing a ResNet-sized model does not touch its weights.
    """

    def __init__(self) -> None:
        super().__init__()
        self._arrays: dict[str, np.ndarray] = {}
        self._raw: dict[str, bytes] = {}
        self._alignment: dict[str, int] = {}  # as read from an inline blob's header
        self._archives: list[tuple[Path, frozenset[str]]] = []
        self.embed_on_print = False
        """Print every known blob inline (MLIR `dialect_resources`) instead of omitting it."""

    # -- the xDSL parser/printer interface -----------------------------------------------
    def declare_resource(self, key: str) -> str:
        # Equal handles in one file denote the same blob (MLIR semantics): no renaming.
        return key

    def parse_resource(self, key: str, val: str) -> None:
        if not val.startswith("0x"):
            raise ValueError(f"blob must be a hex string, got: {val[:16]}...")
        data = bytes.fromhex(val[2:])
        if len(data) < _HEADER_BYTES:
            raise ValueError(f"blob '{key}' is shorter than its alignment header")
        self._alignment[key] = int.from_bytes(data[:_HEADER_BYTES], "little")
        self._raw[key] = data[_HEADER_BYTES:]
        self._arrays.pop(key, None)

    def lookup(self, key: str) -> str | None:
        return self._hex(key) if self.contains(key) else None

    def build_resources(self, keys: Iterable[str]) -> dict[str, str]:
        if not self.embed_on_print:
            return {k: self._hex(k) for k in keys if k in self._raw}
        return {k: self._hex(k) for k in keys if self.contains(k)}

    # -- the mopc API ---------------------------------------------------------------------
    def attach_archive(self, path: str | Path) -> None:
        """Make the arrays of an `.npz` parameter file available (read lazily)."""
        path = Path(path)
        try:
            with zipfile.ZipFile(path) as archive:
                names = frozenset(n.removesuffix(".npy") for n in archive.namelist())
        except (OSError, zipfile.BadZipFile) as err:
            raise ResourceError(f"cannot read parameter file '{path}': {err}") from err
        self._archives.append((path, names))

    def add(self, key: str, array: np.ndarray) -> None:
        """Register (or replace) the data of a handle."""
        self._arrays[key] = np.asarray(array, order="C")  # keeps rank 0
        self._raw.pop(key, None)

    def contains(self, key: str) -> bool:
        return (
            key in self._arrays
            or key in self._raw
            or any(key in names for _, names in self._archives)
        )

    def keys(self) -> list[str]:
        found = set(self._arrays) | set(self._raw)
        for _, names in self._archives:
            found |= names
        return sorted(found)

    def get(self, key: str, type_: ShapedType | None = None) -> np.ndarray:
        """The array of a handle, checked against (and shaped by) its IR type."""
        array = self._arrays.get(key)
        if array is None:
            array = self._load(key, type_)
            self._arrays[key] = array
        if type_ is not None:
            array = _check_against_type(key, array, type_)
        return array

    def value_of(self, attr: DenseResourceAttr) -> np.ndarray:
        return self.get(attr.resource_handle.data, attr.type)

    def save_archive(self, path: str | Path, keys: Iterable[str]) -> None:
        """Write the given handles to an `.npz` file (written whole, then renamed)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(tmp, **{k: self.get(k) for k in keys})
        tmp.replace(path)

    def _load(self, key: str, type_: ShapedType | None) -> np.ndarray:
        if key in self._raw:
            if type_ is None:
                raise ResourceError(f"resource '{key}' is an untyped blob; its type is needed")
            dtype = numpy_dtype(type_.get_element_type())
            flat = np.frombuffer(self._raw[key], dtype=dtype).copy()
            shape = tuple(type_.get_shape())  # a blob has no shape of its own: the IR's
            return flat.reshape(shape) if flat.size == math.prod(shape) else flat
        for path, names in reversed(self._archives):
            if key in names:
                with np.load(path, allow_pickle=False) as archive:
                    return np.asarray(archive[key], order="C")  # keeps rank 0
        raise ResourceError(
            f"no data for resource '{key}': the module names no parameter file "
            f"('{PARAMS_ATTR}') holding it and the file has no inline blob for it"
        )

    def _hex(self, key: str) -> str:
        raw = self._raw.get(key)
        alignment = self._alignment.get(key)
        if raw is None:
            array = np.ascontiguousarray(self.get(key))
            raw, alignment = array.tobytes(), max(array.dtype.alignment, 1)
        header = (alignment or 4).to_bytes(_HEADER_BYTES, "little")
        return "0x" + (header + raw).hex().upper()


def _check_against_type(key: str, array: np.ndarray, type_: ShapedType) -> np.ndarray:
    shape = tuple(type_.get_shape())
    dtype = numpy_dtype(type_.get_element_type())
    if array.dtype != dtype:
        raise ResourceError(
            f"resource '{key}' holds {array.dtype} data but the IR declares {dtype}"
        )
    if array.shape != shape:  # same-size data of another shape is an error, not a reshape
        raise ResourceError(
            f"resource '{key}' holds {array.size} elements {tuple(array.shape)} "
            f"but the IR declares shape {shape}"
        )
    return array


def store_from(arrays: Mapping[str, np.ndarray]) -> ResourceStore:
    """A store holding the given arrays (a convenience for tests and builders)."""
    store = ResourceStore()
    for key, value in arrays.items():
        store.add(key, value)
    return store
