"""The entry function's kernel calls, as data: what a profiler replays one by one.

`metaop-to-loop` makes the entry a straight line of `memref.view`s into the workspace
and `func.call`s of kernels:

    %1 = memref.view %workspace[%c0][] : memref<1024xi8> to memref<1x4x8x8xf32>
    func.call @k0_conv_relu(%x, %w, %1) : (...) -> ()
    func.call @k1_pool(%1, %result0) : (...) -> ()

`kernel_calls(entry)` turns that into `[KernelCall("k0_conv_relu", [ArgRef("arg", 0),
ArgRef("arg", 2), ArgRef("view", 0, (1, 4, 8, 8), "float32")]), ...]`, where an `arg`
is an entry argument (inputs, outputs, params, workspace, in the ABI's order) and a
`view` is a byte offset into the workspace with its shape and dtype.
"""

from __future__ import annotations

from xdsl.dialects import arith, func, memref
from xdsl.dialects.builtin import IntegerAttr, MemRefType
from xdsl.ir import BlockArgument, SSAValue

from mopc.core.types import numpy_dtype
from mopc.runtime.profile import ArgRef, KernelCall


def _constant_index(value: SSAValue) -> int | None:
    op = value.owner
    if isinstance(op, arith.ConstantOp) and isinstance(op.value, IntegerAttr):
        return op.value.value.data
    return None


def _arg_ref(value: SSAValue) -> ArgRef | None:
    if isinstance(value, BlockArgument):
        return ArgRef("arg", value.index)
    view = value.owner
    if isinstance(view, memref.ViewOp) and isinstance(view.source, BlockArgument):
        offset = _constant_index(view.byte_shift)
        t = view.result.type
        if offset is None or view.sizes or not isinstance(t, MemRefType):
            return None
        return ArgRef("view", offset, tuple(t.get_shape()), numpy_dtype(t.element_type).name)
    return None


def kernel_calls(entry: func.FuncOp) -> list[KernelCall]:
    """The entry's kernel calls in order; empty when the entry is not a straight line
    of views and calls (then there is nothing a profiler can replay)."""
    calls = []
    for op in entry.body.block.ops:
        if isinstance(op, func.CallOp):
            refs = [_arg_ref(v) for v in op.arguments]
            if any(r is None for r in refs):
                return []
            calls.append(KernelCall(op.callee.root_reference.data, [r for r in refs if r is not None]))
    return calls
