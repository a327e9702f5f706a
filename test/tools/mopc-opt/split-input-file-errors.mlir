// Errors of separate chunks are all reported, each with its line in the whole file;
// the run fails and prints no output at all.

// RUN: not mopc-opt %s --split-input-file > %t.out 2> %t.err
// RUN: filecheck %s < %t.err
// RUN: not test -s %t.out

// CHECK-NOT:  Traceback
// CHECK:      split-input-file-errors.mlir:[[# @LINE + 14]]:3: error: 'graph.add' op result type tensor<3xf32> does not match the type inferred from the operands and attributes, tensor<4xf32>
// CHECK-NEXT: %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
// CHECK-NEXT: {{^  \^$}}
// CHECK-NEXT: split-input-file-errors.mlir:[[# @LINE + 23]]:40: error: Expected '>' after builtin parameter list
// CHECK-NOT:  Traceback

func.func @ok(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

func.func @verifier_error(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

func.func @ok_again(%x: tensor<4xf32>) -> tensor<4xf32> {
  func.return %x : tensor<4xf32>
}

// -----

func.func @parse_error(%x: tensor<4xf32) {
  func.return
}
