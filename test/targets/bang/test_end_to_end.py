"""`mopc.compile(..., target="bang")` on the simulator against the NumPy evaluator.

Every graph op (one or more variants of each: test/support/graph_cases.py) and the
fused chains run through the whole pipeline (bang-schedule, metaop-to-loop,
loop-to-bang, the BANG C printer, the simulator's g++ build) on mtp_270, a subset on
mtp_372; shapes that are not multiples of 64 (37, 3x3, 7x9 ...) exercise the padded
tails. `MOPC_BANG_ALL_CASES=1` runs every variant of every op on both (all 240 pass;
a few minutes cold).
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from support.graph_cases import CHAIN_CASES, GRAPH_CASES

from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.targets.bang.runner import BangError

from .conftest import check, compile_cases, run_and_compare

ALL = os.environ.get("MOPC_BANG_ALL_CASES") == "1"


def _family(case_id: str) -> str:
    return case_id.split("-")[0]


def _subset(cases, per_family: int):
    """The first `per_family` variants of each op (every unary op, every chain)."""
    if ALL:
        return list(cases)
    seen: dict[str, int] = {}
    chosen = []
    for case in cases:
        family = _family(case.id)
        if seen.get(family, 0) < per_family:
            seen[family] = seen.get(family, 0) + 1
            chosen.append(case)
    return chosen


CASES_270 = _subset(GRAPH_CASES, 2) + list(CHAIN_CASES)
CASES_372 = _subset(GRAPH_CASES, 1) + list(CHAIN_CASES)


@pytest.fixture(scope="module")
def compiled_270():
    return compile_cases(CASES_270, "mtp_270")


@pytest.fixture(scope="module")
def compiled_372():
    return compile_cases(CASES_372, "mtp_372")


@pytest.mark.parametrize("case_id", [c.id for c in CASES_270])
def test_mtp_270(compiled_270, case_id: str):
    run_and_compare(compiled_270, case_id)


@pytest.mark.parametrize("case_id", [c.id for c in CASES_372])
def test_mtp_372(compiled_372, case_id: str):
    run_and_compare(compiled_372, case_id)


# -- tensors larger than NRAM: tiled into chunks ----------------------------------------


def _big_chain():
    """relu(x * w + b) over 2x3x20x2100 (1 MB per tensor, with a 1x3x1x1 broadcast),
    then a sum over the last axis: rows longer than a 1024-float chunk, and a model
    whose tensors together exceed NRAM."""
    rng = np.random.default_rng(3)
    b = GraphBuilder()
    x = b.input("x", (2, 3, 20, 2100))
    w = b.param("w", rng.standard_normal((1, 3, 1, 1)).astype(np.float32))
    y = b.add(g.ReluOp(b.add(g.AddOp(b.add(g.MulOp(x, w)), x))))
    z = b.add(g.ReduceSumOp(y, [3], False))
    return b.finish(y, z), b, [rng.standard_normal((2, 3, 20, 2100)).astype(np.float32)]


@pytest.mark.parametrize("arch", ["mtp_270", "mtp_372"])
def test_tensors_larger_than_nram_are_tiled(arch: str):
    from mopc.core.evaluate import evaluate
    from mopc.targets.bang.backend import compile_model
    from mopc.targets.bang.target_info import target_info

    module, b, arrays = _big_chain()
    expected = evaluate(module, arrays, store=b.store)
    assert arrays[0].nbytes > target_info(arch).spec.nram_bytes
    model = compile_model(module, ctx=b.ctx, arch=arch)
    assert f"vector = [3, {target_info(arch).max_lanes}]" in model.loop_ir  # 2100 > one chunk
    model.runner.reset_counters()
    for actual, reference in zip(model(*arrays), expected, strict=True):
        check(actual, reference)
    traffic = model.runner.counters()["totals"]["memcpy"]
    assert traffic["GDRAM2NRAM"]["bytes"] >= arrays[0].nbytes  # every element staged through NRAM
    assert traffic["NRAM2GDRAM"]["bytes"] >= arrays[0].nbytes


def test_a_simulator_violation_is_an_error():
    """What the simulator refuses surfaces as a BangError naming the rule."""
    from mopc.targets.bang.runner import build_runner

    source = """#include <bang.h>
#include <cnrt.h>
__mlu_entry__ void k(float *x) { __nram__ float b[64]; __bang_write_zero(b, 10); }
extern "C" int mopc_main(float *x) {
  cnrtQueue_t q; cnrtCreateQueue(&q); float *d; cnrtMalloc((void **)&d, 4);
  cnrtDim3_t dim = {1, 1, 1}; k<<<dim, CNRT_FUNC_TYPE_BLOCK, q>>>(d); cnrtSyncQueue(q); return 0; }
"""
    runner = build_runner(source, "mtp_270")
    with pytest.raises(BangError, match="not a multiple of 128 on mtp_270"):
        runner.call("main", [np.zeros(1, np.float32)])


@pytest.mark.real_models
def test_resnet18_small_image_on_the_simulator():
    """ResNet-18 whole (32x32, 10 classes) through the BANG C target on mtp_270 (a
    minute of compiling: run by `make test` in the real-models step)."""
    from mopc.core.context import resources_of
    from mopc.core.evaluate import evaluate
    from mopc.frontend.zoo.resnet import resnet18
    from mopc.targets.bang.backend import compile_model

    module, ctx = resnet18(image=32, classes=10, seed=5)
    x = np.random.default_rng(1).standard_normal((1, 3, 32, 32)).astype(np.float32)
    (expected,) = evaluate(module, [x], store=resources_of(ctx))
    out = compile_model(module, ctx=ctx, arch="mtp_270")(x)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=2e-5 * float(np.max(np.abs(expected))))
