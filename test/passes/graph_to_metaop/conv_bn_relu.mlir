// RUN: mopc-opt %s --pass-pipeline='builtin.module(graph-to-metaop)' | filecheck %s
// RUN: mopc-opt %s -p graph-to-metaop | filecheck %s
// RUN: mopc-opt %s --pass-pipeline='builtin.module(func.func(canonicalize),graph-to-metaop,func.func(cse))' | filecheck %s

// A conv2d + batch_norm + relu block (ResNet's stem without pooling) lowers completely:
// the conv's reduction feeds the normalisation, whose result feeds the relu.

// CHECK-LABEL: func.func @conv_bn_relu(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x3x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<4x3x3x3xf32>, %[[SCALE:[a-z0-9_]+]]: tensor<4xf32>, %[[BIAS:[a-z0-9_]+]]: tensor<4xf32>, %[[MEAN:[a-z0-9_]+]]: tensor<4xf32>, %[[VAR:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NOT:     graph.
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x8x8x3x3xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.broadcast %[[W]] dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<1x4x3x8x8x3x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x4x3x8x8x3x3xf32>
// CHECK-NEXT:    %[[CONV:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<1x4x3x8x8x3x3xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[EPS_S:.*]] = metaop.constant dense<1.000000e-05> : tensor<f32>
// CHECK-NEXT:    %[[EPS:.*]] = metaop.broadcast %[[EPS_S]] dims [0] : tensor<f32> -> tensor<4xf32>
// CHECK-NEXT:    %[[VEPS:.*]] = metaop.binary add %[[VAR]], %[[EPS]] : tensor<4xf32>
// CHECK-NEXT:    %[[STD:.*]] = metaop.unary sqrt %[[VEPS]] : tensor<4xf32>
// CHECK-NEXT:    %[[INV:.*]] = metaop.binary div %[[SCALE]], %[[STD]] : tensor<4xf32>
// CHECK-NEXT:    %[[MINV:.*]] = metaop.binary mul %[[MEAN]], %[[INV]] : tensor<4xf32>
// CHECK-NEXT:    %[[SHIFT:.*]] = metaop.binary sub %[[BIAS]], %[[MINV]] : tensor<4xf32>
// CHECK-NEXT:    %[[INVB:.*]] = metaop.broadcast %[[INV]] dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[SCALED:.*]] = metaop.binary mul %[[CONV]], %[[INVB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[SHIFTB:.*]] = metaop.broadcast %[[SHIFT]] dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[BN:.*]] = metaop.binary add %[[SCALED]], %[[SHIFTB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[ZERO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[ZERO:.*]] = metaop.broadcast %[[ZERO_S]] dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary max %[[BN]], %[[ZERO]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:  }
// CHECK-NOT:   graph.

func.func @conv_bn_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %scale: tensor<4xf32>, %bias: tensor<4xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  %1 = graph.batch_norm %0, %scale, %bias, %mean, %var epsilon 1.000000e-05 : tensor<1x4x8x8xf32>, tensor<4xf32>
  %2 = graph.relu %1 : tensor<1x4x8x8xf32>
  func.return %2 : tensor<1x4x8x8xf32>
}
