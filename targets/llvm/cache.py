"""A disk cache of compiled models: shared objects keyed by the loop IR they came from.

Lowering a ResNet-18 to LLVM and optimising it takes seconds; loading a `.so` takes
milliseconds. The key is a SHA-256 over everything the machine code depends on:

* the loop-level IR text (kernels, schedules, the entry ABI; weights are arguments,
  so they are not part of the code);
* this CPU (LLVM's name and feature string) and the optimisation level;
* the llvmlite version and the source of this target (`targets/llvm/*.py`), so an
  edit to the lowering never serves stale code.

Entries live in `$MOPC_CACHE_DIR` (default `$XDG_CACHE_HOME/mopc`, else
`~/.cache/mopc`) as `llvm/<key[:2]>/<key>.so`, written to a temporary name and renamed
into place, so concurrent compilers (lit workers) never load half a file.
`MOPC_CACHE_DIR=off` turns the cache off; without a C compiler to link with, models
are JIT-compiled instead.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp

from mopc.targets.llvm.shared_object import SharedObject

CACHE_ENV = "MOPC_CACHE_DIR"
DISABLED = ("off", "0", "none", "")


def default_cache_dir() -> Path | None:
    """`$MOPC_CACHE_DIR`, else the user cache folder; None when turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in DISABLED else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mopc"


@cache
def _code_fingerprint() -> str:
    """What the generated code depends on besides the IR: llvmlite, this target's source."""
    import llvmlite

    digest = hashlib.sha256(llvmlite.__version__.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(loop_ir: str, opt_level: int = 3) -> str:
    from mopc.targets.llvm.target_info import host_target_info

    info = host_target_info()
    digest = hashlib.sha256()
    for part in (_code_fingerprint(), info.cpu_name, info.feature_string, str(opt_level), loop_ir):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


class KernelCache:
    """Shared objects by key, under `root/llvm/`."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / "llvm" / key[:2] / f"{key}.so"

    def lookup(self, key: str) -> SharedObject | None:
        path = self.path(key)
        if not path.is_file():
            return None
        try:
            return SharedObject(path)
        except (OSError, ValueError):  # truncated by a crash, or foreign: rebuild it
            return None

    def build(self, key: str, module: ModuleOp, ctx: Context | None, opt_level: int = 3) -> SharedObject:
        """Compile `module` into the entry for `key` and load it."""
        from mopc.targets.llvm.runner import build_shared_object

        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}-", suffix=".so", dir=path.parent)
        os.close(fd)
        try:
            build_shared_object(module, tmp, ctx, opt_level=opt_level)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return SharedObject(path)


def compile_cached(module: ModuleOp, loop_ir: str, ctx: Context | None = None, *,
                   cache_dir: str | os.PathLike[str] | None = None, opt_level: int = 3,
                   use_cache: bool = True):
    """A runner for `module` (whose printed form is `loop_ir`): a cached `.so` when one
    exists, else a fresh one stored in the cache; JIT-compiled when the cache is off
    (`use_cache=False`, or `cache_dir` None and `$MOPC_CACHE_DIR=off`) or no C compiler
    can link."""
    from mopc.targets.llvm.runner import compile_module
    from mopc.targets.llvm.toolchain import ToolchainError, c_compiler

    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if root is None or not use_cache:
        return compile_module(module, ctx, opt_level=opt_level)
    try:
        c_compiler()
    except ToolchainError:
        return compile_module(module, ctx, opt_level=opt_level)
    store = KernelCache(root)
    key = cache_key(loop_ir, opt_level)
    return store.lookup(key) or store.build(key, module, ctx, opt_level)
