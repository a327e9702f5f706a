"""Progress of long compiles: a status line on terminals, nothing in pipes."""

from __future__ import annotations

import io

import numpy as np

import mopc
from mopc.compiler.progress import terminal_progress
from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_pipes_get_no_reporter():
    assert terminal_progress(io.StringIO()) is None


def test_terminal_status_line_is_redrawn_and_cleared():
    stream = _Terminal()
    progress = terminal_progress(stream)
    assert progress is not None
    progress("importing model.onnx")
    progress("compiling 3 kernels for llvm")
    progress.clear()
    text = stream.getvalue()
    assert text.startswith("\rmopc: importing model.onnx (")
    assert "\rmopc: compiling 3 kernels for llvm (" in text
    assert text.endswith("\r")  # the line is blanked out again


def test_compile_reports_each_long_step(tmp_path):
    b = GraphBuilder()
    x = b.input("x", (1, 2, 4, 4))
    w = b.param("w", np.ones((3, 2, 1, 1), np.float32))
    module = b.finish(b.add(g.ReluOp(b.add(g.Conv2dOp(x, w)))))
    messages: list[str] = []
    mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, progress=messages.append)
    assert messages == ["lowering to the loop level", "compiling 1 kernel for llvm"]
    messages.clear()
    mopc.compile(module, ctx=b.ctx, cache_dir=tmp_path, progress=messages.append)
    assert messages == []  # a cache hit has nothing long to report
