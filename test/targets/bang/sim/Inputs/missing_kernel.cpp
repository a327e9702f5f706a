// Host code naming a kernel no .mlu defines.
#include "cnrt.h"

extern "C" void missing_kernel(float *out);

int main() {
  cnrtDim3_t dim = {1, 1, 1};
  return cnrtInvokeKernel_V2((void *)&missing_kernel, dim, NULL, CNRT_FUNC_TYPE_BLOCK, NULL);
}
