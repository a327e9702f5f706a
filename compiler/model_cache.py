"""The model cache: a whole compiled model, keyed by what it was compiled from.

`mopc.compile` on a model it has compiled before (same IR, same weights, same
pipeline, target, entry function, CPU and compiler sources) loads the result instead
of running the pipeline: ResNet-18 in a fraction of a second instead of seconds. An
entry is an export (`runtime/bundle.py`: `.so`, weights, manifest, loop IR) under
`<cache>/models/<key[:2]>/<key>/model.*`, where `<cache>` is the folder of the code
cache (`targets/llvm/cache.py`; `MOPC_CACHE_DIR=off` turns both off). Entries hold
their weights, so the folder is kept under `$MOPC_CACHE_MAX_MB` (default 2048 MiB):
as ccache does, each store cleans the entry's own subfolder (`models/<key[:2]>/`, one
of 256) down to 1/256 of the bound, least recently used first (a hit refreshes an
entry's time), so no store walks the whole cache.

The key hashes the printed module (ops, attributes, locations), the bytes of every
resource it references (weights), the pipeline string, the target, the entry function,
the host CPU, and the source of every mopc module plus the xDSL and llvmlite versions,
so a change anywhere in the compiler never serves stale code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import cache
from pathlib import Path

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import DenseResourceAttr, ModuleOp

from mopc.runtime.model import CompiledModel

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_NOT_COMPILER = {"test", "docs", "examples", "benchmarks", "build", ".venv", ".git"}


@cache
def compiler_fingerprint() -> str:
    """A hash of mopc's Python sources and the versions of what it generates code with."""
    import llvmlite
    import xdsl

    digest = hashlib.sha256(f"{xdsl.__version__}|{llvmlite.__version__}".encode())
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        relative = path.relative_to(PACKAGE_ROOT)
        if relative.parts[0] in _NOT_COMPILER:
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def model_key(module: ModuleOp, ctx: Context, *, pipeline: str, target: str, function: str) -> str:
    from mopc.core.context import resources_of
    from mopc.core.io import print_module
    from mopc.targets.llvm.target_info import host_target_info

    store = resources_of(ctx)
    info = host_target_info()
    digest = hashlib.sha256()
    for part in (compiler_fingerprint(), pipeline, target, function, info.cpu_name, info.feature_string):
        digest.update(part.encode() + b"\0")
    digest.update(print_module(module, ctx).encode())
    seen: set[str] = set()
    for op in module.walk():
        for attr in (*op.properties.values(), *op.attributes.values()):
            if isinstance(attr, DenseResourceAttr) and attr.resource_handle.data not in seen:
                name = attr.resource_handle.data
                seen.add(name)
                array = np.ascontiguousarray(store.value_of(attr))
                digest.update(f"{name}|{array.dtype}|{array.shape}".encode())
                digest.update(memoryview(array).cast("B"))
    return digest.hexdigest()


class ModelCache:
    """Compiled models by key, under `root/models/`."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    def prefix(self, key: str) -> Path:
        return self.root / "models" / key[:2] / key / "model"

    def load(self, key: str) -> CompiledModel | None:
        from mopc.runtime.bundle import BundleError, load

        manifest = self.prefix(key).with_suffix(".json")
        if not manifest.is_file():
            return None
        try:
            loaded = load(manifest)
        except (BundleError, OSError, ValueError, KeyError):  # half-written by a crash: rebuild
            return None
        os.utime(manifest)  # most recently used
        return loaded

    def store(self, key: str, model: CompiledModel) -> None:
        prefix = self.prefix(key)
        prefix.parent.mkdir(parents=True, exist_ok=True)
        model.export(str(prefix))
        self.evict(prefix.parent.parent, max_bytes() // 256)

    def evict(self, folder: Path, limit: int) -> None:
        """Remove the least recently used entries of `folder` (one `models/<xx>/`) until
        they take at most `limit` bytes."""
        entries = []
        for manifest in folder.glob("*/model.json"):
            try:
                files = [p for p in manifest.parent.iterdir() if p.is_file()]
                size = sum(p.stat().st_size for p in files)
                entries.append((manifest.stat().st_mtime, size, manifest.parent))
            except OSError:  # removed by a concurrent compiler
                continue
        total = sum(size for _, size, _ in entries)
        for _, size, folder in sorted(entries, key=lambda e: e[0]):
            if total <= limit:
                break
            shutil.rmtree(folder, ignore_errors=True)
            total -= size


def max_bytes() -> int:
    """The size bound of the model cache: `$MOPC_CACHE_MAX_MB` MiB (default 2048)."""
    try:
        return int(float(os.environ.get("MOPC_CACHE_MAX_MB", "2048")) * 2**20)
    except ValueError:
        return 2048 * 2**20
