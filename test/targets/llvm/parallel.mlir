// RUN: mopc-opt %s -p convert-to-llvm | filecheck %s

// scf.parallel -> an outlined body run through libgomp (parallel_to_llvm.py). The 2-D
// range is collapsed and split into one contiguous chunk per thread; with
// @mopc_num_threads == 1 the body runs inline, without GOMP_parallel.

// CHECK:       llvm.mlir.global external @mopc_num_threads(0 : i32)

// The caller: a context block on the stack, the thread count from the global, and
// either a direct call of the body (tid 0 of 1) or GOMP_parallel.
// CHECK-LABEL: llvm.func @scale(
// CHECK-SAME:      %[[IN:[a-z0-9_]+]]: !llvm.ptr {llvm.noalias}, %[[OUT:[a-z0-9_]+]]: !llvm.ptr {llvm.noalias}, %[[S:[a-z0-9_]+]]: f32) {
// CHECK:         %[[CTX:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(!llvm.ptr, f32, !llvm.ptr)>
// CHECK:         %[[NT_ADDR:.*]] = llvm.mlir.addressof @mopc_num_threads : !llvm.ptr
// CHECK-NEXT:    %[[NT:.*]] = llvm.load %[[NT_ADDR]] : !llvm.ptr -> i32
// CHECK-NEXT:    %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT:    %[[SINGLE:.*]] = llvm.icmp "eq" %[[NT]], %[[ONE]] : i32
// CHECK-NEXT:    llvm.cond_br %[[SINGLE]], ^[[INLINE:.*]], ^[[THREADED:.*]]
// CHECK-NEXT:  ^[[INLINE]]:
// CHECK-NEXT:    %[[TID0:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:    %[[NT1:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT:    llvm.call @scale__parallel0_body(%[[IN]], %[[S]], %[[OUT]], %[[TID0]], %[[NT1]])
// CHECK:       ^[[THREADED]]:
// CHECK-NEXT:    %[[SLOT0:.*]] = llvm.getelementptr %[[CTX]][0, 0]
// CHECK-NEXT:    llvm.store %[[IN]], %[[SLOT0]] : !llvm.ptr, !llvm.ptr
// CHECK-NEXT:    %[[SLOT1:.*]] = llvm.getelementptr %[[CTX]][0, 1]
// CHECK-NEXT:    llvm.store %[[S]], %[[SLOT1]] : f32, !llvm.ptr
// CHECK-NEXT:    %[[SLOT2:.*]] = llvm.getelementptr %[[CTX]][0, 2]
// CHECK-NEXT:    llvm.store %[[OUT]], %[[SLOT2]] : !llvm.ptr, !llvm.ptr
// CHECK-NEXT:    %[[FN:.*]] = llvm.mlir.addressof @scale__parallel0 : !llvm.ptr
// CHECK-NEXT:    %[[FLAGS:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:    llvm.call @GOMP_parallel(%[[FN]], %[[CTX]], %[[NT]], %[[FLAGS]]) : (!llvm.ptr, !llvm.ptr, i32, i32) -> ()

// The body: this thread's chunk [begin, end) of the 4 * 6 collapsed iterations,
// de-linearised (i = k / 6, j = k % 6); the pointers stay noalias.
// CHECK-LABEL: llvm.func internal @scale__parallel0_body(
// CHECK-SAME:      %[[IN:[a-z0-9_]+]]: !llvm.ptr {llvm.noalias}, %[[S:[a-z0-9_]+]]: f32, %[[OUT:[a-z0-9_]+]]: !llvm.ptr {llvm.noalias}, %[[TID:tid[_0-9]*]]: i32, %[[NTH:nthreads[_0-9]*]]: i32) {
// CHECK:         %[[TOTAL:.*]] = llvm.mul %[[TRIPS_I:.*]], %[[TRIPS_J:.*]] : i64
// CHECK-NEXT:    %[[TID64:.*]] = llvm.sext %[[TID]] : i32 to i64
// CHECK-NEXT:    %[[NTH64:.*]] = llvm.sext %[[NTH]] : i32 to i64
// CHECK:         %[[CHUNK:.*]] = llvm.sdiv %{{.*}}, %[[NTH64]] : i64
// CHECK-NEXT:    %[[START:.*]] = llvm.mul %[[TID64]], %[[CHUNK]] : i64
// CHECK:         %[[BEGIN:.*]] = llvm.select %{{.*}}, %[[START]], %[[TOTAL]] : i1, i64
// CHECK:         %[[END:.*]] = llvm.select
// CHECK:         llvm.br ^[[HEAD:.*]](%[[BEGIN]] : i64)
// CHECK-NEXT:  ^[[HEAD]](%[[K:.*]]: i64):
// CHECK-NEXT:    %[[MORE:.*]] = llvm.icmp "slt" %[[K]], %[[END]] : i64
// CHECK:         %[[JPOS:.*]] = llvm.srem %[[K]], %[[TRIPS_J]] : i64
// CHECK-NEXT:    %[[IPOS:.*]] = llvm.sdiv %[[K]], %[[TRIPS_J]] : i64
// CHECK:         %[[X:.*]] = llvm.load %{{.*}} {alignment = 4 : i64} : !llvm.ptr -> f32
// CHECK-NEXT:    %[[Y:.*]] = llvm.fmul %[[X]], %[[S]] : f32
// CHECK:         llvm.store %[[Y]], %{{.*}} {alignment = 4 : i64} : f32, !llvm.ptr

// The function libgomp starts on each thread: unpack the context, ask for the thread
// number and count, run the body.
// CHECK-LABEL: llvm.func internal @scale__parallel0(
// CHECK-SAME:      %[[CTX:ctx[_0-9]*]]: !llvm.ptr) {
// CHECK-NEXT:    %[[SLOT0:.*]] = llvm.getelementptr %[[CTX]][0, 0]
// CHECK-NEXT:    %[[A0:.*]] = llvm.load %[[SLOT0]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT:    %[[SLOT1:.*]] = llvm.getelementptr %[[CTX]][0, 1]
// CHECK-NEXT:    %[[A1:.*]] = llvm.load %[[SLOT1]] : !llvm.ptr -> f32
// CHECK-NEXT:    %[[SLOT2:.*]] = llvm.getelementptr %[[CTX]][0, 2]
// CHECK-NEXT:    %[[A2:.*]] = llvm.load %[[SLOT2]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT:    %[[T:.*]] = llvm.call @omp_get_thread_num() : () -> i32
// CHECK-NEXT:    %[[N:.*]] = llvm.call @omp_get_num_threads() : () -> i32
// CHECK-NEXT:    llvm.call @scale__parallel0_body(%[[A0]], %[[A1]], %[[A2]], %[[T]], %[[N]])

// CHECK-DAG:   llvm.func @GOMP_parallel(!llvm.ptr, !llvm.ptr, i32, i32)
// CHECK-DAG:   llvm.func @omp_get_thread_num() -> i32
// CHECK-DAG:   llvm.func @omp_get_num_threads() -> i32
// CHECK-NOT:   scf.
func.func @scale(%in: memref<4x6xf32>, %out: memref<4x6xf32>, %s: f32) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  "scf.parallel"(%c0, %c0, %c4, %c6, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %x = memref.load %in[%i, %j] : memref<4x6xf32>
    %y = arith.mulf %x, %s : f32
    memref.store %y, %out[%i, %j] : memref<4x6xf32>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return
}
