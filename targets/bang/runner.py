"""Build a BANG module and run it: with Cambricon's `cncc` and CNRT when `cncc` is on
PATH, otherwise on mopc's functional simulator (`sim/`).

    runner = build_runner(loop_module, ctx, arch="mtp_270")
    runner.call("main", [x, out, w, workspace])   # NumPy arrays, the entry's order
    runner.counters()                             # simulator: DMA bytes, builtin calls
    runner.write_shared_object("model.so")        # loaded again by `load`

The printed `.mlu` holds the kernels and an `extern "C" int mopc_main(...)` host
function over host arrays, so both routes build one shared library: cncc links it
against CNRT; the simulator compiles it with g++ against its own headers (cached by
source hash, so a rebuild of the same model costs nothing).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from mopc.runtime.bundle import sidecar

SIMULATOR = "simulator"
CNCC = "cncc"


def cncc() -> str | None:
    """`cncc`'s path, or None: then the simulator runs the code."""
    return shutil.which("cncc")


def symbol(name: str) -> str:
    """The C name of function `@name` (the printer spells `main` `mopc_main`)."""
    return "mopc_main" if name == "main" else name


class BangError(RuntimeError):
    """A generated program failed at run time (a simulator violation or a CNRT error)."""


class BangRunner:
    """A built `.so`: `call(name, arrays)` like the CPU target's function table;
    `threads` is the tasks per launch (fixed by the code: every IPU core)."""

    def __init__(self, path: str | os.PathLike[str], arch: str, source: str = "", via: str = SIMULATOR):
        self.path = Path(path)
        self.arch = arch
        self.source = source
        self.via = via
        if via == SIMULATOR:
            from mopc.targets.bang.sim import SimLibrary

            self.lib: Any = SimLibrary(self.path)
        else:
            import ctypes

            self.lib = ctypes.CDLL(str(self.path))

    @property
    def description(self) -> str:
        """What `mopc run` says the model ran on."""
        where = "BANG simulator" if self.via == SIMULATOR else "MLU through cncc/CNRT"
        return f"{self.arch} on the {where}; "

    @property
    def threads(self) -> int:
        from mopc.targets.bang.target_info import target_info

        return target_info(self.arch).tasks

    def set_threads(self, n: int) -> None:
        """Tasks are fixed at code generation (one per IPU core); accepted and ignored."""

    def call(self, name: str, arrays: list[np.ndarray]) -> None:
        arrays = [np.ascontiguousarray(a) for a in arrays]
        if self.via == SIMULATOR:
            from mopc.targets.bang.sim import SimViolation

            try:
                status = self.lib.call(symbol(name), *arrays)
            except SimViolation as err:
                raise BangError(f"the BANG simulator refused the generated code: {err.message}") from None
            except AttributeError:
                raise BangError(f"no function '{name}' in the BANG program") from None
        else:
            import ctypes

            fn = getattr(self.lib, symbol(name))
            fn.restype = ctypes.c_int
            status = fn(*(ctypes.c_void_p(a.ctypes.data) for a in arrays))
        if status != 0:
            raise BangError(f"'{name}' failed with CNRT error {status}")

    def counters(self) -> dict:
        """The simulator's counters since the last `reset_counters` (empty with cncc)."""
        return self.lib.counters() if self.via == SIMULATOR else {}

    def reset_counters(self) -> None:
        if self.via == SIMULATOR:
            self.lib.reset()

    def write_shared_object(self, path: str | os.PathLike[str]) -> None:
        shutil.copy2(self.path, path)
        sidecar(path, ".mlu").write_text(self.source)


def build_source(source: str, arch: str) -> tuple[Path, str]:
    """The shared library of a `.mlu` source: (path, `cncc` or `simulator`)."""
    compiler = cncc()
    with tempfile.TemporaryDirectory(prefix="mopc-bang-") as tmp:
        # The source's path is part of the simulator's cache key (its #line directives
        # name the file): a path fixed by the content makes a rebuild a cache hit.
        digest = hashlib.sha256(source.encode()).hexdigest()[:20]
        mlu = Path(tempfile.gettempdir()) / "mopc-bang-sources" / digest / "model.mlu"
        mlu.parent.mkdir(parents=True, exist_ok=True)
        if not mlu.is_file() or mlu.read_text() != source:
            staging = Path(tmp) / "model.mlu"
            staging.write_text(source)
            staging.replace(mlu)
        if compiler is not None:
            return _build_with_cncc(compiler, mlu, arch), CNCC
        from mopc.targets.bang.sim.build import build

        scratch = Path(tempfile.mkdtemp(prefix="mopc-bang-build-"))  # kept: holds the .so when the cache is off
        return build([mlu], arch=arch, shared=True, scratch=scratch), SIMULATOR


def _build_with_cncc(compiler: str, mlu: Path, arch: str) -> Path:
    out = Path(tempfile.mkdtemp(prefix="mopc-bang-cncc-")) / "model.so"
    command = [compiler, str(mlu), f"--bang-mlu-arch={arch}", "-O3", "-fPIC", "-shared", "-o", str(out), "-lcnrt"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BangError(f"cncc failed:\n{done.stderr}")
    return out


def build_runner(source: str, arch: str) -> BangRunner:
    path, via = build_source(source, arch)
    return BangRunner(path, arch, source, via)
