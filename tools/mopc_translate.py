"""`mopc-translate`: print a module in a target language (like `mlir-translate`).

    mopc-translate kernel.mlir --target=llvm -o kernel.ll
    mopc-translate --list-targets

Targets come from `mopc.targets`, xDSL and installed plugins (see docs/architecture.md);
a target takes options as `--target='name{key=value}'`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from io import StringIO

from xdsl.dialects.builtin import ModuleOp

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity
from mopc.tools.common import ChunkedTool, add_common_arguments, run_tool

TOOL = "mopc-translate"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=TOOL, description="Translate IR to a target language.")
    add_common_arguments(parser)
    parser.add_argument("--target", "-t", metavar="NAME{opts}", help="the target to print")
    parser.add_argument("--list-targets", action="store_true", help="list the available targets")
    parser.add_argument("--bang-arch", metavar="ARCH", help="the MLU of --target=bang (mtp_270, mtp_372)")
    return parser


def _error(message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic(Severity.ERROR, message))


class TranslateTool(ChunkedTool):
    name = TOOL

    def prepare(self) -> None:
        from xdsl.utils.arg_spec import parse_spec
        from xdsl.utils.exceptions import ArgSpecParseError

        from mopc.core.registry import all_targets

        text = self.args.target
        if not text:
            raise _error("no --target given (see --list-targets)")
        try:
            spec = parse_spec(text)
        except ArgSpecParseError as err:  # a BaseException in xDSL 0.74: run_tool would miss it
            reason = str(err).strip().splitlines()[-1].strip()
            raise _error(f"malformed --target '{text}': {reason}") from None
        if self.args.bang_arch and spec.name == "bang":
            spec = parse_spec(f"bang{{arch={self.args.bang_arch}}}")
        targets = all_targets()
        if spec.name not in targets:
            available = ", ".join(sorted(targets)) or "none are installed yet"
            raise _error(f"unknown target '{spec.name}' (available: {available})")
        try:
            self.target = targets[spec.name]().from_spec(spec)
        except ValueError as err:  # an unknown or ill-typed option
            raise _error(f"invalid options for target '{spec.name}': {err}") from None

    def emit(self, module: ModuleOp) -> str:
        out = StringIO()
        self.target.emit(self.ctx, module, out)
        return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_targets:
        from mopc.core.registry import all_targets

        def show() -> int:
            print("Available targets:\n" + "\n".join(f"  {t}" for t in sorted(all_targets())))
            return 0

        return run_tool(show, args.debug, TOOL)
    return TranslateTool(args).main()


if __name__ == "__main__":
    sys.exit(main())
