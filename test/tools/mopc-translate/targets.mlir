// mopc-translate: --list-targets, translation to a target, and clean errors.

// RUN: mopc-translate --list-targets | filecheck %s --check-prefix=LIST
// LIST:      Available targets:
// LIST-DAG:    llvm
// LIST-DAG:    mlir

// The `mlir` target prints the module back; options are xDSL's `{key=value}`.
// RUN: mopc-translate %s --target=mlir | filecheck %s --check-prefix=MLIR
// RUN: mopc-translate %s -t mlir | filecheck %s --check-prefix=MLIR
// MLIR:      func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
// MLIR-NEXT:   %0 = graph.relu %x : tensor<4xf32>
// RUN: mopc-translate %s --target='mlir{print_generic_format=true}' | filecheck %s --check-prefix=GENERIC
// GENERIC: "graph.relu"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
// RUN: rm -f %t.out && mopc-translate %s --target=mlir -o %t.out
// RUN: filecheck %s --check-prefix=MLIR < %t.out

// An unknown target: a clean error listing the available ones, exit 1.
// RUN: not mopc-translate %s --target=bogus 2>&1 | filecheck %s --check-prefix=UNKNOWN
// UNKNOWN-NOT: Traceback
// UNKNOWN:     mopc-translate: error: unknown target 'bogus' (available: {{.*}}llvm, mlir{{.*}})
// UNKNOWN-NOT: Traceback

// RUN: not mopc-translate %s 2>&1 | filecheck %s --check-prefix=NONE
// NONE: mopc-translate: error: no --target given (see --list-targets)

// Malformed target text and unknown target options are user errors, not crashes.
// RUN: not mopc-translate %s --target='mlir{' 2>&1 | filecheck %s --check-prefix=MALFORMED
// MALFORMED-NOT: Traceback
// MALFORMED:     mopc-translate: error: malformed --target 'mlir{': Expected argument name here
// MALFORMED-NOT: Traceback
// RUN: not mopc-translate %s --target='mlir{colour=1}' 2>&1 | filecheck %s --check-prefix=OPTION
// OPTION-NOT: internal error
// OPTION:     mopc-translate: error: invalid options for target 'mlir': {{.*}}colour
// OPTION-NOT: Traceback

// Bad input is located, as in mopc-opt.
// RUN: not mopc-translate %S/../mopc-opt/Inputs/invalid.mlir --target=mlir 2>&1 | filecheck %s --check-prefix=INVALID
// INVALID: invalid.mlir:2:3: error: 'graph.add' op result type tensor<3xf32> does not match
// RUN: not mopc-translate %t.missing.mlir --target=mlir 2>&1 | filecheck %s --check-prefix=MISSING
// MISSING: missing.mlir: error: cannot open input file: No such file or directory
// RUN: not mopc-translate %s --target=mlir -o %t.no-such-dir/out 2>&1 | filecheck %s --check-prefix=NODIR
// NODIR: no-such-dir/out: error: cannot open output file: No such file or directory

// --allow-unregistered-dialect is honoured.
// RUN: not mopc-translate %S/../mopc-opt/Inputs/unlowerable.mlir --target=mlir 2>&1 | filecheck %s --check-prefix=UNREG
// RUN: mopc-translate %S/../mopc-opt/Inputs/unlowerable.mlir --target=mlir --allow-unregistered-dialect | filecheck %s --check-prefix=UNREG-OK
// UNREG:    unlowerable.mlir:3:8: error: unknown op 'graph.frobnicate'
// UNREG-OK: "graph.frobnicate"(%0) : (tensor<4xf32>) -> tensor<4xf32>

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}
