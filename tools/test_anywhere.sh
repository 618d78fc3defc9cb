#!/usr/bin/env bash
# The notebooks pass anywhere: each alone, all in reverse order, twice in a row, in parallel, and
# from other working directories; both editions. `make test-anywhere` (CI runs it after `make test`).
# Every notebook gets a fresh kernel here (make test shares one warm kernel per worker: tools/kernel_pool.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
export NBVAL_FRESH_KERNELS=1
mapfile -t NOTEBOOKS < <(ls notebooks/[0-9][0-9]_*.ipynb notebooks/zh/[0-9][0-9]_*.ipynb)
step() { printf '\n== %s\n' "$*"; }

step "each notebook alone"
for nb in "${NOTEBOOKS[@]}"; do "$PY" -m pytest -q "$nb" | tail -n 1; done

step "all notebooks in reverse order"
mapfile -t REVERSED < <(printf '%s\n' "${NOTEBOOKS[@]}" | sort -r)
"$PY" -m pytest -q "${REVERSED[@]}" | tail -n 1

step "all notebooks twice in a row"
"$PY" -m pytest -q notebooks | tail -n 1
"$PY" -m pytest -q notebooks | tail -n 1

step "in parallel (pytest-xdist, 2 workers)"
"$PY" -m pytest -q -n 2 --dist loadfile notebooks | tail -n 1

step "from inside notebooks/"
(cd notebooks && "$PY" -m pytest -q | tail -n 1)

step "from a folder outside the repository"
(cd "$(mktemp -d)" && "$PY" -m pytest -q "$ROOT/notebooks/01_constructing_the_data.ipynb" | tail -n 1)

echo
echo "all passed (each run above also failed if it left files in the repository: see conftest.py)"
