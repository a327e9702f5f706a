"""The suite's `real` models (alexnet, densenet121, inception_v1/v2, resnet50,
shufflenet, squeezenet, vgg19, zfnet512) with seeded random weights, compiled for this
CPU through mopc's ONNX backend and compared with onnxruntime (rtol 1e-3, atol 1e-4)
on their output and logits. Compiling all nine takes minutes, so they carry the
`real_models` marker: the default run skips them and `make test` runs them in a step
of their own (`pytest -m real_models`). The randomization itself is checked always."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import numpy_helper

from mopc.frontend.onnx.backend import MopcBackend
from mopc.frontend.onnx.conformance.real_models import (
    REAL_MODELS,
    data_input,
    load_light,
    model_input,
    numeric_case,
    randomized,
    reference,
)

RTOL, ATOL = 1e-3, 1e-4


def test_randomized_weights_have_a_sensible_scale():
    light = load_light("squeezenet")
    model = randomized(light, seed=0)
    assert not any(n.op_type == "ConstantOfShape" for n in model.graph.node)
    weights = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    w = weights["conv1_w_0"]  # [64, 3, 3, 3]: He-normal, std sqrt(2 / 27)
    assert w.shape == (64, 3, 3, 3)
    assert abs(w.std() - np.sqrt(2 / 27)) < 0.03
    assert randomized(light, seed=0).SerializeToString() == model.SerializeToString()
    assert [o.name for o in model.graph.output] == ["softmaxout_1", "r65"]  # + logits
    probabilities, logits = reference(model, model_input(model))
    assert np.isfinite(logits).all() and 0.1 < logits.std() < 100  # neither vanishing nor exploding
    assert probabilities.max() < 0.99  # not saturated: the comparison sees every class


def test_calibrated_batch_norms_keep_a_deep_residual_network_in_range():
    raw = randomized(load_light("shufflenet"), seed=0)
    x = model_input(raw)
    assert np.abs(reference(raw, x)[1]).max() > 1e5  # random statistics: activations explode
    model, x = numeric_case("shufflenet")
    _, logits = reference(model, x)
    assert np.isfinite(logits).all() and 0.1 < logits.std() < 100


@pytest.mark.real_models
@pytest.mark.parametrize("name", REAL_MODELS)
def test_real_model_matches_onnxruntime(name):
    model, x = numeric_case(name, seed=0)
    expected = reference(model, x)
    actual = MopcBackend.prepare(model).run({data_input(model).name: x})
    assert len(actual) == len(expected)
    for output, a, e in zip(model.graph.output, actual, expected, strict=True):
        assert a.shape == e.shape and a.dtype == e.dtype, output.name
        np.testing.assert_allclose(a, e, rtol=RTOL, atol=ATOL, err_msg=f"{name}: {output.name}")
