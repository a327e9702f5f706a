"""`python -m mopc.tools.onnx_coverage`: a case is run and checked the way onnx's runner
checks it, and the page lists per op what passed and why the rest did not, and the
real models' errors and times."""

from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper
from onnx.backend.test.case.test_case import TestCase

from mopc.frontend.onnx.backend import MopcBackend
from mopc.tools.onnx_coverage import CaseResult, ModelResult, render, run_case

F = np.float32


def relu_case(expected: np.ndarray) -> TestCase:
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "relu",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)], ir_version=8)
    x = np.array([-1, 0, 2], F)
    return TestCase("test_relu", "relu", None, None, model, [([x], [expected])], "node",
                    1e-3, 1e-7)


def test_a_case_runs_as_the_suite_checks_it():
    backend = MopcBackend.with_target("reference")
    assert run_case(relu_case(np.array([0, 0, 2], F)), backend) == (True, "")
    passed, error = run_case(relu_case(np.array([0, 0, 3], F)), backend)
    assert not passed and error.startswith("AssertionError")
    passed, error = run_case(relu_case(np.array([0, 0, 2], np.float64)), backend)
    assert not passed and "dtype" in error


def test_the_page_lists_results_per_op():
    cases = [
        CaseResult("test_relu", "node", "Relu", "passed"),
        CaseResult("test_add_int8", "node", "Add", "expected failure", "element type int8"),
        CaseResult("test_add", "node", "Add", "passed"),
        CaseResult("test_Conv1d", "pytorch-converted", "Conv", "passed"),
    ]
    models = [ModelResult("squeezenet", 66, "passed", 17.3, 0.3, 0.1,
                          [{"output": "prob", "max_abs": 1e-7, "max_over_tol": 0.01,
                            "max_ref": 0.2}])]
    page = render(cases, models, "python -m mopc.tools.onnx_coverage", "llvm", 42.0)
    assert "| 4 | 3 | 1 | 0 | 0 |" in page  # the summary
    assert "| Add | 2 | 1 | 1 | `add_int8`: expected failure: element type int8 |" in page
    assert "| Relu | 1 | 1 | 0 |  |" in page
    assert "| `test_Conv1d` | Conv | passed |  |" in page
    assert "| squeezenet | 66 | passed | 17.3 | 0.300 | `prob`: 1.00e-07 (0.01;" in page
    assert "Produced by `python -m mopc.tools.onnx_coverage`" in page
