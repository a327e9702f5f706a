"""The type converter shared by every `*_to_llvm.py` file.

`index` -> `i64`; a statically shaped, identity-layout `memref` -> `!llvm.ptr` (the bare
pointer to its first element); 1-D vectors stay builtin vectors (`index` lanes become
`i64`); integers, f16, f32 and f64 stay as they are; LLVM types pass through. Anything
else (other float formats, tensors, N-D vectors) has no mapping: an error at the op.

Patterns convert op by op, MLIR style (see `lowering.py`): operands are read through
`builtin.unrealized_conversion_cast`s to these types, results are cast back, and
`retype_block_arguments()` converts block arguments once every op is done;
`reconcile-unrealized-casts` then removes the cast pairs.
"""

from __future__ import annotations

from functools import cache

from xdsl.dialects import llvm
from xdsl.dialects.builtin import (
    AnyFloat,
    Float16Type,
    Float32Type,
    Float64Type,
    IndexType,
    IntegerType,
    MemRefType,
    NoneAttr,
    StridedLayoutAttr,
    UnrealizedConversionCastOp,
    VectorType,
    i64,
)
from xdsl.ir import Attribute, Block, Operation
from xdsl.rewriter import InsertPoint, Rewriter

from mopc.core.diagnostics import DiagnosticError

PTR = llvm.LLVMPointerType()

_KEPT_TYPES = (
    IntegerType,
    Float16Type,
    Float32Type,
    Float64Type,
    llvm.LLVMPointerType,
    llvm.LLVMStructType,
    llvm.LLVMArrayType,
    llvm.LLVMVoidType,
)


@cache
def convert_type(t: Attribute) -> Attribute | None:
    """The LLVM-dialect type of `t`, or None when the CPU target has no mapping
    (attributes are immutable and hashable: the answers are cached)."""
    if isinstance(t, IndexType):
        return i64
    if isinstance(t, _KEPT_TYPES):
        return t
    if isinstance(t, MemRefType):
        return PTR if is_bare_pointer_memref(t) else None
    if isinstance(t, VectorType):
        element = convert_type(t.element_type)
        if t.get_num_dims() != 1 or t.get_num_scalable_dims() or element is None:
            return None
        return VectorType(element, t.get_shape())
    return None


def legal_type(t: Attribute, anchor: Operation) -> Attribute:
    """`convert_type(t)`, or an error at `anchor` when `t` has no LLVM mapping."""
    converted = convert_type(t)
    if converted is None:
        raise DiagnosticError.at(anchor, f"type {t} cannot be lowered to LLVM (static "
                                 "identity-layout memrefs, scalars and 1-D vectors only)")
    return converted


def is_bare_pointer_memref(t: MemRefType) -> bool:
    """Static shape and identity layout: the memref is its data pointer."""
    layout = t.layout
    identity = isinstance(layout, NoneAttr) or (
        isinstance(layout, StridedLayoutAttr) and list(layout.get_strides()) == strides_of(t)
        and layout.get_offset() in (0, None)
    )
    return identity and all(d >= 0 for d in t.get_shape())


def strides_of(t: MemRefType) -> list[int]:
    """Row-major strides, in elements."""
    strides: list[int] = []
    running = 1
    for dim in reversed(t.get_shape()):
        strides.append(running)
        running *= dim
    return strides[::-1]


def scalar_type(t: Attribute) -> Attribute:
    """The element type of a vector or memref type, or the type itself."""
    return t.element_type if isinstance(t, VectorType | MemRefType) else t


def element_bytes(t: Attribute) -> int:
    """The size of one element of a scalar, vector or memref type, in bytes (i1: 1)."""
    return max(1, int_width(scalar_type(t)) // 8)


def int_width(t: Attribute) -> int:
    """Bit width of a scalar (or vector element) type; `index` is 64 bits."""
    element = scalar_type(t)
    if isinstance(element, IndexType):
        return 64
    if isinstance(element, IntegerType):
        return element.width.data
    assert isinstance(element, AnyFloat), f"no bit width for {t}"
    return element.bitwidth


def intrinsic_suffix(t: Attribute) -> str:
    """LLVM's overload suffix of a converted scalar or vector type: `f32`, `v16f32`, `i64`."""
    if isinstance(t, VectorType):
        return f"v{t.get_shape()[0]}{intrinsic_suffix(t.element_type)}"
    if isinstance(t, IntegerType):
        return f"i{t.width.data}"
    assert isinstance(t, AnyFloat), f"no intrinsic suffix for {t}"
    return f"f{t.bitwidth}"


def retype_block_arguments(block: Block, anchor: Operation) -> None:
    """Give every argument of `block` its converted type; uses that still expect the
    old type read it through a cast (which `reconcile-unrealized-casts` folds away)."""
    for arg in list(block.args):
        target = legal_type(arg.type, anchor)
        if target == arg.type:
            continue
        original = arg.type
        new_arg = Rewriter.replace_value_with_new_type(arg, target)
        uses = list(new_arg.uses)
        cast = UnrealizedConversionCastOp.get([new_arg], [original])
        cast.location = anchor.location
        Rewriter.insert_op(cast, InsertPoint.at_start(block))
        for use in uses:
            use.operation.operands[use.index] = cast.results[0]
