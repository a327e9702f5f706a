// RUN: mopc-opt %s --split-input-file --verify-diagnostics

// Every verifier error of the graph dialect, one per chunk (verification stops at the
// first failing op). The generic syntax is used where the custom syntax cannot express
// the broken IR.

//===----------------------------------------------------------------------------===//
// Checks shared by every graph op
//===----------------------------------------------------------------------------===//

func.func @f16_operand(%x: tensor<4xf16>) {
  // expected-error@+1 {{'graph.relu' op operand #0 has element type f16, but graph ops support only f32}}
  %0 = graph.relu %x : tensor<4xf16>
  func.return
}

// -----

func.func @i32_operand(%x: tensor<4xi32>, %y: tensor<4xf32>) {
  // expected-error@+1 {{operand #0 has element type i32, but graph ops support only f32}}
  %0 = graph.add %x, %y : (tensor<4xi32>, tensor<4xf32>) -> tensor<4xf32>
  func.return
}

// -----

func.func @f16_second_operand(%x: tensor<4xf32>, %y: tensor<4xf16>) {
  // expected-error@+1 {{operand #1 has element type f16, but graph ops support only f32}}
  %0 = graph.mul %x, %y : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  func.return
}

// -----

func.func @f16_result(%x: tensor<4xf32>, %y: tensor<4xf32>) {
  // expected-error@+1 {{'graph.sub' op result has element type f16, but graph ops support only f32}}
  %0 = graph.sub %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf16>
  func.return
}

// -----

func.func @dynamic_operand(%x: tensor<?x4xf32>) {
  // expected-error@+1 {{'graph.relu' op operand #0 has dynamic dimensions (tensor<?x4xf32>); graph ops need static shapes}}
  %0 = graph.relu %x : tensor<?x4xf32>
  func.return
}

// -----

func.func @dynamic_result(%x: tensor<2x4xf32>) {
  // expected-error@+1 {{'graph.reshape' op result has dynamic dimensions (tensor<?x4xf32>); graph ops need static shapes}}
  %0 = graph.reshape %x : tensor<2x4xf32> -> tensor<?x4xf32>
  func.return
}

// -----

func.func @scalar_operand(%x: f32) {
  // expected-error@+1 {{'graph.relu' op operand #0 must be a tensor, got f32}}
  %0 = "graph.relu"(%x) : (f32) -> f32
  func.return
}

// -----

func.func @unranked_operand(%x: tensor<*xf32>) {
  // expected-error@+1 {{'graph.sigmoid' op operand #0 must be a tensor, got tensor<*xf32>}}
  %0 = graph.sigmoid %x : tensor<*xf32>
  func.return
}

// -----

func.func @unranked_operand_of_tensor_op(%x: tensor<*xf32>) {
  // expected-error@+1 {{tensor<*xf32> should be of base attribute tensor}}
  %0 = "graph.reshape"(%x) : (tensor<*xf32>) -> tensor<4xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// graph.constant
//===----------------------------------------------------------------------------===//

// -----

func.func @constant_type_mismatch() {
  // expected-error@+1 {{'graph.constant' op value type tensor<2xf32> differs from the result type tensor<3xf32>}}
  %0 = "graph.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  func.return
}

// -----

func.func @constant_element_type_mismatch() {
  // expected-error@+1 {{'graph.constant' op value type tensor<2xf32> differs from the result type tensor<2xf16>}}
  %0 = "graph.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf16>
  func.return
}

// -----

func.func @constant_resource_type_mismatch() {
  // expected-error@+1 {{'graph.constant' op value type tensor<4x4xf32> differs from the result type tensor<16xf32>}}
  %0 = "graph.constant"() <{value = dense_resource<w> : tensor<4x4xf32>}> : () -> tensor<16xf32>
  func.return
}

// -----

func.func @constant_i32() {
  // expected-error@+1 {{'graph.constant' op result has element type i32, but graph ops support only f32}}
  %0 = graph.constant dense<[1, 2]> : tensor<2xi32>
  func.return
}

// -----

func.func @constant_not_elements() {
  // expected-error@+1 {{expected a dense<...> or dense_resource<...> attribute}}
  %0 = graph.constant 1.0 : f32
  func.return
}

//===----------------------------------------------------------------------------===//
// Element-wise ops
//===----------------------------------------------------------------------------===//

// -----

// The result type of the unary ops is the operand type (only the generic syntax can
// spell another one).
func.func @relu_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{'graph.relu' op result 'result' at position 0 does not verify:}}
  %0 = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  func.return
}

// -----

func.func @sigmoid_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<4x1xf32>}}
  %0 = "graph.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4x1xf32>
  func.return
}

// -----

func.func @tanh_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<1x4xf32>}}
  %0 = "graph.tanh"(%x) : (tensor<4xf32>) -> tensor<1x4xf32>
  func.return
}

// -----

func.func @exp_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<f32>}}
  %0 = "graph.exp"(%x) : (tensor<4xf32>) -> tensor<f32>
  func.return
}

// -----

func.func @log_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<3xf32>}}
  %0 = "graph.log"(%x) : (tensor<4xf32>) -> tensor<3xf32>
  func.return
}

// -----

func.func @sqrt_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<4xf64>}}
  %0 = "graph.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf64>
  func.return
}

// -----

func.func @neg_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<8xf32>}}
  %0 = "graph.neg"(%x) : (tensor<4xf32>) -> tensor<8xf32>
  func.return
}

// -----

func.func @abs_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<2x2xf32>}}
  %0 = "graph.abs"(%x) : (tensor<4xf32>) -> tensor<2x2xf32>
  func.return
}

// -----

func.func @leaky_relu_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<5xf32>}}
  %0 = "graph.leaky_relu"(%x) <{alpha = 1.0e-01 : f32}> : (tensor<4xf32>) -> tensor<5xf32>
  func.return
}

// -----

func.func @clip_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<5xf32>}}
  %0 = "graph.clip"(%x) <{min = 0.0 : f32}> : (tensor<4xf32>) -> tensor<5xf32>
  func.return
}

// -----

func.func @clip_min_above_max(%x: tensor<4xf32>) {
  // expected-error@+1 {{'graph.clip' op 'min' (6.0) is larger than 'max' (0.0)}}
  %0 = graph.clip %x min 6.0 max 0.0 : tensor<4xf32>
  func.return
}

// -----

func.func @add_result(%a: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error@+1 {{'graph.add' op result type tensor<8xf32> does not match the type inferred from the operands and attributes, tensor<4x8xf32>}}
  %0 = graph.add %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<8xf32>
  func.return
}

// -----

func.func @sub_result(%a: tensor<4x1xf32>, %b: tensor<1x8xf32>) {
  // expected-error@+1 {{'graph.sub' op result type tensor<4x1xf32> does not match the type inferred from the operands and attributes, tensor<4x8xf32>}}
  %0 = graph.sub %a, %b : (tensor<4x1xf32>, tensor<1x8xf32>) -> tensor<4x1xf32>
  func.return
}

// -----

func.func @mul_result(%a: tensor<4x8xf32>, %b: tensor<f32>) {
  // expected-error@+1 {{'graph.mul' op result type tensor<f32> does not match the type inferred from the operands and attributes, tensor<4x8xf32>}}
  %0 = graph.mul %a, %b : (tensor<4x8xf32>, tensor<f32>) -> tensor<f32>
  func.return
}

// -----

func.func @div_result(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.div' op result type tensor<1x4x8xf32> does not match the type inferred from the operands and attributes, tensor<4x8xf32>}}
  %0 = graph.div %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<1x4x8xf32>
  func.return
}

// -----

func.func @pow_result(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.pow' op result type tensor<8x4xf32> does not match the type inferred from the operands and attributes, tensor<4x8xf32>}}
  %0 = graph.pow %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<8x4xf32>
  func.return
}

// -----

func.func @maximum_result(%a: tensor<2x1x3xf32>, %b: tensor<4x1xf32>) {
  // expected-error@+1 {{'graph.maximum' op result type tensor<2x1x3xf32> does not match the type inferred from the operands and attributes, tensor<2x4x3xf32>}}
  %0 = graph.maximum %a, %b : (tensor<2x1x3xf32>, tensor<4x1xf32>) -> tensor<2x1x3xf32>
  func.return
}

// -----

func.func @minimum_result(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.minimum' op result type tensor<4x9xf32> does not match the type inferred from the operands and attributes, tensor<4x8xf32>}}
  %0 = graph.minimum %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x9xf32>
  func.return
}

// -----

func.func @add_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'graph.add' op shapes 4x8 and 4 are not broadcast-compatible}}
  %0 = graph.add %a, %b : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4x8xf32>
  func.return
}

// -----

func.func @maximum_not_broadcastable(%a: tensor<2x3x4xf32>, %b: tensor<5x1x4xf32>) {
  // expected-error@+1 {{'graph.maximum' op shapes 2x3x4 and 5x1x4 are not broadcast-compatible}}
  %0 = graph.maximum %a, %b : (tensor<2x3x4xf32>, tensor<5x1x4xf32>) -> tensor<2x3x4xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// graph.conv2d
//===----------------------------------------------------------------------------===//

// -----

func.func @conv2d_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op result type tensor<1x4x6x6xf32> does not match the type inferred from the operands and attributes, tensor<1x4x8x8xf32>}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_input_rank(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op input must have rank 4, got shape 3x8x8}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op weight must have rank 4, got shape 4x3x3}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_strides_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'strides' must have 2 entries, got 1}}
  %0 = graph.conv2d %x, %w strides [1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'strides' entries must be >= 1, got [0, 1]}}
  %0 = graph.conv2d %x, %w strides [0, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_dilations_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'dilations' must have 2 entries, got 3}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_zero_dilation(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'dilations' entries must be >= 1, got [1, 0]}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 0] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_pads_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'pads' must have 4 entries, got 2}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  func.return
}

// -----

func.func @conv2d_negative_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'pads' entries must be >= 0, got [-1, 0, 0, 0]}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [-1, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x5x6xf32>
  func.return
}

// -----

func.func @conv2d_zero_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op 'groups' must be >= 1, got 0}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 0 : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_input_channels_not_divisible(%x: tensor<1x6x8x8xf32>, %w: tensor<8x1x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op input channels (6) and output channels (8) must be divisible by groups (4)}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 4 : (tensor<1x6x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  func.return
}

// -----

func.func @conv2d_output_channels_not_divisible(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op input channels (4) and output channels (6) must be divisible by groups (4)}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 4 : (tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32>
  func.return
}

// -----

func.func @conv2d_channel_mismatch(%x: tensor<1x3x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op weight expects 4 input channels per group, but the input has 3 channels in 1 group(s)}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_group_channel_mismatch(%x: tensor<1x8x8x8xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op weight expects 8 input channels per group, but the input has 8 channels in 2 group(s)}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 2 : (tensor<1x8x8x8xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_bias_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op bias must have shape 4, got 3}}
  %0 = graph.conv2d %x, %w, %b strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_bias_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) {
  // expected-error@+1 {{'graph.conv2d' op bias must have shape 4, got 1x4}}
  %0 = graph.conv2d %x, %w, %b strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

// -----

func.func @conv2d_kernel_too_large(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op the 3x3 kernel (dilations [1, 1]) does not fit the padded 2x2 input}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  func.return
}

// -----

func.func @conv2d_dilated_kernel_too_large(%x: tensor<1x3x4x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{'graph.conv2d' op the 3x3 kernel (dilations [2, 1]) does not fit the padded 4x8 input}}
  %0 = graph.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [2, 1] : (tensor<1x3x4x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32>
  func.return
}

// -----

func.func @conv2d_missing_segment_sizes(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{Expected operandSegmentSizes property in graph.conv2d operation}}
  %0 = "graph.conv2d"(%x, %w) <{strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64}> : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// graph.batch_norm
//===----------------------------------------------------------------------------===//

// -----

func.func @batch_norm_result(%x: tensor<2x4xf32>, %p: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<2x4xf32> expected from variable 'T', but got tensor<4x2xf32>}}
  %0 = "graph.batch_norm"(%x, %p, %p, %p, %p) <{epsilon = 1.0e-05 : f32}> : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4x2xf32>
  func.return
}

// -----

func.func @batch_norm_input_rank(%x: tensor<4xf32>, %p: tensor<4xf32>) {
  // expected-error@+1 {{'graph.batch_norm' op input must have rank >= 2 (N, C, ...), got 4}}
  %0 = graph.batch_norm %x, %p, %p, %p, %p epsilon 1.0e-05 : tensor<4xf32>, tensor<4xf32>
  func.return
}

// -----

func.func @batch_norm_param_size(%x: tensor<1x64x8x8xf32>, %p: tensor<32xf32>) {
  // expected-error@+1 {{'graph.batch_norm' op scale must have shape 64 (the channels), got 32}}
  %0 = graph.batch_norm %x, %p, %p, %p, %p epsilon 1.0e-05 : tensor<1x64x8x8xf32>, tensor<32xf32>
  func.return
}

// -----

func.func @batch_norm_param_rank(%x: tensor<1x64x8x8xf32>, %p: tensor<1x64xf32>) {
  // expected-error@+1 {{'graph.batch_norm' op scale must have shape 64 (the channels), got 1x64}}
  %0 = graph.batch_norm %x, %p, %p, %p, %p epsilon 1.0e-05 : tensor<1x64x8x8xf32>, tensor<1x64xf32>
  func.return
}

// -----

// The four parameters share one type.
func.func @batch_norm_param_types_differ(%x: tensor<1x64x8x8xf32>, %p: tensor<64xf32>, %q: tensor<32xf32>) {
  // expected-error@+1 {{attribute tensor<64xf32> expected from variable 'P', but got tensor<32xf32>}}
  %0 = "graph.batch_norm"(%x, %p, %p, %p, %q) <{epsilon = 1.0e-05 : f32}> : (tensor<1x64x8x8xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<32xf32>) -> tensor<1x64x8x8xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------------===//

// -----

func.func @max_pool2d_result(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op result type tensor<1x8x4x4xf32> does not match the type inferred from the operands and attributes, tensor<1x8x5x5xf32>}}
  %0 = graph.max_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] ceil_mode : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  func.return
}

// -----

func.func @avg_pool2d_result(%x: tensor<1x8x10x10xf32>) {
  // expected-error@+1 {{'graph.avg_pool2d' op result type tensor<1x8x6x6xf32> does not match the type inferred from the operands and attributes, tensor<1x8x5x5xf32>}}
  %0 = graph.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] count_include_pad : tensor<1x8x10x10xf32> -> tensor<1x8x6x6xf32>
  func.return
}

// -----

func.func @max_pool2d_input_rank(%x: tensor<8x9x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op input must have rank 4, got shape 8x9x9}}
  %0 = graph.max_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] : tensor<8x9x9xf32> -> tensor<8x4x4xf32>
  func.return
}

// -----

func.func @max_pool2d_kernel_count(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op 'kernel' must have 2 entries, got 1}}
  %0 = graph.max_pool2d %x kernel [2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  func.return
}

// -----

func.func @avg_pool2d_zero_kernel(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.avg_pool2d' op 'kernel' entries must be >= 1, got [0, 2]}}
  %0 = graph.avg_pool2d %x kernel [0, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  func.return
}

// -----

func.func @avg_pool2d_zero_stride(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.avg_pool2d' op 'strides' entries must be >= 1, got [2, 0]}}
  %0 = graph.avg_pool2d %x kernel [2, 2] strides [2, 0] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  func.return
}

// -----

func.func @max_pool2d_dilations_count(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op 'dilations' must have 2 entries, got 0}}
  %0 = graph.max_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  func.return
}

// -----

func.func @max_pool2d_negative_pad(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op 'pads' entries must be >= 0, got [0, 0, 0, -1]}}
  %0 = graph.max_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 0, -1] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x4x4xf32>
  func.return
}

// -----

func.func @max_pool2d_pad_not_below_kernel(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op pads [2, 0, 0, 0] must be smaller than the kernel [2, 2]}}
  %0 = graph.max_pool2d %x kernel [2, 2] strides [2, 2] pads [2, 0, 0, 0] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x5x4xf32>
  func.return
}

// -----

func.func @avg_pool2d_end_pad_not_below_kernel(%x: tensor<1x8x9x9xf32>) {
  // expected-error@+1 {{'graph.avg_pool2d' op pads [0, 0, 0, 3] must be smaller than the kernel [3, 3]}}
  %0 = graph.avg_pool2d %x kernel [3, 3] strides [1, 1] pads [0, 0, 0, 3] dilations [1, 1] : tensor<1x8x9x9xf32> -> tensor<1x8x7x10xf32>
  func.return
}

// -----

func.func @max_pool2d_window_too_large(%x: tensor<1x8x2x9xf32>) {
  // expected-error@+1 {{'graph.max_pool2d' op the 3x3 window does not fit the 2x9 input}}
  %0 = graph.max_pool2d %x kernel [3, 3] strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] : tensor<1x8x2x9xf32> -> tensor<1x8x1x7xf32>
  func.return
}

// -----

func.func @global_avg_pool_result(%x: tensor<1x512x7x7xf32>) {
  // expected-error@+1 {{'graph.global_avg_pool' op result type tensor<1x512xf32> does not match the type inferred from the operands and attributes, tensor<1x512x1x1xf32>}}
  %0 = graph.global_avg_pool %x : tensor<1x512x7x7xf32> -> tensor<1x512xf32>
  func.return
}

// -----

func.func @global_max_pool_result(%x: tensor<1x512x7x7xf32>) {
  // expected-error@+1 {{'graph.global_max_pool' op result type tensor<1x1x7x7xf32> does not match the type inferred from the operands and attributes, tensor<1x512x1x1xf32>}}
  %0 = graph.global_max_pool %x : tensor<1x512x7x7xf32> -> tensor<1x1x7x7xf32>
  func.return
}

// -----

func.func @global_avg_pool_rank(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.global_avg_pool' op input must have rank >= 3 (N, C, spatial...), got 4x8}}
  %0 = graph.global_avg_pool %x : tensor<4x8xf32> -> tensor<4x8xf32>
  func.return
}

// -----

func.func @global_max_pool_rank(%x: tensor<4xf32>) {
  // expected-error@+1 {{'graph.global_max_pool' op input must have rank >= 3 (N, C, spatial...), got 4}}
  %0 = graph.global_max_pool %x : tensor<4xf32> -> tensor<4xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// Softmax
//===----------------------------------------------------------------------------===//

// -----

func.func @softmax_result(%x: tensor<2x5xf32>) {
  // expected-error@+1 {{attribute tensor<2x5xf32> expected from variable 'T', but got tensor<2x1xf32>}}
  %0 = "graph.softmax"(%x) <{axis = 1 : i64}> : (tensor<2x5xf32>) -> tensor<2x1xf32>
  func.return
}

// -----

func.func @log_softmax_result(%x: tensor<2x5xf32>) {
  // expected-error@+1 {{attribute tensor<2x5xf32> expected from variable 'T', but got tensor<5x2xf32>}}
  %0 = "graph.log_softmax"(%x) <{axis = 0 : i64}> : (tensor<2x5xf32>) -> tensor<5x2xf32>
  func.return
}

// -----

func.func @softmax_axis(%x: tensor<2x5xf32>) {
  // expected-error@+1 {{'graph.softmax' op 'axis' 2 is out of range for rank 2 (use 0..1)}}
  %0 = graph.softmax %x axis 2 : tensor<2x5xf32>
  func.return
}

// -----

// Negative axes are normalised by the builders; the IR holds 0..rank-1 only.
func.func @log_softmax_negative_axis(%x: tensor<2x5xf32>) {
  // expected-error@+1 {{'graph.log_softmax' op 'axis' -1 is out of range for rank 2 (use 0..1)}}
  %0 = graph.log_softmax %x axis -1 : tensor<2x5xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// graph.matmul and graph.gemm
//===----------------------------------------------------------------------------===//

// -----

func.func @matmul_result(%a: tensor<8x64x32xf32>, %b: tensor<32x16xf32>) {
  // expected-error@+1 {{'graph.matmul' op result type tensor<64x16xf32> does not match the type inferred from the operands and attributes, tensor<8x64x16xf32>}}
  %0 = graph.matmul %a, %b : (tensor<8x64x32xf32>, tensor<32x16xf32>) -> tensor<64x16xf32>
  func.return
}

// -----

// A 1-D operand's axis is dropped from the result.
func.func @matmul_vector_result(%a: tensor<4x32xf32>, %v: tensor<32xf32>) {
  // expected-error@+1 {{'graph.matmul' op result type tensor<4x1xf32> does not match the type inferred from the operands and attributes, tensor<4xf32>}}
  %0 = graph.matmul %a, %v : (tensor<4x32xf32>, tensor<32xf32>) -> tensor<4x1xf32>
  func.return
}

// -----

func.func @matmul_scalar_operand(%a: tensor<4x32xf32>, %s: tensor<f32>) {
  // expected-error@+1 {{'graph.matmul' op matmul operands must have rank >= 1}}
  %0 = graph.matmul %a, %s : (tensor<4x32xf32>, tensor<f32>) -> tensor<4xf32>
  func.return
}

// -----

func.func @matmul_contraction(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.matmul' op contraction sizes differ: 4x8 has 8 columns, 4x8 has 4 rows}}
  %0 = graph.matmul %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  func.return
}

// -----

func.func @matmul_vector_contraction(%a: tensor<4x8xf32>, %v: tensor<7xf32>) {
  // expected-error@+1 {{'graph.matmul' op contraction sizes differ: 4x8 has 8 columns, 7 has 7 rows}}
  %0 = graph.matmul %a, %v : (tensor<4x8xf32>, tensor<7xf32>) -> tensor<4xf32>
  func.return
}

// -----

func.func @matmul_batch_not_broadcastable(%a: tensor<2x4x8xf32>, %b: tensor<3x8x5xf32>) {
  // expected-error@+1 {{'graph.matmul' op batch axes of 2x4x8 and 3x8x5 are not broadcast-compatible}}
  %0 = graph.matmul %a, %b : (tensor<2x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x4x5xf32>
  func.return
}

// -----

func.func @gemm_result(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>) {
  // expected-error@+1 {{'graph.gemm' op result type tensor<3x4xf32> does not match the type inferred from the operands and attributes, tensor<4x3xf32>}}
  %0 = graph.gemm %a, %b : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<3x4xf32>
  func.return
}

// -----

func.func @gemm_transposed_result(%a: tensor<8x4xf32>, %b: tensor<3x8xf32>) {
  // expected-error@+1 {{'graph.gemm' op result type tensor<8x8xf32> does not match the type inferred from the operands and attributes, tensor<4x3xf32>}}
  %0 = graph.gemm %a, %b trans_a trans_b : (tensor<8x4xf32>, tensor<3x8xf32>) -> tensor<8x8xf32>
  func.return
}

// -----

func.func @gemm_a_rank(%a: tensor<2x4x8xf32>, %b: tensor<8x3xf32>) {
  // expected-error@+1 {{'graph.gemm' op A must have rank 2, got shape 2x4x8}}
  %0 = graph.gemm %a, %b : (tensor<2x4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  func.return
}

// -----

func.func @gemm_b_rank(%a: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error@+1 {{'graph.gemm' op B must have rank 2, got shape 8}}
  %0 = graph.gemm %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  func.return
}

// -----

func.func @gemm_contraction(%a: tensor<4x8xf32>, %b: tensor<3x8xf32>) {
  // expected-error@+1 {{'graph.gemm' op contraction sizes differ: op(A) is 4x8, op(B) is 3x8}}
  %0 = graph.gemm %a, %b : (tensor<4x8xf32>, tensor<3x8xf32>) -> tensor<4x8xf32>
  func.return
}

// -----

func.func @gemm_transposed_contraction(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>) {
  // expected-error@+1 {{'graph.gemm' op contraction sizes differ: op(A) is 8x4, op(B) is 8x3}}
  %0 = graph.gemm %a, %b trans_a : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<8x3xf32>
  func.return
}

// -----

func.func @gemm_c_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>, %c: tensor<4xf32>) {
  // expected-error@+1 {{'graph.gemm' op C of shape 4 does not broadcast to 4x3}}
  %0 = graph.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<4xf32>) -> tensor<4x3xf32>
  func.return
}

// -----

// C broadcasts to M x N in one direction only.
func.func @gemm_c_larger_than_result(%a: tensor<1x8xf32>, %b: tensor<8x3xf32>, %c: tensor<4x3xf32>) {
  // expected-error@+1 {{'graph.gemm' op C of shape 4x3 does not broadcast to 1x3}}
  %0 = graph.gemm %a, %b, %c : (tensor<1x8xf32>, tensor<8x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  func.return
}

// -----

func.func @gemm_c_rank(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>, %c: tensor<1x4x3xf32>) {
  // expected-error@+1 {{'graph.gemm' op C of shape 1x4x3 does not broadcast to 4x3}}
  %0 = graph.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x3xf32>, tensor<1x4x3xf32>) -> tensor<4x3xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------------===//

// -----

func.func @reduce_sum_result(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_sum' op result type tensor<4x1xf32> does not match the type inferred from the operands and attributes, tensor<4xf32>}}
  %0 = graph.reduce_sum %x axes [1] : tensor<4x8xf32> -> tensor<4x1xf32>
  func.return
}

// -----

func.func @reduce_mean_result(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_mean' op result type tensor<4xf32> does not match the type inferred from the operands and attributes, tensor<4x1xf32>}}
  %0 = graph.reduce_mean %x axes [1] keepdims : tensor<4x8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reduce_max_result(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_max' op result type tensor<4xf32> does not match the type inferred from the operands and attributes, tensor<8xf32>}}
  %0 = graph.reduce_max %x axes [0] : tensor<4x8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reduce_min_result(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_min' op result type tensor<1xf32> does not match the type inferred from the operands and attributes, tensor<f32>}}
  %0 = graph.reduce_min %x axes [0, 1] : tensor<4x8xf32> -> tensor<1xf32>
  func.return
}

// -----

func.func @reduce_sum_no_axes(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_sum' op 'axes' must list at least one axis}}
  %0 = graph.reduce_sum %x axes [] : tensor<4x8xf32> -> tensor<4x8xf32>
  func.return
}

// -----

func.func @reduce_mean_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_mean' op 'axes' 2 is out of range for rank 2 (use 0..1)}}
  %0 = graph.reduce_mean %x axes [0, 2] : tensor<4x8xf32> -> tensor<8xf32>
  func.return
}

// -----

func.func @reduce_max_negative_axis(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_max' op 'axes' -1 is out of range for rank 2 (use 0..1)}}
  %0 = graph.reduce_max %x axes [-1] : tensor<4x8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reduce_min_repeated_axes(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.reduce_min' op 'axes' has repeated entries: [1, 0, 1]}}
  %0 = graph.reduce_min %x axes [1, 0, 1] : tensor<4x8xf32> -> tensor<f32>
  func.return
}

//===----------------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------------===//

// -----

func.func @reshape_element_count(%x: tensor<2x4xf32>) {
  // expected-error@+1 {{'graph.reshape' op cannot reshape 2x4 (8 elements) to 3x3 (9 elements)}}
  %0 = graph.reshape %x : tensor<2x4xf32> -> tensor<3x3xf32>
  func.return
}

// -----

func.func @reshape_scalar(%x: tensor<2xf32>) {
  // expected-error@+1 {{'graph.reshape' op cannot reshape 2 (2 elements) to scalar (1 elements)}}
  %0 = graph.reshape %x : tensor<2xf32> -> tensor<f32>
  func.return
}

// -----

func.func @flatten_result(%x: tensor<2x3x4xf32>) {
  // expected-error@+1 {{'graph.flatten' op result type tensor<2x12xf32> does not match the type inferred from the operands and attributes, tensor<6x4xf32>}}
  %0 = graph.flatten %x axis 2 : tensor<2x3x4xf32> -> tensor<2x12xf32>
  func.return
}

// -----

func.func @flatten_axis_above_rank(%x: tensor<2x3x4xf32>) {
  // expected-error@+1 {{'graph.flatten' op 'axis' 4 is out of range for rank 3 (use 0..3)}}
  %0 = graph.flatten %x axis 4 : tensor<2x3x4xf32> -> tensor<24x1xf32>
  func.return
}

// -----

func.func @flatten_negative_axis(%x: tensor<2x3x4xf32>) {
  // expected-error@+1 {{'graph.flatten' op 'axis' -1 is out of range for rank 3 (use 0..3)}}
  %0 = graph.flatten %x axis -1 : tensor<2x3x4xf32> -> tensor<6x4xf32>
  func.return
}

// -----

func.func @transpose_result(%x: tensor<2x3x4xf32>) {
  // expected-error@+1 {{'graph.transpose' op result type tensor<4x3x2xf32> does not match the type inferred from the operands and attributes, tensor<3x4x2xf32>}}
  %0 = graph.transpose %x perm [1, 2, 0] : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  func.return
}

// -----

func.func @transpose_perm_too_short(%x: tensor<2x3x4xf32>) {
  // expected-error@+1 {{'graph.transpose' op 'perm' [1, 0] is not a permutation of 0..2}}
  %0 = graph.transpose %x perm [1, 0] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  func.return
}

// -----

func.func @transpose_perm_repeated(%x: tensor<2x3x4xf32>) {
  // expected-error@+1 {{'graph.transpose' op 'perm' [0, 2, 2] is not a permutation of 0..2}}
  %0 = graph.transpose %x perm [0, 2, 2] : tensor<2x3x4xf32> -> tensor<2x4x4xf32>
  func.return
}

// -----

func.func @transpose_perm_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'graph.transpose' op 'perm' [1, 2] is not a permutation of 0..1}}
  %0 = graph.transpose %x perm [1, 2] : tensor<2x3xf32> -> tensor<3x2xf32>
  func.return
}

// -----

func.func @concat_result(%a: tensor<1x32x8x8xf32>, %b: tensor<1x16x8x8xf32>) {
  // expected-error@+1 {{'graph.concat' op result type tensor<1x32x8x8xf32> does not match the type inferred from the operands and attributes, tensor<1x48x8x8xf32>}}
  %0 = graph.concat %a, %b axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x32x8x8xf32>
  func.return
}

// -----

func.func @concat_no_inputs() {
  // expected-error@+1 {{'graph.concat' op concat needs at least one input}}
  %0 = "graph.concat"() <{axis = 0 : i64}> : () -> tensor<4xf32>
  func.return
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error@+1 {{'graph.concat' op 'axis' 2 is out of range for rank 2 (use 0..1)}}
  %0 = graph.concat %a, %b axis 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}

// -----

func.func @concat_shapes_differ(%a: tensor<1x32x8x8xf32>, %b: tensor<1x16x4x8xf32>) {
  // expected-error@+1 {{'graph.concat' op inputs 1x32x8x8 and 1x16x4x8 differ outside the concat axis 1}}
  %0 = graph.concat %a, %b axis 1 : (tensor<1x32x8x8xf32>, tensor<1x16x4x8xf32>) -> tensor<1x48x8x8xf32>
  func.return
}

// -----

func.func @concat_ranks_differ(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3x1xf32>) {
  // expected-error@+1 {{'graph.concat' op inputs 2x3 and 2x3x1 differ outside the concat axis 0}}
  %0 = graph.concat %a, %b, %c axis 0 : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<6x3xf32>
  func.return
}

// -----

func.func @pad_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'graph.pad' op result type tensor<1x3x9x9xf32> does not match the type inferred from the operands and attributes, tensor<1x3x10x10xf32>}}
  %0 = graph.pad %x pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x9x9xf32>
  func.return
}

// -----

func.func @pad_count(%x: tensor<2x4xf32>) {
  // expected-error@+1 {{'graph.pad' op 'pads' must have 4 entries (begins, then ends), got 2}}
  %0 = graph.pad %x pads [1, 1] : tensor<2x4xf32> -> tensor<3x5xf32>
  func.return
}

// -----

func.func @pad_negative_result(%x: tensor<2x4xf32>) {
  // expected-error@+1 {{'graph.pad' op negative pads [-2, 0, -1, 0] remove more than the input 2x4 has}}
  %0 = graph.pad %x pads [-2, 0, -1, 0] : tensor<2x4xf32> -> tensor<0x4xf32>
  func.return
}

// -----

func.func @slice_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error@+1 {{'graph.slice' op result type tensor<1x3x4x7xf32> does not match the type inferred from the operands and attributes, tensor<1x3x3x7xf32>}}
  %0 = graph.slice %x starts [1, 0] ends [7, -1] axes [2, 3] steps [2, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x4x7xf32>
  func.return
}

// -----

func.func @slice_negative_step_result(%x: tensor<8xf32>) {
  // expected-error@+1 {{'graph.slice' op result type tensor<8xf32> does not match the type inferred from the operands and attributes, tensor<4xf32>}}
  %0 = graph.slice %x starts [-1] ends [-9] axes [0] steps [-2] : tensor<8xf32> -> tensor<8xf32>
  func.return
}

// -----

func.func @slice_lengths_differ(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.slice' op 'starts', 'ends', 'axes' and 'steps' must have the same length}}
  %0 = graph.slice %x starts [0, 0] ends [2] axes [0] steps [1] : tensor<4x8xf32> -> tensor<2x8xf32>
  func.return
}

// -----

func.func @slice_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.slice' op 'axes' 2 is out of range for rank 2 (use 0..1)}}
  %0 = graph.slice %x starts [0] ends [2] axes [2] steps [1] : tensor<4x8xf32> -> tensor<4x8xf32>
  func.return
}

// -----

func.func @slice_repeated_axes(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.slice' op 'axes' has repeated entries: [1, 1]}}
  %0 = graph.slice %x starts [0, 1] ends [2, 3] axes [1, 1] steps [1, 1] : tensor<4x8xf32> -> tensor<4x2xf32>
  func.return
}

// -----

func.func @slice_zero_step(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'graph.slice' op 'steps' must not contain 0}}
  %0 = graph.slice %x starts [0, 0] ends [2, 8] axes [0, 1] steps [1, 0] : tensor<4x8xf32> -> tensor<2x8xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// graph.conv_transpose2d
//===----------------------------------------------------------------------------===//

// -----

func.func @conv_transpose2d_result(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op result type tensor<1x2x3x3xf32> does not match the type inferred from the operands and attributes, tensor<1x2x5x5xf32>}}
  %0 = graph.conv_transpose2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  func.return
}

// -----

func.func @conv_transpose2d_channels(%x: tensor<1x4x3x3xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op weight has 3 input channels, but the input has 4}}
  %0 = graph.conv_transpose2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] : (tensor<1x4x3x3xf32>, tensor<3x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  func.return
}

// -----

func.func @conv_transpose2d_groups(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op input channels (4) must be divisible by groups (3)}}
  %0 = graph.conv_transpose2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] groups 3 : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x6x5x5xf32>
  func.return
}

// -----

func.func @conv_transpose2d_output_padding(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op 'output_padding' [2, 0] must be smaller than the stride or the dilation of its axis}}
  %0 = graph.conv_transpose2d %x, %w strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1] output_padding [2, 0] : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x9x7xf32>
  func.return
}

// -----

func.func @conv_transpose2d_bias(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op bias must have shape 2, got 4}}
  %0 = graph.conv_transpose2d %x, %w, %b strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x2x5x5xf32>
  func.return
}

// -----

func.func @conv_transpose2d_empty(%x: tensor<1x4x1x1xf32>, %w: tensor<4x2x1x1xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op pads [1, 0, 0, 0] leave an empty 0x1 result}}
  %0 = graph.conv_transpose2d %x, %w strides [1, 1] pads [1, 0, 0, 0] dilations [1, 1] output_padding [0, 0] : (tensor<1x4x1x1xf32>, tensor<4x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  func.return
}

// -----

func.func @conv_transpose2d_strides(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error@+1 {{'graph.conv_transpose2d' op 'strides' entries must be >= 1, got [0, 1]}}
  %0 = graph.conv_transpose2d %x, %w strides [0, 1] pads [0, 0, 0, 0] dilations [1, 1] output_padding [0, 0] : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// graph.gather
//===----------------------------------------------------------------------------===//

// -----

func.func @gather_index_out_of_range(%x: tensor<4x3xf32>) {
  // expected-error@+1 {{'graph.gather' op 'indices' [3, -1] are out of range for axis 1 of size 3 (use 0..2)}}
  %0 = graph.gather %x axis 1 indices [0, 3, -1] : tensor<4x3xf32> -> tensor<4x3xf32>
  func.return
}

// -----

func.func @gather_no_indices(%x: tensor<4x3xf32>) {
  // expected-error@+1 {{'graph.gather' op 'indices' must list at least one index}}
  %0 = graph.gather %x axis 0 indices [] : tensor<4x3xf32> -> tensor<0x3xf32>
  func.return
}

// -----

func.func @gather_axis(%x: tensor<4x3xf32>) {
  // expected-error@+1 {{'graph.gather' op 'axis' 2 is out of range for rank 2 (use 0..1)}}
  %0 = graph.gather %x axis 2 indices [0] : tensor<4x3xf32> -> tensor<4x3xf32>
  func.return
}

// -----

func.func @gather_result(%x: tensor<4x3xf32>) {
  // expected-error@+1 {{'graph.gather' op result type tensor<4x3xf32> does not match the type inferred from the operands and attributes, tensor<2x3xf32>}}
  %0 = graph.gather %x axis 0 indices [0, 1] : tensor<4x3xf32> -> tensor<4x3xf32>
  func.return
}
