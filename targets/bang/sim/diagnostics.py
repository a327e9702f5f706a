"""Compiler and linker output mapped back to the user's files.

The source pass keeps every line in place and starts each rewritten file with
`#line 1 "<original path>"`, so g++ already names the user's file and line. What
needs mapping is the errors raised inside the simulator's own headers: the
`static_assert` of a builtin the arch lacks fires in `mopcsim_builtins.h`, and the
line that matters is the user's call in the "required from here" line before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos

_LOCATED = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<sev>fatal error|error|warning|note): (?P<msg>.*)$"
)
_REQUIRED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+):\s+required from here")
_UNDEFINED = re.compile(r"undefined reference to [`'](?P<name>[^'`]+)'")
_MULTIPLE = re.compile(r"multiple definition of [`'](?P<name>[^'`]+)'")


class SimBuildError(DiagnosticError):
    """A BANG program that did not compile or link, with the compiler's errors located
    in the user's files (`diagnostics`); `str()` is all of them, MLIR-style."""

    def __init__(self, diagnostics: list[Diagnostic], compiler_output: str = ""):
        super().__init__(diagnostics[0])
        self.diagnostics = diagnostics
        self.compiler_output = compiler_output

    @staticmethod
    def plain(message: str) -> SimBuildError:
        return SimBuildError([Diagnostic(Severity.ERROR, message)])

    def render(self, tool: str = "mopc") -> str:
        sources = _read_sources(d.pos.file for d in self.diagnostics if d.pos is not None)
        return "\n".join(d.render(sources, tool) for d in self.diagnostics)

    def __str__(self) -> str:
        return "\n".join(d.render(tool="") for d in self.diagnostics)


def _read_sources(files: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in set(files):
        try:
            out[name] = Path(name).read_text(errors="replace")
        except OSError:
            pass
    return out


def _is_ours(path: str, our_dirs: tuple[str, ...]) -> bool:
    return path.startswith(our_dirs) or path.startswith("/usr/") or path == "<command-line>"


def map_compiler_output(output: str, our_dirs: tuple[str, ...]) -> list[Diagnostic]:
    """Errors (with their notes) from g++'s stderr, located in user files where possible."""
    diagnostics: list[Diagnostic] = []
    context: SourcePos | None = None
    unlocated = False  # the last error is in our headers and still wants a user location
    for line in output.splitlines():
        if ": In instantiation of" in line or ": In function" in line or "At global scope" in line:
            context = None
            continue
        required = _REQUIRED.match(line)
        if required:
            if not _is_ours(required.group("file"), our_dirs):
                context = SourcePos(required.group("file"), int(required.group("line")), int(required.group("col")))
            continue
        match = _LOCATED.match(line)
        if match:
            severity = match.group("sev")
            message = match.group("msg").removeprefix("static assertion failed: ")
            pos = SourcePos(match.group("file"), int(match.group("line")), int(match.group("col") or 0))
            if severity == "note" and unlocated and "in expansion of macro" in message:
                if not _is_ours(pos.file, our_dirs):  # the outermost expansion is the use
                    diagnostics[-1].pos = pos
                continue
            if _is_ours(pos.file, our_dirs):
                if severity == "note":
                    continue  # notes inside the simulator's headers are noise
                if context is not None:
                    pos = context
                elif severity != "note":
                    unlocated = True
                    diagnostics.append(Diagnostic(Severity.ERROR, message, pos))
                    continue
            if severity == "note":
                if diagnostics:
                    diagnostics[-1].notes.append(Diagnostic(Severity.NOTE, message, pos))
                continue
            if severity == "warning":
                continue
            unlocated = False
            diagnostics.append(Diagnostic(Severity.ERROR, message, pos))
            continue
        undefined = _UNDEFINED.search(line)
        if undefined:
            name = undefined.group("name")
            text = f"undefined reference to '{name}'"
            if re.fullmatch(r"\w+", name):
                text += (" (is the kernel defined in one of the .mlu sources? host code declares kernels "
                         "extern \"C\")")
            if not any(d.message == text for d in diagnostics):
                diagnostics.append(Diagnostic(Severity.ERROR, text))
            continue
        multiple = _MULTIPLE.search(line)
        if multiple:
            text = f"multiple definition of '{multiple.group('name')}'"
            if not any(d.message == text for d in diagnostics):
                diagnostics.append(Diagnostic(Severity.ERROR, text))
    return diagnostics
