"""The NVIDIA target: loop level -> GPU threads -> CUDA C, compiled with nvcc, or run
on the CPU through mopc's emulation where there is no GPU (docs/cuda.md).

* `target_info.py`: sm_80 / sm_90 (warp size, threads per block, shared memory, registers);
* `schedule.py`: `cuda-schedule`, GPU schedules (all parallel loops spread, register blocks);
* `dialect.py`: `cuda.launch`, `#cuda.shared` (ids and barriers are upstream `gpu` ops);
* `lower.py`, `block_reduce.py`: `loop-to-cuda`, loops onto blocks and threads, block-level
  tree reductions in shared memory, calls into launches;
* `printer.py`: CUDA C on the shared C-like printer base (`targets/c/`), host wrappers;
* `emulation/`: the CPU stand-in for <cuda_runtime.h> (fibers, real barriers);
* `runner.py`: nvcc or the emulation, a ctypes library; `backend.py`: `mopc.compile`;
  `lowering.py`: the pipeline; `target.py`: `mopc-translate --target=cuda`.
"""
