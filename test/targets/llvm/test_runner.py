"""The CPU runner executes loop-level kernels (docs/loop-level.md) correctly.

Each module is written by hand in the shape `metaop-to-loop` produces, compiled with
`compile_module`, run on random arrays and compared with NumPy.
"""

from __future__ import annotations

import numpy as np
import pytest

from mopc.core.diagnostics import DiagnosticError

RNG = np.random.default_rng(0)

# out = max(a * b - 0.5, 0): 16-lane vectors over [0, 96), a scalar tail over [96, 100).
ELEMENTWISE = """
func.func @fused(%a: memref<100xf32>, %b: memref<100xf32>, %out: memref<100xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c96 = arith.constant 96 : index
  %c100 = arith.constant 100 : index
  %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
  %half = arith.constant dense<5.000000e-01> : vector<16xf32>
  %zs = arith.constant 0.000000e+00 : f32
  %hs = arith.constant 5.000000e-01 : f32
  scf.for %i = %c0 to %c96 step %c16 {
    %x = vector.load %a[%i] : memref<100xf32>, vector<16xf32>
    %y = vector.load %b[%i] : memref<100xf32>, vector<16xf32>
    %p = arith.mulf %x, %y : vector<16xf32>
    %q = arith.subf %p, %half : vector<16xf32>
    %r = arith.maximumf %q, %zero : vector<16xf32>
    vector.store %r, %out[%i] : memref<100xf32>, vector<16xf32>
  }
  scf.for %i = %c96 to %c100 step %c1 {
    %x = memref.load %a[%i] : memref<100xf32>
    %y = memref.load %b[%i] : memref<100xf32>
    %p = arith.mulf %x, %y : f32
    %q = arith.subf %p, %hs : f32
    %r = arith.maximumf %q, %zs : f32
    memref.store %r, %out[%i] : memref<100xf32>
  }
  func.return
}
"""


def test_elementwise_vector_body_and_scalar_tail(compile_mlir):
    compiled = compile_mlir(ELEMENTWISE)
    a, b = RNG.standard_normal((2, 100), dtype=np.float32)
    a[[3, 98]] = np.nan  # maximumf propagates NaN, in the vector body and in the tail
    out = np.zeros(100, np.float32)
    compiled.call("fused", [a, b, out])
    np.testing.assert_array_equal(out, np.maximum(a * b - np.float32(0.5), 0))
    assert np.isnan(out[3]) and np.isnan(out[98])


# Row sums of an 8x37 matrix: a scalar scf.for with iter_args, and a vector
# accumulator carried through the loop then reduced (vector.reduction with an acc).
REDUCTION = """
func.func @row_sums(%m: memref<8x37xf32>, %out: memref<8xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c37 = arith.constant 37 : index
  %zero = arith.constant 0.000000e+00 : f32
  scf.for %i = %c0 to %c8 step %c1 {
    %s = scf.for %j = %c0 to %c37 step %c1 iter_args(%acc = %zero) -> (f32) {
      %x = memref.load %m[%i, %j] : memref<8x37xf32>
      %next = arith.addf %acc, %x : f32
      scf.yield %next : f32
    }
    memref.store %s, %out[%i] : memref<8xf32>
  }
  func.return
}

func.func @total(%v: memref<64xf32>, %bias: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
  %acc = scf.for %i = %c0 to %c64 step %c16 iter_args(%a = %zero) -> (vector<16xf32>) {
    %x = vector.load %v[%i] : memref<64xf32>, vector<16xf32>
    %n = arith.addf %a, %x : vector<16xf32>
    scf.yield %n : vector<16xf32>
  }
  %s = vector.reduction <add>, %acc, %bias : vector<16xf32> into f32
  %mx = vector.reduction <maximumf>, %acc : vector<16xf32> into f32
  %r = arith.addf %s, %mx : f32
  func.return %r : f32
}
"""


def test_reductions_with_iter_args(compile_mlir):
    compiled = compile_mlir(REDUCTION)
    m = RNG.standard_normal((8, 37), dtype=np.float32)
    out = np.zeros(8, np.float32)
    compiled.call("row_sums", [m, out])
    np.testing.assert_allclose(out, m.sum(axis=1), rtol=1e-5, atol=1e-5)

    v = RNG.standard_normal(64, dtype=np.float32)
    lanes = v.reshape(4, 16).sum(axis=0)
    result = compiled.call("total", [v, 0.25])
    assert result == pytest.approx(lanes.sum() + 0.25 + lanes.max(), rel=1e-5)


# C[16x32] = A[16x24] @ B[24x32]: a 2x16 register block (two rows, one 16-lane vector)
# of vector.fma with broadcast A elements; the row blocks are spread over threads.
MATMUL = """
func.func @matmul(%A: memref<16x24xf32>, %B: memref<24x32xf32>, %C: memref<16x32xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c16 = arith.constant 16 : index
  %c24 = arith.constant 24 : index
  %c32 = arith.constant 32 : index
  %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
  "scf.parallel"(%c0, %c16, %c2) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %i1 = arith.addi %i, %c1 : index
    scf.for %j = %c0 to %c32 step %c16 {
      %acc:2 = scf.for %k = %c0 to %c24 step %c1 iter_args(%a0 = %zero, %a1 = %zero) -> (vector<16xf32>, vector<16xf32>) {
        %b = vector.load %B[%k, %j] : memref<24x32xf32>, vector<16xf32>
        %x0 = memref.load %A[%i, %k] : memref<16x24xf32>
        %x1 = memref.load %A[%i1, %k] : memref<16x24xf32>
        %v0 = vector.broadcast %x0 : f32 to vector<16xf32>
        %v1 = vector.broadcast %x1 : f32 to vector<16xf32>
        %n0 = vector.fma %v0, %b, %a0 : vector<16xf32>
        %n1 = vector.fma %v1, %b, %a1 : vector<16xf32>
        scf.yield %n0, %n1 : vector<16xf32>, vector<16xf32>
      }
      vector.store %acc#0, %C[%i, %j] : memref<16x32xf32>, vector<16xf32>
      vector.store %acc#1, %C[%i1, %j] : memref<16x32xf32>, vector<16xf32>
    }
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
"""


def test_register_blocked_matmul(compile_mlir):
    compiled = compile_mlir(MATMUL)
    a = RNG.standard_normal((16, 24), dtype=np.float32)
    b = RNG.standard_normal((24, 32), dtype=np.float32)
    c = np.zeros((16, 32), np.float32)
    compiled.call("matmul", [a, b, c])
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)


# 20 elements, 16 lanes: the second block loads 4 lanes; the other 12 read 7.0.
MASKED = """
func.func @masked(%in: memref<20xf32>, %lanes: memref<32xf32>, %out: memref<20xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c20 = arith.constant 20 : index
  %pad = arith.constant dense<7.000000e+00> : vector<16xf32>
  %two = arith.constant dense<2.000000e+00> : vector<16xf32>
  scf.for %i = %c0 to %c20 step %c16 {
    %left = arith.subi %c20, %i : index
    %mask = vector.create_mask %left : vector<16xi1>
    %v = vector.maskedload %in[%i], %mask, %pad : memref<20xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
    vector.store %v, %lanes[%i] : memref<32xf32>, vector<16xf32>
    %d = arith.mulf %v, %two : vector<16xf32>
    vector.maskedstore %out[%i], %mask, %d : memref<20xf32>, vector<16xi1>, vector<16xf32>
  }
  func.return
}
"""


def test_masked_loads_read_the_pass_through_value(compile_mlir):
    compiled = compile_mlir(MASKED)
    x = RNG.standard_normal(20, dtype=np.float32)
    lanes = np.zeros(32, np.float32)
    out = np.full(20, -1.0, np.float32)
    compiled.call("masked", [x, lanes, out])
    np.testing.assert_array_equal(lanes[:20], x)
    np.testing.assert_array_equal(lanes[20:], np.full(12, 7.0, np.float32))
    np.testing.assert_array_equal(out, 2 * x)


# out[i] = x > 0 ? 2x : -x, through scf.if with a result.
IF_RESULTS = """
func.func @abs_or_double(%in: memref<16xf32>, %out: memref<16xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.000000e+00 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    %x = memref.load %in[%i] : memref<16xf32>
    %pos = arith.cmpf ogt, %x, %zero : f32
    %y = scf.if %pos -> (f32) {
      %d = arith.addf %x, %x : f32
      scf.yield %d : f32
    } else {
      %n = arith.negf %x : f32
      scf.yield %n : f32
    }
    memref.store %y, %out[%i] : memref<16xf32>
  }
  func.return
}
"""


def test_scf_if_with_results(compile_mlir):
    compiled = compile_mlir(IF_RESULTS)
    x = RNG.standard_normal(16, dtype=np.float32)
    out = np.zeros(16, np.float32)
    compiled.call("abs_or_double", [x, out])
    np.testing.assert_array_equal(out, np.where(x > 0, 2 * x, -x))


# Vector compares, selects and masks of i1 lanes, an integer reduction and a lane read
# at a run-time position. xDSL 0.74's verifier accepts arith.cmpf/cmpi/select with
# scalar i1 results and conditions only (docs/loop-level.md), so this module is written
# generically and not verified: the lowering is ready for the vector forms.
VECTOR_SELECT = """
func.func @select(%x: memref<16xf32>, %n: index, %out: memref<16xf32>, %iout: memref<16xi32>, %k: index) -> i32 {
  %c0 = arith.constant 0 : index
  %true = arith.constant dense<true> : vector<16xi1>
  %lanes = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]> : vector<16xi32>
  %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
  %izero = arith.constant dense<0> : vector<16xi32>
  %v = vector.load %x[%c0] : memref<16xf32>, vector<16xf32>
  %pos = "arith.cmpf"(%v, %zero) <{predicate = 2 : i64, fastmath = #arith.fastmath<none>}> : (vector<16xf32>, vector<16xf32>) -> vector<16xi1>
  %both = arith.andi %pos, %true : vector<16xi1>
  %relu = "arith.select"(%both, %v, %zero) : (vector<16xi1>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
  vector.store %relu, %out[%c0] : memref<16xf32>, vector<16xf32>
  %n32 = arith.index_cast %n : index to i32
  %bound = vector.broadcast %n32 : i32 to vector<16xi32>
  %below = "arith.cmpi"(%lanes, %bound) <{predicate = 2 : i64}> : (vector<16xi32>, vector<16xi32>) -> vector<16xi1>
  %kept = "arith.select"(%below, %lanes, %izero) : (vector<16xi1>, vector<16xi32>, vector<16xi32>) -> vector<16xi32>
  vector.store %kept, %iout[%c0] : memref<16xi32>, vector<16xi32>
  %largest = vector.reduction <maxsi>, %kept : vector<16xi32> into i32
  %lane = vector.extract %kept[%k] : i32 from vector<16xi32>
  %r = arith.addi %largest, %lane : i32
  func.return %r : i32
}
"""


def test_vector_compare_select_and_integer_lanes(compile_mlir):
    compiled = compile_mlir(VECTOR_SELECT, verify=False)
    x = RNG.standard_normal(16, dtype=np.float32)
    out = np.zeros(16, np.float32)
    lanes = np.zeros(16, np.int32)
    result = compiled.call("select", [x, 5, out, lanes, 3])
    np.testing.assert_array_equal(out, np.where(x > 0, x, 0))
    np.testing.assert_array_equal(lanes, np.where(np.arange(16) < 5, np.arange(16), 0))
    assert result == 4 + 3


# Index arithmetic on signed operands: out[k, i] for k in floordiv, ceildiv, rem, div,
# min, max.
INDEX_MATH = """
func.func @index_math(%a: memref<32xi64>, %b: memref<32xi64>, %out: memref<6x32xi64>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %x64 = memref.load %a[%i] : memref<32xi64>
    %y64 = memref.load %b[%i] : memref<32xi64>
    %x = arith.index_cast %x64 : i64 to index
    %y = arith.index_cast %y64 : i64 to index
    %fd = arith.floordivsi %x, %y : index
    %cd = arith.ceildivsi %x, %y : index
    %rm = arith.remsi %x, %y : index
    %dv = arith.divsi %x, %y : index
    %mn = arith.minsi %x, %y : index
    %mx = arith.maxsi %x, %y : index
    %r0 = arith.index_cast %fd : index to i64
    %r1 = arith.index_cast %cd : index to i64
    %r2 = arith.index_cast %rm : index to i64
    %r3 = arith.index_cast %dv : index to i64
    %r4 = arith.index_cast %mn : index to i64
    %r5 = arith.index_cast %mx : index to i64
    memref.store %r0, %out[%c0, %i] : memref<6x32xi64>
    memref.store %r1, %out[%c1, %i] : memref<6x32xi64>
    memref.store %r2, %out[%c2, %i] : memref<6x32xi64>
    memref.store %r3, %out[%c3, %i] : memref<6x32xi64>
    memref.store %r4, %out[%c4, %i] : memref<6x32xi64>
    memref.store %r5, %out[%c5, %i] : memref<6x32xi64>
  }
  func.return
}
"""


def test_signed_index_math_rounds_like_python_and_c(compile_mlir):
    compiled = compile_mlir(INDEX_MATH)
    a = RNG.integers(-50, 50, 32).astype(np.int64)
    b = RNG.integers(1, 9, 32).astype(np.int64) * RNG.choice([-1, 1], 32)
    a[:4], b[:4] = [-7, 7, -7, 7], [2, 2, -2, -2]
    out = np.zeros((6, 32), np.int64)
    compiled.call("index_math", [a, b, out])
    truncated = np.sign(a) * np.sign(b) * (np.abs(a) // np.abs(b))
    np.testing.assert_array_equal(out[0], np.floor_divide(a, b))  # toward -inf
    np.testing.assert_array_equal(out[1], -np.floor_divide(-a, b))  # toward +inf
    np.testing.assert_array_equal(out[2], np.fmod(a, b))  # C's remainder: sign of a
    np.testing.assert_array_equal(out[3], truncated)
    np.testing.assert_array_equal(out[4], np.minimum(a, b))
    np.testing.assert_array_equal(out[5], np.maximum(a, b))
    np.testing.assert_array_equal(out[:2, :4], [[-4, 3, 3, -4], [-3, 4, 4, -3]])


# Conversions between floats of three widths, integers of three widths and i1.
CASTS = """
func.func @casts(%f: memref<16xf32>, %b: memref<16xi8>, %to_int: memref<16xi32>, %to_float: memref<16xf32>,
                 %half: memref<16xf16>, %wide: memref<16xf64>, %bytes: memref<16xi8>, %zext: memref<16xi32>,
                 %sext: memref<16xi64>, %positive: memref<16xi1>, %unsigned: memref<16xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.000000e+00 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    %x = memref.load %f[%i] : memref<16xf32>
    %n = arith.fptosi %x : f32 to i32
    memref.store %n, %to_int[%i] : memref<16xi32>
    %back = arith.sitofp %n : i32 to f32
    memref.store %back, %to_float[%i] : memref<16xf32>
    %h = arith.truncf %x : f32 to f16
    memref.store %h, %half[%i] : memref<16xf16>
    %w = arith.extf %x : f32 to f64
    memref.store %w, %wide[%i] : memref<16xf64>
    %t = arith.trunci %n : i32 to i8
    memref.store %t, %bytes[%i] : memref<16xi8>
    %byte = memref.load %b[%i] : memref<16xi8>
    %z = arith.extui %byte : i8 to i32
    memref.store %z, %zext[%i] : memref<16xi32>
    %s = arith.extsi %byte : i8 to i64
    memref.store %s, %sext[%i] : memref<16xi64>
    %p = arith.cmpf ogt, %x, %zero : f32
    memref.store %p, %positive[%i] : memref<16xi1>
    %u = arith.uitofp %byte : i8 to f32
    memref.store %u, %unsigned[%i] : memref<16xf32>
  }
  func.return
}
"""


def test_casts(compile_mlir):
    compiled = compile_mlir(CASTS)
    f = (RNG.standard_normal(16) * 100).astype(np.float32)
    b = RNG.integers(-128, 128, 16).astype(np.int8)
    outs = [np.zeros(16, t) for t in (np.int32, np.float32, np.float16, np.float64, np.int8,
                                      np.int32, np.int64, np.bool_, np.float32)]
    compiled.call("casts", [f, b, *outs])
    to_int, to_float, half, wide, low_bytes, zext, sext, positive, unsigned = outs
    np.testing.assert_array_equal(to_int, np.trunc(f).astype(np.int32))  # toward zero
    np.testing.assert_array_equal(to_float, np.trunc(f))
    np.testing.assert_array_equal(half, f.astype(np.float16))
    np.testing.assert_array_equal(wide, f.astype(np.float64))
    np.testing.assert_array_equal(low_bytes, np.trunc(f).astype(np.int32).astype(np.int8))
    np.testing.assert_array_equal(zext, b.view(np.uint8).astype(np.int32))
    np.testing.assert_array_equal(sext, b.astype(np.int64))
    np.testing.assert_array_equal(positive, f > 0)
    np.testing.assert_array_equal(unsigned, b.view(np.uint8).astype(np.float32))


# The example of docs/loop-level.md: an entry placing an intermediate in the workspace
# and calling a parallel, vectorised kernel.
ENTRY = """
builtin.module {
  func.func @main(%x: memref<1x8x8x8xf32>, %out: memref<1x8x8x8xf32>, %ws: memref<4096xi8>)
      attributes {mopc.entry} {
    %c2048 = arith.constant 2048 : index
    %t0 = memref.view %ws[%c2048][] : memref<4096xi8> to memref<1x8x8x8xf32>
    func.call @k0_negate(%x, %t0) : (memref<1x8x8x8xf32>, memref<1x8x8x8xf32>) -> ()
    func.call @k1_binary_max_1x8x8x8(%t0, %out) : (memref<1x8x8x8xf32>, memref<1x8x8x8xf32>) -> ()
    func.return
  }
  func.func private @k0_negate(%in: memref<1x8x8x8xf32>, %out: memref<1x8x8x8xf32>) attributes {mopc.kernel} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %c = %c0 to %c8 step %c1 {
      scf.for %h = %c0 to %c8 step %c1 {
        scf.for %w = %c0 to %c8 step %c1 {
          %v = memref.load %in[%c0, %c, %h, %w] : memref<1x8x8x8xf32>
          %n = arith.negf %v : f32
          memref.store %n, %out[%c0, %c, %h, %w] : memref<1x8x8x8xf32>
        }
      }
    }
    func.return
  }
  func.func private @k1_binary_max_1x8x8x8(%in: memref<1x8x8x8xf32>, %out: memref<1x8x8x8xf32>)
      attributes {mopc.kernel, mopc.schedule = #loop.schedule<parallel = 1, vector = [3, 8]>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    %zero = arith.constant dense<0.000000e+00> : vector<8xf32>
    "scf.parallel"(%c0, %c8, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%c: index):
      scf.for %h = %c0 to %c8 step %c1 {
        %v = vector.load %in[%c0, %c, %h, %c0] : memref<1x8x8x8xf32>, vector<8xf32>
        %r = arith.maximumf %v, %zero : vector<8xf32>
        vector.store %r, %out[%c0, %c, %h, %c0] : memref<1x8x8x8xf32>, vector<8xf32>
      }
      scf.reduce
    }) : (index, index, index) -> ()
    func.return
  }
}
"""


def test_entry_with_workspace_views(compile_mlir):
    compiled = compile_mlir(ENTRY)
    x = RNG.standard_normal((1, 8, 8, 8), dtype=np.float32)
    out = np.zeros_like(x)
    ws = np.zeros(4096, np.int8)
    compiled.call("main", [x, out, ws])
    np.testing.assert_array_equal(out, np.maximum(-x, 0))
    np.testing.assert_array_equal(ws[2048:].view(np.float32).reshape(x.shape), -x)
    np.testing.assert_array_equal(ws[:2048], 0)  # the view starts at its byte offset


# A 2-D parallel range that does not divide evenly among threads (5 x 3 = 15 chunks'
# worth of iterations), each iteration reducing a row in a fixed order.
PARALLEL_2D = """
func.func @weighted(%in: memref<5x3x40xf32>, %out: memref<5x3xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c40 = arith.constant 40 : index
  %zero = arith.constant 0.000000e+00 : f32
  "scf.parallel"(%c0, %c0, %c5, %c3, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %s = scf.for %k = %c0 to %c40 step %c1 iter_args(%acc = %zero) -> (f32) {
      %x = memref.load %in[%i, %j, %k] : memref<5x3x40xf32>
      %e = math.exp %x : f32
      %n = arith.addf %acc, %e : f32
      scf.yield %n : f32
    }
    memref.store %s, %out[%i, %j] : memref<5x3xf32>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return
}
"""


@pytest.mark.parametrize(("source", "name", "shapes"), [
    (MATMUL, "matmul", [(16, 24), (24, 32), (16, 32)]),
    (PARALLEL_2D, "weighted", [(5, 3, 40), (5, 3)]),
])
def test_parallel_results_do_not_depend_on_the_thread_count(compile_mlir, source, name, shapes):
    compiled = compile_mlir(source)
    assert compiled.uses_openmp
    inputs = [RNG.standard_normal(s, dtype=np.float32) for s in shapes[:-1]]
    results = []
    for threads in (1, 2, 3, 7):
        compiled.set_threads(threads)
        out = np.full(shapes[-1], np.nan, np.float32)
        compiled.call(name, [*inputs, out])
        results.append(out)
    assert not np.isnan(results[0]).any()
    for other in results[1:]:
        np.testing.assert_array_equal(other, results[0])  # bit-identical
    if name == "weighted":
        np.testing.assert_allclose(results[0], np.exp(inputs[0]).sum(axis=2), rtol=1e-5)


def test_one_thread_runs_without_libgomp(compile_mlir):
    compiled = compile_mlir(MATMUL)
    body = compiled.llvm_ir.split('define void @"matmul"')[1].split("\ndefine")[0]
    assert 'icmp eq i32 %"nthreads", 1' in body  # the inline path skips GOMP_parallel
    assert '@"GOMP_parallel"' in body
    with pytest.raises(ValueError, match="at least 1"):
        compiled.set_threads(0)


def test_kernels_vectorise_for_the_host(compile_mlir):
    from mopc.targets.llvm.target_info import host_target_info

    width = host_target_info().vector_width_f32
    compiled = compile_mlir("""
    func.func @add(%a: memref<1024xf32>, %b: memref<1024xf32>, %c: memref<1024xf32>) attributes {mopc.kernel} {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %n = arith.constant 1024 : index
      scf.for %i = %c0 to %n step %c1 {
        %x = memref.load %a[%i] : memref<1024xf32>
        %y = memref.load %b[%i] : memref<1024xf32>
        %z = arith.addf %x, %y : f32
        memref.store %z, %c[%i] : memref<1024xf32>
      }
      func.return
    }""")
    # scalar code addressed with GEPs and noalias pointers: LLVM vectorises it
    assert f"<{width} x float>" in compiled.optimized_ir
    assert "inttoptr" not in compiled.optimized_ir
    assert "noalias" in compiled.optimized_ir


def test_call_checks_its_arguments(compile_mlir):
    compiled = compile_mlir(IF_RESULTS)
    good = np.zeros(16, np.float32)
    with pytest.raises(TypeError, match="expected dtype float32, got float64"):
        compiled.call("abs_or_double", [np.zeros(16), good])
    with pytest.raises(ValueError, match="expected 16 elements"):
        compiled.call("abs_or_double", [np.zeros(15, np.float32), good])
    with pytest.raises(ValueError, match="C-contiguous"):
        compiled.call("abs_or_double", [np.zeros(32, np.float32)[::2], good])
    with pytest.raises(TypeError, match="takes 2 arguments"):
        compiled.call("abs_or_double", [good])
    with pytest.raises(KeyError, match="no function @nope"):
        compiled.call("nope", [])


def test_unsupported_op_is_a_located_error(compile_mlir):
    source = """
    func.func @f() {
      %m = memref.alloc() : memref<4xf32>
      func.return
    }"""
    expected = "'memref.alloc' op cannot be lowered to LLVM"
    with pytest.raises(DiagnosticError, match=expected) as info:
        compile_mlir(source)
    assert info.value.diagnostic.pos is not None and info.value.diagnostic.pos.line == 3
