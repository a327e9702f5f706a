"""Ops whose meaning or form changed between opsets, imported at each opset against
onnxruntime: Softmax's coerce-to-2-D (before 13) against its single axis (13 on),
attributes that became inputs (Unsqueeze/Squeeze axes, Clip bounds, Reduce axes, Pad
pads, Slice bounds), and models outside 7..22 normalised by onnx's version converter.
"""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import helper
from support.onnx_models import (
    Case,
    check_against_onnxruntime,
    i64,
    make_model,
    random_feeds,
    run_onnxruntime,
)

from mopc.core.context import resources_of
from mopc.core.evaluate import evaluate
from mopc.frontend.onnx import import_model

X3 = (2, 3, 4)
X4 = (2, 3, 4, 5)
F = np.float32

CASES = [
    # Softmax-1/11: softmax over the flattened axes from `axis` on; 13: along `axis` only
    Case("softmax-11-axis1", "Softmax", [("x", X3)], {"axis": 1}, opset=11),
    Case("softmax-11-default", "Softmax", [("x", X3)], opset=11),
    Case("softmax-11-axis0", "Softmax", [("x", X3)], {"axis": 0}, opset=11),
    Case("softmax-11-last", "Softmax", [("x", X3)], {"axis": -1}, opset=11),
    Case("softmax-13-axis1", "Softmax", [("x", X3)], {"axis": 1}, opset=13),
    Case("logsoftmax-11-axis1", "LogSoftmax", [("x", X3)], {"axis": 1}, opset=11),
    Case("logsoftmax-7-default", "LogSoftmax", [("x", X4)], opset=7),
    Case("logsoftmax-13-axis0", "LogSoftmax", [("x", X3)], {"axis": 0}, opset=13),
    # axes: attribute before 13, input from 13
    Case("unsqueeze-11-attr", "Unsqueeze", [("x", (3, 4))], {"axes": [0, 3]}, opset=11),
    Case("unsqueeze-13-input", "Unsqueeze", [("x", (3, 4)), ("axes", i64(0, 3))], opset=13),
    Case("squeeze-11-attr", "Squeeze", [("x", (1, 3, 1))], {"axes": [-1]}, opset=11),
    Case("squeeze-13-input", "Squeeze", [("x", (1, 3, 1)), ("axes", i64(2))], opset=13),
    # Clip: attributes before 11, optional inputs from 11
    Case("clip-6-attrs", "Clip", [("x", X3)], {"min": -0.5, "max": 0.5}, opset=6 + 1),
    Case("clip-7-max-attr", "Clip", [("x", X3)], {"max": 0.25}, opset=7),
    Case("clip-11-inputs", "Clip", [("x", X3), ("lo", np.array(-0.5, F)), ("hi", np.array(0.5, F))], opset=11),
    Case("clip-13-min-input", "Clip", [("x", X3), ("lo", np.array(0.0, F))], opset=13),
    # Reduce*: axes attribute (ReduceSum before 13, others before 18), then an input
    Case("reducesum-11-attr", "ReduceSum", [("x", X4)], {"axes": [1, 2]}, opset=11),
    Case("reducesum-13-input", "ReduceSum", [("x", X4), ("axes", i64(1, 2))], opset=13),
    Case("reducesum-13-noop", "ReduceSum", [("x", X4)], {"noop_with_empty_axes": 1}, opset=13),
    Case("reducemean-13-attr", "ReduceMean", [("x", X4)], {"axes": [-1], "keepdims": 0}, opset=13),
    Case("reducemean-18-input", "ReduceMean", [("x", X4), ("axes", i64(-1))], {"keepdims": 0}, opset=18),
    Case("reducemax-11-all", "ReduceMax", [("x", X4)], opset=11),
    Case("reducemax-18-input", "ReduceMax", [("x", X4), ("axes", i64(0, 3))], opset=18),
    # Pad: attributes before 11, inputs from 11
    Case("pad-7-attrs", "Pad", [("x", X3)], {"pads": [0, 1, 0, 1, 0, 2], "value": -1.0}, opset=7),
    Case("pad-11-inputs", "Pad", [("x", X3), ("p", i64(0, 1, 0, 1, 0, 2)), ("v", np.array(-1.0, F))], opset=11),
    # Slice: attributes before 10, inputs from 10
    Case("slice-9-attrs", "Slice", [("x", X4)], {"starts": [1, -3], "ends": [3, 100], "axes": [1, 3]}, opset=9),
    Case("slice-10-inputs", "Slice", [("x", X4), ("s", i64(1, -3)), ("e", i64(3, 100)), ("a", i64(1, 3))], opset=10),
    # others whose attributes changed
    Case("maxpool-8", "MaxPool", [("x", X4)], {"kernel_shape": [2, 2], "strides": [2, 2]}, opset=8),
    Case("averagepool-7-include-pad", "AveragePool", [("x", X4)],
         {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "count_include_pad": 1}, opset=7),
    Case("dropout-7-ratio-attr", "Dropout", [("x", X3)], {"ratio": 0.5}, opset=7),
    Case("reshape-7", "Reshape", [("x", X4), ("s", i64(-1, 20))], opset=7),
    Case("flatten-9", "Flatten", [("x", X4)], {"axis": 2}, opset=9),
    Case("gemm-7-broadcast-c", "Gemm", [("a", (3, 5)), ("b", (5, 4)), ("c", np.ones((1, 4), F))], opset=7),
    Case("relu-opset-22", "Relu", [("x", X3)], opset=22),
    # newer than 22: converted down by onnx's version converter
    Case("reshape-opset-24", "Reshape", [("x", X4), ("s", i64(0, -1))], opset=24),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_opset_variant(case: Case):
    check_against_onnxruntime(case.model(), low=case.low, high=case.high, compile=False)


@pytest.mark.parametrize("op", ["Softmax", "LogSoftmax"])
def test_softmax_opsets_differ_and_both_are_right(op):
    """The same node at opset 11 and 13 computes different things (coerce-to-2-D over
    axes 1.. against axis 1 alone); each import matches onnxruntime at its own opset."""
    results = {}
    for opset in (11, 13):
        model = Case(f"{op}-{opset}", op, [("x", X3)], {"axis": 1}, opset=opset).model()
        module, ctx = check_against_onnxruntime(model, compile=opset == 11)
        feeds = random_feeds(model, seed=5)
        (results[opset],) = evaluate(module, feeds, store=resources_of(ctx))
    assert np.abs(results[11] - results[13]).max() > 0.05
    # opset 11: the 3x4 block of each batch entry sums to 1; opset 13: each column does
    total = np.exp(results[11]) if op == "LogSoftmax" else results[11]
    np.testing.assert_allclose(total.sum(axis=(1, 2)), 1.0, rtol=1e-5)


def _legacy_model() -> onnx.ModelProto:
    """Opset 6: Add with the legacy `broadcast` attribute, BatchNormalization-6
    and an attribute Pad-2, which onnxruntime no longer runs."""
    rng = np.random.default_rng(0)
    c = 3
    params = {n: rng.uniform(0.5, 1.5, c).astype(F) for n in ("s", "b", "m", "v")}
    params["bias"] = rng.standard_normal((4, 5)).astype(F)
    nodes = [
        helper.make_node("Add", ["x", "bias"], ["a"], name="add", broadcast=1),
        helper.make_node("BatchNormalization", ["a", "s", "b", "m", "v"], ["n"], name="bn", is_test=1),
        helper.make_node("Pad", ["n"], ["y"], name="pad", pads=[0, 0, 1, 0, 0, 0, 0, 2], value=0.5),
    ]
    return make_model(nodes, {"x": X4}, ["y"], params, opset=6)


def test_legacy_opset_is_converted():
    """Below opset 7 the importer runs onnx's version converter (to 13); onnxruntime
    checks the converted model."""
    legacy = _legacy_model()
    converted = onnx.version_converter.convert_version(legacy, 13)
    feeds = random_feeds(legacy)
    (expected,) = run_onnxruntime(converted, feeds)
    module, ctx = import_model(legacy)
    (actual,) = evaluate(module, feeds, store=resources_of(ctx))
    assert actual.shape == expected.shape == (2, 3, 5, 7)
    np.testing.assert_allclose(actual, expected, rtol=1e-5, atol=1e-6)
