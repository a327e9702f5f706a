"""`mopc cache info|clean`: the on-disk cache of compiled code.

    mopc cache info      # where it is, how many entries, how many bytes, per kind
    mopc cache clean     # remove every entry

The folder is `$MOPC_CACHE_DIR`, else `$XDG_CACHE_HOME/mopc`, else `~/.cache/mopc`
(`MOPC_CACHE_DIR=off` turns caching off); each kind of entry has its own subfolder
(`llvm/` for shared objects, ...). Cleaning is always safe: entries are rebuilt when
missing.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("cache", help="show or clean the compiled-code cache")
    parser.add_argument("action", choices=["info", "clean"])
    return parser


def _usage(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main(args: argparse.Namespace) -> int:
    from mopc.targets.llvm.cache import default_cache_dir

    root = default_cache_dir()
    if root is None:
        print("the cache is off (MOPC_CACHE_DIR=off)")
        return 0
    if args.action == "clean":
        count, size = _usage(root) if root.is_dir() else (0, 0)
        if root.is_dir():
            for child in root.iterdir():  # the folder itself may be a mount or configured path
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        print(f"removed {count} files ({size / 2**20:.1f} MiB) from {root}")
        return 0
    print(f"cache: {root}")
    kinds = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not kinds:
        print("  empty")
    for kind in kinds:
        count, size = _usage(kind)
        print(f"  {kind.name}/: {count} files, {size / 2**20:.1f} MiB")
    return 0
