// `mopc run` on the reference target: outputs keyed by result name, inputs by argument
// name, a function without arguments needs no inputs, and errors are one clean line.

// RUN: mopc run %s --function constant_only -o %t.npz | filecheck %s --check-prefix=OUT
// RUN: python -c "import numpy as np; d = np.load('%t.npz'); print(d.files, d['result0'].tolist())" | filecheck %s --check-prefix=NPZ
// RUN: python -c "import numpy as np; np.savez('%t.in.npz', x=np.array([-1.0, 2.0, -3.0], np.float32))"
// RUN: mopc run %s --function relu --inputs %t.in.npz -o %t.out.npz --level metaop | filecheck %s --check-prefix=LOWERED
// RUN: python -c "import numpy as np; print(np.load('%t.out.npz')['result0'].tolist())" | filecheck %s --check-prefix=RELU
// RUN: not mopc run %s --function relu 2>&1 | filecheck %s --check-prefix=NOINPUT
// RUN: not mopc run %s --function relu --inputs %t.npz 2>&1 | filecheck %s --check-prefix=BADINPUT
// RUN: not mopc run %s --function relu --random-inputs --target tpu 2>&1 | filecheck %s --check-prefix=TARGET
// RUN: mopc run %s --function relu --inputs %t.in.npz -o %t.llvm.npz --target llvm --threads 1 --fusion-report text 2>&1 | filecheck %s --check-prefix=LLVM
// RUN: python -c "import numpy as np; print(np.load('%t.llvm.npz')['result0'].tolist())" | filecheck %s --check-prefix=RELU
// RUN: not mopc run %s --function relu --inputs %t.npz --target llvm 2>&1 | filecheck %s --check-prefix=BADINPUT
// RUN: not mopc run %s --function relu --random-inputs --target llvm --threads 0 2>&1 | filecheck %s --check-prefix=THREADS

// OUT: result0: shape (2,) float32, mean -0.25
// OUT-NEXT: ran @constant_only on the reference target (graph level)
// NPZ: ['result0'] [1.5, -2.0]
// LOWERED: ran @relu on the reference target (metaop level)
// RELU: [0.0, 2.0, 0.0]
// NOINPUT: mopc: error: give --inputs IN.npz (keys: x) or --random-inputs
// BADINPUT: error: inputs do not match @relu(x): missing ['x']; unknown ['result0']
// BADINPUT-NOT: Traceback
// TARGET: mopc: error: unknown target 'tpu' (available: reference, llvm, {{.*}}cuda{{.*}})
// LLVM-DAG: fusion report: 1 kernel
// LLVM-DAG: kernel k0_relu_3 in @relu: 1 input, 1 output
// LLVM-DAG: result0: shape (3,) float32
// LLVM-DAG: ran @relu on the llvm target (1 thread; workspace 0 bytes, 0 without reuse)
// THREADS: mopc: error: --threads must be at least 1, got 0

func.func @constant_only() -> tensor<2xf32> {
  %0 = graph.constant dense<[1.5, -2.0]> : tensor<2xf32>
  func.return %0 : tensor<2xf32>
}

func.func @relu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = graph.relu %x : tensor<3xf32>
  func.return %0 : tensor<3xf32>
}
