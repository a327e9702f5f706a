// RUN: mopc-opt %s -p convert-to-llvm --split-input-file --verify-diagnostics
// RUN: not mopc-opt %s -p convert-to-llvm --split-input-file 2>&1 | filecheck %s

// convert-to-llvm rejects what is outside the loop level with a located error, never
// a traceback.

// CHECK-NOT:  Traceback
// CHECK:      invalid.mlir:[[# @LINE + 5]]:3: error: 'memref.alloc' op cannot be lowered to LLVM: it is not part of the loop level (docs/loop-level.md)
// CHECK-NEXT:   %m = memref.alloc() : memref<4xf32>
// CHECK-NEXT: {{^  \^$}}
// CHECK-NEXT: note: in pass 'convert-to-llvm' (1 of 1 in the pipeline)
func.func @alloc() {
  %m = memref.alloc() : memref<4xf32> // expected-error {{'memref.alloc' op cannot be lowered to LLVM: it is not part of the loop level (docs/loop-level.md)}}
  func.return
}

// -----

// expected-error@+1 {{'func.func' op type memref<4x4xf32, strided<[8, 1]>> cannot be lowered to LLVM (static identity-layout memrefs, scalars and 1-D vectors only)}}
func.func @strided(%m: memref<4x4xf32, strided<[8, 1]>>) -> f32 {
  %c0 = arith.constant 0 : index
  %x = memref.load %m[%c0, %c0] : memref<4x4xf32, strided<[8, 1]>>
  func.return %x : f32
}

// -----

func.func @reduction(%m: memref<8xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  // expected-error@+1 {{'scf.parallel' op scf.parallel with reductions cannot be lowered to LLVM}}
  %s = "scf.parallel"(%c0, %c8, %c1, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    %x = memref.load %m[%i] : memref<8xf32>
    "scf.reduce"(%x) ({
    ^bb1(%a: f32, %b: f32):
      %r = arith.addf %a, %b : f32
      "scf.reduce.return"(%r) : (f32) -> ()
    }) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  func.return %s : f32
}

// -----

// expected-error@+1 {{'func.func' op functions with more than one result cannot be lowered to LLVM}}
func.func @two_results(%a: f32) -> (f32, f32) {
  func.return %a, %a : f32, f32
}
