// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s

// graph.reduce_{sum,mean,max,min} -> metaop.reduce {add,mean,max,min} with the same
// axes and keepdims.

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8x2xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[X]] axes [1] : tensor<4x8x2xf32> -> tensor<4x2xf32>
// CHECK-NEXT:    %[[MEAN:.*]] = metaop.reduce mean %[[X]] axes [0, 2] keepdims : tensor<4x8x2xf32> -> tensor<1x8x1xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.reduce max %[[X]] axes [0] : tensor<4x8x2xf32> -> tensor<8x2xf32>
// CHECK-NEXT:    %[[MIN:.*]] = metaop.reduce min %[[X]] axes [0, 1, 2] keepdims : tensor<4x8x2xf32> -> tensor<1x1x1xf32>
// CHECK-NEXT:    func.return %[[SUM]], %[[MEAN]], %[[MAX]], %[[MIN]] :
func.func @reduce(%x: tensor<4x8x2xf32>) -> (tensor<4x2xf32>, tensor<1x8x1xf32>, tensor<8x2xf32>, tensor<1x1x1xf32>) {
  %0 = graph.reduce_sum %x axes [1] : tensor<4x8x2xf32> -> tensor<4x2xf32>
  %1 = graph.reduce_mean %x axes [0, 2] keepdims : tensor<4x8x2xf32> -> tensor<1x8x1xf32>
  %2 = graph.reduce_max %x axes [0] : tensor<4x8x2xf32> -> tensor<8x2xf32>
  %3 = graph.reduce_min %x axes [0, 1, 2] keepdims : tensor<4x8x2xf32> -> tensor<1x1x1xf32>
  func.return %0, %1, %2, %3 : tensor<4x2xf32>, tensor<1x8x1xf32>, tensor<8x2xf32>, tensor<1x1x1xf32>
}

// -----

// Reducing every axis without keepdims gives a rank-0 tensor.
// CHECK-LABEL: func.func @reduce_all(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[X]] axes [0, 1] : tensor<4x8xf32> -> tensor<f32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<f32>
func.func @reduce_all(%x: tensor<4x8xf32>) -> tensor<f32> {
  %0 = graph.reduce_sum %x axes [0, 1] : tensor<4x8xf32> -> tensor<f32>
  func.return %0 : tensor<f32>
}

// -----

// Chained: the second reduction consumes the first one's result.
// CHECK-LABEL: func.func @reduce_chain(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x3x4xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.reduce max %[[X]] axes [2] keepdims : tensor<2x3x4xf32> -> tensor<2x3x1xf32>
// CHECK-NEXT:    %[[MEAN:.*]] = metaop.reduce mean %[[MAX]] axes [1] : tensor<2x3x1xf32> -> tensor<2x1xf32>
// CHECK-NEXT:    func.return %[[MEAN]] : tensor<2x1xf32>
func.func @reduce_chain(%x: tensor<2x3x4xf32>) -> tensor<2x1xf32> {
  %0 = graph.reduce_max %x axes [2] keepdims : tensor<2x3x4xf32> -> tensor<2x3x1xf32>
  %1 = graph.reduce_mean %0 axes [1] : tensor<2x3x1xf32> -> tensor<2x1xf32>
  func.return %1 : tensor<2x1xf32>
}
