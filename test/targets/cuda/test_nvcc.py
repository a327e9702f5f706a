"""The printed CUDA C compiles with nvcc (`-arch=sm_90 -O3`), for every graph op case,
the fused chains, ResNet-18 and, in the whole-network step (`pytest -m real_models`),
the ONNX suite's nine real models (skipped where nvcc is not installed).

The op cases are compiled in one nvcc run (nvcc's start-up dominates a small file):
each model's source goes into a namespace of its own, its `extern "C"` dropped (the
names repeat from model to model; the code is otherwise the printer's, unchanged). An
error shows nvcc's message and the model's source.
"""

from __future__ import annotations

import re
import shutil

import pytest
from support.graph_cases import CHAIN_CASES, GRAPH_CASES, GraphCase

from mopc.compiler import run_pipeline
from mopc.frontend.onnx.conformance.real_models import REAL_MODELS, numeric_case
from mopc.frontend.onnx.importer import import_model
from mopc.targets.cuda.lowering import TO_LOOP, cuda_source
from mopc.targets.cuda.runner import NvccError, nvcc_compile

pytestmark = pytest.mark.skipif(shutil.which("nvcc") is None, reason="nvcc (the CUDA toolkit) is not installed")

ARCH = "sm_90"


def source_of(case: GraphCase) -> str:
    module, builder, _ = case.module()
    run_pipeline(module, builder.ctx, TO_LOOP)
    return cuda_source(module, builder.ctx)


def combined(sources: dict[str, str]) -> str:
    """One translation unit holding every model, each in `namespace case_<i>`."""
    parts = ["#include <cuda_runtime.h>", "#include <math.h>", "#include <stdint.h>", "#include <stdio.h>"]
    for index, (name, source) in enumerate(sources.items()):
        body = re.sub(r"^#include .*$", "", source, flags=re.MULTILINE).replace('extern "C" ', "")
        parts += [f"// ---- {name}", f"namespace case_{index} {{", body, f"}}  // namespace case_{index}"]
    return "\n".join(parts)


def test_every_op_case_compiles_with_nvcc(tmp_path):
    sources = {case.id: source_of(case) for case in [*GRAPH_CASES, *CHAIN_CASES]}
    try:
        nvcc_compile(combined(sources), tmp_path / "cases.o", ARCH, shared=False)
    except NvccError as err:
        message = str(err).split("--- source ---")[0]
        failing = sorted({int(n) for n in re.findall(r"case_(\d+)", message)})
        names = list(sources)
        shown = "\n".join(f"--- {names[i]} ---\n{sources[names[i]]}" for i in failing[:2])
        pytest.fail(f"{message}\n{shown}")


def test_resnet18_compiles_with_nvcc(tmp_path):
    from mopc.frontend.zoo.resnet import resnet18

    module, ctx = resnet18()
    run_pipeline(module, ctx, TO_LOOP)
    source = cuda_source(module, ctx)
    assert source.count("__global__") >= 20
    nvcc_compile(source, tmp_path / "resnet18.o", ARCH, shared=False)


@pytest.mark.real_models
@pytest.mark.parametrize("name", REAL_MODELS)
def test_real_onnx_model_compiles_with_nvcc(name, tmp_path):
    """alexnet ... zfnet512 (3-35 s of nvcc each): every kernel, shared-memory tiles of
    their convolutions and matmuls included."""
    model, _ = numeric_case(name, seed=0)
    module, ctx = import_model(model)
    run_pipeline(module, ctx, TO_LOOP)
    source = cuda_source(module, ctx)
    assert "__shared__ float" in source
    nvcc_compile(source, tmp_path / f"{name}.o", ARCH, shared=False)
