# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run            installs into .venv and runs `unagree show 5`
#   make run ARGS="obligations --party IOM"
#   make test           installs with the test dependencies and runs the suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?= show 5

.PHONY: run test check lint types fmt bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/unagree $(ARGS)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check unagree_cli tests
	$(BIN)/ruff format --check unagree_cli tests

types: $(VENV)/.installed-dev
	$(BIN)/mypy

check: lint types test

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff format unagree_cli tests
	$(BIN)/ruff check --fix unagree_cli tests

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# A bounded fuzz of the corpus loader and validator; failing inputs are kept in
# tests/fuzz/crashes/ and replayed by tests/test_fuzz_regressions.py.
#   make fuzz FUZZ_SECONDS=300
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: $(VENV)/.installed-dev
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS)

# Start-up and scale benchmark: medians of fresh processes and ratios to a
# bare `import typer`, then growth with N = 1, 10, 100, 1,000 treaty sets
# (written to a temporary folder). A few minutes on 2 cores; needs nothing
# beyond the package.   make bench BENCH_ARGS="--sizes 1,10 --runs 9"
BENCH_ARGS ?=
.PHONY: scale-corpus
bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# N synthetic treaty sets derived from the bundled one, for trying scale by hand:
#   make scale-corpus N=1000 CORPUS=/tmp/unagree-1000
#   .venv/bin/unagree --corpus /tmp/unagree-1000 list
N ?= 1000
CORPUS ?= $(or $(TMPDIR),/tmp)/unagree-scale-$(N)
scale-corpus: $(VENV)/.installed
	$(BIN)/python -m unagree_cli.scale --corpus $(CORPUS) $(N)

# Precision and recall of the obligations extractor per treaty and language
# (shipped gold, polar fixture, development set), misses by construction
# class, and the translation checks on the faithful and perturbed dev set.
.PHONY: eval
eval: $(VENV)/.installed
	UNAGREE_NO_CACHE=1 $(BIN)/python -m unagree_cli.evaluate $(EVAL_ARGS)
