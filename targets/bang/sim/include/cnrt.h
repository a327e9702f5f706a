/* CNRT 4.x host API (MLU270 era) as mopc's BANG simulator provides it.
 *
 * Names, enum values and signatures follow Cambricon's CNRT 4.3.0 header (bang-c.md
 * 5.1); a few CNRT 6 spellings (cnrtQueueCreate, cnrtFuncTypeUnion1, ...) are aliases
 * so MLU370-era samples build too. "Device" memory is host memory the simulator
 * tracks, so kernels and cnrtMemcpy are bounds-checked against it.
 *
 * This header never defines `half`: MLU270-era host code declares
 * `typedef unsigned short half;` itself, and device code gets _Float16 from mlu.h.
 */
#ifndef __CNRT_H
#define __CNRT_H

#define CNRT_MAJOR_VERSION 4
#define CNRT_MINOR_VERSION 3
#define CNRT_PATCH_VERSION 0
#define CNRT_VERSION (CNRT_MAJOR_VERSION * 10000 + CNRT_MINOR_VERSION * 100 + CNRT_PATCH_VERSION)

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__cplusplus)
extern "C" {
#endif

typedef uint64_t u64_t;
typedef int64_t i64_t;
typedef uint32_t u32_t;
typedef uint16_t u16_t;
typedef uint8_t u8_t;
typedef int32_t i32_t;
typedef int16_t i16_t;
typedef int8_t i8_t;

typedef enum {
  CNRT_RET_SUCCESS = 0,
  CNRT_RET_WARNING_FAKE_DEVICE = 1,
  CNRT_RET_ERR_NOT_READY = 632006,
  CNRT_RET_ERR_INVALID = 632007,
  CNRT_RET_ERR_NOMEM = 632008,
  CNRT_RET_ERR_NODEV = 632009,
  CNRT_RET_ERR_FAULT = 632013,
  CNRT_RET_ERR_UNSUPPORTED = 632020,
  CNRT_RET_ERR_INVALID_POINTER = 632021,
  CNRT_RET_ERR_QUEUE = 632025,
  CNRT_RET_ERR_MLU = 632032,
  CNRT_RET_ERR_NOTIFIER = 632034,
  CNRT_RET_ERR_MEMCPY = 632036,
  CNRT_RET_ERR_UNKNOWN = 999991,
  cnrtSuccess = 0 /* CNRT 6 spelling */
} cnrtRet_t;

typedef enum {
  CNRT_MEMTYPE_DEFAULT = 0,
  CNRT_MEMTYPE_LOCKED,
  CNRT_MEMTYPE_DEV
} cnrtMemType_t;

typedef enum {
  CNRT_FUNC_TYPE_BLOCK = 1,
  CNRT_FUNC_TYPE_BLOCK0 = CNRT_FUNC_TYPE_BLOCK,
  CNRT_FUNC_TYPE_BLOCK1 = CNRT_FUNC_TYPE_BLOCK0 + 1,
  CNRT_FUNC_TYPE_UNION1 = 4,
  CNRT_FUNC_TYPE_UNION2 = 8,
  CNRT_FUNC_TYPE_UNION4 = 16,
  CNRT_FUNC_TYPE_UNION8 = 32,
  CNRT_FUNC_TYPE_UNION16 = 64,
  CNRT_FUNC_TYPE_MUTABLE = -1,
  CNRT_JOB_TYPE_BLOCK = CNRT_FUNC_TYPE_BLOCK,
  CNRT_JOB_TYPE_UNION1 = CNRT_FUNC_TYPE_UNION1,
  CNRT_JOB_TYPE_UNION2 = CNRT_FUNC_TYPE_UNION2,
  CNRT_JOB_TYPE_UNION4 = CNRT_FUNC_TYPE_UNION4,
  /* CNRT 6 spellings, same values */
  cnrtFuncTypeBlock = 1,
  cnrtFuncTypeUnion1 = 4,
  cnrtFuncTypeUnion2 = 8,
  cnrtFuncTypeUnion4 = 16,
  cnrtFuncTypeUnion8 = 32,
  cnrtFuncTypeUnion16 = 64
} cnrtFunctionType_t, cnrtJobType_t;

typedef enum {
  CNRT_MEM_TRANS_DIR_HOST2DEV = 0,
  CNRT_MEM_TRANS_DIR_DEV2DEV,
  CNRT_MEM_TRANS_DIR_DEV2HOST,
  CNRT_MEM_TRANS_DIR_HOST2HOST,
  CNRT_MEM_TRANS_DIR_PEER2PEER,
  CNRT_MEM_TRANS_DIR_NODIR,
  /* CNRT 6 spellings, same values */
  cnrtMemcpyHostToDev = 0,
  cnrtMemcpyDevToDev = 1,
  cnrtMemcpyDevToHost = 2,
  cnrtMemcpyHostToHost = 3
} cnrtMemTransDir_t;

typedef struct {
  unsigned int x;
  unsigned int y;
  unsigned int z;
} cnrtDim3_t;

typedef enum cnrtCoreVersion {
  CNRT_1H8 = 0,
  CNRT_1H16 = 1,
  CNRT_MLU100 = 3,
  CNRT_1H8MINI = 4,
  CNRT_MLU270 = 5,
  CNRT_MLU220 = 6,
  CNRT_MLU370 = 8
} cnrtCoreVersion_t;

typedef struct {
  char device_name[64];
  cnrtCoreVersion_t core_version;
  int core_num;
} cnrtDeviceInfo_t;

typedef u64_t cnrtDev_t;
typedef struct cnrtQueue *cnrtQueue_t;
typedef struct cnrtNotifier *cnrtNotifier_t;
typedef struct cnrtKernelParamsBuffer *cnrtKernelParamsBuffer_t;
typedef struct cnrtKernelInitParam *cnrtKernelInitParam_t;

/* Errors */
const char *cnrtGetErrorStr(cnrtRet_t err_code);
cnrtRet_t cnrtGetLastErr(void);
void cnrtCheck(cnrtRet_t result, const char *const func, const char *const file, int const line);
#define CNRT_CHECK(val) cnrtCheck((cnrtRet_t)(val), #val, __FILE__, __LINE__)

/* Initialisation and devices */
cnrtRet_t cnrtInit(unsigned int flags);
void cnrtDestroy(void);
cnrtRet_t cnrtGetVersion(unsigned int *ver);
cnrtRet_t cnrtGetDeviceCount(unsigned int *dev_num);
cnrtRet_t cnrtGetDeviceHandle(cnrtDev_t *pdev, int ordinal);
cnrtRet_t cnrtSetCurrentDevice(cnrtDev_t dev);
cnrtRet_t cnrtGetCurrentDevice(cnrtDev_t *pdev);
cnrtRet_t cnrtGetDeviceInfo(cnrtDeviceInfo_t *info, int device_ordinal);
cnrtRet_t cnrtSyncDevice(void);

/* Queues and notifiers */
cnrtRet_t cnrtCreateQueue(cnrtQueue_t *pQueue);
cnrtRet_t cnrtDestroyQueue(cnrtQueue_t queue);
cnrtRet_t cnrtSyncQueue(cnrtQueue_t queue);
cnrtRet_t cnrtCreateNotifier(cnrtNotifier_t *notifier);
cnrtRet_t cnrtDestroyNotifier(cnrtNotifier_t *notifier);
cnrtRet_t cnrtPlaceNotifier(cnrtNotifier_t notifier, cnrtQueue_t queue);
cnrtRet_t cnrtWaitNotifier(cnrtNotifier_t notifier);
cnrtRet_t cnrtQueryNotifier(cnrtNotifier_t notifier);
cnrtRet_t cnrtNotifierDuration(cnrtNotifier_t start, cnrtNotifier_t end, float *us);

/* Kernels */
cnrtRet_t cnrtGetKernelParamsBuffer(cnrtKernelParamsBuffer_t *params);
cnrtRet_t cnrtCopyKernelParamsBuffer(cnrtKernelParamsBuffer_t dst_params_buf,
                                     cnrtKernelParamsBuffer_t src_params_buf);
cnrtRet_t cnrtKernelParamsBufferAddParam(cnrtKernelParamsBuffer_t params, void *data, size_t bytes);
cnrtRet_t cnrtDestroyKernelParamsBuffer(cnrtKernelParamsBuffer_t params);
cnrtRet_t cnrtInvokeKernel_V2(const void *function, cnrtDim3_t dim, cnrtKernelParamsBuffer_t params,
                              cnrtFunctionType_t func_type, cnrtQueue_t queue);
cnrtRet_t cnrtCreateKernelInitParam(cnrtKernelInitParam_t *init_param);
cnrtRet_t cnrtInitKernelMemory(const void *function, cnrtKernelInitParam_t init_param);
cnrtRet_t cnrtInvokeKernel_V3(const void *function, cnrtKernelInitParam_t init_param, cnrtDim3_t dim,
                              cnrtKernelParamsBuffer_t params, cnrtFunctionType_t func_type,
                              cnrtQueue_t queue, void *extra_param);
cnrtRet_t cnrtDestroyKernelInitParamAndMemory(cnrtKernelInitParam_t param);

/* Memory */
cnrtRet_t cnrtMalloc(void **pPtr, size_t bytes);
cnrtRet_t cnrtFree(void *ptr);
cnrtRet_t cnrtMemcpy(void *dst, void *src, size_t bytes, cnrtMemTransDir_t dir);
cnrtRet_t cnrtMemset(void *ptr, int c, size_t bytes);
cnrtRet_t cnrtMallocHost(void **pPtr, size_t bytes, cnrtMemType_t type);
cnrtRet_t cnrtFreeHost(void *ptr);

/* Half conversions (host side: half is 16 raw bits) */
cnrtRet_t cnrtConvertFloatToHalf(uint16_t *f16, float x);
cnrtRet_t cnrtConvertHalfToFloat(float *f32, uint16_t f16);

/* CNRT 6 spellings used by MLU370-era samples */
cnrtRet_t cnrtSetDevice(int device);
cnrtRet_t cnrtGetDevice(int *device);
cnrtRet_t cnrtQueueCreate(cnrtQueue_t *pQueue);
cnrtRet_t cnrtQueueDestroy(cnrtQueue_t queue);
cnrtRet_t cnrtQueueSync(cnrtQueue_t queue);
cnrtRet_t cnrtNotifierCreate(cnrtNotifier_t *notifier);
cnrtRet_t cnrtNotifierDestroy(cnrtNotifier_t notifier);

#if defined(__cplusplus)
}
#endif

#include "mopcsim/api.h"

#endif /* __CNRT_H */
