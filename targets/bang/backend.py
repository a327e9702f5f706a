"""The MLU back end of `mopc.compile(..., target="bang")` (see `BACKENDS` in
targets/__init__.py): the shared pipeline to the loop level with the MLU's schedules
(`bang-schedule`), then `loop-to-bang`, the BANG C printer and the runner (cncc, else
the simulator).

The architecture is `$MOPC_BANG_ARCH` (default `mtp_270`; `mopc run --bang-arch` sets
it); `compile_model(..., arch=...)` picks it per call.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xdsl.context import Context
    from xdsl.dialects.builtin import ModuleOp

ARCH_ENV = "MOPC_BANG_ARCH"


def default_arch() -> str:
    return os.environ.get(ARCH_ENV) or "mtp_270"


def to_loop(arch: str, *, fusion_report: str = "", report_file: str = "") -> str:
    """Graph (or meta-op) level -> loop level, scheduled for `arch`."""
    from mopc.compiler import pipelines

    options = []
    if fusion_report:
        options.append(f"report={fusion_report}")
        if report_file:
            options.append(f'report-file="{report_file}"')
    stages = [pipelines.GRAPH_TO_METAOP, pipelines.SIMPLIFY,
              pipelines.FUSE + (f"{{{' '.join(options)}}}" if options else ""),
              f"bang-schedule{{arch={arch}}}", "pack-constants", "metaop-to-loop"]
    return ",".join(stages)


def pipeline(fusion_report: str = "", report_file: str = "") -> str:
    return to_loop(default_arch(), fusion_report=fusion_report, report_file=report_file)


def generate(module: ModuleOp, ctx: Context, arch: str) -> str:
    """The `.mlu` source of a loop-level module (left unchanged)."""
    from mopc.targets.bang.lower import LoopToBangPass
    from mopc.targets.bang.printer import print_bang

    lowered = module.clone()
    LoopToBangPass(arch=arch).apply(ctx, lowered)
    return print_bang(lowered, arch)


def hardware_levels(module: ModuleOp, ctx: Context) -> list[tuple[str, str]]:
    """The `bang` level after loop-to-bang and the `.mlu` printed from it, from a
    loop-level `module` (left unchanged), for `mopc compile --dump-levels`."""
    from mopc.core.io import print_module
    from mopc.targets.bang.lower import LoopToBangPass
    from mopc.targets.bang.printer import print_bang

    arch = default_arch()
    lowered = module.clone()
    LoopToBangPass(arch=arch).apply(ctx, lowered)
    return [("bang.mlir", print_module(lowered, ctx)), ("mlu", print_bang(lowered, arch))]


def build(module: ModuleOp, ctx: Context, ir_text: str, *, cache: bool = True,
          cache_dir: str | os.PathLike[str] | None = None, arch: str | None = None):
    from mopc.targets.bang.runner import build_runner

    arch = arch or default_arch()
    return build_runner(generate(module, ctx, arch), arch)


def load(path: str | os.PathLike[str]):
    """An exported model's library (the simulator's; its `.mlu` beside it)."""
    from pathlib import Path

    from mopc.targets.bang.runner import BangRunner

    source = Path(path).with_suffix(".mlu")
    text = source.read_text() if source.is_file() else ""
    arch = text.split("\n", 1)[0].removeprefix("// target: ").strip() if text.startswith("// target:") else default_arch()
    return BangRunner(path, arch, text)


def compile_model(model, *, arch: str | None = None, fuse: bool = True, ctx: Context | None = None,
                  function: str | None = None):
    """`mopc.compile(model, "bang")` for a given `arch`; not cached. Without `fuse`, a
    kernel holds the meta-ops of one graph op only (a convolution, a batch norm, a relu:
    every intermediate between graph ops goes through GDRAM), which is what the
    DMA-traffic comparison in docs/bang.md measures. (Leaving `metaop-fuse` out is not
    an option: `metaop-to-loop` lowers kernels only, and one kernel per meta-op would
    materialise a convolution's 7-D product.)"""
    from xdsl.dialects import func
    from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr

    from mopc.compiler import _params, load, run_pipeline
    from mopc.compiler.kernel_calls import kernel_calls
    from mopc.core.evaluate import entry_function, signature_of
    from mopc.core.io import print_module
    from mopc.runtime.model import CompiledModel

    arch = arch or default_arch()
    module, ctx = load(model, ctx)
    signature = signature_of(entry_function(module, function))
    module = module.clone()
    with _fusion_per_graph_op(not fuse):
        run_pipeline(module, ctx, to_loop(arch))
    entry = next(f for f in module.ops if isinstance(f, func.FuncOp) and f.sym_name.data == signature.function)
    abi = entry.attributes["mopc.abi"]
    assert isinstance(abi, DictionaryAttr)
    workspace, naive = abi.data["workspace_bytes"], abi.data["workspace_bytes_without_reuse"]
    assert isinstance(workspace, IntegerAttr) and isinstance(naive, IntegerAttr)
    runner = build(module, ctx, "", arch=arch)
    names = [n.data for n in abi.data["params"].data]  # type: ignore[union-attr]
    return CompiledModel(signature, "bang", runner, signature.function, _params(entry, abi, ctx),
                         workspace.value.data, naive.value.data, print_module(module, ctx), names,
                         kernel_calls(entry))


@contextmanager
def _fusion_per_graph_op(active: bool):
    """`metaop-fuse` merging only meta-ops of one graph op (by their location, which
    each meta-op keeps from its graph op)."""
    if not active:
        yield
        return
    from mopc.passes.metaop import fusion_groups

    original = fusion_groups.group_error

    def per_op(members):
        if len({str(op.location) for op in members}) > 1:
            return "fusion turned off (one graph op per kernel)"
        return original(members)

    fusion_groups.group_error = per_op
    try:
        yield
    finally:
        fusion_groups.group_error = original
