"""Every `math` op of the loop level, compiled for the CPU, against NumPy.

One module holds a scalar and a 16-lane vector kernel per function (the vector form
goes through LLVM's vector intrinsics or lane-by-lane libm calls), plus f64 and f16
kernels for the libm-backed functions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

N = 64
RNG = np.random.default_rng(1)

erf = np.vectorize(math.erf, otypes=[np.float64])

# name -> (arity, NumPy reference, input sampler)
UNARY_DOMAIN = {"log": "positive", "sqrt": "positive", "rsqrt": "positive", "powf": "positive"}
FUNCTIONS = {
    "exp": (1, np.exp),
    "log": (1, np.log),
    "sqrt": (1, np.sqrt),
    "rsqrt": (1, lambda x: 1 / np.sqrt(x)),
    "tanh": (1, np.tanh),
    "erf": (1, erf),
    "floor": (1, np.floor),
    "ceil": (1, np.ceil),
    "roundeven": (1, np.round),  # NumPy rounds halves to even
    "sin": (1, np.sin),
    "cos": (1, np.cos),
    "absf": (1, np.abs),
    "powf": (2, np.power),
    "fma": (3, lambda a, b, c: a * b + c),
}


def _kernel(name: str, arity: int, t: str, vector: bool) -> str:
    """`@<name>_<t>[_v](inputs..., out)`: out[i] = name(inputs[i]...)."""
    step, value = ("16", "vector<16xf32>") if vector else ("1", t)
    memref = f"memref<{N}x{t}>"
    args = ", ".join(f"%in{k}: {memref}" for k in range(arity))
    load = "vector.load" if vector else "memref.load"
    store = "vector.store" if vector else "memref.store"
    suffix = f", {value}" if vector else ""
    loads = "\n".join(f"    %x{k} = {load} %in{k}[%i] : {memref}{suffix}" for k in range(arity))
    operands = ", ".join(f"%x{k}" for k in range(arity))
    return f"""
func.func @{name}_{t}{'_v' if vector else ''}({args}, %out: {memref}) attributes {{mopc.kernel}} {{
  %c0 = arith.constant 0 : index
  %step = arith.constant {step} : index
  %n = arith.constant {N} : index
  scf.for %i = %c0 to %n step %step {{
{loads}
    %y = math.{name} {operands} : {value}
    {store} %y, %out[%i] : {memref}{suffix}
  }}
  func.return
}}"""


LIBM_WIDTHS = {"tanh": ("f64", "f16"), "erf": ("f64", "f16"), "exp": ("f64",), "powf": ("f64",)}


def _module() -> str:
    kernels = []
    for name, (arity, _) in FUNCTIONS.items():
        kernels.append(_kernel(name, arity, "f32", vector=False))
        kernels.append(_kernel(name, arity, "f32", vector=True))
    for name, widths in LIBM_WIDTHS.items():
        kernels.extend(_kernel(name, FUNCTIONS[name][0], t, vector=False) for t in widths)
    return "\n".join(kernels)


@pytest.fixture(scope="module")
def compiled(compile_mlir):
    return compile_mlir(_module())


def _inputs(name: str, arity: int, dtype: type) -> list[np.ndarray]:
    if UNARY_DOMAIN.get(name) == "positive":
        first = RNG.uniform(0.05, 4.0, N)
    else:
        first = RNG.uniform(-4.0, 4.0, N)
        first[:8] = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.0, -0.0]  # halves: round to even
    rest = [RNG.uniform(-2.0, 2.0, N) for _ in range(arity - 1)]
    return [a.astype(dtype) for a in (first, *rest)]


def _tolerance(dtype: type) -> dict[str, float]:
    return {np.float16: {"rtol": 2e-3, "atol": 2e-3}, np.float32: {"rtol": 2e-6, "atol": 1e-6},
            np.float64: {"rtol": 1e-12, "atol": 1e-12}}[dtype]


@pytest.mark.parametrize("vector", [False, True], ids=["scalar", "vector"])
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_f32_math_matches_numpy(compiled, name, vector):
    arity, reference = FUNCTIONS[name]
    inputs = _inputs(name, arity, np.float32)
    out = np.full(N, np.nan, np.float32)
    compiled.call(f"{name}_f32{'_v' if vector else ''}", [*inputs, out])
    expected = reference(*(a.astype(np.float64) for a in inputs)).astype(np.float32)
    np.testing.assert_allclose(out, expected, **_tolerance(np.float32))


@pytest.mark.parametrize(("name", "t"), [(n, t) for n, ws in LIBM_WIDTHS.items() for t in ws])
def test_other_float_widths(compiled, name, t):
    dtype = {"f64": np.float64, "f16": np.float16}[t]
    arity, reference = FUNCTIONS[name]
    inputs = _inputs(name, arity, dtype)
    out = np.zeros(N, dtype)
    compiled.call(f"{name}_{t}", [*inputs, out])
    expected = reference(*(a.astype(np.float64) for a in inputs)).astype(dtype)
    np.testing.assert_allclose(out, expected, **_tolerance(dtype))
