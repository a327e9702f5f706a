// RUN: mopc-opt %s -p convert-to-llvm | filecheck %s

// loop -> llvm (loop_to_llvm.py): the vector compares and selects of the loop dialect
// (xDSL 0.74's arith verifies scalar i1 only) become llvm.fcmp/icmp/select on vectors.

// CHECK-LABEL: llvm.func @where(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: vector<16xf32>, %[[B:[a-z0-9_]+]]: vector<16xf32>, %[[I:[a-z0-9_]+]]: vector<16xi64>, %[[N:[a-z0-9_]+]]: vector<16xi64>) -> vector<16xf32> {
// CHECK-NEXT:    %[[GT:.*]] = llvm.fcmp "ogt" %[[A]], %[[B]] : vector<16xf32>
// CHECK-NEXT:    %[[LT:.*]] = llvm.icmp "slt" %[[I]], %[[N]] : vector<16xi64>
// CHECK-NEXT:    %[[BOTH:.*]] = llvm.and %[[GT]], %[[LT]] : vector<16xi1>
// CHECK-NEXT:    %[[R:.*]] = llvm.select %[[BOTH]], %[[A]], %[[B]] : vector<16xi1>, vector<16xf32>
// CHECK-NEXT:    llvm.return %[[R]] : vector<16xf32>
func.func @where(%a: vector<16xf32>, %b: vector<16xf32>, %i: vector<16xindex>, %n: vector<16xindex>) -> vector<16xf32> {
  %gt = loop.cmpf "ogt", %a, %b : vector<16xf32> -> vector<16xi1>
  %lt = loop.cmpi "slt", %i, %n : vector<16xindex> -> vector<16xi1>
  %both = arith.andi %gt, %lt : vector<16xi1>
  %r = loop.select %both, %a, %b : vector<16xi1>, vector<16xf32>
  func.return %r : vector<16xf32>
}
