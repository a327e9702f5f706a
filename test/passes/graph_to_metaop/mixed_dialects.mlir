// RUN: mopc-opt %s -p graph-to-metaop --allow-unregistered-dialect | filecheck %s

// Only graph ops are converted: ops of other dialects, registered or not, are left as
// they are, and values flow between them and the meta-ops.

// CHECK-LABEL: func.func @mixed(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4xf32>, %[[I:[a-z0-9_]+]]: i32
// CHECK-NEXT:    %[[U:.*]] = "mydialect.op"(%[[X]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %[[C:.*]] = arith.constant dense<2.000000e+00> : tensor<4xf32>
// CHECK-NEXT:    %[[SUM:.*]] = arith.addi %[[I]], %[[I]] : i32
// CHECK-NEXT:    %[[ZERO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[ZERO:.*]] = metaop.broadcast %[[ZERO_S]] dims [0] : tensor<f32> -> tensor<4xf32>
// CHECK-NEXT:    %[[R:.*]] = metaop.binary max %[[U]], %[[ZERO]] : tensor<4xf32>
// CHECK-NEXT:    %[[M:.*]] = metaop.binary mul %[[R]], %[[C]] : tensor<4xf32>
// CHECK-NEXT:    %[[V:.*]] = "mydialect.sink"(%[[M]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    func.return %[[V]], %[[SUM]] : tensor<4xf32>, i32
// CHECK-NOT:   graph.
func.func @mixed(%x: tensor<4xf32>, %i: i32) -> (tensor<4xf32>, i32) {
  %0 = "mydialect.op"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %c = arith.constant dense<2.000000e+00> : tensor<4xf32>
  %1 = arith.addi %i, %i : i32
  %2 = graph.relu %0 : tensor<4xf32>
  %3 = graph.mul %2, %c : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "mydialect.sink"(%3) : (tensor<4xf32>) -> tensor<4xf32>
  func.return %4, %1 : tensor<4xf32>, i32
}
