// RUN: mopc-opt %s -p graph-to-metaop --allow-unregistered-dialect --split-input-file --verify-diagnostics
// RUN: not mopc-opt %s -p graph-to-metaop --allow-unregistered-dialect --split-input-file 2>&1 | filecheck %s

// graph-to-metaop is a full conversion: a graph op without a pattern (here one the
// parser accepted only because of --allow-unregistered-dialect) fails the pass at that op.

// CHECK:      invalid.mlir:[[# @LINE + 7]]:3: error: 'graph.frobnicate' op failed to legalize: no graph-to-metaop pattern for this op
// CHECK-NEXT:   %1 = "graph.frobnicate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: {{^  \^$}}
// CHECK-NEXT: note: in pass 'graph-to-metaop' (1 of 1 in the pipeline)
func.func @unregistered_graph_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  // expected-error@+1 {{'graph.frobnicate' op failed to legalize: no graph-to-metaop pattern for this op}}
  %1 = "graph.frobnicate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  func.return %1 : tensor<4xf32>
}

