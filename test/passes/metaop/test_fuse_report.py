"""The fusion report's options and JSON schema, and mopc-opt's --fusion-report on
nested pipelines."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mopc.core.diagnostics import DiagnosticError
from mopc.core.pipeline import NestedStep, PassStep, iter_passes, parse_pipeline
from mopc.core.registry import all_passes
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass
from mopc.passes.metaop.fuse import MetaopFusePass
from mopc.tools.mopc_opt import _with_option


def _lowered_softmax():
    b = GraphBuilder()
    x = b.input("x", (2, 5))
    y = b.add(g.ExpOp(b.add(g.SoftmaxOp(x, 1), name="prob")), name="exp")
    module = b.finish(y, b.add(g.ReluOp(x), name="relu"))
    GraphToMetaopPass().apply(b.ctx, module)
    return b.ctx, module


def test_report_must_be_text_or_json():
    with pytest.raises(ValueError, match="report must be 'text' or 'json'"):
        MetaopFusePass(report="xml")


def test_unwritable_report_file_is_a_diagnostic(tmp_path):
    ctx, module = _lowered_softmax()
    with pytest.raises(DiagnosticError, match="cannot write the fusion report"):
        MetaopFusePass(report="json", report_file=str(tmp_path / "missing" / "r.json")).apply(ctx, module)


def test_json_report_follows_the_documented_schema(tmp_path):
    ctx, module = _lowered_softmax()
    path = tmp_path / "report.json"
    MetaopFusePass(report="json", report_file=str(path)).apply(ctx, module)
    report = json.loads(path.read_text())
    assert set(report) == {"version", "kernels", "unfused"} and report["version"] == 1
    for kernel in report["kernels"]:
        assert set(kernel) == {"name", "function", "ops", "locations", "inputs", "outputs"}
        assert kernel["function"] == "main"
        assert all(isinstance(op, str) and op.startswith("metaop.") for op in kernel["ops"])
        assert isinstance(kernel["inputs"], int) and isinstance(kernel["outputs"], int)
    names = [k["name"] for k in report["kernels"]]
    assert [n.split("_")[0] for n in names] == [f"k{i}" for i in range(len(names))]
    # the relu reads x over the max reduction's domain: a sibling, fused horizontally
    assert [k["locations"] for k in report["kernels"]] == [["prob", "relu"], ["prob"], ["prob", "exp"]]
    for edge in report["unfused"]:
        assert set(edge) == {"producer", "consumer", "reason"}
        for end in (edge["producer"], edge["consumer"]):
            assert set(end) == {"op", "location", "kernels"}
            assert set(end["kernels"]) <= set(names)
    reasons = {(e["producer"]["op"], e["consumer"]["op"]): e["reason"] for e in report["unfused"]}
    assert reasons[("metaop.unary exp", "metaop.binary div")] == "fusing would create a cycle"
    assert reasons[("metaop.binary max", "func.return")] == "value is a function result"


def test_no_report_unless_asked(capsys):
    ctx, module = _lowered_softmax()
    MetaopFusePass().apply(ctx, module)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("pipeline", [
    "graph-to-metaop,metaop-fuse",
    "builtin.module(graph-to-metaop,func.func(cse),metaop-fuse,metaop-fuse{report=text})",
    "any(metaop-fuse),cse",
])
def test_fusion_report_flag_reaches_every_instance(pipeline):
    steps = _with_option(parse_pipeline(pipeline, all_passes()), "metaop-fuse", report="json")
    fuses = [s.instance for s in iter_passes(steps) if s.name == "metaop-fuse"]
    assert fuses and all(f.report == "json" for f in fuses)
    others = [s for s in iter_passes(steps) if s.name != "metaop-fuse"]
    assert all(not hasattr(s.instance, "report") for s in others)
    assert all(isinstance(s, PassStep | NestedStep) for s in steps)


def test_fused_result_does_not_depend_on_the_report(capsys):
    from mopc.core.evaluate import evaluate

    x = np.random.default_rng(0).uniform(-2, 2, (2, 5)).astype(np.float32)
    results = []
    for report in ("", "text"):
        ctx, module = _lowered_softmax()
        MetaopFusePass(report=report).apply(ctx, module)
        results.append(evaluate(module, [x]))
    for a, b in zip(*results, strict=True):
        np.testing.assert_array_equal(a, b)
