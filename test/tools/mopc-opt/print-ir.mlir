// IR printing around passes goes to stderr, each dump under a header line; stdout
// keeps only the final IR.

// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --print-ir-before=cse -o /dev/null 2>&1 | filecheck %s --check-prefix=BEFORE
// BEFORE-NOT:  IR Dump Before graph-to-metaop
// BEFORE:      // -----// IR Dump Before cse //----- //
// BEFORE-NEXT: builtin.module {
// BEFORE-NEXT:   func.func @f(
// BEFORE-NEXT:     metaop.constant
// BEFORE-NEXT:     metaop.broadcast
// BEFORE-NEXT:     metaop.binary max
// BEFORE-NEXT:     metaop.constant
// BEFORE-NEXT:     metaop.broadcast
// BEFORE-NEXT:     metaop.binary max
// BEFORE-NOT:  IR Dump

// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --print-ir-after=graph-to-metaop -o /dev/null 2>&1 | filecheck %s --check-prefix=AFTER
// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --mlir-print-ir-after=graph-to-metaop -o /dev/null 2>&1 | filecheck %s --check-prefix=AFTER
// AFTER:      // -----// IR Dump After graph-to-metaop //----- //
// AFTER-NEXT: builtin.module {
// AFTER-NEXT:   func.func @f(
// AFTER-NEXT:     metaop.constant
// AFTER-NOT:  IR Dump

// Several names, comma-separated; before and after together.
// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --print-ir-before=graph-to-metaop,cse --print-ir-after=cse -o /dev/null 2>&1 | filecheck %s --check-prefix=SEVERAL
// SEVERAL:      // -----// IR Dump Before graph-to-metaop //----- //
// SEVERAL-NEXT: builtin.module {
// SEVERAL-NEXT:   func.func @f(
// SEVERAL-NEXT:     graph.relu
// SEVERAL:      // -----// IR Dump Before cse //----- //
// SEVERAL:      // -----// IR Dump After cse //----- //
// SEVERAL-NEXT: builtin.module {
// SEVERAL-NEXT:   func.func @f(
// SEVERAL-NEXT:     metaop.constant
// SEVERAL-NEXT:     metaop.broadcast
// SEVERAL-NEXT:     metaop.binary max
// SEVERAL-NEXT:     func.return
// SEVERAL-NOT:  IR Dump

// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --print-ir-before-all -o /dev/null 2>&1 | filecheck %s --check-prefix=BEFORE-ALL
// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --mlir-print-ir-before-all -o /dev/null 2>&1 | filecheck %s --check-prefix=BEFORE-ALL
// BEFORE-ALL:     // -----// IR Dump Before graph-to-metaop //----- //
// BEFORE-ALL-NOT: IR Dump After
// BEFORE-ALL:     // -----// IR Dump Before cse //----- //
// BEFORE-ALL-NOT: IR Dump

// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --print-ir-after-all -o /dev/null 2>&1 | filecheck %s --check-prefix=AFTER-ALL
// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --mlir-print-ir-after-all -o /dev/null 2>&1 | filecheck %s --check-prefix=AFTER-ALL
// AFTER-ALL:     // -----// IR Dump After graph-to-metaop //----- //
// AFTER-ALL-NOT: IR Dump Before
// AFTER-ALL:     // -----// IR Dump After cse //----- //
// AFTER-ALL-NOT: IR Dump

// A pass anchored on func.func dumps once per function it runs on.
// RUN: mopc-opt %s --pass-pipeline='builtin.module(func.func(cse))' --print-ir-after-all -o /dev/null 2>&1 | filecheck %s --check-prefix=NESTED
// NESTED:      // -----// IR Dump After cse //----- //
// NESTED:        func.func @f(
// NESTED:      // -----// IR Dump After cse //----- //
// NESTED:        func.func @g(
// NESTED-NOT:  IR Dump

// The dumps honour --print-op-generic.
// RUN: mopc-opt %s -p graph-to-metaop --print-ir-after-all --print-op-generic -o /dev/null 2>&1 | filecheck %s --check-prefix=GENERIC
// GENERIC:      // -----// IR Dump After graph-to-metaop //----- //
// GENERIC-NEXT: "builtin.module"() ({

// stdout is the final IR only.
// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --print-ir-after-all --print-ir-before-all 2>/dev/null | filecheck %s --check-prefix=STDOUT
// STDOUT-NOT: IR Dump
// STDOUT:     builtin.module
// STDOUT-NOT: IR Dump

// --print-ir-after-failure dumps the IR as the failing pass left it; passes that
// succeeded dump nothing.
// RUN: not mopc-opt %S/Inputs/unlowerable.mlir --allow-unregistered-dialect -p 'cse,graph-to-metaop' --print-ir-after-failure 2>&1 | filecheck %s --check-prefix=FAILURE
// RUN: not mopc-opt %S/Inputs/unlowerable.mlir --allow-unregistered-dialect -p 'cse,graph-to-metaop' --mlir-print-ir-after-failure 2>&1 | filecheck %s --check-prefix=FAILURE
// FAILURE-NOT:  IR Dump After cse
// FAILURE:      // -----// IR Dump After graph-to-metaop Failed //----- //
// FAILURE-NEXT: builtin.module {
// FAILURE-NEXT:   func.func @f(
// FAILURE-NEXT:     metaop.constant dense<0.000000e+00> : tensor<f32>
// FAILURE-NEXT:     metaop.broadcast
// FAILURE-NEXT:     metaop.binary max
// FAILURE-NEXT:     "graph.frobnicate"
// FAILURE:      unlowerable.mlir:3:3: error: 'graph.frobnicate' op failed to legalize
// FAILURE:      note: in pass 'graph-to-metaop' (2 of 2 in the pipeline)
// Without the flag, no dump.
// RUN: not mopc-opt %S/Inputs/unlowerable.mlir --allow-unregistered-dialect -p graph-to-metaop 2>&1 | filecheck %s --check-prefix=NO-FAILURE-DUMP
// NO-FAILURE-DUMP-NOT: IR Dump
// NO-FAILURE-DUMP:     error: 'graph.frobnicate' op failed to legalize
// NO-FAILURE-DUMP-NOT: IR Dump

// A pass name that is not registered is an error, not silence.
// RUN: not mopc-opt %s -p cse --print-ir-after=csee 2>&1 | filecheck %s --check-prefix=UNKNOWN
// UNKNOWN: mopc-opt: error: --print-ir-after: 'csee' does not refer to a registered pass (see --list-passes)

func.func @f(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = graph.relu %x : tensor<4xf32>
  %1 = graph.relu %x : tensor<4xf32>
  func.return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  func.return %x : tensor<4xf32>
}
