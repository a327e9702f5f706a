// RUN: mopc-opt %s -p loop-to-cuda | filecheck %s
// RUN: mopc-opt %s -p 'loop-to-cuda{shared-tiles=false}' | filecheck %s --check-prefix=OFF
// RUN: mopc-translate --target=cuda %s | filecheck %s --check-prefix=CU
// RUN: mopc-translate --target=cuda %s > %t.cu && nvcc -arch=sm_90 -O3 -x cu -c %t.cu -o %t.o || ! which nvcc

// A matmul (70x45 @ 45x37, relu) whose threads each compute a register block of 2 rows
// (`unroll = [2, 1, 1]`): a block of 16x16 threads covers 32 rows and 16 columns; each
// 16-wide K-slice of A's two row loads and B's load is filled cooperatively into
// `__shared__` buffers, a barrier, the register block's FMAs from shared memory, a
// barrier. 35 row blocks and 37 columns are ragged against the 16x16 tile, K = 45 against
// the slice: fills are bounded (0 outside), the compute loop stops at K, and only points
// in bounds run the epilogue; every thread takes part in every barrier.

// CHECK:       cuda.launch @k0_reduce_add_relu_70x37(%a, %b, %result0) grid [9, 1, 1] block [256, 1, 1]
// CHECK-LABEL: func.func private @k0_reduce_add_relu_70x37
// CHECK-SAME:    cuda.launch_bounds = 256 : i64
// CHECK-SAME:    cuda.smem_tile = array<i64: 16, 16, 16>
// CHECK-COUNT-3: memref.alloca() : memref<256xf32, #cuda.shared>
// CHECK:         %{{.*}}, %{{.*}} = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (f32, f32) {
// CHECK:           scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:             scf.if
// CHECK:               memref.load %0[
// CHECK:               memref.store %{{.*}}, %[[SA:.*]][%[[T]]] : memref<256xf32, #cuda.shared>
// CHECK:             } else {
// CHECK:               memref.store %{{.*}}, %[[SA]][%[[T]]] : memref<256xf32, #cuda.shared>
// CHECK:           memref.load %1[
// CHECK:           "gpu.barrier"() : () -> ()
// CHECK:           arith.minsi
// CHECK:           scf.for {{.*}} -> (f32, f32) {
// CHECK:             %[[A0:.*]] = memref.load %{{.*}} : memref<256xf32, #cuda.shared>
// CHECK:             %[[B:.*]] = memref.load %{{.*}} : memref<256xf32, #cuda.shared>
// CHECK:             math.fma %[[A0]], %[[B]], %{{.*}} : f32
// CHECK:             %[[A1:.*]] = memref.load %{{.*}} : memref<256xf32, #cuda.shared>
// CHECK:             math.fma %[[A1]], %[[B]], %{{.*}} : f32
// CHECK-NOT:         memref.load %{{[0-9]+}}[{{.*}}] : memref<{{.*}}x{{.*}}xf32>
// CHECK:             scf.yield
// CHECK:           "gpu.barrier"() : () -> ()
// CHECK:         scf.if
// CHECK:           memref.store %{{.*}}, %2[

// OFF:         cuda.launch @k0_reduce_add_relu_70x37(%a, %b, %result0) grid [6, 1, 1] block [256, 1, 1]
// OFF-NOT:     cuda.smem_tile
// OFF-NOT:     #cuda.shared

// CU:      extern "C" __global__ __launch_bounds__(256) void k0_reduce_add_relu_70x37(
// CU-COUNT-3: __shared__ float buffer{{.*}}[256];
// CU:        for (int i = 0; i < 3; i++) {
// CU:          for (int i_1 = v; i_1 < 256; i_1 += 256) {
// CU:            if ({{.*}} < 35 && {{.*}} < 45) {
// CU:              buffer[i_1] = arg[
// CU:            } else {
// CU:              buffer[i_1] = 0.0f;
// CU:          __syncthreads();
// CU:          for (int i_4 = v_10; i_4 < v_17; i_4++) {
// CU:            float v_19 = buffer_1[v_18 * 16 + v_3];
// CU:            fmaf(buffer[v_2 * 16 + v_18], v_19, acc_2);
// CU:            fmaf(buffer_2[v_2 * 16 + v_18], v_19, acc_3);
// CU:          __syncthreads();
// CU:        if (v_6 < 35 && v_7 < 37) {
// CU:          arg_2[v_8 * 37 + v_7] = fmaxf(acc, 0.0f);
// CU:          arg_2[v_9 * 37 + v_7] = fmaxf(acc_1, 0.0f);

builtin.module {
  func.func @main(%a: memref<70x45xf32>, %b: memref<45x37xf32>, %result0: memref<70x37xf32>, %workspace: memref<1xi8>) attributes {mopc.entry, mopc.abi = {inputs = ["a", "b"], outputs = ["result0"], params = [], workspace_bytes = 0 : i64, workspace_bytes_without_reuse = 0 : i64}} {
    func.call @k0_reduce_add_relu_70x37(%a, %b, %result0) : (memref<70x45xf32>, memref<45x37xf32>, memref<70x37xf32>) -> ()
    func.return
  }
  func.func private @k0_reduce_add_relu_70x37(%0: memref<70x45xf32>, %1: memref<45x37xf32>, %2: memref<70x37xf32>) attributes {mopc.kernel, mopc.schedule = #loop.schedule<order = [0, 2, 1], parallel = 1, unroll = [2, 1, 1]>} {
    %3 = arith.constant 35 : index
    %4 = arith.constant 37 : index
    %5 = arith.constant 45 : index
    %6 = arith.constant 0.000000e+00 : f32
    %7 = arith.constant 1 : index
    %8 = arith.constant 2 : index
    %9 = arith.constant 0 : index
    "scf.parallel"(%9, %3, %7) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%10: index):
      %11 = arith.muli %10, %8 : index
      scf.for %12 = %9 to %4 step %7 {
        %13 = arith.addi %11, %7 : index
        %14, %15 = scf.for %16 = %9 to %5 step %7 iter_args(%17 = %6, %18 = %6) -> (f32, f32) {
          %19 = memref.load %0[%11, %16] : memref<70x45xf32>
          %20 = memref.load %1[%16, %12] : memref<45x37xf32>
          %21 = math.fma %19, %20, %17 : f32
          %22 = memref.load %0[%13, %16] : memref<70x45xf32>
          %23 = math.fma %22, %20, %18 : f32
          scf.yield %21, %23 : f32, f32
        }
        %24 = arith.maximumf %14, %6 : f32
        memref.store %24, %2[%11, %12] : memref<70x37xf32>
        %25 = arith.maximumf %15, %6 : f32
        memref.store %25, %2[%13, %12] : memref<70x37xf32>
      }
      scf.reduce
    }) : (index, index, index) -> ()
    func.return
  }
}
