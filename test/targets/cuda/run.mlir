// `mopc run --target cuda` runs the printed CUDA C, on the CPU emulation without a GPU,
// and says which; the results equal the reference's (element-wise, exact here).
// RUN: env MOPC_CUDA_DEVICE=emulation mopc run %s --target cuda --random-inputs --seed 3 -o %t-cuda.npz | filecheck %s --check-prefix=CUDA
// RUN: mopc run %s --random-inputs --seed 3 -o %t-ref.npz
// RUN: python -c "import numpy as n; a, b = n.load('%t-cuda.npz'), n.load('%t-ref.npz'); assert (a['result0'] == b['result0']).all()"
// CUDA: result0: shape (3, 40) float32, mean {{.*}}
// CUDA: ran @main on the cuda target (CUDA C emulated on the CPU (no GPU found); {{.*}})

// RUN: env MOPC_CUDA_DEVICE=emulation mopc compile %s --target cuda -o %t-model
// RUN: env MOPC_CUDA_DEVICE=emulation mopc run %t-model.json --random-inputs --seed 3 | filecheck %s --check-prefix=EXPORT
// EXPORT: result0: shape (3, 40) float32
// EXPORT: ran @main from the export
func.func @main(%x: tensor<3x40xf32>) -> tensor<3x40xf32> {
  %r = graph.relu %x : tensor<3x40xf32>
  %m = graph.mul %r, %r : (tensor<3x40xf32>, tensor<3x40xf32>) -> tensor<3x40xf32>
  func.return %m : tensor<3x40xf32>
}
