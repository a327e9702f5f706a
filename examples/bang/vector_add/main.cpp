// Host side of the vector-add sample: CNRT 4.x, half as 16 raw bits on the host.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cnrt.h"

typedef unsigned short half;

extern "C" void vectorAdd(half *out, half *in0, half *in1, int len);

int main(int argc, char **argv) {
  int len = argc > 1 ? atoi(argv[1]) : 10000;
  size_t bytes = len * sizeof(half);
  float *x = (float *)malloc(len * sizeof(float)), *y = (float *)malloc(len * sizeof(float));
  half *hx = (half *)malloc(bytes), *hy = (half *)malloc(bytes), *hz = (half *)malloc(bytes);
  srand(1);
  for (int i = 0; i < len; i++) {
    x[i] = (float)(rand() % 1000) / 100.0f;
    y[i] = (float)(rand() % 1000) / 100.0f;
    cnrtConvertFloatToHalf(&hx[i], x[i]);
    cnrtConvertFloatToHalf(&hy[i], y[i]);
  }

  CNRT_CHECK(cnrtInit(0));
  cnrtDev_t dev;
  CNRT_CHECK(cnrtGetDeviceHandle(&dev, 0));
  CNRT_CHECK(cnrtSetCurrentDevice(dev));
  cnrtQueue_t queue;
  CNRT_CHECK(cnrtCreateQueue(&queue));

  half *d_x, *d_y, *d_z;
  CNRT_CHECK(cnrtMalloc((void **)&d_x, bytes));
  CNRT_CHECK(cnrtMalloc((void **)&d_y, bytes));
  CNRT_CHECK(cnrtMalloc((void **)&d_z, bytes));
  CNRT_CHECK(cnrtMemcpy(d_x, hx, bytes, CNRT_MEM_TRANS_DIR_HOST2DEV));
  CNRT_CHECK(cnrtMemcpy(d_y, hy, bytes, CNRT_MEM_TRANS_DIR_HOST2DEV));

  cnrtKernelParamsBuffer_t params;
  CNRT_CHECK(cnrtGetKernelParamsBuffer(&params));
  CNRT_CHECK(cnrtKernelParamsBufferAddParam(params, &d_z, sizeof(half *)));
  CNRT_CHECK(cnrtKernelParamsBufferAddParam(params, &d_x, sizeof(half *)));
  CNRT_CHECK(cnrtKernelParamsBufferAddParam(params, &d_y, sizeof(half *)));
  CNRT_CHECK(cnrtKernelParamsBufferAddParam(params, &len, sizeof(int)));

  cnrtDim3_t dim = {4, 1, 1};
  cnrtFunctionType_t ktype = CNRT_FUNC_TYPE_UNION1;
  cnrtNotifier_t start, end;
  CNRT_CHECK(cnrtCreateNotifier(&start));
  CNRT_CHECK(cnrtCreateNotifier(&end));
  CNRT_CHECK(cnrtPlaceNotifier(start, queue));
  CNRT_CHECK(cnrtInvokeKernel_V2((void *)&vectorAdd, dim, params, ktype, queue));
  CNRT_CHECK(cnrtPlaceNotifier(end, queue));
  CNRT_CHECK(cnrtSyncQueue(queue));
  float us = 0;
  CNRT_CHECK(cnrtNotifierDuration(start, end, &us));

  CNRT_CHECK(cnrtMemcpy(hz, d_z, bytes, CNRT_MEM_TRANS_DIR_DEV2HOST));
  float max_error = 0;
  for (int i = 0; i < len; i++) {
    float z;
    cnrtConvertHalfToFloat(&z, hz[i]);
    float error = fabsf(z - (x[i] + y[i]));
    if (error > max_error) max_error = error;
  }
  int ok = max_error <= 0.02f;
  printf("vectorAdd: %d elements on 4 cores, max error %.4f: %s\n", len, max_error, ok ? "PASSED" : "FAILED");
  fprintf(stderr, "kernel time %.1f us\n", us);

  CNRT_CHECK(cnrtFree(d_x));
  CNRT_CHECK(cnrtFree(d_y));
  CNRT_CHECK(cnrtFree(d_z));
  CNRT_CHECK(cnrtDestroyKernelParamsBuffer(params));
  CNRT_CHECK(cnrtDestroyNotifier(&start));
  CNRT_CHECK(cnrtDestroyNotifier(&end));
  CNRT_CHECK(cnrtDestroyQueue(queue));
  cnrtDestroy();
  free(x); free(y); free(hx); free(hy); free(hz);
  return ok ? 0 : 1;
}
