// RUN: mopc-opt %s -p convert-to-llvm --split-input-file | filecheck %s

// vector -> llvm (vector_to_llvm.py), 1-D vectors: unaligned (element-aligned) vector
// loads and stores through GEPs, the insertelement + shufflevector splat, llvm.intr.fma,
// masked loads/stores, and reductions as llvm.vector.reduce intrinsics.

// CHECK-LABEL: llvm.func @axpy(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: !llvm.ptr, %[[Y:[a-z0-9_]+]]: !llvm.ptr, %[[A:[a-z0-9_]+]]: f32, %[[I:[a-z0-9_]+]]: i64) {
// CHECK-NEXT:    %[[UNDEF:.*]] = llvm.mlir.undef : vector<16xf32>
// CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:    %[[LANE0:.*]] = llvm.insertelement %[[A]], %[[UNDEF]][%[[ZERO]] : i32] : vector<16xf32>
// CHECK-NEXT:    %[[VA:.*]] = llvm.shufflevector %[[LANE0]], %[[UNDEF]] [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] : vector<16xf32>
// CHECK-NEXT:    %[[PX:.*]] = llvm.getelementptr inbounds %[[X]][%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    %[[VX:.*]] = llvm.load %[[PX]] {alignment = 4 : i64} : !llvm.ptr -> vector<16xf32>
// CHECK-NEXT:    %[[PY:.*]] = llvm.getelementptr inbounds %[[Y]][%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    %[[VY:.*]] = llvm.load %[[PY]] {alignment = 4 : i64} : !llvm.ptr -> vector<16xf32>
// CHECK-NEXT:    %[[R:.*]] = llvm.intr.fma(%[[VA]], %[[VX]], %[[VY]]) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// CHECK-NEXT:    %[[PR:.*]] = llvm.getelementptr inbounds %[[Y]][%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    llvm.store %[[R]], %[[PR]] {alignment = 4 : i64} : vector<16xf32>, !llvm.ptr
// CHECK-NEXT:    llvm.return
func.func @axpy(%x: memref<64xf32>, %y: memref<64xf32>, %a: f32, %i: index) {
  %va = vector.broadcast %a : f32 to vector<16xf32>
  %vx = vector.load %x[%i] : memref<64xf32>, vector<16xf32>
  %vy = vector.load %y[%i] : memref<64xf32>, vector<16xf32>
  %r = vector.fma %va, %vx, %vy : vector<16xf32>
  vector.store %r, %y[%i] : memref<64xf32>, vector<16xf32>
  func.return
}

// -----

// create_mask compares the lane numbers with a splat of the bound; masked-off lanes of
// the load read the pass-through vector.
// CHECK-LABEL: llvm.func @tail(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: !llvm.ptr, %[[Y:[a-z0-9_]+]]: !llvm.ptr, %[[N:[a-z0-9_]+]]: i64) {
// CHECK:         %[[PAD:.*]] = llvm.mlir.constant(dense<1.000000e+00> : vector<16xf32>) : vector<16xf32>
// CHECK-NEXT:    %[[STEPS:.*]] = llvm.mlir.constant(dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]> : vector<16xi64>) : vector<16xi64>
// CHECK:         %[[LANE0:.*]] = llvm.insertelement %[[N]], %{{.*}} : vector<16xi64>
// CHECK-NEXT:    %[[BOUND:.*]] = llvm.shufflevector %[[LANE0]]
// CHECK-NEXT:    %[[MASK:.*]] = llvm.icmp "slt" %[[STEPS]], %[[BOUND]] : vector<16xi64>
// CHECK:         %[[PX:.*]] = llvm.getelementptr inbounds %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    %[[V:.*]] = llvm.intr.masked.load %[[PX]], %[[MASK]], %[[PAD]] {alignment = 4 : i32} : (!llvm.ptr, vector<16xi1>, vector<16xf32>) -> vector<16xf32>
// CHECK:         %[[PY:.*]] = llvm.getelementptr inbounds %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    llvm.intr.masked.store %[[V]], %[[PY]], %[[MASK]] {alignment = 4 : i32} : vector<16xf32>, vector<16xi1> into !llvm.ptr
func.func @tail(%x: memref<20xf32>, %y: memref<20xf32>, %n: index) {
  %c16 = arith.constant 16 : index
  %pad = arith.constant dense<1.0> : vector<16xf32>
  %m = vector.create_mask %n : vector<16xi1>
  %v = vector.maskedload %x[%c16], %m, %pad : memref<20xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  vector.maskedstore %y[%c16], %m, %v : memref<20xf32>, vector<16xi1>, vector<16xf32>
  func.return
}

// -----

// An add reduction folds the accumulator in as the start value and may reassociate
// (a lane tree); other kinds combine the accumulator afterwards.
// CHECK-LABEL: llvm.func @lanes(
// CHECK-SAME:      %[[V:[a-z0-9_]+]]: vector<16xf32>, %[[S:[a-z0-9_]+]]: f32, %[[ACC:[a-z0-9_]+]]: f32) -> f32 {
// CHECK-NEXT:    %[[C5:.*]] = llvm.mlir.constant(5) : i64
// CHECK-NEXT:    %[[C3:.*]] = llvm.mlir.constant(3) : i64
// CHECK-NEXT:    %[[E:.*]] = llvm.extractelement %[[V]][%[[C3]] : i64] : vector<16xf32>
// CHECK-NEXT:    %[[W:.*]] = llvm.insertelement %[[S]], %[[V]][%[[C5]] : i64] : vector<16xf32>
// CHECK-NEXT:    %[[SUM:.*]] = llvm.call_intrinsic "llvm.vector.reduce.fadd.v16f32"(%[[ACC]], %[[W]]) {fastmathFlags = #llvm.fastmath<reassoc>} : (f32, vector<16xf32>) -> f32
// CHECK-NEXT:    %[[MAX:.*]] = llvm.call_intrinsic "llvm.vector.reduce.fmaximum.v16f32"(%[[W]]) : (vector<16xf32>) -> f32
// CHECK-NEXT:    %[[MAXACC:.*]] = llvm.call_intrinsic "llvm.maximum.f32"(%[[MAX]], %[[ACC]]) : (f32, f32) -> f32
// CHECK-NEXT:    %[[R:.*]] = llvm.fadd %[[SUM]], %[[MAXACC]] : f32
func.func @lanes(%v: vector<16xf32>, %s: f32, %acc: f32) -> f32 {
  %e = vector.extract %v[3] : f32 from vector<16xf32>
  %w = vector.insert %s, %v[5] : f32 into vector<16xf32>
  %sum = vector.reduction <add>, %w, %acc : vector<16xf32> into f32
  %mx = vector.reduction <maximumf>, %w, %acc : vector<16xf32> into f32
  %r = arith.addf %sum, %mx : f32
  %r2 = arith.addf %r, %e : f32
  func.return %r2 : f32
}
