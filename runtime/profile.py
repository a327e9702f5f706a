"""Per-kernel times of a compiled model: replay the entry's kernel calls one by one.

The compiler records the entry's calls as data (`KernelCall`s, see
compiler/kernel_calls.py); `profile_kernels` binds each argument to the model's arrays
(inputs, fresh outputs, parameters, views of the workspace) and times every kernel on
its own, after one full run has filled the workspace with real intermediates.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ArgRef:
    """An entry argument (`kind="arg"`, `index` in the ABI order) or a workspace view
    (`kind="view"`, `index` = byte offset, with its shape and dtype)."""

    kind: str
    index: int
    shape: tuple[int, ...] = ()
    dtype: str = ""

    def to_json(self) -> list[Any]:
        return [self.kind, self.index, list(self.shape), self.dtype]

    @staticmethod
    def from_json(data: Sequence[Any]) -> ArgRef:
        return ArgRef(str(data[0]), int(data[1]), tuple(int(d) for d in data[2]), str(data[3]))


@dataclass(frozen=True)
class KernelCall:
    kernel: str
    args: list[ArgRef] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"kernel": self.kernel, "args": [a.to_json() for a in self.args]}

    @staticmethod
    def from_json(data: dict[str, Any]) -> KernelCall:
        return KernelCall(str(data["kernel"]), [ArgRef.from_json(a) for a in data["args"]])


@dataclass(frozen=True)
class KernelTime:
    kernel: str
    seconds: float  # median
    share: float  # of the sum over kernels


def _bind(ref: ArgRef, entry_args: Sequence[np.ndarray], workspace: np.ndarray) -> np.ndarray:
    if ref.kind == "arg":
        return entry_args[ref.index]
    dtype = np.dtype(ref.dtype)
    count = int(np.prod(ref.shape, dtype=np.int64))
    return workspace[ref.index : ref.index + count * dtype.itemsize].view(dtype)


def profile_kernels(runner: Any, calls: Sequence[KernelCall], entry_args: Sequence[np.ndarray],
                    workspace: np.ndarray, repeat: int = 10) -> list[KernelTime]:
    """Median seconds of each call, in call order (a kernel called twice appears twice)."""
    medians = []
    for call in calls:
        arrays = [_bind(ref, entry_args, workspace) for ref in call.args]
        runner.call(call.kernel, arrays)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            runner.call(call.kernel, arrays)
            times.append(time.perf_counter() - start)
        medians.append(statistics.median(times))
    total = sum(medians) or 1.0
    return [KernelTime(c.kernel, s, s / total) for c, s in zip(calls, medians, strict=True)]
