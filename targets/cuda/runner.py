"""Run printed CUDA C: on the GPU through nvcc, else on the CPU through the emulation.

    library = build_library(source)            # a GPU when there is one, else emulated
    library.device                             # "gpu" or "emulation"
    library.call("main", [x, out, w, workspace])

On a GPU the `.cu` text is compiled by `nvcc -arch=<the GPU's> -O3 -shared` into a
shared object that Python opens with ctypes (no PyTorch); without one, by the host C++
compiler against the emulation header (`emulation/`). Either way the object exports
`mopc_call_<function>(host pointers) -> status`, the signatures as JSON in `mopc_abi`,
and `mopc_cuda_error()`; `CudaLibrary.call` raises `CudaError` with that message when a
call fails. Both builds are cached by the hash of the source.

`MOPC_CUDA_DEVICE=gpu|emulation` overrides the detection (`nvidia-smi -L`).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from mopc.runtime.bundle import sidecar
from mopc.targets.llvm.shared_object import FunctionTable, default_threads, read_abi
from mopc.targets.llvm.toolchain import ToolchainError

DEVICE_ENV = "MOPC_CUDA_DEVICE"
CALL_PREFIX = "mopc_call_"
EMULATION_THREADS = "mopc_emu_threads"


class CudaError(RuntimeError):
    """A CUDA runtime call of a compiled model failed (the message says which)."""


def nvcc() -> str | None:
    return shutil.which("nvcc") or (shutil.which("/usr/local/cuda/bin/nvcc"))


@cache
def gpu_arch() -> str | None:
    """`sm_XY` of the first GPU, None without one (or `$MOPC_CUDA_DEVICE=emulation`)."""
    choice = os.environ.get(DEVICE_ENV, "").strip().lower()
    if choice == "emulation":
        return None
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return "sm_90" if choice == "gpu" else None
    done = subprocess.run([smi, "--query-gpu=compute_cap", "--format=csv,noheader"],
                          capture_output=True, text=True, check=False, timeout=30)
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        return "sm_90" if choice == "gpu" else None
    return "sm_" + lines[0].replace(".", "")


def device_kind() -> str:
    """`gpu` when a GPU and nvcc are there, else `emulation`."""
    return "gpu" if gpu_arch() is not None and nvcc() is not None else "emulation"


def nvcc_command(arch: str, *extra: str) -> list[str]:
    compiler = nvcc()
    if compiler is None:
        raise ToolchainError("cannot find nvcc (the CUDA toolkit's compiler): install the CUDA toolkit or put nvcc on PATH")
    return [compiler, f"-arch={arch}", "-O3", "-x", "cu", *extra]


class NvccError(ToolchainError):
    """nvcc rejected the generated CUDA C (its message and the source)."""


def nvcc_compile(source: str, output: str | os.PathLike[str], arch: str, *, shared: bool = True) -> None:
    """`nvcc -arch=<arch> -O3` the source into a shared object (or, `shared=False`, an
    object file: the compile check)."""
    with tempfile.TemporaryDirectory(prefix="mopc-cuda-") as scratch:
        path = Path(scratch) / "module.cu"
        path.write_text(source)
        mode = ["-shared", "-Xcompiler", "-fPIC"] if shared else ["-c"]
        command = nvcc_command(arch, *mode, str(path), "-o", os.fspath(output))
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise NvccError(f"nvcc could not compile the generated CUDA C ({' '.join(command[:4])}):\n"
                            f"{done.stderr.strip()}\n--- source ---\n{source}")


def _gpu_build(source: str, arch: str, use_cache: bool) -> Path:
    from mopc.targets.llvm.cache import default_cache_dir

    root = default_cache_dir() if use_cache else None
    if root is None:
        output = Path(tempfile.mkdtemp(prefix="mopc-cuda-")) / "module.so"
        nvcc_compile(source, output, arch)
        return output
    version = subprocess.run([nvcc() or "nvcc", "--version"], capture_output=True, text=True, check=False).stdout
    key = hashlib.sha256(f"{arch}\0{version}\0{source}".encode()).hexdigest()
    path = root / "cuda" / key[:2] / f"{key}.so"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}-", suffix=".so", dir=path.parent)
        os.close(fd)
        try:
            nvcc_compile(source, tmp, arch)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return path


class CudaLibrary(FunctionTable):
    """A compiled CUDA C module (GPU or emulated), called with NumPy arrays."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = os.fspath(path)
        self.library = ctypes.CDLL(os.path.abspath(self.path))
        abi = read_abi(self.library, self.path, "CUDA library")
        self.library.mopc_cuda_error.restype = ctypes.c_char_p
        try:  # the emulation's block threads; a GPU has no such knob
            threads = ctypes.addressof(ctypes.c_int32.in_dll(self.library, EMULATION_THREADS))
        except ValueError:
            threads = None
        self.device = "emulation" if threads is not None else "gpu"
        source = sidecar(path, ".cu")
        self.source = source.read_text() if source.is_file() else ""
        """The CUDA C it was built from (kept next to an export as `<prefix>.cu`)."""
        self.description = ("CUDA C emulated on the CPU (no GPU found); " if self.device == "emulation"
                            else f"CUDA C on the GPU ({gpu_arch() or 'nvcc'}); ")
        """What `mopc run` says about where the model ran."""
        super().__init__(abi, self._address, threads)

    def _address(self, name: str) -> int:
        return ctypes.cast(getattr(self.library, CALL_PREFIX + name), ctypes.c_void_p).value or 0

    def call(self, name: str, arguments: Sequence[Any]) -> Any:
        status = super().call(name, arguments)
        if status != 0:
            message = (self.library.mopc_cuda_error() or b"").decode()
            raise CudaError(f"@{name} failed on the {self.device}: {message}")
        return None

    def write_shared_object(self, path: str | os.PathLike[str]) -> None:
        """The library at `path`, and the CUDA C it came from at `path` with `.cu`."""
        shutil.copyfile(self.path, path)
        if self.source:
            sidecar(path, ".cu").write_text(self.source)


def build_library(source: str, *, use_cache: bool = True, device: str | None = None) -> CudaLibrary:
    """Compile printed CUDA C for the GPU (nvcc) or, without one, the emulation."""
    from mopc.targets.cuda.emulation import build_emulated

    kind = device or device_kind()
    if kind == "gpu":
        arch = gpu_arch() or "sm_90"
        library = CudaLibrary(_gpu_build(source, arch, use_cache))
    else:
        library = CudaLibrary(build_emulated(source, use_cache=use_cache))
    library.source = source
    library.set_threads(default_threads())
    return library
