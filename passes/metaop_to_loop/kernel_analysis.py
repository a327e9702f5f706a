"""What a fused kernel computes, read off its meta-ops: the input to loop generation.

A kernel (see `metaop-fuse`) is one iteration space, the *domain*: a reduction's input
shape, or the output shape of an element-wise kernel. Its meta-ops become:

* `Load`s: a kernel input read through an index map over the domain's dimensions (an
  entry `reindex` or `broadcast` is folded into the map), with bounds checks and a
  fill value where the map can leave the input (padding);
* element-wise `Expr`essions over loads, constants and indices;
* at most one reduction (several reduces of one domain over the same axes are allowed),
  whose results live in the reduced space; element-wise ops on reduced values form the
  *epilogue*, computed once per output element after the reduction;
* outputs: values stored to the kernel's result buffers, in the domain or reduced space.

Every expression is written over the domain's dimensions: a reduced-space value is
indexed by the domain's parallel dimensions, so one loop nest covers everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from xdsl.dialects.builtin import TensorType
from xdsl.ir import Attribute, BlockArgument, Operation, SSAValue
from xdsl.ir.affine import AffineExpr, AffineMap, AffineSet

from mopc.core.diagnostics import DiagnosticError
from mopc.core.elements import elements_to_array
from mopc.dialects import metaop as m
from mopc.dialects.metaop import ReduceKind

# -- expressions ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Load:
    """`input[map(domain index)]`, or `fill` where the index leaves the input or the
    point is in an `overflow` set (`fill is None`: statically always in bounds)."""

    input: int
    map: AffineMap
    element: Attribute
    fill: float | None = None
    overflow: tuple[AffineSet, ...] = ()
    checked: tuple[bool, ...] = ()  # per input axis: can the index leave the input?


@dataclass(frozen=True, eq=False)
class Const:
    value: float | int | bool
    element: Attribute


@dataclass(frozen=True, eq=False)
class Index:
    """The domain index along `dim`, converted to `element`."""

    dim: int
    element: Attribute


@dataclass(frozen=True, eq=False)
class Op:
    """An element-wise meta-op applied to expressions (`op` is the original meta-op,
    kept for its kind and element types)."""

    op: Operation
    args: tuple[Expr, ...]
    element: Attribute


@dataclass(frozen=True, eq=False)
class Reduced:
    """The result of reduction number `index` (see `KernelSpec.reductions`)."""

    index: int
    element: Attribute


Expr = Load | Const | Index | Op | Reduced


@dataclass(frozen=True)
class Reduction:
    kind: ReduceKind
    value: Expr  # the domain-space value being reduced
    element: Attribute


@dataclass(frozen=True)
class Output:
    """Kernel result `result`: `value` stored over the domain (`reduced=False`) or over
    the reduced space (`reduced=True`, indexed by the parallel dimensions)."""

    result: int
    value: Expr
    reduced: bool


@dataclass
class KernelSpec:
    name: str
    domain: tuple[int, ...]
    reduction_dims: frozenset[int]
    keepdims: bool
    reductions: list[Reduction] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    scatter: m.ReindexReduceOp | None = None  # a reindex_reduce kernel (see loop generation)
    scatter_value: Expr | None = None  # what it scatters, over its input's domain

    @property
    def parallel_dims(self) -> list[int]:
        return [d for d in range(len(self.domain)) if d not in self.reduction_dims]

    def output_index(self, dims: Sequence[AffineExpr]) -> list[AffineExpr]:
        """The reduced-space index of a domain point (zeros at kept reduced axes)."""
        zero = AffineExpr.constant(0)
        if self.keepdims:
            return [zero if d in self.reduction_dims else dims[d] for d in range(len(dims))]
        return [dims[d] for d in range(len(dims)) if d not in self.reduction_dims]

    def loads(self) -> list[Load]:
        found: dict[int, Load] = {}
        for expr in self.expressions():
            if isinstance(expr, Load):
                found.setdefault(id(expr), expr)
        return list(found.values())

    def expressions(self) -> list[Expr]:
        """Every distinct sub-expression, producers before consumers."""
        seen: dict[int, Expr] = {}

        def visit(expr: Expr) -> None:
            if id(expr) in seen:
                return
            if isinstance(expr, Op):
                for arg in expr.args:
                    visit(arg)
            seen[id(expr)] = expr

        for reduction in self.reductions:
            visit(reduction.value)
        for output in self.outputs:
            visit(output.value)
        return list(seen.values())

    @property
    def is_contraction(self) -> bool:
        """A reduce-add of a product of two loads (matmul, convolution)."""
        if len(self.reductions) != 1 or self.reductions[0].kind != ReduceKind.ADD:
            return False
        value = self.reductions[0].value
        return (
            isinstance(value, Op)
            and isinstance(value.op, m.BinaryOp)
            and value.op.kind.data == m.BinaryKind.MUL
            and all(isinstance(a, Load) for a in value.args)
        )


# -- analysis ------------------------------------------------------------------------------


def _shape(value: SSAValue) -> tuple[int, ...]:
    assert isinstance(value.type, TensorType)
    return tuple(value.type.get_shape())


def _element(value: SSAValue) -> Attribute:
    assert isinstance(value.type, TensorType)
    return value.type.get_element_type()


def broadcast_map(op: m.BroadcastOp, target_rank: int) -> AffineMap:
    src = _shape(op.input)
    dims = [AffineExpr.dimension(d) for d in range(target_rank)]
    results = [
        AffineExpr.constant(0) if src[i] == 1 and _shape(op.result)[axis] != 1 else dims[axis]
        for i, axis in enumerate(op.kept_axes())
    ]
    return AffineMap(target_rank, 0, tuple(results))


def _identity(rank: int) -> AffineMap:
    return AffineMap.identity(rank)


def _compose(inner: AffineMap, outer_dims: Sequence[AffineExpr], rank: int) -> AffineMap:
    """`inner` (over a space of len(outer_dims) dims) precomposed with `outer_dims`
    (expressions over the domain's `rank` dimensions)."""
    embed = AffineMap(rank, 0, tuple(outer_dims))
    return inner.compose(embed)


class _Analyzer:
    def __init__(self, kernel: m.KernelOp):
        self.kernel = kernel
        self.exprs: dict[SSAValue, Expr] = {}
        self.reduce_ops = [op for op in kernel.block.ops if isinstance(op, m.ReduceOp | m.ReindexReduceOp)]

    def fail(self, op: Operation, message: str) -> DiagnosticError:
        return DiagnosticError.at(op, f"cannot lower this kernel to loops: {message}")

    def run(self) -> KernelSpec:
        kernel = self.kernel
        scatters = [op for op in self.reduce_ops if isinstance(op, m.ReindexReduceOp)]
        if scatters:
            return self._scatter_spec(scatters)
        reduces = [op for op in self.reduce_ops if isinstance(op, m.ReduceOp)]
        yielded = kernel.block.last_op
        assert isinstance(yielded, m.YieldOp)
        if reduces:
            first = reduces[0]
            domain = _shape(first.input)
            axes = frozenset(first.axes.get_values())
            keep = first.keepdims is not None
            for other in reduces[1:]:
                if _shape(other.input) != domain or frozenset(other.axes.get_values()) != axes or (
                    (other.keepdims is not None) != keep
                ):
                    raise self.fail(other, "its reductions differ in domain or axes")
        else:
            shapes = {_shape(v) for v in yielded.values}
            if len(shapes) != 1:
                raise self.fail(kernel, f"its element-wise outputs have different shapes {sorted(shapes)}")
            domain, axes, keep = shapes.pop(), frozenset(), False
        self.spec = KernelSpec(kernel.kernel_name, domain, axes, keep)
        self.reduced_shape = tuple(
            (1 if d in axes else n) for d, n in enumerate(domain) if keep or d not in axes
        )
        dims = [AffineExpr.dimension(d) for d in range(len(domain))]
        self.reduced_dims = self.spec.output_index(dims)
        for index, value in enumerate(yielded.values):
            expr, reduced = self.expr(value)
            self.spec.outputs.append(Output(index, expr, reduced))
        return self.spec

    # The space of a value: the domain, or (after a reduction) the reduced space.
    def space_of(self, value: SSAValue) -> tuple[tuple[int, ...], bool]:
        shape = _shape(value)
        owner = value.owner
        if isinstance(owner, m.ReduceOp):
            return shape, True
        if shape == self.spec.domain and not self._downstream_of_reduce(value):
            return shape, False
        if shape == self.reduced_shape:
            return shape, True
        raise self.fail(owner if isinstance(owner, Operation) else self.kernel,
                        f"a value of shape {list(shape)} is neither the domain {list(self.spec.domain)} "
                        f"nor the reduced space {list(self.reduced_shape)}")

    def _downstream_of_reduce(self, value: SSAValue) -> bool:
        owner = value.owner
        if isinstance(owner, m.ReduceOp):
            return True
        if isinstance(owner, Operation) and not isinstance(owner, m.ReindexOp | m.BroadcastOp):
            return any(self._downstream_of_reduce(v) for v in owner.operands)
        return False

    def expr(self, value: SSAValue) -> tuple[Expr, bool]:
        """The expression computing `value`, and whether it lives in the reduced space."""
        _, reduced = self.space_of(value)
        if value not in self.exprs:
            self.exprs[value] = self._build(value, reduced)
        return self.exprs[value], reduced

    def _space_dims(self, reduced: bool) -> list[AffineExpr]:
        if reduced:
            return self.reduced_dims
        return [AffineExpr.dimension(d) for d in range(len(self.spec.domain))]

    def _build(self, value: SSAValue, reduced: bool) -> Expr:
        rank = len(self.spec.domain)
        space = self._space_dims(reduced)
        owner = value.owner
        element = _element(value)
        if isinstance(owner, m.KernelOp) or isinstance(value, BlockArgument):
            assert isinstance(value, BlockArgument)
            return Load(value.index, _compose(_identity(len(space)), space, rank), element)
        assert isinstance(owner, Operation)
        match owner:
            case m.ReindexOp():
                return self._reindex(owner, space, rank, element)
            case m.BroadcastOp():
                return self._broadcast(owner, space, rank, element)
            case m.ConstantOp():
                array = elements_to_array(owner.value)
                if array.size != 1:
                    raise self.fail(owner, "a non-scalar constant must be a kernel input")
                return Const(array.reshape(()).item(), element)
            case m.IndexOp():
                return Index(self._index_dim(owner, reduced), element)
            case m.ReduceOp():
                inner, inner_reduced = self.expr(owner.input)
                if inner_reduced:
                    raise self.fail(owner, "a reduction of a reduced value")
                self.spec.reductions.append(Reduction(owner.kind.data, inner, element))
                return Reduced(len(self.spec.reductions) - 1, element)
            case m.UnaryOp() | m.BinaryOp() | m.CompareOp() | m.TernaryOp() | m.CastOp():
                args = []
                for operand in owner.operands:
                    arg, arg_reduced = self.expr(operand)
                    if arg_reduced != reduced:
                        raise self.fail(owner, "mixes the domain and the reduced space")
                    args.append(arg)
                return Op(owner, tuple(args), element)
            case _:
                raise self.fail(owner, f"'{owner.name}' cannot be part of a loop nest")

    def _index_dim(self, op: m.IndexOp, reduced: bool) -> int:
        dim = op.dim.value.data
        if not reduced:
            return dim
        return self.spec.parallel_dims[dim] if not self.spec.keepdims else dim

    def _entry_input(self, op: Operation) -> BlockArgument:
        source = op.operands[0]
        if not isinstance(source, BlockArgument):
            raise self.fail(op, "a reindex-class op must read a kernel input (fusion keeps them at entry)")
        return source

    def _reindex(self, op: m.ReindexOp, space: list[AffineExpr], rank: int, element: Attribute) -> Expr:
        source = op.operands[0]
        if isinstance(source.owner, m.ConstantOp):
            return self._build(source, False)  # a reindexed scalar constant
        arg = self._entry_input(op)
        mapped = _compose(op.map.data, space, rank)
        overflow = tuple(_compose_set(s.data, space, rank) for s in op.overflow.data)
        checked = axes_to_check(mapped, self.spec.domain, _shape(arg))
        fill = op.fill.value.data if overflow or any(checked) else None
        return Load(arg.index, mapped, element, fill, overflow, checked)

    def _broadcast(self, op: m.BroadcastOp, space: list[AffineExpr], rank: int, element: Attribute) -> Expr:
        source = op.input
        if isinstance(source.owner, m.ConstantOp):
            return self._build(source, False)
        arg = self._entry_input(op)
        inner = broadcast_map(op, len(space))
        return Load(arg.index, _compose(inner, space, rank), element)

    def _scatter_spec(self, scatters: list[m.ReindexReduceOp]) -> KernelSpec:
        """A reindex_reduce kernel: its element-wise prologue is computed over the scatter's
        input domain; the scatter is its only result (it is complete only at the end)."""
        yielded = self.kernel.block.last_op
        assert isinstance(yielded, m.YieldOp)
        op = scatters[0]
        if len(scatters) != 1 or list(yielded.values) != [op.result]:
            raise self.fail(op, "a reindex_reduce must be its kernel's only result")
        self.spec = KernelSpec(self.kernel.kernel_name, _shape(op.input), frozenset(), False)
        self.reduced_shape = ()
        self.spec.scatter = op
        self.spec.scatter_value, _ = self.expr(op.input)
        return self.spec


def _compose_set(s: AffineSet, dims: Sequence[AffineExpr], rank: int) -> AffineSet:
    from xdsl.ir.affine.affine_set import AffineConstraintExpr

    embed = AffineMap(rank, 0, tuple(dims))
    constraints = tuple(
        AffineConstraintExpr(c.kind, c.lhs.compose(embed), c.rhs.compose(embed)) for c in s.constraints
    )
    return AffineSet(rank, 0, constraints)


# -- static bounds -------------------------------------------------------------------------


def expr_range(expr: AffineExpr, domain: Sequence[int]) -> tuple[int, int]:
    """Inclusive bounds of an affine expression over the box `0 <= d_i < domain[i]`."""
    from mopc.dialects.metaop.index_maps import eval_expr, grids

    if not domain or 0 in domain:
        value = int(eval_expr(expr, [np.zeros((1,) * len(domain), np.int64)] * len(domain)).max())
        return value, value
    # Exact for the quasi-affine expressions of a box: evaluate on the grid's corners for
    # affine ones; fall back to the whole (open) grid for floordiv/mod.
    values = eval_expr(expr, grids(domain))
    return int(np.min(values)), int(np.max(values))


def axes_to_check(mapped: AffineMap, domain: Sequence[int], shape: Sequence[int]) -> tuple[bool, ...]:
    """Per input axis: whether the map's index can leave `[0, size)` over the domain."""
    checked = []
    for expr, size in zip(mapped.results, shape, strict=True):
        low, high = expr_range(expr, domain)
        checked.append(low < 0 or high >= size)
    return tuple(checked)


def analyze(kernel: m.KernelOp) -> KernelSpec:
    return _Analyzer(kernel).run()
