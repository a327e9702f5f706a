"""The textual form shared by `graph.constant` and `metaop.constant`, as `arith.constant`
spells it: the op name, then a typed elements attribute that also gives the result type.

```mlir
%c = graph.constant dense<[1.0, 2.0]> : tensor<2xf32>
%w = graph.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
```
"""

from __future__ import annotations

from typing import TypeVar

from xdsl.dialects.builtin import DenseIntOrFPElementsAttr, DenseResourceAttr
from xdsl.ir import Operation
from xdsl.irdl import base
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

ElementsAttr = DenseIntOrFPElementsAttr | DenseResourceAttr
ELEMENTS_CONSTRAINT = base(DenseIntOrFPElementsAttr) | base(DenseResourceAttr)

OpT = TypeVar("OpT", bound=Operation)


def parse_constant(cls: type[OpT], parser: Parser) -> OpT:
    pos = parser.pos
    value = parser.parse_attribute()
    if not isinstance(value, DenseIntOrFPElementsAttr | DenseResourceAttr):
        parser.raise_error("expected a dense<...> or dense_resource<...> attribute", pos, parser.pos)
    attrs = parser.parse_optional_attr_dict()
    op = cls.create(properties={"value": value}, result_types=[value.get_type()])
    op.attributes |= attrs
    return op


def print_constant(op: Operation, printer: Printer) -> None:
    printer.print_string(" ")
    printer.print_attribute(op.properties["value"])
    if op.attributes:
        printer.print_op_attributes(op.attributes)


def verify_constant_type(op: Operation) -> None:
    value = op.properties["value"]
    assert isinstance(value, DenseIntOrFPElementsAttr | DenseResourceAttr)
    if value.get_type() != op.result_types[0]:
        raise VerifyException(
            f"value type {value.get_type()} differs from the result type {op.result_types[0]}"
        )
