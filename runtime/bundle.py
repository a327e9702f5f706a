"""An exported model on disk: a shared object, its weights and a JSON manifest.

    build/resnet.so     the compiled code (bare-pointer C ABI, see targets/llvm/shared_object.py)
    build/resnet.npz    the parameters, in the entry function's order
    build/resnet.loop.mlir  the loop-level IR it was generated from (for reading)
    build/resnet.json   {"format": "mopc-model", "version": 1, "target": "llvm",
                         "library": "resnet.so", "params": "resnet.npz", "entry": "main",
                         "signature": {...}, "param_names": [...], "workspace_bytes": N, ...}

Files are written under temporary names and renamed into place, the manifest last: a
manifest on disk means a complete export. Loading needs NumPy and ctypes only (no xDSL,
no llvmlite), so the files run on any machine with the same CPU family and libgomp.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from mopc.runtime.model import CompiledModel
from mopc.runtime.profile import KernelCall
from mopc.runtime.signature import Signature

FORMAT = "mopc-model"
VERSION = 1


class BundleError(ValueError):
    """An export that cannot be read (missing file, other format or version)."""


def sidecar(library: str | os.PathLike[str], suffix: str) -> Path:
    """Where a back end keeps a file beside its library (`model.so` -> `model.cu`); `save`
    writes the library under a temporary name (`model.so.tmp`), which maps to the same
    final sidecar."""
    path = Path(library)
    if path.suffix == ".tmp":
        path = path.with_suffix("")
    return path.with_suffix(suffix)


def _paths(prefix: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    base = Path(prefix)
    if base.suffix in (".json", ".so", ".npz"):
        base = base.with_suffix("")
    return base.with_name(base.name + ".json"), base.with_name(base.name + ".so"), \
        base.with_name(base.name + ".npz")


def save(model: CompiledModel, prefix: str | os.PathLike[str]) -> str:
    """Export `model` next to `prefix`; returns the manifest's path."""
    manifest_path, library_path, params_path = _paths(prefix)
    loop_path = manifest_path.with_suffix(".loop.mlir")
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "target": model.target,
        "library": library_path.name,
        "params": params_path.name,
        "entry": model.entry,
        "signature": model.signature.to_json(),
        "param_names": list(model.param_names),
        "workspace_bytes": model.workspace_bytes,
        "workspace_bytes_without_reuse": model.workspace_bytes_without_reuse,
        "kernel_calls": [call.to_json() for call in model.kernel_calls],
        "loop_ir": loop_path.name if model.loop_ir else None,
    }
    pending: list[tuple[Path, Path]] = []
    try:
        library_tmp = library_path.with_name(library_path.name + ".tmp")
        pending.append((library_tmp, library_path))
        model.runner.write_shared_object(library_tmp)
        params_tmp = params_path.with_name(params_path.name + ".tmp.npz")
        pending.append((params_tmp, params_path))
        np.savez(params_tmp, **{f"param{i}": p for i, p in enumerate(model.params)})
        if model.loop_ir:
            loop_tmp = loop_path.with_name(loop_path.name + ".tmp")
            pending.append((loop_tmp, loop_path))
            loop_tmp.write_text(model.loop_ir)
        manifest_tmp = manifest_path.with_name(manifest_path.name + ".tmp")
        pending.append((manifest_tmp, manifest_path))
        manifest_tmp.write_text(json.dumps(manifest, indent=1) + "\n")
    except BaseException:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in pending:  # the manifest goes last
        os.replace(tmp, final)
    return os.fspath(manifest_path)


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BundleError(f"{path}: no such exported model (expected a manifest written by export)") from None
    except (OSError, ValueError) as err:
        raise BundleError(f"{path}: cannot read the manifest: {err}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{path}: not a mopc model manifest")
    if manifest.get("version") != VERSION:
        raise BundleError(f"{path}: manifest version {manifest.get('version')} is not supported "
                          f"(this mopc reads version {VERSION})")
    return manifest


def _open_library(target: str, path: Path) -> Any:
    from importlib import import_module

    from mopc.targets import BACKENDS  # a table of names: imports nothing heavy

    if target not in BACKENDS:
        raise BundleError(f"{path}: models for target '{target}' cannot be loaded here "
                          f"(known: {', '.join(BACKENDS)})")
    try:
        return import_module(BACKENDS[target]).load(path)
    except OSError as err:
        raise BundleError(f"{path}: cannot load the shared object: {err}") from None


def _read_text(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # optional: the model runs without it
        return ""


def load(path: str | os.PathLike[str], *, threads: int | None = None) -> CompiledModel:
    """Load an exported model (`<prefix>.json`, or the prefix itself)."""
    manifest_path, _, _ = _paths(path)
    manifest = _read_manifest(manifest_path)
    folder = manifest_path.parent
    runner = _open_library(manifest["target"], folder / manifest["library"])
    names = manifest["param_names"]
    try:
        with np.load(folder / manifest["params"], allow_pickle=False) as archive:
            params = [np.ascontiguousarray(archive[f"param{i}"]) for i in range(len(names))]
    except (OSError, KeyError, ValueError) as err:
        raise BundleError(f"{folder / manifest['params']}: cannot read the parameters: {err}") from None
    model = CompiledModel(
        Signature.from_json(manifest["signature"]), manifest["target"], runner, manifest["entry"],
        params, int(manifest["workspace_bytes"]), int(manifest["workspace_bytes_without_reuse"]),
        param_names=list(names),
        kernel_calls=[KernelCall.from_json(c) for c in manifest.get("kernel_calls", [])],
        loop_ir=_read_text(folder / manifest["loop_ir"]) if manifest.get("loop_ir") else "",
    )
    if threads is not None:
        model.threads = threads
    return model
