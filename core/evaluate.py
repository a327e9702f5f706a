"""Running a function of graph and meta-op IR on NumPy arrays (the reference path).

`evaluate(module, inputs)` is the oracle for every numeric test: at any level (graph,
metaop, or a mix of both) it runs the IR with each dialect's NumPy semantics, through
xDSL's interpreter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.interpreter import Interpreter
from xdsl.interpreters.func import FuncFunctions

from mopc.core.resources import ResourceStore
from mopc.core.types import numpy_dtype


class InputError(ValueError):
    """The arrays passed to a compiled or evaluated function do not fit its signature."""


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
    """The SSA names of the arguments (`%x` -> `x`), or `arg<i>` where unnamed."""
    return [a.name_hint or f"arg{i}" for i, a in enumerate(fn.body.block.args)]


def check_inputs(
    fn: func.FuncOp, inputs: Sequence[np.ndarray] | Mapping[str, np.ndarray]
) -> list[np.ndarray]:
    """Order `inputs` by the signature (positional or by argument name) and check each
    array's shape and dtype; returns C-contiguous arrays."""
    names = argument_names(fn)
    types = fn.function_type.inputs.data
    if isinstance(inputs, Mapping):
        unknown = sorted(set(inputs) - set(names))
        missing = [n for n in names if n not in inputs]
        if unknown or missing:
            raise InputError(
                f"inputs do not match @{fn.sym_name.data}({', '.join(names)}): "
                + (f"missing {missing}" if missing else "")
                + ("; " if missing and unknown else "")
                + (f"unknown {unknown}" if unknown else "")
            )
        ordered = [inputs[n] for n in names]
    else:
        ordered = list(inputs)
        if len(ordered) != len(names):
            raise InputError(
                f"@{fn.sym_name.data} takes {len(names)} inputs ({', '.join(names)}), "
                f"got {len(ordered)}"
            )
    checked = []
    for index, (name, t, value) in enumerate(zip(names, types, ordered, strict=True)):
        array = np.asarray(value)
        assert isinstance(t, TensorType)
        want_shape, want_dtype = tuple(t.get_shape()), numpy_dtype(t.get_element_type())
        if array.shape != want_shape or array.dtype != want_dtype:
            raise InputError(
                f"input #{index} ('{name}'): expected shape {want_shape} {want_dtype}, "
                f"got {array.shape} {array.dtype}"
            )
        checked.append(np.asarray(array, order="C"))  # keeps rank 0 (ascontiguousarray would not)
    return checked


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
