"""The fusion report of `metaop-fuse`: what each kernel holds and why edges were cut.

`FusionReport` collects, per kernel, its meta-ops and the source locations they came
from, and, per producer->consumer edge left unfused, both ends and the reason. It renders
as text (for people) or JSON (for tools; the schema is in `MetaopFusePass`'s docstring).

A location prints as MLIR would name its place: a `NameLoc` (`loc("conv1")`, what the
frontends put on every node's ops) as the node name, a `FileLineColLoc` as
`file:line:col`, a fused location as each of its parts.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from xdsl.dialects.builtin import CallSiteLoc, FileLineColLoc, FusedLoc, NameLoc
from xdsl.ir import Attribute, Operation

from mopc.core.diagnostics import op_name

SCHEMA_VERSION = 1


def location_parts(loc: Attribute | None) -> list[str]:
    """The places a location names, most specific first (empty when unknown)."""
    match loc:
        case NameLoc():
            return [loc.desc.data]
        case FileLineColLoc():
            return [f"{loc.filename.data}:{loc.line.data}:{loc.column.data}"]
        case CallSiteLoc():
            return location_parts(loc.callee)
        case FusedLoc():
            parts = loc.locations.data  # type: ignore[attr-defined]
            return [text for part in parts for text in location_parts(part)]
        case _:
            return []


def unique_locations(ops: list[Operation]) -> list[str]:
    seen: list[str] = []
    for op in ops:
        for part in location_parts(op.location):
            if part not in seen:
                seen.append(part)
    return seen


def op_label(op: Operation) -> str:
    """`metaop.binary max`: the op's name and, if it has one, its kind."""
    kind = op.properties.get("kind")
    value = getattr(getattr(kind, "data", None), "value", None)
    return f"{op_name(op)} {value}" if isinstance(value, str) else op_name(op)


@dataclass
class KernelEntry:
    name: str
    function: str | None
    ops: list[str]
    locations: list[str]
    inputs: int
    outputs: int


@dataclass
class Endpoint:
    op: str
    location: str
    kernels: list[str]  # the kernels that hold the op (a recomputed op can be in several)


@dataclass
class EdgeEntry:
    producer: Endpoint
    consumer: Endpoint
    reason: str


@dataclass
class FusionReport:
    kernels: list[KernelEntry] = field(default_factory=list)
    unfused: list[EdgeEntry] = field(default_factory=list)

    def to_json(self) -> str:
        document = {"version": SCHEMA_VERSION, **asdict(self)}
        return json.dumps(document, indent=2) + "\n"

    def to_text(self) -> str:
        lines = [f"// fusion report: {_count(len(self.kernels), 'kernel')}, "
                 f"{_count(len(self.unfused), 'unfused edge')}"]
        for k in self.kernels:
            where = f" in @{k.function}" if k.function else ""
            lines.append(f"kernel {k.name}{where}: {_count(k.inputs, 'input')}, "
                         f"{_count(k.outputs, 'output')}")
            lines.append(f"  ops: {', '.join(k.ops)}")
            lines.append(f"  from: {', '.join(k.locations) or 'unknown'}")
        for e in self.unfused:
            lines.append(
                f"unfused: {e.producer.location} -> {e.consumer.location} "
                f"({e.producer.op} -> {e.consumer.op}): {e.reason}"
            )
        return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def endpoint(op: Operation, kernels: list[str]) -> Endpoint:
    return Endpoint(op_label(op), ", ".join(location_parts(op.location)) or "unknown", kernels)
