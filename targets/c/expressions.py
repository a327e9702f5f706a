"""C expressions with their precedence, so the printer parenthesises only when needed.

An `Expr` is C text plus the precedence of its outermost operator (MLIR EmitC's rule):
a sub-expression is wrapped in parentheses only when it binds more loosely than the
place it is put in (and, for the right operand of a left-associative operator, when it
binds equally: `a - (b - c)`).

    >>> add = infix(Expr("a"), "+", Expr("b"))
    >>> infix(add, "*", Expr("c")).text
    '(a + b) * c'
    >>> infix(Expr("c"), "*", add).text
    'c * (a + b)'
"""

from __future__ import annotations

from dataclasses import dataclass

# C operator precedence, loosest to tightest (C11 6.5; the numbers only need to order).
COMMA, ASSIGN, CONDITIONAL, LOGICAL_OR, LOGICAL_AND = 1, 2, 3, 4, 5
BIT_OR, BIT_XOR, BIT_AND, EQUALITY, RELATIONAL = 6, 7, 8, 9, 10
SHIFT, ADDITIVE, MULTIPLICATIVE, UNARY, POSTFIX, PRIMARY = 11, 12, 13, 14, 15, 16

BINARY_PRECEDENCE: dict[str, int] = {
    "*": MULTIPLICATIVE, "/": MULTIPLICATIVE, "%": MULTIPLICATIVE,
    "+": ADDITIVE, "-": ADDITIVE,
    "<<": SHIFT, ">>": SHIFT,
    "<": RELATIONAL, "<=": RELATIONAL, ">": RELATIONAL, ">=": RELATIONAL,
    "==": EQUALITY, "!=": EQUALITY,
    "&": BIT_AND, "^": BIT_XOR, "|": BIT_OR,
    "&&": LOGICAL_AND, "||": LOGICAL_OR,
}


@dataclass(frozen=True)
class Expr:
    """C source of an expression and the precedence of its outermost operator."""

    text: str
    precedence: int = PRIMARY

    def at(self, precedence: int, *, strict: bool = False) -> str:
        """The text, parenthesised when it binds more loosely than `precedence` (or
        as loosely, with `strict`: the right operand of a left-associative operator)."""
        loose = self.precedence < precedence or (strict and self.precedence == precedence)
        return f"({self.text})" if loose else self.text

    def __str__(self) -> str:
        return self.text


def infix(lhs: Expr, operator: str, rhs: Expr) -> Expr:
    """`lhs op rhs`, left-associative."""
    p = BINARY_PRECEDENCE[operator]
    return Expr(f"{lhs.at(p)} {operator} {rhs.at(p, strict=True)}", p)


def add(lhs: Expr, rhs: Expr) -> Expr:
    """`lhs + rhs`, or `lhs - n` when `rhs` is the literal `-n`."""
    if rhs.precedence == UNARY and rhs.text[1:].replace(".", "", 1).isdigit() and rhs.text[0] == "-":
        return infix(lhs, "-", literal(rhs.text[1:]))
    return infix(lhs, "+", rhs)


def prefix(operator: str, operand: Expr) -> Expr:
    """`-x`, `!x`, `~x` (a space keeps `- -x` from becoming `--x`)."""
    text = operand.at(UNARY)
    joiner = " " if text.startswith(operator[-1]) else ""
    return Expr(f"{operator}{joiner}{text}", UNARY)


def cast(type_name: str, operand: Expr) -> Expr:
    return Expr(f"({type_name}){operand.at(UNARY)}", UNARY)


def call(function: str, *arguments: Expr) -> Expr:
    return Expr(f"{function}({', '.join(a.at(ASSIGN + 1) for a in arguments)})", POSTFIX)


def conditional(condition: Expr, if_true: Expr, if_false: Expr) -> Expr:
    """`c ? a : b` (right-associative: the false branch may be another conditional)."""
    return Expr(
        f"{condition.at(LOGICAL_OR)} ? {if_true.at(ASSIGN + 1)} : {if_false.at(CONDITIONAL)}", CONDITIONAL
    )


def subscript(base: Expr, index: Expr) -> Expr:
    return Expr(f"{base.at(POSTFIX)}[{index.text}]", POSTFIX)


def literal(text: str) -> Expr:
    """A literal; a negative number binds like a unary minus (`x - -1` needs care)."""
    return Expr(text, UNARY if text.startswith("-") else PRIMARY)
