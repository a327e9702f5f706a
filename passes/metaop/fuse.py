"""The `metaop-fuse` pass: meta-ops grouped into `metaop.kernel` ops.

`fusion_groups.py` decides which ops run together; this file builds one kernel per group
(with the reindex-class ops and scalars it reads copied in at its entry), orders the
kernels, names them (`kernel_names.py`) and writes the fusion report
(`fusion_report.py`).
"""

from __future__ import annotations

import heapq
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import FusedLoc, ModuleOp, NoneAttr, UnknownLoc
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.traits import IsTerminator

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity
from mopc.dialects import metaop as m
from mopc.dialects.metaop import fusion_class_of
from mopc.passes.metaop.fusion_groups import FusionPlan, Role, plan_block, producer
from mopc.passes.metaop.fusion_report import (
    EdgeEntry,
    FusionReport,
    KernelEntry,
    endpoint,
    op_label,
    unique_locations,
)
from mopc.passes.metaop.kernel_names import kernel_name

REPORT_FORMATS = ("", "text", "json")


@dataclass(frozen=True)
class MetaopFusePass(ModulePass):
    """Group meta-ops into `metaop.kernel`s, each one loop nest (Jittor's fusion rules).

    ```mlir
    // before
    %0 = metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5, d4 + d6)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x6x6x3x3xf32>
    %1 = metaop.broadcast %w dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<1x4x3x6x6x3x3xf32>
    %2 = metaop.binary mul %0, %1 : tensor<1x4x3x6x6x3x3xf32>
    %3 = metaop.reduce add %2 axes [2, 5, 6] : tensor<1x4x3x6x6x3x3xf32> -> tensor<1x4x6x6xf32>
    %4 = metaop.constant dense<0.000000e+00> : tensor<f32>
    %5 = metaop.broadcast %4 dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x6x6xf32>
    %6 = metaop.binary max %3, %5 : tensor<1x4x6x6xf32>
    func.return %6 : tensor<1x4x6x6xf32>
    // after
    %0 = metaop.kernel "k0_reindex_reduce_add_relu_1x4x6x6" (%x, %w) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
    ^bb0(%a: tensor<1x3x8x8xf32>, %b: tensor<4x3x3x3xf32>):
      %1 = metaop.reindex %a map affine_map<...> : tensor<1x3x8x8xf32> -> tensor<1x4x3x6x6x3x3xf32>
      %2 = metaop.broadcast %b dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<1x4x3x6x6x3x3xf32>
      %3 = metaop.binary mul %1, %2 : tensor<1x4x3x6x6x3x3xf32>
      %4 = metaop.reduce add %3 axes [2, 5, 6] : tensor<1x4x3x6x6x3x3xf32> -> tensor<1x4x6x6xf32>
      %5 = metaop.constant dense<0.000000e+00> : tensor<f32>
      %6 = metaop.broadcast %5 dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x6x6xf32>
      %7 = metaop.binary max %4, %6 : tensor<1x4x6x6xf32>
      metaop.yield %7 : tensor<1x4x6x6xf32>
    }
    func.return %0 : tensor<1x4x6x6xf32>
    ```

    Rules (reference/jittor-metaops.md §4.1, plus TVM's output fusion):

    * element-wise ops fuse with each other (same shape);
    * reindex-class ops (`reindex`, `broadcast`) sit at a kernel's entry, reading a
      kernel input; they are recomputed in every kernel that uses them, never fused
      into (their operand comes from memory), except that a scalar constant is copied
      into every kernel that uses it, with its broadcast; one that memory must hold
      (returned, or read by another reindex-class op) also gets a copy kernel;
    * a reduce (`reduce`, `reindex_reduce`) is its kernel's sink: nothing over its input
      domain comes after it. Element-wise ops over the reduced shape may follow as an
      epilogue (TVM's output fusion: conv + bias + batch norm + relu is one kernel) if
      they read only the reduce's results, memory (kernel inputs, broadcasts of them,
      scalars) and other values of the epilogue, including ones computed from memory
      alone (gemm's `beta * C`). A `reindex_reduce` takes no epilogue (its results are
      complete only at the end);
    * siblings with the same iteration domain that read a common input fuse
      horizontally (two reductions of one tensor over the same axes);
    * at most one reduction space per kernel, groups stay acyclic, and a value used
      outside its kernel (by another kernel, a non-meta op, or `func.return`) becomes
      one of the kernel's results.

    Outside kernels remain `metaop.constant`s holding non-scalar data (weights and
    inline tensors of more than one element), `func.return` and non-meta ops. Meta-ops
    whose results are unused are dropped. Each op keeps its location; the kernel gets
    the fused location of its ops. Names are `k<N>_<description>_<shape>`, N counting the
    module's kernels in program order (see `kernel_names.py`). Run it on the module
    (not per function) so that names are unique in the module.

    Options: `report` (`text` or `json`) writes a fusion report to `report-file`
    (overwritten by each run of the pass; default: stderr). `mopc-opt
    --fusion-report=text|json` sets `report` on every `metaop-fuse` of a pipeline.
    The text report has one `kernel NAME in @FUNC: I inputs, O outputs` entry per
    kernel (then its `ops:` and `from:` lines) and one
    `unfused: PRODUCER_LOC -> CONSUMER_LOC (PRODUCER_OP -> CONSUMER_OP): REASON` line
    per edge left between kernels. The JSON report (schema version 1) is:

    ```
    {"version": 1,
     "kernels": [{"name": str, "function": str | null,
                  "ops": [str],          // in body order: "metaop.binary max", ...
                  "locations": [str],    // unique, in order: "conv1", "f.mlir:3:8", ...
                  "inputs": int, "outputs": int}],
     "unfused": [{"producer": {"op": str, "location": str, "kernels": [str]},
                  "consumer": {"op": str, "location": str, "kernels": [str]},
                  "reason": str}]}
    ```

    `location` is the op's location (parts joined by ", "; `unknown` if none) and
    `kernels` the kernels holding the op (a recomputed op can be in several; none for an
    op left outside). Edges are listed in program order of producer then consumer;
    edges between two non-meta ops are not listed.
    """

    name = "metaop-fuse"

    report: str = ""
    report_file: str = ""

    def __post_init__(self) -> None:
        if self.report not in REPORT_FORMATS:
            raise ValueError(f"report must be 'text' or 'json', got '{self.report}'")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        report = FusionReport()
        number = _first_free_number(op)
        for block in _blocks_to_fuse(op):
            number = _BlockFuser(block, number, report).run()
        if self.report:
            self._write(report)

    def _write(self, report: FusionReport) -> None:
        text = report.to_json() if self.report == "json" else report.to_text()
        if not self.report_file:
            sys.stderr.write(text)
            return
        try:
            Path(self.report_file).write_text(text)
        except OSError as err:
            raise DiagnosticError(Diagnostic(
                Severity.ERROR, f"cannot write the fusion report to '{self.report_file}': "
                f"{err.strerror or err}")) from None


def _first_free_number(module: ModuleOp) -> int:
    """Past the numbers of kernels already in the module (a second run, hand-written)."""
    taken = [-1]
    for op in module.walk():
        if isinstance(op, m.KernelOp) and (found := re.match(r"k(\d+)_", op.kernel_name)):
            taken.append(int(found.group(1)))
    return max(taken) + 1


def _blocks_to_fuse(module: ModuleOp) -> list[Block]:
    """Every block holding meta-ops directly, except kernel bodies."""
    blocks = []
    for op in module.walk():
        if isinstance(op, m.KernelOp):
            continue
        for region in op.regions:
            for block in region.blocks:
                if any(fusion_class_of(inner) is not None for inner in block.ops):
                    blocks.append(block)
    return blocks


def _function_name(block: Block) -> str | None:
    op = block.parent_op()
    while op is not None and not isinstance(op, func.FuncOp):
        op = op.parent_op()
    return op.sym_name.data if op is not None else None


# -- kernel bodies ---------------------------------------------------------------------------


@dataclass(eq=False)  # hashed by identity: a scheduling unit
class _Body:
    """A kernel under construction, in terms of the original ops and values."""

    members: list[Operation]  # a group, or the one op of a copy kernel
    block: Block
    inputs: list[SSAValue]  # read from memory, one per block argument
    outputs: list[SSAValue]  # yielded
    first: int  # program position of its first member (scheduling prefers program order)
    copied: list[Operation] = field(default_factory=list)  # recomputed ops cloned in
    name: str = ""


class _BodyBuilder:
    """Clones a group's ops into a fresh block: reads from outside become block
    arguments, except recomputed ops (reindex-class, scalars), which are cloned in."""

    def __init__(self, plan: FusionPlan, members: list[Operation]):
        self.plan = plan
        self.inside = set(members)
        self.block = Block()
        self.inputs: list[SSAValue] = []
        self.args: dict[SSAValue, SSAValue] = {}
        self.values: dict[SSAValue, SSAValue] = {}  # original -> inside, as members read them
        self.copied: list[Operation] = []
        for op in members:
            reads = self._entry_read if plan.roles[op] is Role.REMAT else self._read
            self._clone(op, [reads(v) for v in op.operands])

    def _clone(self, op: Operation, operands: list[SSAValue]) -> None:
        new = op.clone(value_mapper=dict(zip(op.operands, operands, strict=True)))
        self.block.add_op(new)
        self.values.update(zip(op.results, new.results, strict=True))

    def _memory(self, value: SSAValue) -> SSAValue:
        if value not in self.args:
            self.args[value] = self.block.insert_arg(value.type, len(self.block.args))
            self.inputs.append(value)
        return self.args[value]

    def _recomputed(self, value: SSAValue) -> Operation | None:
        owner = producer(value)
        if owner is None or owner in self.inside or self.plan.roles.get(owner) is not Role.REMAT:
            return None
        return owner

    def _read(self, value: SSAValue) -> SSAValue:
        """`value` as a grouped op reads it."""
        if value in self.values:
            return self.values[value]
        owner = self._recomputed(value)
        if owner is None:
            return self._memory(value)
        self._clone(owner, [self._entry_read(v) for v in owner.operands])
        self.copied.append(owner)
        return self.values[value]

    def _entry_read(self, value: SSAValue) -> SSAValue:
        """`value` as a reindex-class op reads it: from memory, or a scalar copied in."""
        owner = self._recomputed(value)
        if isinstance(owner, m.ConstantOp):
            return self._read(value)
        return self._memory(value)


def _build_body(plan: FusionPlan, members: list[Operation]) -> _Body:
    built = _BodyBuilder(plan, members)
    inside = set(members)
    read_outside = [op for op in members if any(u not in inside for u in plan.users[op])]
    outputs = [r for op in read_outside for r in op.results]
    built.block.add_op(m.YieldOp(*[built.values[v] for v in outputs]))
    first = plan.position[members[0]]
    return _Body(members, built.block, built.inputs, outputs, first, built.copied)


def _kernel_location(block: Block) -> Attribute:
    locations: list[Attribute] = []
    for op in block.ops:
        if not isinstance(op.location, UnknownLoc) and op.location not in locations:
            locations.append(op.location)
    if not locations:
        return UnknownLoc()
    return locations[0] if len(locations) == 1 else FusedLoc(locations, NoneAttr())


_Unit = _Body | Operation  # what gets scheduled: a kernel, or an op left outside
_STAYS = (Role.OUTSIDE, Role.MEMORY)


# -- one block ----------------------------------------------------------------------------------


class _BlockFuser:
    """Fuses one block: groups (fusion_groups.py), kernel bodies, order, names, the
    report's entries, then the rewrite. `run` returns the next free kernel number."""

    def __init__(self, block: Block, number: int, report: FusionReport):
        self.block = block
        self.number = number
        self.report = report

    def run(self) -> int:
        _drop_dead_metaops(self.block)
        plan = plan_block(self.block)
        bodies = [_build_body(plan, g) for g in plan.groups]
        copies = {op: len(bodies) + i for i, op in enumerate(plan.materialised)}
        bodies += [_build_body(plan, [op]) for op in plan.materialised]
        order = _schedule(plan, bodies, copies)
        for unit in order:
            if isinstance(unit, _Body):
                main = unit.outputs[-1] if unit.outputs else unit.members[-1].results[0]
                unit.name = kernel_name(self.number, unit.members, main)
                self.number += 1
        self._record(plan, [u for u in order if isinstance(u, _Body)])
        self._rewrite(plan, order)
        return self.number

    def _record(self, plan: FusionPlan, bodies: list[_Body]) -> None:
        function = _function_name(self.block)
        kernels_of: dict[Operation, list[str]] = {}
        for body in bodies:
            ops = [op for op in body.block.ops if not isinstance(op, m.YieldOp)]
            self.report.kernels.append(KernelEntry(
                body.name, function, [op_label(op) for op in ops], unique_locations(ops),
                len(body.inputs), len(body.outputs)))
            for op in (*body.members, *body.copied):
                kernels_of.setdefault(op, []).append(body.name)
        for source, target in plan.edges():
            reason = plan.unfused_reason(source, target)
            if reason is not None:
                self.report.unfused.append(EdgeEntry(
                    endpoint(source, kernels_of.get(source, [])),
                    endpoint(target, kernels_of.get(target, [])), reason))

    def _rewrite(self, plan: FusionPlan, order: list[_Unit]) -> None:
        """Create the kernels, reroute the uses left outside to their results, erase the
        fused ops and lay the block out in `order`."""
        replaced: dict[SSAValue, SSAValue] = {}
        kernels: dict[_Body, m.KernelOp] = {}
        for unit in order:
            if isinstance(unit, _Body):
                operands = [replaced.get(v, v) for v in unit.inputs]
                kernel = m.KernelOp(unit.name, operands, [v.type for v in unit.outputs],
                                    Region(unit.block))
                kernel.location = _kernel_location(unit.block)
                replaced.update(zip(unit.outputs, kernel.results, strict=True))
                kernels[unit] = kernel
        doomed = {op for op in plan.ops if plan.roles[op] not in _STAYS}
        for old, new in replaced.items():
            old.replace_uses_with_if(new, lambda use: use.operation not in doomed)
        for op in reversed(plan.ops):
            if op in doomed:
                self.block.detach_op(op)
                op.erase()
        for op in list(self.block.ops):
            self.block.detach_op(op)
        for unit in order:
            self.block.add_op(kernels[unit] if isinstance(unit, _Body) else unit)


def _drop_dead_metaops(block: Block) -> None:
    """Meta-ops are pure: one whose results are unused goes (in reverse, so chains do)."""
    for op in reversed(list(block.ops)):
        if fusion_class_of(op) is not None and all(r.first_use is None for r in op.results):
            block.erase_op(op)


def _schedule(plan: FusionPlan, bodies: list[_Body], copies: dict[Operation, int]) -> list[_Unit]:
    """Kernels and the ops left outside in a dependence order, closest to program order
    (Kahn's algorithm, the earliest original op first; the terminator last)."""
    units: list[_Unit] = [*bodies, *(op for op in plan.ops if plan.roles[op] in _STAYS)]
    deps = _dependences(plan, bodies, copies, units)
    users: dict[_Unit, list[_Unit]] = {u: [] for u in units}
    for unit, needed in deps.items():
        for p in needed:
            users[p].append(unit)

    def priority(unit: _Unit) -> tuple[int, int, int]:
        if isinstance(unit, _Body):
            return (0, unit.first, 0)
        return (1 if unit.has_trait(IsTerminator) else 0, plan.position[unit], 1)

    waiting = {u: len(d) for u, d in deps.items()}
    tiebreak = {u: i for i, u in enumerate(units)}
    ready = [(priority(u), tiebreak[u]) for u in units if waiting[u] == 0]
    heapq.heapify(ready)
    order: list[_Unit] = []
    while ready:
        unit = units[heapq.heappop(ready)[1]]
        order.append(unit)
        for user in users[unit]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, (priority(user), tiebreak[user]))
    if len(order) != len(units):
        raise DiagnosticError.at(plan.ops[0], "internal error: the fusion groups form a cycle")
    return order


def _dependences(
    plan: FusionPlan, bodies: list[_Body], copies: dict[Operation, int], units: list[_Unit]
) -> dict[_Unit, set[_Unit]]:
    """What each kernel or outside op must come after: the producers of what it reads."""
    group_body = {op: g for g, members in enumerate(plan.groups) for op in members}

    def unit_of(op: Operation) -> _Unit:
        role = plan.roles[op]
        if role is Role.GROUP:
            return bodies[group_body[op]]
        return bodies[copies[op]] if role is Role.REMAT else op

    deps: dict[_Unit, set[_Unit]] = {u: set() for u in units}
    for body in bodies:
        owners = (producer(v) for v in body.inputs)
        deps[body] |= {unit_of(owner) for owner in owners if owner in plan.position}
    for op in plan.ops:
        for user in plan.users[op]:
            if plan.roles[user] in _STAYS:
                deps[user].add(unit_of(op))
    for unit, needed in deps.items():
        needed.discard(unit)
    return deps
