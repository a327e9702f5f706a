// RUN: mopc-opt %s --split-input-file --verify-diagnostics

// Every verifier error of the metaop dialect, one per chunk (verification stops at the
// first failing op). The generic syntax is used where the custom syntax cannot express
// the broken IR.

//===----------------------------------------------------------------------------===//
// Checks shared by every meta-op
//===----------------------------------------------------------------------------===//

func.func @dynamic_operand(%x: tensor<?x4xf32>) {
  // expected-error@+1 {{'metaop.unary' op operand #0 has dynamic dimensions (tensor<?x4xf32>); meta-ops need static shapes}}
  %0 = metaop.unary exp %x : tensor<?x4xf32>
  func.return
}

// -----

func.func @dynamic_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op result #0 has dynamic dimensions (tensor<?x4xf32>); meta-ops need static shapes}}
  %0 = metaop.broadcast %x dims [0] : tensor<4xf32> -> tensor<?x4xf32>
  func.return
}

// -----

func.func @unsupported_element_type(%x: tensor<4xbf16>) {
  // expected-error@+1 {{'metaop.unary' op operand #0 has element type bf16; meta-ops support f16, f32, f64, i1, i8, i32, i64}}
  %0 = metaop.unary exp %x : tensor<4xbf16>
  func.return
}

// -----

func.func @unsupported_result_element_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.cast' op result #0 has element type i16; meta-ops support f16, f32, f64, i1, i8, i32, i64}}
  %0 = metaop.cast %x : tensor<4xf32> to tensor<4xi16>
  func.return
}

// -----

func.func @scalar_operand(%x: f32) {
  // expected-error@+1 {{'metaop.unary' op operand #0 must be a tensor, got f32}}
  %0 = "metaop.unary"(%x) <{kind = #metaop<unary_kind exp>}> : (f32) -> f32
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.reindex
//===----------------------------------------------------------------------------===//

// -----

func.func @reindex_element_types_differ(%x: tensor<5xf32>) {
  // expected-error@+1 {{'metaop.reindex' op input and result element types differ}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> : tensor<5xf32> -> tensor<5xf16>
  func.return
}

// -----

func.func @reindex_map_dims(%x: tensor<5xf32>) {
  // expected-error@+1 {{'metaop.reindex' op 'map' must have 2 dimensions (one per index), got 1}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> : tensor<5xf32> -> tensor<5x3xf32>
  func.return
}

// -----

func.func @reindex_map_results(%x: tensor<5xf32>) {
  // expected-error@+1 {{'metaop.reindex' op 'map' must have 1 results (one per indexed axis), got 2}}
  %0 = metaop.reindex %x map affine_map<(d0, d1) -> (d0, d1)> : tensor<5xf32> -> tensor<5x3xf32>
  func.return
}

// -----

func.func @reindex_map_symbols(%x: tensor<5xf32>) {
  // expected-error@+1 {{'metaop.reindex' op 'map' must not use symbols, got (d0)[s0] -> (d0 + s0)}}
  %0 = metaop.reindex %x map affine_map<(d0)[s0] -> (d0 + s0)> : tensor<5xf32> -> tensor<5xf32>
  func.return
}

// -----

func.func @reindex_map_zero_divisor(%x: tensor<5xf32>) {
  // expected-error@+1 {{'metaop.reindex' op 'map' must divide by positive constants, got d1 mod 0}}
  %0 = metaop.reindex %x map affine_map<(d0, d1) -> (d0 + d1 mod 0)> : tensor<5xf32> -> tensor<5x3xf32>
  func.return
}

// -----

func.func @reindex_map_negative_divisor(%x: tensor<5xf32>) {
  // expected-error@+1 {{'metaop.reindex' op 'map' must divide by positive constants, got (d0 * 2) floordiv -2}}
  %0 = metaop.reindex %x map affine_map<(d0) -> ((d0 * 2) floordiv -2)> : tensor<5xf32> -> tensor<5xf32>
  func.return
}

// -----

func.func @reindex_overflow_dims(%x: tensor<3xf32>) {
  // expected-error@+1 {{'metaop.reindex' op overflow condition #1 must have 2 dimensions, got 1}}
  %0 = metaop.reindex %x map affine_map<(d0, d1) -> (d1)> overflow [affine_set<(d0, d1) : (d0 - d1 >= 0)>, affine_set<(d0) : (d0 >= 0)>] : tensor<3xf32> -> tensor<3x3xf32>
  func.return
}

// -----

func.func @reindex_overflow_symbols(%x: tensor<3xf32>) {
  // expected-error@+1 {{'metaop.reindex' op overflow condition #0 must not use symbols}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> overflow [affine_set<(d0)[s0] : (d0 - s0 >= 0)>] : tensor<3xf32> -> tensor<3xf32>
  func.return
}

// -----

func.func @reindex_overflow_zero_divisor(%x: tensor<3xf32>) {
  // expected-error@+1 {{'metaop.reindex' op overflow condition #0 must divide by positive constants, got d0 ceildiv 0}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> overflow [affine_set<(d0) : (d0 ceildiv 0 == 0)>] : tensor<3xf32> -> tensor<3xf32>
  func.return
}

// -----

func.func @reindex_fractional_fill_for_integers(%x: tensor<5xi32>) {
  // expected-error@+1 {{'metaop.reindex' op fill 0.5 is not an integer, but the elements are i32}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> fill 0.5 : tensor<5xi32> -> tensor<5xi32>
  func.return
}

// -----

func.func @reindex_infinite_fill_for_integers(%x: tensor<5xi8>) {
  // expected-error@+1 {{'metaop.reindex' op fill -inf is not an integer, but the elements are i8}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> fill 0xfff0000000000000 : tensor<5xi8> -> tensor<5xi8>
  func.return
}

// -----

func.func @reindex_nan_fill_for_integers(%x: tensor<5xi64>) {
  // expected-error@+1 {{'metaop.reindex' op fill nan is not an integer, but the elements are i64}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> fill 0x7ff8000000000000 : tensor<5xi64> -> tensor<5xi64>
  func.return
}

// -----

func.func @reindex_non_boolean_fill(%x: tensor<5xi1>) {
  // expected-error@+1 {{'metaop.reindex' op fill 2.0 is not a boolean (0 or 1) for i1 elements}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> fill 2.0 : tensor<5xi1> -> tensor<5xi1>
  func.return
}

// -----

func.func @reindex_negative_boolean_fill(%x: tensor<5xi1>) {
  // expected-error@+1 {{'metaop.reindex' op fill -1.0 is not a boolean (0 or 1) for i1 elements}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0)> fill -1.0 : tensor<5xi1> -> tensor<5xi1>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.broadcast
//===----------------------------------------------------------------------------===//

// -----

func.func @broadcast_element_types_differ(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op input and result element types differ}}
  %0 = metaop.broadcast %x dims [0] : tensor<4xf32> -> tensor<2x4xi32>
  func.return
}

// -----

func.func @broadcast_dims_out_of_range(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op 'dims' entry 2 is out of range for rank 2}}
  %0 = metaop.broadcast %x dims [2] : tensor<4xf32> -> tensor<2x4xf32>
  func.return
}

// -----

func.func @broadcast_negative_dims(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op 'dims' entry -1 is out of range for rank 2}}
  %0 = metaop.broadcast %x dims [-1] : tensor<4xf32> -> tensor<4x2xf32>
  func.return
}

// -----

func.func @broadcast_repeated_dims(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op 'dims' has repeated entries: [0, 0]}}
  %0 = metaop.broadcast %x dims [0, 0] : tensor<4xf32> -> tensor<2x3x4xf32>
  func.return
}

// -----

func.func @broadcast_rank(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op result rank 3 must be the input rank 1 plus the 1 new 'dims'}}
  %0 = metaop.broadcast %x dims [0] : tensor<4xf32> -> tensor<2x3x4xf32>
  func.return
}

// -----

func.func @broadcast_rank_without_dims(%x: tensor<4x1xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op result rank 3 must be the input rank 2 plus the 0 new 'dims'}}
  %0 = metaop.broadcast %x : tensor<4x1xf32> -> tensor<2x4x8xf32>
  func.return
}

// -----

func.func @broadcast_size(%x: tensor<4x1xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op input axis 0 (size 4) cannot broadcast to result axis 1 (size 8)}}
  %0 = metaop.broadcast %x dims [0] : tensor<4x1xf32> -> tensor<2x8x8xf32>
  func.return
}

// -----

// Only size-1 axes stretch; an axis cannot shrink to 1 either.
func.func @broadcast_shrink(%x: tensor<4x3xf32>) {
  // expected-error@+1 {{'metaop.broadcast' op input axis 1 (size 3) cannot broadcast to result axis 1 (size 1)}}
  %0 = metaop.broadcast %x : tensor<4x3xf32> -> tensor<4x1xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.reindex_reduce
//===----------------------------------------------------------------------------===//

// -----

func.func @reindex_reduce_element_types_differ(%x: tensor<8xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op input and result element types differ}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0) -> (d0 floordiv 2)> : tensor<8xf32> -> tensor<4xf64>
  func.return
}

// -----

func.func @reindex_reduce_mean(%x: tensor<8xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op 'mean' is not a valid reindex_reduce kind (use add and a division)}}
  %0 = metaop.reindex_reduce mean %x map affine_map<(d0) -> (d0 floordiv 2)> : tensor<8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reindex_reduce_logical_on_floats(%x: tensor<8xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op reduce kind 'or' needs integer or i1 elements, got f32}}
  %0 = metaop.reindex_reduce or %x map affine_map<(d0) -> (d0 floordiv 2)> : tensor<8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reindex_reduce_arithmetic_on_i1(%x: tensor<8xi1>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op reduce kind 'max' is not defined on i1 elements}}
  %0 = metaop.reindex_reduce max %x map affine_map<(d0) -> (d0 floordiv 2)> : tensor<8xi1> -> tensor<4xi1>
  func.return
}

// -----

func.func @reindex_reduce_map_dims(%x: tensor<8x3xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op 'map' must have 2 dimensions (one per index), got 1}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0) -> (d0 floordiv 2)> : tensor<8x3xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reindex_reduce_map_results(%x: tensor<8x3xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op 'map' must have 2 results (one per indexed axis), got 1}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0, d1) -> (d0 floordiv 2)> : tensor<8x3xf32> -> tensor<4x3xf32>
  func.return
}

// -----

func.func @reindex_reduce_map_symbols(%x: tensor<8xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op 'map' must not use symbols, got (d0)[s0, s1] -> (d0 floordiv 2 + s1)}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0)[s0, s1] -> (d0 floordiv 2 + s1)> : tensor<8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reindex_reduce_map_zero_divisor(%x: tensor<8xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op 'map' must divide by positive constants, got d0 floordiv 0}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0) -> (d0 floordiv 0)> : tensor<8xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reindex_reduce_overflow_dims(%x: tensor<8x3xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op overflow condition #0 must have 2 dimensions, got 1}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0, d1) -> (d0 floordiv 2)> overflow [affine_set<(d0) : (d0 == 0)>] : tensor<8x3xf32> -> tensor<4xf32>
  func.return
}

// -----

func.func @reindex_reduce_overflow_symbols(%x: tensor<8xf32>) {
  // expected-error@+1 {{'metaop.reindex_reduce' op overflow condition #1 must not use symbols}}
  %0 = metaop.reindex_reduce add %x map affine_map<(d0) -> (d0 floordiv 2)> overflow [affine_set<(d0) : (d0 == 0)>, affine_set<(d0)[s0] : (d0 - s0 == 0)>] : tensor<8xf32> -> tensor<4xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.reduce
//===----------------------------------------------------------------------------===//

// -----

func.func @reduce_element_types_differ(%x: tensor<2x10xi32>) {
  // expected-error@+1 {{'metaop.reduce' op input and result element types differ}}
  %0 = metaop.reduce add %x axes [1] : tensor<2x10xi32> -> tensor<2xi64>
  func.return
}

// -----

func.func @reduce_logical_on_floats(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op reduce kind 'xor' needs integer or i1 elements, got f32}}
  %0 = metaop.reduce xor %x axes [1] : tensor<2x10xf32> -> tensor<2xf32>
  func.return
}

// -----

func.func @reduce_mean_on_i1(%x: tensor<2x10xi1>) {
  // expected-error@+1 {{'metaop.reduce' op reduce kind 'mean' is not defined on i1 elements}}
  %0 = metaop.reduce mean %x axes [1] : tensor<2x10xi1> -> tensor<2xi1>
  func.return
}

// -----

func.func @reduce_no_axes(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op 'axes' must list at least one axis}}
  %0 = metaop.reduce add %x axes [] : tensor<2x10xf32> -> tensor<2x10xf32>
  func.return
}

// -----

func.func @reduce_axis_out_of_range(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op 'axes' entry 2 is out of range for rank 2}}
  %0 = metaop.reduce add %x axes [0, 2] : tensor<2x10xf32> -> tensor<10xf32>
  func.return
}

// -----

func.func @reduce_negative_axis(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op 'axes' entry -1 is out of range for rank 2}}
  %0 = metaop.reduce max %x axes [-1] : tensor<2x10xf32> -> tensor<2xf32>
  func.return
}

// -----

func.func @reduce_repeated_axes(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op 'axes' has repeated entries: [1, 1]}}
  %0 = metaop.reduce min %x axes [1, 1] : tensor<2x10xf32> -> tensor<2xf32>
  func.return
}

// -----

func.func @reduce_result_shape(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op result shape [2] does not match the reduced shape [2, 1]}}
  %0 = metaop.reduce max %x axes [1] keepdims : tensor<2x10xf32> -> tensor<2xf32>
  func.return
}

// -----

func.func @reduce_result_shape_without_keepdims(%x: tensor<2x10xf32>) {
  // expected-error@+1 {{'metaop.reduce' op result shape [1, 10] does not match the reduced shape [10]}}
  %0 = metaop.reduce mul %x axes [0] : tensor<2x10xf32> -> tensor<1x10xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.unary
//===----------------------------------------------------------------------------===//

// -----

func.func @unary_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<4xf64>}}
  %0 = "metaop.unary"(%x) <{kind = #metaop<unary_kind exp>}> : (tensor<4xf32>) -> tensor<4xf64>
  func.return
}

// -----

func.func @unary_float_kind_on_integers(%x: tensor<4xi32>) {
  // expected-error@+1 {{'metaop.unary' op unary kind 'exp' needs floating-point elements, got i32}}
  %0 = metaop.unary exp %x : tensor<4xi32>
  func.return
}

// -----

func.func @unary_float_kind_on_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'metaop.unary' op unary kind 'sqrt' needs floating-point elements, got i1}}
  %0 = metaop.unary sqrt %x : tensor<4xi1>
  func.return
}

// -----

func.func @unary_round_on_integers(%x: tensor<4xi8>) {
  // expected-error@+1 {{'metaop.unary' op unary kind 'round' needs floating-point elements, got i8}}
  %0 = metaop.unary round %x : tensor<4xi8>
  func.return
}

// -----

func.func @unary_not_on_floats(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.unary' op unary kind 'not' needs i1 elements, got f32}}
  %0 = metaop.unary not %x : tensor<4xf32>
  func.return
}

// -----

func.func @unary_not_on_integers(%x: tensor<4xi32>) {
  // expected-error@+1 {{'metaop.unary' op unary kind 'not' needs i1 elements, got i32}}
  %0 = metaop.unary not %x : tensor<4xi32>
  func.return
}

// -----

func.func @unary_neg_on_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'metaop.unary' op unary kind 'neg' is not defined on i1 elements}}
  %0 = metaop.unary neg %x : tensor<4xi1>
  func.return
}

// -----

func.func @unary_unknown_kind(%x: tensor<4xf32>) {
  // expected-error@+1 {{Expected `abs`, `neg`, `exp`, `log`, `sqrt`, `rsqrt`, `recip`, `sigmoid`, `tanh`, `erf`, `floor`, `ceil`, `round`, `sin`, `cos`, or `not`}}
  %0 = metaop.unary gelu %x : tensor<4xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.binary
//===----------------------------------------------------------------------------===//

// -----

func.func @binary_operand_types_differ(%x: tensor<4xf32>, %y: tensor<4xf64>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<4xf64>}}
  %0 = "metaop.binary"(%x, %y) <{kind = #metaop<binary_kind add>}> : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  func.return
}

// -----

// Operands have the result's shape: broadcasts are explicit meta-ops.
func.func @binary_shapes_differ(%x: tensor<4x8xf32>, %y: tensor<8xf32>) {
  // expected-error@+1 {{attribute tensor<4x8xf32> expected from variable 'T', but got tensor<8xf32>}}
  %0 = "metaop.binary"(%x, %y) <{kind = #metaop<binary_kind mul>}> : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  func.return
}

// -----

func.func @binary_logical_on_floats(%x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.binary' op binary kind 'and' needs integer or i1 elements, got f32}}
  %0 = metaop.binary and %x, %x : tensor<4xf32>
  func.return
}

// -----

func.func @binary_xor_on_f16(%x: tensor<4xf16>) {
  // expected-error@+1 {{'metaop.binary' op binary kind 'xor' needs integer or i1 elements, got f16}}
  %0 = metaop.binary xor %x, %x : tensor<4xf16>
  func.return
}

// -----

func.func @binary_arithmetic_on_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'metaop.binary' op binary kind 'add' is not defined on i1 elements}}
  %0 = metaop.binary add %x, %x : tensor<4xi1>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.compare
//===----------------------------------------------------------------------------===//

// -----

func.func @compare_result_not_i1(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'metaop.compare' op result must be tensor<4x8xi1>, got tensor<4x8xf32>}}
  %0 = metaop.compare gt %x, %x : tensor<4x8xf32> -> tensor<4x8xf32>
  func.return
}

// -----

func.func @compare_result_shape(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'metaop.compare' op result must be tensor<4x8xi1>, got tensor<8x4xi1>}}
  %0 = metaop.compare lt %x, %x : tensor<4x8xf32> -> tensor<8x4xi1>
  func.return
}

// -----

func.func @compare_operand_types_differ(%x: tensor<4xf32>, %y: tensor<4xi32>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<4xi32>}}
  %0 = "metaop.compare"(%x, %y) <{kind = #metaop<compare_kind eq>}> : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xi1>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.ternary
//===----------------------------------------------------------------------------===//

// -----

func.func @ternary_condition_not_i1(%c: tensor<4xi32>, %x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.ternary' op condition must be tensor<4xi1>, got tensor<4xi32>}}
  %0 = metaop.ternary %c, %x, %x : tensor<4xi32>, tensor<4xf32>
  func.return
}

// -----

func.func @ternary_condition_shape(%c: tensor<1xi1>, %x: tensor<4xf32>) {
  // expected-error@+1 {{'metaop.ternary' op condition must be tensor<4xi1>, got tensor<1xi1>}}
  %0 = metaop.ternary %c, %x, %x : tensor<1xi1>, tensor<4xf32>
  func.return
}

// -----

func.func @ternary_operand_types_differ(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf16>) {
  // expected-error@+1 {{attribute tensor<4xf32> expected from variable 'T', but got tensor<4xf16>}}
  %0 = "metaop.ternary"(%c, %x, %y) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.cast
//===----------------------------------------------------------------------------===//

// -----

func.func @cast_shape(%x: tensor<4x8xf32>) {
  // expected-error@+1 {{'metaop.cast' op cast must not change the shape}}
  %0 = metaop.cast %x : tensor<4x8xf32> to tensor<32xi32>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.index
//===----------------------------------------------------------------------------===//

// -----

func.func @index_dim_out_of_range() {
  // expected-error@+1 {{'metaop.index' op 'dim' 2 is out of range for rank 2}}
  %0 = metaop.index dim 2 : tensor<4x8xi64>
  func.return
}

// -----

func.func @index_negative_dim() {
  // expected-error@+1 {{'metaop.index' op 'dim' -1 is out of range for rank 2}}
  %0 = metaop.index dim -1 : tensor<4x8xi64>
  func.return
}

// -----

func.func @index_of_scalar() {
  // expected-error@+1 {{'metaop.index' op 'dim' 0 is out of range for rank 0}}
  %0 = metaop.index dim 0 : tensor<i64>
  func.return
}

// -----

func.func @index_i1() {
  // expected-error@+1 {{'metaop.index' op index elements must be integers or floats, not i1}}
  %0 = metaop.index dim 0 : tensor<4xi1>
  func.return
}

//===----------------------------------------------------------------------------===//
// metaop.constant
//===----------------------------------------------------------------------------===//

// -----

func.func @constant_type_mismatch() {
  // expected-error@+1 {{'metaop.constant' op value type tensor<2xf32> differs from the result type tensor<3xf32>}}
  %0 = "metaop.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  func.return
}

// -----

func.func @constant_element_type_mismatch() {
  // expected-error@+1 {{'metaop.constant' op value type tensor<2xi32> differs from the result type tensor<2xi64>}}
  %0 = "metaop.constant"() <{value = dense<[1, 2]> : tensor<2xi32>}> : () -> tensor<2xi64>
  func.return
}

// -----

func.func @constant_resource_type_mismatch() {
  // expected-error@+1 {{'metaop.constant' op value type tensor<64x3x7x7xf32> differs from the result type tensor<64x3x7x7xf16>}}
  %0 = "metaop.constant"() <{value = dense_resource<conv1.weight> : tensor<64x3x7x7xf32>}> : () -> tensor<64x3x7x7xf16>
  func.return
}

// -----

func.func @constant_unsupported_element_type() {
  // expected-error@+1 {{'metaop.constant' op result #0 has element type i16; meta-ops support f16, f32, f64, i1, i8, i32, i64}}
  %0 = metaop.constant dense<[1, 2]> : tensor<2xi16>
  func.return
}

// -----

func.func @map_not_affine(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{not an affine expression: a product of two non-constant terms}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0 * d0)> : tensor<4xf32> -> tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

func.func @map_constant_division_by_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{division by zero in an affine expression}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (5 floordiv 0)> : tensor<4xf32> -> tensor<4xf32>
  func.return %0 : tensor<4xf32>
}

// -----

func.func @fill_out_of_i8_range(%x: tensor<4xi8>) -> tensor<6xi8> {
  // expected-error@+1 {{fill 300.0 does not fit in i8 elements}}
  %0 = metaop.reindex %x map affine_map<(d0) -> (d0 - 1)> fill 3.000000e+02 : tensor<4xi8> -> tensor<6xi8>
  func.return %0 : tensor<6xi8>
}
