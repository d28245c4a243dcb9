# Two commands on a fresh machine:
#   make build   - install into .venv and build the graph of data/plans into out/
#   make test    - install into .venv and run the tests
#   make test-fast - the edit loop: the tests that build no plans and start no server
#   make eval    - score extraction on the gold sets: in-sample (bundled plans) and wide (other provinces)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
# build needs only the run-time dependencies; test (and bench) add the test extra
RUNTIME = $(VENV)/.runtime
STAMP = $(VENV)/.installed

.PHONY: build test test-fast eval bench clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(RUNTIME)
	$(BIN)/plangraph build data/plans --out out

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

eval: $(STAMP)
	$(BIN)/python -m plangraph.evaluation --floors eval/floors.json

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf out .pytest_cache
