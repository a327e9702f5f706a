/* The CNRT 4.x host API over the simulator: one fake device, queues that run kernels
 * synchronously (a launch has finished when cnrtInvokeKernel_V2 returns), GDRAM as
 * tracked host memory, notifiers that read the host clock.
 *
 * Misuse the simulator can see is a violation like a kernel's: cnrtMemcpy outside an
 * allocation or in a direction that does not match the pointers, cnrtFree of something
 * cnrtMalloc did not return, a params buffer that does not match the kernel.
 */
#include <chrono>

#include "internal.h"

struct cnrtQueue {
  int error = CNRT_RET_SUCCESS; /* sticky until cnrtSyncQueue reports it */
};
struct cnrtNotifier {
  bool placed = false;
  double seconds = 0;
};
struct cnrtKernelParamsBuffer {
  std::vector<std::vector<char>> params;
};
struct cnrtKernelInitParam {
  int unused = 0;
};

namespace mopcsim {

void queue_failed(cnrtQueue_t queue, int code) {
  if (queue && queue->error == CNRT_RET_SUCCESS) queue->error = code;
}

static int last_error = CNRT_RET_SUCCESS;

/* Run a CNRT entry point: a violation becomes its error code. */
template <class F>
static cnrtRet_t guarded(F&& body, cnrtRet_t on_error = CNRT_RET_ERR_INVALID) {
  try {
    body();
    return CNRT_RET_SUCCESS;
  } catch (const HostError&) {
    last_error = on_error;
    return on_error;
  }
}

static double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace mopcsim

using namespace mopcsim;

extern "C" {

const char* cnrtGetErrorStr(cnrtRet_t err) {
  switch (int(err)) {
    case CNRT_RET_SUCCESS: return "The operation was successful.";
    case CNRT_RET_ERR_INVALID: return "The supplied argument was an invalid argument.";
    case CNRT_RET_ERR_NOMEM: return "Insufficient memory for the operation.";
    case CNRT_RET_ERR_NODEV: return "No such device.";
    case CNRT_RET_ERR_MLU: return "MLU error (the simulator refused a kernel; see mopcsim_last_error).";
    case CNRT_RET_ERR_INVALID_POINTER: return "Invalid pointer.";
    case CNRT_RET_ERR_MEMCPY: return "Failure on memory copy.";
    case CNRT_RET_ERR_NOTIFIER: return "Failure on notifier operation.";
    case CNRT_RET_ERR_UNSUPPORTED: return "Unsupported operation.";
    default: return "Unknown error.";
  }
}

cnrtRet_t cnrtGetLastErr(void) { return cnrtRet_t(last_error); }

void cnrtCheck(cnrtRet_t result, const char* const func, const char* const file, int const line) {
  if (result == CNRT_RET_SUCCESS) return;
  std::string text = format("%s:%d: CNRT error %d (%s) from %s", file, line, int(result), cnrtGetErrorStr(result), func);
  if (fatal_mode()) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", text.c_str());
    std::exit(1);
  }
  record_violation(text); /* kept only when it is the first problem */
}

cnrtRet_t cnrtInit(unsigned int) { return CNRT_RET_SUCCESS; }
void cnrtDestroy(void) {}

cnrtRet_t cnrtGetVersion(unsigned int* ver) {
  if (ver) *ver = CNRT_VERSION;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtGetDeviceCount(unsigned int* n) {
  if (n) *n = 1;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtGetDeviceHandle(cnrtDev_t* dev, int ordinal) {
  return guarded([&] {
    if (ordinal != 0 && ordinal != -1)
      fail(format("cnrtGetDeviceHandle: device %d does not exist (the simulator has device 0)", ordinal));
    if (dev) *dev = 0;
  }, CNRT_RET_ERR_NODEV);
}

cnrtRet_t cnrtSetCurrentDevice(cnrtDev_t) { return CNRT_RET_SUCCESS; }

cnrtRet_t cnrtGetCurrentDevice(cnrtDev_t* dev) {
  if (dev) *dev = 0;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtGetDeviceInfo(cnrtDeviceInfo_t* info, int) {
  if (info) {
    std::snprintf(info->device_name, sizeof info->device_name, "%s (mopc simulator, %s)", ARCH.chip, ARCH.name);
    info->core_version = ARCH.bang_arch < 300 ? CNRT_MLU270 : CNRT_MLU370;
    info->core_num = ARCH.cores();
  }
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtSyncDevice(void) { return CNRT_RET_SUCCESS; }

cnrtRet_t cnrtCreateQueue(cnrtQueue_t* queue) {
  if (!queue) return CNRT_RET_ERR_INVALID;
  *queue = new cnrtQueue();
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtDestroyQueue(cnrtQueue_t queue) {
  delete queue;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtSyncQueue(cnrtQueue_t queue) {
  if (!queue) return CNRT_RET_SUCCESS;
  int error = queue->error;
  queue->error = CNRT_RET_SUCCESS;
  return cnrtRet_t(error);
}

cnrtRet_t cnrtCreateNotifier(cnrtNotifier_t* notifier) {
  if (!notifier) return CNRT_RET_ERR_INVALID;
  *notifier = new cnrtNotifier();
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtDestroyNotifier(cnrtNotifier_t* notifier) {
  if (notifier) {
    delete *notifier;
    *notifier = nullptr;
  }
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtPlaceNotifier(cnrtNotifier_t notifier, cnrtQueue_t) {
  if (!notifier) return CNRT_RET_ERR_INVALID;
  notifier->placed = true;
  notifier->seconds = now();
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtWaitNotifier(cnrtNotifier_t) { return CNRT_RET_SUCCESS; }
cnrtRet_t cnrtQueryNotifier(cnrtNotifier_t) { return CNRT_RET_SUCCESS; }

cnrtRet_t cnrtNotifierDuration(cnrtNotifier_t start, cnrtNotifier_t end, float* us) {
  return guarded([&] {
    if (!start || !end || !us) fail("cnrtNotifierDuration: NULL argument");
    if (!start->placed || !end->placed)
      fail("cnrtNotifierDuration: both notifiers must have been placed with cnrtPlaceNotifier");
    *us = float((end->seconds - start->seconds) * 1e6);
  }, CNRT_RET_ERR_NOTIFIER);
}

cnrtRet_t cnrtGetKernelParamsBuffer(cnrtKernelParamsBuffer_t* params) {
  if (!params) return CNRT_RET_ERR_INVALID;
  *params = new cnrtKernelParamsBuffer();
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtCopyKernelParamsBuffer(cnrtKernelParamsBuffer_t dst, cnrtKernelParamsBuffer_t src) {
  if (!dst || !src) return CNRT_RET_ERR_INVALID;
  dst->params = src->params;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtKernelParamsBufferAddParam(cnrtKernelParamsBuffer_t params, void* data, size_t bytes) {
  return guarded([&] {
    if (!params) fail("cnrtKernelParamsBufferAddParam: the params buffer is NULL");
    if (!data || !bytes) fail("cnrtKernelParamsBufferAddParam: NULL data or zero bytes");
    const char* p = static_cast<const char*>(data);
    params->params.emplace_back(p, p + bytes);
  });
}

cnrtRet_t cnrtDestroyKernelParamsBuffer(cnrtKernelParamsBuffer_t params) {
  delete params;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtInvokeKernel_V2(const void* function, cnrtDim3_t dim, cnrtKernelParamsBuffer_t params,
                              cnrtFunctionType_t func_type, cnrtQueue_t queue) {
  static const std::vector<std::vector<char>> none;
  int ret = invoke_registered("cnrtInvokeKernel_V2", function, dim, int(func_type), queue,
                              params ? params->params : none);
  if (ret != CNRT_RET_SUCCESS) last_error = ret;
  return cnrtRet_t(ret);
}

cnrtRet_t cnrtCreateKernelInitParam(cnrtKernelInitParam_t* init) {
  if (!init) return CNRT_RET_ERR_INVALID;
  *init = new cnrtKernelInitParam();
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtInitKernelMemory(const void*, cnrtKernelInitParam_t) { return CNRT_RET_SUCCESS; }

cnrtRet_t cnrtInvokeKernel_V3(const void* function, cnrtKernelInitParam_t, cnrtDim3_t dim,
                              cnrtKernelParamsBuffer_t params, cnrtFunctionType_t func_type, cnrtQueue_t queue,
                              void*) {
  static const std::vector<std::vector<char>> none;
  int ret = invoke_registered("cnrtInvokeKernel_V3", function, dim, int(func_type), queue,
                              params ? params->params : none);
  if (ret != CNRT_RET_SUCCESS) last_error = ret;
  return cnrtRet_t(ret);
}

cnrtRet_t cnrtDestroyKernelInitParamAndMemory(cnrtKernelInitParam_t init) {
  delete init;
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtMalloc(void** ptr, size_t bytes) {
  return guarded([&] {
    if (!ptr) fail("cnrtMalloc: the result pointer is NULL");
    *ptr = gdram_alloc(bytes);
    if (!*ptr) fail(format("cnrtMalloc: cannot allocate %zu bytes", bytes));
  }, CNRT_RET_ERR_NOMEM);
}

cnrtRet_t cnrtFree(void* ptr) {
  return guarded([&] {
    if (!ptr) return;
    if (!gdram_free(ptr, nullptr))
      fail(format("cnrtFree: %p was not returned by cnrtMalloc (or was already freed)", ptr));
  }, CNRT_RET_ERR_INVALID_POINTER);
}

static void check_device_range(const char* api, const char* role, const void* p, size_t bytes) {
  Where w = classify(p);
  if (w.space != SP_GDRAM)
    fail(format("%s: %s %s is not device memory from cnrtMalloc", api, role, describe(w, p).c_str()));
  check_range(Loc{}, api, role, w, p, bytes);
}

static void check_host_pointer(const char* api, const char* role, const void* p) {
  Where w = classify(p);
  if (w.space == SP_GDRAM)
    fail(format("%s: %s %s is device memory, but the direction says host memory", api, role, describe(w, p).c_str()));
  if (!p) fail(format("%s: %s is NULL", api, role));
}

cnrtRet_t cnrtMemcpy(void* dst, void* src, size_t bytes, cnrtMemTransDir_t dir) {
  return guarded([&] {
    const char* api = nullptr;
    switch (int(dir)) {
      case CNRT_MEM_TRANS_DIR_HOST2DEV:
        api = "cnrtMemcpy HOST2DEV";
        check_device_range(api, "destination", dst, bytes);
        check_host_pointer(api, "source", src);
        break;
      case CNRT_MEM_TRANS_DIR_DEV2HOST:
        api = "cnrtMemcpy DEV2HOST";
        check_device_range(api, "source", src, bytes);
        check_host_pointer(api, "destination", dst);
        break;
      case CNRT_MEM_TRANS_DIR_DEV2DEV:
        api = "cnrtMemcpy DEV2DEV";
        check_device_range(api, "destination", dst, bytes);
        check_device_range(api, "source", src, bytes);
        break;
      case CNRT_MEM_TRANS_DIR_HOST2HOST:
        api = "cnrtMemcpy HOST2HOST";
        check_host_pointer(api, "destination", dst);
        check_host_pointer(api, "source", src);
        break;
      default:
        fail(format("cnrtMemcpy: direction %d is not supported by mopc's BANG simulator", int(dir)));
    }
    std::memmove(dst, src, bytes);
    count_host_copy(int(dir), bytes);
  }, CNRT_RET_ERR_MEMCPY);
}

cnrtRet_t cnrtMemset(void* ptr, int c, size_t bytes) {
  return guarded([&] {
    check_device_range("cnrtMemset", "destination", ptr, bytes);
    std::memset(ptr, c, bytes);
  });
}

cnrtRet_t cnrtMallocHost(void** ptr, size_t bytes, cnrtMemType_t) {
  if (!ptr) return CNRT_RET_ERR_INVALID;
  *ptr = std::malloc(bytes ? bytes : 1);
  return *ptr ? CNRT_RET_SUCCESS : CNRT_RET_ERR_NOMEM;
}

cnrtRet_t cnrtFreeHost(void* ptr) {
  std::free(ptr);
  return CNRT_RET_SUCCESS;
}

/* IEEE binary16 <-> float, rounding to nearest even (what CNRT's conversion does). */
cnrtRet_t cnrtConvertFloatToHalf(uint16_t* f16, float x) {
  if (!f16) return CNRT_RET_ERR_INVALID;
  half h = static_cast<half>(x);
  std::memcpy(f16, &h, 2);
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtConvertHalfToFloat(float* f32, uint16_t bits) {
  if (!f32) return CNRT_RET_ERR_INVALID;
  half h;
  std::memcpy(&h, &bits, 2);
  *f32 = static_cast<float>(h);
  return CNRT_RET_SUCCESS;
}

cnrtRet_t cnrtSetDevice(int device) { return device == 0 ? CNRT_RET_SUCCESS : CNRT_RET_ERR_NODEV; }
cnrtRet_t cnrtGetDevice(int* device) {
  if (device) *device = 0;
  return CNRT_RET_SUCCESS;
}
cnrtRet_t cnrtQueueCreate(cnrtQueue_t* queue) { return cnrtCreateQueue(queue); }
cnrtRet_t cnrtQueueDestroy(cnrtQueue_t queue) { return cnrtDestroyQueue(queue); }
cnrtRet_t cnrtQueueSync(cnrtQueue_t queue) { return cnrtSyncQueue(queue); }
cnrtRet_t cnrtNotifierCreate(cnrtNotifier_t* notifier) { return cnrtCreateNotifier(notifier); }
cnrtRet_t cnrtNotifierDestroy(cnrtNotifier_t notifier) {
  delete notifier;
  return CNRT_RET_SUCCESS;
}

}  // extern "C"
