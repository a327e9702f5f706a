// RUN: mopc-opt %s -p metaop-to-loop | filecheck %s

// 4 rows in parallel; each row of 20: two full 8-lane vectors, then 4 live lanes of a
// masked vector. The scalar 0 is a constant splat, hoisted to the function entry.

// CHECK-LABEL: func.func @main(%x: memref<4x20xf32>, %result0: memref<4x20xf32>, %workspace: memref<1xi8>)
// CHECK-SAME:    mopc.abi = {inputs = ["x"], outputs = ["result0"], params = [], workspace_bytes = 0 : i64
// CHECK-NEXT:    func.call @k0_relu_4x20(%x, %result0) : (memref<4x20xf32>, memref<4x20xf32>) -> ()
// CHECK-NEXT:    func.return

// CHECK-LABEL: func.func private @k0_relu_4x20(
// CHECK-SAME:    attributes {mopc.kernel, mopc.schedule = #loop.schedule<parallel = 1, vector = [1, 8]>}
// CHECK-DAG:     %[[TAIL:.*]] = arith.constant dense<[true, true, true, true, false, false, false, false]> : vector<8xi1>
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8xf32>
// CHECK:         "scf.parallel"
// CHECK:         ^{{.*}}(%[[ROW:.*]]: index):
// CHECK:           scf.for %[[COL:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:        %[[V:.*]] = vector.load %{{.*}}[%[[ROW]], %[[COL]]] : memref<4x20xf32>, vector<8xf32>
// CHECK-NEXT:        %[[R:.*]] = arith.maximumf %[[V]], %[[ZERO]] : vector<8xf32>
// CHECK-NEXT:        vector.store %[[R]], %{{.*}}[%[[ROW]], %[[COL]]] : memref<4x20xf32>, vector<8xf32>
// CHECK:           %[[T:.*]] = vector.maskedload %{{.*}}[%[[ROW]], %{{.*}}], %[[TAIL]], %[[ZERO]]
// CHECK-NEXT:      %[[TR:.*]] = arith.maximumf %[[T]], %[[ZERO]] : vector<8xf32>
// CHECK-NEXT:      vector.maskedstore %{{.*}}[%[[ROW]], %{{.*}}], %[[TAIL]], %[[TR]]
// CHECK:           scf.reduce
func.func @main(%x: tensor<4x20xf32>) -> tensor<4x20xf32> {
  %0 = metaop.kernel "k0_relu_4x20" schedule #loop.schedule<parallel = 1, vector = [1, 8]> (%x) : (tensor<4x20xf32>) -> tensor<4x20xf32> {
  ^bb0(%a: tensor<4x20xf32>):
    %z = metaop.constant dense<0.000000e+00> : tensor<f32>
    %zb = metaop.broadcast %z dims [0, 1] : tensor<f32> -> tensor<4x20xf32>
    %r = metaop.binary max %a, %zb : tensor<4x20xf32>
    metaop.yield %r : tensor<4x20xf32>
  }
  func.return %0 : tensor<4x20xf32>
}
