// RUN: mopc-opt %s -p convert-to-llvm --split-input-file | filecheck %s

// memref -> llvm (memref_to_llvm.py): a load/store is a GEP over the row-major linear
// index (constant parts folded) on the bare pointer, never ptrtoint/inttoptr; a view is
// a byte-offset GEP on the i8 workspace.

// CHECK-LABEL: llvm.func @copy(
// CHECK-SAME:      %[[SRC:[a-z0-9_]+]]: !llvm.ptr, %[[DST:[a-z0-9_]+]]: !llvm.ptr, %[[I:[a-z0-9_]+]]: i64, %[[J:[a-z0-9_]+]]: i64) {
// Strides and constant offsets are made once, at the function's entry.
// CHECK-NEXT:    %[[OFF:.*]] = llvm.mlir.constant(16) : i64
// CHECK-NEXT:    %[[STRIDE:.*]] = llvm.mlir.constant(8) : i64
// CHECK-NEXT:    %{{.*}} = llvm.mlir.constant(2) : i64
// CHECK-NEXT:    %[[ROW:.*]] = llvm.mul %[[I]], %[[STRIDE]] : i64
// CHECK-NEXT:    %[[LIN:.*]] = llvm.add %[[ROW]], %[[J]] : i64
// CHECK-NEXT:    %[[P:.*]] = llvm.getelementptr inbounds %[[SRC]][%[[LIN]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    %[[X:.*]] = llvm.load %[[P]] {alignment = 4 : i64} : !llvm.ptr -> f32
// CHECK-NEXT:    %[[LIN2:.*]] = llvm.add %[[J]], %[[OFF]] : i64
// CHECK-NEXT:    %[[Q:.*]] = llvm.getelementptr inbounds %[[DST]][%[[LIN2]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    llvm.store %[[X]], %[[Q]] {alignment = 4 : i64} : f32, !llvm.ptr
// CHECK-NEXT:    llvm.return
// CHECK-NOT:     inttoptr
// CHECK-NOT:     ptrtoint
func.func @copy(%src: memref<4x8xf32>, %dst: memref<4x8xf32>, %i: index, %j: index) {
  %c2 = arith.constant 2 : index
  %x = memref.load %src[%i, %j] : memref<4x8xf32>
  memref.store %x, %dst[%c2, %j] : memref<4x8xf32>
  func.return
}

// -----

// A view at offset 0 is the workspace pointer itself.
// CHECK-LABEL: llvm.func @views(
// CHECK-SAME:      %[[WS:[a-z0-9_]+]]: !llvm.ptr) {
// CHECK:         %[[C512:.*]] = llvm.mlir.constant(512) : i64
// CHECK-NEXT:    %[[B:.*]] = llvm.getelementptr inbounds %[[WS]][%[[C512]]] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK-NEXT:    llvm.call @k(%[[WS]], %[[B]]) : (!llvm.ptr, !llvm.ptr) -> ()
func.func @views(%ws: memref<2048xi8>) {
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %a = memref.view %ws[%c0][] : memref<2048xi8> to memref<8x16xf32>
  %b = memref.view %ws[%c512][] : memref<2048xi8> to memref<8x16xf32>
  func.call @k(%a, %b) : (memref<8x16xf32>, memref<8x16xf32>) -> ()
  func.return
}
func.func private @k(memref<8x16xf32>, memref<8x16xf32>)
