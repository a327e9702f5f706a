"""mopc demo: a conv + batch-norm + ReLU + max-pool graph, lowered to meta-operators.

    python examples/demo.py [--out build/demo]

1. builds the graph with the Python builder and writes `demo.mlir` (+ `demo.npz`, the
   weights) to the output folder;
2. lowers it with `graph-to-metaop` (as `mopc-opt demo.mlir -p graph-to-metaop` does)
   and writes `demo.metaop.mlir`;
3. runs both levels with the NumPy reference evaluators on the same random input and
   prints the largest difference;
4. parses and lowers a ResNet-18 graph (weights external) and prints the time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from mopc.core.context import resources_of
from mopc.core.evaluate import evaluate
from mopc.core.io import load_module, print_module, save_module
from mopc.core.verifier import verify_module
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder
from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass


def build_block(seed: int = 0):
    rng = np.random.default_rng(seed)
    b = GraphBuilder()
    x = b.input("image", (1, 3, 32, 32))
    w = b.param("conv.weight", (rng.standard_normal((16, 3, 3, 3)) * 0.3).astype(np.float32))
    y = b.add(g.Conv2dOp(x, w, strides=(1, 1), pads=(1, 1, 1, 1)), name="conv")
    bn = [b.param(f"bn.{n}", rng.uniform(lo, hi, 16).astype(np.float32))
          for n, lo, hi in (("weight", 0.5, 1.5), ("bias", -0.1, 0.1), ("mean", -0.1, 0.1), ("var", 0.5, 1.5))]
    y = b.add(g.BatchNormOp(y, *bn, epsilon=1e-5), name="bn")
    y = b.add(g.ReluOp(y), name="relu")
    y = b.add(g.MaxPool2dOp(y, kernel=(2, 2), strides=(2, 2)), name="pool")
    return b.finish(y), b.ctx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="build/demo", help="output folder")
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)

    module, ctx = build_block()
    save_module(module, ctx, out / "demo.mlir")
    print(f"== graph level ({out / 'demo.mlir'}, weights in {out / 'demo.npz'})")
    print(print_module(module, ctx))

    graph_module, graph_ctx = load_module(out / "demo.mlir")
    lowered, lowered_ctx = load_module(out / "demo.mlir")
    verify_module(lowered)
    start = time.perf_counter()
    GraphToMetaopPass().apply(lowered_ctx, lowered)
    verify_module(lowered)
    lower_s = time.perf_counter() - start
    (out / "demo.metaop.mlir").write_text(print_module(lowered, lowered_ctx))
    metaops = [op.name for op in lowered.walk() if op.name.startswith("metaop.")]
    print(f"== metaop level ({out / 'demo.metaop.mlir'}): {len(metaops)} meta-ops, lowered in {lower_s * 1e3:.1f} ms")
    print(print_module(lowered, lowered_ctx))

    image = np.random.default_rng(1).standard_normal((1, 3, 32, 32)).astype(np.float32)
    start = time.perf_counter()
    (reference,) = evaluate(graph_module, {"image": image}, store=resources_of(graph_ctx))
    graph_s = time.perf_counter() - start
    start = time.perf_counter()
    (result,) = evaluate(lowered, {"image": image}, store=resources_of(lowered_ctx))
    metaop_s = time.perf_counter() - start
    error = float(np.max(np.abs(result - reference)))
    print("== numerics: graph evaluator vs meta-op evaluator on the same input")
    print(f"output {reference.shape}: max |difference| = {error:.3g} "
          f"({'OK' if error < 1e-4 else 'MISMATCH'}); graph {graph_s * 1e3:.0f} ms, meta-ops {metaop_s * 1e3:.0f} ms")

    from mopc.frontend.zoo.resnet import resnet18

    net, net_ctx = resnet18()
    save_module(net, net_ctx, out / "resnet18.mlir")
    start = time.perf_counter()
    net2, net2_ctx = load_module(out / "resnet18.mlir")
    verify_module(net2)
    GraphToMetaopPass().apply(net2_ctx, net2)
    verify_module(net2)
    seconds = time.perf_counter() - start
    size = (out / "resnet18.mlir").stat().st_size / 1024
    print(f"== ResNet-18 ({size:.0f} KiB of IR, weights external): parsed, verified and lowered "
          f"to {sum(1 for op in net2.walk() if op.name.startswith('metaop.'))} meta-ops in {seconds:.2f} s")
    if error >= 1e-4:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
