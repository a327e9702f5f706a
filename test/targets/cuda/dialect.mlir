// RUN: %roundtrip
// RUN: %roundtrip-generic

// The cuda dialect: kernel launches from host code and shared memory buffers.

// CHECK-LABEL: func.func @host
// CHECK:       cuda.launch @k0(%x, %y) grid [2, 1, 1] block [256, 1, 1] shared 0 : memref<512xf32>, memref<512xf32>
// CHECK:       cuda.launch @k1() grid [1, 1, 1] block [32, 4, 1] shared 128
// CHECK-GENERIC: "cuda.launch"(%{{.*}}, %{{.*}}) <{kernel = @k0, grid = array<i64: 2, 1, 1>, block = array<i64: 256, 1, 1>, shared_bytes = 0 : i64}> : (memref<512xf32>, memref<512xf32>) -> ()
func.func @host(%x: memref<512xf32>, %y: memref<512xf32>) attributes {cuda.host} {
  cuda.launch @k0(%x, %y) grid [2, 1, 1] block [256, 1, 1] shared 0 : memref<512xf32>, memref<512xf32>
  cuda.launch @k1() grid [1, 1, 1] block [32, 4, 1] shared 128
  func.return
}

// -----

// CHECK-LABEL: func.func @shared_tile
// CHECK:       memref.alloca() : memref<16x16xf32, #cuda.shared>
// CHECK-GENERIC: memref<16x16xf32, #cuda.shared>
func.func @shared_tile() {
  %tile = memref.alloca() : memref<16x16xf32, #cuda.shared>
  func.return
}
