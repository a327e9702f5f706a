// RUN: mopc-opt %s -p "graph-to-metaop,metaop-fuse,bang-schedule" | filecheck %s
// RUN: mopc-opt %s -p "graph-to-metaop,metaop-fuse,bang-schedule{arch=mtp_372}" | filecheck %s --check-prefix=MTP372

// bang-schedule: the vector of a kernel is an NRAM chunk (its dimension's extent padded
// to 64 floats on mtp_270, 16 on mtp_372; at most 1024 / 2048 floats), and the
// outermost loop is split across tasks whenever it has two blocks or more.

// CHECK: metaop.kernel "k0_relu_3x37" schedule #loop.schedule<order = [0, 1], parallel = 1, vector = [1, 64]>
// MTP372: metaop.kernel "k0_relu_3x37" schedule #loop.schedule<order = [0, 1], parallel = 1, vector = [1, 48]>
// CHECK: metaop.kernel "k1_relu_2x5000" schedule #loop.schedule<order = [0, 1], parallel = 1, vector = [1, 1024]>
// MTP372: metaop.kernel "k1_relu_2x5000" schedule #loop.schedule<order = [0, 1], parallel = 1, vector = [1, 2048]>
func.func @main(%x: tensor<3x37xf32>, %y: tensor<2x5000xf32>) -> (tensor<3x37xf32>, tensor<2x5000xf32>) {
  %r = graph.relu %x : tensor<3x37xf32>
  %s = graph.relu %y : tensor<2x5000xf32>
  func.return %r, %s : tensor<3x37xf32>, tensor<2x5000xf32>
}
