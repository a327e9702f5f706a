// RUN: mopc-opt %s -p convert-to-llvm --split-input-file | filecheck %s

// scf -> cf -> llvm (scf_to_llvm.py): loop-carried values and if results become block
// arguments (phis in LLVM IR).

// CHECK-LABEL: llvm.func @sum(
// CHECK-SAME:      %[[M:[a-z0-9_]+]]: !llvm.ptr) -> f32 {
// CHECK-NEXT:    %[[C0:.*]] = llvm.mlir.constant(0) : i64
// CHECK-NEXT:    %[[C1:.*]] = llvm.mlir.constant(1) : i64
// CHECK-NEXT:    %[[C64:.*]] = llvm.mlir.constant(64) : i64
// CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(0.000000e+00 : f32) : f32
// CHECK-NEXT:    llvm.br ^[[HEAD:.*]](%[[C0]], %[[ZERO]] : i64, f32)
// CHECK-NEXT:  ^[[HEAD]](%[[I:.*]]: i64, %[[ACC:.*]]: f32):
// CHECK-NEXT:    %[[COND:.*]] = llvm.icmp "slt" %[[I]], %[[C64]] : i64
// CHECK-NEXT:    llvm.cond_br %[[COND]], ^[[BODY:.*]], ^[[EXIT:.*]]
// CHECK-NEXT:  ^[[BODY]]:
// CHECK-NEXT:    %[[P:.*]] = llvm.getelementptr inbounds %[[M]][%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    %[[X:.*]] = llvm.load %[[P]] {alignment = 4 : i64} : !llvm.ptr -> f32
// CHECK-NEXT:    %[[NEXT:.*]] = llvm.fadd %[[ACC]], %[[X]] : f32
// CHECK-NEXT:    %[[I1:.*]] = llvm.add %[[I]], %[[C1]] : i64
// CHECK-NEXT:    llvm.br ^[[HEAD]](%[[I1]], %[[NEXT]] : i64, f32)
// CHECK-NEXT:  ^[[EXIT]]:
// CHECK-NEXT:    llvm.return %[[ACC]] : f32
func.func @sum(%m: memref<64xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %s = scf.for %i = %c0 to %c64 step %c1 iter_args(%acc = %zero) -> (f32) {
    %x = memref.load %m[%i] : memref<64xf32>
    %next = arith.addf %acc, %x : f32
    scf.yield %next : f32
  }
  func.return %s : f32
}

// -----

// CHECK-LABEL: llvm.func @clamp(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: f32, %[[LO:[a-z0-9_]+]]: f32) -> f32 {
// CHECK-NEXT:    %[[BELOW:.*]] = llvm.fcmp "olt" %[[X]], %[[LO]] : f32
// CHECK-NEXT:    llvm.cond_br %[[BELOW]], ^[[THEN:.*]], ^[[ELSE:.*]]
// CHECK-NEXT:  ^[[THEN]]:
// CHECK-NEXT:    llvm.br ^[[JOIN:.*]](%[[LO]] : f32)
// CHECK-NEXT:  ^[[ELSE]]:
// CHECK-NEXT:    llvm.br ^[[JOIN]](%[[X]] : f32)
// CHECK-NEXT:  ^[[JOIN]](%[[R:.*]]: f32):
// CHECK:         llvm.return %[[R]] : f32
// CHECK-NOT:   scf.
// CHECK-NOT:   cf.
func.func @clamp(%x: f32, %lo: f32) -> f32 {
  %below = arith.cmpf olt, %x, %lo : f32
  %r = scf.if %below -> (f32) {
    scf.yield %lo : f32
  } else {
    scf.yield %x : f32
  }
  func.return %r : f32
}
