"""mopc demo: a conv + batch-norm + ReLU + max-pool graph, from graph to CPU code.

    python examples/demo.py [--out build/demo]

1. builds the graph with the Python builder and writes `demo.mlir` (+ `demo.npz`, the
   weights) to the output folder;
2. lowers it with `graph-to-metaop` (as `mopc-opt demo.mlir -p graph-to-metaop` does)
   and writes `demo.metaop.mlir`;
3. runs both levels with the NumPy reference evaluators on the same random input and
   prints the largest difference;
4. compiles it for this CPU (`mopc.compile`: fusion, loop schedules, LLVM), prints the
   fusion report, checks the result against the reference, exports it (`.so` + weights
   + manifest) and runs the export through `mopc.runtime`;
5. writes ResNet-18 as ONNX (seeded random weights), compiles it, and prints the max
   error against onnxruntime and both latencies.

Compiled code is cached in ~/.cache/mopc: a second run compiles in a fraction of the time.
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

    compiled_error = compile_block(out, graph_module, graph_ctx, image, reference)
    resnet_error = compile_resnet(out)
    if error >= 1e-4 or compiled_error >= 1e-4 or resnet_error >= 1e-3:
        raise SystemExit(1)


def compile_block(out: Path, module, ctx, image: np.ndarray, reference: np.ndarray) -> float:
    import mopc
    import mopc.runtime

    report = out / "demo.fusion.txt"
    start = time.perf_counter()
    model = mopc.compile(module, ctx=ctx, fusion_report="text", fusion_report_file=str(report))
    compile_s = time.perf_counter() - start
    (out / "demo.loop.mlir").write_text(model.loop_ir)
    print(f"== CPU code ({out / 'demo.loop.mlir'}): compiled in {compile_s:.2f} s; fusion report:")
    print(report.read_text().rstrip())
    result = model(image)
    seconds = _median_time(lambda: model(image))
    error = float(np.max(np.abs(result - reference)))
    print(f"llvm target, {model.threads} threads: max |difference| vs the graph evaluator = {error:.3g} "
          f"({'OK' if error < 1e-4 else 'MISMATCH'}); {seconds * 1e3:.3f} ms per run; "
          f"workspace {model.workspace_bytes} bytes ({model.workspace_bytes_without_reuse} without reuse)")
    manifest = model.export(str(out / "demo_model"))
    loaded = mopc.runtime.load(manifest)
    same = np.array_equal(loaded(image=image), result)
    print(f"== export: {manifest} (+ .so, .npz); mopc.runtime.load runs it: "
          f"{'identical' if same else 'DIFFERENT'} output")
    return error if same else float("inf")


def compile_resnet(out: Path) -> float:
    """ResNet-18 as ONNX (torchvision's architecture, seeded random weights): imported,
    compiled for this CPU, and checked and timed against onnxruntime on one image."""
    import onnx

    import mopc
    from mopc.frontend.zoo.resnet_onnx import resnet18_onnx

    path = out / "resnet18.onnx"
    onnx.save(resnet18_onnx(seed=0), path)
    start = time.perf_counter()
    model = mopc.compile(path)
    compile_s = time.perf_counter() - start
    image = np.random.default_rng(2).standard_normal((1, 3, 224, 224)).astype(np.float32)
    logits = model(input=image)
    seconds = _median_time(lambda: model(input=image), repeat=10)
    print(f"== ResNet-18 from ONNX ({path}, {path.stat().st_size / 1e6:.0f} MB): imported and compiled for "
          f"the CPU in {compile_s:.1f} s; {seconds * 1e3:.1f} ms per inference on {model.threads} threads")
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime is not installed: no comparison (pip install onnxruntime)")
        return 0.0
    options = ort.SessionOptions()
    options.intra_op_num_threads = model.threads
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    (expected,) = session.run(None, {"input": image})
    ort_seconds = _median_time(lambda: session.run(None, {"input": image}), repeat=10)
    error = float(np.max(np.abs(logits - expected)) / max(1.0, float(np.max(np.abs(expected)))))
    print(f"onnxruntime {ort.__version__}: {ort_seconds * 1e3:.1f} ms per inference on {model.threads} threads "
          f"(mopc / onnxruntime = {seconds / ort_seconds:.2f}); max relative difference {error:.2g} "
          f"({'OK' if error < 1e-3 else 'MISMATCH'}); same top-1 class: "
          f"{int(np.argmax(logits)) == int(np.argmax(expected))}")
    return error


def _median_time(run, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    main()
