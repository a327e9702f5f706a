"""Kernel names: `k<N>_<description>_<shape>`, as IREE and TVM name their dispatches.

N counts the kernels of a module in program order. The description says in a few words
what the kernel computes, read off its meta-ops:

* a reduction kernel: `reduce_<kind>` for each of its reduces (in order), prefixed
  `reindex_` when the reduction gathers through a window (a `reindex` whose indices
  combine dimensions: a convolution, a pooling) or scatters (`reindex_reduce`).
  Activations (unary ops, relu) before and after it are added on either side:
  `exp_reduce_add` (softmax's sum), `reindex_reduce_add_relu` (conv + bias/batch norm +
  relu); plain arithmetic (a bias add, a scale) is left out. A matmul is `reduce_add`.
* an element-wise kernel: its first three distinct op words in program order (`add_relu`,
  `add_sqrt_div`).
* a copy kernel (a reindex-class op or scalar that memory must hold): `reindex`,
  `broadcast`, `constant`.

Op words: the kind of a unary, binary or compare op (`exp`, `add`, `gt`); `relu` for a
`max` with a zero splat; `select`, `cast`, `index` for the other element-wise ops. The
shape is the main result's (the last value the kernel yields), `x`-separated, `scalar`
at rank 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr

from mopc.core.elements import elements_to_array
from mopc.dialects import metaop as m
from mopc.passes.metaop.fusion_groups import is_memory_constant, phases, producer, shape

_MAX_WORDS = 3


def is_zero_splat(value: SSAValue) -> bool:
    """A scalar zero constant, possibly broadcast."""
    op = producer(value)
    if isinstance(op, m.BroadcastOp):
        op = producer(op.input)
    if not isinstance(op, m.ConstantOp) or is_memory_constant(op):
        return False
    return bool((elements_to_array(op.value) == 0).all())


def op_word(op: Operation) -> str:
    """The word an op adds to a kernel's name."""
    match op:
        case m.BinaryOp() if op.kind.data.value == "max" and any(map(is_zero_splat, op.operands)):
            return "relu"
        case m.UnaryOp() | m.BinaryOp() | m.CompareOp():
            return op.kind.data.value
        case m.TernaryOp():
            return "select"
        case m.CastOp():
            return "cast"
        case m.IndexOp():
            return "index"
        case _:
            return op.name.removeprefix("metaop.")


def _distinct(words: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word not in seen:
            seen.append(word)
    return seen


_ACTIVATIONS = frozenset({"relu", *(kind.value for kind in m.UnaryKind)})


def _activations(ops: Iterable[Operation]) -> list[str]:
    return _distinct(word for word in map(op_word, ops) if word in _ACTIVATIONS)


def describe(members: Sequence[Operation]) -> str:
    """The description of a kernel holding `members` (original ops, program order)."""
    if len(members) == 1 and isinstance(members[0], m.ReindexOp | m.BroadcastOp | m.ConstantOp):
        return op_word(members[0])  # a copy kernel
    ph = phases(members)
    if not ph.reduces:
        return "_".join(_distinct(map(op_word, members))[:_MAX_WORDS])
    gathers = any(isinstance(r, m.ReindexReduceOp) for r in ph.reduces) or any(
        _is_window(producer(v)) for op in (*ph.pre, *ph.reduces) for v in op.operands
    )
    kinds = "_".join(op.kind.data.value for op in ph.reduces)  # type: ignore[attr-defined]
    sink = ("reindex_reduce_" if gathers else "reduce_") + kinds
    return "_".join([*_activations(ph.pre), sink, *_activations((*ph.side, *ph.post))])


def _is_window(op: Operation | None) -> bool:
    """A `reindex` that combines dimensions (a convolution's or pooling's window), not
    just a transpose or broadcast (each index one dimension or a constant)."""
    if not isinstance(op, m.ReindexOp):
        return False
    return any(not isinstance(e, AffineDimExpr | AffineConstantExpr) for e in op.map.data.results)


def shape_text(shape: Sequence[int]) -> str:
    return "x".join(str(d) for d in shape) if shape else "scalar"


def kernel_name(number: int, members: Sequence[Operation], main: SSAValue) -> str:
    return f"k{number}_{describe(members)}_{shape_text(shape(main))}"
