// RUN: mopc-opt %s -p graph-to-metaop,metaop-fuse --split-input-file | filecheck %s
// RUN: mopc-opt %s --pass-pipeline='builtin.module(graph-to-metaop,metaop-fuse)' --split-input-file | filecheck %s

// metaop-fuse on what graph-to-metaop produces for the usual NN blocks.

// conv + bias + batch norm + relu: the per-channel batch-norm parameter math is one
// kernel (its two results are read through broadcasts, i.e. from memory), the
// convolution with its whole epilogue another.
// CHECK-LABEL: func.func @conv_bias_bn_relu(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x3x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<4x3x3x3xf32>, %[[B:[a-z0-9_]+]]: tensor<4xf32>, %[[SCALE:[a-z0-9_]+]]: tensor<4xf32>, %[[BIAS:[a-z0-9_]+]]: tensor<4xf32>, %[[MEAN:[a-z0-9_]+]]: tensor<4xf32>, %[[VAR:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[INV:[^,]+]], %[[SHIFT:[^ ]+]] = metaop.kernel "k0_add_sqrt_div_4" (%[[VAR]], %[[SCALE]], %[[MEAN]], %[[BIAS]]) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT:    ^bb0(%[[V1:[^:]+]]: tensor<4xf32>, %[[S1:[^:]+]]: tensor<4xf32>, %[[M1:[^:]+]]: tensor<4xf32>, %[[B1:[^:]+]]: tensor<4xf32>):
// CHECK-NEXT:      %[[EPS:.*]] = metaop.constant dense<1.000000e-05> : tensor<f32>
// CHECK-NEXT:      %[[EPSB:.*]] = metaop.broadcast %[[EPS]] dims [0] : tensor<f32> -> tensor<4xf32>
// CHECK-NEXT:      %[[VE:.*]] = metaop.binary add %[[V1]], %[[EPSB]] : tensor<4xf32>
// CHECK-NEXT:      %[[STD:.*]] = metaop.unary sqrt %[[VE]] : tensor<4xf32>
// CHECK-NEXT:      %[[INV1:.*]] = metaop.binary div %[[S1]], %[[STD]] : tensor<4xf32>
// CHECK-NEXT:      %[[MI:.*]] = metaop.binary mul %[[M1]], %[[INV1]] : tensor<4xf32>
// CHECK-NEXT:      %[[SH1:.*]] = metaop.binary sub %[[B1]], %[[MI]] : tensor<4xf32>
// CHECK-NEXT:      metaop.yield %[[INV1]], %[[SH1]] : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[Y:.*]] = metaop.kernel "k1_reindex_reduce_add_relu_1x4x8x8" (%[[X]], %[[W]], %[[B]], %[[INV]], %[[SHIFT]]) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32> {
// CHECK-NEXT:    ^bb0(%[[X2:[^:]+]]: tensor<1x3x8x8xf32>, %[[W2:[^:]+]]: tensor<4x3x3x3xf32>, %[[B2:[^:]+]]: tensor<4xf32>, %[[INV2:[^:]+]]: tensor<4xf32>, %[[SHIFT2:[^:]+]]: tensor<4xf32>):
// CHECK-NEXT:      %[[XX:.*]] = metaop.reindex %[[X2]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 + d5 - 1, d4 + d6 - 1)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x8x8x3x3xf32>
// CHECK-NEXT:      %[[WW:.*]] = metaop.broadcast %[[W2]] dims [0, 3, 4] : tensor<4x3x3x3xf32> -> tensor<1x4x3x8x8x3x3xf32>
// CHECK-NEXT:      %[[P:.*]] = metaop.binary mul %[[XX]], %[[WW]] : tensor<1x4x3x8x8x3x3xf32>
// CHECK-NEXT:      %[[CONV:.*]] = metaop.reduce add %[[P]] axes [2, 5, 6] : tensor<1x4x3x8x8x3x3xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[BB:.*]] = metaop.broadcast %[[B2]] dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[CB:.*]] = metaop.binary add %[[CONV]], %[[BB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[INVB:.*]] = metaop.broadcast %[[INV2]] dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[SC:.*]] = metaop.binary mul %[[CB]], %[[INVB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[SHB:.*]] = metaop.broadcast %[[SHIFT2]] dims [0, 2, 3] : tensor<4xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[BN:.*]] = metaop.binary add %[[SC]], %[[SHB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[Z:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[ZB:.*]] = metaop.broadcast %[[Z]] dims [0, 1, 2, 3] : tensor<f32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT:      %[[R:.*]] = metaop.binary max %[[BN]], %[[ZB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:      metaop.yield %[[R]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x8x8xf32>
func.func @conv_bias_bn_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %scale: tensor<4xf32>, %bias: tensor<4xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %0 = graph.conv2d %x, %w, %b strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %1 = graph.batch_norm %0, %scale, %bias, %mean, %var epsilon 1.000000e-05 : tensor<1x4x8x8xf32>, tensor<4xf32>
  %2 = graph.relu %1 : tensor<1x4x8x8xf32>
  func.return %2 : tensor<1x4x8x8xf32>
}

// -----

// Max-pool after relu: the pool's window reindex reads the relu's result from memory,
// so the pool is a new kernel.
// CHECK-LABEL: func.func @relu_maxpool(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x8x8xf32>
// CHECK-NEXT:    %[[R:.*]] = metaop.kernel "k0_relu_1x4x8x8" (%[[X]]) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<1x4x8x8xf32>):
// CHECK-NEXT:      %[[Z:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[ZB:.*]] = metaop.broadcast %[[Z]] dims [0, 1, 2, 3]
// CHECK-NEXT:      %[[M:.*]] = metaop.binary max %[[X1]], %[[ZB]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:      metaop.yield %[[M]] : tensor<1x4x8x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[P:.*]] = metaop.kernel "k1_reindex_reduce_max_1x4x4x4" (%[[R]]) : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[R1:[^:]+]]: tensor<1x4x8x8xf32>):
// CHECK-NEXT:      %[[WIN:.*]] = metaop.reindex %[[R1]] map affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4 - 1, d3 * 2 + d5 - 1)> fill 0xfff0000000000000 : tensor<1x4x8x8xf32> -> tensor<1x4x4x4x3x3xf32>
// CHECK-NEXT:      %[[MAX:.*]] = metaop.reduce max %[[WIN]] axes [4, 5] : tensor<1x4x4x4x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT:      metaop.yield %[[MAX]] : tensor<1x4x4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P]] : tensor<1x4x4x4xf32>
func.func @relu_maxpool(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.relu %x : tensor<1x4x8x8xf32>
  %1 = graph.max_pool2d %0 kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  func.return %1 : tensor<1x4x4x4xf32>
}

// -----

// Softmax: the max reduction; then sub, exp and the sum (exp is also a result, since the
// division reads it); then the division (fusing it with exp would make a cycle through
// the sum's broadcast).
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x5xf32>
// CHECK-NEXT:    %[[MAX:.*]] = metaop.kernel "k0_reduce_max_2x1" (%[[X]]) : (tensor<2x5xf32>) -> tensor<2x1xf32> {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<2x5xf32>):
// CHECK-NEXT:      %[[M:.*]] = metaop.reduce max %[[X1]] axes [1] keepdims : tensor<2x5xf32> -> tensor<2x1xf32>
// CHECK-NEXT:      metaop.yield %[[M]] : tensor<2x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[EXP:[^,]+]], %[[SUM:[^ ]+]] = metaop.kernel "k1_exp_reduce_add_2x1" (%[[X]], %[[MAX]]) : (tensor<2x5xf32>, tensor<2x1xf32>) -> (tensor<2x5xf32>, tensor<2x1xf32>) {
// CHECK-NEXT:    ^bb0(%[[X2:[^:]+]]: tensor<2x5xf32>, %[[MAX2:[^:]+]]: tensor<2x1xf32>):
// CHECK-NEXT:      %[[MB:.*]] = metaop.broadcast %[[MAX2]] : tensor<2x1xf32> -> tensor<2x5xf32>
// CHECK-NEXT:      %[[D:.*]] = metaop.binary sub %[[X2]], %[[MB]] : tensor<2x5xf32>
// CHECK-NEXT:      %[[E:.*]] = metaop.unary exp %[[D]] : tensor<2x5xf32>
// CHECK-NEXT:      %[[S:.*]] = metaop.reduce add %[[E]] axes [1] keepdims : tensor<2x5xf32> -> tensor<2x1xf32>
// CHECK-NEXT:      metaop.yield %[[E]], %[[S]] : tensor<2x5xf32>, tensor<2x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[Y:.*]] = metaop.kernel "k2_div_2x5" (%[[EXP]], %[[SUM]]) : (tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x5xf32> {
// CHECK-NEXT:    ^bb0(%[[E3:[^:]+]]: tensor<2x5xf32>, %[[S3:[^:]+]]: tensor<2x1xf32>):
// CHECK-NEXT:      %[[SB:.*]] = metaop.broadcast %[[S3]] : tensor<2x1xf32> -> tensor<2x5xf32>
// CHECK-NEXT:      %[[Q:.*]] = metaop.binary div %[[E3]], %[[SB]] : tensor<2x5xf32>
// CHECK-NEXT:      metaop.yield %[[Q]] : tensor<2x5xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x5xf32>
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = graph.softmax %x axis 1 : tensor<2x5xf32>
  func.return %0 : tensor<2x5xf32>
}

// -----

// A residual block's tail: the add of the block input and the relu are the
// convolution's epilogue, reading %x directly.
// CHECK-LABEL: func.func @residual(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x6x6xf32>, %[[W:[a-z0-9_]+]]: tensor<4x4x3x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.kernel "k0_reindex_reduce_add_relu_1x4x6x6" (%[[X]], %[[W]]) : (tensor<1x4x6x6xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<1x4x6x6xf32>, %[[W1:[^:]+]]: tensor<4x4x3x3xf32>):
// CHECK-NEXT:      %[[XX:.*]] = metaop.reindex %[[X1]] map
// CHECK-NEXT:      %[[WW:.*]] = metaop.broadcast %[[W1]] dims [0, 3, 4]
// CHECK-NEXT:      %[[P:.*]] = metaop.binary mul %[[XX]], %[[WW]]
// CHECK-NEXT:      %[[C:.*]] = metaop.reduce add %[[P]] axes [2, 5, 6] : tensor<1x4x4x6x6x3x3xf32> -> tensor<1x4x6x6xf32>
// CHECK-NEXT:      %[[S:.*]] = metaop.binary add %[[C]], %[[X1]] : tensor<1x4x6x6xf32>
// CHECK-NEXT:      %[[Z:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[ZB:.*]] = metaop.broadcast %[[Z]]
// CHECK-NEXT:      %[[R:.*]] = metaop.binary max %[[S]], %[[ZB]] : tensor<1x4x6x6xf32>
// CHECK-NEXT:      metaop.yield %[[R]] : tensor<1x4x6x6xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x6x6xf32>
func.func @residual(%x: tensor<1x4x6x6xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x4x6x6xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  %1 = graph.add %0, %x : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %2 = graph.relu %1 : tensor<1x4x6x6xf32>
  func.return %2 : tensor<1x4x6x6xf32>
}

// -----

// Matmul + bias: two broadcasts, the product, the sum over K, and the bias add.
// CHECK-LABEL: func.func @matmul_bias(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<3x5xf32>, %[[B:[a-z0-9_]+]]: tensor<5x4xf32>, %[[C:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.kernel "k0_reduce_add_3x4" (%[[A]], %[[B]], %[[C]]) : (tensor<3x5xf32>, tensor<5x4xf32>, tensor<4xf32>) -> tensor<3x4xf32> {
// CHECK-NEXT:    ^bb0(%[[A1:[^:]+]]: tensor<3x5xf32>, %[[B1:[^:]+]]: tensor<5x4xf32>, %[[C1:[^:]+]]: tensor<4xf32>):
// CHECK-NEXT:      %[[AB:.*]] = metaop.broadcast %[[A1]] dims [2] : tensor<3x5xf32> -> tensor<3x5x4xf32>
// CHECK-NEXT:      %[[BB:.*]] = metaop.broadcast %[[B1]] dims [0] : tensor<5x4xf32> -> tensor<3x5x4xf32>
// CHECK-NEXT:      %[[P:.*]] = metaop.binary mul %[[AB]], %[[BB]] : tensor<3x5x4xf32>
// CHECK-NEXT:      %[[S:.*]] = metaop.reduce add %[[P]] axes [1] : tensor<3x5x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT:      %[[CB:.*]] = metaop.broadcast %[[C1]] dims [0] : tensor<4xf32> -> tensor<3x4xf32>
// CHECK-NEXT:      %[[R:.*]] = metaop.binary add %[[S]], %[[CB]] : tensor<3x4xf32>
// CHECK-NEXT:      metaop.yield %[[R]] : tensor<3x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[Y]] : tensor<3x4xf32>
func.func @matmul_bias(%a: tensor<3x5xf32>, %b: tensor<5x4xf32>, %c: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = graph.matmul %a, %b : (tensor<3x5xf32>, tensor<5x4xf32>) -> tensor<3x4xf32>
  %1 = graph.add %0, %c : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  func.return %1 : tensor<3x4xf32>
}

// -----

// A chain of element-wise graph ops (with a broadcast operand and clip's two splats)
// is one kernel.
// CHECK-LABEL: func.func @elementwise_chain(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x8xf32>, %[[Y:[a-z0-9_]+]]: tensor<8xf32>
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k0_sigmoid_mul_relu_2x8" (%[[X]], %[[Y]]) : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32> {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<2x8xf32>, %[[Y1:[^:]+]]: tensor<8xf32>):
// CHECK-NEXT:      %[[S:.*]] = metaop.unary sigmoid %[[X1]]
// CHECK-NEXT:      %[[YB:.*]] = metaop.broadcast %[[Y1]] dims [0]
// CHECK-NEXT:      %[[M:.*]] = metaop.binary mul %[[S]], %[[YB]]
// CHECK-NEXT:      %[[LO:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[LOB:.*]] = metaop.broadcast %[[LO]]
// CHECK-NEXT:      %[[A:.*]] = metaop.binary max %[[M]], %[[LOB]]
// CHECK-NEXT:      %[[HI:.*]] = metaop.constant dense<6.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[HIB:.*]] = metaop.broadcast %[[HI]]
// CHECK-NEXT:      %[[B:.*]] = metaop.binary min %[[A]], %[[HIB]]
// CHECK-NEXT:      metaop.yield %[[B]] : tensor<2x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]] : tensor<2x8xf32>
func.func @elementwise_chain(%x: tensor<2x8xf32>, %y: tensor<8xf32>) -> tensor<2x8xf32> {
  %0 = graph.sigmoid %x : tensor<2x8xf32>
  %1 = graph.mul %0, %y : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %2 = graph.clip %1 min 0.000000e+00 max 6.000000e+00 : tensor<2x8xf32>
  func.return %2 : tensor<2x8xf32>
}

// -----

// Global average and max pooling of one tensor: two reductions over the same axes,
// fused horizontally.
// CHECK-LABEL: func.func @global_pools(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x4x7x7xf32>
// CHECK-NEXT:    %[[AVG:[^,]+]], %[[MAX:[^ ]+]] = metaop.kernel "k0_reduce_mean_max_1x4x1x1" (%[[X]]) : (tensor<1x4x7x7xf32>) -> (tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>) {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<1x4x7x7xf32>):
// CHECK-NEXT:      %[[A:.*]] = metaop.reduce mean %[[X1]] axes [2, 3] keepdims
// CHECK-NEXT:      %[[M:.*]] = metaop.reduce max %[[X1]] axes [2, 3] keepdims
// CHECK-NEXT:      metaop.yield %[[A]], %[[M]] : tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[AVG]], %[[MAX]] :
func.func @global_pools(%x: tensor<1x4x7x7xf32>) -> (tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>) {
  %0 = graph.global_avg_pool %x : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
  %1 = graph.global_max_pool %x : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
  func.return %0, %1 : tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>
}

// -----

// Weights stay outside as dense_resource constants that the kernel reads; flatten's
// reindex feeds the gemm's broadcast, so memory must hold it (a copy kernel).
// CHECK-LABEL: func.func @flatten_gemm(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x2x3xf32>
// CHECK-NEXT:    %[[W:.*]] = metaop.constant dense_resource<fc.weight> : tensor<6x4xf32>
// CHECK-NEXT:    %[[F:.*]] = metaop.kernel "k0_reindex_2x6" (%[[X]])
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<2x2x3xf32>):
// CHECK-NEXT:      %[[F1:.*]] = metaop.reindex %[[X1]] map
// CHECK-NEXT:      metaop.yield %[[F1]] : tensor<2x6xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[Y:.*]] = metaop.kernel "k1_reduce_add_2x4" (%[[F]], %[[W]])
// CHECK-NEXT:    ^bb0(%[[F2:[^:]+]]: tensor<2x6xf32>, %[[W2:[^:]+]]: tensor<6x4xf32>):
// CHECK-NEXT:      %{{.*}} = metaop.broadcast %[[F2]] dims [2]
// CHECK-NEXT:      %{{.*}} = metaop.broadcast %[[W2]] dims [0]
// CHECK:         func.return %[[Y]]
func.func @flatten_gemm(%x: tensor<2x2x3xf32>) -> tensor<2x4xf32> {
  %w = graph.constant dense_resource<fc.weight> : tensor<6x4xf32>
  %0 = graph.flatten %x axis 1 : tensor<2x2x3xf32> -> tensor<2x6xf32>
  %1 = graph.gemm %0, %w : (tensor<2x6xf32>, tensor<6x4xf32>) -> tensor<2x4xf32>
  func.return %1 : tensor<2x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      fc.weight: "0x04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    }
  }
#-}
