"""Fixtures for the CPU target's tests: compile loop-level MLIR text with the runner."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mopc.core.context import make_context
from mopc.core.parsing import parse_module
from mopc.targets.llvm.convert_to_llvm import ConvertToLLVMPass
from mopc.targets.llvm.runner import CompiledLLVM, compile_module


def compile_text(text: str, *, verify: bool = True) -> CompiledLLVM:
    """Parse, verify (the kernels must be valid loop-level IR, and what convert-to-llvm
    makes of them valid `llvm` dialect) and compile."""
    ctx = make_context()
    module = parse_module(ctx, text, "test.mlir")
    if verify:
        module.verify()
        lowered = module.clone()
        ConvertToLLVMPass().apply(ctx, lowered)
        lowered.verify()
    return compile_module(module, ctx)


@pytest.fixture(scope="session")
def compile_mlir() -> Callable[..., CompiledLLVM]:
    return compile_text
