"""The compiled-model cache (targets/llvm/cache.py): a second compile of the same loop
IR loads the stored `.so` instead of compiling; other IR, CPU settings or lowering
source give other keys; broken entries are rebuilt; `MOPC_CACHE_DIR=off` JIT-compiles,
with bit-identical results.
"""

from __future__ import annotations

import numpy as np
import pytest

import mopc
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.targets.llvm import cache
from mopc.targets.llvm.runner import CompiledLLVM
from mopc.targets.llvm.shared_object import SharedObject


def _model(channels: int = 4):
    rng = np.random.default_rng(channels)
    b = GraphBuilder()
    x = b.input("x", (1, channels, 64, 64))
    w = b.param("w", rng.standard_normal((8, channels, 3, 3)).astype(np.float32))
    module = b.finish(b.add(g.ReluOp(b.add(g.Conv2dOp(x, w, pads=(1, 1, 1, 1))))))
    return module, b, rng.standard_normal((1, channels, 64, 64)).astype(np.float32)


def _entries(root):
    return sorted(p.name for p in (root / "llvm").rglob("*.so"))


def test_second_compile_loads_the_cached_object(tmp_path):
    module, b, x = _model()
    first = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    (entry,) = (tmp_path / "llvm").rglob("*.so")
    stamp = entry.stat().st_mtime_ns
    second = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    assert isinstance(second.runner, SharedObject) and second.runner.path == str(entry)
    assert entry.stat().st_mtime_ns == stamp  # loaded, not rebuilt
    np.testing.assert_array_equal(first(x), second(x))


def test_other_ir_gets_another_entry(tmp_path):
    for channels in (4, 5):
        module, b, _ = _model(channels)
        mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    assert len(_entries(tmp_path)) == 2


def test_key_covers_ir_opt_level_and_lowering_source(monkeypatch):
    base = cache.cache_key("module {}")
    assert cache.cache_key("module {} ") != base
    assert cache.cache_key("module {}", opt_level=2) != base
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "edited lowering")
    assert cache.cache_key("module {}") != base


def test_broken_entry_is_rebuilt(tmp_path):
    module, b, x = _model()
    expected = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path / "good")(x)
    (good,) = (tmp_path / "good" / "llvm").rglob("*.so")
    # a truncated entry (a crash mid-copy) under the same key, in a cache nothing has loaded
    broken = tmp_path / "broken" / good.relative_to(tmp_path / "good")
    broken.parent.mkdir(parents=True)
    broken.write_bytes(good.read_bytes()[:100])
    rebuilt = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path / "broken")
    np.testing.assert_array_equal(rebuilt(x), expected)
    assert broken.read_bytes() == good.read_bytes()
    assert [p.name for p in broken.parent.iterdir()] == [broken.name]  # no temporaries left


def test_cache_off_jit_compiles_the_same_code(tmp_path, monkeypatch):
    module, b, x = _model()
    cached = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.default_cache_dir() is None
    jitted = mopc.compile(module, ctx=b.ctx)
    assert isinstance(jitted.runner, CompiledLLVM)
    np.testing.assert_array_equal(jitted(x), cached(x))


def test_default_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.default_cache_dir() == tmp_path / "mopc"
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "mine"))
    assert cache.default_cache_dir() == tmp_path / "mine"


def test_models_sharing_an_object_keep_their_own_thread_counts(tmp_path):
    module, b, x = _model()
    one = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, threads=1)
    two = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, threads=2)
    assert one.runner.library._handle == two.runner.library._handle  # one dlopen handle
    global_threads = one.runner._threads
    assert global_threads is not None  # the conv is big enough for a parallel loop
    two(x)
    assert global_threads.value == 2
    one(x)
    assert global_threads.value == 1


@pytest.mark.parametrize("value", ["off", "0", "none", ""])
def test_off_values(monkeypatch, value):
    monkeypatch.setenv(cache.CACHE_ENV, value)
    assert cache.default_cache_dir() is None
