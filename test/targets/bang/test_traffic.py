"""Fusion on the MLU, measured by the simulator's counters: a ResNet basic block
compiled with fusion moves less data between GDRAM and NRAM and launches fewer
kernels than with one kernel per graph op, and both match the reference
(`python -m mopc.targets.bang.traffic` prints the table of docs/bang.md)."""

from __future__ import annotations

import numpy as np

from mopc.targets.bang.traffic import basic_block, measure


def test_fusion_cuts_gdram_traffic():
    module, ctx, store = basic_block(channels=4, size=20)
    rng = np.random.default_rng(0)
    inputs = [rng.standard_normal((1, 3, 20, 20)).astype(np.float32),
              rng.standard_normal((1, 4, 20, 20)).astype(np.float32)]
    fused = measure(module, ctx, store, "mtp_270", True, inputs)
    unfused = measure(module, ctx, store, "mtp_270", False, inputs)
    assert fused["max_error"] < 1e-4 and unfused["max_error"] < 1e-4
    assert fused["kernels"] == 2 and unfused["kernels"] == 7  # conv+bn+relu, conv+bn+add+relu
    assert fused["NRAM2GDRAM"] < unfused["NRAM2GDRAM"]
    assert fused["gdram"] < unfused["gdram"]
    block_bytes = 4 * 20 * 20 * 4
    # every kernel writes its output once: 2 tensors fused, 7 unfused
    assert fused["NRAM2GDRAM"] == 2 * block_bytes
    assert unfused["NRAM2GDRAM"] == 7 * block_bytes
