"""ResNet-18 compiled with and without one pass of the CPU pipeline, timed alternately in
one process (an A/B of a pipeline decision, steadier than two separate runs).

    python benchmarks/resnet18_ab.py [--without 'materialize-padding{innermost-only=true}'] [--rounds 6]

Prints the kernel counts, the largest difference between the two outputs, and per
thread count the min and median ms of each over `--rounds` rounds of 10 runs.
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
except ImportError as err:  # benchmarks only
    sys.exit(f"this benchmark needs onnx: pip install onnx ({err})")

import mopc
from mopc.compiler import pipelines
from mopc.frontend.zoo.resnet_onnx import resnet18_onnx
from mopc.targets.llvm import backend


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without", default=pipelines.PAD, help="the pass (as in the pipeline string) to drop")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if f"{args.without}," not in pipelines.TO_LOOP:
        sys.exit(f"'{args.without}' is not a stage of the CPU pipeline: {pipelines.TO_LOOP}")
    with tempfile.TemporaryDirectory(prefix="mopc-ab-") as scratch:
        path = Path(scratch) / "resnet18.onnx"
        onnx.save(resnet18_onnx(seed=0), path)
        x = np.random.default_rng(0).standard_normal((1, 3, 224, 224)).astype(np.float32)
        models = {"with": mopc.compile(path, cache=False)}
        default = backend.pipeline
        backend.pipeline = lambda *a, **k: default(*a, **k).replace(f"{args.without},", "")
        try:
            models["without"] = mopc.compile(path, cache=False)
        finally:
            backend.pipeline = default
        difference = float(np.max(np.abs(models["with"](x) - models["without"](x))))
        print(f"without {args.without}: kernels {len(models['with'].kernel_calls)} (with) / "
              f"{len(models['without'].kernel_calls)} (without); max output difference {difference:.2e}")
        for threads in args.threads:
            times: dict[str, list[float]] = {name: [] for name in models}
            for _ in range(args.rounds):
                for name, model in models.items():
                    model.threads = threads
                    for _ in range(10):
                        start = time.perf_counter()
                        model(x)
                        times[name].append(time.perf_counter() - start)
            print(f"{threads} thread(s): " + "; ".join(
                f"{name} min {min(t) * 1e3:.2f} median {statistics.median(t) * 1e3:.2f} ms" for name, t in times.items()))


if __name__ == "__main__":
    main()
