"""`mopc-translate`: print a module in a target language (like `mlir-translate`).

    mopc-translate kernel.mlir --target=llvm -o kernel.ll
    mopc-translate --list-targets

Targets come from `mopc.targets` and installed plugins (see docs/architecture.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from io import StringIO

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity
from mopc.tools.mopc_opt import add_common_arguments, run_tool, write_output

TOOL = "mopc-translate"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=TOOL, description="Translate IR to a target language.")
    add_common_arguments(parser)
    parser.add_argument("--target", "-t", metavar="NAME{opts}", help="the target to print")
    parser.add_argument("--list-targets", action="store_true", help="list the available targets")
    return parser


def translate(args: argparse.Namespace) -> int:
    from xdsl.utils.arg_spec import parse_spec
    from xdsl.utils.exceptions import ArgSpecParseError

    from mopc.core.context import make_context
    from mopc.core.io import load_module
    from mopc.core.registry import all_targets
    from mopc.core.verifier import verify_module

    targets = all_targets()
    if not args.target:
        raise DiagnosticError(Diagnostic(Severity.ERROR, "no --target given (see --list-targets)"))
    try:
        spec = parse_spec(args.target)
    except ArgSpecParseError as err:  # a BaseException in xDSL 0.74: run_tool would miss it
        reason = str(err).strip().splitlines()[-1].strip()
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, f"malformed --target '{args.target}': {reason}")
        ) from None
    if spec.name not in targets:
        available = ", ".join(sorted(targets)) or "none are installed yet"
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, f"unknown target '{spec.name}' (available: {available})")
        )
    try:
        target = targets[spec.name]().from_spec(spec)
    except ValueError as err:  # an unknown or ill-typed option
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, f"invalid options for target '{spec.name}': {err}")
        ) from None
    ctx = make_context(allow_unregistered=args.allow_unregistered_dialect)
    module, ctx = load_module(args.input, ctx)
    verify_module(module)
    out = StringIO()
    target.emit(ctx, module, out)
    write_output(out.getvalue(), args.output_file)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_targets:
        from mopc.core.registry import all_targets

        print("Available targets:\n" + "\n".join(f"  {t}" for t in sorted(all_targets())))
        return 0
    return run_tool(lambda: translate(args), args.debug, TOOL)


if __name__ == "__main__":
    sys.exit(main())
