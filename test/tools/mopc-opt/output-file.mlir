// `-o FILE` writes the result to FILE (and nothing to stdout); it writes nothing at all
// when the input is invalid or a pass fails, leaving an existing FILE as it was.

// RUN: rm -rf %t && mkdir -p %t
// RUN: mopc-opt %s -p graph-to-metaop -o %t/out.mlir > %t/stdout.txt
// RUN: filecheck %s < %t/out.mlir
// RUN: not test -s %t/stdout.txt
// RUN: not test -e %t/out.mlir.tmp
// The written file is valid input again.
// RUN: mopc-opt %t/out.mlir | filecheck %s
// `-o -` is stdout.
// RUN: mopc-opt %s -p graph-to-metaop -o - | filecheck %s
// RUN: mopc-opt %s -p graph-to-metaop --output-file %t/long.mlir
// RUN: filecheck %s < %t/long.mlir

// CHECK-LABEL: func.func @relu(
// CHECK-NEXT:    %[[ZERO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[ZERO:.*]] = metaop.broadcast %[[ZERO_S]] dims [0] : tensor<f32> -> tensor<4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary max %x, %[[ZERO]] : tensor<4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4xf32>

// Invalid input: an error, no output file (and no leftover temporary).
// RUN: not mopc-opt %S/Inputs/invalid.mlir -o %t/bad.mlir 2>&1 | filecheck %s --check-prefix=INVALID
// RUN: not test -e %t/bad.mlir
// RUN: not test -e %t/bad.mlir.tmp
// INVALID: invalid.mlir:2:3: error: 'graph.add' op result type tensor<3xf32> does not match

// An existing file is not touched by a failing run: invalid input, a pass failure, a
// bad pipeline.
// RUN: echo "previous contents" > %t/keep.mlir
// RUN: not mopc-opt %S/Inputs/invalid.mlir -o %t/keep.mlir
// RUN: not mopc-opt %S/Inputs/unlowerable.mlir -p graph-to-metaop --allow-unregistered-dialect -o %t/keep.mlir
// RUN: not mopc-opt %s -p no-such-pass -o %t/keep.mlir
// RUN: filecheck %s --check-prefix=KEEP < %t/keep.mlir
// KEEP: previous contents
// KEEP-NOT: builtin.module

// An output path that cannot be written is a clean error.
// RUN: not mopc-opt %s -o %t/no-such-dir/out.mlir 2>&1 | filecheck %s --check-prefix=NODIR
// NODIR-NOT: Traceback
// NODIR-NOT: internal error
// NODIR:     no-such-dir/out.mlir: error: cannot open output file: No such file or directory
// NODIR-NOT: Traceback

func.func @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}
