// RUN: mopc-opt %s -p 'loop-schedule{vector-width=16}' --split-input-file | filecheck %s
// RUN: mopc-opt %s -p 'loop-schedule{vector-width=8}' --split-input-file | filecheck %s --check-prefix=AVX2

// Element-wise: the last dimension is vectorized; big enough to run on threads.
// CHECK-LABEL: func.func @elementwise
// CHECK:       metaop.kernel "k0" schedule #loop.schedule<order = [0, 1, 2], parallel = 1, vector = [2, 16]>
// AVX2-LABEL:  func.func @elementwise
// AVX2:        vector = [2, 8]
func.func @elementwise(%x: tensor<64x56x56xf32>) -> tensor<64x56x56xf32> {
  %0 = metaop.kernel "k0" (%x) : (tensor<64x56x56xf32>) -> tensor<64x56x56xf32> {
  ^bb0(%a: tensor<64x56x56xf32>):
    %z = metaop.constant dense<0.000000e+00> : tensor<f32>
    %zb = metaop.broadcast %z dims [0, 1, 2] : tensor<f32> -> tensor<64x56x56xf32>
    %r = metaop.binary max %a, %zb : tensor<64x56x56xf32>
    metaop.yield %r : tensor<64x56x56xf32>
  }
  func.return %0 : tensor<64x56x56xf32>
}

// -----

// A small kernel stays on one thread; unit dimensions go last.
// CHECK-LABEL: func.func @small
// CHECK:       schedule #loop.schedule<order = [1, 0], vector = [1, 16]>
func.func @small(%x: tensor<1x10xf32>) -> tensor<1x10xf32> {
  %0 = metaop.kernel "k0" (%x) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    %r = metaop.unary exp %a : tensor<1x10xf32>
    metaop.yield %r : tensor<1x10xf32>
  }
  func.return %0 : tensor<1x10xf32>
}

// -----

// Convolution (a contraction): output channels (dim 1) unrolled by 8 reuse each input
// vector; output width (dim 4) vectorized, 2 vectors; output rows (dim 3) run in
// parallel; the reductions (channels 2, kernel rows 5, kernel columns 6) inside.
// CHECK-LABEL: func.func @conv
// CHECK:       schedule #loop.schedule<order = [3, 0, 4, 1, 5, 6, 2], parallel = 1, unroll = [1, 8, 1, 1, 2, 1, 1], vector = [4, 16]>
func.func @conv(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32> {
  %0 = metaop.kernel "k0" (%x, %w) : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32> {
  ^bb0(%a: tensor<1x64x56x56xf32>, %b: tensor<64x64x3x3xf32>):
    %xx = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x64x56x56xf32> -> tensor<1x64x64x56x56x3x3xf32>
    %ww = metaop.broadcast %b dims [0, 3, 4] : tensor<64x64x3x3xf32> -> tensor<1x64x64x56x56x3x3xf32>
    %p = metaop.binary mul %xx, %ww : tensor<1x64x64x56x56x3x3xf32>
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x64x64x56x56x3x3xf32> -> tensor<1x64x56x56xf32>
    metaop.yield %s : tensor<1x64x56x56xf32>
  }
  func.return %0 : tensor<1x64x56x56xf32>
}

// -----

// Matmul [M, K, N]: N vectorized (2 vectors) and outermost, M unrolled by 8, K inside.
// CHECK-LABEL: func.func @matmul
// CHECK:       schedule #loop.schedule<order = [2, 0, 1], parallel = 1, unroll = [8, 1, 2], vector = [2, 16]>
func.func @matmul(%a: tensor<512x512xf32>, %b: tensor<512x512xf32>) -> tensor<512x512xf32> {
  %0 = metaop.kernel "k0" (%a, %b) : (tensor<512x512xf32>, tensor<512x512xf32>) -> tensor<512x512xf32> {
  ^bb0(%x: tensor<512x512xf32>, %y: tensor<512x512xf32>):
    %xb = metaop.broadcast %x dims [2] : tensor<512x512xf32> -> tensor<512x512x512xf32>
    %yb = metaop.broadcast %y dims [0] : tensor<512x512xf32> -> tensor<512x512x512xf32>
    %p = metaop.binary mul %xb, %yb : tensor<512x512x512xf32>
    %s = metaop.reduce add %p axes [1] : tensor<512x512x512xf32> -> tensor<512x512xf32>
    metaop.yield %s : tensor<512x512xf32>
  }
  func.return %0 : tensor<512x512xf32>
}

// -----

// A reduction over the last axis: the reduced axis itself is vectorized.
// CHECK-LABEL: func.func @row_max
// CHECK:       schedule #loop.schedule<order = [0, 1], vector = [1, 16]>
func.func @row_max(%x: tensor<8x1000xf32>) -> tensor<8x1xf32> {
  %0 = metaop.kernel "k0" (%x) : (tensor<8x1000xf32>) -> tensor<8x1xf32> {
  ^bb0(%a: tensor<8x1000xf32>):
    %m = metaop.reduce max %a axes [1] keepdims : tensor<8x1000xf32> -> tensor<8x1xf32>
    metaop.yield %m : tensor<8x1xf32>
  }
  func.return %0 : tensor<8x1xf32>
}

// -----

// A schedule written by hand is kept.
// CHECK-LABEL: func.func @user_schedule
// CHECK:       schedule #loop.schedule<order = [1, 0], unroll = [2, 1]>
func.func @user_schedule(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = metaop.kernel "k0" schedule #loop.schedule<order = [1, 0], unroll = [2, 1]> (%x) : (tensor<64x64xf32>) -> tensor<64x64xf32> {
  ^bb0(%a: tensor<64x64xf32>):
    %r = metaop.unary neg %a : tensor<64x64xf32>
    metaop.yield %r : tensor<64x64xf32>
  }
  func.return %0 : tensor<64x64xf32>
}

// -----

// A strided convolution with constant weights: along the output width the input is a
// gather (stride 2), so the output channels (dim 1, a whole axis of the constant
// weight, which pack-constants can make innermost) are vectorized instead; their
// blocks go outermost so each block's weights are read once.
// CHECK-LABEL: func.func @strided_conv
// CHECK:       schedule #loop.schedule<order = [1, 4, 0, 3, 2, 5, 6], parallel = 1, unroll = [1, 2, 1, 8, 1, 1, 1], vector = [1, 16]>
func.func @strided_conv(%x: tensor<1x3x224x224xf32>) -> tensor<1x64x112x112xf32> {
  %w = metaop.constant dense<5.000000e-01> : tensor<64x3x7x7xf32>
  %0 = metaop.kernel "k0" (%x, %w) : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32> {
  ^bb0(%a: tensor<1x3x224x224xf32>, %b: tensor<64x3x7x7xf32>):
    %xx = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5 - 3, d4 * 2 + d6 - 3)> : tensor<1x3x224x224xf32> -> tensor<1x64x3x112x112x7x7xf32>
    %ww = metaop.broadcast %b dims [0, 3, 4] : tensor<64x3x7x7xf32> -> tensor<1x64x3x112x112x7x7xf32>
    %p = metaop.binary mul %xx, %ww : tensor<1x64x3x112x112x7x7xf32>
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x64x3x112x112x7x7xf32> -> tensor<1x64x112x112xf32>
    metaop.yield %s : tensor<1x64x112x112xf32>
  }
  func.return %0 : tensor<1x64x112x112xf32>
}

// -----

// A 7x7 image fills 7 of 16 lanes: the 512 output channels are vectorized instead,
// and the reductions run in the input's memory order (channels 2, then the window's
// rows 5 and columns 6), not shortest first. With a weight that is not a constant (a
// kernel input), the input gather along the channels would be worse, so the width stays.
// CHECK-LABEL: func.func @small_image
// CHECK:       schedule #loop.schedule<order = [1, 4, 0, 3, 2, 5, 6], parallel = 1, unroll = [1, 2, 1, 7, 1, 1, 1], vector = [1, 16]>
// CHECK-LABEL: func.func @small_image_weight_input
// CHECK:       vector = [4, 16]>
func.func @small_image(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x7x7xf32> {
  %w = metaop.constant dense<5.000000e-01> : tensor<512x512x3x3xf32>
  %0 = metaop.kernel "k0" (%x, %w) : (tensor<1x512x7x7xf32>, tensor<512x512x3x3xf32>) -> tensor<1x512x7x7xf32> {
  ^bb0(%a: tensor<1x512x7x7xf32>, %b: tensor<512x512x3x3xf32>):
    %xx = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x512x7x7xf32> -> tensor<1x512x512x7x7x3x3xf32>
    %ww = metaop.broadcast %b dims [0, 3, 4] : tensor<512x512x3x3xf32> -> tensor<1x512x512x7x7x3x3xf32>
    %p = metaop.binary mul %xx, %ww : tensor<1x512x512x7x7x3x3xf32>
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x512x512x7x7x3x3xf32> -> tensor<1x512x7x7xf32>
    metaop.yield %s : tensor<1x512x7x7xf32>
  }
  func.return %0 : tensor<1x512x7x7xf32>
}
func.func @small_image_weight_input(%x: tensor<1x512x7x7xf32>, %w: tensor<512x512x3x3xf32>) -> tensor<1x512x7x7xf32> {
  %0 = metaop.kernel "k0" (%x, %w) : (tensor<1x512x7x7xf32>, tensor<512x512x3x3xf32>) -> tensor<1x512x7x7xf32> {
  ^bb0(%a: tensor<1x512x7x7xf32>, %b: tensor<512x512x3x3xf32>):
    %xx = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x512x7x7xf32> -> tensor<1x512x512x7x7x3x3xf32>
    %ww = metaop.broadcast %b dims [0, 3, 4] : tensor<512x512x3x3xf32> -> tensor<1x512x512x7x7x3x3xf32>
    %p = metaop.binary mul %xx, %ww : tensor<1x512x512x7x7x3x3xf32>
    %s = metaop.reduce add %p axes [2, 5, 6] : tensor<1x512x512x7x7x3x3xf32> -> tensor<1x512x7x7xf32>
    metaop.yield %s : tensor<1x512x7x7xf32>
  }
  func.return %0 : tensor<1x512x7x7xf32>
}

// -----

// Max pooling 3x3: the window's last dimension (3) would fill 3 of 16 lanes; the
// channels fill them all (their loads are gathers, still cheaper).
// CHECK-LABEL: func.func @maxpool
// CHECK:       schedule #loop.schedule<order = [1, 2, 3, 0, 4, 5], parallel = 1, vector = [1, 16]>
func.func @maxpool(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %0 = metaop.kernel "k0" (%x) : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  ^bb0(%a: tensor<1x64x112x112xf32>):
    %w = metaop.reindex %a map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4 - 1, d3 * 2 + d5 - 1)> fill -3.40282347E+38 : tensor<1x64x112x112xf32> -> tensor<1x64x56x56x3x3xf32>
    %m = metaop.reduce max %w axes [4, 5] : tensor<1x64x56x56x3x3xf32> -> tensor<1x64x56x56xf32>
    metaop.yield %m : tensor<1x64x56x56xf32>
  }
  func.return %0 : tensor<1x64x56x56xf32>
}
