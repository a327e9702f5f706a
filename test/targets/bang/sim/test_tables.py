"""The per-arch builtin lists, the intrinsic table and the code generated from them."""

from __future__ import annotations

import pytest

from mopc.targets.bang.sim.arch import ARCHS, arch_spec
from mopc.targets.bang.sim.builtins import available, builtin_table, parse_signature
from mopc.targets.bang.sim.codegen import generate
from mopc.targets.bang.sim.intrinsics import INTRINSICS, lookup


def test_lists_parse_with_every_overload():
    table = builtin_table("mtp_270")
    assert len(table.functions["__memcpy"]) == 4 and len(builtin_table("mtp_372").functions["__memcpy"]) == 6
    assert [p.type for p in table.functions["__bang_add"][0].params] == ["float*", "float*", "float*", "int"]
    assert "__bang_float2half_rd" in table.macros and "__bang_float2half_rd" not in table.functions
    assert "__sync_io" in available("mtp_372") and "__sync_io" not in available("mtp_270")


def test_every_table_entry_exists_on_some_arch():
    names = set().union(*(available(a) for a in ARCHS))
    assert sorted(set(INTRINSICS) - names) == []


@pytest.mark.parametrize("name, on_270, on_372", [
    ("__bang_relu", False, True), ("__bang_float2half_rn", False, True), ("__bang_active_relu", True, True),
    ("__bang_perf_executed_inst", True, False), ("__bang_div", True, True),
])
def test_availability_differs_per_arch(name, on_270, on_372):
    assert (name in available("mtp_270"), name in available("mtp_372")) == (on_270, on_372)


def test_generated_header_declares_exactly_the_arch_overloads():
    gen = generate("mtp_270")
    assert "void __bang_add(half* dst, half* src0, half* src1, int elem_count);" in gen.header
    assert "__bang_relu does not exist on mtp_270 (it is not in the mtp_270 builtin list; it exists on mtp_372)" \
        in gen.header
    assert "__bang_conv exists on mtp_270 but mopc's BANG simulator does not model it" in gen.header
    assert "#define __bang_add(...) (::mopcsim::here(__FILE__, __LINE__), ::__bang_add(__VA_ARGS__))" in gen.header
    # __bang_maxpool on mtp_270: half with and without stride, float only with stride
    assert [len(s.params) for s in gen.modelled["__bang_maxpool"]] == [9, 7, 9]
    assert "__bang_relu" in generate("mtp_372").modelled


def test_rules_are_2xx_only():
    assert "::mopcsim::R_VECTOR" in generate("mtp_270").source
    spec_372 = [line for line in generate("mtp_372").source.splitlines() if '"__bang_add"' in line]
    assert spec_372 and "R_VECTOR" not in spec_372[0]


def test_lookup_models_scalar_conversions_by_pattern():
    assert lookup("__float2half_rd").kind == "scalar_convert" and lookup("__float2half_rd").op == "rd"
    assert lookup("__half2float").op == "default"
    assert lookup("__bang_conv") is None


def test_signature_parser_handles_defaults_and_qualifiers():
    sig = parse_signature("void __bang_maxpool_bp(float* dst, float* src, mluPoolBPOverlap overlap = OVERLAP_ACC)")
    assert [(p.type, p.name) for p in sig.params] == [("float*", "dst"), ("float*", "src"),
                                                     ("mluPoolBPOverlap", "overlap")]
    assert parse_signature("bool __is_nram(const void *ptr)").params[0].type == "const void*"


def test_arch_numbers():
    mlu270, mlu370 = arch_spec("mtp_270"), arch_spec("mtp_372")
    assert (mlu270.nram_bytes, mlu270.wram_bytes, mlu270.sram_bytes, mlu270.cores) == (512 << 10, 1 << 20, 2 << 20, 16)
    assert (mlu370.nram_bytes, mlu370.wram_bytes, mlu370.sram_bytes, mlu370.cores) == (768 << 10, 1 << 20, 4 << 20, 16)
    assert mlu270.macros()["__MLU_NRAM_SIZE__"] == "512" and mlu370.vector_align is None
    with pytest.raises(KeyError, match="unknown BANG architecture 'mtp_100'"):
        arch_spec("mtp_100")
