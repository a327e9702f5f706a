// --verify-diagnostics failures, reported as MLIR does, each at its place, and exit 1:
// `unexpected error: ...` at the diagnostic, `expected error "..." was not produced`
// at the expected-* comment.

// RUN: not mopc-opt %s --split-input-file --verify-diagnostics 2>&1 | filecheck %s

// CHECK-NOT: Traceback

// An error nobody expected.
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:3: error: unexpected error: 'graph.add' op result type tensor<3xf32> does not match the type inferred from the operands and attributes, tensor<4xf32>
// CHECK-NEXT:   %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
// CHECK-NEXT: {{^  \^$}}
func.func @unexpected(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// An expected error that never comes: reported at the comment.
// CHECK-NEXT: verify-diagnostics-failures.mlir:[[# @LINE + 4]]:6: error: expected error "never emitted" was not produced
// CHECK-NEXT:   // expected-{{error}}@+1 {{.*}}never emitted
// CHECK-NEXT: {{^     \^$}}
func.func @missing(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{never emitted}}
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

// The right line, the wrong message: both sides are reported.
// CHECK-NEXT: verify-diagnostics-failures.mlir:[[# @LINE + 4]]:3: error: unexpected error: 'graph.add' op result type
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 2]]:6: error: expected error "some other message" was not produced
func.func @wrong_message(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{some other message}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// The right message, the wrong line (@+2 is the func.return).
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:3: error: unexpected error: 'graph.add' op result type
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 2]]:6: error: expected error "result type" was not produced
func.func @wrong_line(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error@+2 {{result type}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// The right message and line, the wrong severity.
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:3: error: unexpected error: 'graph.add' op result type
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 2]]:6: error: expected warning "result type" was not produced
func.func @wrong_severity(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-warning@+1 {{result type}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// @-N counts from the comment's own line: @-2 is the func.func line here.
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 3]]:3: error: unexpected error: 'graph.add' op result type
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 3]]:6: error: expected error "result type" was not produced
func.func @minus_resolution(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  // expected-error@-2 {{result type}}
  func.return %0 : tensor<3xf32>
}

// -----

// @above skips designator lines: both comments resolve to the graph.add line, where the
// second one matches; so only the first is reported, and no unexpected error.
// CHECK-NOT:  error: unexpected error
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:6: error: expected error "wrong text" was not produced
// CHECK-NOT:  verify-diagnostics-failures.mlir:[[# @LINE + 2]]:3: error: unexpected
func.func @above_resolution(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  // expected-error@above {{wrong text}}
  // expected-error@above {{result type}}
  func.return %0 : tensor<3xf32>
}

// -----

// @below likewise, downwards.
// CHECK-NOT:  verify-diagnostics-failures.mlir:[[# @LINE + 6]]:3: error: unexpected
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:6: error: expected error "wrong text" was not produced
// CHECK-NOT:  verify-diagnostics-failures.mlir:[[# @LINE + 4]]:3: error: unexpected
func.func @below_resolution(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error@below {{result type}}
  // expected-error@below {{wrong text}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// @above on the closing brace's line means the func.return line, and @below on the
// line after it the empty line that follows: neither is the graph.add, so all three
// (the error and both expectations) are reported.
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 6]]:3: error: unexpected error: 'graph.add' op result type
// CHECK-NEXT: graph.add
// CHECK-NEXT: ^
// CHECK-NEXT: verify-diagnostics-failures.mlir:[[# @LINE + 5]]:6: error: expected error "something else" was not produced
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 5]]:6: error: expected error "result type" was not produced
func.func @below_at_end(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
} // expected-error@above {{something else}}
  // expected-error@below {{result type}}

// -----

// -re: a message that the regex does not match.
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:3: error: unexpected error: 'graph.add' op result type
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 2]]:6: error: expected error "result type tensor<{{.}}{[5-9]}{{.}}xf32>" was not produced
func.func @regex_mismatch(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error-re@+1 {{result type tensor<{{[5-9]}}xf32>}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// -----

// An invalid regex is an error at the comment, not a crash.
// CHECK:      verify-diagnostics-failures.mlir:[[# @LINE + 4]]:6: error: invalid regex: unterminated character set
// CHECK-NEXT:   // expected-{{error-re}}@+1 {{.*}}result type
// CHECK-NOT:  internal error
func.func @invalid_regex(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error-re@+1 {{result type {{[}} does not match}}
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}

// CHECK-NOT: Traceback
