"""Running a function of graph and meta-op IR on NumPy arrays (the reference path).

`evaluate(module, inputs)` is the oracle for every numeric test: at any level (graph,
metaop, or a mix of both) it runs the IR with each dialect's NumPy semantics, through
xDSL's interpreter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, StringAttr, TensorType
from xdsl.interpreter import Interpreter
from xdsl.interpreters.func import FuncFunctions

from mopc.core.resources import ResourceStore
from mopc.core.types import numpy_dtype
from mopc.runtime.signature import InputError, Signature, TensorSpec

__all__ = ["InputError", "Signature", "TensorSpec", "entry_function", "evaluate", "signature_of"]


def entry_function(module: ModuleOp, name: str | None = None) -> func.FuncOp:
    """The function to run: `name`, else `@main`, else the module's only function."""
    funcs = [op for op in module.ops if isinstance(op, func.FuncOp)]
    if name is not None:
        found = [f for f in funcs if f.sym_name.data == name]
        if not found:
            raise InputError(f"no function named '@{name}' in the module")
        return found[0]
    mains = [f for f in funcs if f.sym_name.data == "main"]
    if mains:
        return mains[0]
    if len(funcs) == 1:
        return funcs[0]
    names = ", ".join(f"@{f.sym_name.data}" for f in funcs) or "none"
    raise InputError(f"cannot choose an entry function (found: {names}); name one")


def argument_names(fn: func.FuncOp) -> list[str]:
    """An argument's `mopc.name` attribute (an importer's original name, where it is no
    valid SSA name), else its SSA name (`%x` -> `x`), else `arg<i>`."""
    names = [a.name_hint or f"arg{i}" for i, a in enumerate(fn.body.block.args)]
    if fn.arg_attrs is not None:
        for i, attrs in enumerate(fn.arg_attrs.data):
            name = attrs.data.get("mopc.name")
            if isinstance(name, StringAttr):
                names[i] = name.data
    return names


def result_names(fn: func.FuncOp) -> list[str]:
    """A result's `mopc.name` attribute, else `result<i>`."""
    names = [f"result{i}" for i in range(len(fn.function_type.outputs.data))]
    if fn.res_attrs is not None:
        for i, attrs in enumerate(fn.res_attrs.data):
            name = attrs.data.get("mopc.name")
            if isinstance(name, StringAttr):
                names[i] = name.data
    return names


def _specs(names: Sequence[str], types: Sequence[object]) -> tuple[TensorSpec, ...]:
    specs = []
    for name, t in zip(names, types, strict=True):
        assert isinstance(t, TensorType)
        specs.append(TensorSpec(name, tuple(t.get_shape()), numpy_dtype(t.get_element_type())))
    return tuple(specs)


def signature_of(fn: func.FuncOp) -> Signature:
    """The function's inputs (by argument name) and results (by `result_names`)."""
    return Signature(
        fn.sym_name.data,
        _specs(argument_names(fn), fn.function_type.inputs.data),
        _specs(result_names(fn), fn.function_type.outputs.data),
    )


def check_inputs(
    fn: func.FuncOp, inputs: Sequence[np.ndarray] | Mapping[str, np.ndarray]
) -> list[np.ndarray]:
    """`signature_of(fn).check(inputs)`."""
    return signature_of(fn).check(inputs)


def make_interpreter(module: ModuleOp, store: ResourceStore | None = None) -> Interpreter:
    from mopc.dialects.graph.evaluator import GraphFunctions
    from mopc.dialects.metaop.evaluator import MetaopFunctions

    interp = Interpreter(module)
    interp.register_implementations(FuncFunctions())
    interp.register_implementations(GraphFunctions(store))
    interp.register_implementations(MetaopFunctions(store))
    return interp


def evaluate(
    module: ModuleOp,
    inputs: Sequence[np.ndarray] | Mapping[str, np.ndarray],
    *,
    store: ResourceStore | None = None,
    function: str | None = None,
) -> list[np.ndarray]:
    """Run a function of the module on NumPy arrays and return its results."""
    fn = entry_function(module, function)
    args = check_inputs(fn, inputs)
    results = make_interpreter(module, store).call_op(fn.sym_name.data, tuple(args))
    return [np.asarray(r) for r in results]
