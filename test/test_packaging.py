"""mopc installs as a normal (non-editable) wheel and works from another directory."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _clean_copy(destination: Path) -> Path:
    """The files git would commit (a build writes build/ into its source tree, so it
    runs on a copy)."""
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True,
                             text=True).stdout.split("\n")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def test_wheel_installs_and_imports_from_elsewhere(tmp_path):
    source = _clean_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = wheels.glob("mopc-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True, text=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import mopc, mopc.dialects.graph, mopc.dialects.metaop, mopc.passes, mopc.targets.llvm, "
        "mopc.targets.cuda, mopc.targets.bang, mopc.frontend.builder, mopc.tools.mopc_opt; "
        "print(mopc.__file__)"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env,
                          check=True, capture_output=True, text=True)
    assert done.stdout.strip().startswith(str(target)), done.stdout
    shipped = {p.relative_to(target / "mopc").as_posix() for p in (target / "mopc").rglob("*.py")}
    assert "dialects/graph/nn.py" in shipped and "tools/mopc_opt.py" in shipped
    assert not any(p.startswith(("test/", "examples/", "benchmarks/")) for p in shipped)
    version = subprocess.run([sys.executable, "-m", "mopc.tools.mopc_opt", "--version"], cwd=elsewhere,
                             env=env, check=True, capture_output=True, text=True)
    assert version.stdout.startswith("mopc-opt 0.1.0")


def test_editable_install_imports_from_elsewhere(tmp_path):
    # This environment has mopc installed with `pip install -e .` (make setup): the
    # top-level folders must import as mopc.* from any directory, through the package-dir map.
    probe = "import mopc.dialects.graph as g, mopc.tools.common; print(g.__file__)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, check=True,
                          capture_output=True, text=True)
    assert Path(done.stdout.strip()) == ROOT / "dialects" / "graph" / "__init__.py"
