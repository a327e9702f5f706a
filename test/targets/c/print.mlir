// RUN: mopc-translate --target=c %s --split-input-file | filecheck %s

// The shared C printer base, as plain C99: expressions inlined with parentheses only
// where C needs them, named locals for values used twice, loops with carried values.

// CHECK:       static inline int64_t mopc_floordiv(int64_t a, int64_t b)
// CHECK-LABEL: void k_expr(const float *restrict x, float *restrict y, int64_t n) {
// CHECK-NEXT:    for (int64_t i = 0; i < 8; i++) {
// CHECK-NEXT:      float a = x[i * 4 + 1];
// CHECK-NEXT:      y[i] = (a + 1.5f) * (a - -INFINITY) / -a;
// CHECK-NEXT:      y[8 + i] = !(a >= 0.0f) ? (float)mopc_floordiv(n - i, 3) : fmaf(a, a, 0.5f);
// CHECK-NEXT:    }
// CHECK-NEXT:  }
func.func @k_expr(%x: memref<8x4xf32>, %y: memref<16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c8 = arith.constant 8 : index
  %half = arith.constant 0.5 : f32
  %one5 = arith.constant 1.5 : f32
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  scf.for %i = %c0 to %c8 step %c1 {
    %a = memref.load %x[%i, %c1] : memref<8x4xf32>
    %s = arith.addf %a, %one5 : f32
    %d = arith.subf %a, %ninf : f32
    %p = arith.mulf %s, %d : f32
    %neg = arith.negf %a : f32
    %r = arith.divf %p, %neg : f32
    memref.store %r, %y[%i] : memref<16xf32>
    %m = arith.subi %n, %i : index
    %q = arith.floordivsi %m, %c3 : index
    %lt = arith.cmpf ult, %a, %zero : f32
    %qi = arith.index_cast %q : index to i64
    %qf = arith.sitofp %qi : i64 to f32
    %f = math.fma %a, %a, %half : f32
    %sel = arith.select %lt, %qf, %f : f32
    %j = arith.addi %c8, %i : index
    memref.store %sel, %y[%j] : memref<16xf32>
  }
  func.return
}

// -----

// Loop-carried values are variables assigned by the yield; a nested loop starts from
// the outer one's; a view is a pointer into the workspace at a byte offset. Only the
// helper functions a module uses are defined.

// CHECK-NOT:   mopc_floordiv

// CHECK-LABEL: void k_sum(const float *restrict x, int8_t *restrict ws) {
// CHECK-NEXT:    float *view = (float *)(ws + 64);
// CHECK-NEXT:    float acc = 0.0f;
// CHECK-NEXT:    for (int64_t i = 0; i < 4; i++) {
// CHECK-NEXT:      float in = acc;
// CHECK-NEXT:      for (int64_t j = 0; j < 4; j += 2) {
// CHECK-NEXT:        in = in + x[i * 4 + j];
// CHECK-NEXT:      }
// CHECK-NEXT:      acc = in;
// CHECK-NEXT:    }
// CHECK-NEXT:    view[0] = acc;
// CHECK-NEXT:  }
func.func @k_sum(%x: memref<4x4xf32>, %ws: memref<128xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %view = memref.view %ws[%c64][] : memref<128xi8> to memref<1xf32>
  %s = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %zero) -> (f32) {
    %t = scf.for %j = %c0 to %c4 step %c2 iter_args(%in = %acc) -> (f32) {
      %v = memref.load %x[%i, %j] : memref<4x4xf32>
      %n = arith.addf %in, %v : f32
      scf.yield %n : f32
    }
    scf.yield %t : f32
  }
  memref.store %s, %view[%c0] : memref<1xf32>
  func.return
}
