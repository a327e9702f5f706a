"""Ahead of time: `write_shared_object` + the ctypes loader reproduce the JIT's results
in a fresh interpreter that cannot import xDSL (or llvmlite)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import mopc.targets.llvm.shared_object as loader_module
from mopc.targets.llvm import toolchain
from mopc.targets.llvm.toolchain import ToolchainError

PARALLEL_KERNEL = """
func.func @main(%x: memref<6x40xf32>, %scale: f32, %out: memref<6x40xf32>) attributes {mopc.entry} {
  func.call @k0(%x, %scale, %out) : (memref<6x40xf32>, f32, memref<6x40xf32>) -> ()
  func.return
}
func.func private @k0(%x: memref<6x40xf32>, %scale: f32, %out: memref<6x40xf32>) attributes {mopc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c6 = arith.constant 6 : index
  %c40 = arith.constant 40 : index
  "scf.parallel"(%c0, %c6, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    scf.for %j = %c0 to %c40 step %c1 {
      %v = memref.load %x[%i, %j] : memref<6x40xf32>
      %t = math.tanh %v : f32
      %s = arith.mulf %t, %scale : f32
      memref.store %s, %out[%i, %j] : memref<6x40xf32>
    }
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
"""

# Runs in a child interpreter: xdsl and llvmlite imports fail; the loader file is loaded
# by path, as a user would copy it next to the .so.
CHILD = textwrap.dedent("""
    import importlib.abc, importlib.util, sys
    import numpy as np

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("xdsl", "llvmlite", "mopc"):
                raise ImportError(f"{name} must not be imported by the loader")
            return None

    sys.meta_path.insert(0, Block())
    loader_path, library, x_path, out_path, threads = sys.argv[1:6]
    spec = importlib.util.spec_from_file_location("shared_object", loader_path)
    loader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loader)
    lib = loader.load_shared_object(library)
    lib.set_threads(int(threads))
    x = np.load(x_path)
    out = np.zeros_like(x)
    lib.call("main", [x, 1.5, out])
    np.save(out_path, out)
    assert "xdsl" not in sys.modules and "llvmlite" not in sys.modules
    print(sorted(lib.function_names))
""")


@pytest.fixture(scope="module")
def compiled(compile_mlir):
    return compile_mlir(PARALLEL_KERNEL)


def test_shared_object_matches_the_jit_without_xdsl(compiled, tmp_path: Path):
    library = tmp_path / "model.so"
    compiled.write_shared_object(library)
    x = np.random.default_rng(2).standard_normal((6, 40), dtype=np.float32)
    np.save(tmp_path / "x.npy", x)
    expected = np.zeros_like(x)
    compiled.set_threads(1)
    compiled.call("main", [x, 1.5, expected])
    np.testing.assert_allclose(expected, np.tanh(x) * np.float32(1.5), rtol=1e-6, atol=1e-6)

    for threads in (1, 2):
        out_path = tmp_path / f"out{threads}.npy"
        result = subprocess.run(
            [sys.executable, "-c", CHILD, loader_module.__file__, str(library),
             str(tmp_path / "x.npy"), str(out_path), str(threads)],
            capture_output=True, text=True, check=False, cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        assert "['k0', 'main']" in result.stdout
        np.testing.assert_array_equal(np.load(out_path), expected)  # bit-identical to the JIT


def test_missing_c_compiler_is_a_clear_error(compiled, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CC", "no-such-compiler-mopc")
    with pytest.raises(ToolchainError, match="no C compiler found .*install gcc or set CC"):
        compiled.write_shared_object(tmp_path / "model.so")


def test_failed_link_is_a_clear_error(compiled, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CC", "false")  # a "compiler" that always fails
    with pytest.raises(ToolchainError, match="linking .*model.so failed"):
        compiled.write_shared_object(tmp_path / "model.so")


def test_missing_libgomp_is_a_clear_error(monkeypatch):
    missing = "libmopc-no-such-gomp.so"
    monkeypatch.setattr(toolchain.ctypes.util, "find_library", lambda name: missing)
    toolchain.load_libgomp.cache_clear()
    try:
        with pytest.raises(ToolchainError, match="cannot load libgomp .*install gcc"):
            toolchain.load_libgomp()
    finally:
        toolchain.load_libgomp.cache_clear()


def test_loader_rejects_other_libraries(tmp_path: Path):
    source = tmp_path / "plain.c"
    source.write_text("int answer(void) { return 42; }\n")
    library = tmp_path / "plain.so"
    command = [toolchain.c_compiler(), "-shared", "-fPIC", "-o", str(library), str(source)]
    subprocess.run(command, check=True)
    with pytest.raises(ValueError, match="not a mopc shared object"):
        loader_module.load_shared_object(library)
