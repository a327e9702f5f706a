// RUN: mopc-opt %s -p loop-to-cuda | filecheck %s
// RUN: mopc-opt %s -p 'loop-to-cuda{shared-tiles=false}' | filecheck %s --check-prefix=OFF
// RUN: mopc-translate --target=cuda %s | filecheck %s --check-prefix=CU
// RUN: mopc-translate --target=cuda %s > %t.cu && nvcc -arch=sm_90 -O3 -x cu -c %t.cu -o %t.o || ! which nvcc

// A convolution (3x15x15 -> 20x8x8, 3x3, stride 2, pad 1, bias, relu) whose threads each
// compute 4 output channels (`unroll = [1, 4, ...]`). Its reduction nest (ci, kh, kw) is
// sliced as one K of 27 iterations (an implicit GEMM): the fill delinearizes k into
// ci = k / 9, kh = k / 3 % 3, kw = k % 3. The tile: 5 channel blocks x 6 rows x 8
// columns = 240 threads (input shared across channels, weights across pixels); 8 rows
// are ragged against 6. The padded input load (select of a clamped load) is filled with
// its zeros, channel-row-column fastest (k first: neighbouring threads, neighbouring
// columns); each weight row with k fastest. The compute loop is shared loads and FMAs.

// CHECK:       cuda.launch @k0_reindex_reduce_add_relu_1x20x8x8(%x, %w, %b, %result0) grid [2, 1, 1] block [240, 1, 1]
// CHECK-LABEL: func.func private @k0_reindex_reduce_add_relu_1x20x8x8
// CHECK-SAME:    cuda.launch_bounds = 240 : i64
// CHECK-SAME:    cuda.smem_tile = array<i64: 5, 6, 8, 16>
// CHECK:         memref.alloca() : memref<768xf32, #cuda.shared>
// CHECK-COUNT-4: memref.alloca() : memref<80xf32, #cuda.shared>
// CHECK:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (f32, f32, f32, f32) {
// The input: 16 k x 6 rows x 8 columns, k delinearized, the padding test in the fill.
// CHECK-NEXT:      %{{.*}} = arith.constant 16 : index
// CHECK-NEXT:      %[[K0:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK:           scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:             %[[K:.*]] = arith.addi %[[K0]], %{{.*}} : index
// CHECK:             %{{.*}} = arith.cmpi slt, %[[K]], %{{.*}} : index
// CHECK:             %[[CI:.*]] = arith.divui %[[K]], %{{.*}} : index
// CHECK:             scf.if
// CHECK:               %[[X:.*]] = memref.load %0[%{{.*}}, %[[CI]], %{{.*}}, %{{.*}}] : memref<1x3x15x15xf32>
// CHECK:               %[[P:.*]] = arith.select %{{.*}}, %[[X]], %{{.*}} : f32
// CHECK:               memref.store %[[P]], %[[SX:.*]][%[[T]]] : memref<768xf32, #cuda.shared>
// CHECK:             } else {
// CHECK:               memref.store %{{.*}}, %[[SX]][%[[T]]] : memref<768xf32, #cuda.shared>
// CHECK-COUNT-4:   memref.load %1[
// CHECK:           "gpu.barrier"() : () -> ()
// CHECK:           arith.minsi
// CHECK:           scf.for {{.*}} -> (f32, f32, f32, f32) {
// CHECK-NOT:         arith.select
// CHECK-NOT:         memref.load %{{[0-9]+}}[{{.*}}] : memref<{{.*}}x{{.*}}xf32>
// CHECK:             %[[IN:.*]] = memref.load %[[SX]][%{{.*}}] : memref<768xf32, #cuda.shared>
// CHECK:             %[[W0:.*]] = memref.load %{{.*}} : memref<80xf32, #cuda.shared>
// CHECK:             math.fma %[[IN]], %[[W0]], %{{.*}} : f32
// CHECK-COUNT-3:     math.fma %[[IN]], %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:        scf.yield
// CHECK:           "gpu.barrier"() : () -> ()
// CHECK:         scf.if
// CHECK:           memref.store %{{.*}}, %3[

// OFF:         cuda.launch @k0_reindex_reduce_add_relu_1x20x8x8(%x, %w, %b, %result0) grid [2, 1, 1] block [256, 1, 1]
// OFF-NOT:     cuda.smem_tile
// OFF-NOT:     #cuda.shared

// CU:      extern "C" __global__ __launch_bounds__(240) void k0_reindex_reduce_add_relu_1x20x8x8(
// CU:        __shared__ float buffer[768];
// CU-COUNT-4: __shared__ float buffer_{{[1-4]}}[80];
// CU:        for (int i = 0; i < 2; i++) {
// CU:          for (int i_1 = v; i_1 < 768; i_1 += 240) {
// CU:            if ({{.*}} < 8 && {{.*}} < 27) {
// CU:              buffer[i_1] = {{.*}} >= 0 && {{.*}} < 15 && {{.*}} >= 0 && {{.*}} < 15 ? arg[{{.*}}] : 0.0f;
// CU:            } else {
// CU:              buffer[i_1] = 0.0f;
// CU:          __syncthreads();
// CU:          for (int i_6 = {{.*}}; i_6 < {{.*}}; i_6++) {
// CU:            float [[IN:v_[0-9]+]] = buffer[({{.*}} * 6 + {{.*}}) * 8 + {{.*}}];
// CU:            fmaf([[IN]], buffer_1[{{.*}} * 16 + {{.*}}], acc_4);
// CU:          __syncthreads();
// CU:        if ({{.*}} < 8) {
// CU:          arg_3[{{.*}}] = fmaxf(acc + arg_2[{{.*}}], 0.0f);

builtin.module {
  func.func @main(%x: memref<1x3x15x15xf32>, %w: memref<20x3x3x3xf32>, %b: memref<20xf32>, %result0: memref<1x20x8x8xf32>, %workspace: memref<1xi8>) attributes {mopc.entry, mopc.abi = {inputs = ["x", "w", "b"], outputs = ["result0"], params = [], workspace_bytes = 0 : i64, workspace_bytes_without_reuse = 0 : i64}} {
    func.call @k0_reindex_reduce_add_relu_1x20x8x8(%x, %w, %b, %result0) : (memref<1x3x15x15xf32>, memref<20x3x3x3xf32>, memref<20xf32>, memref<1x20x8x8xf32>) -> ()
    func.return
  }
  func.func private @k0_reindex_reduce_add_relu_1x20x8x8(%0: memref<1x3x15x15xf32>, %1: memref<20x3x3x3xf32>, %2: memref<20xf32>, %3: memref<1x20x8x8xf32>) attributes {mopc.kernel, mopc.schedule = #loop.schedule<order = [1, 3, 4, 0, 2, 5, 6], parallel = 1, unroll = [1, 4, 1, 1, 1, 1, 1]>} {
    %4 = arith.constant 5 : index
    %5 = arith.constant 8 : index
    %6 = arith.constant 14 : index
    %7 = arith.constant 15 : index
    %8 = arith.constant -1 : index
    %9 = arith.constant 0.000000e+00 : f32
    %10 = arith.constant 3 : index
    %11 = arith.constant 2 : index
    %12 = arith.constant 1 : index
    %13 = arith.constant 4 : index
    %14 = arith.constant 0 : index
    "scf.parallel"(%14, %4, %12) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%15: index):
      %16 = arith.muli %15, %13 : index
      scf.for %17 = %14 to %5 step %12 {
        scf.for %18 = %14 to %5 step %12 {
          %19 = arith.addi %16, %12 : index
          %20 = arith.addi %16, %11 : index
          %21 = arith.addi %16, %10 : index
          %22, %23, %24, %25 = scf.for %26 = %14 to %10 step %12 iter_args(%27 = %9, %28 = %9, %29 = %9, %30 = %9) -> (f32, f32, f32, f32) {
            %31, %32, %33, %34 = scf.for %35 = %14 to %10 step %12 iter_args(%36 = %27, %37 = %28, %38 = %29, %39 = %30) -> (f32, f32, f32, f32) {
              %40, %41, %42, %43 = scf.for %44 = %14 to %10 step %12 iter_args(%45 = %36, %46 = %37, %47 = %38, %48 = %39) -> (f32, f32, f32, f32) {
                %49 = arith.muli %17, %11 : index
                %50 = arith.addi %49, %35 : index
                %51 = arith.addi %50, %8 : index
                %52 = arith.muli %18, %11 : index
                %53 = arith.addi %52, %44 : index
                %54 = arith.addi %53, %8 : index
                %55 = arith.cmpi sge, %51, %14 : index
                %56 = arith.cmpi slt, %51, %7 : index
                %57 = arith.cmpi sge, %54, %14 : index
                %58 = arith.cmpi slt, %54, %7 : index
                %59 = arith.andi %55, %56 : i1
                %60 = arith.andi %59, %57 : i1
                %61 = arith.andi %60, %58 : i1
                %62 = arith.maxsi %51, %14 : index
                %63 = arith.minsi %62, %6 : index
                %64 = arith.maxsi %54, %14 : index
                %65 = arith.minsi %64, %6 : index
                %66 = memref.load %0[%14, %26, %63, %65] : memref<1x3x15x15xf32>
                %67 = arith.select %61, %66, %9 : f32
                %68 = memref.load %1[%16, %26, %35, %44] : memref<20x3x3x3xf32>
                %69 = math.fma %67, %68, %45 : f32
                %70 = memref.load %1[%19, %26, %35, %44] : memref<20x3x3x3xf32>
                %71 = math.fma %67, %70, %46 : f32
                %72 = memref.load %1[%20, %26, %35, %44] : memref<20x3x3x3xf32>
                %73 = math.fma %67, %72, %47 : f32
                %74 = memref.load %1[%21, %26, %35, %44] : memref<20x3x3x3xf32>
                %75 = math.fma %67, %74, %48 : f32
                scf.yield %69, %71, %73, %75 : f32, f32, f32, f32
              }
              scf.yield %40, %41, %42, %43 : f32, f32, f32, f32
            }
            scf.yield %31, %32, %33, %34 : f32, f32, f32, f32
          }
          %76 = memref.load %2[%16] : memref<20xf32>
          %77 = arith.addf %22, %76 : f32
          %78 = arith.maximumf %77, %9 : f32
          memref.store %78, %3[%14, %16, %17, %18] : memref<1x20x8x8xf32>
          %79 = memref.load %2[%19] : memref<20xf32>
          %80 = arith.addf %23, %79 : f32
          %81 = arith.maximumf %80, %9 : f32
          memref.store %81, %3[%14, %19, %17, %18] : memref<1x20x8x8xf32>
          %82 = memref.load %2[%20] : memref<20xf32>
          %83 = arith.addf %24, %82 : f32
          %84 = arith.maximumf %83, %9 : f32
          memref.store %84, %3[%14, %20, %17, %18] : memref<1x20x8x8xf32>
          %85 = memref.load %2[%21] : memref<20xf32>
          %86 = arith.addf %25, %85 : f32
          %87 = arith.maximumf %86, %9 : f32
          memref.store %87, %3[%14, %21, %17, %18] : memref<1x20x8x8xf32>
        }
      }
      scf.reduce
    }) : (index, index, index) -> ()
    func.return
  }
}
