"""Counters per kernel launch: bytes per memcpy direction, GDRAM traffic, intrinsic
calls and elements; enough to see what fusing two kernels saves."""

from __future__ import annotations

import numpy as np
import pytest

N = 4096


@pytest.fixture(scope="module")
def lib(sim_library, sim):
    return sim_library([sim.inputs / "fusion.mlu"])


def run(lib, fused: bool) -> dict:
    x = np.random.default_rng(0).standard_normal(N).astype(np.float32)
    out = np.zeros(N, np.float32)
    lib.reset()
    lib.call("run", out, x, N, int(fused))
    np.testing.assert_array_equal(out, np.maximum(x + x, 0))
    return lib.counters()


def test_unfused_launches_are_counted_separately(lib):
    counters = run(lib, fused=False)
    assert counters["arch"] == "mtp_270"
    first, second = counters["launches"]
    assert (first["kernel"], second["kernel"]) == ("add_self", "relu")
    for launch, op in ((first, "__bang_add"), (second, "__bang_active_relu")):
        assert launch["func_type"] == "BLOCK" and launch["dim"] == [4, 1, 1] and launch["tasks"] == 4
        assert launch["failed"] is False
        assert launch["memcpy"] == {"GDRAM2NRAM": {"calls": 16, "bytes": N * 4},
                                    "NRAM2GDRAM": {"calls": 16, "bytes": N * 4}}
        assert launch["gdram"] == {"read_bytes": N * 4, "write_bytes": N * 4}
        assert launch["intrinsics"] == {op: {"calls": 16, "elements": N}}
        assert launch["declared_bytes"] == {"nram": 1024, "wram": 0, "sram": 0}
    assert counters["totals"]["launches"] == 2
    assert counters["totals"]["gdram"] == {"read_bytes": 2 * N * 4, "write_bytes": 2 * N * 4}
    assert counters["host"] == {"HOST2DEV": {"calls": 1, "bytes": N * 4}, "DEV2HOST": {"calls": 1, "bytes": N * 4}}


def test_fusion_halves_the_gdram_traffic(lib):
    unfused = run(lib, fused=False)["totals"]
    fused = run(lib, fused=True)["totals"]
    assert fused["launches"] == 1
    assert fused["gdram"]["read_bytes"] * 2 == unfused["gdram"]["read_bytes"]
    assert fused["gdram"]["write_bytes"] * 2 == unfused["gdram"]["write_bytes"]
    assert fused["intrinsics"] == unfused["intrinsics"]  # the same arithmetic, once through NRAM


def test_reset_clears_the_counters(lib):
    run(lib, fused=True)
    lib.reset()
    counters = lib.counters()
    assert counters["launches"] == [] and counters["host"] == {} and counters["totals"]["launches"] == 0
