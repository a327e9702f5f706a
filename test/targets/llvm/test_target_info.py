"""`TargetInfo`: what schedules may assume about the host CPU."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mopc.targets.llvm import target_info
from mopc.targets.llvm.target_info import (
    TargetInfo,
    enabled_features,
    host_target_info,
    vector_width_f32,
)


def test_feature_string_keeps_enabled_features_only():
    assert enabled_features("+avx2,-avx512f,+fma,+sse4.2") == {"avx2", "fma", "sse4.2"}


@pytest.mark.parametrize(("features", "lanes"), [
    ({"avx512f", "avx2", "avx"}, 16),
    ({"avx2", "avx", "fma"}, 8),
    ({"avx"}, 8),
    ({"sse4.2"}, 4),
    (set(), 4),
])
def test_vector_width_in_f32_lanes(features, lanes):
    assert vector_width_f32(frozenset(features)) == lanes


def test_cache_sizes_from_sysfs(tmp_path: Path):
    levels = [("1", "Data", "48K"), ("1", "Instruction", "32K"), ("2", "Unified", "2048K"),
              ("3", "Unified", "32M")]
    for index, (level, kind, size) in enumerate(levels):
        folder = tmp_path / f"index{index}"
        folder.mkdir()
        (folder / "level").write_text(level + "\n")
        (folder / "type").write_text(kind + "\n")
        (folder / "size").write_text(size + "\n")
    expected = {"l1d": 48 * 1024, "l2": 2 * 1024**2, "l3": 32 * 1024**2}
    assert target_info._sysfs_caches(tmp_path) == expected
    assert target_info._sysfs_caches(tmp_path / "missing") == {}


def test_host_target_info_is_consistent():
    info = host_target_info()
    assert info is host_target_info()  # cached
    assert info.num_cores >= 1 and info.cpu_name
    assert info.vector_width_f32 == vector_width_f32(info.features)
    assert info.vector_bytes == 4 * info.vector_width_f32
    assert info.has("avx512f") == ("avx512f" in info.features)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.num_cores = 64  # type: ignore[misc]
    assert isinstance(info, TargetInfo)
