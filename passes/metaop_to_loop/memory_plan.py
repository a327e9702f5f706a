"""A static memory plan for a model's intermediates: one workspace, reused by liveness.

Each intermediate lives from the kernel that writes it to the last kernel that reads
it. Buffers are placed largest first at the lowest offset that does not overlap a
buffer alive at the same time ("greedy by size", the arena planner of TFLite and TVM).
Offsets are aligned to 64 bytes (a cache line, and AVX-512's vector size).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

ALIGNMENT = 64


@dataclass(frozen=True)
class Lifetime:
    key: Hashable
    size: int  # bytes
    first: int  # index of the kernel that writes it
    last: int  # index of the last kernel that reads it (>= first)


@dataclass(frozen=True)
class Plan:
    offsets: dict[Hashable, int]
    peak: int  # workspace bytes
    naive: int  # bytes without reuse, for reports


def _align(value: int) -> int:
    return (value + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def plan(buffers: Sequence[Lifetime]) -> Plan:
    placed: list[tuple[Lifetime, int]] = []
    offsets: dict[Hashable, int] = {}
    for buffer in sorted(buffers, key=lambda b: (-b.size, b.first)):
        conflicts = sorted(
            (offset, offset + _align(other.size))
            for other, offset in placed
            if other.first <= buffer.last and buffer.first <= other.last
        )
        offset = 0
        for start, end in conflicts:
            if offset + _align(buffer.size) <= start:
                break
            offset = max(offset, end)
        offsets[buffer.key] = offset
        placed.append((buffer, offset))
    peak = max((offsets[b.key] + _align(b.size) for b in buffers), default=0)
    return Plan(offsets, peak, sum(_align(b.size) for b in buffers))
