// --split-input-file: every `// -----` separated chunk is parsed, transformed and
// printed on its own; the outputs are joined by `// -----`.

// RUN: mopc-opt %s --split-input-file -p graph-to-metaop | filecheck %s
// Without the flag the file is one module, and the two @f clash: the error is at the
// second definition, the note at the first (as MLIR reports it).
// RUN: not mopc-opt %s 2>&1 | filecheck %s --check-prefix=WHOLE

// CHECK:      builtin.module {
// CHECK-NEXT:   func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:     metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:     metaop.broadcast
// CHECK-NEXT:     metaop.binary max
// CHECK-NEXT:     func.return
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: builtin.module {
// CHECK-NEXT:   func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:     metaop.unary exp
// CHECK-NEXT:     func.return
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: builtin.module {
// CHECK-NEXT:   func.func @g(%y: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT:     metaop.unary neg
// CHECK-NEXT:     func.return
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NOT:  // -----

// WHOLE:      split-input-file.mlir:[[# @LINE + 13]]:1: error: 'func.func' op redefinition of symbol named 'f'
// WHOLE-NEXT: func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
// WHOLE-NEXT: {{^\^$}}
// WHOLE-NEXT: split-input-file.mlir:[[# @LINE + 3]]:1: note: see existing symbol definition here
// WHOLE-NEXT: func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.exp %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----
func.func @g(%y: tensor<2xf32>) -> tensor<2xf32> {
  %0 = graph.neg %y : tensor<2xf32>
  func.return %0 : tensor<2xf32>
}
