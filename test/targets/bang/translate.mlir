// RUN: mopc-opt %s -p "graph-to-metaop,fold-constants,metaop-fuse,bang-schedule,pack-constants,metaop-to-loop" | mopc-translate --target=bang --bang-arch=mtp_270 | filecheck %s
// RUN: mopc-opt %s -p "graph-to-metaop,fold-constants,metaop-fuse,bang-schedule{arch=mtp_372},pack-constants,metaop-to-loop" | mopc-translate --target=bang --bang-arch=mtp_372 | filecheck %s --check-prefix=MTP372
// RUN: mopc-translate --list-targets | filecheck %s --check-prefix=LIST
// LIST: bang

// A fused add + relu + exp over rows of 100 floats and its row sum, one kernel (a
// reduction fuses horizontally with the chain it reads): the printed .mlu. Rows are
// split across tasks (taskId/taskDim); each row is one NRAM chunk padded to 128 floats
// on mtp_270 (the 128-byte rule, 64-element multiples) and 112 on mtp_372; only the
// 100 real floats are copied; the chain stays in NRAM between the builtins; the sum
// uses __bang_reduce_sum (one partial sum per 128 bytes) and adds the 4 partials.

// CHECK: // target: mtp_270
// CHECK: #include <bang.h>
// CHECK: #include <cnrt.h>

// CHECK-LABEL: __mlu_entry__ void k0_relu_exp_reduce_add_2(
// CHECK-DAG:     __nram__ bool [[MASK:nram[0-9]+]][128];
// CHECK-DAG:     __nram__ float [[A:nram[0-9]+]][128];
// CHECK-DAG:     __nram__ float [[B:nram[0-9]+]][128];
// CHECK:         [[MASK]][{{.*}}] = true;
// CHECK:         int [[CHUNK:.*]] = mopc_ceildiv(2, taskDim);
// CHECK:         int [[BEGIN:.*]] = taskId * [[CHUNK]];
// CHECK:         for (int [[ROW:.*]] = [[BEGIN]]; [[ROW]] < {{.*}}; [[ROW]]++) {
// CHECK:           __memcpy([[A]], {{.*}} + [[ROW]] * 100, 400, GDRAM2NRAM);
// CHECK:           __memcpy([[B]], {{.*}} + [[ROW]] * 100, 400, GDRAM2NRAM);
// CHECK-NEXT:      __bang_add([[A]], [[A]], [[B]], 128);
// CHECK-NEXT:      __bang_active_relu([[A]], [[A]], 128);
// CHECK-NEXT:      __bang_active_exphp([[A]], [[A]], 128);
// CHECK:           __memcpy({{.*}} + [[ROW]] * 100, [[A]], 400, NRAM2GDRAM);
// CHECK-NEXT:      __bang_reduce_sum([[A]], [[B]], 128);
// CHECK:           for (int [[C:.*]] = 32; [[C]] < 128; [[C]] += 32) {

// The host function: device buffers, inputs copied in, the kernel launched on every
// IPU core as BLOCK tasks, outputs copied back.
// CHECK-LABEL: extern "C" int mopc_main(float *x, float *y, float *result0, float *result1, int8_t *workspace) {
// CHECK:         MOPC_CHECK(cnrtMalloc((void **)&d_x, 800));
// CHECK-NEXT:    MOPC_CHECK(cnrtMemcpy(d_x, x, 800, CNRT_MEM_TRANS_DIR_HOST2DEV));
// CHECK:         cnrtDim3_t dim = {16, 1, 1};
// CHECK-NEXT:    k0_relu_exp_reduce_add_2<<<dim, CNRT_FUNC_TYPE_BLOCK, queue>>>(d_x, d_y, d_result0, d_result1);
// CHECK-NEXT:    MOPC_CHECK(cnrtSyncQueue(queue)); }
// CHECK:         MOPC_CHECK(cnrtMemcpy(result0, d_result0, 800, CNRT_MEM_TRANS_DIR_DEV2HOST));
// CHECK:         MOPC_CHECK(cnrtMemcpy(result1, d_result1, 8, CNRT_MEM_TRANS_DIR_DEV2HOST));
// CHECK:         return 0;

// MTP372: // target: mtp_372
// MTP372: __nram__ float {{nram[0-9]+}}[112];
// MTP372: __bang_add({{.*}}, 112);

func.func @main(%x: tensor<2x100xf32>, %y: tensor<2x100xf32>) -> (tensor<2x100xf32>, tensor<2xf32>) {
  %s = graph.add %x, %y : (tensor<2x100xf32>, tensor<2x100xf32>) -> tensor<2x100xf32>
  %r = graph.relu %s : tensor<2x100xf32>
  %e = graph.exp %r : tensor<2x100xf32>
  %sum = graph.reduce_sum %e axes [1] : tensor<2x100xf32> -> tensor<2xf32>
  func.return %e, %sum : tensor<2x100xf32>, tensor<2xf32>
}
