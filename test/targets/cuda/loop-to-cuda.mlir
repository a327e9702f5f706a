// RUN: mopc-opt %s --split-input-file -p loop-to-cuda | filecheck %s
// RUN: mopc-opt %s --split-input-file -p 'loop-to-cuda{block-size=128}' | filecheck %s --check-prefix=B128

// An scf.parallel and the value-free loop nested in it collapse into 384 points on
// 2 blocks of 256 threads; the last block's tail is masked; the call becomes a launch.

// CHECK-LABEL: func.func @main
// CHECK-SAME:    cuda.host
// CHECK:         cuda.launch @k0_relu(%x, %y) grid [2, 1, 1] block [256, 1, 1] shared 0 : memref<4x96xf32>, memref<4x96xf32>
// CHECK-NOT:     func.call
// CHECK-LABEL: func.func private @k0_relu
// CHECK-SAME:    cuda.kernel, cuda.launch_bounds = 256 : i64, cuda.grid = array<i64: 2, 1, 1>, cuda.block = array<i64: 256, 1, 1>
// CHECK:         %[[T:.*]] = "gpu.thread_id"() <{dimension = #gpu<dim x>}> : () -> index
// CHECK:         %[[B:.*]] = "gpu.block_id"() <{dimension = #gpu<dim x>}> : () -> index
// CHECK:         %[[S:.*]] = arith.muli %[[B]], %{{.*}} : index
// CHECK:         %[[P:.*]] = arith.addi %[[S]], %[[T]] : index
// CHECK:         %[[OK:.*]] = arith.cmpi slt, %[[P]], %{{.*}} : index
// CHECK:         scf.if %[[OK]] {
// CHECK:           %i = arith.divui %[[P]], %{{.*}} : index
// CHECK:           %j = arith.remui %[[P]], %{{.*}} : index
// CHECK:           memref.load %in[%i, %j]
// CHECK-NOT:     scf.parallel
// B128:          cuda.launch @k0_relu(%x, %y) grid [3, 1, 1] block [128, 1, 1]
func.func @main(%x: memref<4x96xf32>, %y: memref<4x96xf32>, %ws: memref<64xi8>) attributes {mopc.entry, mopc.abi = {inputs = ["x"], outputs = ["y"], params = [], workspace_bytes = 64 : i64, workspace_bytes_without_reuse = 64 : i64}} {
  func.call @k0_relu(%x, %y) : (memref<4x96xf32>, memref<4x96xf32>) -> ()
  func.return
}
func.func private @k0_relu(%in: memref<4x96xf32>, %out: memref<4x96xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c96 = arith.constant 96 : index
  %zero = arith.constant 0.000000e+00 : f32
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    scf.for %j = %c0 to %c96 step %c1 {
      %v = memref.load %in[%i, %j] : memref<4x96xf32>
      %r = arith.maximumf %v, %zero : f32
      memref.store %r, %out[%i, %j] : memref<4x96xf32>
    }
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}

// -----

// A register block: a loop of step 2 counts one point per 2 rows (4 x 8 points fill
// a block of one warp exactly: no mask).

// CHECK-LABEL: func.func private @k_rows
// CHECK-SAME:    cuda.grid = array<i64: 1, 1, 1>, cuda.block = array<i64: 32, 1, 1>
// CHECK-NOT:     scf.if
// CHECK:         %[[Q:.*]] = arith.divui
// CHECK:         %[[R:.*]] = arith.muli %[[Q]], %{{.*}} : index
func.func private @k_rows(%in: memref<8x8xf32>, %out: memref<8x8xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  scf.for %r = %c0 to %c8 step %c2 {
    scf.for %c = %c0 to %c8 step %c1 {
      %v = memref.load %in[%r, %c] : memref<8x8xf32>
      memref.store %v, %out[%r, %c] : memref<8x8xf32>
      %r1 = arith.addi %r, %c1 : index
      %w = memref.load %in[%r1, %c] : memref<8x8xf32>
      memref.store %w, %out[%r1, %c] : memref<8x8xf32>
    }
  }
  func.return
}

// -----

// A schedule without parallel loops (a scatter): one thread runs it all.

// CHECK-LABEL: func.func private @k_scatter
// CHECK-SAME:    cuda.grid = array<i64: 1, 1, 1>, cuda.block = array<i64: 1, 1, 1>
// CHECK:         scf.for
func.func private @k_scatter(%in: memref<8xf32>, %out: memref<4xf32>) attributes {mopc.kernel, mopc.schedule = #loop.schedule<parallel = 0>} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %in[%i] : memref<8xf32>
    %o = arith.divui %i, %c2 : index
    %old = memref.load %out[%o] : memref<4xf32>
    %s = arith.addf %old, %v : f32
    memref.store %s, %out[%o] : memref<4xf32>
  }
  func.return
}

// -----

// Few points, a long reduction: one block per point, the threads share the loop
// (from their index, by the block size), their partials meet in shared memory and
// a tree combines them, a barrier between levels; thread 0 stores.

// CHECK-LABEL: func.func private @k_row_max
// CHECK-SAME:    cuda.launch_bounds = 64 : i64, cuda.grid = array<i64: 3, 1, 1>, cuda.block = array<i64: 64, 1, 1>
// CHECK:         %[[T:.*]] = "gpu.thread_id"()
// CHECK:         %[[ROW:.*]] = "gpu.block_id"()
// CHECK:         %[[PART:.*]] = scf.for %{{.*}} = %[[T]] to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (f32) {
// CHECK:           memref.load %in[%[[ROW]], %{{.*}}] : memref<3x100xf32>
// CHECK:           arith.maximumf
// CHECK:         %[[SH:.*]] = memref.alloca() : memref<64xf32, #cuda.shared>
// CHECK:         memref.store %[[PART]], %[[SH]][%[[T]]] : memref<64xf32, #cuda.shared>
// CHECK-NEXT:    "gpu.barrier"() : () -> ()
// CHECK:         arith.cmpi slt, %[[T]], %{{.*}} : index
// CHECK:         scf.if
// CHECK:           arith.maximumf
// CHECK:         "gpu.barrier"() : () -> ()
// CHECK-COUNT-5: "gpu.barrier"() : () -> ()
// CHECK:         %[[FIRST:.*]] = arith.cmpi eq, %[[T]], %{{.*}} : index
// CHECK:         scf.if %[[FIRST]] {
// CHECK:           %[[TOTAL:.*]] = memref.load %[[SH]][%{{.*}}] : memref<64xf32, #cuda.shared>
// CHECK:           memref.store %[[TOTAL]], %out[%[[ROW]]] : memref<3xf32>
func.func private @k_row_max(%in: memref<3x100xf32>, %out: memref<3xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c100 = arith.constant 100 : index
  %ninf = arith.constant 0xFF800000 : f32
  "scf.parallel"(%c0, %c3, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%r: index):
    %m = scf.for %k = %c0 to %c100 step %c1 iter_args(%acc = %ninf) -> (f32) {
      %v = memref.load %in[%r, %k] : memref<3x100xf32>
      %n = arith.maximumf %acc, %v : f32
      scf.yield %n : f32
    }
    memref.store %m, %out[%r] : memref<3xf32>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
