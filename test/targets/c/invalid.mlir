// RUN: not mopc-translate --target=c %s 2>&1 | filecheck %s

// An op the printer does not know: a located error, no traceback.
// CHECK-NOT: Traceback
// CHECK: invalid.mlir:8:3: error: 'vector.broadcast' op the C printer cannot print 'vector.broadcast'
// CHECK-NOT: Traceback
func.func @k_vector(%x: f32) {
  %v = vector.broadcast %x : f32 to vector<4xf32>
  func.return
}
