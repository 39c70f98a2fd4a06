# Quick start: `make run` (set up + read the bundled korpus into utdata/), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup run test eval korpus clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Exit code 1 means "some documents have a row in utdata/feil.csv" (the korpus holds a
# scanned copy on purpose); the rest is written. Only usage errors (2) stop make.
run: setup
	$(BIN)/motedata run korpus --out utdata || [ $$? -eq 1 ]

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/motedata eval korpus

korpus: setup
	$(BIN)/python korpus/bygg.py

clean:
	rm -rf utdata $(VENV)
