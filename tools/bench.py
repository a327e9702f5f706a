"""`mopc bench MODEL`: latency of the compiled model, against onnxruntime in the same run.

    mopc bench resnet18.onnx --threads 1 2 --repeat 50
    mopc bench model.mlir --threads 2           # no peer for .mlir: mopc alone

Inputs are seeded random arrays shaped by the model's signature. For an ONNX model,
onnxruntime (when installed) runs the same file with the same inputs and thread count;
the two must agree before anything is timed. Each row gives min / median / max over
`--repeat` runs after `--warmup` runs, the median ratio, and GFLOP/s (FLOPs counted as
`mopc inspect` does).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("bench", help="time a compiled model (and onnxruntime on .onnx models)")
    parser.add_argument("model", help="a .mlir file or a .onnx model")
    parser.add_argument("--threads", type=int, nargs="+", help="thread counts to time (default: 1 and every core)")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per row")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-ort", action="store_true", help="do not run onnxruntime")
    return parser


@dataclass(frozen=True)
class Timing:
    min: float
    median: float
    max: float

    @staticmethod
    def of(run: Callable[[], object], repeat: int, warmup: int) -> Timing:
        for _ in range(warmup):
            run()
        times = []
        for _ in range(max(repeat, 1)):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return Timing.of_samples(times)

    @staticmethod
    def of_samples(times: Sequence[float]) -> Timing:
        """Of seconds timed elsewhere (runs alternating between two models)."""
        return Timing(min(times), statistics.median(times), max(times))

    def __str__(self) -> str:
        return f"{self.min * 1e3:8.2f} {self.median * 1e3:8.2f} {self.max * 1e3:8.2f}"


def _ort_session(model: str, threads: int):
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _flops(module, ctx) -> int:
    from mopc.compiler import pipelines, run_pipeline
    from mopc.compiler.model_stats import metaop_flops

    lowered = module.clone()
    run_pipeline(lowered, ctx, pipelines.GRAPH_TO_METAOP)
    return metaop_flops(lowered).total


def main(args: argparse.Namespace, input_shapes=None) -> int:
    import mopc
    from mopc.compiler import load
    from mopc.targets.llvm.shared_object import default_threads

    module, ctx = load(args.model, input_shapes=input_shapes)  # once: compile leaves it as is
    compiled = mopc.compile(module, args.target, ctx=ctx, cache=not args.no_cache)
    rng = np.random.default_rng(args.seed)
    inputs = {s.name: rng.standard_normal(s.shape).astype(s.dtype) for s in compiled.signature.inputs}
    flops = _flops(module, ctx)
    peer = args.model.lower().endswith(".onnx") and not args.no_ort
    print(f"{args.model} on {args.target}: {flops / 1e9:.3f} GFLOP per run; "
          f"min / median / max ms over {args.repeat} runs")
    header = f"{'threads':>7}  {'mopc min    median      max':>26}"
    print(header + (f"  {'onnxruntime min median  max':>26}  {'ratio':>6}" if peer else "") + "  mopc GFLOP/s")
    for threads in args.threads or sorted({1, default_threads()}):
        compiled.threads = threads
        ours = Timing.of(lambda: compiled(**inputs), args.repeat, args.warmup)
        row = f"{threads:>7}  {ours}"
        session = _ort_session(args.model, threads) if peer else None
        if session is not None:
            _check_agreement(compiled(**inputs), session.run(None, inputs))
            theirs = Timing.of(lambda s=session: s.run(None, inputs), args.repeat, args.warmup)
            row += f"  {theirs}  {ours.median / theirs.median:6.2f}"
        elif peer:
            row += "  (onnxruntime is not installed: pip install onnxruntime)"
        print(row + f"  {flops / ours.median / 1e9:12.1f}")
    return 0


def _check_agreement(ours, theirs) -> None:
    from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity

    outputs = ours if isinstance(ours, tuple) else (ours,)
    for index, (a, b) in enumerate(zip(outputs, theirs, strict=True)):
        scale = max(float(np.max(np.abs(b), initial=0.0)), 1e-6)
        error = float(np.max(np.abs(a - b), initial=0.0)) / scale
        if error > 1e-3:
            raise DiagnosticError(Diagnostic(
                Severity.ERROR, f"output #{index}: mopc and onnxruntime disagree (max error {error:.2e} "
                                f"of the largest value); not timing", None))
