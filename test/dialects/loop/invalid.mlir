// RUN: mopc-opt %s --split-input-file --verify-diagnostics

func.func @unknown_field(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{unknown schedule field 'tiles' (fields: order, parallel, tile, unroll, vector)}}
  %0 = metaop.kernel "k" schedule #loop.schedule<tiles = [4]> (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    metaop.yield %a : tensor<4xf32>
  }
  func.return %0 : tensor<4xf32>
}

// -----

func.func @twice(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{schedule field 'order' is given twice}}
  %0 = metaop.kernel "k" schedule #loop.schedule<order = [0], order = [0]> (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    metaop.yield %a : tensor<4xf32>
  }
  func.return %0 : tensor<4xf32>
}

// -----

func.func @bad_predicate(%a: vector<4xf32>) -> vector<4xi1> {
  // expected-error@+1 {{unknown predicate 'gt' (one of oeq, ogt}}
  %m = loop.cmpf "gt", %a, %a : vector<4xf32> -> vector<4xi1>
  func.return %m : vector<4xi1>
}

// -----

func.func @bad_mask_type(%a: vector<4xf32>) -> vector<8xi1> {
  // expected-error@+1 {{result must be vector<4xi1>, got vector<8xi1>}}
  %m = loop.cmpf "ogt", %a, %a : vector<4xf32> -> vector<8xi1>
  func.return %m : vector<8xi1>
}

// -----

func.func @bad_condition(%a: vector<4xf32>, %c: vector<8xi1>) -> vector<4xf32> {
  // expected-error@+1 {{condition must be i1 or vector<4xi1>, got vector<8xi1>}}
  %r = loop.select %c, %a, %a : vector<8xi1>, vector<4xf32>
  func.return %r : vector<4xf32>
}

// -----

func.func @kernel_needs_yield_types(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{metaop.yield must yield values of the kernel's result types}}
  %0 = metaop.kernel "k" (%x) : (tensor<4xf32>) -> tensor<5xf32> {
  ^bb0(%a: tensor<4xf32>):
    metaop.yield %a : tensor<4xf32>
  }
  func.return %0 : tensor<5xf32>
}
