"""ResNet-18 (torchvision's architecture, built with onnx.helper, seeded weights) from
ONNX to code for this CPU: the import folds the `view` subgraph, keeps the weights out
of the IR, names every op after its node, and the compiled model matches onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from support.onnx_models import check_against_onnxruntime

from mopc.core.diagnostics import position_of
from mopc.core.io import print_module
from mopc.frontend.onnx import import_model
from mopc.frontend.zoo.resnet_onnx import resnet18_onnx

IMAGE = 64  # the torchvision architecture at a smaller resolution keeps the test quick


@pytest.fixture(scope="module")
def model():
    return resnet18_onnx(batch="N", image=IMAGE, seed=0, flatten="view")


def test_resnet18_imports_to_small_located_ir(model):
    module, ctx = import_model(model, input_shapes={"input": (1, 3, IMAGE, IMAGE)})
    ops = [op for op in module.walk() if op.name.startswith("graph.")]
    kinds = [op.name for op in ops if op.name != "graph.constant"]
    assert kinds.count("graph.conv2d") == 20 and kinds.count("graph.batch_norm") == 20
    assert kinds[-3:] == ["graph.global_avg_pool", "graph.reshape", "graph.gemm"]
    assert len(kinds) == 69  # conv, bn, relu, add, maxpool, avgpool, reshape, gemm
    text = print_module(module, ctx)
    assert len(text) < 32 * 1024 and "dense<" not in text  # every weight is a dense_resource
    assert "dense_resource<layer4.1.bn2.running_var>" in text
    nodes = {position_of(op.location).node for op in ops if op.name != "graph.constant"}
    assert {"conv1", "layer1.0.add", "flatten", "fc"} <= nodes


def test_resnet18_compiled_matches_onnxruntime(model):
    image = np.random.default_rng(0).standard_normal((1, 3, IMAGE, IMAGE)).astype(np.float32)
    fixed = resnet18_onnx(batch=1, image=IMAGE, seed=0, flatten="view")
    check_against_onnxruntime(fixed, {"input": image}, rtol=1e-3, atol=1e-4)
