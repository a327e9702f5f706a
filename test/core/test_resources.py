"""Model parameters: `dense_resource` handles resolved through a context's
`ResourceStore`, saved to and loaded from an `.npz` sidecar (`mopc.params`, relative to
the IR file) or inline MLIR blobs."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects.builtin import DenseResourceAttr

from mopc.core.context import make_context, resources_of
from mopc.core.diagnostics import DiagnosticError
from mopc.core.evaluate import evaluate
from mopc.core.io import load_module, save_module
from mopc.core.parsing import parse_module
from mopc.core.resources import PARAMS_ATTR, ResourceError
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder

RNG = np.random.default_rng(31)
W = RNG.standard_normal((4, 3, 3, 3)).astype(np.float32)
BIAS = RNG.standard_normal(4).astype(np.float32)
SCALE = np.asarray(0.5, np.float32)
X = RNG.standard_normal((1, 3, 5, 5)).astype(np.float32)


def build():
    """conv(x, W) + bias, times a rank-0 parameter."""
    b = GraphBuilder()
    x = b.input("x", X.shape)
    y = b.add(g.Conv2dOp(x, b.param("conv.weight", W), b.param("conv.bias", BIAS), pads=(1, 1, 1, 1)))
    y = b.add(g.MulOp(y, b.param("scale", SCALE)))
    return b, b.finish(y)


def expected() -> np.ndarray:
    b, module = build()
    return evaluate(module, [X], store=b.store)[0]


def handles(module) -> list[str]:
    found = []
    for op in module.walk():
        for attr in op.properties.values():
            if isinstance(attr, DenseResourceAttr):
                found.append(attr.resource_handle.data)
    return sorted(found)


def test_independent_oracle_for_the_builder_model():
    """The model itself is right (numpy's own conv), so round trips compare to truth."""
    ref = expected()
    pad = np.pad(X, ((0, 0), (0, 0), (1, 1), (1, 1))).astype(np.float64)
    direct = np.zeros((1, 4, 5, 5))
    for i in range(5):
        for j in range(5):
            direct[0, :, i, j] = np.tensordot(W, pad[0, :, i:i + 3, j:j + 3], axes=3)
    direct = (direct + BIAS[None, :, None, None]) * 0.5
    np.testing.assert_allclose(ref, direct, rtol=1e-5, atol=1e-6)


def test_save_external_npz_and_load(tmp_path):
    b, module = build()
    path = tmp_path / "model.mlir"
    save_module(module, b.ctx, path)

    text = path.read_text()
    assert f'{PARAMS_ATTR} = "model.npz"' in text
    assert "dialect_resources" not in text, "weights must stay out of the IR text"
    assert "dense_resource<conv.weight>" in text
    with np.load(tmp_path / "model.npz") as archive:
        assert sorted(archive.files) == ["conv.bias", "conv.weight", "scale"]
        np.testing.assert_array_equal(archive["conv.weight"], W)
        assert archive["scale"].shape == ()

    loaded, ctx = load_module(path)
    assert handles(loaded) == ["conv.bias", "conv.weight", "scale"]
    (y,) = evaluate(loaded, [X], store=resources_of(ctx))
    np.testing.assert_array_equal(y, expected())


def test_params_path_is_relative_to_the_ir_file(tmp_path, monkeypatch):
    b, module = build()
    (tmp_path / "ir").mkdir()
    (tmp_path / "weights").mkdir()
    path = tmp_path / "ir" / "net.mlir"
    save_module(module, b.ctx, path, params_path=tmp_path / "weights" / "net-params.npz")
    rel = os.path.join("..", "weights", "net-params.npz")
    assert f'{PARAMS_ATTR} = "{rel}"' in path.read_text()

    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the path must not be resolved against the cwd
    loaded, ctx = load_module(path)
    (y,) = evaluate(loaded, [X], store=resources_of(ctx))
    np.testing.assert_array_equal(y, expected())


def test_embed_params_inline_blobs(tmp_path):
    b, module = build()
    path = tmp_path / "model.mlir"
    save_module(module, b.ctx, path, embed_params=True)

    text = path.read_text()
    assert "dialect_resources" in text and PARAMS_ATTR not in text
    assert not (tmp_path / "model.npz").exists()
    blob = "0x04000000" + W.astype("<f4").tobytes().hex().upper()
    assert blob in text

    loaded, ctx = load_module(path)
    (y,) = evaluate(loaded, [X], store=resources_of(ctx))
    np.testing.assert_array_equal(y, expected())


def test_embed_after_external_drops_the_params_attribute(tmp_path):
    b, module = build()
    save_module(module, b.ctx, tmp_path / "a.mlir")
    save_module(module, b.ctx, tmp_path / "b.mlir", embed_params=True)
    assert PARAMS_ATTR not in (tmp_path / "b.mlir").read_text()
    loaded, ctx = load_module(tmp_path / "b.mlir")
    np.testing.assert_array_equal(evaluate(loaded, [X], store=resources_of(ctx))[0], expected())


@pytest.mark.parametrize("embed", [False, True], ids=["npz", "inline"])
def test_parsing_the_same_file_twice_keeps_handle_names(tmp_path, embed):
    b, module = build()
    path = tmp_path / "model.mlir"
    save_module(module, b.ctx, path, embed_params=embed)
    first, ctx1 = load_module(path)
    second, ctx2 = load_module(path)
    assert handles(first) == handles(second) == ["conv.bias", "conv.weight", "scale"]
    for m, ctx in ((first, ctx1), (second, ctx2)):
        np.testing.assert_array_equal(evaluate(m, [X], store=resources_of(ctx))[0], expected())


def test_parsing_twice_into_one_context_keeps_handle_names(tmp_path):
    b, module = build()
    path = tmp_path / "model.mlir"
    save_module(module, b.ctx, path, embed_params=True)
    ctx = make_context()
    text = path.read_text()
    m1 = parse_module(ctx, text, str(path))
    m2 = parse_module(ctx, text, str(path))
    assert handles(m1) == handles(m2) == ["conv.bias", "conv.weight", "scale"]
    np.testing.assert_array_equal(evaluate(m2, [X], store=resources_of(ctx))[0], expected())


def test_contexts_do_not_share_parameters():
    b, module = build()
    other = make_context()
    assert not resources_of(other).contains("conv.weight")
    with pytest.raises(ResourceError, match="conv.weight|scale|conv.bias"):
        evaluate(module, [X], store=resources_of(other))


# -- errors ----------------------------------------------------------------------------------

ONE_PARAM = """
builtin.module {attrs} {{
  func.func @main() -> tensor<2x3xf32> {{
    %w = graph.constant dense_resource<fc.weight> : tensor<2x3xf32>
    func.return %w : tensor<2x3xf32>
  }}
}}
"""


def write_ir(tmp_path: Path, npz: str | None) -> Path:
    attrs = f'attributes {{{PARAMS_ATTR} = "{npz}"}}' if npz else ""
    path = tmp_path / "m.mlir"
    path.write_text(ONE_PARAM.format(attrs=attrs))
    return path


def test_missing_parameter_without_params_file(tmp_path):
    module, ctx = load_module(write_ir(tmp_path, None))
    with pytest.raises(ResourceError, match=r"no data for resource 'fc.weight'.*mopc.params"):
        evaluate(module, [], store=resources_of(ctx))


def test_missing_parameter_in_params_file(tmp_path):
    np.savez(tmp_path / "p.npz", **{"fc.bias": np.zeros(2, np.float32)})
    module, ctx = load_module(write_ir(tmp_path, "p.npz"))
    with pytest.raises(ResourceError, match=r"no data for resource 'fc.weight'"):
        evaluate(module, [], store=resources_of(ctx))


def test_missing_params_file_is_a_located_error(tmp_path):
    with pytest.raises(DiagnosticError, match=r"cannot read parameter file .*absent.npz"):
        load_module(write_ir(tmp_path, "absent.npz"))


def test_corrupt_params_file(tmp_path):
    (tmp_path / "bad.npz").write_bytes(b"not a zip archive")
    with pytest.raises(DiagnosticError, match=r"cannot read parameter file"):
        load_module(write_ir(tmp_path, "bad.npz"))


@pytest.mark.parametrize(
    "array,message",
    [
        (np.zeros((2, 3), np.float64), r"'fc.weight' holds float64 data but the IR declares float32"),
        (np.zeros((2, 3), np.int32), r"'fc.weight' holds int32 data but the IR declares float32"),
        (np.zeros((3, 3), np.float32), r"'fc.weight' holds 9 elements \(3, 3\).*declares shape \(2, 3\)"),
        (np.zeros((6,), np.float32), r"'fc.weight' holds 6 elements \(6,\).*declares shape \(2, 3\)"),
        (np.zeros((3, 2), np.float32), r"'fc.weight' holds 6 elements \(3, 2\).*declares shape \(2, 3\)"),
    ],
    ids=["f64", "i32", "more_elements", "flat", "transposed"],
)
def test_npz_data_must_match_the_ir_type(tmp_path, array, message):
    np.savez(tmp_path / "p.npz", **{"fc.weight": array})
    module, ctx = load_module(write_ir(tmp_path, "p.npz"))
    with pytest.raises(ResourceError, match=message):
        evaluate(module, [], store=resources_of(ctx))


def test_matching_npz_data_is_used(tmp_path):
    w = np.arange(6, dtype=np.float32).reshape(2, 3)
    np.savez(tmp_path / "p.npz", **{"fc.weight": w})
    module, ctx = load_module(write_ir(tmp_path, "p.npz"))
    (y,) = evaluate(module, [], store=resources_of(ctx))
    np.testing.assert_array_equal(y, w)


def test_inline_blob_of_the_wrong_size(tmp_path):
    blob = "0x04000000" + np.zeros(5, "<f4").tobytes().hex()
    text = ONE_PARAM.format(attrs="") + (
        f'{{-#\n  dialect_resources: {{\n    builtin: {{\n      fc.weight: "{blob}"\n    }}\n  }}\n#-}}\n'
    )
    ctx = make_context()
    module = parse_module(ctx, text)
    with pytest.raises(ResourceError, match=r"'fc.weight' holds 5 elements.*declares shape \(2, 3\)"):
        evaluate(module, [], store=resources_of(ctx))


def test_store_without_context_is_an_error_for_resources():
    _, module = build()
    with pytest.raises(ValueError, match="needs a resource store"):
        evaluate(module, [X])
