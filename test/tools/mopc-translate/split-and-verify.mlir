// mopc-translate shares mopc-opt's driver loop: chunks, expected diagnostics, timing,
// and errors rendered with their source line.

// RUN: mopc-translate %s --split-input-file --verify-diagnostics --target=mlir | filecheck %s
// CHECK:      func.func @first
// CHECK:      // -----
// CHECK-NEXT: builtin.module {
// CHECK-NEXT:   func.func @third

// RUN: not mopc-translate %s --split-input-file --target=mlir 2>&1 | filecheck %s --check-prefix=ERR
// ERR:      split-and-verify.mlir:[[# @LINE + 16]]:3: error: 'graph.relu' op operand #0 has element type f16, but graph ops support only f32
// ERR-NEXT:   %0 = graph.relu %x : tensor<4xf16>
// ERR-NEXT:   ^

// RUN: mopc-translate %s --split-input-file --verify-diagnostics --target=mlir --timing 2>&1 >/dev/null | filecheck %s --check-prefix=TIME
// TIME: Execution time report
// TIME: Output

func.func @first(%x: tensor<4xf32>) -> tensor<4xf32> {
  func.return %x : tensor<4xf32>
}

// -----

func.func @second(%x: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error@+1 {{graph ops support only f32}}
  %0 = graph.relu %x : tensor<4xf16>
  func.return %0 : tensor<4xf16>
}

// -----

func.func @third(%x: tensor<4xf32>) -> tensor<4xf32> {
  func.return %x : tensor<4xf32>
}
