// --verify-diagnostics: every expected-* comment matches one emitted diagnostic and
// every diagnostic is expected; the run then succeeds (MLIR semantics).

// RUN: mopc-opt %s --split-input-file --verify-diagnostics | filecheck %s
// RUN: mopc-opt %s --split-input-file --verify-diagnostics -p graph-to-metaop | filecheck %s --check-prefix=LOWERED

// Only the chunks without an error print their output.
// CHECK:     func.func @no_diagnostics
// CHECK-NOT: func.func
// LOWERED:      func.func @no_diagnostics
// LOWERED-NEXT:   metaop.constant dense<0.000000e+00>

// @+N: N lines below.
func.func @plus(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{cannot reshape 4 (4 elements) to 5 (5 elements)}}
  %0 = graph.reshape %x : tensor<4xf32> -> tensor<5xf32>
  func.return %0 : tensor<5xf32>
}

// -----

// No designator: the same line; the text is a substring of the message.
func.func @same_line(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32> // expected-error {{'graph.add' op result type tensor<3xf32>}}
  func.return %0 : tensor<3xf32>
}

// -----

// @-N: N lines above.
func.func @minus(%x: tensor<4xf32>) -> tensor<4x1xf32> {
  %0 = graph.reshape %x : tensor<4xf32> -> tensor<4x1xf32>
  %1 = graph.reshape %0 : tensor<4x1xf32> -> tensor<2x3xf32>
  // expected-error@-1 {{cannot reshape 4x1 (4 elements) to 2x3 (6 elements)}}
  func.return %0 : tensor<4x1xf32>
}

// -----

// @above: the nearest line above that holds no expected-* designator.
func.func @above(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  // expected-error@above {{does not match the type inferred}}
  func.return %0 : tensor<3xf32>
}

// -----

// @below: the nearest line below that holds no designator.
func.func @below(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error@below {{result type tensor<3xf32>}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// -re: {{...}} groups inside the message are regular expressions.
func.func @regex(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error-re@+1 {{result type tensor<{{[0-9]+}}xf32> does not match {{.*}}, tensor<4xf32>}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// Parse errors are diagnostics too.
// expected-error@+1 {{Expected '>' after builtin parameter list}}
func.func @parse_error(%x: tensor<4xf32) {
  func.return
}

// -----

// So are unknown ops, at the op's name.
func.func @unknown_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.frobnicate %x : tensor<4xf32> // expected-error {{unknown op 'graph.frobnicate': the 'graph' dialect has no such op}}
  func.return %0 : tensor<4xf32>
}

// -----

func.func @no_diagnostics(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}
