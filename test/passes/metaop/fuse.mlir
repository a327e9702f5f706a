// RUN: mopc-opt %s -p metaop-fuse --split-input-file --allow-unregistered-dialect | filecheck %s

// metaop-fuse on hand-written meta-op functions: one case per rule.

// A chain of element-wise ops is one kernel; its name lists the first three op words.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>, %[[Y:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k0_add_mul_exp_4x8" (%[[X]], %[[Y]]) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32> {
// CHECK-NEXT:    ^bb0(%[[A:[^:]+]]: tensor<4x8xf32>, %[[B:[^:]+]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[S:.*]] = metaop.binary add %[[A]], %[[B]] : tensor<4x8xf32>
// CHECK-NEXT:      %[[M:.*]] = metaop.binary mul %[[S]], %[[A]] : tensor<4x8xf32>
// CHECK-NEXT:      %[[E:.*]] = metaop.unary exp %[[M]] : tensor<4x8xf32>
// CHECK-NEXT:      %[[T:.*]] = metaop.unary tanh %[[E]] : tensor<4x8xf32>
// CHECK-NEXT:      metaop.yield %[[T]] : tensor<4x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]] : tensor<4x8xf32>
func.func @chain(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = metaop.binary add %x, %y : tensor<4x8xf32>
  %1 = metaop.binary mul %0, %x : tensor<4x8xf32>
  %2 = metaop.unary exp %1 : tensor<4x8xf32>
  %3 = metaop.unary tanh %2 : tensor<4x8xf32>
  func.return %3 : tensor<4x8xf32>
}

// -----

// A scalar splat (with its broadcast) is copied into each kernel that uses it; the
// transpose between the two uses reads memory, so there are two kernels. `max` with a
// zero splat is named `relu`.
// CHECK-LABEL: func.func @splats(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x4xf32>
// CHECK-NEXT:    %[[R:.*]] = metaop.kernel "k0_relu_4x4" (%[[X]]) : (tensor<4x4xf32>) -> tensor<4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[A:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[Z:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[ZB:.*]] = metaop.broadcast %[[Z]] dims [0, 1] : tensor<f32> -> tensor<4x4xf32>
// CHECK-NEXT:      %[[M:.*]] = metaop.binary max %[[A]], %[[ZB]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[M]] : tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k1_min_4x4" (%[[R]]) : (tensor<4x4xf32>) -> tensor<4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[B:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[T:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
// CHECK-NEXT:      %[[Z2:.*]] = metaop.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:      %[[ZB2:.*]] = metaop.broadcast %[[Z2]] dims [0, 1] : tensor<f32> -> tensor<4x4xf32>
// CHECK-NEXT:      %[[N:.*]] = metaop.binary min %[[T]], %[[ZB2]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[N]] : tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]] : tensor<4x4xf32>
func.func @splats(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %z = metaop.constant dense<0.000000e+00> : tensor<f32>
  %zb = metaop.broadcast %z dims [0, 1] : tensor<f32> -> tensor<4x4xf32>
  %0 = metaop.binary max %x, %zb : tensor<4x4xf32>
  %1 = metaop.reindex %0 map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
  %2 = metaop.binary min %1, %zb : tensor<4x4xf32>
  func.return %2 : tensor<4x4xf32>
}

// -----

// Horizontal fusion: two reductions of %x over the same axes (one through x*x) share a
// kernel with two results; a reduction over other axes gets its own.
// CHECK-LABEL: func.func @siblings(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>
// CHECK-NEXT:    %[[K0:[^,]+]], %[[K1:[^ ]+]] = metaop.kernel "k0_reduce_mean_mean_4x1" (%[[X]]) : (tensor<4x8xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>) {
// CHECK-NEXT:    ^bb0(%[[A:[^:]+]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[M1:.*]] = metaop.reduce mean %[[A]] axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
// CHECK-NEXT:      %[[SQ:.*]] = metaop.binary mul %[[A]], %[[A]] : tensor<4x8xf32>
// CHECK-NEXT:      %[[M2:.*]] = metaop.reduce mean %[[SQ]] axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
// CHECK-NEXT:      metaop.yield %[[M1]], %[[M2]] : tensor<4x1xf32>, tensor<4x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[MAX:.*]] = metaop.kernel "k1_reduce_max_8" (%[[X]]) : (tensor<4x8xf32>) -> tensor<8xf32> {
// CHECK-NEXT:    ^bb0(%[[B:[^:]+]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[R:.*]] = metaop.reduce max %[[B]] axes [0] : tensor<4x8xf32> -> tensor<8xf32>
// CHECK-NEXT:      metaop.yield %[[R]] : tensor<8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K0]], %[[K1]], %[[MAX]] :
func.func @siblings(%x: tensor<4x8xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>, tensor<8xf32>) {
  %0 = metaop.reduce mean %x axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
  %1 = metaop.binary mul %x, %x : tensor<4x8xf32>
  %2 = metaop.reduce mean %1 axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
  %3 = metaop.reduce max %x axes [0] : tensor<4x8xf32> -> tensor<8xf32>
  func.return %0, %2, %3 : tensor<4x1xf32>, tensor<4x1xf32>, tensor<8xf32>
}

// -----

// Fusing exp into the add would create a cycle: the transpose between them reads exp's
// result from memory. exp's result becomes a kernel output read by the second kernel.
// CHECK-LABEL: func.func @cycle(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x4xf32>
// CHECK-NEXT:    %[[E:.*]] = metaop.kernel "k0_exp_4x4" (%[[X]]) : (tensor<4x4xf32>) -> tensor<4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[A:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[E1:.*]] = metaop.unary exp %[[A]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[E1]] : tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k1_add_4x4" (%[[E]]) : (tensor<4x4xf32>) -> tensor<4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[B:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[T:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
// CHECK-NEXT:      %[[S:.*]] = metaop.binary add %[[B]], %[[T]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[S]] : tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]] : tensor<4x4xf32>
func.func @cycle(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = metaop.unary exp %x : tensor<4x4xf32>
  %1 = metaop.reindex %0 map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
  %2 = metaop.binary add %0, %1 : tensor<4x4xf32>
  func.return %2 : tensor<4x4xf32>
}

// -----

// %b and %c read %y over the same domain, but fusing them horizontally would make a
// cycle through the kernel of %a and %d (%c -> %rc -> %d, %a -> %ra -> %b): the check
// runs on the graph of kernels, not of ops (%c reaches no op of %b's).
// CHECK-LABEL: func.func @sibling_cycle(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x4xf32>, %[[Y:[a-z0-9_]+]]: tensor<4x4xf32>
// CHECK-NEXT:    %[[C:.*]] = metaop.kernel "k0_mul_4x4" (%[[Y]]) : (tensor<4x4xf32>) -> tensor<4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[Y1:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[C1:.*]] = metaop.binary mul %[[Y1]], %[[Y1]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[C1]] : tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[A:[^,]+]], %[[D:[^ ]+]] = metaop.kernel "k1_exp_add_4x4" (%[[X]], %[[C]]) : (tensor<4x4xf32>, tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
// CHECK-NEXT:    ^bb0(%[[X2:[^:]+]]: tensor<4x4xf32>, %[[C2:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[A2:.*]] = metaop.unary exp %[[X2]] : tensor<4x4xf32>
// CHECK-NEXT:      %[[RC:.*]] = metaop.reindex %[[C2]] map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
// CHECK-NEXT:      %[[D2:.*]] = metaop.binary add %[[A2]], %[[RC]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[A2]], %[[D2]] : tensor<4x4xf32>, tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[B:.*]] = metaop.kernel "k2_add_4x4" (%[[A]], %[[Y]]) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32> {
// CHECK-NEXT:    ^bb0(%[[A3:[^:]+]]: tensor<4x4xf32>, %[[Y3:[^:]+]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[RA:.*]] = metaop.reindex %[[A3]] map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
// CHECK-NEXT:      %[[B3:.*]] = metaop.binary add %[[RA]], %[[Y3]] : tensor<4x4xf32>
// CHECK-NEXT:      metaop.yield %[[B3]] : tensor<4x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[B]], %[[D]] :
func.func @sibling_cycle(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %a = metaop.unary exp %x : tensor<4x4xf32>
  %ra = metaop.reindex %a map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
  %b = metaop.binary add %ra, %y : tensor<4x4xf32>
  %c = metaop.binary mul %y, %y : tensor<4x4xf32>
  %rc = metaop.reindex %c map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x4xf32> -> tensor<4x4xf32>
  %d = metaop.binary add %a, %rc : tensor<4x4xf32>
  func.return %b, %d : tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

// An epilogue after a reduce: element-wise ops of the reduced shape on the reduce's
// result, a kernel input (%y) and a broadcast of one (%b); named after the sigmoid.
// CHECK-LABEL: func.func @epilogue(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>, %[[Y:[a-z0-9_]+]]: tensor<4x1xf32>, %[[B:[a-z0-9_]+]]: tensor<4xf32>
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k0_reduce_add_sigmoid_4x1" (%[[X]], %[[Y]], %[[B]]) : (tensor<4x8xf32>, tensor<4x1xf32>, tensor<4xf32>) -> tensor<4x1xf32> {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<4x8xf32>, %[[Y1:[^:]+]]: tensor<4x1xf32>, %[[B1:[^:]+]]: tensor<4xf32>):
// CHECK-NEXT:      %[[R:.*]] = metaop.reduce add %[[X1]] axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
// CHECK-NEXT:      %[[S:.*]] = metaop.binary add %[[R]], %[[Y1]] : tensor<4x1xf32>
// CHECK-NEXT:      %[[BB:.*]] = metaop.broadcast %[[B1]] dims [1] : tensor<4xf32> -> tensor<4x1xf32>
// CHECK-NEXT:      %[[M:.*]] = metaop.binary mul %[[S]], %[[BB]] : tensor<4x1xf32>
// CHECK-NEXT:      %[[G:.*]] = metaop.unary sigmoid %[[M]] : tensor<4x1xf32>
// CHECK-NEXT:      metaop.yield %[[G]] : tensor<4x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]] : tensor<4x1xf32>
func.func @epilogue(%x: tensor<4x8xf32>, %y: tensor<4x1xf32>, %b: tensor<4xf32>) -> tensor<4x1xf32> {
  %0 = metaop.reduce add %x axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
  %1 = metaop.binary add %0, %y : tensor<4x1xf32>
  %2 = metaop.broadcast %b dims [1] : tensor<4xf32> -> tensor<4x1xf32>
  %3 = metaop.binary mul %1, %2 : tensor<4x1xf32>
  %4 = metaop.unary sigmoid %3 : tensor<4x1xf32>
  func.return %4 : tensor<4x1xf32>
}

// -----

// An element-wise value of the reduced shape computed from memory only (y*y) joins
// the epilogue that reads it: it iterates over the reduced shape too. It is also
// returned, so it is also a result.
// CHECK-LABEL: func.func @epilogue_side_value(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x8xf32>, %[[Y:[a-z0-9_]+]]: tensor<4x1xf32>
// CHECK-NEXT:    %[[SQ:[^,]+]], %[[K:[^ ]+]] = metaop.kernel "k0_reduce_add_4x1" (%[[Y]], %[[X]]) : (tensor<4x1xf32>, tensor<4x8xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>) {
// CHECK-NEXT:    ^bb0(%[[Y1:[^:]+]]: tensor<4x1xf32>, %[[X1:[^:]+]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[SQ1:.*]] = metaop.binary mul %[[Y1]], %[[Y1]] : tensor<4x1xf32>
// CHECK-NEXT:      %[[R:.*]] = metaop.reduce add %[[X1]] axes [1] keepdims
// CHECK-NEXT:      %[[S:.*]] = metaop.binary add %[[R]], %[[SQ1]] : tensor<4x1xf32>
// CHECK-NEXT:      metaop.yield %[[SQ1]], %[[S]] : tensor<4x1xf32>, tensor<4x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]], %[[SQ]] :
func.func @epilogue_side_value(%x: tensor<4x8xf32>, %y: tensor<4x1xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>) {
  %0 = metaop.binary mul %y, %y : tensor<4x1xf32>
  %1 = metaop.reduce add %x axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
  %2 = metaop.binary add %1, %0 : tensor<4x1xf32>
  func.return %2, %0 : tensor<4x1xf32>, tensor<4x1xf32>
}

// -----

// A reduce is its kernel's sink: the second reduction is another kernel.
// CHECK-LABEL: func.func @reduce_chain(
// CHECK-NEXT:    %[[MAX:.*]] = metaop.kernel "k0_reduce_max_2x3x1" (%{{.*}}) : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32> {
// CHECK:         %[[MEAN:.*]] = metaop.kernel "k1_reduce_mean_2x1" (%[[MAX]]) : (tensor<2x3x1xf32>) -> tensor<2x1xf32> {
// CHECK:         func.return %[[MEAN]]
func.func @reduce_chain(%x: tensor<2x3x4xf32>) -> tensor<2x1xf32> {
  %0 = metaop.reduce max %x axes [2] keepdims : tensor<2x3x4xf32> -> tensor<2x3x1xf32>
  %1 = metaop.reduce mean %0 axes [1] : tensor<2x3x1xf32> -> tensor<2x1xf32>
  func.return %1 : tensor<2x1xf32>
}

// -----

// A non-scalar constant stays outside and is read as a kernel input; a one-element
// constant is copied in like a scalar.
// CHECK-LABEL: func.func @constants(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x3xf32>
// CHECK-NEXT:    %[[W:.*]] = metaop.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k0_mul_add_2x3" (%[[X]], %[[W]])
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<2x3xf32>, %[[W1:[^:]+]]: tensor<2x3xf32>):
// CHECK-NEXT:      %[[M:.*]] = metaop.binary mul %[[X1]], %[[W1]] : tensor<2x3xf32>
// CHECK-NEXT:      %[[S:.*]] = metaop.constant dense<2.000000e+00> : tensor<1xf32>
// CHECK-NEXT:      %[[SB:.*]] = metaop.broadcast %[[S]] dims [0] : tensor<1xf32> -> tensor<2x3xf32>
// CHECK-NEXT:      %[[A:.*]] = metaop.binary add %[[M]], %[[SB]] : tensor<2x3xf32>
// CHECK-NEXT:      metaop.yield %[[A]] : tensor<2x3xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K]] : tensor<2x3xf32>
func.func @constants(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %w = metaop.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = metaop.constant dense<2.0> : tensor<1xf32>
  %sb = metaop.broadcast %s dims [0] : tensor<1xf32> -> tensor<2x3xf32>
  %0 = metaop.binary mul %x, %w : tensor<2x3xf32>
  %1 = metaop.binary add %0, %sb : tensor<2x3xf32>
  func.return %1 : tensor<2x3xf32>
}

// -----

// Reindex-class ops and scalars that memory must hold (returned, or read by another
// reindex) get copy kernels; a dead meta-op is dropped.
// CHECK-LABEL: func.func @materialised(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x6xf32>
// CHECK-NEXT:    %[[R:.*]] = metaop.kernel "k0_reindex_4x3" (%[[X]]) : (tensor<2x6xf32>) -> tensor<4x3xf32> {
// CHECK-NEXT:    ^bb0(%[[X1:[^:]+]]: tensor<2x6xf32>):
// CHECK-NEXT:      %[[R1:.*]] = metaop.reindex %[[X1]] map
// CHECK-NEXT:      metaop.yield %[[R1]] : tensor<4x3xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[T:.*]] = metaop.kernel "k1_reindex_3x4" (%[[R]]) : (tensor<4x3xf32>) -> tensor<3x4xf32> {
// CHECK-NEXT:    ^bb0(%[[R2:[^:]+]]: tensor<4x3xf32>):
// CHECK-NEXT:      %[[T2:.*]] = metaop.reindex %[[R2]] map affine_map<(d0, d1) -> (d1, d0)>
// CHECK-NEXT:      metaop.yield %[[T2]] : tensor<3x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[C:.*]] = metaop.kernel "k2_constant_scalar" () : () -> tensor<f32> {
// CHECK-NEXT:      %[[C1:.*]] = metaop.constant dense<1.500000e+00> : tensor<f32>
// CHECK-NEXT:      metaop.yield %[[C1]] : tensor<f32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[R]], %[[T]], %[[C]] :
// CHECK-NOT:     metaop.unary
func.func @materialised(%x: tensor<2x6xf32>) -> (tensor<4x3xf32>, tensor<3x4xf32>, tensor<f32>) {
  %0 = metaop.reindex %x map affine_map<(d0, d1) -> ((d0 * 3 + d1) floordiv 6, (d0 * 3 + d1) mod 6)> : tensor<2x6xf32> -> tensor<4x3xf32>
  %1 = metaop.reindex %0 map affine_map<(d0, d1) -> (d1, d0)> : tensor<4x3xf32> -> tensor<3x4xf32>
  %c = metaop.constant dense<1.5> : tensor<f32>
  %dead = metaop.unary exp %x : tensor<2x6xf32>
  func.return %0, %1, %c : tensor<4x3xf32>, tensor<3x4xf32>, tensor<f32>
}

// -----

// A reindex_reduce takes a prologue but no epilogue: each of its results is complete
// only when the whole scatter has run.
// CHECK-LABEL: func.func @scatter(
// CHECK-NEXT:    %[[S:.*]] = metaop.kernel "k0_reindex_reduce_add_4" (%{{.*}}, %{{.*}}) : (tensor<8x3xf32>, tensor<8x3xf32>) -> tensor<4xf32> {
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      %[[M:.*]] = metaop.binary mul
// CHECK-NEXT:      %[[R:.*]] = metaop.reindex_reduce add %[[M]]
// CHECK-NEXT:      metaop.yield %[[R]] : tensor<4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[E:.*]] = metaop.kernel "k1_exp_4" (%[[S]])
func.func @scatter(%y: tensor<8x3xf32>, %s: tensor<8x3xf32>) -> tensor<4xf32> {
  %0 = metaop.binary mul %y, %s : tensor<8x3xf32>
  %1 = metaop.reindex_reduce add %0 map affine_map<(d0, d1) -> (d0 floordiv 2)> : tensor<8x3xf32> -> tensor<4xf32>
  %2 = metaop.unary exp %1 : tensor<4xf32>
  func.return %2 : tensor<4xf32>
}

// -----

// A value used inside its kernel and outside (returned) is one of its results; one used
// only inside stays internal (the mul).
// CHECK-LABEL: func.func @outputs(
// CHECK-NEXT:    %[[K0:[^,]+]], %[[K1:[^ ]+]] = metaop.kernel "k0_exp_reduce_add_4" (%{{.*}}) : (tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4xf32>) {
// CHECK-NEXT:    ^bb0(%[[X:[^:]+]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[E:.*]] = metaop.unary exp %[[X]] : tensor<4x8xf32>
// CHECK-NEXT:      %[[M:.*]] = metaop.binary mul %[[E]], %[[X]] : tensor<4x8xf32>
// CHECK-NEXT:      %[[R:.*]] = metaop.reduce add %[[M]] axes [1] : tensor<4x8xf32> -> tensor<4xf32>
// CHECK-NEXT:      metaop.yield %[[E]], %[[R]] : tensor<4x8xf32>, tensor<4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[K0]], %[[K1]] :
func.func @outputs(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4xf32>) {
  %0 = metaop.unary exp %x : tensor<4x8xf32>
  %1 = metaop.binary mul %0, %x : tensor<4x8xf32>
  %2 = metaop.reduce add %1 axes [1] : tensor<4x8xf32> -> tensor<4xf32>
  func.return %0, %2 : tensor<4x8xf32>, tensor<4xf32>
}

// -----

// Ops of other dialects stay where the dependences put them, between the kernels.
// CHECK-LABEL: func.func @mixed(
// CHECK-NEXT:    %[[E:.*]] = metaop.kernel "k0_exp_4" (%{{.*}})
// CHECK:         %[[U:.*]] = "mydialect.op"(%[[E]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k1_add_4" (%[[E]], %[[U]])
// CHECK:         func.return %[[K]] : tensor<4xf32>
func.func @mixed(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = metaop.unary exp %x : tensor<4xf32>
  %1 = "mydialect.op"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = metaop.binary add %0, %1 : tensor<4xf32>
  func.return %2 : tensor<4xf32>
}

// -----

// Kernels already in the module are left alone, and new names continue their numbers
// (a second run of the pass changes nothing).
// CHECK-LABEL: func.func @again(
// CHECK-NEXT:    %[[K:.*]] = metaop.kernel "k4_exp_4" (%{{.*}})
// CHECK:         %[[L:.*]] = metaop.kernel "k5_neg_4" (%[[K]])
// CHECK:         func.return %[[L]]
func.func @again(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = metaop.kernel "k4_exp_4" (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %e = metaop.unary exp %a : tensor<4xf32>
    metaop.yield %e : tensor<4xf32>
  }
  %1 = metaop.unary neg %0 : tensor<4xf32>
  func.return %1 : tensor<4xf32>
}
