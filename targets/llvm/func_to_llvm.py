"""`func` -> `llvm`: functions, calls and returns.

Memref arguments become bare pointers (`!llvm.ptr`). Every defined function keeps
external linkage, so the runner can call kernels as well as the entry; functions that
`convert-to-llvm` outlined itself (`mopc.outlined`) are internal. Pointer arguments of
kernels (`mopc.kernel`) and of functions outlined from them (`mopc.noalias`) are marked
`noalias`: the memory plan guarantees kernel memrefs never alias (docs/loop-level.md).
"""

from __future__ import annotations

from xdsl.dialects import func, llvm
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr, UnitAttr
from xdsl.ir import Attribute, Operation
from xdsl.pattern_rewriter import RewritePattern

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.llvm.lowering import Emitter, LoweringPattern
from mopc.targets.llvm.type_converter import PTR, legal_type

OUTLINED = "mopc.outlined"
"""Unit attribute on functions `convert-to-llvm` created (internal linkage)."""
NOALIAS = "mopc.noalias"
"""Unit attribute: the function's pointer arguments never alias (as on kernels)."""


def llvm_function_type(op: func.FuncOp) -> llvm.LLVMFunctionType:
    inputs = [legal_type(t, op) for t in op.function_type.inputs]
    outputs = [legal_type(t, op) for t in op.function_type.outputs]
    if len(outputs) > 1:
        raise DiagnosticError.at(op, "functions with more than one result cannot be lowered "
                                 "to LLVM")
    return llvm.LLVMFunctionType(inputs, outputs[0] if outputs else None)


def _noalias_arg_attrs(
    op: func.FuncOp, fn_type: llvm.LLVMFunctionType
) -> ArrayAttr[DictionaryAttr] | None:
    if "mopc.kernel" not in op.attributes and NOALIAS not in op.attributes:
        return None
    flags: list[DictionaryAttr] = [
        DictionaryAttr({"llvm.noalias": UnitAttr()} if t == PTR else {}) for t in fn_type.inputs
    ]
    return ArrayAttr(flags)


class FuncLowering(LoweringPattern):
    source = func.FuncOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, func.FuncOp)
        fn_type = llvm_function_type(op)
        props: dict[str, Attribute | None] = {}
        if (arg_attrs := _noalias_arg_attrs(op, fn_type)) is not None:
            props["arg_attrs"] = arg_attrs
        linkage = "internal" if OUTLINED in op.attributes else "external"
        new = llvm.FuncOp(
            op.sym_name,
            fn_type,
            linkage=llvm.LinkageAttr(linkage),
            body=e.rewriter.move_region_contents_to_new_regions(op.body),
            other_props=props,
        )
        new.location = op.location
        # Block arguments are retyped once every op is converted (retype_block_arguments).
        e.rewriter.replace(op, new, [])


class CallLowering(LoweringPattern):
    source = func.CallOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, func.CallOp)
        if len(op.results) > 1:
            raise DiagnosticError.at(op, "calls with more than one result cannot be lowered "
                                     "to LLVM")
        args = [e.to_llvm(a) for a in op.arguments]
        result = legal_type(op.results[0].type, op) if op.results else None
        call = e.op(llvm.CallOp(op.callee, *args, return_type=result))
        e.replace(call.results)


class ReturnLowering(LoweringPattern):
    source = func.ReturnOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, func.ReturnOp)
        value = e.to_llvm(op.arguments[0]) if op.arguments else None
        e.op(llvm.ReturnOp(value))
        e.rewriter.erase(op)


def populate_func_to_llvm_patterns() -> list[RewritePattern]:
    return [FuncLowering(), CallLowering(), ReturnLowering()]
