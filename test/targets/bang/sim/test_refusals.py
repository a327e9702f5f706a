"""Every rule the simulator enforces, each broken by one small kernel in
Inputs/refusals.mlu, refused with its exact message; the kernel's CNRT call fails and
the Python process survives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopc.targets.bang.sim import SimViolation

SOURCE = Path(__file__).parent / "Inputs" / "refusals.mlu"
BLOCK, UNION1 = 1, 4
CNRT_RET_ERR_MLU, CNRT_RET_ERR_INVALID = 632032, 632007


def marker_line(path: Path, marker: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1)
                if line.rstrip().endswith(f"// rule: {marker}"))


def at(rule: str) -> str:
    return f"{SOURCE}:{marker_line(SOURCE, rule)}"


def task(kernel: str, n: int = 0) -> str:
    return f" (kernel '{kernel}', taskId {n})"


GDRAM = "GDRAM {addr} (offset 0 in a 4096-byte cnrtMalloc allocation)"

CASES = {
    "operand_not_in_nram": (BLOCK, 1, lambda: (
        f"{at('operand_not_in_nram')}: __bang_add: operand 'src0' {GDRAM} is not in NRAM"
        + task("operand_not_in_nram"))),
    "misaligned": (BLOCK, 1, lambda: (
        f"{at('misaligned')}: __bang_add: operand 'dst' address NRAM+0x10 of core 0 is not 64-byte aligned "
        "(mtp_270 vector operands must be)" + task("misaligned"))),
    "bytes_not_multiple": (BLOCK, 1, lambda: (
        f"{at('bytes_not_multiple')}: __bang_add: elem_count * sizeof(float) = 100 * 4 = 400 bytes is not a "
        "multiple of 128 on mtp_270" + task("bytes_not_multiple"))),
    "count_not_positive": (BLOCK, 1, lambda: (
        f"{at('count_not_positive')}: __bang_active_relu: elem_count must be > 0, got 0"
        + task("count_not_positive"))),
    "nram_overflow": (BLOCK, 1, lambda: (
        "NRAM capacity exceeded in kernel 'nram_overflow' on mtp_270: __nram__ declarations need 524544 bytes > "
        f"524288 bytes (512 KB per core): 'a' ({SOURCE}:{marker_line(SOURCE, 'nram_overflow') - 1}) 262144 bytes, "
        f"'b' ({at('nram_overflow')}) 262400 bytes")),
    "wram_overflow": (BLOCK, 1, lambda: (
        "WRAM capacity exceeded in kernel 'wram_overflow' on mtp_270: __wram__ declarations need 1200000 bytes > "
        f"1048576 bytes (1024 KB per core): 'w' ({at('wram_overflow')}) 1200000 bytes")),
    "sram_overflow": (UNION1, 4, lambda: (
        "SRAM capacity exceeded in kernel 'sram_overflow' on mtp_270: __mlu_shared__ declarations need 3145728 "
        f"bytes > 2097152 bytes (2048 KB per cluster): 's' ({at('sram_overflow')}) 3145728 bytes")),
    "memcpy_direction": (BLOCK, 1, lambda: (
        f"{at('memcpy_direction')}: __memcpy GDRAM2NRAM: destination {GDRAM} is not in NRAM"
        + task("memcpy_direction"))),
    "memcpy_wram_size": (BLOCK, 1, lambda: (
        f"{at('memcpy_wram_size')}: __memcpy NRAM2WRAM: size 100 is not a multiple of 64 (copies to or from "
        "WRAM on mtp_270)" + task("memcpy_wram_size"))),
    "memcpy_nram2nram_size": (BLOCK, 1, lambda: (
        f"{at('memcpy_nram2nram_size')}: __memcpy NRAM2NRAM: size 64 is not a multiple of 128 (NRAM2NRAM "
        "without stride on mtp_270)" + task("memcpy_nram2nram_size"))),
    "memcpy_nram2nram_align": (BLOCK, 1, lambda: (
        f"{at('memcpy_nram2nram_align')}: __memcpy NRAM2NRAM: destination address NRAM+0x420 of core 0 is not "
        "64-byte aligned (NRAM2NRAM without stride needs it)" + task("memcpy_nram2nram_align"))),
    "memcpy_wram_align": (BLOCK, 1, lambda: (
        f"{at('memcpy_wram_align')}: __memcpy GDRAM2WRAM: destination address WRAM+0x4 of core 0 is not "
        "8-byte aligned (WRAM addresses must be)" + task("memcpy_wram_align"))),
    "memcpy_stride_from_wram": (BLOCK, 1, lambda: (
        f"{at('memcpy_stride_from_wram')}: __memcpy WRAM2NRAM: the strided form cannot copy from WRAM on "
        "mtp_270 (TRAP_BANG_UNSUPPORTED_STRIDE_MEMCPY_DIR)" + task("memcpy_stride_from_wram"))),
    "memcpy_segnum": (BLOCK, 1, lambda: (
        f"{at('memcpy_segnum')}: __memcpy GDRAM2NRAM: segnum 70000 is outside [0, 65535]"
        + task("memcpy_segnum"))),
    "memcpy_dst_stride": (BLOCK, 1, lambda: (
        f"{at('memcpy_dst_stride')}: __memcpy GDRAM2NRAM: dst_stride 32 is smaller than size 64"
        + task("memcpy_dst_stride"))),
    "memcpy_size": (BLOCK, 1, lambda: (
        f"{at('memcpy_size')}: __memcpy GDRAM2NRAM: size must be > 0, got 0" + task("memcpy_size"))),
    "gdram_read_oob": (BLOCK, 1, lambda: (
        f"{at('gdram_read_oob')}: __memcpy GDRAM2NRAM: source range [{{addr}}, +256 bytes) runs 160 bytes past "
        "the end of its 4096-byte cnrtMalloc allocation at {addr}" + task("gdram_read_oob"))),
    "gdram_write_oob": (BLOCK, 1, lambda: (
        f"{at('gdram_write_oob')}: __memcpy NRAM2GDRAM: destination range [{{addr}}, +256 bytes) runs 160 bytes "
        "past the end of its 4096-byte cnrtMalloc allocation at {addr}" + task("gdram_write_oob"))),
    "gdram_outside": (BLOCK, 1, lambda: (
        f"{at('gdram_outside')}: __memcpy GDRAM2NRAM: source {{addr}} (host memory; 1024 bytes past the end of "
        "the 4096-byte cnrtMalloc allocation at {addr}) is not in GDRAM" + task("gdram_outside"))),
    "nram_range": (BLOCK, 1, lambda: (
        f"{at('nram_range')}: __bang_write_zero: operand 'dst' range [NRAM+0x7ff00, +512 bytes) runs past the "
        "end of NRAM (512 KB on mtp_270)" + task("nram_range"))),
    "alias_none": (BLOCK, 1, lambda: (
        f"{at('alias_none')}: __bang_transpose: operands 'dst' [NRAM+0x0 of core 0, +4096) and 'src' "
        "[NRAM+0x0 of core 0, +4096) overlap; __bang_transpose allows no overlapping operands"
        + task("alias_none"))),
    "alias_partial": (BLOCK, 1, lambda: (
        f"{at('alias_partial')}: __bang_add: operands 'dst' [NRAM+0x80 of core 0, +256) and 'src0' "
        "[NRAM+0x0 of core 0, +256) overlap; __bang_add allows only identical operands, not partial overlaps"
        + task("alias_partial"))),
    "cycle_counts": (BLOCK, 1, lambda: (
        f"{at('cycle_counts')}: __bang_cycle_add: src_elem_count 256 is not a multiple of seg_elem_count 96"
        + task("cycle_counts"))),
    "async_hazard": (BLOCK, 1, lambda: (
        f"{at('async_hazard')}: __bang_add: operand 'dst' NRAM+0x0 of core 0 overlaps the destination of a "
        f"__memcpy_async GDRAM2NRAM at {at('async_issue')} that has not been waited for; wait for it first "
        "(__sync_copy_dram_to_nram(), a barrier or __asm__ volatile(\"sync;\"))" + task("async_hazard"))),
    "other_core": (UNION1, 4, lambda: (
        f"{at('other_core')}: __bang_write_zero: operand 'dst' NRAM+0x0 of core 0 is not in this core's NRAM "
        "(this is core 1)" + task("other_core", 1))),
    "deadlock": (UNION1, 4, lambda: (
        f"{at('deadlock')}: __sync_cluster: deadlock: 4 of the 5 participants of cluster 0 (4 IPU cores and the "
        "memory core) arrived; 1 thread returned from the kernel without reaching it (kernel 'deadlock')")),
    "gdramset_oob": (BLOCK, 1, lambda: (
        f"{at('gdramset_oob')}: __gdramset: operand 'dst' range [{{addr}}, +32 bytes) runs 16 bytes past the end "
        "of its 4096-byte cnrtMalloc allocation at {addr}" + task("gdramset_oob"))),
    "write_value_bytes": (BLOCK, 1, lambda: (
        f"{at('write_value_bytes')}: __bang_write_value: elem_count * sizeof(half) = 20 * 2 = 40 bytes is not a "
        "multiple of 64 on mtp_270" + task("write_value_bytes"))),
    "convert_count": (BLOCK, 1, lambda: (
        f"{at('convert_count')}: __bang_float2half_rd: src_count = 100 is not a multiple of 64 on mtp_270"
        + task("convert_count"))),
    "pool_window": (BLOCK, 1, lambda: (
        f"{at('pool_window')}: __bang_maxpool: the 3x3 window does not fit the 2x2 input: output size must be > 0"
        + task("pool_window"))),
    "memcpy_src_stride": (BLOCK, 1, lambda: (
        f"{at('memcpy_src_stride')}: __memcpy GDRAM2NRAM: src_stride must be >= 0, got -4"
        + task("memcpy_src_stride"))),
    "memcpy_wram_stride": (BLOCK, 1, lambda: (
        f"{at('memcpy_wram_stride')}: __memcpy GDRAM2WRAM: dst_stride 12 is not a multiple of 8 (into WRAM)"
        + task("memcpy_wram_stride"))),
    "memcpy_cluster_form": (BLOCK, 1, lambda: (
        f"{at('memcpy_cluster_form')}: __memcpy GDRAM2NRAM: the id_dst_cluster form is only for SRAM2SRAM"
        + task("memcpy_cluster_form"))),
    "memcpy_cluster_id": (UNION1, 4, lambda: (
        f"{at('memcpy_cluster_id')}: __memcpy SRAM2SRAM: id_dst_cluster 2 is outside [0, clusterDim = 1)"
        + task("memcpy_cluster_id"))),
    "memcpy_ldram": (BLOCK, 1, lambda: (
        f"{at('memcpy_ldram')}: __memcpy NRAM2LDRAM: LDRAM is not modelled by mopc's BANG simulator"
        + task("memcpy_ldram"))),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_refused_with_message(refusals, sim, rule):
    kind, dim, expected = CASES[rule]
    refusals.reset()
    status = refusals.call("run", rule.encode(), dim, kind, check=False)
    assert status == CNRT_RET_ERR_MLU
    sim.assert_message(refusals.last_error(), expected())
    refusals.reset()


def test_violation_raises_and_the_library_stays_usable(refusals):
    with pytest.raises(SimViolation, match="not a multiple of 128 on mtp_270"):
        refusals.call("run", b"bytes_not_multiple", 1, BLOCK)
    assert refusals.last_error() is None  # check() reset it
    assert refusals.call("run", b"async_waited", 1, BLOCK) == 0


def test_waited_async_copy_is_accepted(refusals):
    assert refusals.call("run", b"async_waited", 1, BLOCK) == 0


def test_nram_is_allocated_per_kernel(refusals):
    refusals.reset()
    assert refusals.call("run", b"big_a", 1, BLOCK) == 0
    assert refusals.call("run", b"big_b", 1, BLOCK) == 0
    declared = [launch["declared_bytes"]["nram"] for launch in refusals.counters()["launches"]]
    assert declared == [409600, 409600]  # 800 KB in the file, 400 KB per kernel


HOST_CASES = {
    0: (632036, ("cnrtMemcpy HOST2DEV: destination range [{addr}, +8192 bytes) runs 4096 bytes past the end of "
                 "its 4096-byte cnrtMalloc allocation at {addr}")),
    1: (632021, "cnrtFree: {addr} was not returned by cnrtMalloc (or was already freed)"),
    2: (CNRT_RET_ERR_INVALID, ("cnrtInvokeKernel_V2: kernel 'takes_int' parameter 2 (int, 4 bytes) was given 8 "
                               "bytes by cnrtKernelParamsBufferAddParam")),
    3: (CNRT_RET_ERR_INVALID, ("cnrtInvokeKernel_V2: kernel 'takes_int' ({source}:{line}) takes 2 parameters, "
                               "the params buffer holds 3")),
    4: (CNRT_RET_ERR_INVALID, ("launch of kernel 'misaligned': CNRT_FUNC_TYPE_UNION1 needs dim.x to be a "
                               "multiple of 4 (1 cluster x 4 cores), got dim.x = 2")),
    5: (CNRT_RET_ERR_INVALID, ("launch of kernel 'misaligned': CNRT_FUNC_TYPE_UNION8 needs 8 clusters; "
                               "mtp_270 has 4")),
}


@pytest.mark.parametrize("which", sorted(HOST_CASES))
def test_host_misuse_refused(refusals, sim, which):
    code, template = HOST_CASES[which]
    line = next(n for n, text in enumerate(SOURCE.read_text().splitlines(), 1) if "void takes_int" in text)
    refusals.reset()
    assert refusals.call("host_misuse", which, check=False) == code
    sim.assert_message(refusals.last_error(), template.replace("{source}", str(SOURCE)).replace("{line}", str(line)))
    refusals.reset()
