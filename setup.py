"""Package discovery for the flat layout: the repository root is the `mopc` package.

`pyproject.toml` maps `mopc` to `.`; here every folder below the root that is a Python
package (and is not a test, doc or example folder) becomes `mopc.<folder>`.
"""

from setuptools import find_packages, setup

_NOT_SHIPPED = ["test", "test.*", "docs", "docs.*", "examples", "examples.*",
                "benchmarks", "benchmarks.*", "build", "build.*", ".venv", ".venv.*"]

setup(packages=["mopc", *(f"mopc.{p}" for p in find_packages(".", exclude=_NOT_SHIPPED))])
