// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s

// Pooling -> reindex over [N, C, OH, OW, KH, KW] windows, then reduce over [4, 5].
// Max pooling fills out-of-bounds taps with -inf (0xfff0000000000000 as f64); average
// pooling sums (fill 0) and divides by the per-window tap count.

// CHECK-LABEL: func.func @max_pool(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4 - 1, d3 * 2 + d5 - 1)> fill 0xfff0000000000000 : tensor<1x4x8x8xf32> -> tensor<1x4x4x4x3x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce max %[[WIN]] axes [4, 5] : tensor<1x4x4x4x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x4xf32>
func.func @max_pool(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.max_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  func.return %0 : tensor<1x4x4x4xf32>
}

// -----

// ceil_mode: 4 windows instead of 3; the last one overhangs the input (read as -inf).
// CHECK-LABEL: func.func @max_pool_ceil_mode(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)> fill 0xfff0000000000000 : tensor<1x4x8x8xf32> -> tensor<1x4x4x4x3x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce max %[[WIN]] axes [4, 5] : tensor<1x4x4x4x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x4xf32>
func.func @max_pool_ceil_mode(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.max_pool2d %x kernel [3, 3] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] ceil_mode : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  func.return %0 : tensor<1x4x4x4xf32>
}

// -----

// Dilations multiply the kernel index, per axis.
// CHECK-LABEL: func.func @max_pool_dilation(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4 * 2, d3 + d5)> fill 0xfff0000000000000 : tensor<1x4x8x8xf32> -> tensor<1x4x4x6x3x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce max %[[WIN]] axes [4, 5] : tensor<1x4x4x6x3x3xf32> -> tensor<1x4x4x6xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x6xf32>
func.func @max_pool_dilation(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x6xf32> {
  %0 = graph.max_pool2d %x kernel [3, 3] strides [1, 1] pads [0, 0, 0, 0] dilations [2, 1] : tensor<1x4x8x8xf32> -> tensor<1x4x4x6xf32>
  func.return %0 : tensor<1x4x4x6xf32>
}

// -----

// No padding: every window has kernel-many taps, so the divisor is a splat constant.
// CHECK-LABEL: func.func @avg_pool(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)> : tensor<1x4x8x8xf32> -> tensor<1x4x4x4x2x2xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[WIN]] axes [4, 5] : tensor<1x4x4x4x2x2xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[N_S:.*]] = metaop.constant dense<4.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[N:.*]] = metaop.broadcast %[[N_S]] dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[SUM]], %[[N]] : tensor<1x4x4x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x4xf32>
func.func @avg_pool(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.avg_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  func.return %0 : tensor<1x4x4x4xf32>
}

// -----

// Padding without count_include_pad: border windows count only their taps inside the
// input (4 in the corners, 6 on the edges, 9 inside), a per-position [OH, OW] constant
// broadcast along N and C.
// CHECK-LABEL: func.func @avg_pool_exclude_pad(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4 - 1, d3 + d5 - 1)> : tensor<1x4x4x4xf32> -> tensor<1x4x4x4x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[WIN]] axes [4, 5] : tensor<1x4x4x4x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[COUNTS:.*]] = metaop.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<4x4xf32>
// CHECK-NEXT:    %[[DIVISOR:.*]] = metaop.broadcast %[[COUNTS]] dims [0, 1] : tensor<4x4xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[SUM]], %[[DIVISOR]] : tensor<1x4x4x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x4xf32>
func.func @avg_pool_exclude_pad(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.avg_pool2d %x kernel [3, 3] strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x4x4x4xf32> -> tensor<1x4x4x4xf32>
  func.return %0 : tensor<1x4x4x4xf32>
}

// -----

// The same pooling with count_include_pad: every window counts 9, a splat divisor.
// CHECK-LABEL: func.func @avg_pool_include_pad(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4 - 1, d3 + d5 - 1)> : tensor<1x4x4x4xf32> -> tensor<1x4x4x4x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[WIN]] axes [4, 5] : tensor<1x4x4x4x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[N_S:.*]] = metaop.constant dense<9.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[N:.*]] = metaop.broadcast %[[N_S]] dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[SUM]], %[[N]] : tensor<1x4x4x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x4xf32>
func.func @avg_pool_include_pad(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.avg_pool2d %x kernel [3, 3] strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] count_include_pad : tensor<1x4x4x4xf32> -> tensor<1x4x4x4xf32>
  func.return %0 : tensor<1x4x4x4xf32>
}

// -----

// ceil_mode with count_include_pad: the taps that ceil_mode adds past the (padded)
// input never count, so the last row and column of windows divide by 2 (corner: 1).
// CHECK-LABEL: func.func @avg_pool_ceil_include_pad(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x2x5x5xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)> : tensor<1x2x5x5xf32> -> tensor<1x2x3x3x2x2xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[WIN]] axes [4, 5] : tensor<1x2x3x3x2x2xf32> -> tensor<1x2x3x3xf32>
// CHECK-NEXT:    %[[COUNTS:.*]] = metaop.constant dense<{{\[}}[4.000000e+00, 4.000000e+00, 2.000000e+00], [4.000000e+00, 4.000000e+00, 2.000000e+00], [2.000000e+00, 2.000000e+00, 1.000000e+00]]> : tensor<3x3xf32>
// CHECK-NEXT:    %[[DIVISOR:.*]] = metaop.broadcast %[[COUNTS]] dims [0, 1] : tensor<3x3xf32> -> tensor<1x2x3x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[SUM]], %[[DIVISOR]] : tensor<1x2x3x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x2x3x3xf32>
func.func @avg_pool_ceil_include_pad(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %0 = graph.avg_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] ceil_mode count_include_pad : tensor<1x2x5x5xf32> -> tensor<1x2x3x3xf32>
  func.return %0 : tensor<1x2x3x3xf32>
}

// -----

// Dilated average pooling without padding: a splat divisor (kernel size).
// CHECK-LABEL: func.func @avg_pool_dilation(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x2x6x6xf32>
// CHECK-NEXT:    %[[WIN:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4 * 4, d3 + d5 * 2)> : tensor<1x2x6x6xf32> -> tensor<1x2x2x4x2x2xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[WIN]] axes [4, 5] : tensor<1x2x2x4x2x2xf32> -> tensor<1x2x2x4xf32>
// CHECK-NEXT:    %[[N_S:.*]] = metaop.constant dense<4.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[N:.*]] = metaop.broadcast %[[N_S]] dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x2x2x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary div %[[SUM]], %[[N]] : tensor<1x2x2x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x2x2x4xf32>
func.func @avg_pool_dilation(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x2x4xf32> {
  %0 = graph.avg_pool2d %x kernel [2, 2] strides [1, 1] pads [0, 0, 0, 0] dilations [4, 2] : tensor<1x2x6x6xf32> -> tensor<1x2x2x4xf32>
  func.return %0 : tensor<1x2x2x4xf32>
}

// -----

// Global pooling: reduce mean / max over the spatial axes, keeping them.
// CHECK-LABEL: func.func @global_pool(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x7x7xf32>, %[[V:[a-z0-9_]+]]: tensor<2x3x4x5x6xf32>
// CHECK-NEXT:    %[[AVG:.*]] = metaop.reduce mean %[[X]] axes [2, 3] keepdims : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.reduce max %[[X]] axes [2, 3] keepdims : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
// CHECK-NEXT:    %[[VOL:.*]] = metaop.reduce mean %[[V]] axes [2, 3, 4] keepdims : tensor<2x3x4x5x6xf32> -> tensor<2x3x1x1x1xf32>
// CHECK-NEXT:    func.return %[[AVG]], %[[MAX]], %[[VOL]] :
func.func @global_pool(%x: tensor<1x4x7x7xf32>, %v: tensor<2x3x4x5x6xf32>) -> (tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>, tensor<2x3x1x1x1xf32>) {
  %0 = graph.global_avg_pool %x : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
  %1 = graph.global_max_pool %x : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
  %2 = graph.global_avg_pool %v : tensor<2x3x4x5x6xf32> -> tensor<2x3x1x1x1xf32>
  func.return %0, %1, %2 : tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>, tensor<2x3x1x1x1xf32>
}
