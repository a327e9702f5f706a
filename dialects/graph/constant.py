"""Constant tensors: small ones inline, model weights by `dense_resource` handle."""

from __future__ import annotations

from xdsl.dialects.builtin import TensorType
from xdsl.irdl import irdl_op_definition, prop_def, result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import ConstantLike, Pure

from mopc.dialects.constant_format import (
    ELEMENTS_CONSTRAINT,
    ElementsAttr,
    parse_constant,
    print_constant,
    verify_constant_type,
)
from mopc.dialects.graph.base import GraphOp
from mopc.dialects.graph.shapes import Shape


@irdl_op_definition
class ConstantOp(GraphOp):
    """A constant tensor. Weights reference a blob by handle (`dense_resource`), whose
    data lives in the module's parameter file (see `mopc.core.resources`), so the IR of
    a large model stays small.

    ```mlir
    %c = graph.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
    %w = graph.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
    ```
    """

    name = "graph.constant"
    value = prop_def(ELEMENTS_CONSTRAINT)
    result = result_def(TensorType)
    traits = traits_def(Pure(), ConstantLike())

    def __init__(self, value: ElementsAttr):
        super().__init__(properties={"value": value}, result_types=[value.get_type()])

    @classmethod
    def parse(cls, parser: Parser) -> ConstantOp:
        return parse_constant(cls, parser)

    def print(self, printer: Printer) -> None:
        print_constant(self, printer)

    def verify_(self) -> None:
        verify_constant_type(self)
        super().verify_()

    def infer_shape(self) -> Shape:
        return tuple(self.value.get_type().get_shape())
