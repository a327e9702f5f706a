"""What mopc's command-line tools share: common flags, the per-chunk driver loop
(`--split-input-file`, `--verify-diagnostics`), timing, output writing and the rule
that users see located errors, never Python tracebacks (unless `--debug`)."""

from __future__ import annotations

import argparse
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Input/output and diagnostic flags shared by mopc-opt and mopc-translate."""
    parser.add_argument("input", nargs="?", default="-", help="input .mlir file ('-' for stdin)")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="output file (default: stdout)")
    parser.add_argument("--split-input-file", action="store_true",
                        help="process each '// -----' separated chunk independently")
    parser.add_argument("--verify-diagnostics", action="store_true",
                        help="check emitted diagnostics against 'expected-*' comments (MLIR semantics)")
    parser.add_argument("--allow-unregistered-dialect", action="store_true",
                        help="accept operations of unregistered dialects")
    parser.add_argument("--timing", "--mlir-timing", action="store_true",
                        help="report the time spent parsing, in each pass and printing")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")


@dataclass
class Timer:
    """Wall time per named step; repeated names (a pass run once per function, the
    parser once per chunk) add up into one line, as in MLIR's report."""

    entries: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.entries[name] = self.entries.get(name, 0.0) + seconds

    def report(self, total: float) -> str:
        bar = "===" + "-" * 73 + "==="
        lines = [bar, "Execution time report".center(79), bar,
                 f"  Total Execution Time: {total:.4f} seconds", "",
                 "  ----Wall Time----  ----Name----"]
        for name, seconds in self.entries.items():
            share = 100.0 * seconds / total if total else 0.0
            lines.append(f"  {seconds:8.4f} ({share:5.1f}%)  {name}")
        lines.append(f"  {total:8.4f} (100.0%)  Total")
        return "\n".join(lines)


def timed(timer: Timer | None, name: str, fn: Callable[[], object]) -> object:
    start = time.perf_counter()
    try:
        return fn()
    finally:
        if timer is not None:
            timer.add(name, time.perf_counter() - start)


def write_output(text: str, path: str | None) -> None:
    """Write to stdout, or to `path` whole (a temporary file renamed into place)."""
    if path is None or path == "-":
        sys.stdout.write(text)
        return
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(text)
        tmp.replace(target)
    except OSError as err:  # a missing directory, no permission: the user's error, not ours
        tmp.unlink(missing_ok=True)
        reason = err.strerror or str(err)
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, f"cannot open output file: {reason}", SourcePos(path))
        ) from None


def run_tool(main_fn: Callable[[], int], debug: bool, tool: str) -> int:
    """Turn anything a user can cause into a clean message; tracebacks only with --debug."""
    try:
        return main_fn()
    except DiagnosticError as err:
        print(err.diagnostic.render(tool=tool), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mopc-opt --list-passes | head`: the reader left
        sys.stderr.close()
        return 0
    except Exception as err:
        if debug:
            raise
        print(f"{tool}: internal error: {type(err).__name__}: {err}\n"
              f"{tool}: rerun with --debug for a traceback", file=sys.stderr)
        return 2


class ChunkedTool(ABC):
    """Read the input, process each chunk (or the whole file), then report.

    A subclass says how one parsed and verified module becomes output (`transform` +
    `emit`). Diagnostics are printed with their source lines, or checked against the
    chunk's `expected-*` comments under `--verify-diagnostics`; the output file is
    written only when everything succeeded.
    """

    name: str = "mopc"

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.sources: dict[str, str] = {}
        self.timer = Timer() if args.timing else None
        self.ctx: Context | None = None

    def prepare(self) -> None:
        """Check the options before any input is read (may raise DiagnosticError)."""

    def transform(self, module: ModuleOp) -> None:
        """Work on the parsed, verified module (may raise DiagnosticError)."""

    @abstractmethod
    def emit(self, module: ModuleOp) -> str:
        """The output text for one module."""

    def process(self, text: str, filename: str) -> tuple[str | None, list[Diagnostic]]:
        from mopc.core.context import make_context
        from mopc.core.io import attach_params
        from mopc.core.parsing import parse_module
        from mopc.core.verifier import verify_module

        self.ctx = make_context(allow_unregistered=self.args.allow_unregistered_dialect)
        try:
            module = timed(self.timer, "Parser", lambda: parse_module(self.ctx, text, filename))
            base = Path(filename).parent if filename != "<stdin>" else Path.cwd()
            attach_params(self.ctx, module, base)
            timed(self.timer, "Verifier", lambda: verify_module(module))
            self.transform(module)
            output = timed(self.timer, "Output", lambda: self.emit(module))
        except DiagnosticError as err:
            return None, [err.diagnostic]
        return output, []

    def run(self) -> int:
        from mopc.core.expected_diagnostics import check, collect_expected
        from mopc.core.io import read_source
        from mopc.core.parsing import split_input

        args = self.args
        start = time.perf_counter()
        self.prepare()
        text = read_source(args.input)
        filename = "<stdin>" if args.input == "-" else args.input  # MLIR's name for stdin
        self.sources[filename] = text
        chunks = [c.text for c in split_input(text)] if args.split_input_file else [text]
        outputs: list[str] = []
        problems: list[Diagnostic] = []
        for chunk in chunks:
            if args.split_input_file and not chunk.strip():
                outputs.append("builtin.module {\n}\n")
                continue
            output, diagnostics = self.process(chunk, filename)
            if output is not None:
                outputs.append(output)
            if not args.verify_diagnostics:
                problems += diagnostics
                continue
            try:
                expected = collect_expected(chunk, filename)
            except DiagnosticError as err:  # an invalid regex: this chunk's problem only
                problems.append(err.diagnostic)
                continue
            problems += check(diagnostics, expected, filename)
        for problem in problems:
            print(problem.render(self.sources, self.name), file=sys.stderr)
        if not problems:
            write_output("// -----\n".join(outputs), args.output_file)
        if self.timer is not None:
            print(self.timer.report(time.perf_counter() - start), file=sys.stderr)
        return 1 if problems else 0

    def main(self) -> int:
        def go() -> int:
            try:
                return self.run()
            except DiagnosticError as err:  # options or I/O: render with its source
                print(err.diagnostic.render(self.sources, self.name), file=sys.stderr)
                return 1

        return run_tool(go, self.args.debug, self.name)
