"""What the host CPU offers, for choosing schedules: `host_target_info()`.

The vector width is counted in f32 lanes: 16 with AVX-512F, 8 with AVX2 (or AVX), 4
otherwise (SSE, NEON). Cache sizes come from Linux sysfs when it is there (None
elsewhere); the core count is the number of CPUs this process may run on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class TargetInfo:
    """A CPU as the LLVM target sees it."""

    cpu_name: str
    features: frozenset[str]
    vector_width_f32: int
    num_cores: int
    l1d_bytes: int | None = None
    l2_bytes: int | None = None
    l3_bytes: int | None = None
    feature_string: str = ""
    """LLVM's `+avx2,-avx512f,...`: what a target machine for this CPU must be given
    (the disabled ones too: a VM may mask features its CPU model implies)."""

    @property
    def vector_bytes(self) -> int:
        return self.vector_width_f32 * 4

    def has(self, feature: str) -> bool:
        return feature in self.features


def vector_width_f32(features: frozenset[str]) -> int:
    if "avx512f" in features:
        return 16
    if "avx2" in features or "avx" in features:
        return 8
    return 4


def enabled_features(feature_string: str) -> frozenset[str]:
    """`+avx2,-avx512f,...` (LLVM's host feature string) -> the enabled names."""
    return frozenset(f[1:] for f in feature_string.split(",") if f.startswith("+"))


def _sysfs_caches(root: Path = Path("/sys/devices/system/cpu/cpu0/cache")) -> dict[str, int]:
    """Data/unified cache sizes by level name (`l1d`, `l2`, `l3`), from sysfs."""
    sizes: dict[str, int] = {}
    for index in sorted(root.glob("index*")) if root.is_dir() else []:
        try:
            level = (index / "level").read_text().strip()
            kind = (index / "type").read_text().strip()
            size = _parse_size((index / "size").read_text().strip())
        except (OSError, ValueError):
            continue
        if kind == "Instruction":
            continue
        sizes["l1d" if level == "1" else f"l{level}"] = size
    return sizes


def _parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024**2, "G": 1024**3}
    if text and text[-1] in units:
        return int(text[:-1]) * units[text[-1]]
    return int(text)


def host_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@cache
def host_target_info() -> TargetInfo:
    """The machine this process runs on (cached)."""
    import llvmlite.binding as llvm

    feature_string = llvm.get_host_cpu_features().flatten()
    features = enabled_features(feature_string)
    caches = _sysfs_caches()
    return TargetInfo(
        cpu_name=llvm.get_host_cpu_name(),
        features=features,
        vector_width_f32=vector_width_f32(features),
        num_cores=host_cores(),
        l1d_bytes=caches.get("l1d"),
        l2_bytes=caches.get("l2"),
        l3_bytes=caches.get("l3"),
        feature_string=feature_string,
    )
