#!/usr/bin/env bash
# A class that installs offline, as a teacher does it (make test-offline; CI runs it):
#   1. `make wheelhouse` here (with the network), then a fresh clone of this repository with that wheelhouse/ in it;
#   2. in a network namespace with no network at all (unshare -n), the clone's `make install` (what `make lab` runs
#      first), with pip's settings files ignored, as on a bare lab PC;
#   3. notebook 01 runs to its last cell in the learner's own kernel (jupyter nbconvert --execute; no pytest there);
#   4. tools/check_learner_env.py: nothing but the learner's packages, and the environment's size;
#   5. the same offline install from a folder whose tqdm is a source package fails in one line naming tqdm.
# Needs `unshare -n` (root, or unprivileged user namespaces) and a committed HEAD (the clone is of HEAD).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${PYTHON:-python3}
if ! unshare -n true 2>/dev/null && ! unshare -rn true 2>/dev/null; then
    echo "test_offline_class.sh: this needs 'unshare -n' (run as root, or enable user namespaces)" >&2
    exit 2
fi
offline() { if unshare -n true 2>/dev/null; then unshare -n "$@"; else unshare -rn "$@"; fi; }

work=$(mktemp -d -t linreg-offline-XXXXXX)
trap 'rm -rf "$work"' EXIT
export PIP_CONFIG_FILE=/dev/null  # a bare PC: no pip.conf, no find-links or index of this machine
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_NO_INDEX || true

echo "== 1. make wheelhouse, and a fresh clone with it"
make --no-print-directory wheelhouse PYTHON="$python"
du -sh wheelhouse | sed 's/^/wheelhouse size: /'
git clone --quiet "$root" "$work/class"
cp -r wheelhouse "$work/class/wheelhouse"

echo "== 2. make install with no network at all"
cd "$work/class"
start=$(date +%s)
offline make --no-print-directory install PYTHON="$python"
echo "offline install: $(( $(date +%s) - start )) s"

echo "== 3. notebook 01 in the learner's kernel, with no network"
offline .venv/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
    --output "$work/01_executed.ipynb" notebooks/01_constructing_the_data.ipynb
offline .venv/bin/python - "$work/01_executed.ipynb" <<'EOF'
import json, sys
cells = [c for c in json.load(open(sys.argv[1], encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
errors = [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"
          and "raises-exception" not in c["metadata"].get("tags", [])]
assert cells and all(c["execution_count"] for c in cells), "a code cell did not run"
assert not errors, f"a cell failed: {errors[0]['ename']}: {errors[0]['evalue']}"
print(f"notebook 01: all {len(cells)} code cells ran, the last one included")
EOF

echo "== 4. the learner's environment holds no developer tools"
offline .venv/bin/python tools/check_learner_env.py

echo "== 5. a folder holding a source package: one line naming it"
rm -rf .venv
rm wheelhouse/tqdm-*.whl
mkdir -p "$work/tqdm-4.70.1" && echo "Name: tqdm" > "$work/tqdm-4.70.1/PKG-INFO"
tar -czf wheelhouse/tqdm-4.70.1.tar.gz -C "$work" tqdm-4.70.1
if offline make --no-print-directory install PYTHON="$python" >"$work/out" 2>"$work/err"; then
    echo "test_offline_class.sh: the install with a source package in the folder did not fail" >&2
    exit 1
fi
cat "$work/err"
grep -q "source packages, not wheels: tqdm" "$work/err" || { echo "the message does not name tqdm" >&2; exit 1; }
! grep -q "Traceback" "$work/err" "$work/out" || { echo "a traceback was shown" >&2; exit 1; }
echo "test_offline_class.sh: all five steps passed"
