"""ResNet-18 from the model zoo: small IR, both reference levels agree."""

import numpy as np

from mopc.core.context import make_context, resources_of
from mopc.core.evaluate import evaluate
from mopc.core.io import load_module, save_module
from mopc.core.parsing import parse_module
from mopc.core.verifier import verify_module
from mopc.frontend.zoo.resnet import resnet18
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass


def test_resnet18_ir_is_small_and_round_trips(tmp_path):
    module, ctx = resnet18()
    verify_module(module)
    ops = [op.name for op in module.walk() if op.name.startswith("graph.")]
    assert 60 <= len([n for n in ops if n != "graph.constant"]) <= 80
    save_module(module, ctx, tmp_path / "r18.mlir")
    text = (tmp_path / "r18.mlir").read_text()
    assert len(text) < 64 * 1024, "weights must not be printed inline"
    assert 'mopc.params = "r18.npz"' in text
    again = parse_module(make_context(), text, "r18.mlir")
    verify_module(again)
    assert str(again) == str(parse_module(make_context(), str(again), "x"))


def test_resnet18_graph_and_metaop_levels_agree(tmp_path):
    module, ctx = resnet18(image=32, classes=10, seed=3)
    save_module(module, ctx, tmp_path / "r18.mlir")
    graph_module, graph_ctx = load_module(tmp_path / "r18.mlir")
    lowered, lowered_ctx = load_module(tmp_path / "r18.mlir")
    GraphToMetaopPass().apply(lowered_ctx, lowered)
    verify_module(lowered)
    assert not any(op.name.startswith("graph.") for op in lowered.walk())
    image = np.random.default_rng(0).standard_normal((1, 3, 32, 32)).astype(np.float32)
    (expected,) = evaluate(graph_module, {"input": image}, store=resources_of(graph_ctx))
    (actual,) = evaluate(lowered, {"input": image}, store=resources_of(lowered_ctx))
    assert expected.shape == (1, 10)
    assert np.all(np.isfinite(expected)) and np.std(expected) > 1e-3
    np.testing.assert_allclose(actual, expected, rtol=1e-4, atol=1e-4)
