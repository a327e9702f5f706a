"""ResNet-18 from ONNX on this CPU: cold compile time, memory plan, and latency
against onnxruntime at each thread count, in one run (the numbers of docs/performance.md).

    python benchmarks/resnet18.py [--threads 1 2] [--repeat 30] [--rounds 3]

The model is `mopc.frontend.zoo.resnet_onnx.resnet18_onnx` (torchvision's
architecture, seeded random weights, batch 1, 224x224; 3.63 GFLOP). The cold compile
uses an empty cache folder. Latencies alternate between mopc and onnxruntime for
`--rounds` rounds of `--repeat` runs each, so that both see the same machine state;
each row gives min / median / max over all rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

try:
    import onnx
    import onnxruntime as ort
except ImportError as err:  # benchmarks only
    sys.exit(f"this benchmark needs onnxruntime and onnx: pip install onnxruntime ({err})")

import mopc
from mopc.compiler.model_stats import metaop_flops
from mopc.frontend.zoo.resnet_onnx import resnet18_onnx


def _times(run, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def _row(times: list[float]) -> str:
    return f"{min(times) * 1e3:7.2f} {statistics.median(times) * 1e3:7.2f} {max(times) * 1e3:7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mopc-bench-") as scratch:
        path = Path(scratch) / "resnet18.onnx"
        onnx.save(resnet18_onnx(seed=0), path)
        start = time.perf_counter()
        model = mopc.compile(path, cache_dir=Path(scratch) / "cache")
        cold = time.perf_counter() - start
        module, ctx = mopc.compiler.load(path)
        mopc.compiler.run_pipeline(module, ctx, mopc.compiler.pipelines.GRAPH_TO_METAOP)
        flops = metaop_flops(module).total
        image = np.random.default_rng(0).standard_normal((1, 3, 224, 224)).astype(np.float32)
        print(f"ResNet-18 (ONNX, batch 1, 224x224, {flops / 1e9:.3f} GFLOP): cold compile {cold:.1f} s; "
              f"{len(model.kernel_calls)} kernels; memory plan {model.workspace_bytes / 2**20:.2f} MiB "
              f"({model.workspace_bytes_without_reuse / 2**20:.2f} MiB without reuse)")
        print(f"onnxruntime {ort.__version__}; min / median / max ms over {args.rounds} x {args.repeat} runs")
        print("threads |   mopc min  median     max | onnxrt min  median     max | ratio | mopc GFLOP/s")
        for threads in args.threads:
            model.threads = threads
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            ours_out, theirs_out = model(input=image), session.run(None, {"input": image})[0]
            error = float(np.max(np.abs(ours_out - theirs_out)) / np.max(np.abs(theirs_out)))
            assert error < 1e-3, f"mopc and onnxruntime disagree: {error:.2e}"
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(args.rounds):
                model(input=image)
                ours += _times(lambda: model(input=image), args.repeat)
                session.run(None, {"input": image})
                theirs += _times(lambda s=session: s.run(None, {"input": image}), args.repeat)
            ratio = statistics.median(ours) / statistics.median(theirs)
            print(f"{threads:7d} | {_row(ours)} | {_row(theirs)} | {ratio:5.2f} | "
                  f"{flops / statistics.median(ours) / 1e9:8.1f}")


if __name__ == "__main__":
    main()
