# lit configuration of mopc's FileCheck suite (run by `make test`; see README.md).
# The folders mirror the source tree: dialects/, passes/, tools/.

import os
import shutil
import sys

import lit.formats

config.name = "mopc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs", "lit.cfg.py"]

# Tools come from the environment that runs lit (the project's virtualenv).
bin_dir = os.path.dirname(sys.executable)
config.environment["PATH"] = os.pathsep.join([bin_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
for name in ("HOME", "TMPDIR"):
    if name in os.environ:
        config.environment[name] = os.environ[name]

for tool in ("mopc-opt", "mopc-translate", "mopc", "filecheck"):
    if shutil.which(tool, path=config.environment["PATH"]) is None:
        lit_config.fatal(f"'{tool}' is not on PATH: install mopc first (make setup)")

# FileCheck is the Python port; tests spell it `FileCheck` or `filecheck`.
config.substitutions.append(("FileCheck", "filecheck"))
# Printer -> parser round trips, in the pretty and the generic form (as xDSL's suite).
config.substitutions.append(
    ("%roundtrip-generic",
     "mopc-opt %s --split-input-file --print-op-generic | filecheck %s --check-prefix=CHECK-GENERIC")
)
config.substitutions.append(
    ("%roundtrip",
     "mopc-opt %s --split-input-file --print-op-generic | mopc-opt --split-input-file | filecheck %s")
)
