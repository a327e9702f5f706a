"""The MLU architectures the simulator models: topology, memory sizes and the rules
that differ between generations.

Numbers come from ../shared/reference/bang-c.md (section 1.3 for sizes, 1.4 for the
topology, 3.3 and 4.1 for the alignment and size rules). One `ArchSpec` per
`--bang-mlu-arch` name; `macros()` is what both the device code and the simulator's
runtime are compiled with, so the C++ side never hard-codes a number.
"""

from __future__ import annotations

from dataclasses import dataclass

KB = 1024


@dataclass(frozen=True)
class ArchSpec:
    """One MLU generation as the simulator sees it."""

    name: str
    """`--bang-mlu-arch` spelling: `mtp_270`, `mtp_372`."""
    bang_arch: int
    """`__BANG_ARCH__`."""
    chip: str
    clusters: int
    cores_per_cluster: int
    """IPU cores per cluster; every cluster also has one memory core (MPU)."""
    nram_kb: int
    wram_kb: int
    sram_kb: int
    vector_align: int | None
    """Address alignment every vector operand needs (2xx: 64 bytes; 3xx: none)."""
    vector_bytes_multiple: int | None
    """`elem_count * sizeof(T)` must be a multiple of this (2xx: 128; 3xx: none)."""
    wram_copy_multiple: int
    """`__memcpy` size multiple for any direction to or from WRAM (without stride)."""
    nram2nram_copy_multiple: int
    """`__memcpy` size multiple for NRAM2NRAM without stride."""

    @property
    def cores(self) -> int:
        return self.clusters * self.cores_per_cluster

    @property
    def nram_bytes(self) -> int:
        return self.nram_kb * KB

    @property
    def wram_bytes(self) -> int:
        return self.wram_kb * KB

    @property
    def sram_bytes(self) -> int:
        return self.sram_kb * KB

    @property
    def generation(self) -> str:
        """`2xx` or `3xx`: the families whose rules bang-c.md documents."""
        return f"{self.bang_arch // 100}xx"

    def macros(self) -> dict[str, str]:
        """`-D` definitions: cncc's own (`__BANG_ARCH__`, sizes in KB) and the runtime's."""
        return {
            "__BANG_ARCH__": str(self.bang_arch),
            "__MLU_NRAM_SIZE__": str(self.nram_kb),
            "__MLU_WRAM_SIZE__": str(self.wram_kb),
            "__MLU_SRAM_SIZE__": str(self.sram_kb),
            "MOPCSIM_ARCH_NAME": f'"{self.name}"',
            "MOPCSIM_CHIP_NAME": f'"{self.chip}"',
            "MOPCSIM_CLUSTERS": str(self.clusters),
            "MOPCSIM_CORES_PER_CLUSTER": str(self.cores_per_cluster),
            "MOPCSIM_VECTOR_ALIGN": str(self.vector_align or 1),
            "MOPCSIM_VECTOR_BYTES_MULTIPLE": str(self.vector_bytes_multiple or 1),
            "MOPCSIM_WRAM_COPY_MULTIPLE": str(self.wram_copy_multiple),
            "MOPCSIM_NRAM2NRAM_COPY_MULTIPLE": str(self.nram2nram_copy_multiple),
        }


ARCHS: dict[str, ArchSpec] = {
    "mtp_270": ArchSpec(
        name="mtp_270", bang_arch=270, chip="MLU270", clusters=4, cores_per_cluster=4,
        nram_kb=512, wram_kb=1024, sram_kb=2048,
        vector_align=64, vector_bytes_multiple=128,
        wram_copy_multiple=64, nram2nram_copy_multiple=128,
    ),
    "mtp_372": ArchSpec(
        name="mtp_372", bang_arch=372, chip="MLU370", clusters=4, cores_per_cluster=4,
        nram_kb=768, wram_kb=1024, sram_kb=4096,
        vector_align=None, vector_bytes_multiple=None,
        wram_copy_multiple=16, nram2nram_copy_multiple=1,
    ),
}

DEFAULT_ARCH = "mtp_270"


def arch_spec(name: str) -> ArchSpec:
    """The spec for `name`; KeyError names the known architectures."""
    try:
        return ARCHS[name]
    except KeyError:
        raise KeyError(f"unknown BANG architecture '{name}' (known: {', '.join(ARCHS)})") from None
