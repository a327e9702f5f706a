"""Fixtures of the BANG code generator's tests: models compiled for an architecture in
parallel (the simulator's g++ builds overlap; they are cached on disk by source hash,
so a second run only pays for the pipeline)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from support.tolerance import check

from mopc.core.evaluate import evaluate
from mopc.targets.bang.backend import compile_model


def compile_cases(cases: Sequence, arch: str, workers: int = 4) -> dict:
    """`case.id -> (compiled model or the exception, inputs, expected outputs)`."""

    def one(case):
        module, builder, arrays = case.module()
        expected = evaluate(module, arrays, store=builder.store)
        try:
            model = compile_model(module, ctx=builder.ctx, arch=arch)
        except Exception as err:  # noqa: BLE001 - reported by the test of this case
            model = err
        return case.id, (model, arrays, expected)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(one, cases))


def run_and_compare(compiled, case_id: str) -> None:
    model, arrays, expected = compiled[case_id]
    if isinstance(model, Exception):
        raise model
    out = model(*arrays)
    for actual, reference in zip(out if isinstance(out, tuple) else (out,), expected, strict=True):
        check(actual, reference)
