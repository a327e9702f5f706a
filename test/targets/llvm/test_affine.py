"""Affine loop-level IR compiled for the CPU (affine-to-scf inside convert-to-llvm) and
run against NumPy: MLIR's floor/ceil division and non-negative `mod` on negative
indices, max/min bounds with symbols, affine.if, affine.parallel and affine.min.
"""

from __future__ import annotations

import numpy as np
import pytest

from mopc.core.diagnostics import DiagnosticError

INDEXING = """
func.func @indexing(%A: memref<7x3xf32>, %out: memref<3x13xf32>) {
  affine.for %i = -6 to 7 {
    %a = affine.load %A[%i floordiv 2 + 3, %i mod 3] : memref<7x3xf32>
    affine.store %a, %out[0, %i + 6] : memref<3x13xf32>
    %b = affine.load %A[%i ceildiv 3 + 2, (%i * 2) mod 3] : memref<7x3xf32>
    affine.store %b, %out[1, %i + 6] : memref<3x13xf32>
    %c = affine.load %A[(%i + 6) floordiv 4, %i mod 2] : memref<7x3xf32>
    affine.store %c, %out[2, %i + 6] : memref<3x13xf32>
  }
  func.return
}
"""


def test_division_and_mod_round_like_mlir(compile_mlir):
    compiled = compile_mlir(INDEXING)
    a = np.arange(21, dtype=np.float32).reshape(7, 3)
    out = np.zeros((3, 13), np.float32)
    compiled.call("indexing", [a, out])
    i = np.arange(-6, 7)
    ceil3 = -((-i) // 3)
    expected = np.stack([a[i // 2 + 3, i % 3], a[ceil3 + 2, (i * 2) % 3], a[(i + 6) // 4, i % 2]])
    np.testing.assert_array_equal(out, expected)


BOUNDS = """
func.func @bounds(%x: memref<16xf32>, %out: memref<16xf32>, %lo: index, %hi: index) {
  affine.for %i = max affine_map<()[s0] -> (0, s0 - 1)>()[%lo] to min affine_map<()[s0] -> (s0, 16)>()[%hi] step 3 {
    %v = affine.load %x[%i] : memref<16xf32>
    %m = affine.min affine_map<(d0)[s0] -> (d0 + 1, s0 - 1, 15)>(%i)[%hi]
    %w = affine.load %x[%m] : memref<16xf32>
    %s = arith.addf %v, %w : f32
    affine.store %s, %out[%i] : memref<16xf32>
  }
  func.return
}
"""


@pytest.mark.parametrize(("lo", "hi"), [(0, 16), (5, 12), (-3, 40), (9, 4)])
def test_max_min_bounds_with_symbols(compile_mlir, lo, hi):
    compiled = compile_mlir(BOUNDS)
    x = np.arange(16, dtype=np.float32) * 1.5
    out = np.full(16, -1.0, np.float32)
    compiled.call("bounds", [x, out, lo, hi])
    expected = np.full(16, -1.0, np.float32)
    for i in range(max(0, lo - 1), min(hi, 16), 3):
        expected[i] = x[i] + x[min(i + 1, hi - 1, 15)]
    np.testing.assert_array_equal(out, expected)


PARALLEL_IF = """
func.func @parallel_if(%A: memref<4x8xf32>, %out: memref<4x8xf32>, %n: index) {
  "affine.parallel"() <{lowerBoundsMap = affine_map<() -> (0, 0)>, lowerBoundsGroups = dense<1> : vector<2xi32>, upperBoundsMap = affine_map<() -> (4, 8)>, upperBoundsGroups = dense<1> : vector<2xi32>, steps = [1 : i64, 1 : i64], reductions = []}> ({
  ^bb0(%i: index, %j: index):
    %v = affine.load %A[%i, %j] : memref<4x8xf32>
    affine.store %v, %out[%i, %j] : memref<4x8xf32>
    "affine.if"(%i, %j, %n) ({
      %w = arith.negf %v : f32
      affine.store %w, %out[%i, %j] : memref<4x8xf32>
      "affine.yield"() : () -> ()
    }, {
    }) {condition = affine_set<(d0, d1)[s0] : (d1 - d0 * 2 >= 0, s0 - d1 - 1 >= 0)>} : (index, index, index) -> ()
    "affine.yield"() : () -> ()
  }) : () -> ()
  func.return
}
"""


@pytest.mark.parametrize("n", [0, 5, 8])
def test_parallel_and_if(compile_mlir, n):
    compiled = compile_mlir(PARALLEL_IF)
    a = np.arange(32, dtype=np.float32).reshape(4, 8) + 1
    out = np.zeros_like(a)
    compiled.call("parallel_if", [a, out, n])
    i, j = np.indices(a.shape)
    np.testing.assert_array_equal(out, np.where((j >= 2 * i) & (j < n), -a, a))


def test_parallel_reductions_are_rejected(compile_mlir):
    text = """
func.func @sum(%A: memref<8xf32>) -> f32 {
  %r = "affine.parallel"() <{lowerBoundsMap = affine_map<() -> (0)>, lowerBoundsGroups = dense<1> : vector<1xi32>, upperBoundsMap = affine_map<() -> (8)>, upperBoundsGroups = dense<1> : vector<1xi32>, steps = [1 : i64], reductions = ["addf"]}> ({
  ^bb0(%i: index):
    %v = affine.load %A[%i] : memref<8xf32>
    "affine.yield"(%v) : (f32) -> ()
  }) : () -> f32
  func.return %r : f32
}
"""
    with pytest.raises(DiagnosticError, match="affine.parallel with reductions is not supported"):
        compile_mlir(text, verify=False)
