"""Run onnx's backend test suite (the cases in scope) and the `real` models through
mopc, and write docs/onnx-coverage.md from the results.

    python -m mopc.tools.onnx_coverage                    # llvm target, cold cache
    python -m mopc.tools.onnx_coverage --no-real          # the suite only (~30 s)
    python -m mopc.tools.onnx_coverage --cases 'relu|Conv1d' --out /tmp/c.md --json /tmp/c.json

The cases and the reasons for the known failures are those of the conformance tests
(frontend/onnx/conformance/); outputs are checked as onnx's runner checks them
(`Runner.assert_similar_outputs`: count, shape, dtype, rtol/atol of the case). The
`real` models get seeded random weights and are compared with onnxruntime (rtol 1e-3,
atol 1e-4, on the probabilities and the logits); their compile time is measured on a
cold compile cache (a fresh temporary `MOPC_CACHE_DIR`, unless `--warm`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

DOC = Path(__file__).resolve().parent.parent / "docs" / "onnx-coverage.md"
REAL_RTOL, REAL_ATOL = 1e-3, 1e-4


@dataclass
class CaseResult:
    name: str
    kind: str  # node, pytorch-converted, pytorch-operator
    op: str  # the op of a node case; the ops of a model case, joined
    status: str  # passed, expected failure, FAILED, unexpected pass
    reason: str = ""
    seconds: float = 0.0


@dataclass
class ModelResult:
    name: str
    nodes: int
    status: str
    compile_s: float = 0.0
    run_s: float = 0.0
    ort_run_s: float = 0.0
    errors: list[dict[str, float]] = field(default_factory=list)  # per output
    reason: str = ""


# -- the suite -------------------------------------------------------------------------------


def _normalize(value: Any) -> Any:
    """What onnx's runner hands a backend: TensorProtos as arrays."""
    from onnx import TensorProto, numpy_helper

    return numpy_helper.to_array(value) if isinstance(value, TensorProto) else value


def _data_sets(case) -> list[tuple[list, list]]:
    if case.data_sets:
        return case.data_sets
    import onnx
    from onnx import numpy_helper

    def read(folder: Path, prefix: str) -> list:
        files = sorted(folder.glob(f"{prefix}_*.pb"), key=lambda p: int(p.stem.split("_")[1]))
        return [numpy_helper.to_array(onnx.load_tensor(str(f))) for f in files]

    return [(read(folder, "input"), read(folder, "output"))
            for folder in sorted(Path(case.model_dir).glob("test_data_set_*"))]


def run_case(case, backend) -> tuple[bool, str]:
    """(passed, the start of the error)."""
    import onnx
    from onnx.backend.test.runner import Runner

    try:
        model = case.model if case.model is not None else onnx.load(
            os.path.join(case.model_dir, "model.onnx"))
        rep = backend.prepare(model, "CPU")
        for inputs, outputs in _data_sets(case):
            actual = rep.run([_normalize(x) for x in inputs])
            Runner.assert_similar_outputs([_normalize(y) for y in outputs], actual,
                                          rtol=case.rtol, atol=case.atol)
        return True, ""
    except Exception as err:  # noqa: BLE001 (a failing case is a result, whatever raised)
        lines = [line.strip() for line in str(err).strip().splitlines() if line.strip()]
        return False, f"{type(err).__name__}: {' '.join(lines[:3])}"[:300]


def in_scope_cases(pattern: str | None) -> list[tuple[str, str, Any]]:
    """(kind, op, case) for every case the conformance tests run."""
    from onnx.backend.test.loader import load_model_tests

    from mopc.frontend.onnx.conformance.selection import (
        MODEL_KINDS,
        model_cases,
        model_ops,
        node_op,
    )

    cases = []
    with warnings.catch_warnings():  # the case generators' own NumPy overflow warnings
        warnings.simplefilter("ignore", RuntimeWarning)
        for case in load_model_tests(kind="node"):
            op = node_op(case.name)
            if op is not None:
                cases.append(("node", op, case))
    for kind in MODEL_KINDS:
        names = set(model_cases(kind))
        for case in load_model_tests(kind=kind):
            if case.name in names:
                cases.append((kind, "+".join(sorted(model_ops(kind, case.name))), case))
    if pattern:
        cases = [c for c in cases if re.search(pattern, c[2].name)]
    return cases


def run_suite(target: str, pattern: str | None) -> list[CaseResult]:
    from mopc.frontend.onnx.backend import MopcBackend
    from mopc.frontend.onnx.conformance.expected_failures import expected_failure

    backend = MopcBackend.with_target(target)
    results = []
    for kind, op, case in in_scope_cases(pattern):
        start = time.perf_counter()
        passed, error = run_case(case, backend)
        reason = expected_failure(f"{case.name}_cpu")
        if passed:
            status = "unexpected pass" if reason else "passed"
        else:
            status = "expected failure" if reason else "FAILED"
        results.append(CaseResult(case.name, kind, op, status,
                                  (reason or error) if not passed or reason else "",
                                  time.perf_counter() - start))
    return results


# -- the real models -------------------------------------------------------------------------


def run_real(names: Sequence[str]) -> list[ModelResult]:
    from mopc.frontend.onnx.backend import MopcBackend
    from mopc.frontend.onnx.conformance.real_models import numeric_case, reference

    results = []
    for name in names:
        model, x = numeric_case(name, seed=0)
        start = time.perf_counter()
        expected = reference(model, x)
        ort_s = time.perf_counter() - start
        result = ModelResult(name, len(model.graph.node), "passed", ort_run_s=ort_s)
        try:
            start = time.perf_counter()
            rep = MopcBackend.prepare(model)
            rep.run([x])  # imports and compiles
            result.compile_s = time.perf_counter() - start
            start = time.perf_counter()
            actual = rep.run([x])
            result.run_s = time.perf_counter() - start
        except Exception as err:  # noqa: BLE001 (a failing model is a result too)
            result.status, result.reason = "FAILED", f"{type(err).__name__}: {err}"[:300]
            results.append(result)
            continue
        for out, (a, e) in zip(model.graph.output, zip(actual, expected, strict=True), strict=True):
            diff = np.abs(a.astype(np.float64) - e)
            result.errors.append({
                "output": out.name,
                "max_abs": float(diff.max()),
                # how close to the tolerance the worst element is (<= 1 passes)
                "max_over_tol": float((diff / (REAL_ATOL + REAL_RTOL * np.abs(e))).max()),
                "max_ref": float(np.abs(e).max()),
            })
            if a.shape != e.shape or a.dtype != e.dtype or result.errors[-1]["max_over_tol"] > 1:
                result.status = "FAILED"
        results.append(result)
    return results


# -- the page --------------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def render(cases: list[CaseResult], models: list[ModelResult], command: str, target: str,
           seconds: float) -> str:
    import onnx
    import onnxruntime

    from mopc.frontend.onnx.conformance.selection import NOT_IN_SCOPE

    lines = [
        "<!-- Generated by `python -m mopc.tools.onnx_coverage`; do not edit. -->",
        "",
        "# ONNX conformance",
        "",
        (f"onnx {onnx.__version__}'s backend test suite and the `real` models, run through "
        f"mopc's `onnx.backend` Backend (`mopc.frontend.onnx.backend`) on the **{target}** "
        f"target. Produced by `{command}` in {seconds:.0f} s (onnxruntime "
        f"{onnxruntime.__version__} is the oracle of the real models)."),
        "",
        ("The conformance tests (`test/frontend/onnx/conformance/`) run the same cases and "
        "mark the listed failures as expected. Checks are the suite's: output count, exact "
        "shape and dtype, `rtol 1e-3, atol 1e-7` (node and pytorch cases)."),
        "",
        ("How inputs are fed: the node cases give weights, shapes, axes, indices and Clip "
        "bounds as graph inputs. mopc compiles static shapes, so the backend imports each "
        "case with its input values: float32 inputs stay run-time arguments (an op that "
        "needs one at compile time, such as Clip's bounds, has its value compiled in); "
        "non-float inputs are compile-time parameters only, never computed on (see "
        "`frontend/onnx/backend.py`)."),
        "",
    ]
    counts: dict[str, int] = defaultdict(int)
    for c in cases:
        counts[c.status] += 1
    lines += ["## Summary", ""]
    lines += _table(["cases", "passed", "expected failures", "failed", "unexpected passes"], [[
        len(cases), counts["passed"], counts["expected failure"], counts["FAILED"],
        counts["unexpected pass"]]])
    lines += [""]
    node = [c for c in cases if c.kind == "node"]
    if node:
        lines += ["## Node cases, per op", ""]
        by_op: dict[str, list[CaseResult]] = defaultdict(list)
        for c in node:
            by_op[c.op].append(c)
        rows = []
        for op in sorted(by_op):
            group = by_op[op]
            passed = sum(c.status == "passed" for c in group)
            failing = [c for c in group if c.status != "passed"]
            reasons: dict[str, list[str]] = defaultdict(list)
            for c in failing:
                reasons[f"{c.status}: {c.reason}"].append(c.name.removeprefix("test_"))
            notes = "<br>".join(f"{', '.join(f'`{n}`' for n in names)}: {why}"
                                for why, names in reasons.items())
            rows.append([op, len(group), passed, len(failing), notes])
        lines += _table(["op", "cases", "passed", "not passed", "cases not passed: why"], rows)
        lines += ["", "Not in scope (matched by the op's name patterns, but exercising other "
                      "ops): " + "; ".join(f"`{p}`: {why}" for p, why in NOT_IN_SCOPE.items()),
                  ""]
    models = models or []
    model_cases = [c for c in cases if c.kind != "node"]
    if model_cases:
        lines += ["## pytorch-converted and pytorch-operator cases", "",
                  ("Modules exported from PyTorch (opset 6-9, converted to opset 13 on import) "
                  "whose ops are all in the op set: the multi-channel, grouped, depthwise, "
                  "dilated and 1-D convolutions."), ""]
        lines += _table(["case", "ops", "result", "why"],
                        [[f"`{c.name}`", c.op, c.status, c.reason] for c in model_cases])
        lines += [""]
    if models:
        lines += [
            "## Real models",
            "",
            ("onnx's `light_*.onnx` copies with every `ConstantOfShape` weight replaced by a "
            "seeded random one (He-normal convolution and Gemm weights, batch-norm statistics "
            "calibrated on the input; `frontend/onnx/conformance/real_models.py`), input "
            "`standard_normal(1x3x224x224)`,"
            f" compared with onnxruntime at rtol {REAL_RTOL:g}, atol {REAL_ATOL:g}: the model's "
            "output and, where it ends in Softmax, the logits. *error / tol* is the worst "
            "element's `|mopc - ort| / (atol + rtol |ort|)` (at most 1 passes). Compile time "
            "is import + pipeline + LLVM on a cold cache; run time is one inference "
            "(all cores)."),
            "",
        ]
        rows = []
        for m in models:
            errs = "<br>".join(f"`{e['output']}`: {e['max_abs']:.2e} ({e['max_over_tol']:.2f}; "
                               f"max \\|ort\\| {e['max_ref']:.3g})" for e in m.errors)
            rows.append([m.name, m.nodes, m.status, f"{m.compile_s:.1f}", f"{m.run_s:.3f}",
                         errs or m.reason])
        lines += _table(["model", "nodes", "result", "compile s", "run s",
                         "max abs error (error / tol; max \\|ort\\|)"], rows)
        total = sum(m.compile_s + m.run_s for m in models)
        lines += ["", f"Total compile + run: {total:.0f} s.", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", default="llvm", choices=("llvm", "reference"))
    parser.add_argument("--cases", metavar="REGEX", help="only the suite cases matching REGEX")
    parser.add_argument("--no-suite", action="store_true", help="skip the suite's cases")
    parser.add_argument("--no-real", action="store_true", help="skip the real models")
    parser.add_argument("--real", nargs="*", metavar="NAME", help="only these real models")
    parser.add_argument("--warm", action="store_true",
                        help="use the usual compile cache (default: a fresh, empty one)")
    parser.add_argument("--out", type=Path, default=DOC, help=f"the page (default: {DOC})")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)
    from mopc.frontend.onnx.conformance.real_models import REAL_MODELS

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mopc-cache-") as cache:
        if not args.warm:
            os.environ["MOPC_CACHE_DIR"] = cache
        cases = [] if args.no_suite else run_suite(args.target, args.cases)
        models = [] if args.no_real or args.target != "llvm" else run_real(
            args.real if args.real else REAL_MODELS)
    seconds = time.perf_counter() - start
    command = "python -m mopc.tools.onnx_coverage " + shlex.join(argv if argv is not None
                                                                else sys.argv[1:])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(cases, models, command.strip(), args.target, seconds))
    if args.json:
        args.json.write_text(json.dumps({"cases": [asdict(c) for c in cases],
                                         "models": [asdict(m) for m in models]}, indent=1))
    bad = [c for c in cases if c.status in ("FAILED", "unexpected pass")]
    bad += [m for m in models if m.status != "passed"]
    for item in bad:
        print(f"{item.status}: {item.name}: {item.reason}", file=sys.stderr)
    print(f"wrote {args.out}: {len(cases)} cases, {len(models)} models, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
