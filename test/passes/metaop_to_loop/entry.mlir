// RUN: mopc-opt %s -p metaop-to-loop | filecheck %s

// Four kernels in a chain; k0's result dies after k1, so k2 reuses its bytes (offset 0);
// k3 writes the function's first result in place; the second result is the input itself,
// copied by a generated kernel. The weight and the inline constant become parameters.

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %x: memref<4x16xf32>, %result0: memref<4x16xf32>, %result1: memref<4x16xf32>,
// CHECK-SAME:    %w: memref<16xf32>, %main_const1: memref<4x1xf32>, %workspace: memref<512xi8>)
// CHECK-SAME:    attributes {mopc.entry, mopc.abi = {inputs = ["x"], outputs = ["result0", "result1"], params = ["w", "main.const1"],
// CHECK-SAME:    workspace_bytes = 512 : i64, workspace_bytes_without_reuse = 768 : i64}
// CHECK:         %[[OFF0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[T0:.*]] = memref.view %workspace[%[[OFF0]]][] : memref<512xi8> to memref<4x16xf32>
// CHECK-NEXT:    func.call @k0(%x, %w, %[[T0]])
// CHECK-NEXT:    %[[OFF1:.*]] = arith.constant 256 : index
// CHECK-NEXT:    %[[T1:.*]] = memref.view %workspace[%[[OFF1]]][] : memref<512xi8> to memref<4x16xf32>
// CHECK-NEXT:    func.call @k1(%[[T0]], %[[T1]])
// CHECK-NEXT:    %[[OFF2:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[T2:.*]] = memref.view %workspace[%[[OFF2]]][] : memref<512xi8> to memref<4x16xf32>
// CHECK-NEXT:    func.call @k2(%[[T1]], %main_const1, %[[T2]])
// CHECK-NEXT:    func.call @k3(%[[T2]], %result0)
// CHECK-NEXT:    func.call @copy_result1(%x, %result1)
// CHECK-NEXT:    func.return
// CHECK:       func.func private @copy_result1(%{{.*}}: memref<4x16xf32>, %{{.*}}: memref<4x16xf32>) attributes {mopc.kernel}
func.func @main(%x: tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %w = metaop.constant dense_resource<w> : tensor<16xf32>
  %c = metaop.constant dense<[[1.0], [2.0], [3.0], [4.0]]> : tensor<4x1xf32>
  %0 = metaop.kernel "k0" (%x, %w) : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x16xf32>, %b: tensor<16xf32>):
    %bb = metaop.broadcast %b dims [0] : tensor<16xf32> -> tensor<4x16xf32>
    %r = metaop.binary mul %a, %bb : tensor<4x16xf32>
    metaop.yield %r : tensor<4x16xf32>
  }
  %1 = metaop.kernel "k1" (%0) : (tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x16xf32>):
    %r = metaop.unary exp %a : tensor<4x16xf32>
    metaop.yield %r : tensor<4x16xf32>
  }
  %2 = metaop.kernel "k2" (%1, %c) : (tensor<4x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x16xf32>, %b: tensor<4x1xf32>):
    %bb = metaop.broadcast %b : tensor<4x1xf32> -> tensor<4x16xf32>
    %r = metaop.binary add %a, %bb : tensor<4x16xf32>
    metaop.yield %r : tensor<4x16xf32>
  }
  %3 = metaop.kernel "k3" (%2) : (tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x16xf32>):
    %r = metaop.unary tanh %a : tensor<4x16xf32>
    metaop.yield %r : tensor<4x16xf32>
  }
  func.return %3, %x : tensor<4x16xf32>, tensor<4x16xf32>
}
