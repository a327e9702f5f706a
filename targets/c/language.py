"""What a C-like language is, as tables: `CLanguage`, and `C`, plain C99 for the host.

A C-like target (CUDA C, BANG C, plain C) differs from the others mostly in names:
what `f32` is called, which function computes `exp` on it, what marks a kernel, what
marks a buffer in on-chip memory, how a barrier is spelled. Those names live in the
tables of a `CLanguage`; `emitter.CEmitter` does the rest the same way for all.

Keys are MLIR names: types by `type_key()` (`f32`, `i1`, `index`...), operations by
their full name (`arith.addf`), memory spaces by `memory_space_key()` (the integer or
string of the memref's memory-space attribute, e.g. `3` or `nram`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from xdsl.dialects.builtin import AnyFloat, IndexType, IntegerAttr, IntegerType, StringAttr
from xdsl.ir import Attribute

if TYPE_CHECKING:
    from xdsl.ir import Operation

    from mopc.targets.c.emitter import CEmitter
    from mopc.targets.c.expressions import Expr

IntrinsicTemplate = str | Callable[["CEmitter", "Operation", list["Expr"]], str]
"""How a target-specific op is printed: a `str.format` template over its operands
(`{0}`, `{1}`...) and its properties/attributes by name (`{dimension}`, rendered by
`CEmitter.attribute_text`), or a function `(emitter, op, operand expressions) -> text`.
An op with a result gives an expression; an op without one, a statement (`;` added)."""


def type_key(t: Attribute) -> str:
    """`f32`, `f16`, `f64`, `bf16`, `i1`, `i8`, `i32`, `i64`, `index`; '' if not scalar."""
    if isinstance(t, IndexType):
        return "index"
    if isinstance(t, IntegerType):
        return f"i{t.width.data}"
    if isinstance(t, AnyFloat):
        return "bf16" if t.name == "bf16" else f"f{t.bitwidth}"
    return ""


def memory_space_key(space: Attribute | None) -> str:
    """The key of a memref's memory space in `CLanguage.memory_spaces` ('' = default)."""
    if space is None or type(space).__name__ == "NoneAttr":
        return ""
    if isinstance(space, IntegerAttr):
        value = space.value.data
        return "" if value == 0 else str(value)
    if isinstance(space, StringAttr):
        return space.data
    return str(space)


# Functions on floats, by type: `{type key: C function}`.
def _libm(name: str) -> dict[str, str]:
    return {"f32": f"{name}f", "f64": name}


C_TYPES: dict[str, str] = {
    "f32": "float", "f64": "double", "i1": "bool", "i8": "int8_t", "i16": "int16_t",
    "i32": "int32_t", "i64": "int64_t", "index": "int64_t",
}

INFIX: dict[str, str] = {
    "arith.addf": "+", "arith.subf": "-", "arith.mulf": "*", "arith.divf": "/",
    "arith.addi": "+", "arith.subi": "-", "arith.muli": "*", "arith.divsi": "/", "arith.remsi": "%",
    "arith.divui": "/", "arith.remui": "%",
    "arith.andi": "&", "arith.ori": "|", "arith.xori": "^", "arith.shli": "<<", "arith.shrsi": ">>",
}
"""Binary ops that are one C operator on every type they take."""

FUNCTIONS: dict[str, dict[str, str]] = {
    "arith.maximumf": _libm("fmax"), "arith.minimumf": _libm("fmin"),
    "arith.maxnumf": _libm("fmax"), "arith.minnumf": _libm("fmin"),
    "arith.maxsi": {"*": "mopc_max"}, "arith.minsi": {"*": "mopc_min"},
    "arith.floordivsi": {"*": "mopc_floordiv"}, "arith.ceildivsi": {"*": "mopc_ceildiv"},
    "math.exp": _libm("exp"), "math.exp2": _libm("exp2"), "math.log": _libm("log"),
    "math.log2": _libm("log2"), "math.log10": _libm("log10"), "math.sqrt": _libm("sqrt"),
    "math.rsqrt": {"f32": "mopc_rsqrtf", "f64": "mopc_rsqrt"}, "math.tanh": _libm("tanh"),
    "math.erf": _libm("erf"), "math.floor": _libm("floor"), "math.ceil": _libm("ceil"),
    "math.roundeven": _libm("rint"), "math.round": _libm("round"), "math.trunc": _libm("trunc"),
    "math.sin": _libm("sin"), "math.cos": _libm("cos"), "math.tan": _libm("tan"),
    "math.powf": _libm("pow"), "math.absf": _libm("fabs"), "math.fma": _libm("fma"),
    "math.atan": _libm("atan"), "math.sinh": _libm("sinh"), "math.cosh": _libm("cosh"),
}
"""Ops that are a function call, by the type of their result (`*`: any type)."""

CMPF: dict[str, tuple[str, bool]] = {
    # predicate -> (operator, negated): an unordered compare is true on NaN, so it is the
    # negation of the ordered opposite (`ult` is `!(a >= b)`).
    "oeq": ("==", False), "ogt": (">", False), "oge": (">=", False), "olt": ("<", False),
    "ole": ("<=", False), "one": ("!=", False), "ueq": ("!=", True), "ugt": ("<=", True),
    "uge": ("<", True), "ult": (">=", True), "ule": (">", True), "une": ("!=", False),
}
CMPF_CONSTANT = {"false": "false", "true": "true"}
CMPI: dict[str, str] = {
    "eq": "==", "ne": "!=", "slt": "<", "sle": "<=", "sgt": ">", "sge": ">=",
    "ult": "<", "ule": "<=", "ugt": ">", "uge": ">=",
}

HELPERS: dict[str, str] = {
    "mopc_min": "{q} int64_t mopc_min(int64_t a, int64_t b) {{ return a < b ? a : b; }}",
    "mopc_max": "{q} int64_t mopc_max(int64_t a, int64_t b) {{ return a > b ? a : b; }}",
    "mopc_floordiv": "{q} int64_t mopc_floordiv(int64_t a, int64_t b) "
                     "{{ int64_t q = a / b; return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q; }}",
    "mopc_ceildiv": "{q} int64_t mopc_ceildiv(int64_t a, int64_t b) "
                    "{{ int64_t q = a / b; return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q; }}",
    "mopc_rsqrtf": "{q} float mopc_rsqrtf(float x) {{ return 1.0f / sqrtf(x); }}",
    "mopc_rsqrt": "{q} double mopc_rsqrt(double x) {{ return 1.0 / sqrt(x); }}",
}
"""Functions some ops print as (MLIR's floor/ceil division), by name; the prelude
defines those a module uses (`{q}` is the language's `helper_qualifier`). A language
that has its own (CUDA's `rsqrtf`) maps the op to it instead."""


@dataclass(frozen=True)
class CLanguage:
    """The tables of one C-like language. Derive one with `dataclasses.replace` or
    `CLanguage.extend(...)` from `C`."""

    name: str
    """Used in messages: "the CUDA printer cannot print ..."."""
    types: Mapping[str, str] = field(default_factory=lambda: dict(C_TYPES))
    float_literals: Mapping[str, str] = field(default_factory=lambda: {"f32": "{}f", "f64": "{}"})
    """`{type key: template}` for float constants (`{}` is the decimal text)."""
    infinity: Mapping[str, str] = field(default_factory=lambda: {"f32": "INFINITY", "f64": "((double)INFINITY)"})
    nan: Mapping[str, str] = field(default_factory=lambda: {"f32": "NAN", "f64": "((double)NAN)"})
    infix: Mapping[str, str] = field(default_factory=lambda: dict(INFIX))
    functions: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: dict(FUNCTIONS))
    intrinsics: Mapping[str, IntrinsicTemplate] = field(default_factory=dict)
    """Target ops (ids, barriers, vector builtins) -> how they print."""
    pure_intrinsics: frozenset[str] = frozenset()
    """Intrinsics without side effects: their results may be inlined where used."""
    function_qualifiers: Mapping[str, str] = field(default_factory=lambda: {
        "kernel": "", "entry": "", "function": "",
    })
    """By role (`CEmitter.function_role`): e.g. `kernel: 'extern "C" __global__'`."""
    memory_spaces: Mapping[str, str] = field(default_factory=dict)
    """Memory-space key (`memory_space_key`) -> declaration qualifier (`__shared__`)."""
    restrict: str = "restrict"
    helper_qualifier: str = "static inline"
    includes: tuple[str, ...] = ("<math.h>", "<stdbool.h>", "<stdint.h>")
    reserved_symbols: Mapping[str, str] = field(default_factory=lambda: {"main": "mopc_main"})
    """Function names C gives a meaning to, and what they are printed as."""
    comment: str = ""
    """A first line for the file (a comment saying where it came from)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Anything else a target's emitter wants to look up."""

    def extend(self, name: str | None = None, **tables: Any) -> CLanguage:
        """A copy with some tables merged into (mapping fields) or replacing (others)
        this language's: `C.extend("CUDA C", intrinsics={...}, functions={...})`."""
        changes: dict[str, Any] = {}
        for key, value in tables.items():
            current = getattr(self, key)
            if isinstance(current, Mapping) and isinstance(value, Mapping):
                changes[key] = {**current, **value}
            else:
                changes[key] = value
        if name is not None:
            changes["name"] = name
        return replace(self, **changes)


C = CLanguage(name="C")
"""C99 for the host compiler (what `mopc-translate --target=c` prints)."""
