"""The Python API: building programs (executables and shared libraries), compile-time
refusals located at the user's line, the build cache, executables in fatal mode."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.bang.sim import SimBuildError, compile_program, run_program
from mopc.targets.bang.sim.build import build


def expectations(path) -> dict[int, str]:
    out = {}
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if "// expect: " in line:
            out[n] = line.split("// expect: ", 1)[1]
    return out


def test_compile_time_refusals_name_the_builtin_the_arch_and_the_line(sim, tmp_path):
    source = sim.inputs / "compile_errors.mlu"
    with pytest.raises(SimBuildError) as caught:
        compile_program([source], tmp_path / "prog", arch="mtp_270")
    error = caught.value
    assert isinstance(error, DiagnosticError)
    found = {(d.pos.file, d.pos.line, d.message) for d in error.diagnostics if d.pos is not None}
    for line, message in expectations(source).items():
        assert (str(source), line, message) in found, (line, message, sorted(found))
    rendered = error.render()
    assert f"{source}:10:" in rendered and "^" in rendered  # MLIR-style, with the line and a caret
    assert "mopcsim_builtins.h" not in rendered  # located at the call, not in the header


def test_what_mtp_372_has_builds_and_runs_there(sim_library, sim):
    lib = sim_library([sim.inputs / "arch_only.mlu"], arch="mtp_372")
    assert lib.arch == "mtp_372"
    x = np.linspace(-3, 3, 64, dtype=np.float32)
    out = np.zeros(64, np.float32)
    assert lib.call("run", out, x) == 0
    np.testing.assert_array_equal(out, np.maximum(x, 0).astype(np.float16).astype(np.float32))


def test_syntax_errors_are_located_in_the_source(tmp_path):
    source = tmp_path / "broken.mlu"
    source.write_text('#include "mlu.h"\n__mlu_entry__ void k(float *g) {\n  int x = ;\n}\n')
    with pytest.raises(SimBuildError) as caught:
        compile_program([source], tmp_path / "prog")
    first = caught.value.diagnostics[0]
    assert (first.pos.file, first.pos.line) == (str(source), 3)
    assert "expected primary-expression" in first.message


def test_link_errors_name_the_missing_kernel(sim, tmp_path):
    kernel = tmp_path / "other.mlu"
    kernel.write_text('#include "mlu.h"\n__mlu_entry__ void other(float *g) {}\n')
    with pytest.raises(SimBuildError) as caught:
        compile_program([kernel, sim.inputs / "missing_kernel.cpp"], tmp_path / "prog")
    assert [d.message for d in caught.value.diagnostics] == [
        ("undefined reference to 'missing_kernel' (is the kernel defined in one of the .mlu sources? host code "
         "declares kernels extern \"C\")")]


@pytest.mark.parametrize("sources, message", [
    ([], "no sources given"),
    (["nowhere.mlu"], "cannot read '{cwd}/nowhere.mlu': no such file"),
    (["{inputs}/missing_kernel.cpp"], "no .mlu device source among the sources"),
    (["{inputs}/refusals.txt"], None),
])
def test_bad_inputs_are_clean_errors(sim, tmp_path, monkeypatch, sources, message):
    monkeypatch.chdir(tmp_path)
    resolved = [s.replace("{inputs}", str(sim.inputs)) for s in sources]
    if message is None:
        (tmp_path / "notes.txt").write_text("")
        resolved = [str(tmp_path / "notes.txt")]
        message = (f"'{tmp_path}/notes.txt': unknown source kind '.txt' (expected .mlu device code or .cpp, "
                   ".cc, .cxx, .c host code)")
    with pytest.raises(SimBuildError) as caught:
        compile_program(resolved, tmp_path / "prog")
    assert str(caught.value) == "error: " + message.replace("{cwd}", str(tmp_path))


def test_unknown_arch(sim):
    with pytest.raises(SimBuildError, match=r"unknown BANG architecture 'mtp_999' \(known: mtp_270, mtp_372\)"):
        compile_program([sim.inputs / "refusals.mlu"], "/tmp/never", arch="mtp_999")


def test_builds_are_cached_by_content(sim, tmp_path):
    first = build([sim.inputs / "fatal.mlu"], scratch=tmp_path)
    stamp = first.stat().st_mtime_ns
    again = build([sim.inputs / "fatal.mlu"], scratch=tmp_path)
    assert again == first and again.stat().st_mtime_ns == stamp
    other = build([sim.inputs / "fatal.mlu"], scratch=tmp_path, extra_flags=["-DVARIANT=1"])
    assert other != first


def test_executables_stop_at_the_first_violation(sim):
    done = run_program([sim.inputs / "fatal.mlu"])
    line = sim.marker_line(sim.inputs / "fatal.mlu", "misaligned_add")
    assert done.returncode == 1
    assert done.stdout == "before the launch\n"
    assert done.stderr == (f"error: {sim.inputs / 'fatal.mlu'}:{line}: __bang_active_exp: operand 'dst' address "
                           "NRAM+0x4 of core 0 is not 64-byte aligned (mtp_270 vector operands must be) "
                           "(kernel 'misaligned_add', taskId 0)\n")


def test_activation_ranges_are_clamped_and_counted_or_refused_when_strict(sim, tmp_path):
    source = sim.inputs / "activation_range.mlu"
    counters = tmp_path / "counters.json"
    done = run_program([source], counters=counters)
    assert (done.returncode, done.stdout) == (0, "255.754\n")  # 1 / 0.00391: the input was clamped
    launch = json.loads(counters.read_text())["launches"][0]
    assert launch["intrinsics"]["__bang_active_recip"] == {"calls": 1, "elements": 64, "clamped": 64}
    strict = run_program([source], env={"MOPCSIM_STRICT_RANGES": "1", "PATH": "/usr/bin:/bin"})
    line = sim.marker_line(source, "recip")
    assert strict.returncode == 1
    assert strict.stderr == (f"error: {source}:{line}: __bang_active_recip: input 0.001 at index 0 is outside the "
                             "documented range [0.00391, 63487] (MOPCSIM_STRICT_RANGES) (kernel 'recip', taskId 0)\n")


def test_the_sample_runs_unmodified(tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[4] / "examples" / "bang" / "vector_add"
    counters = tmp_path / "counters.json"
    done = run_program([sample / "add.mlu", sample / "main.cpp"], ["5000"], counters=counters)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"vectorAdd: 5000 elements on 4 cores, max error 0\.0\d+: PASSED\n", done.stdout)
    timed = re.fullmatch(r"kernel time (\d+\.\d) us\n", done.stderr)  # cnrtNotifierDuration
    assert timed and float(timed.group(1)) > 0
    launch = json.loads(counters.read_text())["launches"][0]
    assert launch["kernel"] == "vectorAdd" and launch["func_type"] == "UNION1"
    # 4 tasks of 1250 halves: a 1024-element tile and a 226-element one each; the
    # memory core runs task 0's code and skips its vector work
    assert launch["memcpy"] == {"GDRAM2NRAM": {"calls": 16, "bytes": 20000},
                                "NRAM2GDRAM": {"calls": 8, "bytes": 10000}}
    assert launch["intrinsics"]["__bang_add"] == {"calls": 8, "elements": 4 * (1024 + 256), "mpu_skipped": 2}
    assert launch["gdram"] == {"read_bytes": 20000, "write_bytes": 10000}


def test_compile_program_writes_a_runnable_executable(tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[4] / "examples" / "bang" / "vector_add"
    exe = compile_program([sample / "add.mlu", sample / "main.cpp"], tmp_path / "bin" / "vector_add")
    assert exe == tmp_path / "bin" / "vector_add"
    done = subprocess.run([str(exe), "640"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.endswith("PASSED\n")


def test_bang_printf_and_device_info(sim):
    done = run_program([sim.inputs / "printf.mlu"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "task 0 of 1: 1.500000 0.25 7\nMLU270 (mopc simulator, mtp_270), 16 cores\n"
