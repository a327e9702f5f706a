// `mopc compile` exports a model (.so + .npz weights + .json manifest); `mopc run` on
// the manifest runs it through mopc.runtime and matches the reference target.

// RUN: rm -rf %t && mkdir -p %t
// RUN: mopc compile %s -o %t/net | filecheck %s --check-prefix=BUILD
// RUN: ls %t | filecheck %s --check-prefix=FILES
// RUN: python -c "import numpy as np; np.savez('%t/in.npz', x=np.sin(np.arange(24, dtype=np.float32)).reshape(1, 2, 3, 4))"
// RUN: mopc run %t/net.json --inputs %t/in.npz --threads 1 -o %t/out.npz | filecheck %s --check-prefix=EXPORT
// RUN: mopc run %s --inputs %t/in.npz -o %t/ref.npz
// RUN: python -c "import numpy as np; a, b = np.load('%t/out.npz'), np.load('%t/ref.npz'); print(a.files, np.allclose(a['scaled'], b['scaled'], rtol=1e-5, atol=1e-6))" | filecheck %s --check-prefix=SAME
// RUN: not mopc run %t/missing.json --random-inputs 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: not mopc run %t/net.json --inputs %t/ref.npz 2>&1 | filecheck %s --check-prefix=BADINPUT
// RUN: not mopc compile %s -o %t/bad --target tpu 2>&1 | filecheck %s --check-prefix=TARGET
// RUN: not mopc compile %s -o %t/bad --function nope 2>&1 | filecheck %s --check-prefix=FUNCTION
// RUN: ls %t | filecheck %s --check-prefix=NOTHING

// BUILD: wrote {{.*}}net.json (+ .so, .npz): @main, 1 input, 1 output, 1 parameter, workspace {{[0-9]+}} bytes
// FILES: net.json
// FILES-NEXT: net.loop.mlir
// FILES-NEXT: net.npz
// FILES-NEXT: net.so
// EXPORT: scaled: shape (1, 2, 3, 4) float32, mean 0.506
// EXPORT-NEXT: ran @main from the export (1 thread; workspace
// SAME: ['scaled'] True
// MISSING: mopc: error: {{.*}}missing.json: no such exported model
// BADINPUT: error: inputs do not match @main(x): missing ['x']; unknown ['scaled']
// TARGET: mopc: error: unknown target 'tpu' (available: llvm, {{.*}}cuda{{.*}})
// FUNCTION: error: no function named '@nope' in the module
// NOTHING-NOT: bad

func.func @main(%x: tensor<1x2x3x4xf32>) -> (tensor<1x2x3x4xf32> {mopc.name = "scaled"}) {
  %scale = graph.constant dense<[[[[0.5]], [[-3.0]]]]> : tensor<1x2x1x1xf32>
  %0 = graph.mul %x, %scale : (tensor<1x2x3x4xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x4xf32>
  %1 = graph.relu %0 : tensor<1x2x3x4xf32>
  func.return %1 : tensor<1x2x3x4xf32>
}
