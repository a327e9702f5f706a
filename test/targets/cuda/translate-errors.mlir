// RUN: not mopc-translate --target=cuda %s 2>&1 | filecheck %s

// A graph-level module given to the CUDA translation: a located error saying how to
// lower it first.
// CHECK-NOT: Traceback
// CHECK: translate-errors.mlir:8:1: error: 'func.func' op the CUDA target translates loop-level modules: lower this one first (mopc-opt -p 'graph-to-metaop,{{.*}},cuda-schedule,{{.*}}')
// CHECK-NOT: Traceback
func.func @graph_level(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = graph.relu %x : tensor<4xf32>
  func.return %r : tensor<4xf32>
}
