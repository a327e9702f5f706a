// --timing (alias --mlir-timing) reports on stderr the wall time of parsing,
// verification, every pass and printing, then the total, as MLIR's list view does.

// RUN: mopc-opt %s -p 'graph-to-metaop,cse' --timing -o /dev/null 2>&1 | filecheck %s
// RUN: mopc-opt %s --pass-pipeline='builtin.module(graph-to-metaop,cse)' --mlir-timing -o /dev/null 2>&1 | filecheck %s

// CHECK:      ===-------------------------------------------------------------------------===
// CHECK-NEXT:                              Execution time report
// CHECK-NEXT: ===-------------------------------------------------------------------------===
// CHECK-NEXT:   Total Execution Time: {{[0-9]+\.[0-9][0-9][0-9][0-9]}} seconds
// CHECK-EMPTY:
// CHECK-NEXT:   ----Wall Time----  ----Name----
// CHECK-NEXT:   {{ *[0-9]+\.[0-9][0-9][0-9][0-9] \( *[0-9]+\.[0-9]%\)}}  Parser
// CHECK-NEXT:   {{ *[0-9]+\.[0-9][0-9][0-9][0-9] \( *[0-9]+\.[0-9]%\)}}  Verifier
// CHECK-NEXT:   {{ *[0-9]+\.[0-9][0-9][0-9][0-9] \( *[0-9]+\.[0-9]%\)}}  graph-to-metaop
// CHECK-NEXT:   {{ *[0-9]+\.[0-9][0-9][0-9][0-9] \( *[0-9]+\.[0-9]%\)}}  cse
// CHECK-NEXT:   {{ *[0-9]+\.[0-9][0-9][0-9][0-9] \( *[0-9]+\.[0-9]%\)}}  Output
// CHECK-NEXT:   {{ *[0-9]+\.[0-9][0-9][0-9][0-9]}} (100.0%)  Total
// CHECK-NOT:  {{.}}

// The report is on stderr: stdout has the IR only.
// RUN: mopc-opt %s -p graph-to-metaop --timing 2>/dev/null | filecheck %s --check-prefix=STDOUT
// STDOUT-NOT: Execution time report
// STDOUT:     metaop.binary max
// STDOUT-NOT: Execution time report

// A pass anchored on every function, and every chunk of a split file, is one line.
// RUN: mopc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(cse))' --timing -o /dev/null 2>&1 | filecheck %s --check-prefix=ONCE
// ONCE:         Parser
// ONCE-NOT:     Parser
// ONCE:         cse
// ONCE-NOT:     cse
// ONCE:         Total

// No --timing, no report.
// RUN: mopc-opt %s -p graph-to-metaop 2>&1 | filecheck %s --check-prefix=NONE
// NONE-NOT: Execution time report

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.neg %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}
