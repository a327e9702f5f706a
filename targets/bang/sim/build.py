"""Build BANG programs for the simulator: source pass, g++, link with the runtime, cache.

Two layers, both cached by content under `<mopc cache>/bang-sim/` (the folder of
`mopc.targets.llvm.cache.default_cache_dir()`; `MOPC_CACHE_DIR=off` builds in a
temporary folder every time):

* the runtime of an architecture (`runtime/*.cpp` plus the builtin definitions
  `codegen.py` generates for it), an archive keyed by every file it is made of, the
  arch and the compiler's version;
* a program: `.mlu` files go through the source pass and are compiled as device code
  (`__BANG_ARCH__` and the memory sizes defined, mopcsim/device.h force-included);
  `.cpp`/`.cc`/`.cxx`/`.c` files are host code, compiled as they are (the host pass of
  cncc leaves `__BANG_ARCH__` undefined). The key covers the runtime's key, the flags
  and the text of every source and of every local header a `.mlu` includes.

Entries are written under a temporary name and renamed into place, so concurrent
builds (lit workers, pytest-xdist) never see half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from mopc.targets.bang.sim.arch import ArchSpec, arch_spec
from mopc.targets.bang.sim.diagnostics import SimBuildError, map_compiler_output
from mopc.targets.bang.sim.source_pass import rewrite

HERE = Path(__file__).resolve().parent
INCLUDE = HERE / "include"
RUNTIME = HERE / "runtime"
DEVICE_SUFFIXES = (".mlu",)
HOST_SUFFIXES = (".cpp", ".cc", ".cxx", ".c")
CXXFLAGS = ("-std=c++17", "-fPIC", "-pthread", "-fno-strict-aliasing", "-w")
PROGRAM_OPT = "-O1"
RUNTIME_OPT = "-O2"


def compiler() -> str:
    """The C++ compiler: `$CXX`, else g++ (12 or newer: `_Float16` in C++)."""
    name = os.environ.get("CXX", "g++")
    found = shutil.which(name)
    if found is None:
        raise SimBuildError.plain(f"cannot find the C++ compiler '{name}': install g++ (12 or newer) or set CXX")
    return found


def c_compiler() -> str:
    cxx = compiler()
    guess = re.sub(r"g\+\+(-\d+)?$", r"gcc\1", cxx)
    return guess if guess != cxx and Path(guess).exists() else shutil.which("gcc") or cxx


@cache
def compiler_identity(path: str) -> str:
    done = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.splitlines()[0] if done.returncode == 0 and done.stdout else path


def cache_root() -> Path | None:
    from mopc.targets.llvm.cache import default_cache_dir

    root = default_cache_dir()
    return None if root is None else root / "bang-sim"


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _macro_flags(arch: ArchSpec) -> list[str]:
    return [f"-D{k}={v}" for k, v in arch.macros().items()]


# ---- the runtime ----------------------------------------------------------------------------


def _runtime_inputs() -> list[Path]:
    files = sorted(RUNTIME.glob("*.cpp")) + sorted(RUNTIME.glob("*.h")) + sorted(INCLUDE.rglob("*.h"))
    files += sorted((HERE / "data").glob("*.txt"))
    files += [HERE / name for name in ("intrinsics.py", "codegen.py", "builtins.py", "arch.py")]
    return files


def runtime_key(arch: ArchSpec) -> str:
    parts: list[str | bytes] = [arch.name, compiler_identity(compiler()), " ".join(CXXFLAGS), RUNTIME_OPT]
    for path in _runtime_inputs():
        parts += [path.name, path.read_bytes()]
    return _digest(*parts)


def _build_runtime(arch: ArchSpec, folder: Path) -> None:
    """Generate the builtins for `arch` and compile the runtime into `folder`."""
    from mopc.targets.bang.sim.codegen import generate

    gen = folder / "include"
    gen.mkdir(parents=True)
    generated = generate(arch.name)
    (gen / "mopcsim_builtins.h").write_text(generated.header)
    (folder / "mopcsim_builtins.cpp").write_text(generated.source)
    sources = sorted(RUNTIME.glob("*.cpp")) + [folder / "mopcsim_builtins.cpp"]
    cxx = compiler()

    def compile_one(source: Path) -> subprocess.CompletedProcess[str]:
        return _run([cxx, *CXXFLAGS, RUNTIME_OPT, f"-I{INCLUDE}", f"-I{gen}", f"-I{RUNTIME}",
                     *_macro_flags(arch), "-c", str(source), "-o", str(folder / f"{source.stem}.o")])

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(compile_one, sources))
    for result in results:
        if result.returncode != 0:
            raise SimBuildError.plain(f"the simulator's runtime does not compile for {arch.name}:\n{result.stderr}")
    archive = _run(["ar", "rcs", str(folder / "libmopcsim.a"), *(str(folder / f"{s.stem}.o") for s in sources)])
    if archive.returncode != 0:
        raise SimBuildError.plain(f"cannot archive the simulator's runtime: {archive.stderr}")
    for source in sources:
        (folder / f"{source.stem}.o").unlink()


def runtime(arch_name: str, scratch: Path | None = None) -> Path:
    """The folder holding `libmopcsim.a` and `include/mopcsim_builtins.h` for the arch."""
    arch = arch_spec(arch_name)
    key = runtime_key(arch)
    root = cache_root()
    base = root if root is not None else scratch
    if base is None:
        raise ValueError("no cache and no scratch folder for the runtime")
    final = base / "runtime" / f"{arch.name}-{key[:24]}"
    if (final / "libmopcsim.a").is_file():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        _build_runtime(arch, building / "out")
        try:
            (building / "out").rename(final)
        except OSError:  # another process finished first
            if not (final / "libmopcsim.a").is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return final


# ---- programs -------------------------------------------------------------------------------


class _Prepared:
    """Sources after the source pass, written into a build folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.units: list[tuple[Path, Path, bool]] = []  # (original, file to compile, device?)
        self.key_parts: list[str | bytes] = []
        self._includes: dict[Path, str] = {}

    def add(self, source: Path) -> None:
        if not source.is_file():
            raise SimBuildError.plain(f"cannot read '{source}': no such file")
        suffix = source.suffix.lower()
        if suffix in DEVICE_SUFFIXES:
            text = self._rewrite(source)
            target = self.folder / f"{len(self.units)}_{source.stem}.mlu.cpp"
            target.write_text(text)
            self.units.append((source, target, True))
            self.key_parts += ["device", str(source), text]
        elif suffix in HOST_SUFFIXES:
            self.units.append((source, source, False))
            self.key_parts += ["host", str(source), source.read_bytes()]
        else:
            raise SimBuildError.plain(
                f"'{source}': unknown source kind '{source.suffix}' (expected .mlu device code or "
                f"{', '.join(HOST_SUFFIXES)} host code)")

    def _rewrite(self, source: Path) -> str:
        try:
            text = source.read_text()
        except (OSError, UnicodeDecodeError) as err:
            raise SimBuildError.plain(f"cannot read '{source}': {err}") from None

        def include(name: str) -> str | None:
            found = (source.parent / name)
            if not found.is_file():
                return None
            found = found.resolve()
            if found not in self._includes:
                target = self.folder / f"inc{len(self._includes)}_{found.name}"
                self._includes[found] = str(target)
                target.write_text(self._rewrite(found))
            return self._includes[found]

        return rewrite(text, str(source), include).text


@cache
def _recipe() -> str:
    """How programs are built (this file: flags, link line), for their cache key."""
    return _digest(Path(__file__).read_bytes())


def _device_flags(arch: ArchSpec, runtime_dir: Path) -> list[str]:
    return ["-x", "c++", "-include", "mopcsim/device.h", "-D__BANG__=1", *_macro_flags(arch),
            f"-I{INCLUDE}", f"-I{runtime_dir / 'include'}"]


def _host_flags(runtime_dir: Path) -> list[str]:
    return [f"-I{INCLUDE}", f"-I{runtime_dir / 'include'}"]


def build(sources: Sequence[str | os.PathLike[str]], *, arch: str = "mtp_270", shared: bool = False,
          extra_flags: Sequence[str] = (), scratch: Path | None = None) -> Path:
    """Build (or find in the cache) the program; returns the cached artifact's path
    (under `scratch` when the cache is off)."""
    try:
        spec = arch_spec(arch)
    except KeyError as err:
        raise SimBuildError.plain(str(err.args[0])) from None
    if not sources:
        raise SimBuildError.plain("no sources given")
    root = cache_root()
    if root is None and scratch is None:
        raise ValueError("build() needs a scratch folder when the cache is off")
    runtime_dir = runtime(spec.name, scratch)
    with tempfile.TemporaryDirectory(prefix="mopc-bang-sim-") as tmp:
        folder = Path(tmp)
        prepared = _Prepared(folder)
        for source in sources:
            prepared.add(Path(source).absolute())
        if not any(device for _, _, device in prepared.units):
            raise SimBuildError.plain("no .mlu device source among the sources")
        key = _digest(runtime_dir.name, _recipe(), spec.name, str(shared), *extra_flags, *prepared.key_parts)
        suffix = ".so" if shared else ""
        final = (root if root is not None else scratch) / "programs" / key[:2] / f"{key}{suffix}"
        if final.is_file():
            return final
        _compile_and_link(prepared, spec, runtime_dir, folder / f"out{suffix}", shared, extra_flags)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        shutil.copy2(folder / f"out{suffix}", staging)
        staging.replace(final)
        return final


def _compile_and_link(prepared: _Prepared, arch: ArchSpec, runtime_dir: Path, output: Path, shared: bool,
                      extra_flags: Sequence[str]) -> None:
    cxx, cc = compiler(), None
    objects: list[Path] = []
    commands: list[list[str]] = []
    for n, (original, path, device) in enumerate(prepared.units):
        obj = prepared.folder / f"{n}_{original.stem}.o"
        objects.append(obj)
        if device:
            command = [cxx, *CXXFLAGS, PROGRAM_OPT, *_device_flags(arch, runtime_dir),
                       f"-iquote{original.parent}", *extra_flags, "-c", str(path), "-o", str(obj)]
        elif original.suffix.lower() == ".c":
            cc = cc or c_compiler()
            command = [cc, "-std=c11", "-fPIC", "-pthread", "-w", PROGRAM_OPT, *_host_flags(runtime_dir),
                       *extra_flags, "-c", str(path), "-o", str(obj)]
        else:
            command = [cxx, *CXXFLAGS, PROGRAM_OPT, *_host_flags(runtime_dir), *extra_flags, "-c", str(path),
                       "-o", str(obj)]
        commands.append(command)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(_run, commands))
    ours = (str(INCLUDE), str(runtime_dir), str(prepared.folder))
    failed = [r for r in results if r.returncode != 0]
    if failed:
        output_text = "\n".join(r.stderr for r in failed)
        diagnostics = map_compiler_output(output_text, ours)
        if not diagnostics:
            raise SimBuildError.plain(f"the C++ compiler failed:\n{output_text}")
        raise SimBuildError(diagnostics, output_text)
    # -Bsymbolic: a library's runtime calls its own copy even when another simulated
    # library (another arch, another program) is loaded into the same process.
    shared_flags = ["-shared", "-Wl,-Bsymbolic"] if shared else []
    link = [cxx, "-pthread", *shared_flags, "-o", str(output), *map(str, objects),
            "-Wl,--whole-archive", str(runtime_dir / "libmopcsim.a"), "-Wl,--no-whole-archive",
            *[f for f in extra_flags if f.startswith(("-l", "-L", "-Wl"))]]
    result = _run(link)
    if result.returncode != 0:
        diagnostics = map_compiler_output(result.stderr, ours)
        if not diagnostics:
            raise SimBuildError.plain(f"linking failed:\n{result.stderr}")
        raise SimBuildError(diagnostics, result.stderr)


def compile_program(sources: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str], *,
                    arch: str = "mtp_270", shared: bool = False, extra_flags: Sequence[str] = ()) -> Path:
    """Build `sources` (`.mlu` device code and host `.cpp`/`.c` files) into the executable
    (or, with `shared=True`, the shared library) `output`; raises `SimBuildError` with
    the compiler's errors located in the sources."""
    target = Path(output)
    with tempfile.TemporaryDirectory(prefix="mopc-bang-sim-") as scratch:
        built = build(sources, arch=arch, shared=shared, extra_flags=extra_flags, scratch=Path(scratch))
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copy2(built, staging)
        staging.replace(target)
    return target
