"""The printed CUDA C on a real NVIDIA GPU (nvcc for its architecture, ctypes): every
graph op case, the fused chains and ResNet-18 at 224x224, against the NumPy evaluator.

Skipped without a GPU (CI has none); `test_emulation.py` checks the same CUDA C on the
CPU everywhere. On a machine with one: `pytest test/targets/cuda/test_gpu.py -n 16`.
"""

from __future__ import annotations

import numpy as np
import pytest
from support.graph_cases import CHAIN_CASES, GRAPH_CASES, GraphCase
from support.tolerance import check

import mopc
from mopc.core.evaluate import evaluate

pytestmark = pytest.mark.gpu


@pytest.mark.parametrize("case", [*GRAPH_CASES, *CHAIN_CASES], ids=lambda c: c.id)
def test_case_on_gpu(case: GraphCase):
    module, builder, arrays = case.module()
    expected = evaluate(module, arrays, store=builder.store)
    model = mopc.compile(module, "cuda", ctx=builder.ctx)
    assert model.runner.device == "gpu"
    out = model(*arrays)
    for actual, reference in zip(out if isinstance(out, tuple) else (out,), expected, strict=True):
        check(actual, reference)


@pytest.mark.parametrize("batch", [1, 4])
def test_resnet18_on_gpu(batch: int):
    from mopc.core.context import resources_of
    from mopc.frontend.zoo.resnet import resnet18

    module, ctx = resnet18(batch=batch, seed=5)
    x = np.random.default_rng(1).standard_normal((batch, 3, 224, 224)).astype(np.float32)
    (expected,) = evaluate(module, [x], store=resources_of(ctx))
    model = mopc.compile(module, "cuda", ctx=ctx)
    assert model.runner.device == "gpu"
    check(model(x), expected)
    assert "__shared__ float" in model.runner.source
