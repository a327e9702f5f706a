"""mopc against onnxruntime on the CPU, in one run: medians and ratios.

    python benchmarks/vs_onnxruntime.py [--threads 1 2] [--repeat 50] [--only conv]

Cases: a 3x3 convolution 64->64 on 56x56 (padding 1), a 512x512x512 matmul, and a
ResNet basic block (conv-bn-relu-conv-bn + identity, relu) at 64 channels, 56x56.
Both sides get the same weights; each case is checked for agreement before timing.
onnxruntime is used for benchmarking only: `pip install onnxruntime`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

try:
    import onnxruntime as ort
    from onnx import TensorProto, helper
except ImportError as err:  # benchmarks only
    sys.exit(f"this benchmark needs onnxruntime and onnx: pip install onnxruntime ({err})")

import mopc
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder


@dataclass
class Case:
    name: str
    flops: float
    inputs: dict[str, np.ndarray]
    build_mopc: Callable[[], tuple[object, object]]  # -> (module, ctx)
    onnx_model: object


def _onnx(nodes, inputs, outputs, initializers):
    graph = helper.make_graph(nodes, "bench", inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8  # what current onnxruntime releases accept
    return model


def _tensor(name: str, array: np.ndarray):
    return helper.make_tensor(name, TensorProto.FLOAT, array.shape, array.ravel())


def _value(name: str, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape))


def conv_case(rng: np.random.Generator) -> Case:
    x = rng.standard_normal((1, 64, 56, 56)).astype(np.float32)
    w = (rng.standard_normal((64, 64, 3, 3)) * 0.05).astype(np.float32)

    def build():
        b = GraphBuilder()
        xv = b.input("x", x.shape)
        y = b.add(g.Conv2dOp(xv, b.param("w", w), pads=(1, 1, 1, 1)), name="conv")
        return b.finish(y), b.ctx

    model = _onnx([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])],
                  [_value("x", x.shape)], [_value("y", (1, 64, 56, 56))], [_tensor("w", w)])
    return Case("conv 64->64 3x3 56x56", 2 * 64 * 64 * 9 * 56 * 56, {"x": x}, build, model)


def matmul_case(rng: np.random.Generator) -> Case:
    a = rng.standard_normal((512, 512)).astype(np.float32)
    bw = rng.standard_normal((512, 512)).astype(np.float32)

    def build():
        b = GraphBuilder()
        y = b.add(g.MatmulOp(b.input("a", a.shape), b.param("b", bw)), name="matmul")
        return b.finish(y), b.ctx

    model = _onnx([helper.make_node("MatMul", ["a", "b"], ["y"])], [_value("a", a.shape)],
                  [_value("y", (512, 512))], [_tensor("b", bw)])
    return Case("matmul 512x512x512", 2 * 512**3, {"a": a}, build, model)


def basic_block_case(rng: np.random.Generator) -> Case:
    c = 64
    x = rng.standard_normal((1, c, 56, 56)).astype(np.float32)
    weights = {}
    for i in (1, 2):
        weights[f"w{i}"] = (rng.standard_normal((c, c, 3, 3)) * np.sqrt(2 / (9 * c))).astype(np.float32)
        weights[f"s{i}"] = rng.uniform(0.5, 1.5, c).astype(np.float32)
        weights[f"b{i}"] = rng.uniform(-0.1, 0.1, c).astype(np.float32)
        weights[f"m{i}"] = rng.uniform(-0.1, 0.1, c).astype(np.float32)
        weights[f"v{i}"] = rng.uniform(0.5, 1.5, c).astype(np.float32)

    def build():
        b = GraphBuilder()
        xv = b.input("x", x.shape)
        p = {k: b.param(k, v) for k, v in weights.items()}
        y = b.add(g.Conv2dOp(xv, p["w1"], pads=(1, 1, 1, 1)), name="conv1")
        y = b.add(g.BatchNormOp(y, p["s1"], p["b1"], p["m1"], p["v1"]), name="bn1")
        y = b.add(g.ReluOp(y), name="relu1")
        y = b.add(g.Conv2dOp(y, p["w2"], pads=(1, 1, 1, 1)), name="conv2")
        y = b.add(g.BatchNormOp(y, p["s2"], p["b2"], p["m2"], p["v2"]), name="bn2")
        y = b.add(g.AddOp(y, xv), name="add")
        y = b.add(g.ReluOp(y), name="relu2")
        return b.finish(y), b.ctx

    nodes = [
        helper.make_node("Conv", ["x", "w1"], ["c1"], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["c1", "s1", "b1", "m1", "v1"], ["n1"]),
        helper.make_node("Relu", ["n1"], ["r1"]),
        helper.make_node("Conv", ["r1", "w2"], ["c2"], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["c2", "s2", "b2", "m2", "v2"], ["n2"]),
        helper.make_node("Add", ["n2", "x"], ["a"]),
        helper.make_node("Relu", ["a"], ["y"]),
    ]
    model = _onnx(nodes, [_value("x", x.shape)], [_value("y", x.shape)],
                  [_tensor(k, v) for k, v in weights.items()])
    return Case("ResNet basic block 64x56x56", 2 * (2 * c * c * 9 * 56 * 56), {"x": x}, build, model)


def median_seconds(run: Callable[[], object], repeat: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--only", help="run the cases whose name contains this text")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    cases = [conv_case(rng), matmul_case(rng), basic_block_case(rng)]
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    print(f"{'case':<30}{'threads':>8}{'mopc ms':>10}{'ort ms':>10}{'ratio':>8}{'mopc GFLOP/s':>14}")
    for case in cases:
        module, ctx = case.build_mopc()
        start = time.perf_counter()
        compiled = mopc.compile(module, ctx=ctx)
        compile_s = time.perf_counter() - start
        for threads in args.threads:
            compiled.threads = threads
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(case.onnx_model.SerializeToString(), options,
                                           providers=["CPUExecutionProvider"])
            expected = session.run(None, case.inputs)[0]
            actual = compiled(**case.inputs)
            error = float(np.max(np.abs(actual - expected)) / (np.max(np.abs(expected)) + 1e-12))
            if error > 1e-4:
                sys.exit(f"{case.name}: mopc and onnxruntime disagree (relative error {error:.2e})")
            mopc_s = median_seconds(lambda: compiled(**case.inputs), args.repeat)
            ort_s = median_seconds(lambda: session.run(None, case.inputs), args.repeat)
            print(f"{case.name:<30}{threads:>8}{mopc_s * 1e3:>10.3f}{ort_s * 1e3:>10.3f}"
                  f"{mopc_s / ort_s:>8.2f}{case.flops / mopc_s / 1e9:>14.1f}")
        print(f"{'':<30}(compiled in {compile_s:.2f} s)")


if __name__ == "__main__":
    main()
