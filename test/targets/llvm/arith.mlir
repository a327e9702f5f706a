// RUN: mopc-opt %s -p convert-to-llvm --split-input-file | filecheck %s

// arith -> llvm (arith_to_llvm.py): one llvm op per arith op where LLVM has one;
// maximumf/minimumf propagate NaN through the llvm.maximum/minimum intrinsics (with a
// type suffix, also on vectors); index is i64.

// CHECK-LABEL: llvm.func @float_ops(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: f32, %[[B:[a-z0-9_]+]]: f32) -> f32 {
// CHECK-NEXT:    %[[ADD:.*]] = llvm.fadd %[[A]], %[[B]] : f32
// CHECK-NEXT:    %[[SUB:.*]] = llvm.fsub %[[ADD]], %[[B]] : f32
// CHECK-NEXT:    %[[MUL:.*]] = llvm.fmul %[[SUB]], %[[A]] : f32
// CHECK-NEXT:    %[[DIV:.*]] = llvm.fdiv %[[MUL]], %[[B]] : f32
// CHECK-NEXT:    %[[NEG:.*]] = llvm.fneg %[[DIV]] : f32
// CHECK-NEXT:    %[[MAX:.*]] = llvm.call_intrinsic "llvm.maximum.f32"(%[[NEG]], %[[A]]) : (f32, f32) -> f32
// CHECK-NEXT:    %[[MIN:.*]] = llvm.call_intrinsic "llvm.minimum.f32"(%[[MAX]], %[[B]]) : (f32, f32) -> f32
// CHECK-NEXT:    llvm.return %[[MIN]] : f32
func.func @float_ops(%a: f32, %b: f32) -> f32 {
  %0 = arith.addf %a, %b : f32
  %1 = arith.subf %0, %b : f32
  %2 = arith.mulf %1, %a : f32
  %3 = arith.divf %2, %b : f32
  %4 = arith.negf %3 : f32
  %5 = arith.maximumf %4, %a : f32
  %6 = arith.minimumf %5, %b : f32
  func.return %6 : f32
}

// -----

// A splat constant stays a dense vector constant.
// CHECK-LABEL: llvm.func @vector_max(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: vector<16xf32>) -> vector<16xf32> {
// CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(dense<0.000000e+00> : vector<16xf32>) : vector<16xf32>
// CHECK-NEXT:    %[[R:.*]] = llvm.call_intrinsic "llvm.maximum.v16f32"(%[[A]], %[[ZERO]]) : (vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// CHECK-NEXT:    llvm.return %[[R]] : vector<16xf32>
func.func @vector_max(%a: vector<16xf32>) -> vector<16xf32> {
  %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
  %r = arith.maximumf %a, %zero : vector<16xf32>
  func.return %r : vector<16xf32>
}

// -----

// remsi is C's remainder (srem); min/max are a compare and a select.
// CHECK-LABEL: llvm.func @int_ops(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: i32, %[[B:[a-z0-9_]+]]: i32) -> i32 {
// CHECK-NEXT:    %[[ADD:.*]] = llvm.add %[[A]], %[[B]] : i32
// CHECK-NEXT:    %[[SUB:.*]] = llvm.sub %[[ADD]], %[[B]] : i32
// CHECK-NEXT:    %[[MUL:.*]] = llvm.mul %[[SUB]], %[[A]] : i32
// CHECK-NEXT:    %[[DIV:.*]] = llvm.sdiv %[[MUL]], %[[B]] : i32
// CHECK-NEXT:    %[[REM:.*]] = llvm.srem %[[DIV]], %[[B]] : i32
// CHECK-NEXT:    %[[AND:.*]] = llvm.and %[[REM]], %[[A]] : i32
// CHECK-NEXT:    %[[OR:.*]] = llvm.or %[[AND]], %[[A]] : i32
// CHECK-NEXT:    %[[XOR:.*]] = llvm.xor %[[OR]], %[[A]] : i32
// CHECK-NEXT:    %[[LT:.*]] = llvm.icmp "slt" %[[XOR]], %[[A]] : i32
// CHECK-NEXT:    %[[MIN:.*]] = llvm.select %[[LT]], %[[XOR]], %[[A]] : i1, i32
// CHECK-NEXT:    %[[GT:.*]] = llvm.icmp "sgt" %[[MIN]], %[[B]] : i32
// CHECK-NEXT:    %[[MAX:.*]] = llvm.select %[[GT]], %[[MIN]], %[[B]] : i1, i32
// CHECK-NEXT:    llvm.return %[[MAX]] : i32
func.func @int_ops(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  %1 = arith.subi %0, %b : i32
  %2 = arith.muli %1, %a : i32
  %3 = arith.divsi %2, %b : i32
  %4 = arith.remsi %3, %b : i32
  %5 = arith.andi %4, %a : i32
  %6 = arith.ori %5, %a : i32
  %7 = arith.xori %6, %a : i32
  %8 = arith.minsi %7, %a : i32
  %9 = arith.maxsi %8, %b : i32
  func.return %9 : i32
}

// -----

// floordivsi rounds toward -inf: sdiv, minus one when the remainder is non-zero and
// its sign differs from the divisor's.
// CHECK-LABEL: llvm.func @floordiv(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: i64, %[[B:[a-z0-9_]+]]: i64) -> i64 {
// CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(0) : i64
// CHECK-NEXT:    %[[ONE:.*]] = llvm.mlir.constant(1) : i64
// CHECK-NEXT:    %[[Q:.*]] = llvm.sdiv %[[A]], %[[B]] : i64
// CHECK-NEXT:    %[[R:.*]] = llvm.srem %[[A]], %[[B]] : i64
// CHECK-NEXT:    %[[INEXACT:.*]] = llvm.icmp "ne" %[[R]], %[[ZERO]] : i64
// CHECK-NEXT:    %[[RNEG:.*]] = llvm.icmp "slt" %[[R]], %[[ZERO]] : i64
// CHECK-NEXT:    %[[BNEG:.*]] = llvm.icmp "slt" %[[B]], %[[ZERO]] : i64
// CHECK-NEXT:    %[[SIGNS:.*]] = llvm.icmp "ne" %[[RNEG]], %[[BNEG]] : i1
// CHECK-NEXT:    %[[ADJUST:.*]] = llvm.and %[[INEXACT]], %[[SIGNS]] : i1
// CHECK-NEXT:    %[[QM1:.*]] = llvm.sub %[[Q]], %[[ONE]] : i64
// CHECK-NEXT:    %[[RES:.*]] = llvm.select %[[ADJUST]], %[[QM1]], %[[Q]] : i1, i64
// CHECK-NEXT:    llvm.return %[[RES]] : i64
func.func @floordiv(%a: index, %b: index) -> index {
  %q = arith.floordivsi %a, %b : index
  func.return %q : index
}

// -----

// ceildivsi rounds toward +inf: plus one when the signs agree.
// CHECK-LABEL: llvm.func @ceildiv(
// CHECK:         %[[Q:.*]] = llvm.sdiv
// CHECK:         %[[SIGNS:.*]] = llvm.icmp "eq" %{{.*}}, %{{.*}} : i1
// CHECK-NEXT:    %[[ADJUST:.*]] = llvm.and %{{.*}}, %[[SIGNS]] : i1
// CHECK-NEXT:    %[[QP1:.*]] = llvm.add %[[Q]], %{{.*}} : i64
// CHECK-NEXT:    %[[RES:.*]] = llvm.select %[[ADJUST]], %[[QP1]], %[[Q]] : i1, i64
func.func @ceildiv(%a: index, %b: index) -> index {
  %q = arith.ceildivsi %a, %b : index
  func.return %q : index
}

// -----

// CHECK-LABEL: llvm.func @compare_select(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: f32, %[[B:[a-z0-9_]+]]: f32, %[[I:[a-z0-9_]+]]: i64, %[[J:[a-z0-9_]+]]: i64) -> f32 {
// CHECK-NEXT:    %[[LT:.*]] = llvm.fcmp "olt" %[[A]], %[[B]] : f32
// CHECK-NEXT:    %[[NE:.*]] = llvm.icmp "ne" %[[I]], %[[J]] : i64
// CHECK-NEXT:    %[[BOTH:.*]] = llvm.and %[[LT]], %[[NE]] : i1
// CHECK-NEXT:    %[[R:.*]] = llvm.select %[[BOTH]], %[[A]], %[[B]] : i1, f32
// CHECK-NEXT:    llvm.return %[[R]] : f32
func.func @compare_select(%a: f32, %b: f32, %i: index, %j: index) -> f32 {
  %lt = arith.cmpf olt, %a, %b : f32
  %ne = arith.cmpi ne, %i, %j : index
  %both = arith.andi %lt, %ne : i1
  %r = arith.select %both, %a, %b : f32
  func.return %r : f32
}

// -----

// Casts: index_cast truncates/sign-extends between i64 and the width; fptosi and
// uitofp are llvm ops xDSL lacks (targets/llvm/dialect.py).
// CHECK-LABEL: llvm.func @casts(
// CHECK-SAME:      %[[I:[a-z0-9_]+]]: i64, %[[X:[a-z0-9_]+]]: f32, %[[H:[a-z0-9_]+]]: f16, %[[B:[a-z0-9_]+]]: i8) -> f32 {
// CHECK-NEXT:    %[[I32:.*]] = llvm.trunc %[[I]] : i64 to i32
// CHECK-NEXT:    %[[S:.*]] = llvm.sitofp %[[I32]] : i32 to f32
// CHECK-NEXT:    %{{.*}} = llvm.uitofp %[[I32]] : i32 to f32
// CHECK-NEXT:    %[[FI:.*]] = llvm.fptosi %[[X]] : f32 to i32
// CHECK-NEXT:    %{{.*}} = llvm.fpext %[[H]] : f16 to f32
// CHECK-NEXT:    %{{.*}} = llvm.fptrunc %[[X]] : f32 to f16
// CHECK-NEXT:    %{{.*}} = llvm.zext %[[B]] : i8 to i32
// CHECK-NEXT:    %{{.*}} = llvm.sext %[[B]] : i8 to i64
// CHECK-NEXT:    %{{.*}} = llvm.trunc %[[I32]] : i32 to i8
// CHECK-NEXT:    %{{.*}} = llvm.sext %[[FI]] : i32 to i64
// CHECK-NEXT:    llvm.return %[[S]] : f32
func.func @casts(%i: index, %x: f32, %h: f16, %b: i8) -> f32 {
  %0 = arith.index_cast %i : index to i32
  %1 = arith.sitofp %0 : i32 to f32
  %2 = arith.uitofp %0 : i32 to f32
  %3 = arith.fptosi %x : f32 to i32
  %4 = arith.extf %h : f16 to f32
  %5 = arith.truncf %x : f32 to f16
  %6 = arith.extui %b : i8 to i32
  %7 = arith.extsi %b : i8 to i64
  %8 = arith.trunci %0 : i32 to i8
  %9 = arith.index_cast %3 : i32 to index
  func.return %1 : f32
}
