// RUN: mopc-opt %s --split-input-file --verify-diagnostics

func.func @two_dims(%x: memref<4xf32>) {
  // expected-error@+1 {{grid must be three positive sizes, got [2, 1]}}
  cuda.launch @k(%x) grid [2, 1] block [32, 1, 1] shared 0 : memref<4xf32>
  func.return
}

// -----

func.func @empty_block(%x: memref<4xf32>) {
  // expected-error@+1 {{block must be three positive sizes, got [0, 1, 1]}}
  cuda.launch @k(%x) grid [1, 1, 1] block [0, 1, 1] shared 0 : memref<4xf32>
  func.return
}

