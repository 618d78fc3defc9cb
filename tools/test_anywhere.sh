#!/usr/bin/env bash
# The notebooks pass anywhere: each alone, in reverse order, twice in a row, in parallel, and
# from other working directories; both editions. `make test-anywhere` (CI runs it after `make test`).
# Every notebook gets a fresh kernel here (make test shares one warm kernel per worker: tools/kernel_pool.py).
#
# Each notebook runs twice, with no check dropped (it used to run 6 times, then 3):
# 1. Every notebook's answer key (the same notebook with its exercises answered: tools/answer_key.py), each in a
#    fresh kernel of its own, in one pytest process: every cell is compared with its stored output and every
#    exercise must say ✅. conftest.py orders the files 11 -> 01, so this one execution is also the "reverse
#    order" run (it was a separate run of the plain notebooks in the same order and the same fresh kernels), and
#    the first of "twice in a row".
#    The same run's outputs then go through make answer-key's checks and become its .ipynb and .html (tools/
#    answer_key.py --outputs-from), so CI no longer runs every key a second time for make answer-key; make
#    answer-key's own run (nbclient, --jobs 2) is checked on notebook 01 of both editions.
# 2. All notebooks again, in parallel (2 workers), from inside notebooks/: the second run in a row.
# Then one notebook from a folder outside the repository.
set -euo pipefail
case "${1-}" in
    "") ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; echo "usage: make test-anywhere (or bash tools/test_anywhere.sh, no arguments)"; exit 0 ;;
    *) echo "tools/test_anywhere.sh: takes no arguments (got '$*'); run make test-anywhere" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
export NBVAL_FRESH_KERNELS=1
mapfile -t NOTEBOOKS < <(ls notebooks/[0-9][0-9]_*.ipynb notebooks/zh/[0-9][0-9]_*.ipynb)
step() { printf '\n== %s\n' "$*"; }
# a pytest run: its summary line when it passes, all of its output (which cell, which message) when it fails
quiet() { local out; if out=$("$@" 2>&1); then tail -n 1 <<<"$out"; else printf '%s\n' "$out"; return 1; fi; }

step "each notebook alone, as its answer key, 11 -> 01 (the first of two runs in a row): every cell as stored, every exercise ✅"
# inside the checkout (build/ is ignored by git), so that conftest.py and pyproject.toml's nbval settings apply
mkdir -p build
KEYS=$(mktemp -d "$ROOT/build/answer-key-test.XXXXXX")
trap 'rm -rf "$KEYS"' EXIT
"$PY" tools/answer_key.py --keys-only --out "$KEYS" "${NOTEBOOKS[@]}" >/dev/null
# one pytest process for the 22 keys (it used to be one each: 22 start-ups of pytest, ~1.5 min); each key still runs
# alone, in a fresh kernel of its own (NBVAL_FRESH_KERNELS=1), so no notebook sees another's state. The outputs of
# this run are kept (conftest.py, NBVAL_KEEP_OUTPUTS) for the next step.
NBVAL_KEEP_OUTPUTS="$KEYS/ran" quiet "$PY" -m pytest -q "$KEYS"/en/*.ipynb "$KEYS"/zh/*.ipynb

step "the teacher's answer keys (make answer-key's checks and its .ipynb and .html), from the run above"
# what make answer-key does after running a key (every exercise says ✅; the key written as .ipynb and .html), on
# the outputs of the run above instead of a second run of every key (CI ran make answer-key too: 22 more runs)
quiet "$PY" tools/answer_key.py --outputs-from "$KEYS/ran" --out "$KEYS/teacher" "${NOTEBOOKS[@]}"

step "make answer-key's own run (each key in a fresh kernel, two at a time): notebook 01 of both editions"
quiet "$PY" tools/answer_key.py --jobs 2 --out "$KEYS/teacher-run" notebooks/01_*.ipynb notebooks/zh/01_*.ipynb

step "again, in parallel (pytest-xdist, 2 workers), from inside notebooks/ (the second run in a row)"
(cd notebooks && quiet "$PY" -m pytest -q -n 2 --dist loadfile)

step "from a folder outside the repository"
(cd "$(mktemp -d)" && quiet "$PY" -m pytest -q "$ROOT/notebooks/01_constructing_the_data.ipynb")

echo
echo "all passed (each run above also failed if it left files in the repository: see conftest.py)"
