"""Printing IR the way MLIR does where xDSL 0.74 differs in ways users notice.

xDSL prints affine expressions fully parenthesised (`(((d3 * 2) + d5) + -1)`); the
meta-op dialect is mostly index maps, so `MopcPrinter` prints them as MLIR does
(`d3 * 2 + d5 - 1`). The text parses back to the same expressions.
"""

from __future__ import annotations

from xdsl.dialects.builtin import AffineMapAttr, AffineSetAttr
from xdsl.ir import Attribute
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSet,
    AffineSymExpr,
)
from xdsl.printer import Printer

_KEYWORDS = {
    AffineBinaryOpKind.Mul: "*",
    AffineBinaryOpKind.FloorDiv: "floordiv",
    AffineBinaryOpKind.CeilDiv: "ceildiv",
    AffineBinaryOpKind.Mod: "mod",
}


def format_expr(expr: AffineExpr, strong: bool = False) -> str:
    """MLIR's spelling: operands of `*`, `floordiv`, `ceildiv`, `mod` that are themselves
    binary get parentheses; sums print `a - b` for `a + b * -1` and `a - 3` for `a + -3`."""
    match expr:
        case AffineConstantExpr():
            return str(expr.value)
        case AffineDimExpr():
            return f"d{expr.position}"
        case AffineSymExpr():
            return f"s{expr.position}"
        case AffineBinaryOpExpr(kind=AffineBinaryOpKind.Add):
            text = f"{format_expr(expr.lhs)}{_format_addend(expr.rhs)}"
            return f"({text})" if strong else text
        case AffineBinaryOpExpr():
            if expr.kind == AffineBinaryOpKind.Mul and _constant(expr.rhs) == -1:
                return f"-{format_expr(expr.lhs, strong=True)}"
            text = f"{format_expr(expr.lhs, True)} {_KEYWORDS[expr.kind]} {format_expr(expr.rhs, True)}"
            return f"({text})" if strong else text
        case _:
            return str(expr)


def _constant(expr: AffineExpr) -> int | None:
    return expr.value if isinstance(expr, AffineConstantExpr) else None


def _format_addend(expr: AffineExpr) -> str:
    if (value := _constant(expr)) is not None and value < 0:
        return f" - {-value}"
    if isinstance(expr, AffineBinaryOpExpr) and expr.kind == AffineBinaryOpKind.Mul:
        factor = _constant(expr.rhs)
        if factor == -1:
            return f" - {format_expr(expr.lhs, strong=True)}"
        if factor is not None and factor < 0:
            return f" - {format_expr(expr.lhs, strong=True)} * {-factor}"
    return f" + {format_expr(expr)}"


def _dims(num_dims: int, num_symbols: int) -> str:
    dims = "(" + ", ".join(f"d{i}" for i in range(num_dims)) + ")"
    if num_symbols:
        dims += "[" + ", ".join(f"s{i}" for i in range(num_symbols)) + "]"
    return dims


def format_map(m: AffineMap) -> str:
    results = ", ".join(format_expr(r) for r in m.results)
    return f"{_dims(m.num_dims, m.num_symbols)} -> ({results})"


def format_set(s: AffineSet) -> str:
    parts = ", ".join(f"{format_expr(c.lhs)} {c.kind.value} {format_expr(c.rhs)}" for c in s.constraints)
    return f"{_dims(s.num_dims, s.num_symbols)} : ({parts})"


class MopcPrinter(Printer):
    """xDSL's printer with MLIR's spelling of affine maps and integer sets."""

    def print_attribute(self, attribute: Attribute) -> None:
        if isinstance(attribute, AffineMapAttr):
            self.print_string(f"affine_map<{format_map(attribute.data)}>")
        elif isinstance(attribute, AffineSetAttr):
            self.print_string(f"affine_set<{format_set(attribute.data)}>")
        else:
            super().print_attribute(attribute)
