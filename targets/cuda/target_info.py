"""What an NVIDIA GPU offers, for choosing launch shapes: `target_info("sm_90")`.

The numbers are the CUDA programming guide's (compute capability tables): the warp
size, the threads a block may have, the shared memory a block may use statically
(48 KiB; more needs an opt-in launch attribute mopc does not use), the registers of
a thread and of a multiprocessor, and the multiprocessor count of the reference
parts (A100: 108, H100 SXM: 132).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CudaTargetInfo:
    arch: str
    """nvcc's `-arch` value."""
    warp_size: int
    max_threads_per_block: int
    shared_memory_per_block: int
    """Bytes of static `__shared__` memory one block may declare."""
    shared_memory_per_sm: int
    registers_per_thread: int
    registers_per_sm: int
    sm_count: int

    @property
    def default_block_size(self) -> int:
        """Threads per block for one-point-per-thread kernels: 8 warps, enough to hide
        latency with several blocks resident per multiprocessor."""
        return 8 * self.warp_size

    def threads_to_fill(self) -> int:
        """Threads that keep every multiprocessor busy with a few resident blocks."""
        return self.sm_count * 4 * self.default_block_size


TARGETS: dict[str, CudaTargetInfo] = {
    "sm_80": CudaTargetInfo("sm_80", 32, 1024, 48 * 1024, 164 * 1024, 255, 65536, 108),
    "sm_90": CudaTargetInfo("sm_90", 32, 1024, 48 * 1024, 228 * 1024, 255, 65536, 132),
}
DEFAULT_ARCH = "sm_90"


def target_info(arch: str = DEFAULT_ARCH) -> CudaTargetInfo:
    if arch not in TARGETS:
        raise ValueError(f"unknown CUDA architecture '{arch}' (known: {', '.join(TARGETS)})")
    return TARGETS[arch]
