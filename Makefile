# Two commands to start:  make lab   (open the notebooks)   and   make test   (run every check).
PYTHON ?= python3
# TORCH=cpu (default): PyTorch's CPU build, ~200 MB.  TORCH=cuda: the CUDA build for an NVIDIA GPU (GBs).
TORCH  ?= cpu
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(TORCH)
DEV_STAMP := $(VENV)/.installed-dev-$(TORCH)
# makes every `jupyter lab` from .venv load tools/jupyter_server_config.py (opening a notebook leaves git clean)
JUPYTER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.py
# and every `jupyter nbconvert` load tools/jupyter_nbconvert_config.py (HTML exports keep the pictures' alt text)
NBCONVERT_CONFIG := $(VENV)/etc/jupyter/jupyter_nbconvert_config.py

# Python caches compiled modules in __pycache__/ (ignored by git). Some environments (Docker images, CI) turn
# that off with PYTHONDONTWRITEBYTECODE=1; then every process of `make test` (pytest's workers, the kernels,
# torchrun's workers) compiles the project and the tests again, and pytest rewrites every test module again.
# Keep the cache on for the commands below.
unexport PYTHONDONTWRITEBYTECODE

PHONY_INSTALL := install install-dev wheelhouse
.PHONY: $(PHONY_INSTALL) check-python lab lab-zh test test-anywhere answer-key test-browser test-offline book book-serve lint demo notebooks translation-status bench student clean \
  check-notebook new-notebook grade test-grading

## install: create .venv if missing and install the learner's environment (requirements.txt: what the notebooks
##          and JupyterLab need) and the package (editable); PyTorch's CPU build unless TORCH=cuda. With a wheelhouse/
##          folder (make wheelhouse), from that folder only, without the network (tools/install.py says how)
install: $(STAMP) $(JUPYTER_CONFIG) $(NBCONVERT_CONFIG)

## install-dev: the learner's environment plus the developer's tools (requirements-dev.txt: tests, lint, browser,
##              book); make test, make book and the other developer commands run it themselves
install-dev: $(DEV_STAMP) $(JUPYTER_CONFIG) $(NBCONVERT_CONFIG)

# Before anything is created or downloaded: the Python that makes .venv (or the one .venv already has) must be at
# least pyproject.toml's requires-python; if not, stop with one line in English and one in Chinese naming the fix.
check-python:
	@sh tools/check_python.sh "$(PYTHON)" "$(VENV)" "$(or $(firstword $(MAKECMDGOALS)),install)"

$(STAMP): requirements.txt pyproject.toml tools/install.py tools/install_torch.py $(wildcard wheelhouse/README.txt) \
  | check-python
	@test -x $(BIN)/python || { echo "Creating the virtual environment .venv"; $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python tools/install.py --torch $(TORCH)
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	@$(BIN)/python tools/install.py --dev --torch $(TORCH)
	@touch $(DEV_STAMP)

## wheelhouse: download every wheel the learner's environment needs into wheelhouse/ (on a computer with a network,
##             of the same kind as the lab PCs: WHEELHOUSE_PLATFORM=linux-x86_64 WHEELHOUSE_PYTHON=3.11 stops if it
##             is not); then make lab on each PC installs from it without the network
wheelhouse:
	@sh tools/check_python.sh "$(PYTHON)" "$(VENV)/no-venv-here" wheelhouse  # the Python that downloads, not .venv's
	$(PYTHON) tools/wheelhouse.py $(if $(WHEELHOUSE_PLATFORM),--platform $(WHEELHOUSE_PLATFORM)) \
	  $(if $(WHEELHOUSE_PYTHON),--python $(WHEELHOUSE_PYTHON))

$(JUPYTER_CONFIG): | $(STAMP)
	@mkdir -p $(@D)
	@printf '%s\n' \
	  '# Written by `make install`: the settings are in the checkout, tools/jupyter_server_config.py.' \
	  'import os' \
	  'project = "$(CURDIR)/tools/jupyter_server_config.py"' \
	  'if not os.path.isfile(project):' \
	  '    raise FileNotFoundError(f"{project} is missing: run make install in the checkout")' \
	  'load_subconfig(project)' > $@

$(NBCONVERT_CONFIG): | $(STAMP)
	@mkdir -p $(@D)
	@printf '%s\n' \
	  '# Written by `make install`: the settings are in the checkout, tools/jupyter_nbconvert_config.py.' \
	  'load_subconfig("$(CURDIR)/tools/jupyter_nbconvert_config.py")' > $@

## lab: open JupyterLab on notebooks/
lab: install
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)  # root: e.g. in a container

## lab-zh: open JupyterLab on the Chinese edition, notebooks/zh/ (中文版)
lab-zh: install
	$(BIN)/jupyter lab notebooks/zh/ $(if $(filter 0,$(shell id -u)),--allow-root)

## test: lint, unit tests and every notebook of both editions under strict nbval (Run All guaranteed too)
# --dist loadscope keeps each notebook's cells in one worker, in order (like loadfile); each worker keeps one
# warm kernel and resets it between notebooks (tools/kernel_pool.py). --no-loadscope-reorder hands out the files
# in conftest.py's order, longest first, so that both workers finish together.
test: install-dev lint
	$(BIN)/python -m pytest -n 2 --dist loadscope --no-loadscope-reorder

## test-grading: the grader end to end: real kernels grade a folder of generated submissions of notebooks 01 and
##               04 (an endless loop, 10 GB, writes outside, ...), every row of grades.csv checked (about 2 min)
test-grading: install-dev
	GRADING_TEST=1 $(BIN)/python -m pytest -q -p no:xdist tests/test_grading_end_to_end.py

## grade: grade a class's notebooks, each in a fresh kernel: make grade SUBMISSIONS=folder (notebooks, folders,
##        .zip files; GRADE_ARGS="--notebook 04 --out grading") -> grading/grades.csv, mistakes.csv, report.html
grade: install
	$(BIN)/python -m linreg_utils.grade $(SUBMISSIONS) $(GRADE_ARGS)

## check-notebook: after changing notebook NN (either edition): make check-notebook NN=04 runs everything that
##                 covers it (tools/check_notebook.py): the notebook rules, translation status, the glossary, both
##                 editions under strict nbval with their answer keys, and the book built fresh and tested
check-notebook: install-dev
	$(BIN)/python tools/check_notebook.py $(NN)

## new-notebook: start notebook NN in both editions, registered everywhere and passing every test:
##               make new-notebook NN=12 SLUG=two_features TITLE="Two features" TITLE_ZH="两个特征"
##               (tools/new_notebook.py --help; QUESTION="..." QUESTION_ZH="..." add the question it answers)
new-notebook: install-dev
	$(BIN)/python tools/new_notebook.py "$(NN)" "$(SLUG)" "$(TITLE)" "$(TITLE_ZH)" \
	  $(if $(QUESTION),--question "$(QUESTION)") $(if $(QUESTION_ZH),--question-zh "$(QUESTION_ZH)")

## test-browser: every notebook of both editions in JupyterLab in headless Chromium, Run > Run All Cells
##               (about 10 min; needs chromium), then the grader's report page, then the book
# Then the book: built by `make book` (build/book/, what a reader gets), its links checked (tests/test_book.py with
# BOOK_DIR set), the browser tests stopped by each signal leave nothing behind (tests/test_browser_test_cleanup.py,
# ~2 min), then the book opened from disk in Chromium with the network blocked (tools/book_browser_test.py).
test-browser: install-dev
	BROWSER_TEST=1 $(BIN)/python -m pytest -n 2 tests/browser
	$(BIN)/python tools/report_browser_test.py
	@$(MAKE) --no-print-directory book
	BOOK_DIR=build/book BROWSER_TEST=1 $(BIN)/python -m pytest -q -p no:xdist tests/test_book.py \
	  tests/test_browser_test_cleanup.py
	$(BIN)/python tools/book_browser_test.py build/book

## test-offline: a class that installs offline (tools/test_offline_class.sh): make wheelhouse, a fresh clone of HEAD
##               installed with no network at all (unshare -n), notebook 01 run in the learner's own kernel, the
##               learner's environment checked, a source package refused (about 2 min; needs root or user namespaces)
test-offline:
	bash tools/test_offline_class.sh

## book: the read-along book, both editions, from the stored outputs (nothing is run) -> build/book/index.html
book: install-dev
	$(BIN)/python tools/build_book.py

## book-serve: build the book, then serve it on http://127.0.0.1:$(BOOK_PORT)/ (Ctrl-C stops it)
BOOK_PORT ?= 8000
book-serve: book
	@echo "the book: http://127.0.0.1:$(BOOK_PORT)/"
	$(BIN)/python -m http.server $(BOOK_PORT) --bind 127.0.0.1 --directory build/book

## test-anywhere: every notebook alone, in reverse order, twice, in parallel and from other folders
test-anywhere: install-dev
	bash tools/test_anywhere.sh

## answer-key: every exercise filled in with its solution, run like Run All (every check must say ✅), both
##             editions -> build/answer-key/en/ and zh/, as .ipynb and .html for a teacher (ignored by git)
answer-key: install-dev
	$(BIN)/python tools/answer_key.py $(ANSWER_KEY_ARGS)

## student: the student edition, both languages, without the solutions -> build/student/ and build/student.zip
##          (its linreg-class.toml switches qN.solution() off; tools/student_edition.py --help says what is in it)
student:
	$(PYTHON) tools/student_edition.py

lint: install-dev
	$(BIN)/ruff check .

## demo: the original post end to end, headless
demo: install
	$(BIN)/python -m linreg_utils

## notebooks: regenerate every notebook's stored outputs (both editions), each from a clean kernel
notebooks: install-dev
	$(BIN)/python tools/run_notebooks.py

## translation-status: which Chinese cells are stale, missing, orphaned or untranslated (exit 1 if any)
translation-status: install-dev
	@$(BIN)/python tools/translation.py status

## bench: the speed claims, measured (about 2-3 minutes on 2 cores); --update-readme refreshes README.md
bench: install-dev
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) *.egg-info build/book build/book-src build/answer-key build/student build/student.zip
