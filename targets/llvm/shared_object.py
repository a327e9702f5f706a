"""Calling compiled mopc functions with NumPy arrays: ctypes and NumPy only.

This file imports neither xDSL nor the rest of mopc, so a shared object written by
`CompiledLLVM.write_shared_object()` runs wherever NumPy does: copy this file next to
the `.so` (or load it by path; `mopc.targets.llvm.shared_object` works too where mopc
is installed) and

    from shared_object import load_shared_object
    lib = load_shared_object("model.so")
    lib.set_threads(2)
    lib.call("main", [x, out, w, workspace])

The calling convention is the bare-pointer one: a memref argument is the address of a
C-contiguous array's first element, other arguments are C scalars. Each function's
signature travels inside the object as JSON, in the NUL-terminated global `mopc_abi`:

    {"main": {"args": [{"kind": "memref", "dtype": "float32", "shape": [1, 3, 8, 8]},
                       {"kind": "scalar", "dtype": "int64"}], "result": null}, ...}

The thread count is the global `mopc_num_threads` (set to the number of CPUs on load).
The runner's JIT calls through the same `FunctionTable`, with MCJIT's addresses.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

ABI_SYMBOL = "mopc_abi"
THREADS_SYMBOL = "mopc_num_threads"

_SCALARS: dict[str, Any] = {
    "float32": ctypes.c_float,
    "float64": ctypes.c_double,
    "int64": ctypes.c_int64,
    "int32": ctypes.c_int32,
    "int16": ctypes.c_int16,
    "int8": ctypes.c_int8,
    "bool": ctypes.c_bool,
}


def default_threads() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _ctype(dtype: str | None, where: str) -> Any:
    if dtype is None:
        return None
    if dtype not in _SCALARS:
        raise TypeError(f"{where}: scalar type {dtype} cannot be passed through C")
    return _SCALARS[dtype]


class FunctionTable:
    """Functions found by address, called with NumPy arrays and Python scalars."""

    def __init__(
        self,
        abi: Mapping[str, Any],
        address_of: Callable[[str], int],
        threads_address: int | None,
    ):
        self.abi = dict(abi)
        self._address_of = address_of
        self._threads = ctypes.c_int32.from_address(threads_address) if threads_address else None
        self._functions: dict[str, Any] = {}
        self.threads = 1
        self.set_threads(default_threads())

    @property
    def function_names(self) -> list[str]:
        return sorted(self.abi)

    def set_threads(self, n: int) -> None:
        """Threads for `scf.parallel` loops (1: run inline, without libgomp)."""
        if n < 1:
            raise ValueError(f"the thread count must be at least 1, got {n}")
        self.threads = n
        if self._threads is not None:
            self._threads.value = n

    def call(self, name: str, arguments: Sequence[Any]) -> Any:
        """Call `name`; memref arguments are NumPy arrays of the declared dtype and size."""
        signature = self._signature(name)
        specs = signature["args"]
        if len(arguments) != len(specs):
            raise TypeError(f"@{name} takes {len(specs)} arguments, got {len(arguments)}")
        pairs = enumerate(zip(specs, arguments, strict=True))
        values = [_argument(name, i, spec, value) for i, (spec, value) in pairs]
        if self._threads is not None:  # one .so loaded twice shares the global: set it per call
            self._threads.value = self.threads
        return self._function(name)(*values)

    def _signature(self, name: str) -> Mapping[str, Any]:
        if name not in self.abi:
            raise KeyError(f"no function @{name} (available: {', '.join(self.function_names)})")
        return self.abi[name]

    def _function(self, name: str) -> Any:
        if name not in self._functions:
            signature = self._signature(name)
            argtypes = [
                ctypes.c_void_p if spec["kind"] == "memref" else _ctype(spec["dtype"], f"@{name}")
                for spec in signature["args"]
            ]
            restype = _ctype(signature["result"], f"@{name} result")
            prototype = ctypes.CFUNCTYPE(restype, *argtypes)
            self._functions[name] = prototype(self._address_of(name))
        return self._functions[name]


def _argument(name: str, index: int, spec: Mapping[str, Any], value: Any) -> Any:
    if spec["kind"] != "memref":
        return value
    where = f"@{name} argument {index}"
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{where}: expected a numpy array, got {type(value).__name__}")
    expected_dtype = np.dtype(spec["dtype"])
    bytes_ok = expected_dtype == np.int8 and value.dtype == np.uint8  # raw bytes: a workspace
    if value.dtype != expected_dtype and not bytes_ok:
        raise TypeError(f"{where}: expected dtype {spec['dtype']}, got {value.dtype}")
    expected = int(np.prod(spec["shape"], dtype=np.int64))
    if value.size != expected:
        raise ValueError(f"{where}: expected {expected} elements (shape {tuple(spec['shape'])}), "
                         f"got shape {value.shape}")
    if not value.flags.c_contiguous:
        raise ValueError(f"{where}: the array must be C-contiguous (use np.ascontiguousarray)")
    return value.ctypes.data


def read_abi(library: ctypes.CDLL, path: str, what: str) -> dict[str, Any]:
    """The function signatures a mopc library carries as JSON in `ABI_SYMBOL`; `what` names
    the kind of library in the error when it has none."""
    try:
        marker = ctypes.c_char.in_dll(library, ABI_SYMBOL)
    except ValueError:
        raise ValueError(f"{path}: not a mopc {what} (no '{ABI_SYMBOL}' symbol)") from None
    return json.loads(ctypes.string_at(ctypes.addressof(marker)).decode())


class SharedObject(FunctionTable):
    """A `.so` written by `write_shared_object`, opened with ctypes."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = os.fspath(path)
        self.library = ctypes.CDLL(os.path.abspath(self.path))
        abi = read_abi(self.library, self.path, "shared object")
        try:
            threads = ctypes.addressof(ctypes.c_int32.in_dll(self.library, THREADS_SYMBOL))
        except ValueError:  # no parallel loop in the module
            threads = None
        super().__init__(abi, self._address, threads)

    def write_shared_object(self, path: str | os.PathLike[str]) -> None:
        """Copy this object to `path` (re-exporting a loaded model)."""
        shutil.copyfile(self.path, path)

    def _address(self, name: str) -> int:
        return ctypes.cast(getattr(self.library, name), ctypes.c_void_p).value or 0


def load_shared_object(path: str | os.PathLike[str]) -> SharedObject:
    return SharedObject(path)
