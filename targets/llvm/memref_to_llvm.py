"""`memref` -> `llvm`: loads, stores and workspace views on bare pointers.

A static identity-layout memref is the pointer to its first element, so
`memref.load %m[%i, %j]` is a `getelementptr` over the row-major linear index
(`i * stride0 + j`) and an `llvm.load`. Addressing never goes through
ptrtoint/inttoptr: GEPs keep LLVM's alias analysis and vectoriser working.
`memref.view %ws[%offset][]` is a byte-offset GEP on the workspace pointer.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import llvm, memref
from xdsl.dialects.builtin import IntegerType, MemRefType, i8
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import RewritePattern

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.llvm.lowering import Emitter, LoweringPattern, constant_int
from mopc.targets.llvm.type_converter import element_bytes, legal_type, strides_of


def linear_index(
    e: Emitter, indices: Sequence[SSAValue], strides: Sequence[int]
) -> SSAValue | None:
    """`sum(index_k * stride_k)` as an i64 value; constant terms are folded, and None
    means the index is the constant 0."""
    offset = 0
    terms: list[SSAValue] = []
    for index, stride in zip(indices, strides, strict=True):
        known = constant_int(index)
        if known is not None:
            offset += known * stride
            continue
        term = e.to_llvm(index)
        terms.append(term if stride == 1 else e.add(llvm.MulOp(term, e.i64(stride))))
    if offset:
        terms.append(e.i64(offset))
    if not terms:
        return None
    total = terms[0]
    for term in terms[1:]:
        total = e.add(llvm.AddOp(total, term))
    return total


def element_pointer(e: Emitter, base: SSAValue, indices: Sequence[SSAValue]) -> SSAValue:
    """The address of `base[indices]` for a bare-pointer memref."""
    memref_type = base.type
    assert isinstance(memref_type, MemRefType)
    pointer = e.to_llvm(base)
    if len(indices) != memref_type.get_num_dims():
        rank = memref_type.get_num_dims()
        raise DiagnosticError.at(e.anchor, f"expected {rank} indices, got {len(indices)}")
    index = linear_index(e, indices, strides_of(memref_type))
    if index is None:
        return pointer
    element = legal_type(memref_type.element_type, e.anchor)
    return e.add(gep(pointer, index, element))


def gep(pointer: SSAValue, index: SSAValue, element: Attribute) -> llvm.GEPOp:
    """`getelementptr inbounds element, pointer, index` (accesses never leave the buffer)."""
    return llvm.GEPOp(pointer, [llvm.GEP_USE_SSA_VAL], element, ssa_indices=[index], inbounds=True)


class LoadLowering(LoweringPattern):
    source = memref.LoadOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, memref.LoadOp)
        pointer = element_pointer(e, op.memref, op.indices)
        t = legal_type(op.res.type, op)
        e.replace([e.add(llvm.LoadOp(pointer, t, alignment=element_bytes(t)))])


class StoreLowering(LoweringPattern):
    source = memref.StoreOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, memref.StoreOp)
        pointer = element_pointer(e, op.memref, op.indices)
        value = e.to_llvm(op.value)
        e.op(llvm.StoreOp(value, pointer, alignment=element_bytes(value.type)))
        e.rewriter.erase(op)


class ViewLowering(LoweringPattern):
    """A view of the `i8` workspace at a byte offset (static result shape)."""

    source = memref.ViewOp

    def lower(self, op: Operation, e: Emitter) -> None:
        assert isinstance(op, memref.ViewOp)
        source_type = op.source.type
        if not (isinstance(source_type, MemRefType) and source_type.element_type == IntegerType(8)):
            raise DiagnosticError.at(op, "only views of an i8 workspace can be lowered to LLVM")
        if op.sizes:
            raise DiagnosticError.at(op, "views with dynamic sizes cannot be lowered to LLVM")
        legal_type(op.result.type, op)
        base = e.to_llvm(op.source)
        offset = e.to_llvm(op.byte_shift)
        if constant_int(op.byte_shift) == 0:
            e.replace([base])
            return
        e.replace([e.add(gep(base, offset, i8))])


def populate_memref_to_llvm_patterns() -> list[RewritePattern]:
    return [LoadLowering(), StoreLowering(), ViewLowering()]
