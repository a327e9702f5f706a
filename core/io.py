"""Reading and writing `.mlir` files together with their parameters."""

from __future__ import annotations

import os
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, StringAttr

from mopc.core.context import make_context, resources_of
from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos
from mopc.core.parsing import parse_module
from mopc.core.printing import MopcPrinter
from mopc.core.resources import PARAMS_ATTR, ResourceError


def read_source(path: str | os.PathLike[str]) -> str:
    """The text of a file (`-` is stdin); a missing file is a located error."""
    if str(path) == "-":
        import sys

        return sys.stdin.read()
    try:
        return Path(path).read_text()
    except OSError as err:
        reason = err.strerror or str(err)
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, f"cannot open input file: {reason}", SourcePos(str(path)))
        ) from None


def attach_params(ctx: Context, module: ModuleOp, base_dir: Path) -> None:
    """Make the module's external parameter file (if it names one) known to `ctx`."""
    attr = module.attributes.get(PARAMS_ATTR)
    if attr is None:
        return
    if not isinstance(attr, StringAttr):
        raise DiagnosticError.at(module, f"'{PARAMS_ATTR}' must be a string (a file path)")
    path = Path(attr.data)
    if not path.is_absolute():
        path = base_dir / path
    try:
        resources_of(ctx).attach_archive(path)
    except ResourceError as err:
        raise DiagnosticError.at(module, str(err)) from None


def load_module(
    path: str | os.PathLike[str], ctx: Context | None = None
) -> tuple[ModuleOp, Context]:
    """Parse a `.mlir` file (and attach its parameter file) into a fresh context."""
    ctx = ctx or make_context()
    name = str(path)
    module = parse_module(ctx, read_source(path), name)
    base = Path(name).parent if name != "-" else Path.cwd()
    attach_params(ctx, module, base)
    return module, ctx


def print_module(
    module: ModuleOp, ctx: Context, *, generic: bool = False, debuginfo: bool = False
) -> str:
    """The text of a module, with the inline blobs it references (if any)."""
    from io import StringIO

    out = StringIO()
    printer = MopcPrinter(stream=out, print_generic_format=generic, print_debuginfo=debuginfo)
    printer.print_op(module)
    printer.print_metadata(ctx.loaded_dialects)
    out.write("\n")
    return out.getvalue()


def save_module(
    module: ModuleOp,
    ctx: Context,
    path: str | os.PathLike[str],
    *,
    params_path: str | os.PathLike[str] | None = None,
    embed_params: bool = False,
) -> None:
    """Write `module` to `path`; its parameters go to `params_path` (an .npz) unless
    `embed_params`, which writes them inline as MLIR blobs. Files appear whole or not
    at all (written to a temporary name, then renamed)."""
    path = Path(path)
    store = resources_of(ctx)
    handles = sorted(_resource_handles(module))
    if handles and not embed_params:
        params = Path(params_path) if params_path else path.with_suffix(".npz")
        store.save_archive(params, handles)
        rel = os.path.relpath(params.resolve(), path.resolve().parent)
        module.attributes[PARAMS_ATTR] = StringAttr(rel)
    elif embed_params:
        module.attributes.pop(PARAMS_ATTR, None)
    store.embed_on_print = embed_params
    try:
        text = print_module(module, ctx)
    finally:
        store.embed_on_print = False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)


def _resource_handles(module: ModuleOp) -> set[str]:
    from xdsl.dialects.builtin import DenseResourceAttr

    handles: set[str] = set()
    for op in module.walk():
        for attr in (*op.properties.values(), *op.attributes.values()):
            if isinstance(attr, DenseResourceAttr):
                handles.add(attr.resource_handle.data)
    return handles
