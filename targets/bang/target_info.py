"""What the BANG code generator needs to know about an MLU architecture.

The chip facts (topology, NRAM/WRAM/SRAM sizes, the 2xx operand rules) are the
simulator's `ArchSpec` (`sim/arch.py`), and which builtins exist comes from the same
per-arch lists the simulator's headers are generated from (`sim/builtins.py`), so the
compiler and the simulator can never disagree. This module adds the code generator's
own choices: how many lanes a vector value (an NRAM chunk) is padded to, how large a
chunk may get, how kernels are launched.

Sources: ../shared/reference/bang-c.md 1.3 (sizes), 2.3 (task types), 4.1 (the 2xx
rule: 64-byte aligned operands, `n * sizeof(T) % 128 == 0`; mlu-ops' stricter
"64 elements"), KH's 128 KB of NRAM reserved for cncc's stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mopc.targets.bang.sim.arch import ARCHS, DEFAULT_ARCH, ArchSpec, arch_spec
from mopc.targets.bang.sim.builtins import available

TASK_TYPES: dict[str, int] = {"BLOCK": 1, "UNION1": 1, "UNION2": 2, "UNION4": 4}
"""`cnrtFunctionType_t` names the code generator may launch with -> clusters a task needs
(BLOCK: one core)."""

NRAM_RESERVED = 128 * 1024
"""Bytes of NRAM left to cncc (its stack), as mlu-ops' `MAX_NRAM_SIZE` does."""


@dataclass(frozen=True)
class BangTargetInfo:
    """One architecture as the code generator sees it."""

    spec: ArchSpec
    lane_multiple: int
    """Every vector value's lane count is a multiple of this: mtp_270 64 (128 bytes of
    half, 256 of float: the documented rule and mlu-ops' "64 elements" at once); mtp_372
    has no rule and takes 16 (64 bytes of float)."""
    max_lanes: int
    """The largest vector value (NRAM chunk) a kernel tiles by, in elements."""
    task_type: str = "BLOCK"
    """How kernels are launched: BLOCK tasks, one per IPU core (the memory core, which
    has no NRAM, takes no part)."""

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def tasks(self) -> int:
        """Tasks per launch: every IPU core of the chip."""
        return self.spec.cores

    @property
    def nram_budget(self) -> int:
        """NRAM bytes a kernel's buffers may take together."""
        return self.spec.nram_bytes - NRAM_RESERVED

    @property
    def vector_align(self) -> int:
        """Address alignment of a vector operand (64 bytes on 2xx; 64 kept on 3xx)."""
        return self.spec.vector_align or 64

    def has(self, builtin: str) -> bool:
        """Whether `builtin` exists on this architecture (its builtin list names it)."""
        return builtin in _available(self.spec.name)

    def lanes(self, extent: int) -> int:
        """Lanes of a vector covering `extent` elements: padded to `lane_multiple`, at
        most `max_lanes` (a longer dimension is tiled in `max_lanes` chunks)."""
        padded = -(-max(extent, 1) // self.lane_multiple) * self.lane_multiple
        return min(padded, self.max_lanes)


@cache
def _available(arch: str) -> frozenset[str]:
    return frozenset(available(arch))


_CHOICES: dict[str, tuple[int, int]] = {"mtp_270": (64, 1024), "mtp_372": (16, 2048)}
"""`arch -> (lane_multiple, max_lanes)`."""


@cache
def target_info(arch: str = DEFAULT_ARCH) -> BangTargetInfo:
    """The target info of `arch`; KeyError names the known architectures."""
    spec = arch_spec(arch)
    lane_multiple, max_lanes = _CHOICES[spec.name]
    return BangTargetInfo(spec, lane_multiple, max_lanes)


ARCH_NAMES = tuple(ARCHS)

__all__ = ["ARCH_NAMES", "DEFAULT_ARCH", "TASK_TYPES", "BangTargetInfo", "target_info"]
