// RUN: mopc-opt %s -p metaop-to-loop --split-input-file --verify-diagnostics

func.func @schedule_rank(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error@+1 {{invalid schedule for its 2-d domain: schedule 'order' has 3 entries for 2 dimensions}}
  %0 = metaop.kernel "k0" schedule #loop.schedule<order = [0, 1, 2]> (%x) : (tensor<4x8xf32>) -> tensor<4x8xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %r = metaop.unary exp %a : tensor<4x8xf32>
    metaop.yield %r : tensor<4x8xf32>
  }
  func.return %0 : tensor<4x8xf32>
}

// -----

func.func @tiled_reduction(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{schedule tiles reduction dimension 1; only parallel dimensions may be tiled}}
  %0 = metaop.kernel "k0" schedule #loop.schedule<tile = [0, 4]> (%x) : (tensor<4x8xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %r = metaop.reduce add %a axes [1] : tensor<4x8xf32> -> tensor<4xf32>
    metaop.yield %r : tensor<4xf32>
  }
  func.return %0 : tensor<4xf32>
}

// -----

func.func @unfused(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'metaop.unary' op metaop-to-loop needs every meta-op inside a metaop.kernel (run metaop-fuse first)}}
  %0 = metaop.unary exp %x : tensor<4xf32>
  func.return %0 : tensor<4xf32>
}
