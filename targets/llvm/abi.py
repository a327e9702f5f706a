"""The calling convention of a loop-level module's functions, as plain data.

`function_abi(module)` describes every defined `func.func` for `shared_object.py`:
memref arguments by dtype and shape (passed as bare pointers), scalars by dtype. It is
read from the loop-level module (before `convert-to-llvm`), where the shapes are known.
"""

from __future__ import annotations

from typing import Any

from xdsl.dialects import func
from xdsl.dialects.builtin import AnyFloat, IndexType, IntegerType, MemRefType, ModuleOp
from xdsl.ir import Attribute

from mopc.core.diagnostics import DiagnosticError


def numpy_dtype(t: Attribute) -> str | None:
    """The NumPy dtype name of a scalar type (`index` is int64), or None."""
    if isinstance(t, IndexType):
        return "int64"
    if isinstance(t, IntegerType):
        width = t.width.data
        return "bool" if width == 1 else f"int{width}" if width in (8, 16, 32, 64) else None
    if isinstance(t, AnyFloat) and t.bitwidth in (16, 32, 64):
        return f"float{t.bitwidth}"
    return None


def _argument(t: Attribute, fn: func.FuncOp) -> dict[str, Any]:
    element = t.element_type if isinstance(t, MemRefType) else t
    dtype = numpy_dtype(element)
    if dtype is None:
        raise DiagnosticError.at(fn, f"type {t} cannot be passed to or from a compiled function")
    if isinstance(t, MemRefType):
        return {"kind": "memref", "dtype": dtype, "shape": list(t.get_shape())}
    return {"kind": "scalar", "dtype": dtype}


def function_abi(module: ModuleOp) -> dict[str, Any]:
    """`{name: {"args": [...], "result": dtype | None}}` for every defined function."""
    table: dict[str, Any] = {}
    for op in module.ops:
        if not isinstance(op, func.FuncOp) or not op.body.blocks:
            continue
        outputs = op.function_type.outputs.data
        result = _argument(outputs[0], op)["dtype"] if len(outputs) == 1 else None
        table[op.sym_name.data] = {
            "args": [_argument(t, op) for t in op.function_type.inputs],
            "result": result,
        }
    return table
