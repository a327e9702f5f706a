// RUN: mopc-translate --target=cuda %s | filecheck %s
// RUN: mopc-translate --target=cuda %s > %t.cu && nvcc -arch=sm_90 -O3 -x cu -c %t.cu -o %t.o || ! which nvcc

// mopc-translate --target=cuda runs loop-to-cuda on a loop-level module and prints
// CUDA C: kernels, the host code launching them, host-pointer wrappers, the ABI.

// CHECK:      #include <cuda_runtime.h>
// CHECK:      #define MOPC_CHECK(call)

// A kernel: extern "C" __global__ with its launch bounds; read-only buffers are const;
// one thread per point of the collapsed loops, the tail masked.
// CHECK-LABEL: extern "C" __global__ __launch_bounds__(256) void k0_relu(const float *__restrict__ in, float *__restrict__ out) {
// CHECK-NEXT:    int v = blockIdx.x * 256 + threadIdx.x;
// CHECK-NEXT:    if (v < 384) {
// CHECK-NEXT:      int i = v / 96;
// CHECK-NEXT:      int j = v % 96;
// CHECK-NEXT:      out[i * 96 + j] = fmaxf(in[i * 96 + j], 0.0f);
// CHECK-NEXT:    }
// CHECK-NEXT:  }

// A block-level tree reduction: shared memory and barriers.
// CHECK-LABEL: extern "C" __global__ __launch_bounds__(64) void k1_row_max(const float *__restrict__ in, float *__restrict__ out) {
// CHECK:         int v = threadIdx.x;
// CHECK:         int [[ROW:.*]] = blockIdx.x;
// CHECK:         float acc = -INFINITY;
// CHECK:         for (int k = v; k < 96; k += 64) {
// CHECK-NEXT:      acc = fmaxf(acc, in{{\[}}[[ROW]] * 96 + k]);
// CHECK-NEXT:    }
// CHECK-NEXT:    __shared__ float buffer[64];
// CHECK-NEXT:    buffer[v] = acc;
// CHECK-NEXT:    __syncthreads();
// CHECK-NEXT:    if (v < 32) {
// CHECK-NEXT:      buffer[v] = fmaxf(buffer[v], buffer[v + 32]);
// CHECK-NEXT:    }
// CHECK-NEXT:    __syncthreads();
// CHECK:         if (v == 0) {
// CHECK-NEXT:      out{{\[}}[[ROW]]] = buffer[0];
// CHECK-NEXT:    }

// The entry on the host: launches on device pointers, each checked.
// CHECK-LABEL: static int main_on_device(const float *__restrict__ x, float *__restrict__ y, float *__restrict__ m, const int8_t *__restrict__ ws) {
// CHECK-NEXT:    k0_relu<<<2, 256, 0>>>(x, y);
// CHECK-NEXT:    MOPC_CHECK(cudaGetLastError());
// CHECK-NEXT:    k1_row_max<<<3, 64, 0>>>(y, m);
// CHECK-NEXT:    MOPC_CHECK(cudaGetLastError());
// CHECK-NEXT:    return 0;
// CHECK-NEXT:  }

// The host-pointer wrapper: device buffers allocated once, inputs copied in, outputs
// back; the workspace neither.
// CHECK-LABEL: extern "C" int mopc_call_main(const float *a0, float *a1, float *a2, const int8_t *a3) {
// CHECK-NEXT:    static MopcDeviceBuffer d0;
// CHECK-NEXT:    if (d0.pointer == nullptr) MOPC_CHECK(cudaMalloc(&d0.pointer, 1536));
// CHECK-NEXT:    MOPC_CHECK(cudaMemcpy(d0.pointer, a0, 1536, cudaMemcpyHostToDevice));
// CHECK:         if (d3.pointer == nullptr) MOPC_CHECK(cudaMalloc(&d3.pointer, 64));
// CHECK-NEXT:    if (main_on_device((float *)d0.pointer, (float *)d1.pointer, (float *)d2.pointer, (int8_t *)d3.pointer) != 0) return 1;
// CHECK-NEXT:    MOPC_CHECK(cudaDeviceSynchronize());
// CHECK-NEXT:    MOPC_CHECK(cudaMemcpy(a1, d1.pointer, 1536, cudaMemcpyDeviceToHost));
// CHECK-NEXT:    MOPC_CHECK(cudaMemcpy(a2, d2.pointer, 12, cudaMemcpyDeviceToHost));
// CHECK-NEXT:    return 0;
// A kernel's own wrapper (profiling) allocates per call.
// CHECK-LABEL: extern "C" int mopc_call_k0_relu(const float *a0, float *a1) {
// CHECK-NEXT:    MopcDeviceBuffer d0;
// CHECK:         k0_relu<<<2, 256, 0>>>((float *)d0.pointer, (float *)d1.pointer);
// CHECK:       extern "C" const char mopc_abi[] = "{\"k0_relu\": {\"args\": [{\"dtype\": \"float32\", \"kind\": \"memref\", \"shape\": [4, 96]}

func.func @main(%x: memref<4x96xf32>, %y: memref<4x96xf32>, %m: memref<3xf32>, %ws: memref<64xi8>) attributes {mopc.entry, mopc.abi = {inputs = ["x"], outputs = ["y", "m"], params = [], workspace_bytes = 64 : i64, workspace_bytes_without_reuse = 64 : i64}} {
  func.call @k0_relu(%x, %y) : (memref<4x96xf32>, memref<4x96xf32>) -> ()
  func.call @k1_row_max(%y, %m) : (memref<4x96xf32>, memref<3xf32>) -> ()
  func.return
}
func.func private @k0_relu(%in: memref<4x96xf32>, %out: memref<4x96xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c96 = arith.constant 96 : index
  %zero = arith.constant 0.000000e+00 : f32
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    scf.for %j = %c0 to %c96 step %c1 {
      %v = memref.load %in[%i, %j] : memref<4x96xf32>
      %r = arith.maximumf %v, %zero : f32
      memref.store %r, %out[%i, %j] : memref<4x96xf32>
    }
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
func.func private @k1_row_max(%in: memref<4x96xf32>, %out: memref<3xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c96 = arith.constant 96 : index
  %ninf = arith.constant 0xFF800000 : f32
  "scf.parallel"(%c0, %c3, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%r: index):
    %mx = scf.for %k = %c0 to %c96 step %c1 iter_args(%acc = %ninf) -> (f32) {
      %v = memref.load %in[%r, %k] : memref<4x96xf32>
      %n = arith.maximumf %acc, %v : f32
      scf.yield %n : f32
    }
    memref.store %mx, %out[%r] : memref<3xf32>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
