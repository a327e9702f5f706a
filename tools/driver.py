"""`mopc`: the user-facing driver.

    mopc run model.mlir --inputs in.npz -o out.npz            # run on the reference target
    mopc run model.mlir --random-inputs --seed 0 --level metaop
    mopc run model.mlir --random-inputs --target llvm --threads 2
    mopc compile model.mlir -o build/model                    # build/model.{so,npz,json}
    mopc run build/model.json --inputs in.npz                 # run an export (NumPy only)
    mopc run model.onnx --target llvm --input-shape input=1x3x224x224 --random-inputs
    mopc compile model.onnx -o build/ --dump-levels           # build/model.* + the IR of every level
    mopc inspect model.onnx                                   # ops, parameters, FLOPs, kernels, memory
    mopc bench model.onnx --threads 1 2                       # latency against onnxruntime
    mopc cache info | mopc cache clean

`run` reads inputs from an `.npz` keyed by the entry function's argument names (or
generates seeded random ones) and writes the results to an `.npz` keyed by result name
(a result's `mopc.name` attribute, else `result<i>`). The `reference` target is mopc's
NumPy evaluator, at the graph level or after lowering to meta-ops (`--level metaop`);
`llvm` compiles for this CPU. `compile` writes an export that `mopc.runtime.load` (or
`mopc run` on its `.json`) runs without the compiler.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos
from mopc.targets import BACKENDS
from mopc.tools import bang_sim, bench, cache_cmd, inspect_model
from mopc.tools.common import run_tool
from mopc.tools.mopc_opt import version

TOOL = "mopc"
TARGETS = ("reference", *BACKENDS)
LEVELS = ("graph", "metaop")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=TOOL, description="mopc: compile and run models.")
    parser.add_argument("--version", action="store_true", help="print the version")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="run a model on inputs and write its outputs")
    run.add_argument("model", help="a .mlir file (graph or metaop level), a .onnx model, or an export's .json")
    _add_input_shape_argument(run)
    run.add_argument("--target", default="reference", help=f"where to run ({', '.join(TARGETS)})")
    run.add_argument("--level", choices=LEVELS, default="graph",
                     help="lower to this level before running on the reference target")
    run.add_argument("--threads", type=int, help="threads for compiled targets (default: every core)")
    run.add_argument("--bang-arch", help="the MLU for --target bang: mtp_270 (default), mtp_372")
    run.add_argument("--fusion-report", choices=["text", "json"],
                     help="report what was fused into which kernel (compiled targets, to stderr)")
    run.add_argument("--inputs", metavar="IN.npz", help="inputs keyed by argument name")
    run.add_argument("--random-inputs", action="store_true", help="use seeded random inputs")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--function", help="the function to run (default: @main or the only one)")
    run.add_argument("-o", "--output", metavar="OUT.npz", help="where to write the outputs")
    _add_no_cache_argument(run)
    build = commands.add_parser("compile", help="compile a model and export it (.so, .npz, .json)")
    build.add_argument("model", help="a .mlir file (graph or metaop level) or a .onnx model")
    _add_input_shape_argument(build)
    build.add_argument("-o", "--output", metavar="OUTDIR/ or PREFIX", required=True,
                       help="a folder (existing, or ending in '/'): write OUTDIR/<model>.so, .npz (weights) "
                            "and .json (manifest); anything else is a prefix: PREFIX.so, .npz, .json")
    build.add_argument("--target", default="llvm", help=f"the target ({', '.join(BACKENDS)})")
    build.add_argument("--function", help="the function to compile (default: @main or the only one)")
    build.add_argument("--fusion-report", choices=["text", "json"],
                       help="report what was fused into which kernel (to stderr)")
    build.add_argument("--dump-levels", action="store_true",
                       help="also write the IR of every level (graph, metaop, kernels, loop, the target's)")
    _add_no_cache_argument(build)
    for tool in (inspect_model, bench):
        _add_input_shape_argument(tool.add_parser(commands))
    _add_no_cache_argument(bench_parser := commands.choices["bench"])
    bench_parser.add_argument("--target", default="llvm", help=f"the target to time ({', '.join(BACKENDS)})")
    cache_cmd.add_parser(commands)
    bang_sim.add_parser(commands)
    return parser


def _add_no_cache_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="compile from scratch, neither reading nor writing the compile cache")


def _add_input_shape_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input-shape", action="append", type=_input_shape, default=[],
                        metavar="NAME=1x3x224x224",
                        help="fix the shape of an ONNX model's input (repeatable)")


def _input_shape(text: str) -> tuple[str, tuple[int, ...]]:
    """`name=1x3x224x224` -> ("name", (1, 3, 224, 224)); the name may contain '='."""
    name, _, dims = text.rpartition("=")
    try:
        shape = tuple(int(d) for d in dims.lower().split("x"))
    except ValueError:
        shape = ()
    if not name or not shape or any(d < 1 for d in shape):
        raise argparse.ArgumentTypeError(f"expected NAME=D0xD1x..., positive sizes, got '{text}'")
    return name, shape


def _input_shapes(args: argparse.Namespace) -> dict[str, tuple[int, ...]] | None:
    """The `--input-shape` options, which apply to ONNX models only."""
    if not args.input_shape:
        return None
    if not args.model.lower().endswith(".onnx"):
        raise _error("--input-shape applies to .onnx models only", args.model)
    return dict(args.input_shape)


def _error(message: str, file: str | None = None) -> DiagnosticError:
    return DiagnosticError(Diagnostic(Severity.ERROR, message, SourcePos(file) if file else None))


def load_inputs(args: argparse.Namespace, signature) -> dict[str, np.ndarray]:
    """Inputs from `--inputs`, or seeded random ones shaped by the signature."""
    if args.inputs:
        try:
            with np.load(args.inputs, allow_pickle=False) as archive:
                return {k: archive[k] for k in archive.files}
        except (OSError, ValueError) as err:
            raise _error(f"cannot read inputs: {err}", args.inputs) from None
    if not signature.inputs:
        return {}
    if not args.random_inputs:
        names = ", ".join(spec.name for spec in signature.inputs)
        raise _error(f"give --inputs IN.npz (keys: {names}) or --random-inputs")
    rng = np.random.default_rng(args.seed)
    return {spec.name: rng.standard_normal(spec.shape).astype(spec.dtype) for spec in signature.inputs}


def run(args: argparse.Namespace) -> int:
    if args.bang_arch:  # read by the bang back end (targets/bang/backend.py)
        os.environ["MOPC_BANG_ARCH"] = args.bang_arch
    if args.target not in TARGETS:
        raise _error(f"unknown target '{args.target}' (available: {', '.join(TARGETS)})")
    if args.threads is not None and args.threads < 1:
        raise _error(f"--threads must be at least 1, got {args.threads}")
    _input_shapes(args)  # refused up front for anything but an ONNX model
    if args.model.endswith(".json"):
        signature, outputs, seconds, where = _run_export(args)
    else:
        signature, outputs, seconds, where = _run_module(args)
    names = [spec.name for spec in signature.outputs]
    for name, value in zip(names, outputs, strict=True):
        print(f"{name}: shape {value.shape} {value.dtype}, mean {float(np.mean(value)):.6g}")
    print(f"ran @{signature.function} {where} in {seconds * 1e3:.3f} ms")
    if args.output:
        target = Path(args.output)
        tmp = target.with_name(target.name + ".tmp.npz")
        np.savez(tmp, **dict(zip(names, outputs, strict=True)))
        tmp.replace(target)
    return 0


def _run_module(args: argparse.Namespace):
    from mopc.compiler import load
    from mopc.core.evaluate import InputError, entry_function, signature_of
    from mopc.core.verifier import verify_module

    module, ctx = load(args.model, input_shapes=_input_shapes(args))
    verify_module(module)
    try:
        signature = signature_of(entry_function(module, args.function))
        inputs = load_inputs(args, signature)
        if args.target == "reference":
            return signature, *_run_reference(args, module, ctx, inputs)
        return signature, *_run_compiled(args, module, ctx, inputs)
    except InputError as err:
        raise _error(str(err), args.model) from None


def _run_export(args: argparse.Namespace):
    import mopc.runtime

    try:
        model = mopc.runtime.load(args.model, threads=args.threads)
        inputs = load_inputs(args, model.signature)
        start = time.perf_counter()
        result = model(**inputs)
        seconds = time.perf_counter() - start
    except mopc.runtime.BundleError as err:  # its message starts with the file at fault
        raise _error(str(err)) from None
    except mopc.runtime.InputError as err:
        raise _error(str(err), args.model) from None
    outputs = list(result) if isinstance(result, tuple) else [result]
    return model.signature, outputs, seconds, f"from the export ({_describe(model)})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _describe(model) -> str:
    where = getattr(model.runner, "description", "")  # e.g. the BANG simulator
    return (f"{where}{_count(model.threads, 'thread')}; workspace {model.workspace_bytes} bytes, "
            f"{model.workspace_bytes_without_reuse} without reuse")


def compile_model(args: argparse.Namespace) -> int:
    import mopc
    from mopc.compiler import load
    from mopc.compiler.levels import dump_levels
    from mopc.core.evaluate import InputError

    if args.target not in BACKENDS:
        raise _error(f"unknown target '{args.target}' (available: {', '.join(BACKENDS)})")
    prefix = _output_prefix(args.output, args.model)
    try:
        with _progress() as progress:
            if progress is not None:
                progress(f"importing {args.model}")
            module, ctx = load(args.model, input_shapes=_input_shapes(args))  # once: compile leaves it as is
            model = mopc.compile(module, args.target, ctx=ctx, function=args.function,
                                 fusion_report=args.fusion_report or "", cache=not args.no_cache,
                                 progress=progress)
            prefix.parent.mkdir(parents=True, exist_ok=True)  # only once the model compiled
            if args.dump_levels:
                if progress is not None:
                    progress("writing the IR of every level")
                dumped = dump_levels(module, ctx, prefix, args.target)
    except InputError as err:
        raise _error(str(err), args.model) from None
    manifest = model.export(prefix)
    counts = [_count(len(model.signature.inputs), "input"), _count(len(model.signature.outputs), "output"),
              _count(len(model.params), "parameter")]
    print(f"wrote {manifest} (+ .so, .npz): @{model.signature.function}, {', '.join(counts)}, "
          f"workspace {model.workspace_bytes} bytes")
    if args.dump_levels:
        print(f"wrote the IR of every level: {', '.join(p.name for p in dumped)}")
    return 0


def _output_prefix(output: str, model: str) -> Path:
    """`-o OUTDIR/` (or an existing folder) -> OUTDIR/<model stem>; else `-o` is the prefix."""
    path = Path(output)
    if output.endswith(("/", "\\")) or path.is_dir():
        return path / Path(model).stem
    return path


@contextmanager
def _progress():
    """A status line on stderr while compiling, when stderr is a terminal."""
    from mopc.compiler.progress import terminal_progress

    progress = terminal_progress(sys.stderr)
    try:
        yield progress
    finally:
        if progress is not None:
            progress.clear()


def _run_reference(args, module, ctx, inputs):
    from mopc.core.context import resources_of
    from mopc.core.evaluate import evaluate
    from mopc.core.verifier import verify_module

    if args.level == "metaop":
        from mopc.passes.graph_to_metaop.conversion import GraphToMetaopPass

        GraphToMetaopPass().apply(ctx, module)
        verify_module(module)
    start = time.perf_counter()
    outputs = evaluate(module, inputs, store=resources_of(ctx), function=args.function)
    return outputs, time.perf_counter() - start, f"on the reference target ({args.level} level)"


def _run_compiled(args, module, ctx, inputs):
    import mopc

    with _progress() as progress:
        model = mopc.compile(module, args.target, ctx=ctx, threads=args.threads, function=args.function,
                             fusion_report=args.fusion_report or "", cache=not args.no_cache,
                             progress=progress)
    start = time.perf_counter()
    result = model(**inputs)
    seconds = time.perf_counter() - start
    outputs = list(result) if isinstance(result, tuple) else [result]
    return outputs, seconds, f"on the {args.target} target ({_describe(model)})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(version(TOOL))
        return 0
    if args.command == "run":
        return run_tool(lambda: run(args), args.debug, TOOL)
    if args.command == "compile":
        return run_tool(lambda: compile_model(args), args.debug, TOOL)
    if args.command == "inspect":
        return run_tool(lambda: inspect_model.main(args, _input_shapes(args)), args.debug, TOOL)
    if args.command == "bench":
        return run_tool(lambda: bench.main(args, _input_shapes(args)), args.debug, TOOL)
    if args.command == "cache":
        return run_tool(lambda: cache_cmd.main(args), args.debug, TOOL)
    if args.command == "bang-sim":
        return bang_sim.main(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
