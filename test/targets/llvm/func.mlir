// RUN: mopc-opt %s -p convert-to-llvm | filecheck %s

// func -> llvm (func_to_llvm.py): memrefs are bare pointers, index is i64; kernel
// pointer arguments are noalias (kernel memrefs never alias); every defined function
// keeps external linkage so the runner can call it; declarations stay declarations.

// CHECK-LABEL: llvm.func @main(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: !llvm.ptr, %[[Y:[a-z0-9_]+]]: !llvm.ptr, %[[N:[a-z0-9_]+]]: i64) {
// CHECK-NEXT:    llvm.call @kernel(%[[X]], %[[Y]]) : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK-NEXT:    %{{.*}} = llvm.call @scale(%[[N]]) : (i64) -> f32
// CHECK-NEXT:    llvm.return
func.func @main(%x: memref<4x8xf32>, %y: memref<4x8xf32>, %n: index) attributes {mopc.entry} {
  func.call @kernel(%x, %y) : (memref<4x8xf32>, memref<4x8xf32>) -> ()
  %s = func.call @scale(%n) : (index) -> f32
  func.return
}

// CHECK-LABEL: llvm.func @kernel(
// CHECK-SAME:      %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) {
// CHECK-NEXT:    llvm.return
func.func private @kernel(%in: memref<4x8xf32>, %out: memref<4x8xf32>) attributes {mopc.kernel} {
  func.return
}

// CHECK-LABEL: llvm.func @scale(
// CHECK-SAME:      %{{.*}}: i64) -> f32 {
// CHECK-NEXT:    %[[C:.*]] = llvm.mlir.constant(2.000000e+00 : f32) : f32
// CHECK-NEXT:    llvm.return %[[C]] : f32
func.func private @scale(%n: index) -> f32 {
  %c = arith.constant 2.0 : f32
  func.return %c : f32
}

// CHECK: llvm.func @external(!llvm.ptr)
// CHECK-NOT: func.
func.func private @external(memref<4xf32>) -> ()
