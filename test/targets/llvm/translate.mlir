// RUN: mopc-translate %s --target=llvm | filecheck %s
// A module already in the llvm dialect translates the same (convert-to-llvm is a no-op):
// RUN: mopc-opt %s -p convert-to-llvm | mopc-translate --target=llvm | filecheck %s
// RUN: mopc-translate --list-targets | filecheck %s --check-prefix=LIST
// RUN: mopc-opt --list-passes | filecheck %s --check-prefix=PASSES
// PASSES: convert-to-llvm {{ +}}Lower a loop-level module (func, scf, affine, memref, arith, math, vector, cf) to `llvm`.

// mopc-translate --target=llvm: convert-to-llvm, then LLVM IR text through llvmlite
// (targets/llvm/translate.py). mopc's `llvm` target replaces xDSL's.
// LIST: Available targets:
// LIST: llvm

// CHECK:       @"mopc_num_threads" = global i32 0

// CHECK-LABEL: define void @"main"(ptr %"x", ptr %"out")
// CHECK:         call ccc void @"k0_relu"(ptr %"x", ptr %"out")

// The kernel: noalias pointers; one thread runs the body inline, more go through
// libgomp with the context block.
// CHECK-LABEL: define void @"k0_relu"(ptr noalias %"in", ptr noalias %"out")
// CHECK:         %"ctx" = alloca {ptr, ptr}
// CHECK:         %"nthreads" = load i32, {{.*}} @"mopc_num_threads"
// CHECK:         %"single_thread" = icmp eq i32 %"nthreads", 1
// CHECK:         call ccc void @"k0_relu__parallel0_body"(ptr %"in", ptr %"out", i32 0, i32 1)
// CHECK:         call ccc void @"GOMP_parallel"({{.*}}@"k0_relu__parallel0", ptr %"ctx", i32 %"nthreads", i32 0)

// The body: GEP addressing (no inttoptr), unaligned <16 x float> loads and stores,
// NaN-propagating maximum.
// CHECK-LABEL: define internal void @"k0_relu__parallel0_body"(ptr noalias %"in", ptr noalias %"out", i32 %"tid", i32 %"nthreads")
// CHECK-NOT:     inttoptr
// CHECK:         %[[P:".*"]] = getelementptr inbounds float, ptr %"in", i64 %{{.*}}
// CHECK-NEXT:    %"v" = load <16 x float>, ptr %[[P]], align 4
// CHECK-NEXT:    %"m" = call <16 x float> @"llvm.maximum.v16f32"(<16 x float> %"v", <16 x float> <float
// CHECK:         %[[Q:".*"]] = getelementptr inbounds float, ptr %"out", i64 %{{.*}}
// CHECK-NEXT:    store <16 x float> %"m", ptr %[[Q]], align 4

// CHECK-LABEL: define internal void @"k0_relu__parallel0"(ptr %"ctx")
// CHECK:         call ccc i32 @"omp_get_thread_num"()
// CHECK:         call ccc i32 @"omp_get_num_threads"()
// CHECK:         call ccc void @"k0_relu__parallel0_body"(

// CHECK-DAG:   declare void @"GOMP_parallel"(ptr {{.*}}, ptr {{.*}}, i32 {{.*}}, i32 {{.*}})
// CHECK-DAG:   declare <16 x float> @"llvm.maximum.v16f32"(<16 x float> {{.*}}, <16 x float> {{.*}})

builtin.module {
  func.func @main(%x: memref<4x64xf32>, %out: memref<4x64xf32>) attributes {mopc.entry} {
    func.call @k0_relu(%x, %out) : (memref<4x64xf32>, memref<4x64xf32>) -> ()
    func.return
  }
  func.func private @k0_relu(%in: memref<4x64xf32>, %out: memref<4x64xf32>) attributes {mopc.kernel} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
    "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%r: index):
      scf.for %j = %c0 to %c64 step %c16 {
        %v = vector.load %in[%r, %j] : memref<4x64xf32>, vector<16xf32>
        %m = arith.maximumf %v, %zero : vector<16xf32>
        vector.store %m, %out[%r, %j] : memref<4x64xf32>, vector<16xf32>
      }
      scf.reduce
    }) : (index, index, index) -> ()
    func.return
  }
}
