"""The importer's interface: `import_model` on files and protos, the function's
argument and result names (ONNX names, whatever characters they hold), and the entry
points that accept `.onnx` models: `mopc.compiler.load` and `mopc.compile`."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import helper
from support.onnx_models import make_model, random_feeds, run_onnxruntime

import mopc
from mopc.compiler import load
from mopc.core.context import make_context, resources_of
from mopc.core.evaluate import evaluate, signature_of
from mopc.core.io import load_module, print_module, save_module
from mopc.core.parsing import parse_module
from mopc.frontend.onnx import import_model

F = np.float32


def awkward_names_model() -> onnx.ModelProto:
    """Names that are no SSA names (`input:0`, `0`), or that xDSL would shorten (`x_1`);
    two outputs, returned in graph order."""
    w = np.random.default_rng(0).standard_normal((4, 4)).astype(F)
    nodes = [
        helper.make_node("MatMul", ["input:0", "onnx::MatMul_7"], ["mm"], name="/fc/MatMul"),
        helper.make_node("Add", ["mm", "x_1"], ["sum:0"], name="/add"),
        helper.make_node("Relu", ["0"], ["relu/out"], name=""),
    ]
    inputs = {"input:0": (2, 4), "x_1": (2, 4), "0": (3,)}
    return make_model(nodes, inputs, ["relu/out", "sum:0"], {"onnx::MatMul_7": w})


def test_onnx_names_are_the_signature():
    module, ctx = import_model(awkward_names_model())
    fn = module.body.block.first_op
    signature = signature_of(fn)
    assert [s.name for s in signature.inputs] == ["input:0", "x_1", "0"]
    assert [s.name for s in signature.outputs] == ["relu/out", "sum:0"]
    text = print_module(module, ctx)
    assert '%input: tensor<2x4xf32> {mopc.name = "input:0"}' in text
    assert 'tensor<3xf32> {mopc.name = "relu/out"}' in text
    assert "dense_resource<onnx__MatMul_7>" in text


def test_names_survive_saving_and_parsing(tmp_path):
    module, ctx = import_model(awkward_names_model())
    save_module(module, ctx, tmp_path / "m.mlir")
    again, again_ctx = load_module(tmp_path / "m.mlir")
    assert signature_of(again.body.block.first_op) == signature_of(module.body.block.first_op)
    feeds = random_feeds(awkward_names_model())
    expected = run_onnxruntime(awkward_names_model(), feeds)
    actual = evaluate(again, feeds, store=resources_of(again_ctx))
    for a, e in zip(actual, expected, strict=True):
        np.testing.assert_allclose(a, e, rtol=1e-5, atol=1e-6)
    text = (tmp_path / "m.mlir").read_text()
    assert str(parse_module(make_context(), text, "m.mlir")) == str(again)


def test_compile_takes_inputs_by_onnx_name_or_position(tmp_path):
    model = awkward_names_model()
    path = tmp_path / "awkward.onnx"
    onnx.save(model, path)
    feeds = random_feeds(model)
    expected = run_onnxruntime(model, feeds)
    compiled = mopc.compile(path)  # a .onnx path goes through the importer
    by_name = compiled(**feeds)
    by_position = compiled(*(feeds[n] for n in ("input:0", "x_1", "0")))
    for got in (by_name, by_position):
        assert isinstance(got, tuple) and len(got) == 2
        for a, e in zip(got, expected, strict=True):
            np.testing.assert_allclose(a, e, rtol=1e-4, atol=1e-5)
    from_proto = mopc.compile(model, input_shapes=None)
    np.testing.assert_allclose(from_proto(**feeds)[1], expected[1], rtol=1e-4, atol=1e-5)


def test_load_accepts_onnx_files_protos_and_input_shapes(tmp_path):
    node = helper.make_node("Relu", ["x"], ["y"], name="relu")
    model = make_model([node], {"x": ("n", 3)}, ["y"])
    path = tmp_path / "relu.onnx"
    onnx.save(model, path)
    for source in (path, str(path), model):
        module, _ = load(source, input_shapes={"x": (5, 3)})
        assert signature_of(module.body.block.first_op).inputs[0].shape == (5, 3)


def test_import_into_a_given_context_keeps_its_weights_apart():
    ctx = make_context()
    first = make_model([helper.make_node("Add", ["x", "w"], ["y"])], {"x": (2,)}, ["y"],
                       {"w": np.array([1.0, 2.0], F)})
    second = make_model([helper.make_node("Mul", ["x", "w"], ["y"])], {"x": (2,)}, ["y"],
                        {"w": np.array([3.0, 4.0], F)})
    m1, _ = import_model(first, ctx=ctx)
    m2, _ = import_model(second, ctx=ctx)
    assert "dense_resource<w_1>" in print_module(m2, ctx)
    x = {"x": np.ones(2, F)}
    (y1,) = evaluate(m1, x, store=resources_of(ctx))
    (y2,) = evaluate(m2, x, store=resources_of(ctx))
    assert y1.tolist() == [2.0, 3.0] and y2.tolist() == [3.0, 4.0]
