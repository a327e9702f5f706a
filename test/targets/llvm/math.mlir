// RUN: mopc-opt %s -p convert-to-llvm --split-input-file | filecheck %s

// math -> llvm (math_to_llvm.py): LLVM intrinsics where LLVM has one, libm calls
// otherwise (tanhf, erff for f32; tanh, erf for f64), rsqrt as 1/sqrt; on vectors a
// function without an intrinsic is scalarised lane by lane.

// CHECK-LABEL: llvm.func @scalar(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: f32, %[[Y:[a-z0-9_]+]]: f32, %[[Z:[a-z0-9_]+]]: f32) -> f32 {
// CHECK-NEXT:    %[[EXP:.*]] = llvm.intr.exp(%[[X]]) : (f32) -> f32
// CHECK-NEXT:    %[[LOG:.*]] = llvm.intr.log(%[[EXP]]) : (f32) -> f32
// CHECK-NEXT:    %[[SQRT:.*]] = llvm.intr.sqrt(%[[LOG]]) : (f32) -> f32
// CHECK-NEXT:    %[[ROOT:.*]] = llvm.intr.sqrt(%[[SQRT]]) : (f32) -> f32
// CHECK-NEXT:    %[[ONE:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
// CHECK-NEXT:    %[[RSQRT:.*]] = llvm.fdiv %[[ONE]], %[[ROOT]] : f32
// CHECK-NEXT:    %[[FLOOR:.*]] = llvm.intr.floor(%[[RSQRT]]) : (f32) -> f32
// CHECK-NEXT:    %[[CEIL:.*]] = llvm.intr.ceil(%[[FLOOR]]) : (f32) -> f32
// CHECK-NEXT:    %[[ROUND:.*]] = llvm.call_intrinsic "llvm.roundeven.f32"(%[[CEIL]]) : (f32) -> f32
// CHECK-NEXT:    %[[SIN:.*]] = llvm.intr.sin(%[[ROUND]]) : (f32) -> f32
// CHECK-NEXT:    %[[COS:.*]] = llvm.intr.cos(%[[SIN]]) : (f32) -> f32
// CHECK-NEXT:    %[[POW:.*]] = llvm.intr.pow(%[[COS]], %[[Y]]) : (f32, f32) -> f32
// CHECK-NEXT:    %[[ABS:.*]] = llvm.intr.fabs(%[[POW]]) : (f32) -> f32
// CHECK-NEXT:    %[[FMA:.*]] = llvm.intr.fma(%[[ABS]], %[[Y]], %[[Z]]) : (f32, f32, f32) -> f32
// CHECK-NEXT:    %[[TANH:.*]] = llvm.call @tanhf(%[[FMA]]) : (f32) -> f32
// CHECK-NEXT:    %[[ERF:.*]] = llvm.call @erff(%[[TANH]]) : (f32) -> f32
// CHECK-NEXT:    llvm.return %[[ERF]] : f32
// CHECK-DAG:   llvm.func @tanhf(f32) -> f32
// CHECK-DAG:   llvm.func @erff(f32) -> f32
func.func @scalar(%x: f32, %y: f32, %z: f32) -> f32 {
  %0 = math.exp %x : f32
  %1 = math.log %0 : f32
  %2 = math.sqrt %1 : f32
  %3 = math.rsqrt %2 : f32
  %4 = math.floor %3 : f32
  %5 = math.ceil %4 : f32
  %6 = math.roundeven %5 : f32
  %7 = math.sin %6 : f32
  %8 = math.cos %7 : f32
  %9 = math.powf %8, %y : f32
  %10 = math.absf %9 : f32
  %11 = math.fma %10, %y, %z : f32
  %12 = math.tanh %11 : f32
  %13 = math.erf %12 : f32
  func.return %13 : f32
}

// -----

// CHECK-LABEL: llvm.func @vector(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: vector<4xf32>, %[[D:[a-z0-9_]+]]: f64, %{{.*}}: !llvm.ptr) -> f64 {
// CHECK-NEXT:    %[[E:.*]] = llvm.intr.exp(%[[X]]) : (vector<4xf32>) -> vector<4xf32>
// CHECK-NEXT:    %[[UNDEF:.*]] = llvm.mlir.undef : vector<4xf32>
// CHECK-NEXT:    %[[L0:.*]] = llvm.mlir.constant(0) : i64
// CHECK-NEXT:    %[[X0:.*]] = llvm.extractelement %[[E]][%[[L0]] : i64] : vector<4xf32>
// CHECK-NEXT:    %[[T0:.*]] = llvm.call @tanhf(%[[X0]]) : (f32) -> f32
// CHECK-NEXT:    %[[V0:.*]] = llvm.insertelement %[[T0]], %[[UNDEF]][%[[L0]] : i64] : vector<4xf32>
// CHECK-NEXT:    %[[L1:.*]] = llvm.mlir.constant(1) : i64
// CHECK-NEXT:    %[[X1:.*]] = llvm.extractelement %[[E]][%[[L1]] : i64] : vector<4xf32>
// CHECK-NEXT:    %[[T1:.*]] = llvm.call @tanhf(%[[X1]]) : (f32) -> f32
// CHECK-NEXT:    %{{.*}} = llvm.insertelement %[[T1]], %[[V0]][%[[L1]] : i64] : vector<4xf32>
// CHECK-COUNT-2: llvm.call @tanhf
// CHECK:         %{{.*}} = llvm.call @erf(%[[D]]) : (f64) -> f64
// CHECK-DAG:   llvm.func @tanhf(f32) -> f32
// CHECK-DAG:   llvm.func @erf(f64) -> f64
func.func @vector(%x: vector<4xf32>, %d: f64, %out: memref<4xf32>) -> f64 {
  %e = math.exp %x : vector<4xf32>
  %t = math.tanh %e : vector<4xf32>
  %u = math.erf %d : f64
  %c0 = arith.constant 0 : index
  vector.store %t, %out[%c0] : memref<4xf32>, vector<4xf32>
  func.return %u : f64
}
