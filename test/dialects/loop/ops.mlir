// RUN: %roundtrip
// RUN: %roundtrip-generic

// CHECK-LABEL: func.func @schedules
// CHECK:       metaop.kernel "k0" schedule #loop.schedule<order = [1, 0], parallel = 1, unroll = [4, 1], vector = [1, 16]>
// CHECK:       metaop.kernel "k1" schedule #loop.schedule<>
// CHECK-GENERIC: schedule = #loop.schedule<order = [1, 0], parallel = 1, unroll = [4, 1], vector = [1, 16]>
func.func @schedules(%x: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = metaop.kernel "k0" schedule #loop.schedule<order = [1, 0], parallel = 1, unroll = [4, 1], vector = [1, 16]> (%x) : (tensor<8x32xf32>) -> tensor<8x32xf32> {
  ^bb0(%a: tensor<8x32xf32>):
    metaop.yield %a : tensor<8x32xf32>
  }
  // Default-valued fields are omitted when printed.
  %1 = metaop.kernel "k1" schedule #loop.schedule<parallel = 0, tile = [0, 0], unroll = [1, 1]> (%0) : (tensor<8x32xf32>) -> tensor<8x32xf32> {
  ^bb0(%a: tensor<8x32xf32>):
    metaop.yield %a : tensor<8x32xf32>
  }
  func.return %1 : tensor<8x32xf32>
}

// -----

// CHECK-LABEL: func.func @vector_compare_select
// CHECK:       %[[M:.*]] = loop.cmpf "ogt", %{{.*}}, %{{.*}} : vector<16xf32> -> vector<16xi1>
// CHECK:       %[[L:.*]] = loop.cmpi "slt", %{{.*}}, %{{.*}} : vector<16xindex> -> vector<16xi1>
// CHECK:       loop.select %[[M]], %{{.*}}, %{{.*}} : vector<16xi1>, vector<16xf32>
// CHECK:       loop.select %{{.*}}, %{{.*}}, %{{.*}} : i1, vector<16xf32>
// CHECK-GENERIC: "loop.cmpf"(%{{.*}}, %{{.*}}) <{predicate = "ogt"}> : (vector<16xf32>, vector<16xf32>) -> vector<16xi1>
func.func @vector_compare_select(%a: vector<16xf32>, %b: vector<16xf32>, %i: vector<16xindex>, %c: i1) -> vector<16xf32> {
  %m = loop.cmpf "ogt", %a, %b : vector<16xf32> -> vector<16xi1>
  %l = loop.cmpi "slt", %i, %i : vector<16xindex> -> vector<16xi1>
  %r = loop.select %m, %a, %b : vector<16xi1>, vector<16xf32>
  %s = loop.select %c, %r, %b : i1, vector<16xf32>
  func.return %s : vector<16xf32>
}
