// RUN: mopc-opt %s -p loop-to-bang | filecheck %s
// RUN: mopc-opt %s -p "loop-to-bang{arch=mtp_372}" | filecheck %s --check-prefix=MTP372

// loop-to-bang (targets/bang/lower.py): vector values become NRAM buffers, reused when
// dead; loads and stores become __memcpy; arithmetic becomes __bang_* builtins; the
// scf.parallel is split over taskId/taskDim; the entry's calls become launches.

// CHECK-LABEL: func.func @main
// CHECK:         bang.launch @axpy(%{{.*}}, %{{.*}}, %{{.*}}) {dim = array<i64: 16, 1, 1>, task_type = "BLOCK"}
func.func @main(%x: memref<4x100xf32>, %a: memref<4xf32>, %y: memref<4x100xf32>) attributes {mopc.entry} {
  func.call @axpy(%x, %a, %y) : (memref<4x100xf32>, memref<4xf32>, memref<4x100xf32>) -> ()
  func.return
}

// CHECK-LABEL: func.func private @axpy
// CHECK-SAME:    bang.kernel
// CHECK-DAG:     %[[X:.*]] = bang.alloc {sym_name = "nram{{[0-9]}}"} : memref<128xf32, #bang.space<nram>>
// CHECK-DAG:     %[[T:.*]] = bang.alloc {sym_name = "nram{{[0-9]}}"} : memref<128xf32, #bang.space<nram>>
// CHECK:         %[[TID:.*]] = bang.task_id
// CHECK-NEXT:    %[[TDIM:.*]] = bang.task_dim
// CHECK-NEXT:    %[[CHUNK:.*]] = arith.ceildivsi %{{.*}}, %[[TDIM]] : index
// CHECK-NEXT:    %[[BEGIN:.*]] = arith.muli %[[TID]], %[[CHUNK]] : index
// CHECK:         scf.for %[[ROW:.*]] = %[[BEGIN]] to
// CHECK:           bang.memcpy %[[X]][%{{.*}}], %{{.*}}[%{{.*}}], %{{.*}} {direction = "GDRAM2NRAM"}
// CHECK:           %[[S:.*]] = memref.load %{{.*}}[%[[ROW]]] : memref<4xf32>
// CHECK-NEXT:      bang.intrinsic "__bang_mul_scalar"(%[[T]], %[[X]], %[[S]], %{{.*}})
// CHECK-NEXT:      bang.intrinsic "__bang_add"(%[[X]], %[[T]], %[[X]], %{{.*}})
// CHECK-NEXT:      bang.intrinsic "__bang_active_relu"(%[[X]], %[[X]], %{{.*}})
// CHECK:           bang.memcpy %{{.*}}[%{{.*}}], %[[X]][%{{.*}}], %{{.*}} {direction = "NRAM2GDRAM"}

// MTP372-LABEL: func.func private @axpy
// MTP372:         bang.intrinsic "__bang_active_relu"
func.func private @axpy(%x: memref<4x100xf32>, %a: memref<4xf32>, %y: memref<4x100xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant dense<0.000000e+00> : vector<128xf32>
  %mask = arith.constant dense<[true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false]> : vector<128xi1>
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %v = vector.maskedload %x[%i, %c0], %mask, %zero : memref<4x100xf32>, vector<128xi1>, vector<128xf32> into vector<128xf32>
    %s = memref.load %a[%i] : memref<4xf32>
    %b = vector.broadcast %s : f32 to vector<128xf32>
    %f = vector.fma %v, %b, %v : vector<128xf32>
    %r = arith.maximumf %f, %zero : vector<128xf32>
    vector.maskedstore %y[%i, %c0], %mask, %r : memref<4x100xf32>, vector<128xi1>, vector<128xf32>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
