// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s

// Element-wise graph ops -> unary / binary / compare / ternary meta-ops; broadcasting
// operands get an explicit metaop.broadcast, scalars are splat constants.

// CHECK-LABEL: func.func @relu(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[ZERO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[ZERO:.*]] = metaop.broadcast %[[ZERO_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary max %[[X]], %[[ZERO]] : tensor<4x8xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x8xf32>
func.func @relu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = graph.relu %x : tensor<4x8xf32>
  func.return %0 : tensor<4x8xf32>
}

// -----

// leaky_relu(x) = x > 0 ? x : alpha * x
// CHECK-LABEL: func.func @leaky_relu(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[ZERO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[ZERO:.*]] = metaop.broadcast %[[ZERO_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[POS:.*]] = metaop.compare gt %[[X]], %[[ZERO]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK-NEXT:    %[[ALPHA_S:.*]] = metaop.constant dense<1.000000e-01> : tensor<f32>
// CHECK-NEXT:    %[[ALPHA:.*]] = metaop.broadcast %[[ALPHA_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[SCALED:.*]] = metaop.binary mul %[[X]], %[[ALPHA]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.ternary %[[POS]], %[[X]], %[[SCALED]] : tensor<4x8xi1>, tensor<4x8xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x8xf32>
func.func @leaky_relu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = graph.leaky_relu %x alpha 1.000000e-01 : tensor<4x8xf32>
  func.return %0 : tensor<4x8xf32>
}

// -----

// clip = min(max(x, lo), hi); a missing bound emits nothing.
// CHECK-LABEL: func.func @clip(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[LO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[LO:.*]] = metaop.broadcast %[[LO_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.binary max %[[X]], %[[LO]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[HI_S:.*]] = metaop.constant dense<6.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[HI:.*]] = metaop.broadcast %[[HI_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[BOTH:.*]] = metaop.binary min %[[MAX]], %[[HI]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[HI1_S:.*]] = metaop.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[HI1:.*]] = metaop.broadcast %[[HI1_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[UPPER:.*]] = metaop.binary min %[[X]], %[[HI1]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[LO2_S:.*]] = metaop.constant dense<-2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[LO2:.*]] = metaop.broadcast %[[LO2_S]] dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[LOWER:.*]] = metaop.binary max %[[X]], %[[LO2]] : tensor<4x8xf32>
// CHECK-NEXT:    func.return %[[BOTH]], %[[UPPER]], %[[LOWER]] :
func.func @clip(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = graph.clip %x min 0.000000e+00 max 6.000000e+00 : tensor<4x8xf32>
  %1 = graph.clip %x max 1.000000e+00 : tensor<4x8xf32>
  %2 = graph.clip %x min -2.000000e+00 : tensor<4x8xf32>
  func.return %0, %1, %2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @unary(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[S:.*]] = metaop.unary sigmoid %[[X]] : tensor<4xf32>
// CHECK-NEXT:    %[[T:.*]] = metaop.unary tanh %[[S]] : tensor<4xf32>
// CHECK-NEXT:    %[[E:.*]] = metaop.unary exp %[[T]] : tensor<4xf32>
// CHECK-NEXT:    %[[L:.*]] = metaop.unary log %[[E]] : tensor<4xf32>
// CHECK-NEXT:    %[[Q:.*]] = metaop.unary sqrt %[[L]] : tensor<4xf32>
// CHECK-NEXT:    %[[N:.*]] = metaop.unary neg %[[Q]] : tensor<4xf32>
// CHECK-NEXT:    %[[A:.*]] = metaop.unary abs %[[N]] : tensor<4xf32>
// CHECK-NEXT:    func.return %[[A]] : tensor<4xf32>
func.func @unary(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.sigmoid %x : tensor<4xf32>
  %1 = graph.tanh %0 : tensor<4xf32>
  %2 = graph.exp %1 : tensor<4xf32>
  %3 = graph.log %2 : tensor<4xf32>
  %4 = graph.sqrt %3 : tensor<4xf32>
  %5 = graph.neg %4 : tensor<4xf32>
  %6 = graph.abs %5 : tensor<4xf32>
  func.return %6 : tensor<4xf32>
}

// -----

// Same shapes: no broadcast at all, one binary op per graph op.
// CHECK-LABEL: func.func @binary_same_shape(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[ADD:.*]] = metaop.binary add %[[A]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[SUB:.*]] = metaop.binary sub %[[ADD]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[MUL:.*]] = metaop.binary mul %[[SUB]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[DIV:.*]] = metaop.binary div %[[MUL]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[POW:.*]] = metaop.binary pow %[[DIV]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.binary max %[[POW]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[MIN:.*]] = metaop.binary min %[[MAX]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:    func.return %[[MIN]] : tensor<4x8xf32>
func.func @binary_same_shape(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = graph.add %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = graph.sub %0, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = graph.mul %1, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %3 = graph.div %2, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %4 = graph.pow %3, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %5 = graph.maximum %4, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %6 = graph.minimum %5, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  func.return %6 : tensor<4x8xf32>
}

// -----

// NumPy broadcasting: new leading axes become `dims`, size-1 axes stretch, a rank-0
// operand broadcasts along every axis; the operand that already fits is used as is.
// CHECK-LABEL: func.func @binary_broadcast(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<2x4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<8xf32>, %[[C:[a-z0-9_]+]]: tensor<4x1xf32>, %[[S:[a-z0-9_]+]]: tensor<f32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0, 1] : tensor<8xf32> -> tensor<2x4x8xf32>
// CHECK-NEXT:    %[[ADD:.*]] = metaop.binary add %[[A]], %[[BB]] : tensor<2x4x8xf32>
// CHECK-NEXT:    %[[CC:.*]] = metaop.broadcast %[[C]] : tensor<4x1xf32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[BB2:.*]] = metaop.broadcast %[[B]] dims [0] : tensor<8xf32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[MUL:.*]] = metaop.binary mul %[[CC]], %[[BB2]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[SS:.*]] = metaop.broadcast %[[S]] dims [0, 1, 2] : tensor<f32> -> tensor<2x4x8xf32>
// CHECK-NEXT:    %[[DIV:.*]] = metaop.binary div %[[SS]], %[[A]] : tensor<2x4x8xf32>
// CHECK-NEXT:    func.return %[[ADD]], %[[MUL]], %[[DIV]] :
func.func @binary_broadcast(%a: tensor<2x4x8xf32>, %b: tensor<8xf32>, %c: tensor<4x1xf32>, %s: tensor<f32>) -> (tensor<2x4x8xf32>, tensor<4x8xf32>, tensor<2x4x8xf32>) {
  %0 = graph.add %a, %b : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  %1 = graph.mul %c, %b : (tensor<4x1xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %2 = graph.div %s, %a : (tensor<f32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  func.return %0, %1, %2 : tensor<2x4x8xf32>, tensor<4x8xf32>, tensor<2x4x8xf32>
}

// -----

// Both operands broadcast: a leading unit axis stretches and a new axis is inserted.
// CHECK-LABEL: func.func @binary_broadcast_both(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<1x8xf32>, %[[B:[a-z0-9_]+]]: tensor<3x1x1xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [0] : tensor<1x8xf32> -> tensor<3x1x8xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] : tensor<3x1x1xf32> -> tensor<3x1x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary sub %[[AA]], %[[BB]] : tensor<3x1x8xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<3x1x8xf32>
func.func @binary_broadcast_both(%a: tensor<1x8xf32>, %b: tensor<3x1x1xf32>) -> tensor<3x1x8xf32> {
  %0 = graph.sub %a, %b : (tensor<1x8xf32>, tensor<3x1x1xf32>) -> tensor<3x1x8xf32>
  func.return %0 : tensor<3x1x8xf32>
}
