// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s
// RUN: mopc-opt %s -p graph-to-metaop --split-input-file --print-debuginfo | filecheck %s --check-prefix=LOC

// graph.conv2d -> reindex(x) over [N, O, C/G, OH, OW, KH, KW], broadcast(w) dims [0, 3, 4],
// binary mul, reduce add over [2, 5, 6]; a bias is broadcast dims [0, 2, 3] and added.

// Strided, symmetric padding, with bias.
// CHECK-LABEL: func.func @conv_stride_bias(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x3x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<4x3x3x3xf32>, %[[B:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5 - 1, d4 * 2 + d6 - 1)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x4x4x3x3xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.broadcast %[[W]] dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<1x4x3x4x4x3x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x4x3x4x4x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<1x4x3x4x4x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SUM]], %[[BB]] : tensor<1x4x4x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x4x4xf32>
func.func @conv_stride_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.conv2d %x, %w, %b strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  func.return %0 : tensor<1x4x4x4xf32>
}

// -----

// Asymmetric pads [top, left, bottom, right] = [0, 2, 1, 1]: only top and left enter
// the map; bottom and right only size the output (8 + 0 + 1 - 3 + 1 = 7, 8 + 2 + 1 - 3 + 1 = 9).
// No bias: the reduction is the result.
// CHECK-LABEL: func.func @conv_asymmetric_pads(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x3x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<4x3x3x3xf32>
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5, d4 + d6 - 2)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x7x9x3x3xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.broadcast %[[W]] dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<1x4x3x7x9x3x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x4x3x7x9x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<1x4x3x7x9x3x3xf32> -> tensor<1x4x7x9xf32>
// CHECK-NEXT:    func.return %[[SUM]] : tensor<1x4x7x9xf32>
func.func @conv_asymmetric_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x7x9xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 2, 1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x7x9xf32>
  func.return %0 : tensor<1x4x7x9xf32>
}

// -----

// Dilation multiplies the kernel index, stride the output index (per axis).
// CHECK-LABEL: func.func @conv_dilation(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x3x9x9xf32>, %[[W:[a-z0-9_]+]]: tensor<4x3x3x3xf32>
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 * 2, d4 * 2 + d6)> : tensor<2x3x9x9xf32> -> tensor<2x4x3x5x4x3x3xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.broadcast %[[W]] dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<2x4x3x5x4x3x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<2x4x3x5x4x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<2x4x3x5x4x3x3xf32> -> tensor<2x4x5x4xf32>
// CHECK-NEXT:    func.return %[[SUM]] : tensor<2x4x5x4xf32>
func.func @conv_dilation(%x: tensor<2x3x9x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x5x4xf32> {
  %0 = graph.conv2d %x, %w strides [1, 2] pads [0, 0, 0, 0] dilations [2, 1] : (tensor<2x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x5x4xf32>
  func.return %0 : tensor<2x4x5x4xf32>
}

// -----

// Grouped: C = 4, O = 6, G = 2, so C/G = 2 and O/G = 3; output channel d1 reads input
// channel (d1 floordiv 3) * 2 + d2.
// CHECK-LABEL: func.func @conv_groups(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<6x2x1x1xf32>
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, (d1 floordiv 3) * 2 + d2, d3 + d5, d4 + d6)> : tensor<1x4x8x8xf32> -> tensor<1x6x2x8x8x1x1xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.broadcast %[[W]] dims [0, 3, 4] : tensor<6x2x1x1xf32> -> tensor<1x6x2x8x8x1x1xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x6x2x8x8x1x1xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<1x6x2x8x8x1x1xf32> -> tensor<1x6x8x8xf32>
// CHECK-NEXT:    func.return %[[SUM]] : tensor<1x6x8x8xf32>
func.func @conv_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x1x1xf32>) -> tensor<1x6x8x8xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 2 : (tensor<1x4x8x8xf32>, tensor<6x2x1x1xf32>) -> tensor<1x6x8x8xf32>
  func.return %0 : tensor<1x6x8x8xf32>
}

// -----

// Depthwise (G = C = O): O/G = C/G = 1, so the channel is plainly d1 + d2 (d2 is 0).
// CHECK-LABEL: func.func @conv_depthwise(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x8x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<8x1x3x3xf32>, %[[B:[a-z0-9_]+]]: tensor<8xf32>
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x8x8x8xf32> -> tensor<1x8x1x8x8x3x3xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.broadcast %[[W]] dims [0, 3, 4] : tensor<8x1x3x3xf32> -> tensor<1x8x1x8x8x3x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x8x1x8x8x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<1x8x1x8x8x3x3xf32> -> tensor<1x8x8x8xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0, 2, 3] : tensor<8xf32> -> tensor<1x8x8x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SUM]], %[[BB]] : tensor<1x8x8x8xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x8x8x8xf32>
func.func @conv_depthwise(%x: tensor<1x8x8x8xf32>, %w: tensor<8x1x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %0 = graph.conv2d %x, %w, %b strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] groups 8 : (tensor<1x8x8x8xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  func.return %0 : tensor<1x8x8x8xf32>
}

// -----

// Depthwise with a channel multiplier (O = 2 * G): O/G = 2, C/G = 1.
// CHECK-LABEL: func.func @conv_depthwise_multiplier(
// CHECK:         metaop.reindex %{{.*}} map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 floordiv 2 + d2, d3 + d5, d4 + d6)> : tensor<1x4x6x6xf32> -> tensor<1x8x1x4x4x3x3xf32>
func.func @conv_depthwise_multiplier(%x: tensor<1x4x6x6xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 4 : (tensor<1x4x6x6xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x4x4xf32>
  func.return %0 : tensor<1x8x4x4xf32>
}

// -----

// One output channel per group (O/G = 1) reading two input channels (C/G = 2).
// CHECK-LABEL: func.func @conv_groups_one_output_each(
// CHECK:         metaop.reindex %{{.*}} map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d2, d3 + d5, d4 + d6)> : tensor<1x4x6x6xf32> -> tensor<1x2x2x4x4x3x3xf32>
func.func @conv_groups_one_output_each(%x: tensor<1x4x6x6xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x4x4xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 2 : (tensor<1x4x6x6xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x4x4xf32>
  func.return %0 : tensor<1x2x4x4xf32>
}

// -----

// graph.conv_transpose2d is a gather too. A stride first spreads the input out with
// zeros between its elements (a reindex_reduce add), so the gather reads it at
// i + top - p*dh without divisions; the weight [C, O/G, KH, KW] is reindexed into the
// same space [N, O, C/G, OH, OW, KH, KW].
// CHECK-LABEL: func.func @conv_transpose_stride_bias(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x3x3xf32>, %[[W:[a-z0-9_]+]]: tensor<4x2x3x3xf32>, %[[B:[a-z0-9_]+]]: tensor<2xf32>
// CHECK-NEXT:    %[[UP:.*]] = metaop.reindex_reduce add %[[X]] map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2, d3 * 2)> : tensor<1x4x3x3xf32> -> tensor<1x4x5x5xf32>
// CHECK-NEXT:    %[[XX:.*]] = metaop.reindex %[[UP]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + 1 - d5, d4 - d6)> : tensor<1x4x5x5xf32> -> tensor<1x2x4x7x5x3x3xf32>
// CHECK-NEXT:    %[[WW:.*]] = metaop.reindex %[[W]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d2, d1, d5, d6)> : tensor<4x2x3x3xf32> -> tensor<1x2x4x7x5x3x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x2x4x7x5x3x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [2, 5, 6] : tensor<1x2x4x7x5x3x3xf32> -> tensor<1x2x7x5xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0, 2, 3] : tensor<2xf32> -> tensor<1x2x7x5xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SUM]], %[[BB]] : tensor<1x2x7x5xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x2x7x5xf32>
func.func @conv_transpose_stride_bias(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x7x5xf32> {
  %0 = graph.conv_transpose2d %x, %w, %b strides [2, 2] pads [1, 0, 0, 2] dilations [1, 1] output_padding [1, 0] : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x5xf32>
  func.return %0 : tensor<1x2x7x5xf32>
}

// -----

// Stride 1 reads the input directly; with groups, output channel o reads the input
// channels of group o floordiv (O/G) and weight column o mod (O/G).
// CHECK-LABEL: func.func @conv_transpose_groups_dilation(
// CHECK-NEXT:    metaop.reindex %{{.*}} map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, (d1 floordiv 3) * 2 + d2, d3 - d5 * 2, d4 - d6)> : tensor<1x4x3x3xf32> -> tensor<1x6x2x5x4x2x2xf32>
// CHECK-NEXT:    metaop.reindex %{{.*}} map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> ((d1 floordiv 3) * 2 + d2, d1 mod 3, d5, d6)> : tensor<4x3x2x2xf32> -> tensor<1x6x2x5x4x2x2xf32>
// CHECK-NEXT:    metaop.binary mul
// CHECK-NEXT:    metaop.reduce add %{{.*}} axes [2, 5, 6]
// CHECK-NEXT:    func.return
func.func @conv_transpose_groups_dilation(%x: tensor<1x4x3x3xf32>, %w: tensor<4x3x2x2xf32>) -> tensor<1x6x5x4xf32> {
  %0 = graph.conv_transpose2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [2, 1] output_padding [0, 0] groups 2 : (tensor<1x4x3x3xf32>, tensor<4x3x2x2xf32>) -> tensor<1x6x5x4xf32>
  func.return %0 : tensor<1x6x5x4xf32>
}

// -----

// The graph op's location survives lowering: every meta-op it becomes carries it, a
// name, a fused location or (with none written) the file:line:col of the graph op.
// LOC-LABEL: func.func @conv_location(
// LOC:         metaop.reindex {{.*}} loc("conv1")
// LOC-NEXT:    metaop.broadcast {{.*}} dims [0, 3, 4] {{.*}} loc("conv1")
// LOC-NEXT:    metaop.binary mul {{.*}} loc("conv1")
// LOC-NEXT:    metaop.reduce add {{.*}} loc("conv1")
// LOC-NEXT:    metaop.broadcast {{.*}} dims [0, 2, 3] {{.*}} loc("conv1")
// LOC-NEXT:    metaop.binary add {{.*}} loc("conv1")
// LOC-NEXT:    metaop.constant dense<0.000000e+00> {{.*}} loc(fused["relu1", "model.onnx":7:0])
// LOC-NEXT:    metaop.broadcast {{.*}} loc(fused["relu1", "model.onnx":7:0])
// LOC-NEXT:    metaop.binary max {{.*}} loc(fused["relu1", "model.onnx":7:0])
// LOC-NEXT:    metaop.unary neg {{.*}} loc("{{.*}}conv.mlir":[[# @LINE + 5]]:3)
// LOC-NEXT:    func.return
func.func @conv_location(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = graph.conv2d %x, %w, %b strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32> loc("conv1")
  %1 = graph.relu %0 : tensor<1x4x6x6xf32> loc(fused["relu1", "model.onnx":7:0])
  %2 = graph.neg %1 : tensor<1x4x6x6xf32>
  func.return %2 : tensor<1x4x6x6xf32>
}
