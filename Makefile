# mathref: `make docs` builds the offline HTML handbook, `make test` runs every test.
# Each creates .venv when it is missing and installs mathref with pinned versions.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
PIN := -c constraints.txt

.PHONY: docs test clean

docs: $(VENV)/.docs-installed
	$(BIN)/sphinx-build -W -n -q -c . docs build/html
	@echo "The handbook: $(CURDIR)/build/html/index.html"

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest -n 2 --dist loadfile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade "pip>=24"

$(VENV)/.docs-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -q $(PIN) -e ".[docs]"
	$(BIN)/python -m compileall -q mathref
	touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -q $(PIN) -e ".[test]"
	$(BIN)/python -m compileall -q mathref
	touch $@ $(VENV)/.docs-installed

clean:
	rm -rf build $(VENV)
