# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run            installs the locked runtime set into .venv and runs `unagree show 5`
#   make run ARGS="obligations --party IOM"
#   make test           installs the locked test and dev set and runs the whole suite
# Both install exactly requirements/*.txt (pinned, with hashes); `make lock`
# refreshes those files deliberately from the ranges in pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?= show 5
# --require-hashes: every package must be pinned and match its hash in the lock.
# --no-build-isolation: the project is built by the hatchling pinned in the lock.
PIP_LOCKED := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
PIP_SELF   := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .

.PHONY: run test test-fast check lint types fmt bench lock clean

# A new lock means a new venv: nothing from an older set stays behind.
# (pyvenv.cfg, not bin/python: that is a link, and make would read its target's date.)
$(VENV)/pyvenv.cfg: requirements/dev.txt requirements/runtime.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/runtime.txt pyproject.toml $(VENV)/pyvenv.cfg
	$(PIP_LOCKED) -r requirements/runtime.txt
	$(PIP_SELF)
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml $(VENV)/pyvenv.cfg
	$(PIP_LOCKED) -r requirements/dev.txt
	$(PIP_SELF)
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/unagree $(ARGS)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

# The inner loop: everything but the process-heavy tests marked `slow`.
test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not slow" -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check unagree_cli tests bench
	$(BIN)/ruff format --check unagree_cli tests bench

types: $(VENV)/.installed-dev
	$(BIN)/mypy

check: lint types test

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff format unagree_cli tests bench
	$(BIN)/ruff check --fix unagree_cli tests bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Refresh the lock from pyproject.toml's ranges (newest versions that fit), for
# Python 3.11+ on every platform. uv resolves; plain pip installs. Review the
# diff, run `make check`, commit requirements/ with the change that needs it.
UV_VERSION ?= 0.13.9
LOCK_VENV  := .lock-venv
UV_COMPILE = $(LOCK_VENV)/bin/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 --no-header
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	$(UV_COMPILE) pyproject.toml requirements/build.in --extra dev -o requirements/dev.txt
	$(UV_COMPILE) pyproject.toml requirements/build.in -c requirements/dev.txt -o requirements/runtime.txt

# A bounded fuzz of the corpus loader and validator; failing inputs are kept in
# tests/fuzz/crashes/ and replayed by tests/test_fuzz_regressions.py.
#   make fuzz FUZZ_SECONDS=300
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: $(VENV)/.installed-dev
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS)

# Everything the issues ask of speed, in one run: start-up (each command paired
# with a bare `import typer` run, A B A B ..., the median of per-pair ratios with
# min-max), growth with N = 1, 10, 100, 1,000 treaty sets (the warm search over
# 1,000 as a ratio too), the first search (index build) against a naive script,
# `read`'s first screen, and the sizes section (about ten minutes in all on 2 cores).
#   make bench BENCH_ARGS=--quick                  a few minutes: fewer runs, quick sizes
#   make bench BENCH_ARGS="--skip sizes,index --runs 9"
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

# How long `unagree read` takes to draw its first screen in a pseudo-terminal (median of fresh processes,
# with the ratio to a bare `import typer` measured in the same run).   make bench-read BENCH_ARGS="--runs 15"
.PHONY: bench-read
bench-read: $(VENV)/.installed
	$(BIN)/python bench/read_start.py $(BENCH_ARGS)

# Precision and recall of the obligations extractor per treaty and language
# (shipped gold, polar fixture, development set), misses by construction
# class, and the translation checks on the faithful and perturbed dev set.
.PHONY: eval
eval: $(VENV)/.installed
	UNAGREE_NO_CACHE=1 $(BIN)/python -m unagree_cli.evaluate $(EVAL_ARGS)

# The first search over N treaty sets (the index build) against a naive
# single-process CSafeLoader + FTS5 script; part of what `make bench` reports.
#   make bench-index N=1000 BENCH_INDEX_ARGS="--runs 3"
BENCH_INDEX_ARGS ?=
.PHONY: bench-index
bench-index: $(VENV)/.installed
	$(BIN)/python bench/index_build.py --sets $(N) $(BENCH_INDEX_ARGS)

# Hostile but valid sizes: a paragraph of 0.5-3.96 MB and sets of 10,000-79,920 units; wall time, peak
# memory and growth of show, obligations and diff (fresh processes, no cache).
#   make bench-sizes SIZES_ARGS="--quick --timeout 60"
SIZES_ARGS ?=
.PHONY: bench-sizes
bench-sizes: $(VENV)/.installed
	$(BIN)/python bench/sizes.py $(SIZES_ARGS)
