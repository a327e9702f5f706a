// Errors in the pipeline text point into it (`<pass-pipeline>:1:COL`), show it with a
// caret, exit 1 and print no traceback.

// RUN: not mopc-opt %s -p graph-to-metaopp 2>&1 | filecheck %s --check-prefix=TYPO
// TYPO-NOT:  Traceback
// TYPO:      <pass-pipeline>:1:1: error: 'graph-to-metaopp' does not refer to a registered pass (did you mean 'graph-to-metaop'?)
// TYPO-NEXT: graph-to-metaopp
// TYPO-NEXT: {{^\^$}}
// TYPO-NOT:  Traceback

// The column is the unknown pass's, also inside a nested pipeline.
// RUN: not mopc-opt %s --pass-pipeline='builtin.module(func.func(cse,canonicalise))' 2>&1 | filecheck %s --check-prefix=NESTED-TYPO
// NESTED-TYPO:      <pass-pipeline>:1:30: error: 'canonicalise' does not refer to a registered pass (did you mean 'canonicalize'{{.*}}?)
// NESTED-TYPO-NEXT: builtin.module(func.func(cse,canonicalise))
// NESTED-TYPO-NEXT: {{^                             \^$}}
// NESTED-TYPO-NOT:  Traceback

// Nothing close: point at --list-passes instead.
// RUN: not mopc-opt %s -p 'cse,frobnicate' 2>&1 | filecheck %s --check-prefix=UNKNOWN
// UNKNOWN:      <pass-pipeline>:1:5: error: 'frobnicate' does not refer to a registered pass (see --list-passes)
// UNKNOWN-NEXT: cse,frobnicate
// UNKNOWN-NEXT: {{^    \^$}}
// UNKNOWN-NOT:  Traceback

// RUN: not mopc-opt %s -p 'graph-to-metaop{foo=1}' 2>&1 | filecheck %s --check-prefix=OPTION
// OPTION:      <pass-pipeline>:1:1: error: unknown option 'foo' for pass 'graph-to-metaop' (options: none)
// OPTION-NEXT: graph-to-metaop{foo=1}
// OPTION-NOT:  Traceback

// RUN: not mopc-opt %s -p 'cse,arith-add-fastmath{flag=none}' 2>&1 | filecheck %s --check-prefix=OPTION2
// OPTION2:      <pass-pipeline>:1:5: error: unknown option 'flag' for pass 'arith-add-fastmath' (options: flags)
// OPTION2-NEXT: cse,arith-add-fastmath{flag=none}
// OPTION2-NEXT: {{^    \^$}}
// OPTION2-NOT:  Traceback

// Malformed options: the reason from the option parser, at its column.
// RUN: not mopc-opt %s -p 'cse,arith-add-fastmath{flags=}' 2>&1 | filecheck %s --check-prefix=BADOPT
// BADOPT:      <pass-pipeline>:1:30: error: malformed options of pass 'arith-add-fastmath': Unknown argument value
// BADOPT-NEXT: cse,arith-add-fastmath{flags=}
// BADOPT-NEXT: {{^                             \^$}}
// BADOPT-NOT:  Traceback

// RUN: not mopc-opt %s -p 'arith-add-fastmath{flags=none' 2>&1 | filecheck %s --check-prefix=BRACE
// BRACE:      <pass-pipeline>:1:19: error: unterminated pass options: missing '}'
// BRACE-NEXT: arith-add-fastmath{flags=none
// BRACE-NOT:  Traceback

// RUN: not mopc-opt %s --pass-pipeline='builtin.module(func.func(cse)' 2>&1 | filecheck %s --check-prefix=UNCLOSED
// UNCLOSED:      <pass-pipeline>:1:30: error: expected ',' or ')'
// UNCLOSED-NEXT: builtin.module(func.func(cse)
// UNCLOSED-NEXT: {{^                             \^$}}
// UNCLOSED-NOT:  Traceback

// RUN: not mopc-opt %s --pass-pipeline='builtin.module(cse))' 2>&1 | filecheck %s --check-prefix=EXTRA
// EXTRA:      <pass-pipeline>:1:20: error: expected ',' or the end of the pipeline
// EXTRA-NOT:  Traceback

// RUN: not mopc-opt %s -p 'cse,,dce' 2>&1 | filecheck %s --check-prefix=EMPTY-ELEMENT
// EMPTY-ELEMENT:      <pass-pipeline>:1:5: error: expected a pass name or an op anchor such as 'func.func('
// EMPTY-ELEMENT-NEXT: cse,,dce
// EMPTY-ELEMENT-NOT:  Traceback

// RUN: not mopc-opt %s -p 'cse dce' 2>&1 | filecheck %s --check-prefix=SPACE
// SPACE: <pass-pipeline>:1:5: error: expected ',' or the end of the pipeline

// A top-level builtin.module(...) next to other passes would anchor on nested modules
// only, silently skipping the module itself: rejected.
// RUN: not mopc-opt %s --pass-pipeline='builtin.module(graph-to-metaop),cse' 2>&1 | filecheck %s --check-prefix=TOPLEVEL
// RUN: not mopc-opt %s --pass-pipeline='cse, builtin.module(graph-to-metaop)' 2>&1 | filecheck %s --check-prefix=TOPLEVEL2
// TOPLEVEL:      <pass-pipeline>:1:1: error: a top-level 'builtin.module(...)' must enclose the whole pipeline
// TOPLEVEL-NEXT: builtin.module(graph-to-metaop),cse
// TOPLEVEL-NOT:  Traceback
// TOPLEVEL2:      <pass-pipeline>:1:6: error: a top-level 'builtin.module(...)' must enclose the whole pipeline

// Both flags at once is ambiguous.
// RUN: not mopc-opt %s -p cse --pass-pipeline='builtin.module(cse)' 2>&1 | filecheck %s --check-prefix=TWICE
// TWICE: mopc-opt: error: give the pipeline once: --pass-pipeline or -p, not both

// An invalid option value is only found when the (upstream) pass runs: reported, with
// the pass named, and no traceback.
// RUN: not mopc-opt %s -p 'arith-add-fastmath{flags=bogus}' 2>&1 | filecheck %s --check-prefix=VALUE
// VALUE:      mopc-opt: error: {{.*}}'bogus' is not a valid fastmath flag
// VALUE-NEXT: note: in pass 'arith-add-fastmath' (1 of 1 in the pipeline)
// VALUE-NOT:  Traceback

// A failing upstream pass (xDSL's PassFailedException) is a pass error, not an internal one.
// RUN: not mopc-opt %s -p transform-interpreter 2>&1 | filecheck %s --check-prefix=PASSFAILED
// PASSFAILED-NOT: internal error
// PASSFAILED:     mopc-opt: error: ModuleOp(
// PASSFAILED:     could not find a nested named sequence with name: __transform_main
// PASSFAILED:     note: in pass 'transform-interpreter' (1 of 1 in the pipeline)
// PASSFAILED-NOT: rerun with --debug
// PASSFAILED-NOT: Traceback

// A misspelled anchor is an error at the anchor, not a pipeline that matches nothing.
// RUN: not mopc-opt %s --pass-pipeline='builtin.module(func.funcc(cse))' 2>&1 | filecheck %s --check-prefix=ANCHOR
// ANCHOR:      <pass-pipeline>:1:16: error: 'func.funcc' is not a registered operation to anchor passes on
// ANCHOR-NEXT: builtin.module(func.funcc(cse))
// ANCHOR-NEXT:                ^
// ANCHOR-NOT:  Traceback

func.func @h(%p: f32, %q: f32) -> f32 {
  %0 = arith.addf %p, %q : f32
  func.return %0 : f32
}
