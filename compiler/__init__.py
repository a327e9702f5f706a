"""Compiling a model for a target: `mopc.compile(model, target=...)`.

The model (a `.mlir` file, a module, or an ONNX model imported by
`mopc.frontend.onnx`) goes through the shared pipeline down to the
loop level (`pipelines.TO_LOOP`), then through the target's own lowering and code
generation; the result is a `CompiledModel`, called on NumPy arrays.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr, ModuleOp, TensorType

from mopc.compiler import pipelines
from mopc.compiler.kernel_calls import kernel_calls
from mopc.compiler.model_cache import ModelCache, model_key
from mopc.compiler.progress import Progress, report
from mopc.core.context import make_context, resources_of
from mopc.core.diagnostics import DiagnosticError
from mopc.core.evaluate import entry_function, signature_of
from mopc.core.pipeline import PassFailure, PipelineRunner, parse_pipeline
from mopc.core.registry import all_passes
from mopc.core.verifier import verify_module
from mopc.runtime.model import CompiledModel
from mopc.targets import BACKENDS, backend

if TYPE_CHECKING:
    import onnx

TARGETS = tuple(BACKENDS)


Model = Union[str, os.PathLike[str], ModuleOp, "onnx.ModelProto"]
"""What `load` and `compile` accept: a `.mlir` or `.onnx` path, a module, an ONNX proto."""


def load(
    model: Model,
    ctx: Context | None = None,
    *,
    input_shapes: Mapping[str, Sequence[int]] | None = None,
) -> tuple[ModuleOp, Context]:
    """A model as (module, context): a module is used as is, a `.mlir` file is parsed,
    an ONNX model (a `.onnx` path or an `onnx.ModelProto`) is imported into the graph
    dialect, its symbolic input dimensions fixed by `input_shapes` (name -> shape)."""
    if isinstance(model, ModuleOp):
        return model, ctx or make_context()
    if _is_onnx(model):
        from mopc.frontend.onnx import import_model

        return import_model(model, input_shapes=input_shapes, ctx=ctx)  # type: ignore[arg-type]
    if input_shapes:
        raise ValueError("input_shapes applies to ONNX models only")
    from mopc.core.io import load_module

    return load_module(Path(model), ctx)


def _is_onnx(model: object) -> bool:
    if isinstance(model, str | os.PathLike):
        return Path(model).suffix.lower() == ".onnx"
    return type(model).__name__ == "ModelProto"  # without importing onnx for .mlir models


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
    model: Model,
    target: str = "llvm",
    *,
    ctx: Context | None = None,
    input_shapes: Mapping[str, Sequence[int]] | None = None,
    threads: int | None = None,
    function: str | None = None,
    fusion_report: str = "",
    fusion_report_file: str = "",
    cache_dir: str | os.PathLike[str] | None = None,
    cache: bool = True,
    progress: Progress | None = None,
) -> CompiledModel:
    """Compile `model` for `target` and return a callable on NumPy arrays.

    `model` is a `.mlir` file or a module (at the graph or meta-op level), or an ONNX
    model (a `.onnx` file or an `onnx.ModelProto`, imported by `mopc.frontend.onnx`;
    `input_shapes` fixes its symbolic input dimensions), whose callable takes the
    inputs by their ONNX names or positionally and returns the outputs in graph order;
    `threads`
    sets the number of threads (default: every core); `function` picks the entry
    function (default: `@main`, or the only one); `fusion_report` (`text` or `json`)
    writes what was fused to `fusion_report_file` (default: stderr). Compiled models
    are cached on disk (`cache_dir`, default `$MOPC_CACHE_DIR` or `~/.cache/mopc`),
    whole by what they were compiled from (compiler/model_cache.py) and as code by
    their loop IR (targets/llvm/cache.py); `cache=False` compiles from scratch and
    JIT-compiles. `progress(message)` is told as each long step starts
    (`compiler/progress.py`). The module given is not modified.
    """
    target_backend = backend(target)
    if not isinstance(model, ModuleOp):
        report(progress, f"importing {_describe(model)}")
    module, ctx = load(model, ctx, input_shapes=input_shapes)
    signature = signature_of(entry_function(module, function))
    pipeline = target_backend.pipeline(fusion_report, fusion_report_file)
    models = _model_cache(cache, cache_dir) if not fusion_report else None  # a hit reports nothing
    key = None
    if models is not None:
        key = model_key(module, ctx, pipeline=pipeline, target=target, function=signature.function)
        compiled = models.load(key)
        if compiled is not None:
            compiled.signature = signature  # the names as this model spells them
            if threads is not None:
                compiled.threads = threads
            return compiled
    compiled = _compile(module.clone(), ctx, signature, target, pipeline, cache, cache_dir, progress)
    if models is not None and key is not None:
        models.store(key, compiled)
    if threads is not None:
        compiled.threads = threads
    return compiled


def _model_cache(cache: bool, cache_dir: str | os.PathLike[str] | None) -> ModelCache | None:
    from mopc.targets.llvm.cache import default_cache_dir

    if not cache:
        return None
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return ModelCache(root) if root is not None else None


def _describe(model: object) -> str:
    return os.fspath(model) if isinstance(model, str | os.PathLike) else "the ONNX model"


def _compile(module: ModuleOp, ctx: Context, signature, target: str, pipeline: str, cache: bool,
             cache_dir: str | os.PathLike[str] | None, progress: Progress | None = None) -> CompiledModel:
    """The pipeline, then the target's code generation; `module` is consumed."""
    from mopc.core.io import print_module

    report(progress, "lowering to the loop level")
    run_pipeline(module, ctx, pipeline)
    entry = next(f for f in module.ops if isinstance(f, func.FuncOp) and f.sym_name.data == signature.function)
    abi = entry.attributes["mopc.abi"]
    assert isinstance(abi, DictionaryAttr)
    params = _params(entry, abi, ctx)
    param_names = [n.data for n in abi.data["params"].data]  # type: ignore[union-attr]
    workspace, naive = abi.data["workspace_bytes"], abi.data["workspace_bytes_without_reuse"]
    assert isinstance(workspace, IntegerAttr) and isinstance(naive, IntegerAttr)
    loop_ir = print_module(module, ctx)
    calls = kernel_calls(entry)
    report(progress, f"compiling {len(calls)} kernel{'' if len(calls) == 1 else 's'} for {target}")
    runner = backend(target).build(module, ctx, loop_ir, cache=cache, cache_dir=cache_dir)
    return CompiledModel(signature, target, runner, signature.function, params,
                         workspace.value.data, naive.value.data, loop_ir, param_names,
                         calls)


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
