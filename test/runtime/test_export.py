"""`CompiledModel.export` and `mopc.runtime.load`: a compiled model written to disk
(`.so` + `.npz` + `.json`) runs again, bit for bit, in a process that cannot import
xDSL or llvmlite; bad exports give clear errors and failed exports leave no files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import mopc
from mopc.core.evaluate import evaluate
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.runtime import BundleError, InputError, load


def _two_output_model():
    """conv -> bn -> relu (big enough for a parallel loop) and a pooled second output."""
    rng = np.random.default_rng(7)
    b = GraphBuilder()
    x = b.input("image", (1, 8, 64, 64))
    w = b.param("conv.weight", (rng.standard_normal((16, 8, 3, 3)) * 0.2).astype(np.float32))
    y = b.add(g.Conv2dOp(x, w, pads=(1, 1, 1, 1)), name="conv")
    bn = [b.param(f"bn.{n}", rng.uniform(0.5, 1.5, 16).astype(np.float32)) for n in ("s", "b", "m", "v")]
    y = b.add(g.ReluOp(b.add(g.BatchNormOp(y, *bn))), name="features")
    pooled = b.add(g.GlobalAvgPoolOp(y), name="pooled")
    module = b.finish(y, pooled)
    image = rng.standard_normal((1, 8, 64, 64)).astype(np.float32)
    return module, b, image


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    module, builder, image = _two_output_model()
    expected = evaluate(module, [image], store=builder.store)
    model = mopc.compile(module, ctx=builder.ctx, threads=2)
    folder = tmp_path_factory.mktemp("export")
    manifest = model.export(str(folder / "net"))
    return model, Path(manifest), image, expected


def test_export_writes_its_files(exported):
    model, manifest, _, _ = exported
    folder = manifest.parent
    assert sorted(p.name for p in folder.iterdir()) == ["net.json", "net.loop.mlir", "net.npz", "net.so"]
    assert (folder / "net.loop.mlir").read_text() == model.loop_ir
    data = json.loads(manifest.read_text())
    assert data["format"] == "mopc-model" and data["version"] == 1 and data["target"] == "llvm"
    assert data["signature"]["inputs"] == [{"name": "image", "shape": [1, 8, 64, 64], "dtype": "float32"}]
    assert [o["shape"] for o in data["signature"]["outputs"]] == [[1, 16, 64, 64], [1, 16, 1, 1]]
    assert data["workspace_bytes"] == model.workspace_bytes
    assert len(data["param_names"]) == len(model.params) > 0


def test_loaded_model_matches_the_compiled_one(exported):
    model, manifest, image, expected = exported
    loaded = load(manifest, threads=2)
    assert loaded.signature == model.signature
    assert loaded.loop_ir == model.loop_ir and loaded.kernel_calls == model.kernel_calls
    for ours, theirs, reference in zip(loaded(image=image), model(image), expected, strict=True):
        np.testing.assert_array_equal(ours, theirs)
        np.testing.assert_allclose(ours, reference, rtol=1e-4, atol=1e-4)
    loaded.threads = 1
    np.testing.assert_array_equal(loaded(image)[0], model(image)[0])


def test_loaded_model_checks_inputs(exported):
    _, manifest, image, _ = exported
    loaded = load(manifest)
    with pytest.raises(InputError, match=r"input #0 \('image'\): expected shape \(1, 8, 64, 64\) float32"):
        loaded(image[:, :4])
    with pytest.raises(InputError, match=r"missing \['image'\]"):
        loaded(x=image)


_NO_COMPILER = """
import sys

class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("xdsl", "llvmlite"):
            raise ImportError(f"{name} is blocked: the runtime must not need it")
        return None

sys.meta_path.insert(0, Blocked())
import numpy as np
import mopc.runtime

model = mopc.runtime.load(sys.argv[1], threads=2)
outputs = model(image=np.load(sys.argv[2]))
np.savez(sys.argv[3], *outputs)
print(model.threads, sorted(m for m in sys.modules if m.startswith(("xdsl", "llvmlite"))))
"""


def test_runtime_runs_without_xdsl_or_llvmlite(exported, tmp_path):
    _, manifest, image, expected = exported
    np.save(tmp_path / "image.npy", image)
    script = tmp_path / "deploy.py"
    script.write_text(textwrap.dedent(_NO_COMPILER))
    result = subprocess.run(
        [sys.executable, str(script), str(manifest), str(tmp_path / "image.npy"), str(tmp_path / "out.npz")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 []"
    with np.load(tmp_path / "out.npz") as out:
        for key, reference in zip(sorted(out.files), expected, strict=True):
            np.testing.assert_allclose(out[key], reference, rtol=1e-4, atol=1e-4)


def test_reexport_of_a_loaded_model(exported, tmp_path):
    _, manifest, image, _ = exported
    loaded = load(manifest)
    again = load(loaded.export(str(tmp_path / "copy")))
    np.testing.assert_array_equal(again(image)[1], loaded(image)[1])


def test_load_errors(tmp_path):
    with pytest.raises(BundleError, match=r"missing\.json: no such exported model"):
        load(tmp_path / "missing")
    (tmp_path / "other.json").write_text('{"format": "onnx"}')
    with pytest.raises(BundleError, match=r"other\.json: not a mopc model manifest"):
        load(tmp_path / "other.json")
    (tmp_path / "future.json").write_text('{"format": "mopc-model", "version": 99}')
    with pytest.raises(BundleError, match=r"manifest version 99 is not supported"):
        load(tmp_path / "future.json")
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(BundleError, match=r"broken\.json: cannot read the manifest"):
        load(tmp_path / "broken.json")


def test_failed_export_leaves_nothing(exported, tmp_path):
    model, _, _, _ = exported

    class FailingRunner:
        def write_shared_object(self, path):
            Path(path).write_bytes(b"partial")
            raise OSError("disk full")

    broken = mopc.runtime.CompiledModel(model.signature, "llvm", FailingRunner(), model.entry,
                                        model.params, model.workspace_bytes)
    with pytest.raises(OSError, match="disk full"):
        broken.export(str(tmp_path / "net"))
    assert list(tmp_path.iterdir()) == []
