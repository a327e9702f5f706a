"""Compile-time benchmark: parse, verify and lower a ResNet-sized graph.

    python benchmarks/compile_time.py [--model resnet18|resnet34] [--repeat 5]

Builds the model in the graph dialect (weights in an external .npz), writes it to a
temporary directory, then times each step from the text: parse (with the parameter
file attached), verify, `graph-to-metaop`, verify again, and print. Reports the median
and min over `--repeat` runs; record results in docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=["resnet18", "resnet34"], default="resnet18")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from mopc.core.io import load_module, print_module, save_module
    from mopc.core.verifier import verify_module
    from mopc.frontend.zoo import resnet
    from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass

    module, ctx = getattr(resnet, args.model)()
    graph_ops = sum(1 for op in module.walk() if op.name.startswith("graph.") and op.name != "graph.constant")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{args.model}.mlir"
        save_module(module, ctx, path)
        size = path.stat().st_size
        params = path.with_suffix(".npz").stat().st_size
        steps: dict[str, list[float]] = {}

        def timed(name: str, fn):
            start = time.perf_counter()
            result = fn()
            steps.setdefault(name, []).append(time.perf_counter() - start)
            return result

        for _ in range(args.repeat):
            m, c = timed("parse", lambda: load_module(path))
            timed("verify", lambda: verify_module(m))
            timed("graph-to-metaop", lambda: GraphToMetaopPass().apply(c, m))
            timed("verify (metaop)", lambda: verify_module(m))
            timed("print", lambda: print_module(m, c))
        metaops = sum(1 for op in m.walk() if op.name.startswith("metaop."))

    print(f"{args.model}: {graph_ops} graph ops (+ constants) -> {metaops} meta-ops; "
          f"IR {size / 1024:.1f} KiB, parameters {params / 2**20:.1f} MiB (external .npz)")
    print(f"{'step':<18}{'median s':>10}{'min s':>10}")
    total = 0.0
    for name, times in steps.items():
        total += statistics.median(times)
        print(f"{name:<18}{statistics.median(times):>10.3f}{min(times):>10.3f}")
    parse_and_lower = sum(statistics.median(steps[k]) for k in ("parse", "verify", "graph-to-metaop"))
    print(f"{'total':<18}{total:>10.3f}")
    print(f"parse + verify + lower: {parse_and_lower:.3f} s (target: under 5 s)")


if __name__ == "__main__":
    main()
