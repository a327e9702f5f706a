// RUN: mopc-opt %s -p pack-constants --split-input-file | filecheck %s

// Vectorized over the output channels (dim 1), 2 vectors of 16 per register block:
// the constant weight [O, C, KH, KW] is stored in blocks of 32 output channels,
// [O / 32, C, KH, KW, 32], and read as w[o floordiv 32, c, kh, kw, o mod 32].
// CHECK-LABEL: func.func @conv
// CHECK:         %[[PACKED:.*]] = metaop.constant dense_resource<{{.*}}.pack_1_2_3_0_b32> : tensor<2x3x7x7x32xf32>
// CHECK-NOT:     tensor<64x3x7x7xf32>
// CHECK:         metaop.kernel "k0" schedule {{.*}} (%{{.*}}, %[[PACKED]]) : (tensor<1x3x32x32xf32>, tensor<2x3x7x7x32xf32>)
// CHECK-NEXT:    ^bb0(%{{.*}}: tensor<1x3x32x32xf32>, %[[W:.*]]: tensor<2x3x7x7x32xf32>):
// CHECK:           metaop.reindex %[[W]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1 floordiv 32, d2, d5, d6, d1 mod 32)> : tensor<2x3x7x7x32xf32> -> tensor<1x64x3x16x16x7x7xf32>
func.func @conv(%x: tensor<1x3x32x32xf32>) -> tensor<1x64x16x16xf32> {
  %w = metaop.constant dense<5.000000e-01> : tensor<64x3x7x7xf32>
  %0 = metaop.kernel "k0" schedule #loop.schedule<order = [1, 4, 0, 3, 2, 5, 6], unroll = [1, 2, 1, 8, 1, 1, 1], vector = [1, 16]> (%x, %w) : (tensor<1x3x32x32xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x16x16xf32> {
  ^bb0(%a: tensor<1x3x32x32xf32>, %b: tensor<64x3x7x7xf32>):
    %xx = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5 - 3, d4 * 2 + d6 - 3)> : tensor<1x3x32x32xf32> -> tensor<1x64x3x16x16x7x7xf32>
    %ww = metaop.broadcast %b dims [0, 3, 4] : tensor<64x3x7x7xf32> -> tensor<1x64x3x16x16x7x7xf32>
    %p = metaop.binary mul %xx, %ww : tensor<1x64x3x16x16x7x7xf32>
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x64x3x16x16x7x7xf32> -> tensor<1x64x16x16xf32>
    metaop.yield %s : tensor<1x64x16x16xf32>
  }
  func.return %0 : tensor<1x64x16x16xf32>
}

// -----

// Two kernels wanting the same permutation share one packed copy (16 channels: one
// register block, so no blocking); a kernel vectorized
// along the weight's innermost axis, one without a schedule, and a weight that is a
// function argument are left alone (the original constant stays while it is used).
// CHECK-LABEL: func.func @shared
// CHECK:         %[[W:.*]] = metaop.constant dense<1.000000e+00> : tensor<16x8xf32>
// CHECK-NEXT:    %[[P:.*]] = metaop.constant dense_resource<{{.*}}.pack_1_0> : tensor<8x16xf32>
// CHECK-NOT:     .pack_1_0.1
// CHECK:         metaop.kernel "k0" {{.*}}(%{{.*}}, %[[P]])
// CHECK:         metaop.kernel "k1" {{.*}}(%{{.*}}, %[[P]])
// CHECK:         metaop.kernel "k2" {{.*}}(%{{.*}}, %[[W]])
// CHECK:         metaop.kernel "k3" (%{{.*}}, %[[W]])
func.func @shared(%x: tensor<4x8xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) {
  %w = metaop.constant dense<1.000000e+00> : tensor<16x8xf32>
  %0 = metaop.kernel "k0" schedule #loop.schedule<order = [1, 0, 2], vector = [1, 16]> (%x, %w) : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>):
    %aa = metaop.broadcast %a dims [1] : tensor<4x8xf32> -> tensor<4x16x8xf32>
    %bb = metaop.broadcast %b dims [0] : tensor<16x8xf32> -> tensor<4x16x8xf32>
    %p = metaop.binary mul %aa, %bb : tensor<4x16x8xf32>
    %s = metaop.reduce add %p axes [2] : tensor<4x16x8xf32> -> tensor<4x16xf32>
    metaop.yield %s : tensor<4x16xf32>
  }
  %1 = metaop.kernel "k1" schedule #loop.schedule<order = [1, 0, 2], vector = [1, 16]> (%x, %w) : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>):
    %aa = metaop.broadcast %a dims [1] : tensor<4x8xf32> -> tensor<4x16x8xf32>
    %bb = metaop.broadcast %b dims [0] : tensor<16x8xf32> -> tensor<4x16x8xf32>
    %p = metaop.binary mul %aa, %bb : tensor<4x16x8xf32>
    %s = metaop.reduce add %p axes [2] : tensor<4x16x8xf32> -> tensor<4x16xf32>
    metaop.yield %s : tensor<4x16xf32>
  }
  %2 = metaop.kernel "k2" schedule #loop.schedule<order = [0, 1, 2], vector = [2, 8]> (%x, %w) : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>):
    %aa = metaop.broadcast %a dims [1] : tensor<4x8xf32> -> tensor<4x16x8xf32>
    %bb = metaop.broadcast %b dims [0] : tensor<16x8xf32> -> tensor<4x16x8xf32>
    %p = metaop.binary mul %aa, %bb : tensor<4x16x8xf32>
    %s = metaop.reduce add %p axes [2] : tensor<4x16x8xf32> -> tensor<4x16xf32>
    metaop.yield %s : tensor<4x16xf32>
  }
  %3 = metaop.kernel "k3" (%x, %w) : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>):
    %aa = metaop.broadcast %a dims [1] : tensor<4x8xf32> -> tensor<4x16x8xf32>
    %bb = metaop.broadcast %b dims [0] : tensor<16x8xf32> -> tensor<4x16x8xf32>
    %p = metaop.binary mul %aa, %bb : tensor<4x16x8xf32>
    %s = metaop.reduce add %p axes [2] : tensor<4x16x8xf32> -> tensor<4x16xf32>
    metaop.yield %s : tensor<4x16xf32>
  }
  func.return %0, %1, %2, %3 : tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>
}
