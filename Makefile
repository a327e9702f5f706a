# mopc: set up, run the demo, run the tests.  `make demo` and `make test` are the two
# commands a new machine needs (see README.md); both create .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lit pytest docs benchmark clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

setup: $(STAMP)

demo: setup
	$(BIN)/python examples/demo.py --out build/demo

# The suites always run; the target fails if any does. Whole networks (the ONNX real
# models, ResNet-18 on the BANG simulator: minutes of compiling) are a step of their own.
test: setup
	@status=0; \
	$(BIN)/lit -sv test || status=1; \
	$(BIN)/python -m pytest test || status=1; \
	$(BIN)/python -m pytest -m real_models test || status=1; \
	exit $$status

lit: setup
	$(BIN)/lit -sv test

pytest: setup
	$(BIN)/python -m pytest test

docs: setup
	$(BIN)/python -m mopc.tools.gen_docs

benchmark: setup
	$(BIN)/python benchmarks/compile_time.py
	$(BIN)/python -m pip install --quiet onnxruntime
	$(BIN)/python benchmarks/vs_onnxruntime.py --threads 1 2

clean:
	rm -rf build $(VENV) *.egg-info
