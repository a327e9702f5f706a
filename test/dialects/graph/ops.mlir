// RUN: %roundtrip
// RUN: %roundtrip-generic

// Every graph op in its custom syntax, with all its syntactic variants. The first RUN
// line prints generically and parses that back (so the generic form must be complete),
// then checks the custom form; the second checks the generic form itself.

// CHECK-LABEL: func.func @constant
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "constant"
func.func @constant() -> (tensor<2xf32>, tensor<2x3xf32>, tensor<64x3x7x7xf32>, tensor<f32>, tensor<1xf32>) {
  // CHECK: %{{.*}} = graph.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  // CHECK-NEXT: %{{.*}} = graph.constant dense<-2.500000e-01> : tensor<2x3xf32>
  // CHECK-NEXT: %{{.*}} = graph.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
  // CHECK-NEXT: %{{.*}} = graph.constant dense<3.000000e+00> : tensor<f32>
  // CHECK-NEXT: %{{.*}} = graph.constant dense<1.500000e+00> : tensor<1xf32> {note = "attr-dict"}
  // CHECK-GENERIC: %{{.*}} = "graph.constant"() <{value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
  // CHECK-GENERIC: %{{.*}} = "graph.constant"() <{value = dense<-2.500000e-01> : tensor<2x3xf32>}> : () -> tensor<2x3xf32>
  // CHECK-GENERIC: %{{.*}} = "graph.constant"() <{value = dense_resource<conv1.weight> : tensor<64x3x7x7xf32>}> : () -> tensor<64x3x7x7xf32>
  // CHECK-GENERIC: %{{.*}} = "graph.constant"() <{value = dense<3.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  // CHECK-GENERIC: %{{.*}} = "graph.constant"() <{value = dense<1.500000e+00> : tensor<1xf32>}> {note = "attr-dict"} : () -> tensor<1xf32>
  %0 = graph.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = graph.constant dense<-0.25> : tensor<2x3xf32>
  %2 = graph.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
  %3 = graph.constant dense<3.0> : tensor<f32>
  %4 = graph.constant dense<[1.5]> : tensor<1xf32> {note = "attr-dict"}
  func.return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2x3xf32>, tensor<64x3x7x7xf32>, tensor<f32>, tensor<1xf32>
}

// -----

// CHECK-LABEL: func.func @unary(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x64x56x56xf32>)
// CHECK-NEXT: %[[R0:.*]] = graph.relu %[[X]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R1:.*]] = graph.sigmoid %[[R0]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R2:.*]] = graph.tanh %[[R1]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R3:.*]] = graph.exp %[[R2]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R4:.*]] = graph.log %[[R3]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R5:.*]] = graph.sqrt %[[R4]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R6:.*]] = graph.neg %[[R5]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[R7:.*]] = graph.abs %[[R6]] {tag} : tensor<1x64x56x56xf32>
// CHECK-NEXT: %[[S:.*]] = graph.reduce_sum %[[R7]] axes [0, 1, 2, 3] : tensor<1x64x56x56xf32> -> tensor<f32>
// CHECK-NEXT: %[[R8:.*]] = graph.relu %[[S]] : tensor<f32>
// CHECK-NEXT: func.return %[[R8]] : tensor<f32>
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "unary"
// CHECK-GENERIC: %[[R0:.*]] = "graph.relu"(%{{.*}}) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: %[[R1:.*]] = "graph.sigmoid"(%[[R0]]) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.tanh"(%[[R1]]) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.exp"(%{{.*}}) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.log"(%{{.*}}) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.sqrt"(%{{.*}}) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.neg"(%{{.*}}) : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.abs"(%{{.*}}) {tag} : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.relu"(%{{.*}}) : (tensor<f32>) -> tensor<f32>
func.func @unary(%x: tensor<1x64x56x56xf32>) -> tensor<f32> {
  %0 = graph.relu %x : tensor<1x64x56x56xf32>
  %1 = graph.sigmoid %0 : tensor<1x64x56x56xf32>
  %2 = graph.tanh %1 : tensor<1x64x56x56xf32>
  %3 = graph.exp %2 : tensor<1x64x56x56xf32>
  %4 = graph.log %3 : tensor<1x64x56x56xf32>
  %5 = graph.sqrt %4 : tensor<1x64x56x56xf32>
  %6 = graph.neg %5 : tensor<1x64x56x56xf32>
  %7 = graph.abs %6 {tag} : tensor<1x64x56x56xf32>
  %s = graph.reduce_sum %7 axes [0, 1, 2, 3] : tensor<1x64x56x56xf32> -> tensor<f32>
  %8 = graph.relu %s : tensor<f32>
  func.return %8 : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x32x8x8xf32>)
// CHECK-NEXT: %[[A:.*]] = graph.leaky_relu %[[X]] alpha 1.000000e-01 : tensor<1x32x8x8xf32>
// CHECK-NEXT: %[[B:.*]] = graph.leaky_relu %[[A]] alpha 0.000000e+00 : tensor<1x32x8x8xf32>
// CHECK-NEXT: %[[C:.*]] = graph.leaky_relu %[[B]] alpha -2.500000e+00 : tensor<1x32x8x8xf32>
// CHECK-NEXT: func.return %[[C]]
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "leaky_relu"
// CHECK-GENERIC: "graph.leaky_relu"(%{{.*}}) <{alpha = 1.000000e-01 : f32}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-GENERIC: "graph.leaky_relu"(%{{.*}}) <{alpha = 0.000000e+00 : f32}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-GENERIC: "graph.leaky_relu"(%{{.*}}) <{alpha = -2.500000e+00 : f32}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
func.func @leaky_relu(%x: tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32> {
  %0 = graph.leaky_relu %x alpha 1.000000e-01 : tensor<1x32x8x8xf32>
  %1 = graph.leaky_relu %0 alpha 0.0 : tensor<1x32x8x8xf32>
  %2 = graph.leaky_relu %1 alpha -2.5 : tensor<1x32x8x8xf32>
  func.return %2 : tensor<1x32x8x8xf32>
}

// -----

// A missing bound is unbounded; min == max is allowed.

// CHECK-LABEL: func.func @clip(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x32x8x8xf32>)
// CHECK-NEXT: %[[A:.*]] = graph.clip %[[X]] min 0.000000e+00 max 6.000000e+00 : tensor<1x32x8x8xf32>
// CHECK-NEXT: %[[B:.*]] = graph.clip %[[A]] min -1.000000e+00 : tensor<1x32x8x8xf32>
// CHECK-NEXT: %[[C:.*]] = graph.clip %[[B]] max 1.000000e+00 : tensor<1x32x8x8xf32>
// CHECK-NEXT: %[[D:.*]] = graph.clip %[[C]] : tensor<1x32x8x8xf32>
// CHECK-NEXT: %[[E:.*]] = graph.clip %[[D]] min 5.000000e-01 max 5.000000e-01 : tensor<1x32x8x8xf32>
// CHECK-NEXT: func.return %[[E]]
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "clip"
// CHECK-GENERIC: "graph.clip"(%{{.*}}) <{min = 0.000000e+00 : f32, max = 6.000000e+00 : f32}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-GENERIC: "graph.clip"(%{{.*}}) <{min = -1.000000e+00 : f32}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-GENERIC: "graph.clip"(%{{.*}}) <{max = 1.000000e+00 : f32}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-GENERIC: "graph.clip"(%{{.*}}) : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
func.func @clip(%x: tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32> {
  %0 = graph.clip %x min 0.0 max 6.0 : tensor<1x32x8x8xf32>
  %1 = graph.clip %0 min -1.0 : tensor<1x32x8x8xf32>
  %2 = graph.clip %1 max 1.0 : tensor<1x32x8x8xf32>
  %3 = graph.clip %2 : tensor<1x32x8x8xf32>
  %4 = graph.clip %3 min 0.5 max 0.5 : tensor<1x32x8x8xf32>
  func.return %4 : tensor<1x32x8x8xf32>
}

// -----

// NumPy broadcasting: trailing alignment, size-1 axes stretch, rank-0 operands.

// CHECK-LABEL: func.func @binary(
// CHECK-SAME: %[[A:[^:]*]]: tensor<1x64x56x56xf32>, %[[B:[^:]*]]: tensor<64x1x1xf32>, %[[C:[^:]*]]: tensor<4x8xf32>, %[[D:[^:]*]]: tensor<8xf32>, %[[E:[^:]*]]: tensor<4x1xf32>, %[[S:[^:]*]]: tensor<f32>, %[[F:[^:]*]]: tensor<1x8xf32>)
// CHECK-NEXT: %{{.*}} = graph.add %[[A]], %[[B]] : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = graph.sub %[[C]], %[[D]] : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.mul %[[C]], %[[E]] : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.div %[[C]], %[[S]] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.pow %[[S]], %[[C]] : (tensor<f32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.maximum %[[C]], %[[C]] : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.minimum %[[E]], %[[F]] : (tensor<4x1xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.add %[[S]], %[[S]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "binary"
// CHECK-GENERIC: "graph.add"(%{{.*}}, %{{.*}}) : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.sub"(%{{.*}}, %{{.*}}) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
// CHECK-GENERIC: "graph.mul"(%{{.*}}, %{{.*}}) : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
// CHECK-GENERIC: "graph.div"(%{{.*}}, %{{.*}}) : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
// CHECK-GENERIC: "graph.pow"(%{{.*}}, %{{.*}}) : (tensor<f32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-GENERIC: "graph.maximum"(%{{.*}}, %{{.*}}) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-GENERIC: "graph.minimum"(%{{.*}}, %{{.*}}) : (tensor<4x1xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
func.func @binary(%a: tensor<1x64x56x56xf32>, %b: tensor<64x1x1xf32>, %c: tensor<4x8xf32>, %d: tensor<8xf32>, %e: tensor<4x1xf32>, %s: tensor<f32>, %f: tensor<1x8xf32>) -> (tensor<1x64x56x56xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<f32>) {
  %0 = graph.add %a, %b : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
  %1 = graph.sub %c, %d : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %2 = graph.mul %c, %e : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %3 = graph.div %c, %s : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %4 = graph.pow %s, %c : (tensor<f32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %5 = graph.maximum %c, %c : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %6 = graph.minimum %e, %f : (tensor<4x1xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  %7 = graph.add %s, %s : (tensor<f32>, tensor<f32>) -> tensor<f32>
  func.return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<1x64x56x56xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<f32>
}

// -----

// The bias is optional; `groups` is printed only when it is not 1.

// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x3x224x224xf32>, %[[W:[^:]*]]: tensor<64x3x7x7xf32>, %[[B:[^:]*]]: tensor<64xf32>, %[[DX:[^:]*]]: tensor<1x32x56x56xf32>, %[[DW:[^:]*]]: tensor<32x1x3x3xf32>, %[[GX:[^:]*]]: tensor<1x8x5x5xf32>, %[[GW:[^:]*]]: tensor<4x4x1x1xf32>, %[[GB:[^:]*]]: tensor<4xf32>, %[[AX:[^:]*]]: tensor<1x4x8x8xf32>, %[[AW:[^:]*]]: tensor<8x4x3x3xf32>)
// CHECK-NEXT: %{{.*}} = graph.conv2d %[[X]], %[[W]], %[[B]] strides [2, 2] pads [3, 3, 3, 3] dilations [1, 1] : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
// CHECK-NEXT: %{{.*}} = graph.conv2d %[[X]], %[[W]] strides [2, 2] pads [3, 3, 3, 3] dilations [1, 1] : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32>
// CHECK-NEXT: %{{.*}} = graph.conv2d %[[DX]], %[[DW]] strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] groups 32 : (tensor<1x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x56x56xf32>
// CHECK-NEXT: %{{.*}} = graph.conv2d %[[GX]], %[[GW]], %[[GB]] strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 2 : (tensor<1x8x5x5xf32>, tensor<4x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
// CHECK-NEXT: %{{.*}} = graph.conv2d %[[AX]], %[[AW]] strides [1, 2] pads [0, 1, 2, 0] dilations [2, 1] : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x4xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "conv2d"
// CHECK-GENERIC: "graph.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) <{strides = array<i64: 2, 2>, pads = array<i64: 3, 3, 3, 3>, dilations = array<i64: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 1>, groups = 1 : i64}> : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
// CHECK-GENERIC: "graph.conv2d"(%{{.*}}, %{{.*}}) <{strides = array<i64: 2, 2>, pads = array<i64: 3, 3, 3, 3>, dilations = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32>
// CHECK-GENERIC: "graph.conv2d"(%{{.*}}, %{{.*}}) <{strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 32 : i64, operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<1x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x56x56xf32>
// CHECK-GENERIC: "graph.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) <{strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<1x8x5x5xf32>, tensor<4x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
// CHECK-GENERIC: "graph.conv2d"(%{{.*}}, %{{.*}}) <{strides = array<i64: 1, 2>, pads = array<i64: 0, 1, 2, 0>, dilations = array<i64: 2, 1>, operandSegmentSizes = array<i32: 1, 1, 0>, groups = 1 : i64}> : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x4xf32>
func.func @conv2d(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %b: tensor<64xf32>, %dx: tensor<1x32x56x56xf32>, %dw: tensor<32x1x3x3xf32>, %gx: tensor<1x8x5x5xf32>, %gw: tensor<4x4x1x1xf32>, %gb: tensor<4xf32>, %ax: tensor<1x4x8x8xf32>, %aw: tensor<8x4x3x3xf32>) {
  %0 = graph.conv2d %x, %w, %b strides [2, 2] pads [3, 3, 3, 3] dilations [1, 1] : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  // An explicit `groups 1` is the default and is not printed back.
  %1 = graph.conv2d %x, %w strides [2, 2] pads [3, 3, 3, 3] dilations [1, 1] groups 1 : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32>
  %2 = graph.conv2d %dx, %dw strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] groups 32 : (tensor<1x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x56x56xf32>
  %3 = graph.conv2d %gx, %gw, %gb strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 2 : (tensor<1x8x5x5xf32>, tensor<4x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
  // Asymmetric pads [top, left, bottom, right], per-axis strides and dilations.
  %4 = graph.conv2d %ax, %aw strides [1, 2] pads [0, 1, 2, 0] dilations [2, 1] : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x4xf32>
  func.return
}

// -----

// The transposed convolution's weight is [C, O/G, KH, KW]; `groups` is printed only
// when it is not 1, and `output_padding` extends the result at the end.

// CHECK-LABEL: func.func @conv_transpose2d(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x8x4x4xf32>, %[[W:[^:]*]]: tensor<8x3x3x3xf32>, %[[B:[^:]*]]: tensor<3xf32>, %[[WG:[^:]*]]: tensor<8x2x3x3xf32>)
// CHECK-NEXT: %{{.*}} = graph.conv_transpose2d %[[X]], %[[W]], %[[B]] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] output_padding [1, 1] : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
// CHECK-NEXT: %{{.*}} = graph.conv_transpose2d %[[X]], %[[WG]] strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] groups 2 : (tensor<1x8x4x4xf32>, tensor<8x2x3x3xf32>) -> tensor<1x4x6x6xf32>
// CHECK-NEXT: %{{.*}} = graph.conv_transpose2d %[[X]], %[[W]] strides [3, 1] pads [0, 2, 1, 0] dilations [1, 2] output_padding [2, 0] : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>) -> tensor<1x3x13x6xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "conv_transpose2d"
// CHECK-GENERIC: "graph.conv_transpose2d"(%{{.*}}, %{{.*}}, %{{.*}}) <{strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 1>, groups = 1 : i64}> : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
// CHECK-GENERIC: "graph.conv_transpose2d"(%{{.*}}, %{{.*}}) <{strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<1x8x4x4xf32>, tensor<8x2x3x3xf32>) -> tensor<1x4x6x6xf32>
// CHECK-GENERIC: "graph.conv_transpose2d"(%{{.*}}, %{{.*}}) <{strides = array<i64: 3, 1>, pads = array<i64: 0, 2, 1, 0>, dilations = array<i64: 1, 2>, output_padding = array<i64: 2, 0>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>) -> tensor<1x3x13x6xf32>
func.func @conv_transpose2d(%x: tensor<1x8x4x4xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<3xf32>, %wg: tensor<8x2x3x3xf32>) {
  %0 = graph.conv_transpose2d %x, %w, %b strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] output_padding [1, 1] : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  %1 = graph.conv_transpose2d %x, %wg strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] groups 2 : (tensor<1x8x4x4xf32>, tensor<8x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  // Rows: 3 * (4 - 1) + 2 + (3 - 1) + 1 - 0 - 1 = 13; columns: (4 - 1) + 2 * (3 - 1) + 1 - 2 = 6.
  %2 = graph.conv_transpose2d %x, %w strides [3, 1] pads [0, 2, 1, 0] dilations [1, 2] output_padding [2, 0] groups 1 : (tensor<1x8x4x4xf32>, tensor<8x3x3x3xf32>) -> tensor<1x3x13x6xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x64x56x56xf32>, %[[S:[^:]*]]: tensor<64xf32>, %[[B:[^:]*]]: tensor<64xf32>, %[[M:[^:]*]]: tensor<64xf32>, %[[V:[^:]*]]: tensor<64xf32>, %[[Y:[^:]*]]: tensor<2x64xf32>)
// CHECK-NEXT: %{{.*}} = graph.batch_norm %[[X]], %[[S]], %[[B]], %[[M]], %[[V]] epsilon 1.000000e-05 : tensor<1x64x56x56xf32>, tensor<64xf32>
// CHECK-NEXT: %{{.*}} = graph.batch_norm %[[Y]], %[[S]], %[[B]], %[[M]], %[[V]] epsilon 1.000000e-03 : tensor<2x64xf32>, tensor<64xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "batch_norm"
// CHECK-GENERIC: "graph.batch_norm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{epsilon = 1.000000e-05 : f32}> : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.batch_norm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{epsilon = 1.000000e-03 : f32}> : (tensor<2x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<2x64xf32>
func.func @batch_norm(%x: tensor<1x64x56x56xf32>, %s: tensor<64xf32>, %b: tensor<64xf32>, %m: tensor<64xf32>, %v: tensor<64xf32>, %y: tensor<2x64xf32>) {
  %0 = graph.batch_norm %x, %s, %b, %m, %v epsilon 1.000000e-05 : tensor<1x64x56x56xf32>, tensor<64xf32>
  %1 = graph.batch_norm %y, %s, %b, %m, %v epsilon 0.001 : tensor<2x64xf32>, tensor<64xf32>
  func.return
}

// -----

// `ceil_mode` rounds the output size up: 9x9 with a 2x2 window and stride 2 gives 4x4,
// or 5x5 in ceil mode.

// CHECK-LABEL: func.func @max_pool2d(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x64x112x112xf32>, %[[Y:[^:]*]]: tensor<1x8x9x9xf32>)
// CHECK-NEXT: %{{.*}} = graph.max_pool2d %[[X]] kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = graph.max_pool2d %[[Y]] kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
// CHECK-NEXT: %{{.*}} = graph.max_pool2d %[[Y]] kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] ceil_mode : tensor<1x8x9x9xf32> -> tensor<1x8x5x5xf32>
// CHECK-NEXT: %{{.*}} = graph.max_pool2d %[[Y]] kernel [3, 2] strides [1, 3] pads [2, 0, 1, 1] dilations [2, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x8x3xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "max_pool2d"
// CHECK-GENERIC: "graph.max_pool2d"(%{{.*}}) <{kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>}> : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "graph.max_pool2d"(%{{.*}}) <{kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}> : (tensor<1x8x9x9xf32>) -> tensor<1x8x4x4xf32>
// CHECK-GENERIC: "graph.max_pool2d"(%{{.*}}) <{kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode}> : (tensor<1x8x9x9xf32>) -> tensor<1x8x5x5xf32>
func.func @max_pool2d(%x: tensor<1x64x112x112xf32>, %y: tensor<1x8x9x9xf32>) {
  %0 = graph.max_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  %1 = graph.max_pool2d %y kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  %2 = graph.max_pool2d %y kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] ceil_mode : tensor<1x8x9x9xf32> -> tensor<1x8x5x5xf32>
  %3 = graph.max_pool2d %y kernel [3, 2] strides [1, 3] pads [2, 0, 1, 1] dilations [2, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x8x3xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x8x10x10xf32>)
// CHECK-NEXT: %{{.*}} = graph.avg_pool2d %[[X]] kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x8x10x10xf32> -> tensor<1x8x5x5xf32>
// CHECK-NEXT: %{{.*}} = graph.avg_pool2d %[[X]] kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] ceil_mode : tensor<1x8x10x10xf32> -> tensor<1x8x6x6xf32>
// CHECK-NEXT: %{{.*}} = graph.avg_pool2d %[[X]] kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] count_include_pad : tensor<1x8x10x10xf32> -> tensor<1x8x5x5xf32>
// CHECK-NEXT: %{{.*}} = graph.avg_pool2d %[[X]] kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] ceil_mode count_include_pad : tensor<1x8x10x10xf32> -> tensor<1x8x6x6xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "avg_pool2d"
// CHECK-GENERIC: "graph.avg_pool2d"(%{{.*}}) <{kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>}> : (tensor<1x8x10x10xf32>) -> tensor<1x8x5x5xf32>
// CHECK-GENERIC: "graph.avg_pool2d"(%{{.*}}) <{kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode}> : (tensor<1x8x10x10xf32>) -> tensor<1x8x6x6xf32>
// CHECK-GENERIC: "graph.avg_pool2d"(%{{.*}}) <{kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, count_include_pad}> : (tensor<1x8x10x10xf32>) -> tensor<1x8x5x5xf32>
// CHECK-GENERIC: "graph.avg_pool2d"(%{{.*}}) <{kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode, count_include_pad}> : (tensor<1x8x10x10xf32>) -> tensor<1x8x6x6xf32>
func.func @avg_pool2d(%x: tensor<1x8x10x10xf32>) {
  %0 = graph.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x8x10x10xf32> -> tensor<1x8x5x5xf32>
  %1 = graph.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] ceil_mode : tensor<1x8x10x10xf32> -> tensor<1x8x6x6xf32>
  %2 = graph.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] count_include_pad : tensor<1x8x10x10xf32> -> tensor<1x8x5x5xf32>
  %3 = graph.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] ceil_mode count_include_pad : tensor<1x8x10x10xf32> -> tensor<1x8x6x6xf32>
  func.return
}

// -----

// Global pooling keeps every spatial axis (2 and up) as size 1, for any rank >= 3.

// CHECK-LABEL: func.func @global_pool(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x512x7x7xf32>, %[[Y:[^:]*]]: tensor<2x3x5xf32>, %[[Z:[^:]*]]: tensor<2x3x4x5x6xf32>)
// CHECK-NEXT: %{{.*}} = graph.global_avg_pool %[[X]] : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
// CHECK-NEXT: %{{.*}} = graph.global_max_pool %[[X]] : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
// CHECK-NEXT: %{{.*}} = graph.global_avg_pool %[[Y]] : tensor<2x3x5xf32> -> tensor<2x3x1xf32>
// CHECK-NEXT: %{{.*}} = graph.global_max_pool %[[Z]] : tensor<2x3x4x5x6xf32> -> tensor<2x3x1x1x1xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "global_pool"
// CHECK-GENERIC: "graph.global_avg_pool"(%{{.*}}) : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
// CHECK-GENERIC: "graph.global_max_pool"(%{{.*}}) : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
func.func @global_pool(%x: tensor<1x512x7x7xf32>, %y: tensor<2x3x5xf32>, %z: tensor<2x3x4x5x6xf32>) {
  %0 = graph.global_avg_pool %x : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
  %1 = graph.global_max_pool %x : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
  %2 = graph.global_avg_pool %y : tensor<2x3x5xf32> -> tensor<2x3x1xf32>
  %3 = graph.global_max_pool %z : tensor<2x3x4x5x6xf32> -> tensor<2x3x1x1x1xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @softmax(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x1000xf32>, %[[Y:[^:]*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %{{.*}} = graph.softmax %[[X]] axis 1 : tensor<1x1000xf32>
// CHECK-NEXT: %{{.*}} = graph.log_softmax %[[X]] axis 1 : tensor<1x1000xf32>
// CHECK-NEXT: %{{.*}} = graph.softmax %[[Y]] axis 0 : tensor<2x3x4xf32>
// CHECK-NEXT: %{{.*}} = graph.log_softmax %[[Y]] axis 2 : tensor<2x3x4xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "softmax"
// CHECK-GENERIC: "graph.softmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
// CHECK-GENERIC: "graph.log_softmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
func.func @softmax(%x: tensor<1x1000xf32>, %y: tensor<2x3x4xf32>) {
  %0 = graph.softmax %x axis 1 : tensor<1x1000xf32>
  %1 = graph.log_softmax %x axis 1 : tensor<1x1000xf32>
  %2 = graph.softmax %y axis 0 : tensor<2x3x4xf32>
  %3 = graph.log_softmax %y axis 2 : tensor<2x3x4xf32>
  func.return
}

// -----

// numpy.matmul: batch axes broadcast, a 1-D operand is a vector whose axis is dropped.

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:[^:]*]]: tensor<8x64x32xf32>, %[[B:[^:]*]]: tensor<32x16xf32>, %[[C:[^:]*]]: tensor<2x1x4x8xf32>, %[[D:[^:]*]]: tensor<3x8x5xf32>, %[[V:[^:]*]]: tensor<32xf32>, %[[M:[^:]*]]: tensor<4x32xf32>, %[[E:[^:]*]]: tensor<2x32x3xf32>)
// CHECK-NEXT: %{{.*}} = graph.matmul %[[A]], %[[B]] : (tensor<8x64x32xf32>, tensor<32x16xf32>) -> tensor<8x64x16xf32>
// CHECK-NEXT: %{{.*}} = graph.matmul %[[C]], %[[D]] : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
// CHECK-NEXT: %{{.*}} = graph.matmul %[[M]], %[[B]] : (tensor<4x32xf32>, tensor<32x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %{{.*}} = graph.matmul %[[V]], %[[B]] : (tensor<32xf32>, tensor<32x16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %{{.*}} = graph.matmul %[[M]], %[[V]] : (tensor<4x32xf32>, tensor<32xf32>) -> tensor<4xf32>
// CHECK-NEXT: %{{.*}} = graph.matmul %[[V]], %[[V]] : (tensor<32xf32>, tensor<32xf32>) -> tensor<f32>
// CHECK-NEXT: %{{.*}} = graph.matmul %[[V]], %[[E]] : (tensor<32xf32>, tensor<2x32x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "matmul"
// CHECK-GENERIC: "graph.matmul"(%{{.*}}, %{{.*}}) : (tensor<8x64x32xf32>, tensor<32x16xf32>) -> tensor<8x64x16xf32>
// CHECK-GENERIC: "graph.matmul"(%{{.*}}, %{{.*}}) : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
func.func @matmul(%a: tensor<8x64x32xf32>, %b: tensor<32x16xf32>, %c: tensor<2x1x4x8xf32>, %d: tensor<3x8x5xf32>, %v: tensor<32xf32>, %m: tensor<4x32xf32>, %e: tensor<2x32x3xf32>) {
  %0 = graph.matmul %a, %b : (tensor<8x64x32xf32>, tensor<32x16xf32>) -> tensor<8x64x16xf32>
  %1 = graph.matmul %c, %d : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  %2 = graph.matmul %m, %b : (tensor<4x32xf32>, tensor<32x16xf32>) -> tensor<4x16xf32>
  %3 = graph.matmul %v, %b : (tensor<32xf32>, tensor<32x16xf32>) -> tensor<16xf32>
  %4 = graph.matmul %m, %v : (tensor<4x32xf32>, tensor<32xf32>) -> tensor<4xf32>
  %5 = graph.matmul %v, %v : (tensor<32xf32>, tensor<32xf32>) -> tensor<f32>
  %6 = graph.matmul %v, %e : (tensor<32xf32>, tensor<2x32x3xf32>) -> tensor<2x3xf32>
  func.return
}

// -----

// `C` is optional; `alpha` and `beta` are printed only when they are not 1.0.

// CHECK-LABEL: func.func @gemm(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x512xf32>, %[[W:[^:]*]]: tensor<1000x512xf32>, %[[B:[^:]*]]: tensor<1000xf32>, %[[A:[^:]*]]: tensor<4x8xf32>, %[[K:[^:]*]]: tensor<8x3xf32>, %[[C:[^:]*]]: tensor<4x1xf32>, %[[S:[^:]*]]: tensor<f32>)
// CHECK-NEXT: %{{.*}} = graph.gemm %[[X]], %[[W]], %[[B]] trans_b : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
// CHECK-NEXT: %{{.*}} = graph.gemm %[[A]], %[[K]] : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: %{{.*}} = graph.gemm %[[A]], %[[K]] alpha 5.000000e-01 : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: %{{.*}} = graph.gemm %[[A]], %[[K]], %[[C]] beta 2.000000e+00 : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: %{{.*}} = graph.gemm %[[A]], %[[K]], %[[S]] alpha -1.000000e+00 beta 0.000000e+00 : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<f32>) -> tensor<4x3xf32>
// CHECK-NEXT: %{{.*}} = graph.gemm %[[K]], %[[A]] trans_a trans_b : (tensor<8x3xf32>, tensor<4x8xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: %{{.*}} = graph.gemm %[[A]], %[[A]] trans_a : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "gemm"
// CHECK-GENERIC: "graph.gemm"(%{{.*}}, %{{.*}}, %{{.*}}) <{trans_b, operandSegmentSizes = array<i32: 1, 1, 1>, alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32}> : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
// CHECK-GENERIC: "graph.gemm"(%{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 0>, alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32}> : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
// CHECK-GENERIC: "graph.gemm"(%{{.*}}, %{{.*}}) <{alpha = 5.000000e-01 : f32, operandSegmentSizes = array<i32: 1, 1, 0>, beta = 1.000000e+00 : f32}> : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
// CHECK-GENERIC: "graph.gemm"(%{{.*}}, %{{.*}}, %{{.*}}) <{alpha = 1.000000e+00 : f32, beta = 2.000000e+00 : f32, operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
func.func @gemm(%x: tensor<1x512xf32>, %w: tensor<1000x512xf32>, %b: tensor<1000xf32>, %a: tensor<4x8xf32>, %k: tensor<8x3xf32>, %c: tensor<4x1xf32>, %s: tensor<f32>) {
  %0 = graph.gemm %x, %w, %b trans_b : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
  %1 = graph.gemm %a, %k : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  %2 = graph.gemm %a, %k alpha 0.5 : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  // An explicit 1.0 is the default and is not printed back.
  %3 = graph.gemm %a, %k, %c alpha 1.0 beta 2.0 : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  %4 = graph.gemm %a, %k, %s alpha -1.0 beta 0.0 : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  %5 = graph.gemm %k, %a trans_a trans_b : (tensor<8x3xf32>, tensor<4x8xf32>) -> tensor<3x4xf32>
  %6 = graph.gemm %a, %a trans_a : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME: %[[X:[^:]*]]: tensor<4x8xf32>, %[[Y:[^:]*]]: tensor<1x64x7x7xf32>)
// CHECK-NEXT: %{{.*}} = graph.reduce_sum %[[X]] axes [1] : tensor<4x8xf32> -> tensor<4xf32>
// CHECK-NEXT: %{{.*}} = graph.reduce_sum %[[X]] axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
// CHECK-NEXT: %{{.*}} = graph.reduce_mean %[[Y]] axes [2, 3] keepdims : tensor<1x64x7x7xf32> -> tensor<1x64x1x1xf32>
// CHECK-NEXT: %{{.*}} = graph.reduce_mean %[[Y]] axes [3, 1] : tensor<1x64x7x7xf32> -> tensor<1x7xf32>
// CHECK-NEXT: %{{.*}} = graph.reduce_max %[[X]] axes [0] : tensor<4x8xf32> -> tensor<8xf32>
// CHECK-NEXT: %{{.*}} = graph.reduce_max %[[X]] axes [0, 1] : tensor<4x8xf32> -> tensor<f32>
// CHECK-NEXT: %{{.*}} = graph.reduce_min %[[X]] axes [0, 1] keepdims : tensor<4x8xf32> -> tensor<1x1xf32>
// CHECK-NEXT: %{{.*}} = graph.reduce_min %[[Y]] axes [0] : tensor<1x64x7x7xf32> -> tensor<64x7x7xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "reduce"
// CHECK-GENERIC: "graph.reduce_sum"(%{{.*}}) <{axes = array<i64: 1>}> : (tensor<4x8xf32>) -> tensor<4xf32>
// CHECK-GENERIC: "graph.reduce_sum"(%{{.*}}) <{axes = array<i64: 1>, keepdims}> : (tensor<4x8xf32>) -> tensor<4x1xf32>
// CHECK-GENERIC: "graph.reduce_mean"(%{{.*}}) <{axes = array<i64: 2, 3>, keepdims}> : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
// CHECK-GENERIC: "graph.reduce_mean"(%{{.*}}) <{axes = array<i64: 3, 1>}> : (tensor<1x64x7x7xf32>) -> tensor<1x7xf32>
// CHECK-GENERIC: "graph.reduce_max"(%{{.*}}) <{axes = array<i64: 0>}> : (tensor<4x8xf32>) -> tensor<8xf32>
// CHECK-GENERIC: "graph.reduce_max"(%{{.*}}) <{axes = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<f32>
// CHECK-GENERIC: "graph.reduce_min"(%{{.*}}) <{axes = array<i64: 0, 1>, keepdims}> : (tensor<4x8xf32>) -> tensor<1x1xf32>
// CHECK-GENERIC: "graph.reduce_min"(%{{.*}}) <{axes = array<i64: 0>}> : (tensor<1x64x7x7xf32>) -> tensor<64x7x7xf32>
func.func @reduce(%x: tensor<4x8xf32>, %y: tensor<1x64x7x7xf32>) {
  %0 = graph.reduce_sum %x axes [1] : tensor<4x8xf32> -> tensor<4xf32>
  %1 = graph.reduce_sum %x axes [1] keepdims : tensor<4x8xf32> -> tensor<4x1xf32>
  %2 = graph.reduce_mean %y axes [2, 3] keepdims : tensor<1x64x7x7xf32> -> tensor<1x64x1x1xf32>
  // The axes need not be sorted.
  %3 = graph.reduce_mean %y axes [3, 1] : tensor<1x64x7x7xf32> -> tensor<1x7xf32>
  %4 = graph.reduce_max %x axes [0] : tensor<4x8xf32> -> tensor<8xf32>
  %5 = graph.reduce_max %x axes [0, 1] : tensor<4x8xf32> -> tensor<f32>
  %6 = graph.reduce_min %x axes [0, 1] keepdims : tensor<4x8xf32> -> tensor<1x1xf32>
  %7 = graph.reduce_min %y axes [0] : tensor<1x64x7x7xf32> -> tensor<64x7x7xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @reshape(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x512x1x1xf32>, %[[S:[^:]*]]: tensor<f32>)
// CHECK-NEXT: %{{.*}} = graph.reshape %[[X]] : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
// CHECK-NEXT: %{{.*}} = graph.reshape %[[X]] : tensor<1x512x1x1xf32> -> tensor<8x4x16xf32>
// CHECK-NEXT: %{{.*}} = graph.reshape %[[S]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "reshape"
// CHECK-GENERIC: "graph.reshape"(%{{.*}}) : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
func.func @reshape(%x: tensor<1x512x1x1xf32>, %s: tensor<f32>) {
  %0 = graph.reshape %x : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
  %1 = graph.reshape %x : tensor<1x512x1x1xf32> -> tensor<8x4x16xf32>
  %2 = graph.reshape %s : tensor<f32> -> tensor<1x1xf32>
  func.return
}

// -----

// `axis` ranges over 0..rank: 0 gives 1xN, rank gives Nx1.

// CHECK-LABEL: func.func @flatten(
// CHECK-SAME: %[[X:[^:]*]]: tensor<2x3x4x5xf32>)
// CHECK-NEXT: %{{.*}} = graph.flatten %[[X]] axis 1 : tensor<2x3x4x5xf32> -> tensor<2x60xf32>
// CHECK-NEXT: %{{.*}} = graph.flatten %[[X]] axis 0 : tensor<2x3x4x5xf32> -> tensor<1x120xf32>
// CHECK-NEXT: %{{.*}} = graph.flatten %[[X]] axis 3 : tensor<2x3x4x5xf32> -> tensor<24x5xf32>
// CHECK-NEXT: %{{.*}} = graph.flatten %[[X]] axis 4 : tensor<2x3x4x5xf32> -> tensor<120x1xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "flatten"
// CHECK-GENERIC: "graph.flatten"(%{{.*}}) <{axis = 1 : i64}> : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
// CHECK-GENERIC: "graph.flatten"(%{{.*}}) <{axis = 0 : i64}> : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
func.func @flatten(%x: tensor<2x3x4x5xf32>) {
  %0 = graph.flatten %x axis 1 : tensor<2x3x4x5xf32> -> tensor<2x60xf32>
  %1 = graph.flatten %x axis 0 : tensor<2x3x4x5xf32> -> tensor<1x120xf32>
  %2 = graph.flatten %x axis 3 : tensor<2x3x4x5xf32> -> tensor<24x5xf32>
  %3 = graph.flatten %x axis 4 : tensor<2x3x4x5xf32> -> tensor<120x1xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x64x8x4xf32>, %[[Y:[^:]*]]: tensor<3x5xf32>)
// CHECK-NEXT: %{{.*}} = graph.transpose %[[X]] perm [0, 2, 3, 1] : tensor<1x64x8x4xf32> -> tensor<1x8x4x64xf32>
// CHECK-NEXT: %{{.*}} = graph.transpose %[[Y]] perm [1, 0] : tensor<3x5xf32> -> tensor<5x3xf32>
// CHECK-NEXT: %{{.*}} = graph.transpose %[[Y]] perm [0, 1] : tensor<3x5xf32> -> tensor<3x5xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "transpose"
// CHECK-GENERIC: "graph.transpose"(%{{.*}}) <{perm = array<i64: 0, 2, 3, 1>}> : (tensor<1x64x8x4xf32>) -> tensor<1x8x4x64xf32>
func.func @transpose(%x: tensor<1x64x8x4xf32>, %y: tensor<3x5xf32>) {
  %0 = graph.transpose %x perm [0, 2, 3, 1] : tensor<1x64x8x4xf32> -> tensor<1x8x4x64xf32>
  %1 = graph.transpose %y perm [1, 0] : tensor<3x5xf32> -> tensor<5x3xf32>
  %2 = graph.transpose %y perm [0, 1] : tensor<3x5xf32> -> tensor<3x5xf32>
  func.return
}

// -----

// CHECK-LABEL: func.func @concat(
// CHECK-SAME: %[[A:[^:]*]]: tensor<1x32x8x8xf32>, %[[B:[^:]*]]: tensor<1x16x8x8xf32>, %[[C:[^:]*]]: tensor<1x1x8x8xf32>)
// CHECK-NEXT: %{{.*}} = graph.concat %[[A]] axis 1 : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-NEXT: %{{.*}} = graph.concat %[[A]], %[[B]] axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x48x8x8xf32>
// CHECK-NEXT: %{{.*}} = graph.concat %[[A]], %[[B]], %[[C]] axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x49x8x8xf32>
// CHECK-NEXT: %{{.*}} = graph.concat %[[C]], %[[C]], %[[C]] axis 3 : (tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x1x8x24xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "concat"
// CHECK-GENERIC: "graph.concat"(%{{.*}}) <{axis = 1 : i64}> : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-GENERIC: "graph.concat"(%{{.*}}, %{{.*}}) <{axis = 1 : i64}> : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x48x8x8xf32>
// CHECK-GENERIC: "graph.concat"(%{{.*}}, %{{.*}}, %{{.*}}) <{axis = 1 : i64}> : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x49x8x8xf32>
func.func @concat(%a: tensor<1x32x8x8xf32>, %b: tensor<1x16x8x8xf32>, %c: tensor<1x1x8x8xf32>) {
  %0 = graph.concat %a axis 1 : (tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32>
  %1 = graph.concat %a, %b axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x48x8x8xf32>
  %2 = graph.concat %a, %b, %c axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x49x8x8xf32>
  %3 = graph.concat %c, %c, %c axis 3 : (tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x1x8x24xf32>
  func.return
}

// -----

// `pads` lists all begins, then all ends; negative entries crop. `value` is printed
// only when it is not 0.0.

// CHECK-LABEL: func.func @pad(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: %{{.*}} = graph.pad %[[X]] pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x10x10xf32>
// CHECK-NEXT: %{{.*}} = graph.pad %[[X]] pads [0, 0, 0, 2, 0, 0, 0, 0] value -1.000000e+00 : tensor<1x3x8x8xf32> -> tensor<1x3x8x10xf32>
// CHECK-NEXT: %{{.*}} = graph.pad %[[X]] pads [0, 0, 0, 0, 0, 0, 0, 0] : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
// CHECK-NEXT: %{{.*}} = graph.pad %[[X]] pads [0, -1, -2, 3, 0, 0, -6, -1] value 2.500000e+00 : tensor<1x3x8x8xf32> -> tensor<1x2x0x10xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "pad"
// CHECK-GENERIC: "graph.pad"(%{{.*}}) <{pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0.000000e+00 : f32}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
// CHECK-GENERIC: "graph.pad"(%{{.*}}) <{pads = array<i64: 0, 0, 0, 2, 0, 0, 0, 0>, value = -1.000000e+00 : f32}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x10xf32>
// CHECK-GENERIC: "graph.pad"(%{{.*}}) <{pads = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, value = 0.000000e+00 : f32}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
func.func @pad(%x: tensor<1x3x8x8xf32>) {
  %0 = graph.pad %x pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x10x10xf32>
  %1 = graph.pad %x pads [0, 0, 0, 2, 0, 0, 0, 0] value -1.0 : tensor<1x3x8x8xf32> -> tensor<1x3x8x10xf32>
  %2 = graph.pad %x pads [0, 0, 0, 0, 0, 0, 0, 0] value 0.0 : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  %3 = graph.pad %x pads [0, -1, -2, 3, 0, 0, -6, -1] value 2.5 : tensor<1x3x8x8xf32> -> tensor<1x2x0x10xf32>
  func.return
}

// -----

// ONNX slicing: negative indices count from the end, out-of-range bounds clamp, steps
// may be negative; unlisted axes are kept whole. Unlike NumPy, a backward slice that
// starts before -dim keeps index 0.

// CHECK-LABEL: func.func @slice(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[Y:[^:]*]]: tensor<4x8xf32>)
// CHECK-NEXT: %{{.*}} = graph.slice %[[X]] starts [1, 0] ends [7, -1] axes [2, 3] steps [2, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x3x7xf32>
// CHECK-NEXT: %{{.*}} = graph.slice %[[Y]] starts [-1, 7] ends [-4, -100] axes [0, 1] steps [-1, -2] : tensor<4x8xf32> -> tensor<3x4xf32>
// CHECK-NEXT: %{{.*}} = graph.slice %[[Y]] starts [-3] ends [100] axes [1] steps [1] : tensor<4x8xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %{{.*}} = graph.slice %[[Y]] starts [3] ends [1] axes [0] steps [1] : tensor<4x8xf32> -> tensor<0x8xf32>
// CHECK-NEXT: %{{.*}} = graph.slice %[[Y]] starts [] ends [] axes [] steps [] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = graph.slice %[[Y]] starts [-10] ends [-100] axes [1] steps [-1] : tensor<4x8xf32> -> tensor<4x1xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "slice"
// CHECK-GENERIC: "graph.slice"(%{{.*}}) <{starts = array<i64: 1, 0>, ends = array<i64: 7, -1>, axes = array<i64: 2, 3>, steps = array<i64: 2, 1>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x3x7xf32>
// CHECK-GENERIC: "graph.slice"(%{{.*}}) <{starts = array<i64: -1, 7>, ends = array<i64: -4, -100>, axes = array<i64: 0, 1>, steps = array<i64: -1, -2>}> : (tensor<4x8xf32>) -> tensor<3x4xf32>
// CHECK-GENERIC: "graph.slice"(%{{.*}}) <{starts = array<i64>, ends = array<i64>, axes = array<i64>, steps = array<i64>}> : (tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @slice(%x: tensor<1x3x8x8xf32>, %y: tensor<4x8xf32>) {
  %0 = graph.slice %x starts [1, 0] ends [7, -1] axes [2, 3] steps [2, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x3x7xf32>
  %1 = graph.slice %y starts [-1, 7] ends [-4, -100] axes [0, 1] steps [-1, -2] : tensor<4x8xf32> -> tensor<3x4xf32>
  %2 = graph.slice %y starts [-3] ends [100] axes [1] steps [1] : tensor<4x8xf32> -> tensor<4x3xf32>
  %3 = graph.slice %y starts [3] ends [1] axes [0] steps [1] : tensor<4x8xf32> -> tensor<0x8xf32>
  %4 = graph.slice %y starts [] ends [] axes [] steps [] : tensor<4x8xf32> -> tensor<4x8xf32>
  %5 = graph.slice %y starts [-10] ends [-100] axes [1] steps [-1] : tensor<4x8xf32> -> tensor<4x1xf32>
  func.return
}

// -----

// Constant indices along one axis, in any order, repeated or not.

// CHECK-LABEL: func.func @gather(
// CHECK-SAME: %[[X:[^:]*]]: tensor<4x3xf32>, %[[E:[^:]*]]: tensor<10x16xf32>)
// CHECK-NEXT: %{{.*}} = graph.gather %[[X]] axis 1 indices [2, 0, 2] : tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %{{.*}} = graph.gather %[[E]] axis 0 indices [5] : tensor<10x16xf32> -> tensor<1x16xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "gather"
// CHECK-GENERIC: "graph.gather"(%{{.*}}) <{axis = 1 : i64, indices = array<i64: 2, 0, 2>}> : (tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK-GENERIC: "graph.gather"(%{{.*}}) <{axis = 0 : i64, indices = array<i64: 5>}> : (tensor<10x16xf32>) -> tensor<1x16xf32>
func.func @gather(%x: tensor<4x3xf32>, %e: tensor<10x16xf32>) {
  %0 = graph.gather %x axis 1 indices [2, 0, 2] : tensor<4x3xf32> -> tensor<4x3xf32>
  %1 = graph.gather %e axis 0 indices [5] : tensor<10x16xf32> -> tensor<1x16xf32>
  func.return
}
