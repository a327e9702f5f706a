// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s

// matmul: the iteration space is [batch..., M, K, N]; a lives on [batch..., M, K] and
// b on [batch..., K, N], both broadcast into it, multiplied and summed over K.

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<8x3xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [2] : tensor<4x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0] : tensor<8x3xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<4x8x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [1] : tensor<4x8x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x3xf32>
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>) -> tensor<4x3xf32> {
  %0 = graph.matmul %a, %b : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  func.return %0 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_batched(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<2x4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<2x8x3xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [3] : tensor<2x4x8xf32> -> tensor<2x4x8x3xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [1] : tensor<2x8x3xf32> -> tensor<2x4x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<2x4x8x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [2] : tensor<2x4x8x3xf32> -> tensor<2x4x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x4x3xf32>
func.func @matmul_batched(%a: tensor<2x4x8xf32>, %b: tensor<2x8x3xf32>) -> tensor<2x4x3xf32> {
  %0 = graph.matmul %a, %b : (tensor<2x4x8xf32>, tensor<2x8x3xf32>) -> tensor<2x4x3xf32>
  func.return %0 : tensor<2x4x3xf32>
}

// -----

// A 2-D rhs broadcasts along both batch axes of the lhs.
// CHECK-LABEL: func.func @matmul_broadcast_rhs(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<5x2x4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<8x3xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [4] : tensor<5x2x4x8xf32> -> tensor<5x2x4x8x3xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0, 1, 2] : tensor<8x3xf32> -> tensor<5x2x4x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<5x2x4x8x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [3] : tensor<5x2x4x8x3xf32> -> tensor<5x2x4x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<5x2x4x3xf32>
func.func @matmul_broadcast_rhs(%a: tensor<5x2x4x8xf32>, %b: tensor<8x3xf32>) -> tensor<5x2x4x3xf32> {
  %0 = graph.matmul %a, %b : (tensor<5x2x4x8xf32>, tensor<8x3xf32>) -> tensor<5x2x4x3xf32>
  func.return %0 : tensor<5x2x4x3xf32>
}

// -----

// Batch axes of size 1 stretch on both sides: [2, 1] x [3] -> [2, 3].
// CHECK-LABEL: func.func @matmul_broadcast_batch(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<2x1x4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<3x8x5xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [4] : tensor<2x1x4x8xf32> -> tensor<2x3x4x8x5xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0, 2] : tensor<3x8x5xf32> -> tensor<2x3x4x8x5xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<2x3x4x8x5xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [3] : tensor<2x3x4x8x5xf32> -> tensor<2x3x4x5xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x3x4x5xf32>
func.func @matmul_broadcast_batch(%a: tensor<2x1x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = graph.matmul %a, %b : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  func.return %0 : tensor<2x3x4x5xf32>
}

// -----

// A 1-D rhs is a vector: no N axis; the lhs already spans [M, K] and is used as is.
// CHECK-LABEL: func.func @matmul_vector_rhs(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<4x8xf32>, %[[V:[a-z0-9_]+]]: tensor<8xf32>
// CHECK-NEXT:    %[[VV:.*]] = metaop.broadcast %[[V]] dims [0] : tensor<8xf32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[A]], %[[VV]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [1] : tensor<4x8xf32> -> tensor<4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4xf32>
func.func @matmul_vector_rhs(%a: tensor<4x8xf32>, %v: tensor<8xf32>) -> tensor<4xf32> {
  %0 = graph.matmul %a, %v : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

// A 1-D lhs: no M axis; the vector broadcasts along the batch and N axes.
// CHECK-LABEL: func.func @matmul_vector_lhs(
// CHECK-SAME:      %[[V:[a-z0-9_]+]]: tensor<8xf32>, %[[B:[a-z0-9_]+]]: tensor<2x8x3xf32>
// CHECK-NEXT:    %[[VV:.*]] = metaop.broadcast %[[V]] dims [0, 2] : tensor<8xf32> -> tensor<2x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[VV]], %[[B]] : tensor<2x8x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [1] : tensor<2x8x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x3xf32>
func.func @matmul_vector_lhs(%v: tensor<8xf32>, %b: tensor<2x8x3xf32>) -> tensor<2x3xf32> {
  %0 = graph.matmul %v, %b : (tensor<8xf32>, tensor<2x8x3xf32>) -> tensor<2x3xf32>
  func.return %0 : tensor<2x3xf32>
}

// -----

// Two vectors: a dot product, a rank-0 result.
// CHECK-LABEL: func.func @matmul_dot(
// CHECK-SAME:      %[[U:[a-z0-9_]+]]: tensor<8xf32>, %[[V:[a-z0-9_]+]]: tensor<8xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[U]], %[[V]] : tensor<8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [0] : tensor<8xf32> -> tensor<f32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<f32>
func.func @matmul_dot(%u: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<f32> {
  %0 = graph.matmul %u, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  func.return %0 : tensor<f32>
}

// -----

// gemm without C, alpha = beta = 1: exactly a matmul (no scaling emitted).
// CHECK-LABEL: func.func @gemm(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<8x3xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [2] : tensor<4x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.broadcast %[[B]] dims [0] : tensor<8x3xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<4x8x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reduce add %[[PROD]] axes [1] : tensor<4x8x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x3xf32>
func.func @gemm(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>) -> tensor<4x3xf32> {
  %0 = graph.gemm %a, %b : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  func.return %0 : tensor<4x3xf32>
}

// -----

// trans_a / trans_b read A and B through transposing reindexes; alpha scales the
// product, beta scales C (here [N], broadcast along M) before the sum.
// CHECK-LABEL: func.func @gemm_transposed_scaled(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<8x4xf32>, %[[B:[a-z0-9_]+]]: tensor<3x8xf32>, %[[C:[a-z0-9_]+]]: tensor<3xf32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.reindex %[[A]] map affine_map<(d0, d1, d2) -> (d1, d0)> : tensor<8x4xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1, d2) -> (d2, d1)> : tensor<3x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<4x8x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [1] : tensor<4x8x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[ALPHA_S:.*]] = metaop.constant dense<5.000000e-01> : tensor<f32>
// CHECK-NEXT:    %[[ALPHA:.*]] = metaop.broadcast %[[ALPHA_S]] dims [0, 1] : tensor<f32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[SCALED:.*]] = metaop.binary mul %[[SUM]], %[[ALPHA]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[CC:.*]] = metaop.broadcast %[[C]] dims [0] : tensor<3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[BETA_S:.*]] = metaop.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BETA:.*]] = metaop.broadcast %[[BETA_S]] dims [0, 1] : tensor<f32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[CBETA:.*]] = metaop.binary mul %[[CC]], %[[BETA]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SCALED]], %[[CBETA]] : tensor<4x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x3xf32>
func.func @gemm_transposed_scaled(%a: tensor<8x4xf32>, %b: tensor<3x8xf32>, %c: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = graph.gemm %a, %b, %c trans_a trans_b alpha 5.000000e-01 beta 2.000000e+00 : (tensor<8x4xf32>, tensor<3x8xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  func.return %0 : tensor<4x3xf32>
}

// -----

// A dense layer (trans_b) with C of shape [M, 1] (stretched along N), of shape
// [M, N] (used as is) and of rank 0 (broadcast along both axes).
// CHECK-LABEL: func.func @gemm_c_broadcast(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<4x8xf32>, %[[B:[a-z0-9_]+]]: tensor<3x8xf32>, %[[C:[a-z0-9_]+]]: tensor<4x1xf32>, %[[D:[a-z0-9_]+]]: tensor<4x3xf32>, %[[S:[a-z0-9_]+]]: tensor<f32>
// CHECK-NEXT:    %[[AA:.*]] = metaop.broadcast %[[A]] dims [2] : tensor<4x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[BB:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1, d2) -> (d2, d1)> : tensor<3x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[PROD:.*]] = metaop.binary mul %[[AA]], %[[BB]] : tensor<4x8x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = metaop.reduce add %[[PROD]] axes [1] : tensor<4x8x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[CC:.*]] = metaop.broadcast %[[C]] : tensor<4x1xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[Y0:.*]] = metaop.binary add %[[SUM]], %[[CC]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[AA1:.*]] = metaop.broadcast %[[A]] dims [2] : tensor<4x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[BB1:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1, d2) -> (d2, d1)> : tensor<3x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[PROD1:.*]] = metaop.binary mul %[[AA1]], %[[BB1]] : tensor<4x8x3xf32>
// CHECK-NEXT:    %[[SUM1:.*]] = metaop.reduce add %[[PROD1]] axes [1] : tensor<4x8x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[Y1:.*]] = metaop.binary add %[[SUM1]], %[[D]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[AA2:.*]] = metaop.broadcast %[[A]] dims [2] : tensor<4x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[BB2:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1, d2) -> (d2, d1)> : tensor<3x8xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[PROD2:.*]] = metaop.binary mul %[[AA2]], %[[BB2]] : tensor<4x8x3xf32>
// CHECK-NEXT:    %[[SUM2:.*]] = metaop.reduce add %[[PROD2]] axes [1] : tensor<4x8x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[SS:.*]] = metaop.broadcast %[[S]] dims [0, 1] : tensor<f32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[Y2:.*]] = metaop.binary add %[[SUM2]], %[[SS]] : tensor<4x3xf32>
// CHECK-NEXT:    func.return %[[Y0]], %[[Y1]], %[[Y2]] :
func.func @gemm_c_broadcast(%a: tensor<4x8xf32>, %b: tensor<3x8xf32>, %c: tensor<4x1xf32>, %d: tensor<4x3xf32>, %s: tensor<f32>) -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) {
  %0 = graph.gemm %a, %b, %c trans_b : (tensor<4x8xf32>, tensor<3x8xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  %1 = graph.gemm %a, %b, %d trans_b : (tensor<4x8xf32>, tensor<3x8xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %2 = graph.gemm %a, %b, %s trans_b : (tensor<4x8xf32>, tensor<3x8xf32>, tensor<f32>) -> tensor<4x3xf32>
  func.return %0, %1, %2 : tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// beta without alpha: only C is scaled.
// CHECK-LABEL: func.func @gemm_beta_only(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<2x3xf32>, %[[B:[a-z0-9_]+]]: tensor<3x2xf32>, %[[C:[a-z0-9_]+]]: tensor<2x2xf32>
// CHECK:         %[[SUM:.*]] = metaop.reduce add %{{.*}} axes [1] : tensor<2x3x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT:    %[[BETA_S:.*]] = metaop.constant dense<3.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BETA:.*]] = metaop.broadcast %[[BETA_S]] dims [0, 1] : tensor<f32> -> tensor<2x2xf32>
// CHECK-NEXT:    %[[CBETA:.*]] = metaop.binary mul %[[C]], %[[BETA]] : tensor<2x2xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[SUM]], %[[CBETA]] : tensor<2x2xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x2xf32>
func.func @gemm_beta_only(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %c: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = graph.gemm %a, %b, %c beta 3.000000e+00 : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  func.return %0 : tensor<2x2xf32>
}
