"""`mopc inspect MODEL`: what a model holds and what the compiler makes of it.

    mopc inspect resnet18.onnx
    mopc inspect model.mlir --kernels          # every fused kernel with its schedule
    mopc inspect model.mlir --json

Reports the inputs and outputs, graph ops by type, parameters (count and bytes), FLOPs
(compiler/model_stats.py), the fused kernels, and the static memory plan: the
workspace that holds every intermediate (its peak, with buffers reused by liveness)
beside the bytes they would take without reuse.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("inspect", help="ops, parameters, FLOPs, kernels and memory plan of a model")
    parser.add_argument("model", help="a .mlir file or a .onnx model")
    parser.add_argument("--function", help="the function to inspect (default: @main or the only one)")
    parser.add_argument("--kernels", action="store_true", help="list every fused kernel and its schedule")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def report(model: str, *, input_shapes=None, function: str | None = None) -> dict[str, Any]:
    """The inspection report of `model` as plain data."""
    from xdsl.dialects import func

    from mopc.compiler import load, pipelines, run_pipeline
    from mopc.compiler.model_stats import graph_stats, metaop_flops
    from mopc.core.evaluate import entry_function, signature_of

    module, ctx = load(model, input_shapes=input_shapes)
    signature = signature_of(entry_function(module, function))
    stats = graph_stats(module)
    lowered = module.clone()
    run_pipeline(lowered, ctx, pipelines.GRAPH_TO_METAOP)
    flops = metaop_flops(lowered)
    run_pipeline(lowered, ctx, f"{pipelines.SIMPLIFY},{pipelines.FUSE},{pipelines.METAOP_TO_LOOP}")
    functions = {f.sym_name.data: f for f in lowered.ops if isinstance(f, func.FuncOp)}
    entry = functions[signature.function]
    abi = entry.attributes["mopc.abi"].data  # type: ignore[union-attr]
    called = [op.callee.root_reference.data for op in entry.walk() if isinstance(op, func.CallOp)]
    kernels = [{"name": name, "schedule": str(functions[name].attributes.get("mopc.schedule", ""))}
               for name in called]
    specs = lambda specs: [{"name": s.name, "shape": list(s.shape), "dtype": s.dtype.name} for s in specs]
    return {
        "model": model,
        "function": signature.function,
        "inputs": specs(signature.inputs),
        "outputs": specs(signature.outputs),
        "graph_ops": dict(stats.ops.most_common()),
        "parameters": stats.parameters,
        "parameter_bytes": stats.parameter_bytes,
        "parameter_tensors": stats.parameter_tensors,
        "flops_contraction": flops.contraction,
        "flops_total": flops.total,
        "kernels": kernels,
        "workspace_bytes": abi["workspace_bytes"].value.data,
        "workspace_bytes_without_reuse": abi["workspace_bytes_without_reuse"].value.data,
    }


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def format_report(r: dict[str, Any], kernels: bool) -> str:
    shape = lambda s: f"{s['name']}: {'x'.join(map(str, s['shape'])) or 'scalar'} {s['dtype']}"
    ops = ", ".join(f"{name} {count}" for name, count in r["graph_ops"].items())
    lines = [
        f"model: {r['model']} (@{r['function']})",
        *(f"input  {shape(s)}" for s in r["inputs"]),
        *(f"output {shape(s)}" for s in r["outputs"]),
        f"graph ops: {sum(r['graph_ops'].values())} ({ops})",
        f"parameters: {r['parameters']:,} in {r['parameter_tensors']} tensors ({_mib(r['parameter_bytes'])})",
        (f"FLOPs: {r['flops_contraction'] / 1e9:.3f} G in convolutions and matmuls (2 per multiply-add), "
        f"{r['flops_total'] / 1e9:.3f} G with every element-wise op and reduction"),
        f"kernels: {len(r['kernels'])} after fusion",
        (f"memory plan: workspace {_mib(r['workspace_bytes'])} (intermediates, buffers reused by liveness), "
        f"{_mib(r['workspace_bytes_without_reuse'])} without reuse"),
    ]
    if kernels:
        lines += [f"  {k['name']}  {k['schedule']}" for k in r["kernels"]]
    return "\n".join(lines)


def main(args: argparse.Namespace, input_shapes=None) -> int:
    r = report(args.model, input_shapes=input_shapes, function=args.function)
    print(json.dumps(r, indent=1) if args.json else format_report(r, args.kernels))
    return 0
