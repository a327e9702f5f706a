"""A model from the model cache (an export loaded again) keeps the source its back end
printed: the `.cu` of the CUDA target, the `.mlu` of the BANG target."""

from __future__ import annotations

import numpy as np
import pytest

import mopc
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.runtime.bundle import sidecar


def test_sidecar_of_a_temporary_library_is_the_final_one():
    assert str(sidecar("out/model.so.tmp", ".cu")) == "out/model.cu"
    assert str(sidecar("out/model.so", ".mlu")) == "out/model.mlu"


@pytest.mark.parametrize(("target", "marker"), [("cuda", "__global__"), ("bang", "__mlu_entry__")])
def test_cached_model_keeps_its_source(tmp_path, target, marker):
    b = GraphBuilder()
    x = b.input("x", (2, 8))
    module = b.finish(b.add(g.ReluOp(x)))
    first = mopc.compile(module, target, ctx=b.ctx, cache_dir=tmp_path)
    second = mopc.compile(module, target, ctx=b.ctx, cache_dir=tmp_path)  # a model-cache hit
    assert second.runner is not first.runner
    assert marker in second.runner.source and second.runner.source == first.runner.source
    data = np.linspace(-1, 1, 16, dtype=np.float32).reshape(2, 8)
    np.testing.assert_array_equal(second(data), np.maximum(data, 0))
