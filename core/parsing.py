"""Parsing `.mlir` text with source locations, MLIR style.

xDSL's parser leaves an operation's location unknown unless the text spells `loc(...)`;
MLIR instead gives every parsed op the file:line:col where it starts. `LocatingParser`
does the same, so verifier and pass errors point at the source. Parse errors and empty
input become `DiagnosticError`s.
"""

from __future__ import annotations

import bisect
import re
import struct
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import (
    FileLineColLoc,
    IntAttr,
    ModuleOp,
    StringAttr,
    UnknownLoc,
    UnregisteredOp,
)
from xdsl.ir import Operation
from xdsl.parser import Parser
from xdsl.utils.exceptions import ParseError
from xdsl.utils.lexer import Span
from xdsl.utils.mlir_lexer import MLIRTokenKind

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos

SPLIT_MARKER = "// -----"
_SPLIT_LINE = re.compile(r"\s*// -----+\s*")


class LocatingParser(Parser):
    """An xDSL parser that records `loc("file":line:col)` on every operation it parses."""

    def __init__(self, ctx: Context, text: str, name: str = "<stdin>"):
        super().__init__(ctx, text, name)
        self._file = StringAttr(name)
        self._line_starts = _line_starts(text)

    def parse_operation(self) -> Operation:
        start = self._current_token.span.start
        op = super().parse_operation()
        if isinstance(op.location, UnknownLoc):
            line = bisect.bisect_right(self._line_starts, start)
            col = start - self._line_starts[line - 1] + 1
            op.location = FileLineColLoc(self._file, IntAttr(line), IntAttr(col))
        return op

    def _get_op_by_name(self, name: str) -> type[Operation]:
        # xDSL reports an unknown op one token past its name ("Operation x is not
        # registered", or "builtin.unregistered" for the custom form of an op accepted by
        # --allow-unregistered-dialect); MLIR points at the name and says what is unknown.
        text = self.lexer.input.content
        at = text.rfind(name, 0, self._current_token.span.start)
        generic = at > 0 and text[at - 1] == '"'
        op_type = self.ctx.get_optional_op(name, dialect_stack=self._parser_state.dialect_stack)
        unregistered = op_type is not None and issubclass(op_type, UnregisteredOp)
        if at < 0 or (op_type is not None and (generic or not unregistered)):
            return super()._get_op_by_name(name)
        dialect = name.split(".", 1)[0] if "." in name else ""
        known = dialect in self.ctx.registered_dialect_names or any(
            d.name == dialect for d in self.ctx.loaded_dialects
        )
        message = f"unknown op '{name}'"
        if dialect and known:
            message += f": the '{dialect}' dialect has no such op"
        elif dialect:
            message += f": dialect '{dialect}' is not registered"
        if op_type is not None:
            message += " (an unregistered op must be written in the generic form)"
        elif generic:
            message += " (--allow-unregistered-dialect accepts it)"
        self.raise_error(message, Span(at - generic, at + len(name) + generic, self.lexer.input))

    def parse_optional_float(self, *, allow_negative: bool = True) -> float | None:
        # xDSL prints inf, NaN and some f32 values as hex bit patterns (as MLIR does) but
        # its parser only reads decimal floats, so such values would not round-trip.
        token = self._current_token
        if token.kind == MLIRTokenKind.INTEGER_LIT and token.text[:2].lower() == "0x":
            self._consume_token(MLIRTokenKind.INTEGER_LIT)
            return _float_from_bits(token.text)
        return super().parse_optional_float(allow_negative=allow_negative)


_BIT_PATTERNS = {4: ("<H", "<e"), 8: ("<I", "<f"), 16: ("<Q", "<d")}


def _float_from_bits(text: str) -> float:
    """`0x7F800000` -> inf: the width of the float is the number of hex digits."""
    digits = text[2:]
    if len(digits) not in _BIT_PATTERNS:
        raise ValueError(f"hexadecimal float literal {text} must have 4, 8 or 16 digits")
    int_fmt, float_fmt = _BIT_PATTERNS[len(digits)]
    return struct.unpack(float_fmt, struct.pack(int_fmt, int(digits, 16)))[0]


def parse_module(ctx: Context, text: str, name: str = "<stdin>") -> ModuleOp:
    """Parse a whole `.mlir` text; wraps top-level ops in a module as MLIR does.

    Raises `DiagnosticError` (with a location) for malformed text or empty input.
    """
    if not text.strip() or _only_comments(text):
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, "empty input: expected an operation (e.g. a module)",
                       SourcePos(name, 1, 1))
        )
    parser = LocatingParser(ctx, text, name)
    try:
        return parser.parse_module()
    except ParseError as err:
        raise _parse_diagnostic(err) from err
    except (NotImplementedError, ZeroDivisionError, ArithmeticError) as err:
        # xDSL's affine parser builds expressions eagerly and raises these for text
        # MLIR rejects too (`d0 * d1` is not affine, `d0 floordiv 0`): report them at
        # the token the parser stopped on.
        loc = parser._current_token.span.get_location()
        if isinstance(err, ZeroDivisionError):
            message = "division by zero in an affine expression"
        elif "non-constant" in str(err):
            message = "not an affine expression: a product of two non-constant terms"
        else:
            message = f"not an affine expression: {err}"
        raise DiagnosticError(
            Diagnostic(Severity.ERROR, message, SourcePos(loc.file, loc.line, loc.col))
        ) from err


@dataclass(frozen=True)
class Chunk:
    """One `// -----`-separated piece of a file, padded so line numbers stay true."""

    text: str
    first_line: int


def split_input(text: str) -> list[Chunk]:
    """MLIR's `--split-input-file`: one chunk per `// -----` separated piece.

    Each chunk keeps the full file's line numbering (the other chunks are blanked to
    newlines), so `file:line:col` in diagnostics refers to the original file.
    """
    lines = text.split("\n")
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, line in enumerate(lines):
        if _SPLIT_LINE.fullmatch(line):
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(lines)))
    chunks = []
    for lo, hi in bounds:
        padded = ["" for _ in range(lo)] + lines[lo:hi]
        chunks.append(Chunk("\n".join(padded), lo + 1))
    return chunks


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.strip().startswith("//") for ln in text.split("\n"))


def _parse_diagnostic(err: ParseError) -> DiagnosticError:
    loc = err.span.get_location()
    pos = SourcePos(loc.file, loc.line, loc.col)
    return DiagnosticError(Diagnostic(Severity.ERROR, _clean_message(err.msg), pos))


def _clean_message(msg: str) -> str:
    return msg.strip().rstrip(".") if msg else "parse error"
