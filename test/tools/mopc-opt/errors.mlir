// Bad input: every error is `file:line:col: error: message`, then the offending line
// and a caret under the column; the run exits 1 with no Python traceback.

// RUN: not mopc-opt %s --split-input-file 2>&1 | filecheck %s
// Each case fails on its own, too (the chunk is picked out of the file).
// RUN: not mopc-opt %s --split-input-file -p graph-to-metaop 2>&1 | filecheck %s

// CHECK-NOT: Traceback
// CHECK-NOT: internal error

// Malformed IR.
// CHECK:      errors.mlir:[[# @LINE + 3]]:38: error: Expected '>' after builtin parameter list
// CHECK-NEXT: {{^}}func.func @malformed(%x: tensor<4xf32) -> tensor<4xf32> {
// CHECK-NEXT: {{^                                     \^$}}
func.func @malformed(%x: tensor<4xf32) -> tensor<4xf32> {
  func.return %x : tensor<4xf32>
}

// -----

// An op the dialect does not have: the caret is at the op name.
// CHECK-NEXT: errors.mlir:[[# @LINE + 4]]:8: error: unknown op 'graph.frobnicate': the 'graph' dialect has no such op
// CHECK-NEXT: {{^}}  %0 = graph.frobnicate %x : tensor<4xf32>
// CHECK-NEXT: {{^       \^$}}
func.func @unknown_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.frobnicate %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

// An op of a dialect nobody registered.
// CHECK-NEXT: errors.mlir:[[# @LINE + 4]]:8: error: unknown op 'nosuch.op': dialect 'nosuch' is not registered
// CHECK-NEXT: {{^}}  %0 = nosuch.op %x : tensor<4xf32>
// CHECK-NEXT: {{^       \^$}}
func.func @unknown_dialect(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nosuch.op %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

// The same in the generic form, which --allow-unregistered-dialect would accept.
// CHECK-NEXT: errors.mlir:[[# @LINE + 4]]:8: error: unknown op 'nosuch.op': dialect 'nosuch' is not registered (--allow-unregistered-dialect accepts it)
// CHECK-NEXT: {{^}}  %0 = "nosuch.op"(%x) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: {{^       \^$}}
func.func @unknown_dialect_generic(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "nosuch.op"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

// A verifier failure, at the op.
// CHECK-NEXT: errors.mlir:[[# @LINE + 4]]:3: error: 'graph.conv2d' op result type tensor<1x4x8x8xf32> does not match the type inferred from the operands and attributes, tensor<1x4x6x6xf32>
// CHECK-NEXT: {{^}}  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1]
// CHECK-NEXT: {{^  \^$}}
func.func @verifier(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  func.return %0 : tensor<1x4x8x8xf32>
}

// -----

// A use with the wrong type is caught by the parser.
// CHECK-NEXT: errors.mlir:[[# @LINE + 4]]:19: error: operand is used with type tensor<3xf32>, but has been previously used or defined with type tensor<4xf32>
// CHECK-NEXT: {{^}}  %0 = graph.relu %x : tensor<3xf32>
// CHECK-NEXT: {{^                  \^$}}
func.func @type_mismatch(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.relu %x : tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// A duplicate symbol: at the second definition, with a note at the first.
// CHECK-NEXT: errors.mlir:[[# @LINE + 7]]:1: error: 'func.func' op redefinition of symbol named 'twice'
// CHECK-NEXT: {{^}}func.func @twice() {
// CHECK-NEXT: {{^\^$}}
// CHECK-NEXT: errors.mlir:[[# @LINE + 1]]:1: note: see existing symbol definition here
func.func @twice() {
  func.return
}
func.func @twice() {
  func.return
}

// CHECK-NOT: Traceback
// CHECK-NOT: internal error
