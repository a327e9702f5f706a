"""Which meta-ops of a block run together: the grouping analysis of `metaop-fuse`.

Every op of the block gets a role:

* GROUP: element-wise and reduce-class meta-ops; each ends up in exactly one group
  (one kernel).
* REMAT (recomputed): reindex-class ops and scalar constants. They are never grouped:
  every group that reads one gets its own copy (a reindex reads memory and is cheap to
  recompute at a kernel's entry; a scalar costs nothing). One whose value memory must
  hold (read by another reindex-class op, returned, read by a non-meta op) is also
  *materialised* by a copy kernel of its own.
* MEMORY: constants holding non-scalar data (weights); kernels read them.
* OUTSIDE: everything that is not a meta-op.

Groups grow by union-find in two sweeps (Jittor's rules, reference/jittor-metaops.md
§4.1, plus TVM's output fusion):

1. vertical: in program order, each grouped op tries to join the group of each grouped
   producer, producers whose group holds a reduce first (so an epilogue stays with its
   reduce rather than with an unrelated element-wise producer);
2. horizontal: groups with the same iteration domain that read a common input merge.

A merge happens only if the merged group is valid (`group_error`: one iteration domain,
at most one reduction space, an epilogue over the reduced shape that reads only the
reduce's results, memory, and element-wise values of the reduced shape computed from
memory in the same epilogue) and the groups stay a DAG: no path between the two that
leaves them. That is checked on the graph of groups, not of ops, because a horizontally
merged group need not be connected. Each grouped producer->consumer edge left between
two groups keeps the reason of its failed merge, for the fusion report.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from xdsl.dialects import func
from xdsl.dialects.builtin import DenseResourceAttr, TensorType
from xdsl.ir import Block, Operation, OpResult, SSAValue

from mopc.dialects import metaop as m
from mopc.dialects.metaop import FusionClass, fusion_class_of


class Role(Enum):
    GROUP = "grouped"
    REMAT = "recomputed"
    MEMORY = "memory"
    OUTSIDE = "outside"


# Why a producer->consumer edge was not fused (the fusion report prints these).
PRODUCER_IS_REDUCE = "producer is a reduce (a kernel's sink)"
PRODUCER_IS_SCATTER = (
    "producer is a reindex_reduce (its result is complete only when its kernel ends)")
REDUCE_OF_REDUCED = (
    "consumer would reduce a value computed after a reduce (a reduce is a kernel's sink)")
CONSUMER_IS_REINDEX = "consumer is a reindex-class op (it reads from memory)"
CYCLE = "fusing would create a cycle"
DOMAINS = "different iteration domains"
REDUCTIONS = "different reduction iteration spaces (a kernel holds one)"
EPILOGUE_READS_DOMAIN = "the epilogue would read a value of the reduction's input domain"
FUNCTION_RESULT = "value is a function result"
CONSUMER_NOT_METAOP = "consumer is not a meta-op"
PRODUCER_NOT_METAOP = "producer is not a meta-op"
PRODUCER_IN_MEMORY = "producer is a non-scalar constant (it stays in memory)"


def shape(value: SSAValue) -> tuple[int, ...]:
    t = value.type
    assert isinstance(t, TensorType)
    return tuple(t.get_shape())


def is_memory_constant(op: Operation) -> bool:
    """Weights (`dense_resource`) and inline tensors of more than one element."""
    if not isinstance(op, m.ConstantOp):
        return False
    return isinstance(op.value, DenseResourceAttr) or math.prod(shape(op.result)) > 1


def role_of(op: Operation) -> Role:
    fusion_class = fusion_class_of(op)
    if fusion_class is None:
        return Role.OUTSIDE
    if isinstance(op, m.ConstantOp):
        return Role.MEMORY if is_memory_constant(op) else Role.REMAT
    if fusion_class is FusionClass.REINDEX:
        return Role.REMAT
    return Role.GROUP


def is_reduce(op: Operation) -> bool:
    return fusion_class_of(op) is FusionClass.REINDEX_REDUCE


def producer(value: SSAValue) -> Operation | None:
    return value.owner if isinstance(value, OpResult) else None


def _is_scalar(op: Operation | None) -> bool:
    return isinstance(op, m.ConstantOp) and not is_memory_constant(op)


# -- what a group may hold -------------------------------------------------------------------


@dataclass(frozen=True)
class Phases:
    """A group's ops by where they iterate (each tuple in program order)."""

    reduces: tuple[Operation, ...]
    pre: tuple[Operation, ...]  # element-wise over the domain (a reduction's input shape)
    side: tuple[Operation, ...]  # element-wise over the reduced shape, from memory only
    post: tuple[Operation, ...]  # element-wise after a reduce: the epilogue, over the reduced shape
    late_reduces: tuple[Operation, ...]  # reduces of a value computed after a reduce (invalid)


def phases(members: Sequence[Operation]) -> Phases:
    """Split a group (members in program order) into its phases."""
    inside = set(members)
    after: set[Operation] = set()  # downstream of a reduce, inside the group
    for op in members:
        for value in op.operands:
            owner = producer(value)
            if owner in inside and (is_reduce(owner) or owner in after):
                after.add(op)
                break
    reduces = tuple(op for op in members if is_reduce(op))
    before = [op for op in members if not is_reduce(op) and op not in after]
    # without a reduce, every op iterates over the one domain
    domain_shape = shape(reduces[0].operands[0]) if reduces else None
    in_domain = [domain_shape is None or shape(op.results[0]) == domain_shape for op in before]
    return Phases(
        reduces=reduces,
        pre=tuple(op for op, inside in zip(before, in_domain, strict=True) if inside),
        side=tuple(op for op, inside in zip(before, in_domain, strict=True) if not inside),
        post=tuple(op for op in members if not is_reduce(op) and op in after),
        late_reduces=tuple(op for op in reduces if op in after),
    )


def reduction_space(op: Operation) -> tuple[object, ...]:
    """What must agree for two reduces to share a loop nest: op, shapes, axes or map
    (every property but the kind)."""
    props = tuple(sorted((k, v) for k, v in op.properties.items() if k != "kind"))
    return (op.name, shape(op.operands[0]), shape(op.results[0]), props)


def domain(members: Sequence[Operation]) -> tuple[int, ...]:
    """The iteration domain: the reduction's input shape, else the element shape."""
    for op in members:
        if is_reduce(op):
            return shape(op.operands[0])
    return shape(members[0].results[0])


def group_error(members: Sequence[Operation]) -> str | None:
    """Why these ops (in program order) cannot be one kernel, or None if they can."""
    ph = phases(members)
    if not ph.reduces:
        return None if len({shape(op.results[0]) for op in members}) <= 1 else DOMAINS
    if len({reduction_space(op) for op in ph.reduces}) > 1:
        return REDUCTIONS
    if ph.late_reduces:
        return REDUCE_OF_REDUCED
    if (ph.post or ph.side) and any(isinstance(op, m.ReindexReduceOp) for op in ph.reduces):
        return PRODUCER_IS_SCATTER
    reduced = shape(ph.reduces[0].results[0])
    if any(shape(op.results[0]) != reduced for op in (*ph.side, *ph.post)):
        return DOMAINS
    pre = set(ph.pre)  # (an epilogue reads one only when the reduce keeps the domain's shape)
    if any(producer(v) in pre for op in ph.post for v in op.operands):
        return EPILOGUE_READS_DOMAIN
    return None


def edge_rule(source: Operation, target: Operation) -> str | None:
    """Jittor's per-edge rule for two grouped ops: nothing but an epilogue after a reduce."""
    if isinstance(source, m.ReindexReduceOp):
        return PRODUCER_IS_SCATTER
    if is_reduce(source) and is_reduce(target):
        return PRODUCER_IS_REDUCE
    return None


# -- the result --------------------------------------------------------------------------------


@dataclass
class FusionPlan:
    """The grouping of one block."""

    ops: list[Operation]  # the block's ops, in program order
    position: dict[Operation, int]  # index in `ops`
    roles: dict[Operation, Role]
    groups: list[list[Operation]]  # members in program order; groups by first member
    group_of: dict[Operation, int]
    materialised: list[Operation]  # recomputed ops that also get a copy kernel
    users: dict[Operation, list[Operation]]  # distinct users in the block, in program order
    reasons: dict[tuple[Operation, Operation], str]

    def edges(self) -> Iterator[tuple[Operation, Operation]]:
        """Every producer->consumer edge with a meta-op on at least one side."""
        for op in self.ops:
            for user in self.users[op]:
                if self.roles[op] is not Role.OUTSIDE or self.roles[user] is not Role.OUTSIDE:
                    yield op, user

    def unfused_reason(self, source: Operation, target: Operation) -> str | None:
        """Why the value of `source` reaches `target` through memory; None if fused."""
        rs, rt = self.roles[source], self.roles[target]
        if rs is Role.OUTSIDE:
            return PRODUCER_NOT_METAOP
        if rt is Role.OUTSIDE:
            return FUNCTION_RESULT if isinstance(target, func.ReturnOp) else CONSUMER_NOT_METAOP
        if rs is Role.MEMORY:
            return PRODUCER_IN_MEMORY
        if rt is Role.REMAT:  # a reindex-class op: only scalars are copied along
            return None if isinstance(source, m.ConstantOp) else CONSUMER_IS_REINDEX
        if rs is Role.REMAT:  # recomputed inside the consumer's kernel
            return None
        if self.group_of[source] == self.group_of[target]:
            return None
        return self.reasons.get((source, target), DOMAINS)


def plan_block(block: Block) -> FusionPlan:
    return _Grouping(block).run()


class _Grouping:
    """Union-find over the block's ops; a root's `members` and `succ` cover its group."""

    def __init__(self, block: Block):
        self.ops = list(block.ops)
        self.index = {op: i for i, op in enumerate(self.ops)}
        self.roles = {op: role_of(op) for op in self.ops}
        self.users = [self._users(op) for op in self.ops]
        self.parent = list(range(len(self.ops)))
        self.members = {i: [i] for i in range(len(self.ops))}
        self.succ = {i: set(self.users[i]) for i in range(len(self.ops))}
        self.reasons: dict[tuple[Operation, Operation], str] = {}

    def _users(self, op: Operation) -> list[int]:
        found: set[int] = set()
        for result in op.results:
            for use in result.uses:
                user: Operation | None = use.operation
                while user is not None and user not in self.index:  # a use nested in a region
                    user = user.parent_op()
                if user is not None:
                    found.add(self.index[user])
        return sorted(found)

    def run(self) -> FusionPlan:
        self._vertical()
        self._horizontal()
        roots = self._group_roots()
        groups = [[self.ops[i] for i in self.members[r]] for r in roots]
        return FusionPlan(
            ops=self.ops,
            position=self.index,
            roles=self.roles,
            groups=groups,
            group_of={op: g for g, members in enumerate(groups) for op in members},
            materialised=[op for op in self.ops if self._needs_copy(op)],
            users={op: [self.ops[j] for j in self.users[i]] for i, op in enumerate(self.ops)},
            reasons=self.reasons,
        )

    def _group_roots(self) -> list[int]:
        """The groups' roots, by first member."""
        grouped = (i for i, op in enumerate(self.ops) if self.roles[op] is Role.GROUP)
        return sorted({self.find(i) for i in grouped}, key=lambda r: self.members[r][0])

    # -- union-find ------------------------------------------------------------------------
    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        self.parent[b] = a
        self.members[a] = sorted(self.members[a] + self.members.pop(b))
        self.succ[a] |= self.succ.pop(b)

    def _successors(self, root: int) -> set[int]:
        return {self.find(j) for j in self.succ[root]} - {root}

    def _reaches_through_others(self, source: int, target: int) -> bool:
        """A path source -> X -> ... -> target with X another group or op."""
        stack = [u for u in self._successors(source) if u != target]
        seen = set(stack)
        while stack:
            for w in self._successors(stack.pop()):
                if w == target:
                    return True
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
        return False

    def _ops_of(self, root: int) -> list[Operation]:
        return [self.ops[i] for i in self.members[root]]

    def _try_merge(self, a: int, b: int) -> str | None:
        merged = [self.ops[i] for i in sorted(self.members[a] + self.members[b])]
        error = group_error(merged)
        if error is not None:
            return error
        if self._reaches_through_others(a, b) or self._reaches_through_others(b, a):
            return CYCLE
        self._union(a, b)
        return None

    # -- the two sweeps ----------------------------------------------------------------------
    def _grouped_producers(self, op: Operation) -> list[Operation]:
        found: list[Operation] = []
        for value in op.operands:
            owner = producer(value)
            if owner in self.index and self.roles[owner] is Role.GROUP and owner not in found:
                found.append(owner)
        return found

    def _vertical(self) -> None:
        for i, op in enumerate(self.ops):
            if self.roles[op] is not Role.GROUP:
                continue
            for source in sorted(self._grouped_producers(op), key=self._without_reduce):
                a, b = self.find(self.index[source]), self.find(i)
                if a == b:
                    continue
                reason = edge_rule(source, op) or self._try_merge(a, b)
                if reason is not None:
                    self.reasons[(source, op)] = reason

    def _without_reduce(self, source: Operation) -> bool:
        """Sort key: producers whose group holds a reduce first (so an epilogue joins its
        reduce before an unrelated element-wise group can claim it)."""
        return not any(is_reduce(op) for op in self._ops_of(self.find(self.index[source])))

    def _reads(self, root: int) -> list[SSAValue]:
        """The values a group's kernel would read from memory (through the reindex-class
        ops recomputed inside it)."""
        inside = set(self._ops_of(root))
        reads: list[SSAValue] = []
        for op in self._ops_of(root):
            for value in op.operands:
                owner = producer(value)
                if owner in inside:
                    continue
                if owner in self.index and self.roles[owner] is Role.REMAT:
                    # the copy reads its operand, unless that is a scalar copied along too
                    values = [v for v in owner.operands if not _is_scalar(producer(v))]
                else:
                    values = [value]
                reads += [v for v in values if v not in reads]
        return reads

    def _horizontal(self) -> None:
        roots = self._group_roots()
        readers: dict[SSAValue, list[int]] = {}
        for root in roots:
            for value in self._reads(root):
                readers.setdefault(value, []).append(root)
        for group_roots in readers.values():
            for x, first in enumerate(group_roots):
                for second in group_roots[x + 1 :]:
                    a, b = self.find(first), self.find(second)
                    if a != b and domain(self._ops_of(a)) == domain(self._ops_of(b)):
                        self._try_merge(a, b)

    def _needs_copy(self, op: Operation) -> bool:
        """A recomputed op whose value some consumer must read from memory."""
        if self.roles[op] is not Role.REMAT:
            return False
        for j in self.users[self.index[op]]:
            role = self.roles[self.ops[j]]
            if role is Role.OUTSIDE or (role is Role.REMAT and not isinstance(op, m.ConstantOp)):
                return True
        return False
