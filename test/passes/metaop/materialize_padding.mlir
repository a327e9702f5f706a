// RUN: mopc-opt %s --split-input-file -p materialize-padding | filecheck %s
// RUN: mopc-opt %s --split-input-file -p materialize-padding,metaop-fuse | filecheck %s --check-prefix=FUSED

// A 3x3 convolution's window, padded by 1: the padding becomes a reindex of its own
// (the fill around the input), the window reads it in bounds.
// CHECK-LABEL: func.func @conv
// CHECK-NEXT:  %[[P:.*]] = metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 1, d3 - 1)> : tensor<1x8x6x6xf32> -> tensor<1x8x8x8xf32>
// CHECK-NEXT:  %[[W:.*]] = metaop.reindex %[[P]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5, d4 + d6)> : tensor<1x8x8x8xf32> -> tensor<1x16x8x6x6x3x3xf32>
// CHECK-NEXT:  metaop.broadcast
// FUSED-LABEL: func.func @conv
// FUSED: metaop.kernel "k0_reindex_1x8x8x8" (%x)
// FUSED: metaop.kernel "k1_reindex_reduce_add_1x16x6x6" (%{{.*}}, %w) : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>)
func.func @conv(%x: tensor<1x8x6x6xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x6x6xf32> {
  %0 = metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x8x6x6xf32> -> tensor<1x16x8x6x6x3x3xf32>
  %1 = metaop.broadcast %w dims [0, 3, 4] : tensor<16x8x3x3xf32> -> tensor<1x16x8x6x6x3x3xf32>
  %2 = metaop.binary mul %0, %1 : tensor<1x16x8x6x6x3x3xf32>
  %3 = metaop.reduce add %2 axes [2, 5, 6] : tensor<1x16x8x6x6x3x3xf32> -> tensor<1x16x6x6xf32>
  func.return %3 : tensor<1x16x6x6xf32>
}

// -----

// A max pool's -inf padding, asymmetric (only the far edge is read past): the fill is kept.
// CHECK-LABEL: func.func @pool
// CHECK-NEXT:  %[[P:.*]] = metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)> fill -3.4028234663852886e+38 : tensor<1x2x5x5xf32> -> tensor<1x2x6x6xf32>
// CHECK-NEXT:  metaop.reindex %[[P]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)> fill -3.4028234663852886e+38 : tensor<1x2x6x6xf32> -> tensor<1x2x3x3x2x2xf32>
func.func @pool(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %0 = metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)> fill -3.4028234663852886e+38 : tensor<1x2x5x5xf32> -> tensor<1x2x3x3x2x2xf32>
  %1 = metaop.reduce max %0 axes [4, 5] : tensor<1x2x3x3x2x2xf32> -> tensor<1x2x3x3xf32>
  func.return %1 : tensor<1x2x3x3xf32>
}

// -----

// Windows that stay inside their input, and reindexes that are no windows, are left alone.
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT:  metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5, d4 + d6)>
// CHECK-NEXT:  metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 1, d3)>
func.func @untouched(%x: tensor<1x8x6x6xf32>) -> (tensor<1x16x8x4x4x3x3xf32>, tensor<1x8x6x6xf32>) {
  %0 = metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5, d4 + d6)> : tensor<1x8x6x6xf32> -> tensor<1x16x8x4x4x3x3xf32>
  %1 = metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 1, d3)> : tensor<1x8x6x6xf32> -> tensor<1x8x6x6xf32>
  func.return %0, %1 : tensor<1x16x8x4x4x3x3xf32>, tensor<1x8x6x6xf32>
}

// -----

// RUN: mopc-opt %s --split-input-file -p 'materialize-padding{innermost-only=true}' | filecheck %s --check-prefix=INNER

// `innermost-only`: a stem's 7x7 window over 3 input channels is split (the scheduler
// runs the window innermost, where its checks could not be hoisted); the 3x3 window
// over 8 channels above and the pooling keep their checks (the channels, or nothing,
// run innermost). INNER-LABEL lines below come from this third run.
// INNER-LABEL: func.func @conv
// INNER-NEXT:  metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)>
// INNER-LABEL: func.func @pool
// INNER-NEXT:  metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// INNER-LABEL: func.func @stem
// INNER-NEXT:  %[[P:.*]] = metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 3, d3 - 3)> : tensor<1x3x16x16xf32> -> tensor<1x3x21x21xf32>
// INNER-NEXT:  metaop.reindex %[[P]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5, d4 * 2 + d6)> : tensor<1x3x21x21xf32> -> tensor<1x4x3x8x8x7x7xf32>
// CHECK-LABEL: func.func @stem
// CHECK-NEXT:  metaop.reindex %x map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 3, d3 - 3)>
func.func @stem(%x: tensor<1x3x16x16xf32>) -> tensor<1x4x3x8x8x7x7xf32> {
  %0 = metaop.reindex %x map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5 - 3, d4 * 2 + d6 - 3)> : tensor<1x3x16x16xf32> -> tensor<1x4x3x8x8x7x7xf32>
  func.return %0 : tensor<1x4x3x8x8x7x7xf32>
}
