func.func @bad(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = graph.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<3xf32>
  func.return %0 : tensor<3xf32>
}
