// RUN: %roundtrip
// RUN: %roundtrip-generic

// Every metaop op in its custom syntax, with all its syntactic variants. The first RUN
// line prints generically and parses that back (so the generic form must be complete),
// then checks the custom form; the second checks the generic form itself.

// Index maps print MLIR-style: dimensions are renamed d0, d1, ... and the expressions
// are simplified; `fill` (an f64) and `overflow` are printed only when not the default.

// CHECK-LABEL: func.func @reindex(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[V:[^:]*]]: tensor<5xf32>, %[[W:[^:]*]]: tensor<3xf32>)
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5 - 1, d4 * 2 + d6 - 1)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x4x4x3x3xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[V]] map affine_map<(d0) -> (d0 - 2)> fill -1.000000e+00 : tensor<5xf32> -> tensor<9xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[V]] map affine_map<(d0) -> (d0 - 2)> fill 0xfff0000000000000 : tensor<5xf32> -> tensor<9xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[W]] map affine_map<(d0, d1) -> (d1)> overflow [affine_set<(d0, d1) : (d0 - d1 - 1 >= 0)>, affine_set<(d0, d1) : (d1 - d0 - 1 >= 0)>] : tensor<3xf32> -> tensor<3x3xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[V]] map affine_map<(d0, d1) -> (d0 * 2 + d1 - 1)> fill 5.000000e-01 overflow [affine_set<(d0, d1) : (d0 == 0)>] : tensor<5xf32> -> tensor<3x3xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[V]] map affine_map<(d0, d1) -> (d0 ceildiv 2 + d1 mod 3 - (d0 floordiv 4) * 2)> : tensor<5xf32> -> tensor<4x6xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[V]] map affine_map<(d0) -> (-d0 + 4)> {tag} : tensor<5xf32> -> tensor<5xf32>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "reindex"
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3 * 2 + d5 - 1, d4 * 2 + d6 - 1)>, fill = 0.000000e+00 : f64, overflow = []}> : (tensor<1x3x8x8xf32>) -> tensor<1x4x3x4x4x3x3xf32>
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0) -> (d0 - 2)>, fill = -1.000000e+00 : f64, overflow = []}> : (tensor<5xf32>) -> tensor<9xf32>
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0) -> (d0 - 2)>, fill = 0xfff0000000000000 : f64, overflow = []}> : (tensor<5xf32>) -> tensor<9xf32>
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0, d1) -> (d1)>, overflow = [affine_set<(d0, d1) : (d0 - d1 - 1 >= 0)>, affine_set<(d0, d1) : (d1 - d0 - 1 >= 0)>], fill = 0.000000e+00 : f64}> : (tensor<3xf32>) -> tensor<3x3xf32>
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0, d1) -> (d0 * 2 + d1 - 1)>, fill = 5.000000e-01 : f64, overflow = [affine_set<(d0, d1) : (d0 == 0)>]}> : (tensor<5xf32>) -> tensor<3x3xf32>
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0) -> (-d0 + 4)>, fill = 0.000000e+00 : f64, overflow = []}> {tag} : (tensor<5xf32>) -> tensor<5xf32>
func.func @reindex(%x: tensor<1x3x8x8xf32>, %v: tensor<5xf32>, %w: tensor<3xf32>) {
  // Convolution reads its input through a reindex; dimension names are free.
  %0 = metaop.reindex %x map affine_map<(n, o, c, h, w, kh, kw) -> (n, c, h * 2 + kh - 1, w * 2 + kw - 1)> : tensor<1x3x8x8xf32> -> tensor<1x4x3x4x4x3x3xf32>
  %1 = metaop.reindex %v map affine_map<(d0) -> (d0 - 2)> fill -1.0 : tensor<5xf32> -> tensor<9xf32>
  // -inf, the padding of max pooling, as the bit pattern of an f64.
  %2 = metaop.reindex %v map affine_map<(d0) -> (d0 - 2)> fill 0xfff0000000000000 : tensor<5xf32> -> tensor<9xf32>
  %3 = metaop.reindex %w map affine_map<(d0, d1) -> (d1)> overflow [affine_set<(d0, d1) : (d0 - d1 - 1 >= 0)>, affine_set<(d0, d1) : (d1 - d0 - 1 >= 0)>] : tensor<3xf32> -> tensor<3x3xf32>
  %4 = metaop.reindex %v map affine_map<(d0, d1) -> (d0 * 2 + d1 - 1)> fill 0.5 overflow [affine_set<(d0, d1) : (d0 == 0)>] : tensor<5xf32> -> tensor<3x3xf32>
  // Quasi-affine expressions: floordiv, ceildiv and mod by constants.
  %5 = metaop.reindex %v map affine_map<(d0, d1) -> (d0 ceildiv 2 + d1 mod 3 - (d0 floordiv 4) * 2)> : tensor<5xf32> -> tensor<4x6xf32>
  // The default fill and an empty overflow list are not printed back.
  %6 = metaop.reindex %v map affine_map<(d0) -> (4 - d0)> fill 0.0 overflow [] {tag} : tensor<5xf32> -> tensor<5xf32>
  func.return
}

// -----

// Element types other than f32; an integral fill for integer elements, 0 or 1 for i1;
// rank-0 tensors (a map with no dimensions, or with no results).

// CHECK-LABEL: func.func @reindex_element_types(
// CHECK-SAME: %[[I:[^:]*]]: tensor<5xi32>, %[[B:[^:]*]]: tensor<4xi1>, %[[S:[^:]*]]: tensor<f64>, %[[H:[^:]*]]: tensor<2xf16>)
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[I]] map affine_map<(d0, d1) -> (d1)> fill -7.000000e+00 : tensor<5xi32> -> tensor<2x6xi32>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[B]] map affine_map<(d0) -> (-d0 + 3)> fill 1.000000e+00 overflow [affine_set<(d0) : (d0 - 2 >= 0, -d0 + 3 >= 0)>] : tensor<4xi1> -> tensor<4xi1>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[S]] map affine_map<(d0) -> ()> : tensor<f64> -> tensor<4xf64>
// CHECK-NEXT: %{{.*}} = metaop.reindex %[[H]] map affine_map<() -> (1)> : tensor<2xf16> -> tensor<f16>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "reindex_element_types"
// CHECK-GENERIC: "metaop.reindex"(%{{.*}}) <{map = affine_map<(d0, d1) -> (d1)>, fill = -7.000000e+00 : f64, overflow = []}> : (tensor<5xi32>) -> tensor<2x6xi32>
func.func @reindex_element_types(%i: tensor<5xi32>, %b: tensor<4xi1>, %s: tensor<f64>, %h: tensor<2xf16>) {
  %0 = metaop.reindex %i map affine_map<(d0, d1) -> (d1)> fill -7.0 : tensor<5xi32> -> tensor<2x6xi32>
  %1 = metaop.reindex %b map affine_map<(d0) -> (3 - d0)> fill 1.0 overflow [affine_set<(d0) : (d0 - 2 >= 0, 3 - d0 >= 0)>] : tensor<4xi1> -> tensor<4xi1>
  %2 = metaop.reindex %s map affine_map<(d0) -> ()> : tensor<f64> -> tensor<4xf64>
  %3 = metaop.reindex %h map affine_map<() -> (1)> : tensor<2xf16> -> tensor<f16>
  func.return
}

// -----

// New axes at `dims`; size-1 input axes stretch. `dims` is printed only when non-empty.

// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME: %[[B:[^:]*]]: tensor<64xf32>, %[[M:[^:]*]]: tensor<4x1xf32>, %[[S:[^:]*]]: tensor<i1>)
// CHECK-NEXT: %{{.*}} = metaop.broadcast %[[B]] dims [0, 2, 3] : tensor<64xf32> -> tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.broadcast %[[M]] : tensor<4x1xf32> -> tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = metaop.broadcast %[[M]] dims [0] : tensor<4x1xf32> -> tensor<2x4x3xf32>
// CHECK-NEXT: %{{.*}} = metaop.broadcast %[[M]] : tensor<4x1xf32> -> tensor<4x1xf32>
// CHECK-NEXT: %{{.*}} = metaop.broadcast %[[S]] dims [0, 1] : tensor<i1> -> tensor<2x3xi1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "broadcast"
// CHECK-GENERIC: "metaop.broadcast"(%{{.*}}) <{dims = array<i64: 0, 2, 3>}> : (tensor<64xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "metaop.broadcast"(%{{.*}}) <{dims = array<i64>}> : (tensor<4x1xf32>) -> tensor<4x8xf32>
func.func @broadcast(%b: tensor<64xf32>, %m: tensor<4x1xf32>, %s: tensor<i1>) {
  %0 = metaop.broadcast %b dims [0, 2, 3] : tensor<64xf32> -> tensor<1x64x56x56xf32>
  %1 = metaop.broadcast %m : tensor<4x1xf32> -> tensor<4x8xf32>
  %2 = metaop.broadcast %m dims [0] : tensor<4x1xf32> -> tensor<2x4x3xf32>
  // An explicit empty `dims` is the default and is not printed back.
  %3 = metaop.broadcast %m dims [] : tensor<4x1xf32> -> tensor<4x1xf32>
  %4 = metaop.broadcast %s dims [0, 1] : tensor<i1> -> tensor<2x3xi1>
  func.return
}

// -----

// Every kind but `mean`; the logical kinds on integer and i1 elements.

// CHECK-LABEL: func.func @reindex_reduce(
// CHECK-SAME: %[[Y:[^:]*]]: tensor<8x3xf32>, %[[I:[^:]*]]: tensor<8xi32>, %[[B:[^:]*]]: tensor<8xi1>)
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce add %[[Y]] map affine_map<(d0, d1) -> (d0 floordiv 2)> : tensor<8x3xf32> -> tensor<4xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce mul %[[Y]] map affine_map<(d0, d1) -> (d1, d0 mod 2)> : tensor<8x3xf32> -> tensor<3x2xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce max %[[Y]] map affine_map<(d0, d1) -> (d0 - d1)> overflow [affine_set<(d0, d1) : (d1 - 1 == 0)>] : tensor<8x3xf32> -> tensor<8xf32>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce min %[[Y]] map affine_map<(d0, d1) -> ()> : tensor<8x3xf32> -> tensor<f32>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce add %[[I]] map affine_map<(d0) -> (d0 floordiv 4)> : tensor<8xi32> -> tensor<2xi32>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce and %[[I]] map affine_map<(d0) -> (d0 floordiv 4)> : tensor<8xi32> -> tensor<2xi32>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce or %[[B]] map affine_map<(d0) -> (d0 floordiv 4)> : tensor<8xi1> -> tensor<2xi1>
// CHECK-NEXT: %{{.*}} = metaop.reindex_reduce xor %[[B]] map affine_map<(d0) -> (d0 mod 2)> {tag} : tensor<8xi1> -> tensor<2xi1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "reindex_reduce"
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind add>, map = affine_map<(d0, d1) -> (d0 floordiv 2)>, overflow = []}> : (tensor<8x3xf32>) -> tensor<4xf32>
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind mul>, map = affine_map<(d0, d1) -> (d1, d0 mod 2)>, overflow = []}> : (tensor<8x3xf32>) -> tensor<3x2xf32>
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind max>, map = affine_map<(d0, d1) -> (d0 - d1)>, overflow = [affine_set<(d0, d1) : (d1 - 1 == 0)>]}> : (tensor<8x3xf32>) -> tensor<8xf32>
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind min>,
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind add>,
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind and>,
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind or>,
// CHECK-GENERIC: "metaop.reindex_reduce"(%{{.*}}) <{kind = #metaop<reduce_kind xor>, map = affine_map<(d0) -> (d0 mod 2)>, overflow = []}> {tag} : (tensor<8xi1>) -> tensor<2xi1>
func.func @reindex_reduce(%y: tensor<8x3xf32>, %i: tensor<8xi32>, %b: tensor<8xi1>) {
  %0 = metaop.reindex_reduce add %y map affine_map<(d0, d1) -> (d0 floordiv 2)> : tensor<8x3xf32> -> tensor<4xf32>
  %1 = metaop.reindex_reduce mul %y map affine_map<(d0, d1) -> (d1, d0 mod 2)> : tensor<8x3xf32> -> tensor<3x2xf32>
  %2 = metaop.reindex_reduce max %y map affine_map<(d0, d1) -> (d0 - d1)> overflow [affine_set<(d0, d1) : (d1 - 1 == 0)>] : tensor<8x3xf32> -> tensor<8xf32>
  %3 = metaop.reindex_reduce min %y map affine_map<(d0, d1) -> ()> : tensor<8x3xf32> -> tensor<f32>
  %4 = metaop.reindex_reduce add %i map affine_map<(d0) -> (d0 floordiv 4)> : tensor<8xi32> -> tensor<2xi32>
  %5 = metaop.reindex_reduce and %i map affine_map<(d0) -> (d0 floordiv 4)> : tensor<8xi32> -> tensor<2xi32>
  %6 = metaop.reindex_reduce or %b map affine_map<(d0) -> (d0 floordiv 4)> overflow [] : tensor<8xi1> -> tensor<2xi1>
  %7 = metaop.reindex_reduce xor %b map affine_map<(d0) -> (d0 mod 2)> {tag} : tensor<8xi1> -> tensor<2xi1>
  func.return
}

// -----

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME: %[[P:[^:]*]]: tensor<1x8x3x6x6x3x3xf32>, %[[X:[^:]*]]: tensor<2x10xf32>, %[[I:[^:]*]]: tensor<2x10xi64>, %[[B:[^:]*]]: tensor<2x10xi1>)
// CHECK-NEXT: %{{.*}} = metaop.reduce add %[[P]] axes [2, 5, 6] : tensor<1x8x3x6x6x3x3xf32> -> tensor<1x8x6x6xf32>
// CHECK-NEXT: %{{.*}} = metaop.reduce max %[[X]] axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %{{.*}} = metaop.reduce min %[[X]] axes [0, 1] : tensor<2x10xf32> -> tensor<f32>
// CHECK-NEXT: %{{.*}} = metaop.reduce mean %[[X]] axes [1, 0] keepdims : tensor<2x10xf32> -> tensor<1x1xf32>
// CHECK-NEXT: %{{.*}} = metaop.reduce mul %[[I]] axes [0] : tensor<2x10xi64> -> tensor<10xi64>
// CHECK-NEXT: %{{.*}} = metaop.reduce xor %[[I]] axes [1] : tensor<2x10xi64> -> tensor<2xi64>
// CHECK-NEXT: %{{.*}} = metaop.reduce and %[[B]] axes [1] : tensor<2x10xi1> -> tensor<2xi1>
// CHECK-NEXT: %{{.*}} = metaop.reduce or %[[B]] axes [0] keepdims : tensor<2x10xi1> -> tensor<1x10xi1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "reduce"
// CHECK-GENERIC: "metaop.reduce"(%{{.*}}) <{kind = #metaop<reduce_kind add>, axes = array<i64: 2, 5, 6>}> : (tensor<1x8x3x6x6x3x3xf32>) -> tensor<1x8x6x6xf32>
// CHECK-GENERIC: "metaop.reduce"(%{{.*}}) <{kind = #metaop<reduce_kind max>, axes = array<i64: 1>, keepdims}> : (tensor<2x10xf32>) -> tensor<2x1xf32>
// CHECK-GENERIC: "metaop.reduce"(%{{.*}}) <{kind = #metaop<reduce_kind min>, axes = array<i64: 0, 1>}> : (tensor<2x10xf32>) -> tensor<f32>
// CHECK-GENERIC: "metaop.reduce"(%{{.*}}) <{kind = #metaop<reduce_kind mean>, axes = array<i64: 1, 0>, keepdims}> : (tensor<2x10xf32>) -> tensor<1x1xf32>
func.func @reduce(%p: tensor<1x8x3x6x6x3x3xf32>, %x: tensor<2x10xf32>, %i: tensor<2x10xi64>, %b: tensor<2x10xi1>) {
  %0 = metaop.reduce add %p axes [2, 5, 6] : tensor<1x8x3x6x6x3x3xf32> -> tensor<1x8x6x6xf32>
  %1 = metaop.reduce max %x axes [1] keepdims : tensor<2x10xf32> -> tensor<2x1xf32>
  %2 = metaop.reduce min %x axes [0, 1] : tensor<2x10xf32> -> tensor<f32>
  %3 = metaop.reduce mean %x axes [1, 0] keepdims : tensor<2x10xf32> -> tensor<1x1xf32>
  %4 = metaop.reduce mul %i axes [0] : tensor<2x10xi64> -> tensor<10xi64>
  %5 = metaop.reduce xor %i axes [1] : tensor<2x10xi64> -> tensor<2xi64>
  %6 = metaop.reduce and %b axes [1] : tensor<2x10xi1> -> tensor<2xi1>
  %7 = metaop.reduce or %b axes [0] keepdims : tensor<2x10xi1> -> tensor<1x10xi1>
  func.return
}

// -----

// Every unary kind: the floating-point ones on f16/f32/f64, abs and neg on integers
// too, not on i1.

// CHECK-LABEL: func.func @unary(
// CHECK-SAME: %[[X:[^:]*]]: tensor<2x10xf32>, %[[H:[^:]*]]: tensor<3xf16>, %[[D:[^:]*]]: tensor<f64>, %[[I:[^:]*]]: tensor<4xi8>, %[[B:[^:]*]]: tensor<4xi1>)
// CHECK-NEXT: %{{.*}} = metaop.unary abs %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary neg %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary exp %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary log %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary sqrt %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary rsqrt %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary recip %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary sigmoid %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary tanh %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary erf %[[H]] : tensor<3xf16>
// CHECK-NEXT: %{{.*}} = metaop.unary floor %[[H]] : tensor<3xf16>
// CHECK-NEXT: %{{.*}} = metaop.unary ceil %[[D]] : tensor<f64>
// CHECK-NEXT: %{{.*}} = metaop.unary round %[[D]] : tensor<f64>
// CHECK-NEXT: %{{.*}} = metaop.unary sin %[[X]] : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary cos %[[X]] {tag} : tensor<2x10xf32>
// CHECK-NEXT: %{{.*}} = metaop.unary abs %[[I]] : tensor<4xi8>
// CHECK-NEXT: %{{.*}} = metaop.unary neg %[[I]] : tensor<4xi8>
// CHECK-NEXT: %{{.*}} = metaop.unary not %[[B]] : tensor<4xi1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "unary"
// CHECK-GENERIC: "metaop.unary"(%{{.*}}) <{kind = #metaop<unary_kind abs>}> : (tensor<2x10xf32>) -> tensor<2x10xf32>
// CHECK-GENERIC: "metaop.unary"(%{{.*}}) <{kind = #metaop<unary_kind cos>}> {tag} : (tensor<2x10xf32>) -> tensor<2x10xf32>
// CHECK-GENERIC: "metaop.unary"(%{{.*}}) <{kind = #metaop<unary_kind not>}> : (tensor<4xi1>) -> tensor<4xi1>
func.func @unary(%x: tensor<2x10xf32>, %h: tensor<3xf16>, %d: tensor<f64>, %i: tensor<4xi8>, %b: tensor<4xi1>) {
  %0 = metaop.unary abs %x : tensor<2x10xf32>
  %1 = metaop.unary neg %x : tensor<2x10xf32>
  %2 = metaop.unary exp %x : tensor<2x10xf32>
  %3 = metaop.unary log %x : tensor<2x10xf32>
  %4 = metaop.unary sqrt %x : tensor<2x10xf32>
  %5 = metaop.unary rsqrt %x : tensor<2x10xf32>
  %6 = metaop.unary recip %x : tensor<2x10xf32>
  %7 = metaop.unary sigmoid %x : tensor<2x10xf32>
  %8 = metaop.unary tanh %x : tensor<2x10xf32>
  %9 = metaop.unary erf %h : tensor<3xf16>
  %10 = metaop.unary floor %h : tensor<3xf16>
  %11 = metaop.unary ceil %d : tensor<f64>
  %12 = metaop.unary round %d : tensor<f64>
  %13 = metaop.unary sin %x : tensor<2x10xf32>
  %14 = metaop.unary cos %x {tag} : tensor<2x10xf32>
  %15 = metaop.unary abs %i : tensor<4xi8>
  %16 = metaop.unary neg %i : tensor<4xi8>
  %17 = metaop.unary not %b : tensor<4xi1>
  func.return
}

// -----

// Every binary kind; and/or/xor on integers and i1, max/min on i1 too.

// CHECK-LABEL: func.func @binary(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x64x56x56xf32>, %[[Y:[^:]*]]: tensor<1x64x56x56xf32>, %[[I:[^:]*]]: tensor<4xi32>, %[[B:[^:]*]]: tensor<4xi1>, %[[D:[^:]*]]: tensor<f64>)
// CHECK-NEXT: %{{.*}} = metaop.binary add %[[X]], %[[Y]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.binary sub %[[Y]], %[[X]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.binary mul %[[X]], %[[X]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.binary div %[[X]], %[[Y]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.binary max %[[X]], %[[Y]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.binary min %[[X]], %[[Y]] : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.binary pow %[[D]], %[[D]] : tensor<f64>
// CHECK-NEXT: %{{.*}} = metaop.binary mod %[[I]], %[[I]] : tensor<4xi32>
// CHECK-NEXT: %{{.*}} = metaop.binary and %[[I]], %[[I]] : tensor<4xi32>
// CHECK-NEXT: %{{.*}} = metaop.binary or %[[B]], %[[B]] : tensor<4xi1>
// CHECK-NEXT: %{{.*}} = metaop.binary xor %[[B]], %[[B]] {tag} : tensor<4xi1>
// CHECK-NEXT: %{{.*}} = metaop.binary max %[[B]], %[[B]] : tensor<4xi1>
// CHECK-NEXT: %{{.*}} = metaop.binary min %[[B]], %[[B]] : tensor<4xi1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "binary"
// CHECK-GENERIC: "metaop.binary"(%{{.*}}, %{{.*}}) <{kind = #metaop<binary_kind add>}> : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "metaop.binary"(%{{.*}}, %{{.*}}) <{kind = #metaop<binary_kind xor>}> {tag} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
func.func @binary(%x: tensor<1x64x56x56xf32>, %y: tensor<1x64x56x56xf32>, %i: tensor<4xi32>, %b: tensor<4xi1>, %d: tensor<f64>) {
  %0 = metaop.binary add %x, %y : tensor<1x64x56x56xf32>
  %1 = metaop.binary sub %y, %x : tensor<1x64x56x56xf32>
  %2 = metaop.binary mul %x, %x : tensor<1x64x56x56xf32>
  %3 = metaop.binary div %x, %y : tensor<1x64x56x56xf32>
  %4 = metaop.binary max %x, %y : tensor<1x64x56x56xf32>
  %5 = metaop.binary min %x, %y : tensor<1x64x56x56xf32>
  %6 = metaop.binary pow %d, %d : tensor<f64>
  %7 = metaop.binary mod %i, %i : tensor<4xi32>
  %8 = metaop.binary and %i, %i : tensor<4xi32>
  %9 = metaop.binary or %b, %b : tensor<4xi1>
  %10 = metaop.binary xor %b, %b {tag} : tensor<4xi1>
  %11 = metaop.binary max %b, %b : tensor<4xi1>
  %12 = metaop.binary min %b, %b : tensor<4xi1>
  func.return
}

// -----

// CHECK-LABEL: func.func @compare(
// CHECK-SAME: %[[X:[^:]*]]: tensor<4x8xf32>, %[[Y:[^:]*]]: tensor<4x8xf32>, %[[I:[^:]*]]: tensor<3xi64>, %[[B:[^:]*]]: tensor<i1>)
// CHECK-NEXT: %{{.*}} = metaop.compare eq %[[X]], %[[Y]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK-NEXT: %{{.*}} = metaop.compare ne %[[X]], %[[Y]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK-NEXT: %{{.*}} = metaop.compare lt %[[I]], %[[I]] : tensor<3xi64> -> tensor<3xi1>
// CHECK-NEXT: %{{.*}} = metaop.compare le %[[I]], %[[I]] : tensor<3xi64> -> tensor<3xi1>
// CHECK-NEXT: %{{.*}} = metaop.compare gt %[[X]], %[[Y]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK-NEXT: %{{.*}} = metaop.compare ge %[[B]], %[[B]] {tag} : tensor<i1> -> tensor<i1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "compare"
// CHECK-GENERIC: "metaop.compare"(%{{.*}}, %{{.*}}) <{kind = #metaop<compare_kind eq>}> : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
// CHECK-GENERIC: "metaop.compare"(%{{.*}}, %{{.*}}) <{kind = #metaop<compare_kind ge>}> {tag} : (tensor<i1>, tensor<i1>) -> tensor<i1>
func.func @compare(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>, %i: tensor<3xi64>, %b: tensor<i1>) {
  %0 = metaop.compare eq %x, %y : tensor<4x8xf32> -> tensor<4x8xi1>
  %1 = metaop.compare ne %x, %y : tensor<4x8xf32> -> tensor<4x8xi1>
  %2 = metaop.compare lt %i, %i : tensor<3xi64> -> tensor<3xi1>
  %3 = metaop.compare le %i, %i : tensor<3xi64> -> tensor<3xi1>
  %4 = metaop.compare gt %x, %y : tensor<4x8xf32> -> tensor<4x8xi1>
  %5 = metaop.compare ge %b, %b {tag} : tensor<i1> -> tensor<i1>
  func.return
}

// -----

// CHECK-LABEL: func.func @ternary(
// CHECK-SAME: %[[M:[^:]*]]: tensor<4x8xi1>, %[[X:[^:]*]]: tensor<4x8xf32>, %[[Y:[^:]*]]: tensor<4x8xf32>, %[[I:[^:]*]]: tensor<4x8xi32>)
// CHECK-NEXT: %{{.*}} = metaop.ternary %[[M]], %[[X]], %[[Y]] : tensor<4x8xi1>, tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = metaop.ternary %[[M]], %[[I]], %[[I]] {tag} : tensor<4x8xi1>, tensor<4x8xi32>
// CHECK-NEXT: %{{.*}} = metaop.ternary %[[M]], %[[M]], %[[M]] : tensor<4x8xi1>, tensor<4x8xi1>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "ternary"
// CHECK-GENERIC: "metaop.ternary"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-GENERIC: "metaop.ternary"(%{{.*}}, %{{.*}}, %{{.*}}) {tag} : (tensor<4x8xi1>, tensor<4x8xi32>, tensor<4x8xi32>) -> tensor<4x8xi32>
func.func @ternary(%m: tensor<4x8xi1>, %x: tensor<4x8xf32>, %y: tensor<4x8xf32>, %i: tensor<4x8xi32>) {
  %0 = metaop.ternary %m, %x, %y : tensor<4x8xi1>, tensor<4x8xf32>
  %1 = metaop.ternary %m, %i, %i {tag} : tensor<4x8xi1>, tensor<4x8xi32>
  %2 = metaop.ternary %m, %m, %m : tensor<4x8xi1>, tensor<4x8xi1>
  func.return
}

// -----

// CHECK-LABEL: func.func @cast(
// CHECK-SAME: %[[M:[^:]*]]: tensor<4x8xi1>, %[[X:[^:]*]]: tensor<4x8xf32>, %[[S:[^:]*]]: tensor<f64>)
// CHECK-NEXT: %{{.*}} = metaop.cast %[[M]] : tensor<4x8xi1> to tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = metaop.cast %[[X]] : tensor<4x8xf32> to tensor<4x8xi32>
// CHECK-NEXT: %{{.*}} = metaop.cast %[[X]] : tensor<4x8xf32> to tensor<4x8xf16>
// CHECK-NEXT: %{{.*}} = metaop.cast %[[X]] : tensor<4x8xf32> to tensor<4x8xi1>
// CHECK-NEXT: %{{.*}} = metaop.cast %[[X]] {tag} : tensor<4x8xf32> to tensor<4x8xf32>
// CHECK-NEXT: %{{.*}} = metaop.cast %[[S]] : tensor<f64> to tensor<i8>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "cast"
// CHECK-GENERIC: "metaop.cast"(%{{.*}}) : (tensor<4x8xi1>) -> tensor<4x8xf32>
// CHECK-GENERIC: "metaop.cast"(%{{.*}}) : (tensor<4x8xf32>) -> tensor<4x8xi32>
// CHECK-GENERIC: "metaop.cast"(%{{.*}}) {tag} : (tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @cast(%m: tensor<4x8xi1>, %x: tensor<4x8xf32>, %s: tensor<f64>) {
  %0 = metaop.cast %m : tensor<4x8xi1> to tensor<4x8xf32>
  %1 = metaop.cast %x : tensor<4x8xf32> to tensor<4x8xi32>
  %2 = metaop.cast %x : tensor<4x8xf32> to tensor<4x8xf16>
  %3 = metaop.cast %x : tensor<4x8xf32> to tensor<4x8xi1>
  %4 = metaop.cast %x {tag} : tensor<4x8xf32> to tensor<4x8xf32>
  %5 = metaop.cast %s : tensor<f64> to tensor<i8>
  func.return
}

// -----

// CHECK-LABEL: func.func @index(
// CHECK-NEXT: %{{.*}} = metaop.index dim 1 : tensor<4x8xi64>
// CHECK-NEXT: %{{.*}} = metaop.index dim 0 : tensor<4x8xi32>
// CHECK-NEXT: %{{.*}} = metaop.index dim 2 {tag} : tensor<2x3x4xf32>
// CHECK-NEXT: %{{.*}} = metaop.index dim 0 : tensor<5xi8>
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "index"
// CHECK-GENERIC: "metaop.index"() <{dim = 1 : i64}> : () -> tensor<4x8xi64>
// CHECK-GENERIC: "metaop.index"() <{dim = 0 : i64}> : () -> tensor<4x8xi32>
// CHECK-GENERIC: "metaop.index"() <{dim = 2 : i64}> {tag} : () -> tensor<2x3x4xf32>
func.func @index() {
  %0 = metaop.index dim 1 : tensor<4x8xi64>
  %1 = metaop.index dim 0 : tensor<4x8xi32>
  %2 = metaop.index dim 2 {tag} : tensor<2x3x4xf32>
  %3 = metaop.index dim 0 : tensor<5xi8>
  func.return
}

// -----

// CHECK-LABEL: func.func @constant(
// CHECK-NEXT: %{{.*}} = metaop.constant dense<0.000000e+00> : tensor<1x64x56x56xf32>
// CHECK-NEXT: %{{.*}} = metaop.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
// CHECK-NEXT: %{{.*}} = metaop.constant dense<[1, -2, 3]> : tensor<3xi32>
// CHECK-NEXT: %{{.*}} = metaop.constant dense<true> : tensor<2x2xi1>
// CHECK-NEXT: %{{.*}} = metaop.constant dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf64>
// CHECK-NEXT: %{{.*}} = metaop.constant dense<7> : tensor<i64> {tag}
// CHECK-NEXT: func.return
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "constant"
// CHECK-GENERIC: "metaop.constant"() <{value = dense<0.000000e+00> : tensor<1x64x56x56xf32>}> : () -> tensor<1x64x56x56xf32>
// CHECK-GENERIC: "metaop.constant"() <{value = dense_resource<conv1.weight> : tensor<64x3x7x7xf32>}> : () -> tensor<64x3x7x7xf32>
// CHECK-GENERIC: "metaop.constant"() <{value = dense<[1, -2, 3]> : tensor<3xi32>}> : () -> tensor<3xi32>
// CHECK-GENERIC: "metaop.constant"() <{value = dense<7> : tensor<i64>}> {tag} : () -> tensor<i64>
func.func @constant() {
  %0 = metaop.constant dense<0.0> : tensor<1x64x56x56xf32>
  %1 = metaop.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
  %2 = metaop.constant dense<[1, -2, 3]> : tensor<3xi32>
  %3 = metaop.constant dense<true> : tensor<2x2xi1>
  %4 = metaop.constant dense<[1.5, -2.0]> : tensor<2xf64>
  %5 = metaop.constant dense<7> : tensor<i64> {tag}
  func.return
}
