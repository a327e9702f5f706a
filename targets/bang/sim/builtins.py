"""Which BANG builtins exist on which architecture, read from the per-arch lists.

`data/builtins-<arch>.txt` are the lists beside bang-c.md: every device builtin that
survives preprocessing Cambricon's CNToolkit 3.6 device headers with
`-D__BANG_ARCH__=<n>`, one C signature per line, and a last line naming the builtins
those headers define as macros (`<n> ['__bang_float2half_rd', ...]`). This module
parses them into `BuiltinTable`s; the code generator declares exactly these overloads,
so a kernel that calls something its architecture lacks fails to compile.

`EXTRA_BUILTINS` adds what the 3.6 headers miss but newer toolkits ship, each with the
source that shows it exists.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# __sync_io and friends are used throughout mlu-ops HEAD and the BANG C ops guide
# (section 4.2) on MLU370; they are not in the CNToolkit 3.6 headers (bang-c.md 2.4).
EXTRA_BUILTINS: dict[str, tuple[str, ...]] = {
    "mtp_372": ("void __sync_io()", "void __sync_move()", "void __sync_io_move_compute()"),
}


@dataclass(frozen=True)
class Param:
    type: str
    """Normalised C type: `float*`, `const void*`, `int`, `mluMemcpyDirection_t`."""
    name: str

    @property
    def is_pointer(self) -> bool:
        return self.type.endswith("*")

    @property
    def pointee(self) -> str:
        return self.type.removesuffix("*").removeprefix("const ").strip()


@dataclass(frozen=True)
class Signature:
    ret: str
    name: str
    params: tuple[Param, ...]

    def declaration(self) -> str:
        params = ", ".join(f"{p.type} {p.name}" for p in self.params)
        return f"{self.ret} {self.name}({params})"


@dataclass
class BuiltinTable:
    """The builtins of one architecture."""

    arch: str
    functions: dict[str, list[Signature]] = field(default_factory=dict)
    """Builtins defined as functions, with every overload."""
    macros: set[str] = field(default_factory=set)
    """Builtins the headers define as macros (no signature in the list)."""

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.functions) | frozenset(self.macros)

    def __contains__(self, name: object) -> bool:
        return name in self.functions or name in self.macros


_SIGNATURE = re.compile(r"^(?P<ret>[\w\s\*]+?)\s*\b(?P<name>__\w+)\((?P<params>.*)\)\s*$")
_MACRO_LINE = re.compile(r"^\d+\s+(\[.*\])\s*$")


def _normalise_type(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"\s*\*\s*", "*", text)
    return text


def parse_param(text: str) -> Param:
    text = text.split("=")[0].strip()  # default arguments (`overlap = OVERLAP_ACC`)
    match = re.match(r"^(?P<type>.*?)(?P<name>\w+)$", text)
    if match is None or not match.group("type").strip():
        raise ValueError(f"cannot parse parameter '{text}'")
    return Param(_normalise_type(match.group("type")), match.group("name"))


def parse_signature(line: str) -> Signature:
    match = _SIGNATURE.match(line.strip())
    if match is None:
        raise ValueError(f"cannot parse builtin signature '{line}'")
    params_text = match.group("params").strip()
    params = tuple(parse_param(p) for p in params_text.split(",")) if params_text else ()
    return Signature(_normalise_type(match.group("ret")), match.group("name"), params)


def parse_table(arch: str, text: str) -> BuiltinTable:
    table = BuiltinTable(arch)
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        macro = _MACRO_LINE.match(line)
        if macro is not None:
            table.macros.update(ast.literal_eval(macro.group(1)))
            continue
        signature = parse_signature(line)
        table.functions.setdefault(signature.name, []).append(signature)
    for line in EXTRA_BUILTINS.get(arch, ()):
        signature = parse_signature(line)
        table.functions.setdefault(signature.name, []).append(signature)
    return table


@cache
def builtin_table(arch: str) -> BuiltinTable:
    """The parsed list of `arch` (`mtp_270`, `mtp_372`)."""
    path = DATA / f"builtins-{arch}.txt"
    return parse_table(arch, path.read_text())


def available(arch: str) -> frozenset[str]:
    """Names of every builtin that exists on `arch` (functions and macros)."""
    return builtin_table(arch).names


def list_sources() -> list[Path]:
    """The list files, for cache keys."""
    return sorted(DATA.glob("builtins-*.txt"))
