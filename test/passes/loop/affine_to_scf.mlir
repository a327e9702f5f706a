// RUN: mopc-opt %s --split-input-file -p affine-to-scf | filecheck %s
// RUN: mopc-opt %s --split-input-file -p affine-to-scf,convert-to-llvm | filecheck %s --check-prefix=LLVM

// Bounds: max of the lower bounds, min of the upper ones, symbols bound; floordiv and a
// non-negative mod.
// CHECK-LABEL: func.func @bounds
// CHECK:         %[[LB:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// CHECK:         %[[UB:.*]] = arith.minsi %[[N:.*]], %{{.*}} : index
// CHECK:         %[[STEP:.*]] = arith.constant 2 : index
// CHECK:         scf.for %[[I:.*]] = %[[LB]] to %[[UB]] step %[[STEP]] {
// CHECK:           %[[Q:.*]] = arith.floordivsi %[[I]], %{{.*}} : index
// CHECK:           %[[R:.*]] = arith.remsi %[[I]], %[[THREE:.*]] : index
// CHECK:           %[[NEG:.*]] = arith.cmpi slt, %[[R]], %{{.*}} : index
// CHECK:           %[[UP:.*]] = arith.addi %[[R]], %[[THREE]] : index
// CHECK:           %[[MOD:.*]] = arith.select %[[NEG]], %[[UP]], %[[R]] : index
// CHECK:           %[[V:.*]] = memref.load %{{.*}}[%[[Q]], %[[MOD]]] : memref<8x3xf32>
// CHECK:           memref.store %[[V]], %{{.*}}[%[[I]]] : memref<16xf32>
// CHECK-NOT:     affine.
// LLVM-LABEL: llvm.func @bounds
// LLVM-NOT: affine.
func.func @bounds(%A: memref<8x3xf32>, %B: memref<16xf32>, %n: index) {
  affine.for %i = max affine_map<()[s0] -> (0, s0 - 4)>()[%n] to min affine_map<()[s0] -> (s0, 16)>()[%n] step 2 {
    %v = affine.load %A[%i floordiv 2, %i mod 3] : memref<8x3xf32>
    affine.store %v, %B[%i] : memref<16xf32>
  }
  func.return
}

// -----

// Loop-carried values, affine.apply with dims and symbols, affine.min.
// CHECK-LABEL: func.func @carried
// CHECK:         %[[SUM:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (f32) {
// CHECK:           %[[NEXT:.*]] = arith.addf %[[ACC]], %{{.*}} : f32
// CHECK:           scf.yield %[[NEXT]] : f32
// CHECK:         %[[M:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK:         %[[C:.*]] = arith.ceildivsi %[[M]], %{{.*}} : index
// CHECK:         %[[S:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK:         arith.addi %[[C]], %[[S]] : index
func.func @carried(%A: memref<16xf32>, %out: memref<1xf32>, %n: index) -> index {
  %zero = arith.constant 0.0 : f32
  %sum = affine.for %i = 0 to 16 iter_args(%acc = %zero) -> (f32) {
    %v = affine.load %A[%i] : memref<16xf32>
    %next = arith.addf %acc, %v : f32
    affine.yield %next : f32
  }
  %m = affine.min affine_map<(d0)[s0] -> (d0 + 2, s0)>(%n)[%n]
  %a = affine.apply affine_map<(d0)[s0] -> (d0 ceildiv 4 + s0 * 3)>(%m)[%n]
  affine.store %sum, %out[0] : memref<1xf32>
  func.return %a : index
}

// -----

// affine.parallel -> scf.parallel; affine.if -> scf.if on the and-ed constraints;
// vector accesses -> vector.load/store.
// CHECK-LABEL: func.func @parallel_if
// CHECK:         "scf.parallel"
// CHECK:           memref.store
// CHECK-NEXT:      scf.reduce
// CHECK:         %[[GE:.*]] = arith.cmpi sge, %{{.*}}, %{{.*}} : index
// CHECK:         %[[EQ:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : index
// CHECK:         %[[BOTH:.*]] = arith.andi %[[GE]], %[[EQ]] : i1
// CHECK:         scf.if %[[BOTH]] {
// CHECK:           %[[VEC:.*]] = vector.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<4x8xf32>, vector<4xf32>
// CHECK:           vector.store %[[VEC]], %{{.*}}[%{{.*}}, %{{.*}}] : memref<4x8xf32>, vector<4xf32>
func.func @parallel_if(%A: memref<4x8xf32>, %i: index, %n: index) {
  %cst = arith.constant 1.0 : f32
  "affine.parallel"() <{lowerBoundsMap = affine_map<() -> (0, 0)>, lowerBoundsGroups = dense<1> : vector<2xi32>, upperBoundsMap = affine_map<() -> (4, 8)>, upperBoundsGroups = dense<1> : vector<2xi32>, steps = [1 : i64, 2 : i64], reductions = []}> ({
  ^bb0(%p: index, %q: index):
    affine.store %cst, %A[%p, %q] : memref<4x8xf32>
    "affine.yield"() : () -> ()
  }) : () -> ()
  "affine.if"(%i, %n) ({
    %v = affine.vector_load %A[%i - 1, %n + 4] : memref<4x8xf32>, vector<4xf32>
    affine.vector_store %v, %A[%i, %n] : memref<4x8xf32>, vector<4xf32>
    "affine.yield"() : () -> ()
  }, {
  }) {condition = affine_set<(d0)[s0] : (d0 - 1 >= 0, s0 == 0)>} : (index, index) -> ()
  func.return
}
