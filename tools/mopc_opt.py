"""`mopc-opt`: parse `.mlir`, run a pass pipeline, print the result (like `mlir-opt`).

    mopc-opt model.mlir --pass-pipeline='builtin.module(func.func(canonicalize),graph-to-metaop)'
    mopc-opt model.mlir -p 'graph-to-metaop,cse' -o lowered.mlir
    mopc-opt invalid.mlir --split-input-file --verify-diagnostics

Every user error (malformed IR, unknown op or pass, a verifier or pass failure, an
empty file) prints `file:line:col: error: message` with the offending line and exits 1;
`--debug` adds Python tracebacks for internal errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos

TOOL = "mopc-opt"


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
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=TOOL,
        description="mopc modular optimizer driver: parse .mlir, run passes, print IR.",
    )
    add_common_arguments(parser)
    parser.add_argument("--pass-pipeline", metavar="PIPELINE",
                        help="MLIR-style pipeline, e.g. 'builtin.module(func.func(cse),graph-to-metaop)'")
    parser.add_argument("-p", "--passes", metavar="PIPELINE",
                        help="xDSL-style flat pipeline, e.g. 'graph-to-metaop,cse'")
    parser.add_argument("--print-op-generic", "--mlir-print-op-generic", action="store_true",
                        help="print operations in the generic form")
    parser.add_argument("--print-debuginfo", "--mlir-print-debuginfo", action="store_true",
                        help="print operation locations")
    parser.add_argument("--verify-each", choices=["true", "false"], default="true",
                        help="verify the IR after every pass (default: true)")
    ir = parser.add_argument_group("IR printing (to stderr)")
    ir.add_argument("--print-ir-before", "--mlir-print-ir-before", metavar="PASSES", default="",
                    help="print the IR before these passes (comma-separated names)")
    ir.add_argument("--print-ir-after", "--mlir-print-ir-after", metavar="PASSES", default="",
                    help="print the IR after these passes")
    ir.add_argument("--print-ir-before-all", "--mlir-print-ir-before-all", action="store_true")
    ir.add_argument("--print-ir-after-all", "--mlir-print-ir-after-all", action="store_true")
    ir.add_argument("--print-ir-after-failure", "--mlir-print-ir-after-failure", action="store_true",
                    help="print the IR as a failing pass left it")
    parser.add_argument("--timing", "--mlir-timing", action="store_true",
                        help="report the time spent parsing, in each pass and printing")
    info = parser.add_argument_group("information")
    info.add_argument("--list-passes", action="store_true", help="list the available passes")
    info.add_argument("--list-dialects", action="store_true", help="list the available dialects")
    info.add_argument("--version", action="store_true", help="print the version")
    return parser


# -- timing ----------------------------------------------------------------------------


@dataclass
class Timer:
    entries: list[tuple[str, float]] = field(default_factory=list)

    def add(self, name: str, seconds: float) -> None:
        # One line per name, as MLIR's list view: a pass anchored on every function, or
        # the parser of every --split-input-file chunk, adds up.
        for index, (known, total) in enumerate(self.entries):
            if known == name:
                self.entries[index] = (name, total + seconds)
                return
        self.entries.append((name, seconds))

    def report(self, total: float) -> str:
        bar = "===" + "-" * 73 + "==="
        lines = [bar, "Execution time report".center(79), bar,
                 f"  Total Execution Time: {total:.4f} seconds", "",
                 "  ----Wall Time----  ----Name----"]
        for name, seconds in self.entries:
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


# -- the tool ----------------------------------------------------------------------------


def _selected(spec: str) -> set[str]:
    return {name.strip() for name in spec.split(",") if name.strip()}


class OptTool:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.sources: dict[str, str] = {}
        self.timer = Timer() if args.timing else None

    # Which passes have their IR printed.
    def _hooks(self):
        from mopc.core.io import print_module
        from mopc.core.pipeline import Instrumentation

        args = self.args
        before, after = _selected(args.print_ir_before), _selected(args.print_ir_after)

        def dump(title: str, scope) -> None:
            sys.stderr.write(f"// -----// IR Dump {title} //----- //\n")
            sys.stderr.write(print_module(scope, self.ctx, generic=args.print_op_generic))
            sys.stderr.write("\n")

        def on_before(step, scope) -> None:
            if args.print_ir_before_all or step.name in before:
                dump(f"Before {step.name}", scope)

        def on_after(step, scope, seconds: float) -> None:
            if self.timer is not None:
                self.timer.add(step.name, seconds)
            if args.print_ir_after_all or step.name in after:
                dump(f"After {step.name}", scope)

        def on_failed(step, scope) -> None:
            if args.print_ir_after_failure:
                dump(f"After {step.name} Failed", scope)

        return Instrumentation(on_before, on_after, on_failed)

    def pipeline(self):
        from mopc.core.pipeline import parse_pipeline
        from mopc.core.registry import all_passes

        args = self.args
        text = args.pass_pipeline if args.pass_pipeline is not None else (args.passes or "")
        if args.pass_pipeline is not None and args.passes:
            raise DiagnosticError(Diagnostic(
                Severity.ERROR, "give the pipeline once: --pass-pipeline or -p, not both"))
        self.sources["<pass-pipeline>"] = text
        available = all_passes()
        for flag, spec in (("--print-ir-before", args.print_ir_before),
                           ("--print-ir-after", args.print_ir_after)):
            unknown = sorted(_selected(spec) - set(available))  # a typo would print nothing
            if unknown:
                raise DiagnosticError(Diagnostic(
                    Severity.ERROR, f"{flag}: '{unknown[0]}' does not refer to a registered pass "
                    "(see --list-passes)"))
        return parse_pipeline(text, available)

    def process(self, text: str, filename: str, steps) -> tuple[str | None, list[Diagnostic]]:
        """Parse, verify, transform and print one chunk; diagnostics instead of raising."""
        from mopc.core.context import make_context
        from mopc.core.io import attach_params, print_module
        from mopc.core.parsing import parse_module
        from mopc.core.pipeline import PassFailure, PipelineRunner
        from mopc.core.verifier import verify_module

        args = self.args
        self.ctx = make_context(allow_unregistered=args.allow_unregistered_dialect)
        try:
            module = timed(self.timer, "Parser", lambda: parse_module(self.ctx, text, filename))
            base = Path(filename).parent if filename != "<stdin>" else Path.cwd()
            attach_params(self.ctx, module, base)
            timed(self.timer, "Verifier", lambda: verify_module(module))
            runner = PipelineRunner(steps, args.verify_each == "true", self._hooks())
            runner.run(self.ctx, module)
        except DiagnosticError as err:
            return None, [err.diagnostic]
        except PassFailure as failure:
            if failure.internal is not None and args.debug:
                raise failure.internal
            note = Diagnostic(
                Severity.NOTE,
                f"in pass '{failure.step.name}' ({failure.position} of {failure.total} in the pipeline)",
            )
            diagnostic = failure.diagnostic
            if not args.verify_diagnostics:
                diagnostic.notes.append(note)
                if failure.internal is not None:
                    diagnostic.notes.append(Diagnostic(Severity.NOTE, "rerun with --debug for a traceback"))
            return None, [diagnostic]
        output = timed(self.timer, "Output", lambda: print_module(
            module, self.ctx, generic=args.print_op_generic, debuginfo=args.print_debuginfo))
        return output, []

    def run(self) -> int:
        from mopc.core.expected_diagnostics import check, collect_expected
        from mopc.core.io import read_source
        from mopc.core.parsing import split_input

        args = self.args
        start = time.perf_counter()
        steps = self.pipeline()
        text = read_source(args.input)
        filename = "<stdin>" if args.input == "-" else args.input  # MLIR's name for stdin
        self.sources[filename] = text
        chunks = split_input(text) if args.split_input_file else None
        pieces = [c.text for c in chunks] if chunks else [text]
        outputs: list[str] = []
        problems: list[Diagnostic] = []
        for piece in pieces:
            if chunks and not piece.strip():
                outputs.append("builtin.module {\n}\n")
                continue
            output, diagnostics = self.process(piece, filename, steps)
            if output is not None:
                outputs.append(output)
            if args.verify_diagnostics:
                try:
                    expected = collect_expected(piece, filename)
                except DiagnosticError as err:  # an invalid regex: this chunk's problem only
                    problems.append(err.diagnostic)
                    continue
                problems += check(diagnostics, expected, filename)
            else:
                problems += diagnostics
        for problem in problems:
            print(problem.render(self.sources, TOOL), file=sys.stderr)
        if not problems:
            write_output("// -----\n".join(outputs), args.output_file)
        if self.timer is not None:
            print(self.timer.report(time.perf_counter() - start), file=sys.stderr)
        return 1 if problems else 0


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
        reason = err.strerror or str(err)
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, f"cannot open output file: {reason}", SourcePos(path))
        ) from None


def list_passes() -> str:
    from mopc.core.registry import all_passes, mopc_pass_names

    passes = all_passes()
    ours = mopc_pass_names()
    lines = ["Available passes:", "  mopc:"]
    lines += [f"    {name:32} {_summary(passes[name])}" for name in ours]
    lines.append("  xDSL (upstream):")
    lines += [f"    {name}" for name in sorted(passes) if name not in ours]
    return "\n".join(lines)


def _summary(factory: Callable[[], type]) -> str:
    doc = (factory().__doc__ or "").strip()
    return doc.split("\n")[0] if doc else ""


def version() -> str:
    from importlib.metadata import version as dist_version

    import mopc

    return f"{TOOL} {mopc.__version__} (xdsl {dist_version('xdsl')}, Python {sys.version.split()[0]})"


def run_tool(main_fn: Callable[[], int], debug: bool, tool: str) -> int:
    """Turn anything a user can cause into a clean message; tracebacks only with --debug."""
    try:
        return main_fn()
    except DiagnosticError as err:
        print(err.diagnostic.render(tool=tool), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if debug:
            raise
        print(f"{tool}: internal error: {type(err).__name__}: {err}\n"
              f"{tool}: rerun with --debug for a traceback", file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        print(version())
        return 0
    if args.list_passes:
        print(list_passes())
        return 0
    if args.list_dialects:
        from mopc.core.registry import all_dialects

        print("Available dialects:\n" + "\n".join(f"  {d}" for d in sorted(all_dialects())))
        return 0
    tool = OptTool(args)

    def go() -> int:
        try:
            return tool.run()
        except DiagnosticError as err:  # pipeline text or I/O: render with its source
            print(err.diagnostic.render(tool.sources, TOOL), file=sys.stderr)
            return 1

    return run_tool(go, args.debug, TOOL)


if __name__ == "__main__":
    sys.exit(main())
