"""`CompiledModel.profile`: every kernel call of the entry replayed and timed on its
own, in call order, for a compiled model and for one loaded from an export."""

from __future__ import annotations

import numpy as np

import mopc
import mopc.runtime
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder


def _model():
    rng = np.random.default_rng(5)
    b = GraphBuilder()
    x = b.input("x", (1, 4, 16, 16))
    w = b.param("w", rng.standard_normal((8, 4, 3, 3)).astype(np.float32))
    y = b.add(g.ReluOp(b.add(g.Conv2dOp(x, w, pads=(1, 1, 1, 1)))))
    y = b.add(g.MaxPool2dOp(y, kernel=(2, 2), strides=(2, 2)))
    y = b.add(g.SoftmaxOp(b.add(g.FlattenOp(y, 1)), 1))
    return b.finish(y), b, rng.standard_normal((1, 4, 16, 16)).astype(np.float32)


def test_profile_times_every_kernel_call_in_order(tmp_path):
    module, b, x = _model()
    model = mopc.compile(module, ctx=b.ctx)
    called = [line.split("@")[1].split("(")[0] for line in model.loop_ir.splitlines()
              if "func.call @" in line]
    times = model.profile(x, repeat=3)
    assert [t.kernel for t in times] == called and len(called) >= 3
    assert all(t.seconds > 0 for t in times)
    assert abs(sum(t.share for t in times) - 1.0) < 1e-9
    expected = model(x)
    model.profile(x=x, repeat=1)  # replaying kernels leaves the model working
    np.testing.assert_array_equal(model(x), expected)

    loaded = mopc.runtime.load(model.export(str(tmp_path / "net")))
    assert [t.kernel for t in loaded.profile(x, repeat=1)] == called
