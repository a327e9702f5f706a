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
import dataclasses
import sys
from collections.abc import Callable, Sequence

from xdsl.dialects.builtin import ModuleOp

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity
from mopc.tools.common import ChunkedTool, add_common_arguments, run_tool

TOOL = "mopc-opt"


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
    parser.add_argument("--fusion-report", choices=["text", "json"],
                        help="set report=text|json on every metaop-fuse in the pipeline "
                             "(the fusion report goes to stderr unless the pass names a report-file)")
    ir = parser.add_argument_group("IR printing (to stderr)")
    ir.add_argument("--print-ir-before", "--mlir-print-ir-before", metavar="PASSES", default="",
                    help="print the IR before these passes (comma-separated names)")
    ir.add_argument("--print-ir-after", "--mlir-print-ir-after", metavar="PASSES", default="",
                    help="print the IR after these passes")
    ir.add_argument("--print-ir-before-all", "--mlir-print-ir-before-all", action="store_true")
    ir.add_argument("--print-ir-after-all", "--mlir-print-ir-after-all", action="store_true")
    ir.add_argument("--print-ir-after-failure", "--mlir-print-ir-after-failure", action="store_true",
                    help="print the IR as a failing pass left it")
    info = parser.add_argument_group("information")
    info.add_argument("--list-passes", action="store_true", help="list the available passes")
    info.add_argument("--list-dialects", action="store_true", help="list the available dialects")
    info.add_argument("--version", action="store_true", help="print the version")
    return parser


def _selected(spec: str) -> set[str]:
    return {name.strip() for name in spec.split(",") if name.strip()}


class OptTool(ChunkedTool):
    name = TOOL

    def prepare(self) -> None:
        """Parse the pipeline (errors point into its text) and check the print-ir names."""
        from mopc.core.pipeline import parse_pipeline
        from mopc.core.registry import all_passes

        args = self.args
        if args.pass_pipeline is not None and args.passes:
            raise DiagnosticError(Diagnostic(
                Severity.ERROR, "give the pipeline once: --pass-pipeline or -p, not both"))
        text = args.pass_pipeline if args.pass_pipeline is not None else (args.passes or "")
        self.sources["<pass-pipeline>"] = text
        available = all_passes()
        for flag, spec in (("--print-ir-before", args.print_ir_before),
                           ("--print-ir-after", args.print_ir_after)):
            unknown = sorted(_selected(spec) - set(available))  # a typo would print nothing
            if unknown:
                raise DiagnosticError(Diagnostic(
                    Severity.ERROR, f"{flag}: '{unknown[0]}' does not refer to a registered pass "
                    "(see --list-passes)"))
        self.steps = parse_pipeline(text, available)
        if args.fusion_report:
            self.steps = _with_option(self.steps, "metaop-fuse", report=args.fusion_report)

    def _instrumentation(self):
        from mopc.core.io import print_module
        from mopc.core.pipeline import Instrumentation

        args = self.args
        before, after = _selected(args.print_ir_before), _selected(args.print_ir_after)

        def dump(title: str, scope: ModuleOp) -> None:
            sys.stderr.write(f"// -----// IR Dump {title} //----- //\n")
            sys.stderr.write(print_module(scope, self.ctx, generic=args.print_op_generic))
            sys.stderr.write("\n")

        def on_before(step, scope: ModuleOp) -> None:
            if args.print_ir_before_all or step.name in before:
                dump(f"Before {step.name}", scope)

        def on_after(step, scope: ModuleOp, seconds: float) -> None:
            if self.timer is not None:
                self.timer.add(step.name, seconds)
            if args.print_ir_after_all or step.name in after:
                dump(f"After {step.name}", scope)

        def on_failed(step, scope: ModuleOp) -> None:
            if args.print_ir_after_failure:
                dump(f"After {step.name} Failed", scope)

        return Instrumentation(on_before, on_after, on_failed)

    def transform(self, module: ModuleOp) -> None:
        from mopc.core.pipeline import PassFailure, PipelineRunner

        args = self.args
        runner = PipelineRunner(self.steps, args.verify_each == "true", self._instrumentation())
        try:
            runner.run(self.ctx, module)
        except PassFailure as failure:
            if failure.internal is not None and args.debug:
                raise failure.internal from None
            diagnostic = failure.diagnostic
            if not args.verify_diagnostics:  # notes would be unexpected diagnostics there
                where = f"{failure.position} of {failure.total} in the pipeline"
                diagnostic.notes.append(
                    Diagnostic(Severity.NOTE, f"in pass '{failure.step.name}' ({where})"))
                if failure.internal is not None:
                    diagnostic.notes.append(Diagnostic(Severity.NOTE, "rerun with --debug for a traceback"))
            raise DiagnosticError(diagnostic) from None

    def emit(self, module: ModuleOp) -> str:
        from mopc.core.io import print_module

        args = self.args
        return print_module(module, self.ctx, generic=args.print_op_generic,
                            debuginfo=args.print_debuginfo)


def _with_option(steps: tuple, pass_name: str, **options: str) -> tuple:
    """The pipeline with `options` set on every instance of `pass_name` (the steps and
    the passes are frozen dataclasses)."""
    from mopc.core.pipeline import NestedStep

    def rebuild(step):
        if isinstance(step, NestedStep):
            return dataclasses.replace(step, steps=_with_option(step.steps, pass_name, **options))
        if step.name != pass_name:
            return step
        return dataclasses.replace(step, instance=dataclasses.replace(step.instance, **options))

    return tuple(rebuild(step) for step in steps)


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


def version(tool: str = TOOL) -> str:
    from importlib.metadata import version as dist_version

    import mopc

    return f"{tool} {mopc.__version__} (xdsl {dist_version('xdsl')}, Python {sys.version.split()[0]})"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    def info() -> int:
        if args.version:
            print(version())
        elif args.list_passes:
            print(list_passes())
        else:
            from mopc.core.registry import all_dialects

            print("Available dialects:\n" + "\n".join(f"  {d}" for d in sorted(all_dialects())))
        return 0

    if args.version or args.list_passes or args.list_dialects:
        return run_tool(info, args.debug, TOOL)
    return OptTool(args).main()


if __name__ == "__main__":
    sys.exit(main())
