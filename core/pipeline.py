"""Pass pipelines: MLIR's nested syntax and xDSL's flat syntax, parsed and run.

    builtin.module(func.func(canonicalize,cse),graph-to-metaop)     # MLIR, nested
    canonicalize,graph-to-metaop{opt=1 other=a,b}                    # xDSL, flat

A nested `anchor(...)` runs its passes on every op named `anchor` (each is moved into
a scratch module for the duration, so a pass sees only that op, as MLIR's op-anchored
pass managers do); `builtin.module(...)` at the top is the module itself, and `any(...)`
anchors on each op directly inside the current scope. Pass options use xDSL's
`{key=value ...}` form. Errors point into the pipeline text.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.utils.arg_spec import parse_spec
from xdsl.utils.exceptions import ArgSpecParseError, DiagnosticException

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos
from mopc.core.verifier import verify_module

PIPELINE_SOURCE = "<pass-pipeline>"
"""The source name under which pipeline-text errors are reported."""

_NAME = re.compile(r"[A-Za-z0-9_.$-]+")


@dataclass(frozen=True)
class PassStep:
    instance: ModulePass
    column: int  # where the pass is named in the pipeline text (1-based)

    @property
    def name(self) -> str:
        return self.instance.name


@dataclass(frozen=True)
class NestedStep:
    anchor: str
    steps: tuple[PassStep | NestedStep, ...]
    column: int = 1  # where the anchor is named in the pipeline text (1-based)


Step = PassStep | NestedStep


def pipeline_error(text: str, column: int, message: str) -> DiagnosticError:
    return DiagnosticError(Diagnostic(Severity.ERROR, message, SourcePos(PIPELINE_SOURCE, 1, column)))


class _PipelineParser:
    def __init__(self, text: str, available: dict[str, Callable[[], type[ModulePass]]]):
        self.text = text
        self.pos = 0
        self.available = available
        self.depth = 0
        self.top_modules: list[int] = []  # where top-level `builtin.module(` anchors start

    def fail(self, message: str, pos: int | None = None) -> DiagnosticError:
        return pipeline_error(self.text, (self.pos if pos is None else pos) + 1, message)

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def elements(self, closing: str) -> list[Step]:
        steps: list[Step] = []
        self.skip_spaces()
        if self.peek() == closing:
            return steps
        while True:
            steps.append(self.element())
            self.skip_spaces()
            if self.peek() == ",":
                self.pos += 1
                continue
            if self.peek() == closing:
                return steps
            expected = "',' or ')'" if closing == ")" else "',' or the end of the pipeline"
            raise self.fail(f"expected {expected}")

    def element(self) -> Step:
        self.skip_spaces()
        start = self.pos
        match = _NAME.match(self.text, self.pos)
        if match is None:
            raise self.fail("expected a pass name or an op anchor such as 'func.func('")
        name = match.group()
        self.pos = match.end()
        if self.peek() == "(":
            if name == "builtin.module" and self.depth == 0:
                self.top_modules.append(start)
            self.pos += 1
            self.depth += 1
            inner = self.elements(")")
            self.depth -= 1
            self.pos += 1  # the ')'
            return NestedStep(name, tuple(inner), start + 1)
        options = ""
        if self.peek() == "{":
            end = self._matching_brace(self.pos)
            options = self.text[self.pos : end + 1]
            self.pos = end + 1
        return self._instantiate(name, options, start)

    def _matching_brace(self, start: int) -> int:
        quoted = False
        for index in range(start, len(self.text)):
            char = self.text[index]
            if char == '"' and self.text[index - 1] != "\\":
                quoted = not quoted
            elif char == "}" and not quoted:
                return index
        raise self.fail("unterminated pass options: missing '}'", start)

    def _instantiate(self, name: str, options: str, start: int) -> PassStep:
        factory = self.available.get(name)
        if factory is None:
            close = _close_matches(name, self.available)
            hint = f" (did you mean {close}?)" if close else " (see --list-passes)"
            raise self.fail(f"'{name}' does not refer to a registered pass{hint}", start)
        try:
            spec = parse_spec(name + options)
            cls = factory()
            known = [f.name for f in dataclasses.fields(cls)]
            for key in spec.parameters:
                if key.replace("-", "_") not in known:
                    listed = ", ".join(k.replace("_", "-") for k in known) or "none"
                    raise self.fail(f"unknown option '{key}' for pass '{name}' (options: {listed})", start)
            return PassStep(cls.from_spec(spec), start + 1)
        except ArgSpecParseError as err:  # a BaseException in xDSL 0.74
            # Its text is "...:\npass-pipeline:1:COL\n<spec>\n<caret>\n<reason>": point at COL.
            lines = str(err).strip().splitlines()
            col = re.search(r":(\d+)$", lines[1]) if len(lines) > 1 else None
            at = start + int(col.group(1)) - 1 if col else start
            raise self.fail(f"malformed options of pass '{name}': {lines[-1].strip()}", at) from None
        except (ValueError, TypeError) as err:
            raise self.fail(f"invalid options for pass '{name}': {err}", start) from None


def _close_matches(name: str, available: dict[str, object]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(available), n=3, cutoff=0.7)
    return ", ".join(f"'{c}'" for c in close)


def parse_pipeline(text: str, available: dict[str, Callable[[], type[ModulePass]]]) -> tuple[Step, ...]:
    """Parse either syntax; a top-level `builtin.module(...)` wraps the root module."""
    parser = _PipelineParser(text, available)
    steps = parser.elements("")
    parser.skip_spaces()
    if parser.pos != len(text):
        raise parser.fail("unexpected text after the pipeline")
    if parser.top_modules and len(steps) > 1:  # it would anchor on nested modules: a no-op
        raise parser.fail(
            "a top-level 'builtin.module(...)' must enclose the whole pipeline",
            parser.top_modules[0],
        )
    if len(steps) == 1 and isinstance(steps[0], NestedStep) and steps[0].anchor == "builtin.module":
        return steps[0].steps
    return tuple(steps)


def iter_passes(steps: tuple[Step, ...]) -> Iterator[PassStep]:
    for step in steps:
        if isinstance(step, PassStep):
            yield step
        else:
            yield from iter_passes(step.steps)


@dataclass
class Instrumentation:
    """Hooks around every pass; the default does nothing."""

    before: Callable[[PassStep, ModuleOp], None] = lambda step, scope: None
    after: Callable[[PassStep, ModuleOp, float], None] = lambda step, scope, seconds: None
    failed: Callable[[PassStep, ModuleOp], None] = lambda step, scope: None


@dataclass
class PassFailure(Exception):
    """A pass (or the verification after it) failed; carries the located diagnostic."""

    step: PassStep
    position: int
    total: int
    diagnostic: Diagnostic
    internal: BaseException | None = None

    def __str__(self) -> str:
        return self.diagnostic.message


@dataclass
class PipelineRunner:
    steps: tuple[Step, ...]
    verify_each: bool = True
    instrumentation: Instrumentation = field(default_factory=Instrumentation)

    def run(self, ctx: Context, module: ModuleOp) -> None:
        self._count = sum(1 for _ in iter_passes(self.steps))
        self._index = 0
        self._run_steps(ctx, module, self.steps)

    def _run_steps(self, ctx: Context, scope: ModuleOp, steps: tuple[Step, ...]) -> None:
        for step in steps:
            if isinstance(step, PassStep):
                self._run_pass(ctx, scope, step)
            else:
                if step.anchor != "any" and ctx.get_optional_op(step.anchor) is None:
                    raise pipeline_error(
                        "", step.column,
                        f"'{step.anchor}' is not a registered operation to anchor passes on "
                        "(e.g. 'func.func', 'builtin.module' or 'any')",
                    )
                for anchored in _anchored_ops(scope, step.anchor):
                    with _scratch_module(anchored) as scratch:
                        self._run_steps(ctx, scratch, step.steps)

    def _run_pass(self, ctx: Context, scope: ModuleOp, step: PassStep) -> None:
        self._index += 1
        hooks = self.instrumentation
        hooks.before(step, scope)
        start = time.perf_counter()
        try:
            step.instance.apply(ctx, scope)
            if self.verify_each:
                verify_module(scope)
        except DiagnosticError as err:
            hooks.failed(step, scope)
            raise PassFailure(step, self._index, self._count, err.diagnostic) from err
        except DiagnosticException as err:  # how xDSL's passes fail (PassFailedException)
            hooks.failed(step, scope)
            diagnostic = Diagnostic(Severity.ERROR, str(err).strip())
            raise PassFailure(step, self._index, self._count, diagnostic) from err
        except Exception as err:  # a bug in a pass: report it, keep the traceback for --debug
            hooks.failed(step, scope)
            message = f"internal error in pass '{step.name}': {type(err).__name__}: {err}"
            raise PassFailure(
                step, self._index, self._count, Diagnostic(Severity.ERROR, message), err
            ) from err
        hooks.after(step, scope, time.perf_counter() - start)


def _anchored_ops(scope: ModuleOp, anchor: str) -> list[Operation]:
    if anchor == "any":
        return list(scope.ops)
    return [op for op in scope.walk() if op.name == anchor and op is not scope]


class _scratch_module:
    """Move `op` into a fresh module for the duration of a `with`, then put whatever
    the passes left in its place back where `op` was."""

    def __init__(self, op: Operation):
        self.op = op

    def __enter__(self) -> ModuleOp:
        block = self.op.parent_block()
        assert block is not None
        self.block, self.anchor = block, self.op.next_op
        self.op.detach()
        self.scratch = ModuleOp([self.op])
        return self.scratch

    def __exit__(self, *exc: object) -> None:
        for op in list(self.scratch.ops):
            op.detach()
            if self.anchor is not None:
                self.block.insert_op_before(op, self.anchor)
            else:
                self.block.add_op(op)
