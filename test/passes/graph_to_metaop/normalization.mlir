// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s

// batch_norm: inv = scale / sqrt(var + eps), shift = bias - mean * inv (on [C]),
// then y = x * inv + shift with both broadcast along every axis but 1.

// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x4x3x3xf32>, %[[SCALE:[a-z0-9_]+]]: tensor<4xf32>, %[[BIAS:[a-z0-9_]+]]: tensor<4xf32>, %[[MEAN:[a-z0-9_]+]]: tensor<4xf32>, %[[VAR:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[EPS_S:.*]] = metaop.constant dense<1.000000e-05> : tensor<f32>
// CHECK-NEXT:    %[[EPS:.*]] = metaop.broadcast %[[EPS_S]] dims [0] : tensor<f32> -> tensor<4xf32>
// CHECK-NEXT:    %[[VEPS:.*]] = metaop.binary add %[[VAR]], %[[EPS]] : tensor<4xf32>
// CHECK-NEXT:    %[[STD:.*]] = metaop.unary sqrt %[[VEPS]] : tensor<4xf32>
// CHECK-NEXT:    %[[INV:.*]] = metaop.binary div %[[SCALE]], %[[STD]] : tensor<4xf32>
// CHECK-NEXT:    %[[MINV:.*]] = metaop.binary mul %[[MEAN]], %[[INV]] : tensor<4xf32>
// CHECK-NEXT:    %[[SHIFT:.*]] = metaop.binary sub %[[BIAS]], %[[MINV]] : tensor<4xf32>
// CHECK-NEXT:    %[[INVB:.*]] = metaop.broadcast %[[INV]] dims [0, 2, 3] : tensor<4xf32> -> tensor<2x4x3x3xf32>
// CHECK-NEXT:    %[[SCALED:.*]] = metaop.binary mul %[[X]], %[[INVB]] : tensor<2x4x3x3xf32>
// CHECK-NEXT:    %[[SHIFTB:.*]] = metaop.broadcast %[[SHIFT]] dims [0, 2, 3] : tensor<4xf32> -> tensor<2x4x3x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SCALED]], %[[SHIFTB]] : tensor<2x4x3x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x4x3x3xf32>
func.func @batch_norm(%x: tensor<2x4x3x3xf32>, %scale: tensor<4xf32>, %bias: tensor<4xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<2x4x3x3xf32> {
  %0 = graph.batch_norm %x, %scale, %bias, %mean, %var epsilon 1.000000e-05 : tensor<2x4x3x3xf32>, tensor<4xf32>
  func.return %0 : tensor<2x4x3x3xf32>
}

// -----

// A rank-2 input (BatchNorm1d): the channel is still axis 1, so the broadcasts add axis 0.
// CHECK-LABEL: func.func @batch_norm_2d(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<8x4xf32>, %[[SCALE:[a-z0-9_]+]]: tensor<4xf32>, %[[BIAS:[a-z0-9_]+]]: tensor<4xf32>, %[[MEAN:[a-z0-9_]+]]: tensor<4xf32>, %[[VAR:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[EPS_S:.*]] = metaop.constant dense<1.000000e-03> : tensor<f32>
// CHECK-NEXT:    %[[EPS:.*]] = metaop.broadcast %[[EPS_S]] dims [0] : tensor<f32> -> tensor<4xf32>
// CHECK-NEXT:    %[[VEPS:.*]] = metaop.binary add %[[VAR]], %[[EPS]] : tensor<4xf32>
// CHECK-NEXT:    %[[STD:.*]] = metaop.unary sqrt %[[VEPS]] : tensor<4xf32>
// CHECK-NEXT:    %[[INV:.*]] = metaop.binary div %[[SCALE]], %[[STD]] : tensor<4xf32>
// CHECK-NEXT:    %[[MINV:.*]] = metaop.binary mul %[[MEAN]], %[[INV]] : tensor<4xf32>
// CHECK-NEXT:    %[[SHIFT:.*]] = metaop.binary sub %[[BIAS]], %[[MINV]] : tensor<4xf32>
// CHECK-NEXT:    %[[INVB:.*]] = metaop.broadcast %[[INV]] dims [0] : tensor<4xf32> -> tensor<8x4xf32>
// CHECK-NEXT:    %[[SCALED:.*]] = metaop.binary mul %[[X]], %[[INVB]] : tensor<8x4xf32>
// CHECK-NEXT:    %[[SHIFTB:.*]] = metaop.broadcast %[[SHIFT]] dims [0] : tensor<4xf32> -> tensor<8x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SCALED]], %[[SHIFTB]] : tensor<8x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<8x4xf32>
func.func @batch_norm_2d(%x: tensor<8x4xf32>, %scale: tensor<4xf32>, %bias: tensor<4xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<8x4xf32> {
  %0 = graph.batch_norm %x, %scale, %bias, %mean, %var epsilon 1.000000e-03 : tensor<8x4xf32>, tensor<4xf32>
  func.return %0 : tensor<8x4xf32>
}

// -----

// softmax = exp(x - max) / sum(exp(x - max)); the keepdims reductions are stretched
// back by a broadcast without new dims.
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x10xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.reduce max %[[X]] axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
// CHECK-NEXT:    %[[MAXB:.*]] = metaop.broadcast %[[MAX]] : tensor<2x1xf32> -> tensor<2x10xf32>
// CHECK-NEXT:    %[[SHIFTED:.*]] = metaop.binary sub %[[X]], %[[MAXB]] : tensor<2x10xf32>
// CHECK-NEXT:    %[[EXP:.*]] = metaop.unary exp %[[SHIFTED]] : tensor<2x10xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[EXP]] axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
// CHECK-NEXT:    %[[SUMB:.*]] = metaop.broadcast %[[SUM]] : tensor<2x1xf32> -> tensor<2x10xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[EXP]], %[[SUMB]] : tensor<2x10xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x10xf32>
func.func @softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %0 = graph.softmax %x axis 1 : tensor<2x10xf32>
  func.return %0 : tensor<2x10xf32>
}

// -----

// softmax along a leading axis.
// CHECK-LABEL: func.func @softmax_axis0(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<3x2x10xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.reduce max %[[X]] axes [0] keepdims : tensor<3x2x10xf32> -> tensor<1x2x10xf32>
// CHECK-NEXT:    %[[MAXB:.*]] = metaop.broadcast %[[MAX]] : tensor<1x2x10xf32> -> tensor<3x2x10xf32>
// CHECK-NEXT:    %[[SHIFTED:.*]] = metaop.binary sub %[[X]], %[[MAXB]] : tensor<3x2x10xf32>
// CHECK-NEXT:    %[[EXP:.*]] = metaop.unary exp %[[SHIFTED]] : tensor<3x2x10xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[EXP]] axes [0] keepdims : tensor<3x2x10xf32> -> tensor<1x2x10xf32>
// CHECK-NEXT:    %[[SUMB:.*]] = metaop.broadcast %[[SUM]] : tensor<1x2x10xf32> -> tensor<3x2x10xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[EXP]], %[[SUMB]] : tensor<3x2x10xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<3x2x10xf32>
func.func @softmax_axis0(%x: tensor<3x2x10xf32>) -> tensor<3x2x10xf32> {
  %0 = graph.softmax %x axis 0 : tensor<3x2x10xf32>
  func.return %0 : tensor<3x2x10xf32>
}

// -----

// log_softmax = (x - max) - log(sum(exp(x - max))): the log is taken on the reduced
// [2, 1] sum, before broadcasting.
// CHECK-LABEL: func.func @log_softmax(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x10xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.reduce max %[[X]] axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
// CHECK-NEXT:    %[[MAXB:.*]] = metaop.broadcast %[[MAX]] : tensor<2x1xf32> -> tensor<2x10xf32>
// CHECK-NEXT:    %[[SHIFTED:.*]] = metaop.binary sub %[[X]], %[[MAXB]] : tensor<2x10xf32>
// CHECK-NEXT:    %[[EXP:.*]] = metaop.unary exp %[[SHIFTED]] : tensor<2x10xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[EXP]] axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
// CHECK-NEXT:    %[[LOG:.*]] = metaop.unary log %[[SUM]] : tensor<2x1xf32>
// CHECK-NEXT:    %[[LOGB:.*]] = metaop.broadcast %[[LOG]] : tensor<2x1xf32> -> tensor<2x10xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary sub %[[SHIFTED]], %[[LOGB]] : tensor<2x10xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x10xf32>
func.func @log_softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %0 = graph.log_softmax %x axis 1 : tensor<2x10xf32>
  func.return %0 : tensor<2x10xf32>
}
