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
# A network namespace with no network at all, except its own loopback (up, as on any PC: a Jupyter kernel talks to
# JupyterLab or nbconvert over 127.0.0.1), and with pip's settings files ignored, as on a bare lab PC.
offline() {
    local flag=-n
    unshare -n true 2>/dev/null || flag=-rn
    PIP_CONFIG_FILE=/dev/null unshare "$flag" "$python" -c '
import fcntl, os, socket, struct, sys
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:  # ip link set lo up, without iproute2
    flags = struct.unpack("16sh", fcntl.ioctl(s, 0x8913, struct.pack("16sh", b"lo", 0)))[1]  # SIOCGIFFLAGS
    fcntl.ioctl(s, 0x8914, struct.pack("16sh", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

work=$(mktemp -d -t linreg-offline-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "== 1. make wheelhouse (with this computer's network and pip settings), and a fresh clone with it"
make --no-print-directory wheelhouse PYTHON="$python"
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_NO_INDEX || true  # from here on: a bare lab PC
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
