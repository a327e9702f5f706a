"""Run printed CUDA C on the CPU: the same `.cu` text, compiled by the host C++ compiler.

Where there is no GPU (CI, this machine), the numerics of mopc's CUDA C are checked by
compiling the very source the printer wrote with `g++` against `include/cuda_runtime.h`,
a small header that emulates what that source uses: `blockIdx`/`threadIdx`, blocks of
threads as fibers with `__syncthreads()` a real barrier among them, `__shared__`
memory per block, and the runtime API (cudaMalloc, cudaMemcpy, errors). The one edit
to the text is the launch syntax C++ lacks:

    k<<<grid, block, smem>>>(a, b);   ->   ::mopc_emu::launch(k, grid, block, smem, a, b);

The header is light (C headers and one template); the fibers, the thread pool and the
runtime API live in `runtime/emulation.cpp`, compiled once and linked into every
module. `build_emulated(source)` returns a shared object with the same `extern "C"`
functions the nvcc build has (`mopc_call_<name>`, `mopc_abi`, `mopc_cuda_error`), plus
`mopc_emu_threads`, the OS threads blocks run on. Builds are cached by the hash of the
source, the header, the runtime and the compiler (`<mopc cache>/cuda-emulation/`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from mopc.targets.llvm.toolchain import ToolchainError

HERE = Path(__file__).resolve().parent
INCLUDE = HERE / "include"
RUNTIME = HERE / "runtime" / "emulation.cpp"
CXXFLAGS = ("-std=c++17", "-fPIC", "-pthread")
MODULE_OPT = "-O1"
"""Generated modules: compiled once per test, run on small shapes (compile time rules)."""
RUNTIME_OPT = "-O2"
RUNTIME_FLAGS = ("-U_FORTIFY_SOURCE", "-D_FORTIFY_SOURCE=0")
"""Fibers switch stacks with _longjmp, which glibc's fortified longjmp refuses."""

_LAUNCH = re.compile(r"(\b[A-Za-z_]\w*)\s*<<<(.*?)>>>\s*\(\s*(\)?)")


def rewrite_launches(source: str) -> str:
    """`k<<<g, b, s>>>(args)` -> `::mopc_emu::launch(k, g, b, s, args)` (line by line:
    mopc prints a launch on one line)."""

    def launch(match: re.Match[str]) -> str:
        kernel, config, closing = match.groups()
        return f"::mopc_emu::launch({kernel}, {config}{')' if closing else ', '}"

    return _LAUNCH.sub(launch, source)


def compiler() -> str:
    name = os.environ.get("CXX", "g++")
    found = shutil.which(name)
    if found is None:
        raise ToolchainError(f"cannot find the C++ compiler '{name}' for the CUDA emulation: install g++ or set CXX")
    return found


@cache
def _compiler_identity(path: str) -> str:
    done = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.splitlines()[0] if done.returncode == 0 and done.stdout else path


def cache_root() -> Path | None:
    from mopc.targets.llvm.cache import default_cache_dir

    root = default_cache_dir()
    return None if root is None else root / "cuda-emulation"


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in (_compiler_identity(compiler()), " ".join(CXXFLAGS), (INCLUDE / "cuda_runtime.h").read_text(),
                 RUNTIME.read_text(), *parts):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def source_key(source: str) -> str:
    return _key(MODULE_OPT, source)


def _run(command: list[str], what: str, source: str | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shown = f"\n--- source ---\n{source}" if source is not None else ""
        raise EmulationBuildError(f"the CUDA emulation could not compile {what}:\n{done.stderr.strip()}{shown}")


def _atomic_build(path: Path, build) -> Path:
    """Run `build(tmp)` and rename the result to `path` (concurrent builders never see
    half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:16]}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        build(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def runtime_object(root: Path | None) -> Path:
    """runtime/emulation.cpp compiled (once per compiler and source, under `root`)."""
    def build(output: str) -> None:
        _run([compiler(), *CXXFLAGS, RUNTIME_OPT, *RUNTIME_FLAGS, f"-I{INCLUDE}", "-c", str(RUNTIME), "-o", output],
             "its runtime (runtime/emulation.cpp)")

    if root is None:
        output = Path(tempfile.mkdtemp(prefix="mopc-cuda-emu-")) / "runtime.o"
        build(str(output))
        return output
    path = root / f"runtime-{_key(RUNTIME_OPT, *RUNTIME_FLAGS)[:24]}.o"
    return path if path.is_file() else _atomic_build(path, build)


class EmulationBuildError(ToolchainError):
    """The host compiler rejected the emulated source (its message and the source)."""


def compile_emulated(source: str, output: str | os.PathLike[str], root: Path | None = None) -> None:
    """Compile `source` (CUDA C from mopc) for the CPU into the shared object `output`."""
    runtime = runtime_object(root)
    with tempfile.TemporaryDirectory(prefix="mopc-cuda-emu-") as scratch:
        path = Path(scratch) / "module.cpp"
        path.write_text(rewrite_launches(source))
        _run([compiler(), *CXXFLAGS, MODULE_OPT, "-shared", f"-I{INCLUDE}", str(path), str(runtime),
              "-o", os.fspath(output)], "the generated CUDA C", source)


def build_emulated(source: str, *, use_cache: bool = True) -> Path:
    """The emulated shared object of `source`, from the cache when it is there."""
    root = cache_root() if use_cache else None
    if root is None:
        output = Path(tempfile.mkdtemp(prefix="mopc-cuda-emu-")) / "module.so"
        compile_emulated(source, output)
        return output
    key = source_key(source)
    path = root / key[:2] / f"{key}.so"
    if path.is_file():
        return path
    return _atomic_build(path, lambda tmp: compile_emulated(source, tmp, root))
