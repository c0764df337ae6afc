# Set-up and the two main jobs. `make dashboard` and `make test` install what they need first.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install dashboard test lint benchmarks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# the CPU build of torch first, so stanza does not pull a multi-GB CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

dashboard: $(STAMP)
	$(BIN)/analyzer dashboard

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/parse_accuracy.py
	$(BIN)/python benchmarks/parse_speed.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
