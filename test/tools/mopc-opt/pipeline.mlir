// Both pipeline syntaxes, op-anchored nesting and pass options.

// No pipeline: the input is printed back unchanged.
// RUN: mopc-opt %s | filecheck %s --check-prefix=NONE
// MLIR's nested syntax, a pass anchored on every func.func.
// RUN: mopc-opt %s --pass-pipeline='builtin.module(func.func(cse))' | filecheck %s --check-prefix=CSE
// xDSL's flat syntax does the same on the whole module.
// RUN: mopc-opt %s -p cse | filecheck %s --check-prefix=CSE
// RUN: mopc-opt %s --passes cse | filecheck %s --check-prefix=CSE
// A flat list is accepted by --pass-pipeline too, and spaces are allowed.
// RUN: mopc-opt %s --pass-pipeline=' func.func( cse , canonicalize ) ' | filecheck %s --check-prefix=BOTH
// RUN: mopc-opt %s --pass-pipeline='builtin.module(func.func(canonicalize))' | filecheck %s --check-prefix=CANON
// Passes run in order: lowering, then cse of the two identical lowerings.
// RUN: mopc-opt %s -p 'graph-to-metaop,cse' | filecheck %s --check-prefix=LOWER-CSE
// RUN: mopc-opt %s --pass-pipeline='builtin.module(graph-to-metaop,func.func(cse))' | filecheck %s --check-prefix=LOWER-CSE
// An anchor only reaches ops of its name: builtin.module(...) inside the top-level one
// is the nested module @inner, not the top-level module itself.
// RUN: mopc-opt %s --pass-pipeline='builtin.module(builtin.module(canonicalize))' | filecheck %s --check-prefix=NESTED
// RUN: mopc-opt %s --pass-pipeline='builtin.module(any(canonicalize))' | filecheck %s --check-prefix=CANON
// Pass options, in both syntaxes (arith-add-fastmath's `flags`).
// RUN: mopc-opt %s -p 'arith-add-fastmath{flags=nnan,ninf}' | filecheck %s --check-prefix=FLAGS
// RUN: mopc-opt %s --pass-pipeline='builtin.module(func.func(arith-add-fastmath{flags=none}))' | filecheck %s --check-prefix=NOFLAGS
// RUN: mopc-opt %s --pass-pipeline='builtin.module(func.func(arith-add-fastmath))' | filecheck %s --check-prefix=FAST

// NONE-LABEL: func.func @f(
// NONE-NEXT:    %0 = graph.relu %x : tensor<4xf32>
// NONE-NEXT:    %1 = graph.relu %x : tensor<4xf32>
// NONE-NEXT:    func.return %0, %1 : tensor<4xf32>, tensor<4xf32>
// NONE:       func.func @g(
// NONE-NEXT:    %c0 = arith.constant 0 : i32
// NONE-NEXT:    %0 = arith.addi %a, %c0 : i32
// NONE:       func.func @h(
// NONE-NEXT:    %0 = arith.addf %p, %q : f32

// CSE-LABEL: func.func @f(
// CSE-NEXT:    %[[R:.*]] = graph.relu %x : tensor<4xf32>
// CSE-NEXT:    func.return %[[R]], %[[R]] : tensor<4xf32>, tensor<4xf32>
// CSE:       func.func @g(
// CSE-NEXT:    %c0 = arith.constant 0 : i32
// CSE-NEXT:    %[[S:.*]] = arith.addi %a, %c0 : i32

// BOTH-LABEL: func.func @f(
// BOTH-NEXT:    %[[R:.*]] = graph.relu %x : tensor<4xf32>
// BOTH-NEXT:    func.return %[[R]], %[[R]] : tensor<4xf32>, tensor<4xf32>
// BOTH:       func.func @g(
// BOTH-NEXT:    func.return %a : i32

// canonicalize folds x + 0 (in the top-level function and in the nested module) but
// does not merge the two relus.
// CANON-LABEL: func.func @f(
// CANON-NEXT:    %0 = graph.relu %x : tensor<4xf32>
// CANON-NEXT:    %1 = graph.relu %x : tensor<4xf32>
// CANON:       func.func @g(
// CANON-NEXT:    func.return %a : i32
// CANON:       func.func @inner_g(
// CANON-NEXT:    func.return %b : i32

// LOWER-CSE-LABEL: func.func @f(
// LOWER-CSE-NEXT:    %[[ZERO_S:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// LOWER-CSE-NEXT:    %[[ZERO:.*]] = metaop.broadcast %[[ZERO_S]] dims [0] : tensor<f32> -> tensor<4xf32>
// LOWER-CSE-NEXT:    %[[Y:.*]] = metaop.binary max %x, %[[ZERO]] : tensor<4xf32>
// LOWER-CSE-NEXT:    func.return %[[Y]], %[[Y]] : tensor<4xf32>, tensor<4xf32>

// NESTED-LABEL: func.func @f(
// NESTED-NEXT:    %0 = graph.relu %x : tensor<4xf32>
// NESTED-NEXT:    %1 = graph.relu %x : tensor<4xf32>
// NESTED:       func.func @g(
// NESTED-NEXT:    %c0 = arith.constant 0 : i32
// NESTED:       builtin.module @inner {
// NESTED:         func.func @inner_g(
// NESTED-NEXT:      func.return %b : i32

// FLAGS-LABEL: func.func @h(
// FLAGS-NEXT:    arith.addf %p, %q fastmath<nnan,ninf> : f32
// NOFLAGS-LABEL: func.func @h(
// NOFLAGS-NEXT:    arith.addf %p, %q : f32
// FAST-LABEL: func.func @h(
// FAST-NEXT:    arith.addf %p, %q fastmath<fast> : f32

func.func @f(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = graph.relu %x : tensor<4xf32>
  %1 = graph.relu %x : tensor<4xf32>
  func.return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
func.func @g(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %0 = arith.addi %a, %c0 : i32
  func.return %0 : i32
}
func.func @h(%p: f32, %q: f32) -> f32 {
  %0 = arith.addf %p, %q : f32
  func.return %0 : f32
}
builtin.module @inner {
  func.func @inner_g(%b: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %0 = arith.addi %b, %c0 : i32
    func.return %0 : i32
  }
}
