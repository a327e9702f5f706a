"""Turning a table of NumPy semantics into xDSL interpreter implementations.

Each dialect's evaluator is a dict `{OpClass: fn(op, *arrays) -> array}`; `table_impls`
adds one `@impl` method per entry to an `InterpreterFunctions` subclass (xDSL's
decorator registers one op type per method, so they cannot be stacked).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from xdsl.interpreter import Interpreter, InterpreterFunctions, PythonValues, impl
from xdsl.ir import Operation

Semantics = Callable[..., Any]
FunctionsT = TypeVar("FunctionsT", bound=type[InterpreterFunctions])


def table_impls(table: Mapping[type[Operation], Semantics]) -> Callable[[FunctionsT], FunctionsT]:
    def add(cls: FunctionsT) -> FunctionsT:
        for op_type, fn in table.items():

            def run(
                self: InterpreterFunctions, interp: Interpreter, op: Operation,
                args: PythonValues, fn: Semantics = fn,
            ) -> PythonValues:
                return (fn(op, *args),)

            setattr(cls, "run_" + op_type.name.replace(".", "_"), impl(op_type)(run))
        return cls

    return add
