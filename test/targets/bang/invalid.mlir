// RUN: mopc-opt %s --split-input-file --verify-diagnostics

// The verifiers of the bang dialect, one broken op per chunk.

func.func @alloc_in_gdram() {
  // expected-error@+1 {{bang.alloc needs an on-chip memory space (nram, wram or sram)}}
  %b = bang.alloc {sym_name = "b"} : memref<64xf32>
  func.return
}

// -----

func.func @direction(%x: memref<64xf32>, %b: memref<64xf32, #bang.space<nram>>, %n: index) {
  // expected-error@+1 {{direction NRAM2GDRAM does not match the operands (GDRAM2NRAM)}}
  bang.memcpy %b[%n], %x[%n], %n {direction = "NRAM2GDRAM"} : memref<64xf32, #bang.space<nram>>, memref<64xf32>
  func.return
}

// -----

func.func @unknown_builtin(%b: memref<64xf32, #bang.space<nram>>, %n: index) {
  // expected-error@+1 {{'__bang_conv' is not a vector builtin the BANG code generator knows}}
  bang.intrinsic "__bang_conv"(%b, %b, %n) : memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, index
  func.return
}

// -----

func.func @operand_count(%b: memref<64xf32, #bang.space<nram>>, %n: index) {
  // expected-error@+1 {{__bang_add takes 4 operands, got 3}}
  bang.intrinsic "__bang_add"(%b, %b, %n) : memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, index
  func.return
}

// -----

func.func @operand_space(%x: memref<64xf32>, %b: memref<64xf32, #bang.space<nram>>, %n: index) {
  // expected-error@+1 {{__bang_active_relu: operand 1 must be an NRAM memref, got memref<64xf32>}}
  bang.intrinsic "__bang_active_relu"(%b, %x, %n) : memref<64xf32, #bang.space<nram>>, memref<64xf32>, index
  func.return
}

// -----

func.func @task_type(%x: memref<64xf32>) {
  // expected-error@+1 {{unknown task type 'UNION8' (one of BLOCK, UNION1, UNION2, UNION4)}}
  bang.launch @k(%x) {dim = array<i64: 16, 1, 1>, task_type = "UNION8"} : memref<64xf32>
  func.return
}

// -----

// expected-error@+1 {{unknown BANG memory space 'ldram'}}
func.func @space(%x: memref<64xf32, #bang.space<ldram>>) {
  func.return
}
