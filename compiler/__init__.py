"""Compiling a model for a target: `mopc.compile(model, target=...)`.

The model (a `.mlir` file or a module) goes through the shared pipeline down to the
loop level (`pipelines.TO_LOOP`), then through the target's own lowering and code
generation; the result is a `CompiledModel`, called on NumPy arrays.
"""

from __future__ import annotations

import os
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr, ModuleOp, TensorType

from mopc.compiler import pipelines
from mopc.compiler.kernel_calls import kernel_calls
from mopc.core.context import make_context, resources_of
from mopc.core.diagnostics import DiagnosticError
from mopc.core.evaluate import entry_function, signature_of
from mopc.core.pipeline import PassFailure, PipelineRunner, parse_pipeline
from mopc.core.registry import all_passes
from mopc.core.verifier import verify_module
from mopc.runtime.model import CompiledModel

TARGETS = ("llvm",)


def load(model: str | os.PathLike[str] | ModuleOp, ctx: Context | None = None) -> tuple[ModuleOp, Context]:
    """A model as (module, context): a path is parsed, a module is used as is."""
    if isinstance(model, ModuleOp):
        return model, ctx or make_context()
    from mopc.core.io import load_module

    return load_module(Path(model), ctx)


def run_pipeline(module: ModuleOp, ctx: Context, pipeline: str) -> None:
    """Run a pipeline string, turning a pass failure into its located diagnostic."""
    verify_module(module)
    runner = PipelineRunner(parse_pipeline(pipeline, all_passes()))
    try:
        runner.run(ctx, module)
    except PassFailure as failure:
        if failure.internal is not None:
            raise failure.internal
        raise DiagnosticError(failure.diagnostic) from None


def compile(
    model: str | os.PathLike[str] | ModuleOp,
    target: str = "llvm",
    *,
    ctx: Context | None = None,
    threads: int | None = None,
    function: str | None = None,
    fusion_report: str = "",
    fusion_report_file: str = "",
    cache_dir: str | os.PathLike[str] | None = None,
) -> CompiledModel:
    """Compile `model` for `target` and return a callable on NumPy arrays.

    `model` is a `.mlir` file or a module (at the graph or meta-op level); `threads`
    sets the number of threads (default: every core); `function` picks the entry
    function (default: `@main`, or the only one); `fusion_report` (`text` or `json`)
    writes what was fused to `fusion_report_file` (default: stderr). Compiled code is
    cached on disk by its loop IR (`cache_dir`, default `$MOPC_CACHE_DIR` or
    `~/.cache/mopc`; see targets/llvm/cache.py). The module given is not modified.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target '{target}' (available: {', '.join(TARGETS)})")
    module, ctx = load(model, ctx)
    module = module.clone()
    fn = entry_function(module, function)
    signature = signature_of(fn)
    run_pipeline(module, ctx, pipelines.to_loop(fusion_report, fusion_report_file))
    entry = next(f for f in module.ops if isinstance(f, func.FuncOp) and f.sym_name.data == signature.function)
    abi = entry.attributes["mopc.abi"]
    assert isinstance(abi, DictionaryAttr)
    params = _params(entry, abi, ctx)
    param_names = [n.data for n in abi.data["params"].data]  # type: ignore[union-attr]
    workspace, naive = abi.data["workspace_bytes"], abi.data["workspace_bytes_without_reuse"]
    assert isinstance(workspace, IntegerAttr) and isinstance(naive, IntegerAttr)
    from mopc.core.io import print_module
    from mopc.targets.llvm.cache import compile_cached

    loop_ir = print_module(module, ctx)
    runner = compile_cached(module, loop_ir, ctx, cache_dir=cache_dir)
    compiled = CompiledModel(signature, target, runner, signature.function, params,
                             workspace.value.data, naive.value.data, loop_ir, param_names,
                             kernel_calls(entry))
    if threads is not None:
        compiled.threads = threads
    return compiled


def _params(entry: func.FuncOp, abi: DictionaryAttr, ctx: Context) -> list:
    """The parameter arrays, in the entry function's order, typed as it declares them."""
    names = [n.data for n in abi.data["params"].data]  # type: ignore[union-attr]
    first = len(abi.data["inputs"].data) + len(abi.data["outputs"].data)  # type: ignore[union-attr]
    types = entry.function_type.inputs.data[first : first + len(names)]
    store = resources_of(ctx)
    return [
        store.get(name, TensorType(t.get_element_type(), t.get_shape()))  # type: ignore[union-attr]
        for name, t in zip(names, types, strict=True)
    ]


__all__ = ["CompiledModel", "compile", "load", "pipelines", "run_pipeline"]
