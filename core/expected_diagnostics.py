"""`--verify-diagnostics` with MLIR's semantics.

A test annotates the input with the diagnostics it expects:

    // expected-error@+1 {{result type tensor<2xf32> does not match}}
    %0 = graph.relu %x : tensor<3xf32>

Designators: none (same line), `@+N` / `@-N` (relative), `@above` / `@below` (the
nearest previous / next line without a designator), `@unknown` (no location). `-re`
makes `{{...}}` groups inside the message regular expressions. Every emitted
diagnostic must match an expectation on its line (the message contains the expected
text) and every expectation must be matched; mismatches are reported as MLIR does:
`unexpected error: ...` and `expected error "..." was not produced`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos

_EXPECTED = re.compile(
    r"expected-(error|note|remark|warning)(-re)? *(@([+-][0-9]+|above|below|unknown))? *\{\{(.*)\}\}"
)


@dataclass
class Expected:
    severity: Severity
    line: int | None  # None: @unknown
    text: str
    regex: re.Pattern[str] | None
    pos: SourcePos
    matched: bool = False

    def matches(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.severity != self.severity:
            return False
        if self.regex is not None:
            return self.regex.search(diagnostic.message) is not None
        return self.text in diagnostic.message


def _regex_of(text: str) -> re.Pattern[str]:
    parts = re.split(r"\{\{(.*?)\}\}", text)
    pattern = "".join(part if index % 2 else re.escape(part) for index, part in enumerate(parts))
    return re.compile(pattern)


def collect_expected(text: str, filename: str) -> list[Expected]:
    lines = text.split("\n")
    designator_lines = {i + 1 for i, line in enumerate(lines) if _EXPECTED.search(line)}
    expectations = []
    for index, line in enumerate(lines):
        number = index + 1
        for match in _EXPECTED.finditer(line):
            kind, is_re, _, where, message = match.groups()
            target: int | None = number
            if where == "unknown":
                target = None
            elif where == "above":
                target = next((n for n in range(number - 1, 0, -1) if n not in designator_lines), 0)
            elif where == "below":
                target = next(
                    (n for n in range(number + 1, len(lines) + 1) if n not in designator_lines), 0
                )
            elif where is not None:
                target = number + int(where)
            pos = SourcePos(filename, number, match.start() + 1)
            try:
                regex = _regex_of(message) if is_re else None
            except re.error as err:  # MLIR: "invalid regex", at the designator
                problem = Diagnostic(Severity.ERROR, f"invalid regex: {err}", pos)
                raise DiagnosticError(problem) from None
            expectations.append(Expected(Severity(kind), target, message, regex, pos))
    return expectations


def check(emitted: list[Diagnostic], expected: list[Expected], filename: str) -> list[Diagnostic]:
    """The errors of the comparison (empty when everything matched)."""
    problems: list[Diagnostic] = []
    for diagnostic in emitted:
        line = diagnostic.pos.line if diagnostic.pos is not None and diagnostic.pos.line else None
        same_file = diagnostic.pos is None or diagnostic.pos.file in (filename, "")
        candidates = [e for e in expected if not e.matched and e.line == line and same_file]
        found = next((e for e in candidates if e.matches(diagnostic)), None)
        if found is not None:
            found.matched = True
            continue
        problems.append(Diagnostic(
            Severity.ERROR, f"unexpected {diagnostic.severity.value}: {diagnostic.message}",
            diagnostic.pos,
        ))
    for e in expected:
        if not e.matched:
            problems.append(Diagnostic(
                Severity.ERROR, f'expected {e.severity.value} "{e.text}" was not produced', e.pos
            ))
    return problems
