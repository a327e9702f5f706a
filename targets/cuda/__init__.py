"""The NVIDIA target: loop level -> `cuda` dialect -> CUDA C, compiled with nvcc.

Not implemented yet (tracked by the CUDA issue).
"""
