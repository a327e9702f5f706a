"""A compiled model: call it like a function of NumPy arrays.

    model = mopc.compile("model.mlir")                  # the CPU, through LLVM
    y = model(x)                                        # positional, in signature order
    y = model(image=x)                                  # or by input name
    model.threads = 2                                   # a runtime setting
    model.export("build/model")                         # .so + weights + manifest

Inputs are checked (names, shapes, dtypes) before anything runs; outputs are fresh
arrays; parameters (weights) and the workspace (intermediates, sized by the static
memory plan) are bound once, at compile time. NumPy only: the same class runs a model
compiled in this process and one loaded from an export (`mopc.runtime.load`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mopc.runtime.profile import KernelCall, KernelTime, profile_kernels
from mopc.runtime.signature import Signature

WORKSPACE_ALIGNMENT = 64


def aligned_bytes(count: int, alignment: int = WORKSPACE_ALIGNMENT, *, zeroed: bool = True) -> np.ndarray:
    """A uint8 array of `count` bytes starting on an `alignment` boundary (zeroed, or
    left as allocated for arrays that are written before they are read)."""
    raw = (np.zeros if zeroed else np.empty)(max(count, 1) + alignment, dtype=np.uint8)
    shift = (-raw.ctypes.data) % alignment
    return raw[shift : shift + max(count, 1)]


def aligned_empty(shape: Sequence[int], dtype: Any, alignment: int = WORKSPACE_ALIGNMENT) -> np.ndarray:
    """An uninitialised array of `shape` and `dtype` whose data starts on an `alignment`
    boundary (`np.empty`'s contract: a model's outputs, allocated on every call)."""
    dtype = np.dtype(dtype)
    count = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if count == 0:
        return np.empty(shape, dtype)
    return aligned_bytes(count, alignment, zeroed=False).view(dtype).reshape(shape)


def aligned(array: np.ndarray, alignment: int = WORKSPACE_ALIGNMENT) -> np.ndarray:
    """`array`, or a C-contiguous copy of it on an `alignment` boundary when it is not on
    one. Kernels load whole vectors (64 bytes with AVX-512) from weights: a misaligned
    array splits every load across two cache lines, which was seen to halve the speed
    of ResNet-18's 512-channel convolutions depending on where NumPy put the weights."""
    if array.flags.c_contiguous and array.ctypes.data % alignment == 0:
        return array
    copy = aligned_empty(array.shape, array.dtype, alignment)
    copy[...] = array
    return copy


@dataclass
class CompiledModel:
    signature: Signature
    target: str
    runner: Any  # a FunctionTable: `call(name, arrays)`, `set_threads(n)`, `write_shared_object(path)`
    entry: str
    params: list[np.ndarray]
    workspace_bytes: int  # the static memory plan's peak (intermediates reuse bytes)
    workspace_bytes_without_reuse: int = 0
    loop_ir: str = field(repr=False, default="")
    param_names: list[str] = field(default_factory=list)
    kernel_calls: list[KernelCall] = field(default_factory=list, repr=False)
    """The entry's kernel calls as data, for `profile` (empty: not replayable)."""
    _workspace: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._workspace = aligned_bytes(self.workspace_bytes)
        self.params = [aligned(p) for p in self.params]
        if not self.param_names:
            self.param_names = [f"param{i}" for i in range(len(self.params))]

    @property
    def threads(self) -> int:
        return self.runner.threads

    @threads.setter
    def threads(self, n: int) -> None:
        self.runner.set_threads(n)

    def __call__(self, *args: np.ndarray, **kwargs: np.ndarray) -> np.ndarray | tuple[np.ndarray, ...]:
        entry_args, outputs = self._entry_args(args, kwargs)
        self.runner.call(self.entry, entry_args)
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def profile(self, *args: np.ndarray, repeat: int = 10, **kwargs: np.ndarray) -> list[KernelTime]:
        """Median time of each kernel call on these inputs, in call order (one full run
        first, so every kernel reads real intermediates)."""
        if not self.kernel_calls:
            raise ValueError("this model has no kernel-call plan to replay (compile it again)")
        entry_args, _ = self._entry_args(args, kwargs)
        self.runner.call(self.entry, entry_args)
        return profile_kernels(self.runner, self.kernel_calls, entry_args, self._workspace, repeat)

    def _entry_args(self, args: Sequence[np.ndarray], kwargs: Mapping[str, np.ndarray]):
        if args and kwargs:
            raise TypeError("give the inputs either positionally or by name, not both")
        given: Sequence[np.ndarray] | Mapping[str, np.ndarray] = kwargs if kwargs else args
        inputs = self.signature.check(given)
        outputs = [aligned_empty(spec.shape, spec.dtype) for spec in self.signature.outputs]
        return [*inputs, *outputs, *self.params, self._workspace], outputs

    def export(self, prefix: str) -> str:
        """Write `<prefix>.so`, `<prefix>.npz` (weights) and `<prefix>.json` (manifest);
        `mopc.runtime.load(<prefix>.json)` runs them with NumPy alone. Returns the
        manifest's path."""
        from mopc.runtime.bundle import save

        return save(self, prefix)
