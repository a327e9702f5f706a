"""`benchmarks/resnet18_cuda.py` (the GPU table's script) works end to end: here through
the emulation at 32x32, PyTorch's rows where PyTorch is installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parents[3] / "benchmarks" / "resnet18_cuda.py"


def test_resnet18_cuda_benchmark_runs(tmp_path):
    spec = importlib.util.spec_from_file_location("resnet18_cuda", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    lines = script.bench_batch(2, 32, 1, tmp_path)
    assert lines[0].startswith("batch 2: mopc on CUDA C emulated on the CPU"), lines
    assert any(line.strip().startswith("mopc ") for line in lines), lines
    if script._torch() is not None:  # the same weights in PyTorch's ResNet-18
        error = float(lines[-1].rsplit(" ", 1)[1])
        assert error < 1e-4, lines
