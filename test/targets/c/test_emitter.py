"""The shared C printer base: expressions by precedence, the tables, and numerics of
printed plain C (compiled with the host C compiler) against the reference evaluator."""

from __future__ import annotations

import ctypes
import shutil
import subprocess

import numpy as np
import pytest
from support.graph_cases import CHAIN_CASES, GraphCase

from mopc.compiler import run_pipeline
from mopc.core.evaluate import evaluate
from mopc.dialects import graph as g
from mopc.targets.c import C, CEmitter
from mopc.targets.c import expressions as e
from mopc.targets.c.expressions import Expr
from mopc.targets.cuda.lowering import TO_LOOP


def test_parentheses_only_where_c_needs_them():
    a, b, c = Expr("a"), Expr("b"), Expr("c")
    assert e.infix(e.infix(a, "+", b), "*", c).text == "(a + b) * c"
    assert e.infix(a, "+", e.infix(b, "*", c)).text == "a + b * c"
    assert e.infix(a, "-", e.infix(b, "-", c)).text == "a - (b - c)"  # left-associative
    assert e.infix(e.infix(a, "-", b), "-", c).text == "a - b - c"
    assert e.prefix("-", e.literal("-1")).text == "- -1"
    assert e.add(a, e.literal("-3")).text == "a - 3"
    assert e.cast("float", e.infix(a, "+", b)).text == "(float)(a + b)"
    assert e.conditional(e.infix(a, "<", b), a, e.conditional(b, c, a)).text == "a < b ? a : b ? c : a"
    assert e.call("f", e.infix(a, "+", b), c).text == "f(a + b, c)"
    assert e.subscript(e.infix(a, "+", b), c).text == "(a + b)[c]"


def test_extend_merges_tables():
    lang = C.extend("Mine", intrinsics={"my.sync": "sync()"}, types={"f16": "half"}, restrict="__restrict__")
    assert lang.name == "Mine" and lang.types["f16"] == "half" and lang.types["f32"] == "float"
    assert lang.intrinsics == {"my.sync": "sync()"} and lang.restrict == "__restrict__"
    assert C.intrinsics == {} and "f16" not in C.types  # the base is unchanged


def _build_c(module, tmp_path):
    source = CEmitter(C).emit_module(module)
    path = tmp_path / "model.c"
    path.write_text(source)
    library = tmp_path / "model.so"
    done = subprocess.run([shutil.which("cc") or "cc", "-std=c99", "-O1", "-shared", "-fPIC", "-Wall", "-Werror",
                           "-Wno-unused-parameter", str(path), "-o", str(library), "-lm"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{done.stderr}\n{source}"
    return ctypes.CDLL(str(library))


def _softmax(b, r, xs):
    return b.add(g.SoftmaxOp(b.add(g.ReluOp(xs[0])), axis=1))


CASES = [*CHAIN_CASES, GraphCase("relu-softmax", ((3, 7),), _softmax)]


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_printed_c_matches_the_reference(case: GraphCase, tmp_path):
    module, builder, arrays = case.module()
    expected = evaluate(module, arrays, store=builder.store)
    run_pipeline(module, builder.ctx, TO_LOOP)  # scalar loop nests
    entry = next(op for op in module.ops if "mopc.entry" in op.attributes)
    abi = entry.attributes["mopc.abi"]
    library = _build_c(module, tmp_path)
    from mopc.compiler import _params

    params = _params(entry, abi, builder.ctx)
    outputs = [np.empty(e.shape, np.float32) for e in expected]
    workspace = np.zeros(max(abi.data["workspace_bytes"].value.data, 1), np.uint8)
    buffers = [np.ascontiguousarray(a) for a in (*arrays, *outputs, *params)] + [workspace]
    library.mopc_main(*(ctypes.c_void_p(buf.ctypes.data) for buf in buffers))
    for actual, reference in zip(outputs, expected, strict=True):
        np.testing.assert_allclose(actual, reference, rtol=1e-4, atol=1e-5)
