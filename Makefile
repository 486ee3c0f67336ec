# Two commands matter: `make demo` (the main job on the bundled examples) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench eval clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/marsad demo

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/marsad bench

eval: setup
	$(BIN)/marsad eval ner
	$(BIN)/marsad eval events

clean:
	rm -rf $(VENV) marsad.db build *.egg-info
