"""The two caches behind `mopc.compile`.

The code cache (targets/llvm/cache.py): the same loop IR loads the stored `.so`
instead of compiling; other IR, CPU settings or lowering source give other keys;
broken entries are rebuilt; `MOPC_CACHE_DIR=off` JIT-compiles, with bit-identical
results. The model cache (compiler/model_cache.py): the same model, weights and
pipeline load the whole compiled model; other weights miss; a fusion report or
`cache=False` compiles anew.
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


def _loop_level(module, b):
    """The loop-level module and its text, as `mopc.compile` hands them to the code cache."""
    from mopc.compiler import pipelines, run_pipeline
    from mopc.core.io import print_module

    lowered = module.clone()
    run_pipeline(lowered, b.ctx, pipelines.TO_LOOP)
    return lowered, print_module(lowered, b.ctx)


def test_same_loop_ir_loads_the_cached_object(tmp_path):
    module, b, _ = _model()
    lowered, text = _loop_level(module, b)
    first = cache.compile_cached(lowered, text, b.ctx, cache_dir=tmp_path)
    (entry,) = (tmp_path / "llvm").rglob("*.so")
    stamp = entry.stat().st_mtime_ns
    second = cache.compile_cached(lowered, text, b.ctx, cache_dir=tmp_path)
    assert isinstance(first, SharedObject) and isinstance(second, SharedObject)
    assert second.path == str(entry) and entry.stat().st_mtime_ns == stamp  # loaded, not rebuilt


def test_second_compile_loads_the_whole_model(tmp_path):
    module, b, x = _model()
    first = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    second = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    (manifest,) = (tmp_path / "models").rglob("model.json")
    assert second.runner.path == str(manifest.with_suffix(".so"))
    assert second.loop_ir == first.loop_ir and second.kernel_calls == first.kernel_calls
    np.testing.assert_array_equal(first(x), second(x))


def test_other_weights_miss_the_model_cache(tmp_path):
    module, b, x = _model()
    mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    (name,) = [k for k in b.store.keys() if k == "w"]
    b.store.add(name, b.store.get(name) * 2)  # same IR text, other weights
    doubled = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    assert len(list((tmp_path / "models").rglob("model.json"))) == 2
    assert len(_entries(tmp_path)) == 1  # the code is shared: weights are arguments
    reference = mopc.compile(module, ctx=b.ctx, cache=False)
    np.testing.assert_array_equal(doubled(x), reference(x))


def test_fusion_report_and_no_cache_compile_anew(tmp_path):
    module, b, _ = _model()
    mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)
    report = tmp_path / "report.txt"
    mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, fusion_report="text", fusion_report_file=str(report))
    assert "fusion report: " in report.read_text()
    uncached = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, cache=False)
    assert isinstance(uncached.runner, CompiledLLVM)


def test_model_cache_evicts_least_recently_used_entries(tmp_path, monkeypatch):
    import os

    from mopc.compiler.model_cache import ModelCache

    root = tmp_path / "models" / "ab"
    sizes = {"old": 3000, "used": 3000, "new": 3000}
    for age, (name, size) in enumerate(sizes.items()):
        entry = root / name
        entry.mkdir(parents=True)
        (entry / "model.so").write_bytes(b"x" * size)
        (entry / "model.json").write_text("{}")
        os.utime(entry / "model.json", (1000 + age, 1000 + age))
    os.utime(root / "used" / "model.json", (5000, 5000))  # a hit refreshed it
    ModelCache(tmp_path).evict(root, 6100)
    assert sorted(p.name for p in root.iterdir()) == ["new", "used"]
    monkeypatch.setenv("MOPC_CACHE_MAX_MB", "0")
    module, b, _ = _model()
    mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path)  # stores, then cleans its subfolder
    stored = [p for p in (tmp_path / "models").rglob("model.json") if p.parent.parent != root]
    assert not stored


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
    two = mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, threads=2)  # from the model cache
    assert one.runner.path != two.runner.path
    three = cache.SharedObject(two.runner.path)
    assert three.library._handle == two.runner.library._handle  # one dlopen handle
    global_threads = two.runner._threads
    assert global_threads is not None  # the conv is big enough for a parallel loop
    three.set_threads(1)
    two(x)
    assert global_threads.value == 2
    three.call("main", [x, np.empty_like(two(x)), *two.params, two._workspace])
    assert global_threads.value == 1
    assert one.threads == 1


@pytest.mark.parametrize("value", ["off", "0", "none", ""])
def test_off_values(monkeypatch, value):
    monkeypatch.setenv(cache.CACHE_ENV, value)
    assert cache.default_cache_dir() is None
