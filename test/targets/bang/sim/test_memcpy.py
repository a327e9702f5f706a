"""__memcpy in every form and direction the simulator models, on real data, and the
bytes each moves in the counters."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module", params=["mtp_270", "mtp_372"])
def lib(request, sim_library, sim):
    return sim_library([sim.inputs / "memcpy.mlu"], arch=request.param)


def test_strided_gather_and_scatter(lib):
    rows, cols, stride = 12, 20, 33
    data = np.arange(rows * stride, dtype=np.float32)
    out = np.full(rows * stride, -1, np.float32)
    lib.reset()
    lib.call("run_gather_scatter", out, data, rows, cols, stride)
    got, src = out.reshape(rows, stride), data.reshape(rows, stride)
    np.testing.assert_array_equal(got[:, :cols], src[:, :cols])
    assert (got[:, cols:] == -1).all()  # the gaps between segments are untouched
    copies = lib.counters()["launches"][-1]["memcpy"]
    assert copies == {"GDRAM2NRAM": {"calls": 1, "bytes": rows * cols * 4},
                      "NRAM2GDRAM": {"calls": 1, "bytes": rows * cols * 4}}


def test_round_trip_through_every_on_chip_space(lib):
    data = np.random.default_rng(1).standard_normal(256).astype(np.float32)
    out, out2 = np.zeros(256, np.float32), np.zeros(256, np.float32)
    lib.reset()
    lib.call("run_round_trip", out, out2, data)
    np.testing.assert_array_equal(out, data)
    np.testing.assert_array_equal(out2, data)
    copies = lib.counters()["launches"][-1]["memcpy"]
    for direction in ("GDRAM2NRAM", "NRAM2WRAM", "WRAM2NRAM", "NRAM2SRAM", "SRAM2NRAM", "NRAM2NRAM",
                      "NRAM2GDRAM", "GDRAM2GDRAM"):
        assert copies[direction] == {"calls": 4, "bytes": 4 * 1024}, direction


def test_memcpy_nram_to_nram_strided(lib):
    data = np.arange(256, dtype=np.float32)
    out = np.full(256, -1, np.float32)
    lib.call("run_nram_strided", out, data)
    expected = np.zeros(256, np.float32).reshape(32, 8)
    expected[:, :4] = data.reshape(32, 8)[:, :4]
    np.testing.assert_array_equal(out, expected.ravel())


def test_three_d_copies_on_mtp_372(lib):
    data = np.arange(64, dtype=np.float32)
    out = np.zeros(64, np.float32)
    if lib.arch == "mtp_270":
        assert lib.call("run_three_d", out, data) == -1  # the 3-D form is 3xx only
        return
    assert lib.call("run_three_d", out, data) == 0
    # chunk k (8 bytes = one pair of floats): to (k // 8) * 64 + (k % 8) * 8 bytes, i.e. pair k,
    # from (k // 4) * 8 + (k % 4) * 64 bytes, i.e. pair (k % 4) * 8 + k // 4: a 4 x 8 transpose
    pairs = data.reshape(32, 2)
    expected = np.stack([pairs[(k % 4) * 8 + k // 4] for k in range(32)])
    np.testing.assert_array_equal(out.reshape(32, 2), expected)
