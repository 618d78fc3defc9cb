# Two commands to start:  make lab   (open the notebooks)   and   make test   (run every check).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install lab test test-anywhere lint demo notebooks bench clean

## install: create .venv if missing and install the pinned dependencies and the package (editable)
install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## lab: open JupyterLab on notebooks/
lab: install
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)  # root: e.g. in a container

## test: lint, unit tests and every notebook under strict nbval
test: install lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

## test-anywhere: every notebook alone, in reverse order, twice, in parallel and from other folders
test-anywhere: install
	bash tools/test_anywhere.sh

lint: install
	$(BIN)/ruff check .

## demo: the original post end to end, headless
demo: install
	$(BIN)/python -m linreg_utils

## notebooks: regenerate every notebook's stored outputs from a clean kernel
notebooks: install
	$(BIN)/python tools/run_notebooks.py

## bench: the speed claims, measured (about 2-3 minutes on 2 cores); --update-readme refreshes README.md
bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) *.egg-info
