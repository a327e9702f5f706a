// RUN: mopc-opt %s -p fold-constants --split-input-file | filecheck %s

// Batch norm's factors: `inv = scale / sqrt(var + eps)` and `shift = bias - mean * inv`
// become constants (small ones inline); the per-element work on %x stays.
// CHECK-LABEL: func.func @batch_norm
// CHECK-NEXT:    %[[INV:.*]] = metaop.constant dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>
// CHECK-NEXT:    %[[SHIFT:.*]] = metaop.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf32>
// CHECK-NEXT:    %[[B1:.*]] = metaop.broadcast %[[INV]] dims [0, 2, 3] : tensor<2xf32> -> tensor<1x2x4x4xf32>
// CHECK-NEXT:    %[[MUL:.*]] = metaop.binary mul %x, %[[B1]] : tensor<1x2x4x4xf32>
// CHECK-NEXT:    %[[B2:.*]] = metaop.broadcast %[[SHIFT]] dims [0, 2, 3] : tensor<2xf32> -> tensor<1x2x4x4xf32>
// CHECK-NEXT:    %[[ADD:.*]] = metaop.binary add %[[MUL]], %[[B2]] : tensor<1x2x4x4xf32>
// CHECK-NEXT:    func.return %[[ADD]]
func.func @batch_norm(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %scale = metaop.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %bias = metaop.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %mean = metaop.constant dense<[2.0, 2.0]> : tensor<2xf32>
  %var = metaop.constant dense<[4.0, 16.0]> : tensor<2xf32>
  %eps = metaop.constant dense<0.0> : tensor<f32>
  %e = metaop.broadcast %eps dims [0] : tensor<f32> -> tensor<2xf32>
  %ve = metaop.binary add %var, %e : tensor<2xf32>
  %sd = metaop.unary sqrt %ve : tensor<2xf32>
  %inv = metaop.binary div %scale, %sd : tensor<2xf32>
  %mi = metaop.binary mul %mean, %inv : tensor<2xf32>
  %shift = metaop.binary sub %bias, %mi : tensor<2xf32>
  %b1 = metaop.broadcast %inv dims [0, 2, 3] : tensor<2xf32> -> tensor<1x2x4x4xf32>
  %y = metaop.binary mul %x, %b1 : tensor<1x2x4x4xf32>
  %b2 = metaop.broadcast %shift dims [0, 2, 3] : tensor<2xf32> -> tensor<1x2x4x4xf32>
  %z = metaop.binary add %y, %b2 : tensor<1x2x4x4xf32>
  func.return %z : tensor<1x2x4x4xf32>
}

// -----

// Larger results are stored as resources; a scalar broadcast over a big shape is not
// expanded (it stays a broadcast, folded into its consumer by fusion); ops inside a
// kernel are the kernel's business.
// CHECK-LABEL: func.func @sizes
// CHECK-NEXT:    %[[BIG:.*]] = metaop.constant dense_resource<folded.{{[0-9]+}}> : tensor<32xf32>
// CHECK-NEXT:    %[[ONE:.*]] = metaop.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[WIDE:.*]] = metaop.broadcast %[[ONE]] dims [0, 1] : tensor<f32> -> tensor<64x64xf32>
// CHECK:         metaop.kernel "k0"
// CHECK-NEXT:      metaop.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:      metaop.unary exp
func.func @sizes() -> (tensor<32xf32>, tensor<64x64xf32>, tensor<f32>) {
  %a = metaop.constant dense<2.0> : tensor<32xf32>
  %b = metaop.unary neg %a : tensor<32xf32>
  %one = metaop.constant dense<1.0> : tensor<f32>
  %wide = metaop.broadcast %one dims [0, 1] : tensor<f32> -> tensor<64x64xf32>
  %k = metaop.kernel "k0" () : () -> tensor<f32> {
    %two = metaop.constant dense<2.0> : tensor<f32>
    %e = metaop.unary exp %two : tensor<f32>
    metaop.yield %e : tensor<f32>
  }
  func.return %b, %wide, %k : tensor<32xf32>, tensor<64x64xf32>, tensor<f32>
}
