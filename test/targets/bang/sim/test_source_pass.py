"""The source pass on its own: what it rewrites, and that every line stays where it was."""

from __future__ import annotations

from mopc.targets.bang.sim.source_pass import rewrite, tokenize

SAMPLE = r'''#include "mlu.h"
#define N 256
__nram__ float gbuf[N], *gp;
__mlu_shared__ int8_t *shared_ptr;
__mlu_const__ float table[4] = {1, 2,
   3, 4};
/* __nram__ in a comment */ const char *s = "__nram__ in a string";
template <typename T> __mlu_func__ void helper(__nram__ T *x) { __nram__ T tmp[64]; }
__mlu_entry__ void kernel(half *out,
                          half *in) {
  __nram__ half a[256 * 256];
  __nram__ int counter = 0;
  __wram__ __attribute__((aligned(128))) half w[64][64];
  for (int i = 0; i < 3; i++) { __asm__ volatile("sync;\n\t" ::: "memory"); }
}
extern "C" { __mlu_global__ void declared_c(float *a); }
template <typename T> __mlu_global__ void templated(T *a) {}
int main() {
  kernel<<<dim, CNRT_FUNC_TYPE_BLOCK, q>>>(a, b,
     3);
  templated<float><<<dim, CNRT_FUNC_TYPE_UNION1, q>>>(a);
}
'''


def test_lines_stay_in_place():
    out = rewrite(SAMPLE, "k.mlu").text
    lines = out.split("\n")
    assert lines[0] == '#line 1 "k.mlu"'
    assert len(lines) == len(SAMPLE.split("\n")) + 1
    original = SAMPLE.split("\n")
    for n in (0, 1, 6, 15, 16, 17, 19, 21):  # lines nothing is rewritten on
        assert lines[n + 1] == original[n]


def test_on_chip_declarations_become_bound_references():
    lines = rewrite(SAMPLE, "k.mlu").text.split("\n")[1:]
    assert "static thread_local mopcsim_t_gbuf_1& gbuf = " in lines[2]
    assert "using mopcsim_t_gp_2 = float *;" in lines[2]  # the second declarator keeps its pointer
    assert "::mopcsim::SP_SRAM" in lines[3] and "mopcsim_t_shared_ptr_3& shared_ptr" in lines[3]
    assert "static mopcsim_t_table_4 table = {1, 2," in lines[4] and "ConstRegion" in lines[5]
    assert lines[6].startswith("/* __nram__ in a comment */")  # comments and strings untouched
    assert "void helper(  T *x)" in lines[7]  # a qualifier on a parameter is dropped
    assert "mopcsim_t_tmp_5& tmp = *static_cast" in lines[7]  # block scope: no thread_local
    assert "using mopcsim_t_a_7 = half [ 256 * 256 ];" in lines[10]
    assert "std::memcpy((void*)&counter" in lines[11]  # an initialiser runs where the declaration was
    assert "::mopcsim::var_align(alignof(mopcsim_t_w_9), 128)" in lines[12]


def test_kernels_get_c_linkage_and_a_registration():
    result = rewrite(SAMPLE, "k.mlu")
    lines = result.text.split("\n")[1:]
    assert lines[8].startswith('extern "C" __mlu_entry__ void kernel(')
    assert 'KernelRegistrar mopcsim_kernel_kernel_6(kernel, "kernel", __FILE__, __LINE__);' in lines[14]
    assert lines[15] == 'extern "C" { __mlu_global__ void declared_c(float *a); }'
    assert lines[16] == "template <typename T> __mlu_global__ void templated(T *a) {}"
    assert result.kernels == ["kernel"]


def test_launches_and_inline_sync():
    lines = rewrite(SAMPLE, "k.mlu").text.split("\n")[1:]
    assert "{ ::mopcsim::asm_sync(); }" in lines[13]
    assert lines[18] == '  ::mopcsim::launch(kernel, "kernel", dim, CNRT_FUNC_TYPE_BLOCK, q)(a, b,'
    assert lines[20] == '  ::mopcsim::launch(templated<float>, "templated<float>", dim, CNRT_FUNC_TYPE_UNION1, q)(a);'


def test_local_includes_are_redirected():
    text = '#include "mlu.h"\n#include "helpers.h"\n'
    out = rewrite(text, "k.mlu", lambda name: "/build/helpers.h" if name == "helpers.h" else None).text
    assert out.split("\n")[1:3] == ['#include "mlu.h"', '#include "/build/helpers.h"']


def test_tokenizer_keeps_directives_whole():
    tokens = tokenize('#define X(a) \\\n  (a + 1)\nint y = X(2);\n')
    assert tokens[0].kind == "pp" and tokens[0].text.endswith("(a + 1)")
    assert [t.text for t in tokens[1:]] == ["int", "y", "=", "X", "(", "2", ")", ";"]
    assert tokens[1].line == 3
