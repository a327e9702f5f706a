// RUN: mopc-opt %s -p graph-to-metaop,metaop-fuse,cuda-schedule | filecheck %s

// GPU schedules: parallel dimensions (longer than 1) first in domain order, spread over
// threads (parallel = 1), reductions inside; a contraction's thread computes a register
// block along the dimension that saves the most loads (the convolution's output
// channels: the padded input is loaded once for 4 of them; the matmul's rows).

// CHECK-LABEL: func.func @conv
// CHECK:       metaop.kernel "k0_reindex_reduce_add_relu_1x8x6x6" schedule #loop.schedule<order = [1, 3, 4, 0, 2, 5, 6], parallel = 1, unroll = [1, 4, 1, 1, 1, 1, 1]>
func.func @conv(%x: tensor<1x3x6x6xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  %y = graph.conv2d %x, %w strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x3x6x6xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  %r = graph.relu %y : tensor<1x8x6x6xf32>
  func.return %r : tensor<1x8x6x6xf32>
}

// CHECK-LABEL: func.func @matmul
// CHECK:       schedule #loop.schedule<order = [0, 2, 1], parallel = 1, unroll = [4, 1, 1]>
func.func @matmul(%a: tensor<12x5xf32>, %b: tensor<5x7xf32>) -> tensor<12x7xf32> {
  %y = graph.matmul %a, %b : (tensor<12x5xf32>, tensor<5x7xf32>) -> tensor<12x7xf32>
  func.return %y : tensor<12x7xf32>
}

// A reduction to one point: nothing to spread (loop-to-cuda may give it a block).
// CHECK-LABEL: func.func @sum_all
// CHECK:       schedule #loop.schedule<order = [0, 1]>
func.func @sum_all(%x: tensor<4x50xf32>) -> tensor<f32> {
  %s = graph.reduce_sum %x axes [0, 1] : tensor<4x50xf32> -> tensor<f32>
  func.return %s : tensor<f32>
}
