// RUN: mopc-opt %s -p metaop-to-loop | filecheck %s

// A 3x3 convolution with padding 1, output channels unrolled by 4, output width 8 lanes:
// per reduction step one masked load of an input row (the mask drops the padding), four
// broadcast weights and four fused multiply-adds into accumulators carried by scf.for,
// then the bias and ReLU epilogue and the stores.

// CHECK-LABEL: func.func private @k0_conv_relu(
// CHECK-SAME:    %[[X:[a-z0-9_]+]]: memref<1x2x6x8xf32>, %[[W:[a-z0-9_]+]]: memref<4x2x3x3xf32>, %[[B:[a-z0-9_]+]]: memref<4xf32>, %[[OUT:[a-z0-9_]+]]: memref<1x4x6x8xf32>
// CHECK:         scf.for %[[OH:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:           %[[ACC0:.*]], %{{.*}}, %{{.*}}, %{{.*}} = scf.for %[[KH:.*]] = {{.*}} iter_args(
// CHECK:             scf.for %[[KW:.*]] =
// CHECK:               scf.for %[[C:.*]] =
// CHECK:                 %[[LANES:.*]] = arith.addi %{{.*}}, %{{.*}} : vector<8xindex>
// CHECK:                 loop.cmpi "sge", %[[LANES]]
// CHECK:                 loop.cmpi "slt", %[[LANES]]
// CHECK:                 %[[ROW:.*]] = vector.maskedload %[[X]]
// CHECK-NEXT:            %[[W0:.*]] = memref.load %[[W]]
// CHECK-NEXT:            %[[W0V:.*]] = vector.broadcast %[[W0]] : f32 to vector<8xf32>
// CHECK-NEXT:            vector.fma %[[ROW]], %[[W0V]], %{{.*}} : vector<8xf32>
// CHECK-COUNT-3:         vector.fma %[[ROW]]
// CHECK:           memref.load %[[B]]
// CHECK:           arith.addf %[[ACC0]]
// CHECK:           arith.maximumf
// CHECK:           vector.store %{{.*}}, %[[OUT]]
func.func @main(%x: tensor<1x2x6x8xf32>, %w: tensor<4x2x3x3xf32>, %bias: tensor<4xf32>) -> tensor<1x4x6x8xf32> {
  %0 = metaop.kernel "k0_conv_relu" schedule #loop.schedule<order = [3, 0, 4, 1, 5, 6, 2], unroll = [1, 4, 1, 1, 1, 1, 1], vector = [4, 8]> (%x, %w, %bias) : (tensor<1x2x6x8xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x8xf32> {
  ^bb0(%a: tensor<1x2x6x8xf32>, %b: tensor<4x2x3x3xf32>, %c: tensor<4xf32>):
    %xx = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x2x6x8xf32> -> tensor<1x4x2x6x8x3x3xf32>
    %ww = metaop.broadcast %b dims [0, 3, 4] : tensor<4x2x3x3xf32> -> tensor<1x4x2x6x8x3x3xf32>
    %p = metaop.binary mul %xx, %ww : tensor<1x4x2x6x8x3x3xf32>
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x4x2x6x8x3x3xf32> -> tensor<1x4x6x8xf32>
    %cb = metaop.broadcast %c dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x6x8xf32>
    %y = metaop.binary add %s, %cb : tensor<1x4x6x8xf32>
    %z = metaop.constant dense<0.000000e+00> : tensor<f32>
    %zb = metaop.broadcast %z dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x6x8xf32>
    %r = metaop.binary max %y, %zb : tensor<1x4x6x8xf32>
    metaop.yield %r : tensor<1x4x6x8xf32>
  }
  func.return %0 : tensor<1x4x6x8xf32>
}
