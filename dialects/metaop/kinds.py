"""The enum attributes that say what an element-wise or reducing meta-op computes.

In the custom syntax a kind prints bare (`metaop.unary exp %x`); in generic form it is
`#metaop<unary_kind exp>`.
"""

from __future__ import annotations

from xdsl.dialects.utils.enum_attribute import EnumAttribute
from xdsl.ir import SpacedOpaqueSyntaxAttribute
from xdsl.irdl import irdl_attr_definition
from xdsl.utils.str_enum import StrEnum


class UnaryKind(StrEnum):
    """Element-wise functions of one operand (Jittor's unary ops)."""

    ABS = "abs"
    NEG = "neg"
    EXP = "exp"
    LOG = "log"
    SQRT = "sqrt"
    RSQRT = "rsqrt"
    RECIP = "recip"
    SIGMOID = "sigmoid"
    TANH = "tanh"
    ERF = "erf"
    FLOOR = "floor"
    CEIL = "ceil"
    ROUND = "round"
    SIN = "sin"
    COS = "cos"
    NOT = "not"


FLOAT_ONLY_UNARY = frozenset(UnaryKind) - {UnaryKind.ABS, UnaryKind.NEG, UnaryKind.NOT}
"""Unary kinds defined on floating-point elements only."""


class BinaryKind(StrEnum):
    """Element-wise functions of two same-shaped operands (Jittor's binary ops)."""

    ADD = "add"
    SUB = "sub"
    MUL = "mul"
    DIV = "div"
    MAX = "max"
    MIN = "min"
    POW = "pow"
    MOD = "mod"
    AND = "and"
    OR = "or"
    XOR = "xor"


LOGICAL_BINARY = frozenset({BinaryKind.AND, BinaryKind.OR, BinaryKind.XOR})
"""Binary kinds defined on integer (including i1) elements only."""


class CompareKind(StrEnum):
    """Element-wise comparisons; the result is `i1`."""

    EQ = "eq"
    NE = "ne"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"


class ReduceKind(StrEnum):
    """How `reduce` and `reindex_reduce` combine the elements that meet (`mean` is for
    `reduce` only, as in Jittor)."""

    ADD = "add"
    MUL = "mul"
    MAX = "max"
    MIN = "min"
    MEAN = "mean"
    AND = "and"
    OR = "or"
    XOR = "xor"


LOGICAL_REDUCE = frozenset({ReduceKind.AND, ReduceKind.OR, ReduceKind.XOR})


@irdl_attr_definition
class UnaryKindAttr(EnumAttribute[UnaryKind], SpacedOpaqueSyntaxAttribute):
    name = "metaop.unary_kind"


@irdl_attr_definition
class BinaryKindAttr(EnumAttribute[BinaryKind], SpacedOpaqueSyntaxAttribute):
    name = "metaop.binary_kind"


@irdl_attr_definition
class CompareKindAttr(EnumAttribute[CompareKind], SpacedOpaqueSyntaxAttribute):
    name = "metaop.compare_kind"


@irdl_attr_definition
class ReduceKindAttr(EnumAttribute[ReduceKind], SpacedOpaqueSyntaxAttribute):
    name = "metaop.reduce_kind"


KIND_ATTRS = [UnaryKindAttr, BinaryKindAttr, CompareKindAttr, ReduceKindAttr]
