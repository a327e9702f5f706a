"""Numerics of every modelled builtin overload against NumPy, on both architectures.

The kernel is generated from the same table the simulator is (every modelled
signature of the arch's builtin list becomes one `case` of a switch), so a builtin
added to intrinsics.py is tested here without another line, as long as its kind has a
reference below. Each case stages its inputs GDRAM -> NRAM, calls the builtin once on
NRAM buffers and copies the result back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from mopc.targets.bang.sim.builtins import Signature
from mopc.targets.bang.sim.codegen import generate
from mopc.targets.bang.sim.intrinsics import Intrinsic, lookup

ARCHES = ("mtp_270", "mtp_372")
BUF = 65536  # bytes per NRAM staging buffer
NP = {"half": np.float16, "float": np.float32, "char": np.int8, "signed char": np.int8, "int8": np.int8,
      "unsigned char": np.uint8, "short": np.int16, "int16": np.int16, "unsigned short": np.uint16,
      "int": np.int32, "unsigned int": np.uint32}
KINDS = ("unary", "binary", "scalar", "cycle", "div", "reduce_sum", "maxmin", "count", "select", "collect",
         "pool", "transpose", "write_zero", "fill", "convert", "scalar_convert")


@dataclass(frozen=True)
class Case:
    index: int
    intrinsic: Intrinsic
    sig: Signature

    @property
    def id(self) -> str:
        types = ",".join(p.type for p in self.sig.params)
        return f"{self.sig.name}({types})"

    @property
    def elem(self) -> str:
        """The element type the case computes on (the source's for conversions)."""
        params = self.sig.params
        if self.intrinsic.kind == "scalar_convert":
            return params[0].type
        if self.intrinsic.kind in ("count", "convert"):
            return params[1].pointee
        if self.intrinsic.kind == "fill":
            return params[2].type
        return params[0].pointee


def _call(case: Case) -> str | None:
    """The C statement running `case` on the staging buffers A, B, S -> D."""
    sig, kind = case.sig, case.intrinsic.kind
    p = sig.params
    ptr = [f"({q.type})" for q in p]
    name = sig.name
    if kind == "unary":
        return f"{name}({ptr[0]}D, {ptr[1]}A, i0);"
    if kind in ("binary", "select", "collect"):
        return f"{name}({ptr[0]}D, {ptr[1]}A, {ptr[2]}B, i0);"
    if kind == "scalar":
        return f"{name}({ptr[0]}D, {ptr[1]}A, ({p[2].type})fv, i0);"
    if kind == "cycle":
        return f"{name}({ptr[0]}D, {ptr[1]}A, {ptr[2]}B, i0, i1);"
    if kind == "div":
        return f"{name}({ptr[0]}D, {ptr[1]}A, {ptr[2]}B, {ptr[3]}S, i0);"
    if kind in ("reduce_sum", "maxmin", "count", "convert"):
        return f"{name}({ptr[0]}D, {ptr[1]}A, i0);"
    if kind == "pool":
        extra = "i0, i1, i2, i3, i4" + (", i5, i6" if len(p) == 9 else "")
        return f"{name}({ptr[0]}D, {ptr[1]}A, {extra});"
    if kind == "transpose":
        return f"{name}({ptr[0]}D, {ptr[1]}A, i0, i1);"
    if kind == "write_zero":
        return f"{name}({ptr[0]}D, i0);"
    if kind == "fill" and case.intrinsic.space == "GDRAM":  # straight into the output, no staging
        return f"{name}({ptr[0]}out, i0, ({p[2].type})fv); return;"
    if kind == "fill" and case.intrinsic.space == "SRAM":
        return f"{name}({ptr[0]}SR, i0, ({p[2].type})fv); __memcpy(D, SR, out_bytes, SRAM2NRAM);"
    if kind == "fill":
        return f"{name}({ptr[0]}D, i0, ({p[2].type})fv);"
    if kind == "scalar_convert":
        return (f"for (int k = 0; k < i0; ++k) (({sig.ret}*)D)[k] = {name}((({p[0].type}*)A)[k]);")
    return None


def cases_for(arch: str) -> list[Case]:
    cases: list[Case] = []
    for name, sigs in sorted(generate(arch).modelled.items()):
        intrinsic = lookup(name)
        if intrinsic is None or intrinsic.kind not in KINDS:
            continue
        for sig in sigs:
            case = Case(len(cases), intrinsic, sig)
            if _call(case) is not None:
                cases.append(case)
    return cases


def kernel_source(cases: list[Case]) -> str:
    switch = "\n".join(f"    case {c.index}: {_call(c)} break;" for c in cases)
    return f"""#include "mlu.h"
#define BUF {BUF}
__nram__ char A[BUF];
__nram__ char B[BUF];
__nram__ char S[BUF];
__nram__ char D[BUF];
__mlu_shared__ char SR[BUF];

__mlu_entry__ void numerics(char *out, char *a, char *b, int out_bytes, int a_bytes, int b_bytes, int op,
                            float fv, int i0, int i1, int i2, int i3, int i4, int i5, int i6) {{
  if (a_bytes) __memcpy(A, a, a_bytes, GDRAM2NRAM);
  if (b_bytes) __memcpy(B, b, b_bytes, GDRAM2NRAM);
  __memcpy(D, out, out_bytes, GDRAM2NRAM);
  switch (op) {{
{switch}
  }}
  __memcpy(out, D, out_bytes, NRAM2GDRAM);
}}

static char *device(const void *host, int bytes) {{
  char *p;
  cnrtMalloc((void **)&p, bytes > 0 ? bytes : 64);
  if (bytes > 0) cnrtMemcpy(p, (void *)host, bytes, CNRT_MEM_TRANS_DIR_HOST2DEV);
  return p;
}}

extern "C" int run(void *out, int out_bytes, const void *a, int a_bytes, const void *b, int b_bytes, int op,
                   float fv, int i0, int i1, int i2, int i3, int i4, int i5, int i6) {{
  char *d_out = device(out, out_bytes), *d_a = device(a, a_bytes), *d_b = device(b, b_bytes);
  cnrtQueue_t queue;
  cnrtCreateQueue(&queue);
  cnrtDim3_t dim = {{1, 1, 1}};
  numerics<<<dim, CNRT_FUNC_TYPE_BLOCK, queue>>>(d_out, d_a, d_b, out_bytes, a_bytes, b_bytes, op, fv, i0, i1,
                                                  i2, i3, i4, i5, i6);
  int ret = cnrtSyncQueue(queue);
  cnrtMemcpy(out, d_out, out_bytes, CNRT_MEM_TRANS_DIR_DEV2HOST);
  cnrtFree(d_out);
  cnrtFree(d_a);
  cnrtFree(d_b);
  cnrtDestroyQueue(queue);
  return ret;
}}
"""


@pytest.fixture(scope="module")
def libraries(sim_library, tmp_path_factory):
    built = {}
    folder = tmp_path_factory.mktemp("numerics")
    for arch in ARCHES:
        source = Path(folder / f"numerics_{arch}.mlu")
        source.write_text(kernel_source(cases_for(arch)))
        built[arch] = sim_library([source], arch=arch)
    return built


# ---- references ---------------------------------------------------------------------------


def _neighbours(x: np.ndarray, t) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Round-to-nearest-even in t, and the representable values below and above x."""
    with np.errstate(over="ignore"):
        nearest = x.astype(t)
    n = nearest.astype(np.float64)
    lo = np.where(n <= x, nearest, np.nextafter(nearest, t(-np.inf)))
    hi = np.where(n >= x, nearest, np.nextafter(nearest, t(np.inf)))
    return nearest, lo, hi


def round_to(x: np.ndarray, t, mode: str) -> np.ndarray:
    """x (float64) rounded to float type t with a BANG rounding mode."""
    nearest, lo, hi = _neighbours(x, t)
    exact = nearest.astype(np.float64) == x
    if mode in ("rn", "default", "exact"):
        out = nearest
    elif mode == "tz":
        out = np.where(x > 0, lo, hi)
    elif mode == "oz":
        out = np.where(x > 0, hi, lo)
    elif mode == "up":
        out = hi
    elif mode == "dn":
        out = lo
    else:  # rd, rm: nearest, ties away from zero; overflow as in round-to-nearest
        dlo, dhi = x - lo.astype(np.float64), hi.astype(np.float64) - x
        out = np.where(dlo < dhi, lo, np.where(dhi < dlo, hi, np.where(x > 0, hi, lo)))
        out = np.where(np.isinf(nearest), nearest, out)
    return np.where(exact, nearest, out).astype(t)


def round_int(x: np.ndarray, t, mode: str) -> np.ndarray:
    fns = {"tz": np.trunc, "default": np.trunc, "up": np.ceil, "dn": np.floor, "rn": np.rint,
           "oz": lambda v: np.where(v < 0, np.floor(v), np.ceil(v)),
           "rd": lambda v: np.sign(v) * np.floor(np.abs(v) + 0.5), "rm": lambda v: np.sign(v) * np.floor(np.abs(v) + 0.5)}
    info = np.iinfo(t)
    return np.clip(fns[mode](x), info.min, info.max).astype(t)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def gelu(x):
    return 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


UNARY = {  # op: (reference on float64, input range)
    "relu": (lambda x: np.maximum(x, 0), (-5, 5)), "abs": (np.abs, (-5, 5)),
    "exp": (np.exp, (-7.5, 10)), "exphp": (np.exp, (-14, 15)), "exp_less_0": (np.exp, (-7, 0)),
    "sigmoid": (sigmoid, (-7.5, 7.5)), "sigmoid_hp": (sigmoid, (-10, 10)), "tanh": (np.tanh, (-4, 4)),
    "recip": (lambda x: 1 / x, (0.01, 100)), "reciphp": (lambda x: 1 / x, (0.01, 100)),
    "recip_greater_1": (lambda x: 1 / x, (1.5, 100)), "recip_exact": (lambda x: 1 / x, (0.01, 100)),
    "sqrt": (np.sqrt, (0, 100)), "sqrthp": (np.sqrt, (0, 100)), "sqrt_exact": (np.sqrt, (0, 100)),
    "rsqrt": (lambda x: 1 / np.sqrt(x), (0.01, 100)), "rsqrthp": (lambda x: 1 / np.sqrt(x), (0.01, 100)),
    "rsqrt_exact": (lambda x: 1 / np.sqrt(x), (0.01, 100)),
    "log": (np.log, (0.001, 100)), "loghp": (np.log, (0.001, 100)), "log_exact": (np.log, (0.001, 100)),
    "sin": (np.sin, (-3, 3)), "cos": (np.cos, (-3, 3)), "gelu": (gelu, (-4, 4)), "gelup": (gelu, (-4, 4)),
    "sign": (np.sign, (-3, 3)), "pow2": (np.exp2, (-8, 8)), "square": (np.square, (-10, 10)),
    "not": (lambda x: (x == 0).astype(np.float64), (-2, 2)), "round": (np.rint, (-10, 10)),
}
EXACT_UNARY = {"relu", "abs", "sign", "square", "not", "round"}

BINARY = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "max": np.maximum,
    "min": np.minimum, "max_nan": np.maximum, "min_nan": np.minimum,
    "eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater,
    "ge": np.greater_equal, "and": lambda a, b: (a != 0) & (b != 0), "or": lambda a, b: (a != 0) | (b != 0),
    "xor": lambda a, b: (a != 0) != (b != 0), "band": np.bitwise_and, "bor": np.bitwise_or,
    "bxor": np.bitwise_xor,
}


def combine(op: str, a: np.ndarray, b: np.ndarray, t) -> np.ndarray:
    if np.issubdtype(t, np.integer):
        return BINARY[op](a.astype(np.int64), b.astype(np.int64)).astype(t)
    if op in ("band", "bor", "bxor"):  # on the bits of the floats
        bits = np.uint32 if t == np.float32 else np.uint16
        return BINARY[op](a.view(bits), b.view(bits)).astype(bits).view(t)
    if op == "add_tz":
        return round_to(a.astype(np.float64) + b.astype(np.float64), t, "tz")
    if t == np.float32 and op in ("add", "sub", "mul", "div"):
        return BINARY[op](a, b).astype(t)  # float arithmetic, as the simulator does
    with np.errstate(divide="ignore", invalid="ignore"):
        return BINARY[op](a.astype(np.float64), b.astype(np.float64)).astype(np.float64).astype(t)


def operands(rng, t, n, op="add"):
    """Inputs for `op` on type t: small integers for compares and logic (so equal and
    zero values occur), real numbers otherwise, nonzero divisors."""
    if np.issubdtype(t, np.integer):
        info = np.iinfo(t)
        return rng.integers(info.min, info.max, n, endpoint=True).astype(t)
    if op in ("eq", "ne", "lt", "le", "gt", "ge", "and", "or", "xor", "max", "min", "max_nan", "min_nan"):
        return rng.integers(-3, 4, n).astype(t)
    values = rng.uniform(-8, 8, n).astype(t)
    if op == "div":
        values = np.where(np.abs(values) < 0.5, t(1.5), values).astype(t)
    return values


def count_for(t, multiple_bytes=128, at_least=256):
    size = np.dtype(t).itemsize
    return max(at_least, multiple_bytes // size)


def run_case(lib, case: Case, out: np.ndarray, a=None, b=None, fv=0.0, ints=()) -> np.ndarray:
    ints = list(ints) + [0] * (7 - len(ints))
    a_bytes = 0 if a is None else a.nbytes
    b_bytes = 0 if b is None else b.nbytes
    assert max(out.nbytes, a_bytes, b_bytes) <= BUF
    status = lib.call("run", out, out.nbytes, a, a_bytes, b, b_bytes, case.index, float(fv), *ints)
    assert status == 0
    return out


def check_case(lib, case: Case, rng) -> None:
    with np.errstate(over="ignore", invalid="ignore"):
        _check_case(lib, case, rng)


def _check_case(lib, case: Case, rng) -> None:
    kind, op = case.intrinsic.kind, case.intrinsic.op
    t = NP[case.elem]
    floating = np.issubdtype(t, np.floating)
    rtol = 0 if not floating else (2e-3 if t == np.float16 else 2e-6)
    if kind == "unary":
        n = 256
        if op in ("bnot", "not") and not floating:
            a = operands(rng, t, n)
            expected = ~a if op == "bnot" else (a == 0).astype(t)
        else:
            fn, (lo, hi) = UNARY[op]
            a = rng.uniform(lo, hi, n).astype(t)
            if op in ("sign", "not", "relu"):
                a[::7] = 0
            expected = fn(a.astype(np.float64)).astype(t)
        got = run_case(lib, case, np.zeros(n, t), a, ints=[n])
        if op in EXACT_UNARY or not floating:
            np.testing.assert_array_equal(got, expected)
        else:
            np.testing.assert_allclose(got, expected, rtol=rtol, atol=1e-7)
    elif kind in ("binary", "div"):
        n = 256
        a, b = operands(rng, t, n, op), operands(rng, t, n, op)
        if op == "max_nan":
            a[3] = np.nan
        got = run_case(lib, case, np.zeros(n, t), a, b, ints=[n])
        np.testing.assert_allclose(got, combine(op, a, b, t), rtol=rtol if op == "div" else 0)
    elif kind == "scalar":
        n = 256
        a = operands(rng, t, n, op)
        value = t(2) if op in ("eq", "ne", "lt", "le", "gt", "ge", "and", "or", "xor", "band", "bor", "bxor",
                               "max", "min") else t(1.75)
        got = run_case(lib, case, np.zeros(n, t), a, fv=float(value), ints=[n])
        np.testing.assert_array_equal(got, combine(op, a, np.full(n, value, t), t))
    elif kind == "cycle":
        n, seg_n = 256, count_for(t, 128, 1)
        a, seg = operands(rng, t, n, op), operands(rng, t, seg_n, op)
        got = run_case(lib, case, np.zeros(n, t), a, seg, ints=[n, seg_n])
        np.testing.assert_array_equal(got, combine(op, a, np.tile(seg, n // seg_n), t))
    elif kind == "reduce_sum":
        n = 256
        a = rng.uniform(-4, 4, n).astype(t)
        chunk = 128 // np.dtype(t).itemsize
        out = np.full(n, 7, t)
        got = run_case(lib, case, out, a, ints=[n])
        sums = a.astype(np.float64).reshape(-1, chunk).sum(axis=1).astype(t)
        expected = np.full(n, 7 if lib.arch == "mtp_372" else 0, t).reshape(-1, chunk)
        expected[:, 0] = sums
        np.testing.assert_allclose(got.reshape(-1, chunk), expected, rtol=1e-6)
    elif kind == "maxmin":
        n = 256
        a = rng.permutation(np.linspace(-50, 50, n)).astype(t)
        got = run_case(lib, case, np.full(128, 0xAB, np.uint8), a, ints=[n])
        best = int(np.argmax(a) if op == "max" else np.argmin(a))
        size = np.dtype(t).itemsize  # value in element 0, index in the second 16/32-bit word
        assert got[:size].view(t)[0] == a[best]
        index = got[size:2 * size].view(np.uint16 if size == 2 else np.uint32)[0]
        assert index == best
        assert not got[2 * size:].any()
    elif kind == "count":
        n = 256
        a = rng.integers(-1, 2, n).astype(t)
        got = run_case(lib, case, np.full(32, 99, np.uint32), a, ints=[n])
        assert got[0] == np.count_nonzero(a) and not got[1:].any()
    elif kind in ("select", "collect"):
        n = 256
        a = rng.uniform(-4, 4, n).astype(t)
        mask = (rng.uniform(size=n) < 0.3).astype(t)
        picked = a[mask != 0]
        size = np.dtype(t).itemsize
        out = np.full(128 + n * size + 128, 0xCD, np.uint8)
        got = run_case(lib, case, out, a, mask, ints=[n])
        if kind == "select":
            assert got[:4].view(np.uint32)[0] == picked.size and not got[4:128].any()
            payload = -(-picked.nbytes // 128) * 128
            np.testing.assert_array_equal(got[128:128 + picked.nbytes].view(t), picked)
            assert not got[128 + picked.nbytes:128 + payload].any()
            assert (got[128 + payload:] == 0xCD).all()
        else:
            np.testing.assert_array_equal(got[:picked.nbytes].view(t), picked)
            assert (got[picked.nbytes:] == 0xCD).all()
    elif kind == "pool":
        channel = count_for(t, 128, 1)
        h, w, kh, kw, sw, sh = 6, 7, 2, 3, 2, 1
        if len(case.sig.params) == 7:
            sw, sh = kw, kh
        x = rng.uniform(-4, 4, (h, w, channel)).astype(t)
        oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
        got = run_case(lib, case, np.zeros((oh, ow, channel), t), x.ravel(), ints=[channel, h, w, kh, kw, sw, sh])
        windows = np.stack([x[i * sh:i * sh + kh, j * sw:j * sw + kw].astype(np.float64)
                            for i in range(oh) for j in range(ow)]).reshape(oh, ow, kh * kw, channel)
        reduce = {"sum": np.sum, "avg": np.mean, "max": np.max, "min": np.min}[op]
        np.testing.assert_allclose(got, reduce(windows, axis=2).astype(t), rtol=rtol)
    elif kind == "transpose":
        h, w = count_for(t, 128, 32), count_for(t, 128, 64)
        x = operands(rng, t, h * w)
        got = run_case(lib, case, np.zeros(h * w, t), x, ints=[h, w])
        np.testing.assert_array_equal(got.reshape(w, h), x.reshape(h, w).T)
    elif kind == "write_zero":
        n = count_for(t)
        out = np.full(n + 64, 5, t)
        got = run_case(lib, case, out, ints=[n])
        assert not got[:n].any() and (got[n:] == 5).all()
    elif kind == "fill":
        n = count_for(t, 128)
        out = np.full(n + 64, 5, t)
        value = t(3) if not floating else t(-2.5)
        got = run_case(lib, case, out, fv=float(value), ints=[n])
        assert (got[:n] == value).all()
        if case.intrinsic.space != "SRAM":  # staged through SRAM, whose rest is not ours
            assert (got[n:] == 5).all()
    elif kind == "convert":
        dst = NP[case.sig.params[0].pointee]
        n = 256
        x = np.concatenate([rng.uniform(-70000, 70000, 64), rng.uniform(-3, 3, 128), rng.uniform(-1e-6, 1e-6, 64)])
        x = x.astype(t)
        got = run_case(lib, case, np.zeros(n, dst), x, ints=[n])
        np.testing.assert_array_equal(got, round_to(x.astype(np.float64), dst, op))
    elif kind == "scalar_convert":
        ret = NP[case.sig.ret]
        n = 256
        if floating:
            span = 70000 if t == np.float32 else 60000
            x = np.concatenate([rng.uniform(-span, span, 64), rng.uniform(-300, 300, 128),
                                np.arange(-32, 32) * 0.5]).astype(t)
        else:
            info = np.iinfo(t)
            x = rng.integers(info.min, info.max, n, endpoint=True).astype(t)
        got = run_case(lib, case, np.zeros(n, ret), x, ints=[n])
        mode = op if op != "default" else ("rn" if np.issubdtype(ret, np.floating) else "tz")
        if np.issubdtype(ret, np.floating):
            expected = round_to(x.astype(np.float64), ret, mode)
        else:
            expected = round_int(x.astype(np.float64), ret, mode)
        np.testing.assert_array_equal(got, expected)
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("arch", ARCHES)
def test_every_modelled_overload_matches_numpy(libraries, arch):
    lib = libraries[arch]
    rng = np.random.default_rng(0)
    failures = []
    cases = cases_for(arch)
    for case in cases:
        try:
            check_case(lib, case, rng)
        except AssertionError as err:
            failures.append(f"{case.id}: {str(err).strip().splitlines()[0:6]}")
    assert not failures, f"{len(failures)} of {len(cases)} cases differ:\n" + "\n".join(failures)
    covered = {c.sig.name for c in cases}
    kinds = {c.intrinsic.kind for c in cases}
    assert set(KINDS) <= kinds, set(KINDS) - kinds
    assert len(covered) > 150


def test_numerics_are_counted(libraries):
    lib = libraries["mtp_270"]
    lib.reset()
    case = next(c for c in cases_for("mtp_270") if c.sig.name == "__bang_active_exp" and c.elem == "float")
    x = np.full(256, 12.0, np.float32)  # above exp's documented input range (10.25): clamped
    got = run_case(lib, case, np.zeros(256, np.float32), x, ints=[256])
    np.testing.assert_allclose(got, np.exp(10.25), rtol=1e-6)
    launch = lib.counters()["launches"][-1]
    assert launch["intrinsics"]["__bang_active_exp"] == {"calls": 1, "elements": 256, "clamped": 256}


def test_activation_saturations(libraries):
    lib = libraries["mtp_270"]
    for name, value, expected in (("__bang_active_exp", -9.0, 5.96e-8), ("__bang_active_sigmoid", -8.0, 0.0),
                                  ("__bang_active_sigmoid", 8.0, 1.0)):
        case = next(c for c in cases_for("mtp_270") if c.sig.name == name and c.elem == "float")
        got = run_case(lib, case, np.zeros(256, np.float32), np.full(256, value, np.float32), ints=[256])
        np.testing.assert_allclose(got, np.float32(expected))
