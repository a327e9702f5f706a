"""Located diagnostics, printed the way MLIR prints them.

Every error a user can cause is reported as `file:line:col: error: message`, followed
by the offending source line and a caret; model-level errors name the graph node
instead (`model.onnx: node 'conv1': error: ...`). Passes report errors by raising
`DiagnosticError.at(op, "message")`; the tools catch it and print it; no Python
traceback reaches the user unless `--debug` is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from xdsl.dialects.builtin import (
    CallSiteLoc,
    FileLineColLoc,
    FusedLoc,
    NameLoc,
    UnregisteredOp,
)
from xdsl.ir import Attribute, Operation
from xdsl.utils.exceptions import DiagnosticException


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    REMARK = "remark"


@dataclass(frozen=True)
class SourcePos:
    """A point in a source file (1-based line and column), or a named graph node."""

    file: str
    line: int = 0
    col: int = 0
    node: str | None = None

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.file}:{self.line}:{self.col}"
        if self.node is not None:
            return f"{self.file}: node '{self.node}'" if self.file else f"node '{self.node}'"
        return self.file


@dataclass
class Diagnostic:
    severity: Severity
    message: str
    pos: SourcePos | None = None
    notes: list[Diagnostic] = field(default_factory=list["Diagnostic"])

    def render(self, sources: Mapping[str, str] | None = None, tool: str = "") -> str:
        """The MLIR-style text: header line, then the source line with a caret. Without a
        location the line starts with the tool's name (`mopc: error: ...`)."""
        where = f"{self.pos}: " if self.pos is not None else (f"{tool}: " if tool else "")
        lines = [f"{where}{self.severity.value}: {self.message}"]
        context = _source_context(self.pos, sources or {})
        if context:
            lines.extend(context)
        for note in self.notes:
            lines.append(note.render(sources))
        return "\n".join(lines)


class DiagnosticError(DiagnosticException):
    """An error with a location, raised by verifiers, passes and importers."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic

    @staticmethod
    def at(op: Operation | None, message: str) -> DiagnosticError:
        """An error located at `op` (MLIR's `op->emitError()`), prefixed with its name."""
        if op is None:
            return DiagnosticError(Diagnostic(Severity.ERROR, message))
        text = f"'{op_name(op)}' op {message}"
        return DiagnosticError(Diagnostic(Severity.ERROR, text, position_of(op.location)))


def op_name(op: Operation) -> str:
    """The name as written in the IR; xDSL names every op it does not know (parsed with
    `--allow-unregistered-dialect`) `builtin.unregistered` and keeps the real one aside."""
    return op.op_name.data if isinstance(op, UnregisteredOp) else op.name


def position_of(loc: Attribute | None) -> SourcePos | None:
    """The most precise source position an MLIR location attribute carries."""
    match loc:
        case FileLineColLoc():
            return SourcePos(loc.filename.data, loc.line.data, loc.column.data)
        case NameLoc():
            inner = position_of(loc.location)
            if inner is not None and inner.line:
                return inner
            file = inner.file if inner is not None else ""
            return SourcePos(file, node=loc.desc.data)
        case CallSiteLoc():
            return position_of(loc.callee) or position_of(loc.caller)
        case FusedLoc():
            for part in loc.locations.data:  # type: ignore[attr-defined]
                if (pos := position_of(part)) is not None:
                    return pos
            return None
        case _:
            return None


def _source_context(pos: SourcePos | None, sources: Mapping[str, str]) -> list[str]:
    if pos is None or pos.line <= 0 or pos.file not in sources:
        return []
    text_lines = sources[pos.file].split("\n")
    if pos.line > len(text_lines):
        return []
    line = text_lines[pos.line - 1].rstrip("\r")
    if not line.strip():
        return []
    return [line, " " * max(pos.col - 1, 0) + "^"]
