"""Fusion groups: `metaop.kernel` holds the meta-ops that run as one loop nest.

`metaop-fuse` creates them; `metaop-to-loop` turns each into one loop nest. The group is
plain IR, so a reader (or a FileCheck test) sees what was fused, and its name says what
it computes (`k<N>_<meta-ops>_<shape>`, as IREE and TVM name dispatches).
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import StringAttr, TensorType
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    opt_prop_def,
    prop_def,
    region_def,
    traits_def,
    var_operand_def,
    var_result_def,
)
from xdsl.parser import Parser, UnresolvedOperand
from xdsl.printer import Printer
from xdsl.traits import HasParent, IsolatedFromAbove, IsTerminator, Pure, RecursivelySpeculatable
from xdsl.utils.exceptions import VerifyException

from mopc.dialects.loop.schedule import ScheduleAttr


@irdl_op_definition
class KernelOp(IRDLOperation):
    """A fusion group: the meta-ops in its body run as one kernel (one loop nest).

    The body sees only its operands (as block arguments; the op is isolated from above)
    and yields the kernel's results. An optional `schedule` says how the loop nest is
    built (see `#loop.schedule`).

    ```mlir
    %y = metaop.kernel "k0_reindex_reduce_add_relu_1x8x6x6" (%x, %w) : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
    ^bb0(%a: tensor<1x3x8x8xf32>, %b: tensor<8x3x3x3xf32>):
      %0 = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5, d4 + d6)> : tensor<1x3x8x8xf32> -> tensor<1x8x3x6x6x3x3xf32>
      %1 = metaop.broadcast %b dims [0, 3, 4] : tensor<8x3x3x3xf32> -> tensor<1x8x3x6x6x3x3xf32>
      %2 = metaop.binary mul %0, %1 : tensor<1x8x3x6x6x3x3xf32>
      %3 = metaop.reduce add %2 axes [2, 5, 6] : tensor<1x8x3x6x6x3x3xf32> -> tensor<1x8x6x6xf32>
      %4 = metaop.constant dense<0.000000e+00> : tensor<f32>
      %5 = metaop.broadcast %4 dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x8x6x6xf32>
      %6 = metaop.binary max %3, %5 : tensor<1x8x6x6xf32>
      metaop.yield %6 : tensor<1x8x6x6xf32>
    }
    ```
    With a schedule: `metaop.kernel "k0..." schedule #loop.schedule<...> (%x, %w) : ...`.
    """

    name = "metaop.kernel"
    inputs = var_operand_def(TensorType)
    outputs = var_result_def(TensorType)
    sym_name = prop_def(StringAttr)
    schedule = opt_prop_def(ScheduleAttr)
    body = region_def("single_block")
    traits = traits_def(IsolatedFromAbove(), RecursivelySpeculatable(), Pure())

    def __init__(
        self,
        name: str,
        inputs: Sequence[SSAValue],
        result_types: Sequence[Attribute],
        body: Region,
        schedule: ScheduleAttr | None = None,
    ):
        props: dict[str, Attribute] = {"sym_name": StringAttr(name)}
        if schedule is not None:
            props["schedule"] = schedule
        super().__init__(
            operands=[list(inputs)], result_types=[list(result_types)], properties=props,
            regions=[body],
        )

    @property
    def kernel_name(self) -> str:
        return self.sym_name.data

    @property
    def block(self) -> Block:
        return self.body.block

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_string_literal(self.sym_name.data)
        if self.schedule is not None:
            printer.print_string(" schedule ")
            printer.print_attribute(self.schedule)
        printer.print_string(" (")
        printer.print_list(self.inputs, printer.print_operand)
        printer.print_string(") : (")
        printer.print_list(self.inputs.types, printer.print_attribute)
        printer.print_string(") -> ")
        types = list(self.outputs.types)
        if len(types) == 1:
            printer.print_attribute(types[0])
        else:
            printer.print_string("(")
            printer.print_list(types, printer.print_attribute)
            printer.print_string(")")
        attrs = {k: v for k, v in self.attributes.items()}
        if attrs:
            printer.print_op_attributes(attrs, print_keyword=True)
        printer.print_string(" ")
        printer.print_region(self.body, print_entry_block_args=True)

    @classmethod
    def parse(cls, parser: Parser) -> KernelOp:
        name = parser.parse_str_literal(" (the kernel's name)")
        schedule = None
        if parser.parse_optional_keyword("schedule") is not None:
            pos = parser.pos
            schedule = parser.parse_attribute()
            if not isinstance(schedule, ScheduleAttr):
                parser.raise_error("expected a #loop.schedule<...> attribute", pos, parser.pos)
        unresolved: list[UnresolvedOperand] = parser.parse_comma_separated_list(
            parser.Delimiter.PAREN, parser.parse_unresolved_operand
        )
        parser.parse_punctuation(":")
        input_types = parser.parse_comma_separated_list(parser.Delimiter.PAREN, parser.parse_type)
        parser.parse_punctuation("->")
        if parser.parse_optional_punctuation("(") is not None:
            result_types = []
            if parser.parse_optional_punctuation(")") is None:
                result_types = [parser.parse_type()]
                while parser.parse_optional_punctuation(",") is not None:
                    result_types.append(parser.parse_type())
                parser.parse_punctuation(")")
        else:
            result_types = [parser.parse_type()]
        inputs = parser.resolve_operands(unresolved, input_types, parser.pos)
        attrs = parser.parse_optional_attr_dict_with_keyword()
        body = parser.parse_region()
        op = cls(name, inputs, result_types, body, schedule)
        if attrs is not None:
            op.attributes |= attrs.data
        return op

    def verify_(self) -> None:
        args = self.block.args
        if [a.type for a in args] != list(self.inputs.types):
            raise VerifyException("the body's arguments must have the types of the kernel's inputs")
        last = self.block.last_op
        if not isinstance(last, YieldOp):
            raise VerifyException("the body must end with metaop.yield")
        if list(last.values.types) != list(self.outputs.types):
            raise VerifyException("metaop.yield must yield values of the kernel's result types")
        if not self.sym_name.data:
            raise VerifyException("the kernel needs a name")


@irdl_op_definition
class YieldOp(IRDLOperation):
    """Ends a `metaop.kernel` body with the values the kernel returns.

    ```mlir
    %y = metaop.kernel "k0_exp_4" (%x) : (tensor<4xf32>) -> tensor<4xf32> {
    ^bb0(%a: tensor<4xf32>):
      %e = metaop.unary exp %a : tensor<4xf32>
      metaop.yield %e : tensor<4xf32>
    }
    ```
    """

    name = "metaop.yield"
    values = var_operand_def(TensorType)
    traits = traits_def(IsTerminator(), HasParent(KernelOp), Pure())
    assembly_format = "$values attr-dict `:` type($values)"

    def __init__(self, *values: SSAValue | Operation):
        super().__init__(operands=[[SSAValue.get(v) for v in values]])
