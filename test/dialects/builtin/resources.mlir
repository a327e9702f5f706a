// RUN: mopc-opt %s | filecheck %s
// RUN: mopc-opt %s --print-op-generic | mopc-opt | filecheck %s
// RUN: mopc run %s --random-inputs -o %t.npz | filecheck %s --check-prefix=EXEC
// RUN: python -c "import numpy as np; d = np.load(r'%t.npz'); print([d[k].tolist() for k in sorted(d)])" | filecheck %s --check-prefix=DATA

// `dense_resource` handles with MLIR's inline blob section: each blob is a hex string
// whose first 4 bytes are the alignment (a little-endian u32), then the little-endian
// data. The section parses and prints back (as mlir-opt prints it: upper-case hex).

// CHECK-LABEL: func.func @main()
// CHECK-NEXT: %[[W:.*]] = graph.constant dense_resource<w> : tensor<2xf32>
// CHECK-NEXT: %[[I:.*]] = metaop.constant dense_resource<idx> : tensor<2x2xi32>
// CHECK-NEXT: func.return %[[W]], %[[I]] : tensor<2xf32>, tensor<2x2xi32>
// CHECK:      {-#
// CHECK-NEXT:   dialect_resources: {
// CHECK-NEXT:     builtin: {
// CHECK-DAG:        w: "0x040000000000803F000020C0"
// CHECK-DAG:        idx: "0x0400000001000000020000000300000004010000"
// CHECK:          }
// CHECK-NEXT:   }
// CHECK-NEXT: #-}

// The data reads back as [1.0, -2.5] (f32) and [[1, 2], [3, 260]] (i32).
// EXEC: result0: shape (2,) float32, mean -0.75
// EXEC: result1: shape (2, 2) int32, mean 66.5
// DATA: {{^}}{{\[}}[1.0, -2.5], {{\[}}[1, 2], [3, 260]]]{{$}}

func.func @main() -> (tensor<2xf32>, tensor<2x2xi32>) {
  %0 = graph.constant dense_resource<w> : tensor<2xf32>
  %1 = metaop.constant dense_resource<idx> : tensor<2x2xi32>
  func.return %0, %1 : tensor<2xf32>, tensor<2x2xi32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803f000020c0",
      idx: "0x0400000001000000020000000300000004010000"
    }
  }
#-}
