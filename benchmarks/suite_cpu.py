"""Where the CPU time of `make test`'s pytest run goes, measured in one run: ``python benchmarks/suite_cpu.py``.

The run is the README's test command without the lint step (same pytest arguments as the Makefile). Every Python
process it starts records, when it exits, its own CPU time and command line (a ``sitecustomize`` module put on
``PYTHONPATH`` for this run only). The notebook kernels are stopped by their test workers and record nothing:
their share is the CPU time of the whole process tree (``RUSAGE_CHILDREN``) minus what the others recorded.
The script also times, in new processes, the fixed cost that every process importing PyTorch pays.

    python benchmarks/suite_cpu.py             # about as long as make test
    python benchmarks/suite_cpu.py -- -k 04    # extra arguments after -- go to pytest

Nothing here is asserted: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = ["-m", "pytest", "-n", "2", "--dist", "loadscope", "--no-loadscope-reorder", "-q", "-p", "no:cacheprovider"]

RECORDER = '''
import atexit, json, os, resource, sys


def _record():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = {"argv": sys.argv[:4], "cpu": usage.ru_utime + usage.ru_stime, "torch": "torch" in sys.modules}
    with open(os.environ["SUITE_CPU_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\\n")


atexit.register(_record)
'''


def kind(argv: list[str]) -> str:
    """The group a recorded process belongs to, from its command line."""
    command = " ".join(argv)
    if "pytest" in command:
        return "pytest-xdist controller"
    if argv[:1] == ["-c"]:
        return "test workers (collecting, unit tests, comparing outputs)"
    if "torch/distributed/run.py" in command or "linreg_utils/distributed.py" in command:
        return "notebook 11's torchrun jobs (agents and workers)"
    if "ipykernel_launcher" in command:
        return "kernels started by unit tests"
    return "other commands started by tests"


def import_cost(statement: str) -> float:
    """Median CPU seconds of a new Python process that runs ``statement`` (3 runs)."""
    runs = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", statement], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return sorted(runs)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)

    torch_cpu = import_cost("import torch")
    dynamo_cpu = import_cost("import torch._dynamo") - torch_cpu
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(RECORDER, encoding="utf-8")
        log = Path(tmp) / "processes.jsonl"
        env = dict(os.environ, SUITE_CPU_LOG=str(log))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [tmp, env.get("PYTHONPATH")]))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as the Makefile does
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        run = subprocess.run([sys.executable, *PYTEST, *args.pytest_args], cwd=ROOT, env=env,
                             capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    total = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    groups: dict[str, list[float]] = defaultdict(list)
    for record in records:
        groups[kind(record["argv"])].append(record["cpu"])
    recorded = sum(sum(cpus) for cpus in groups.values())
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else f"pytest exit code {run.returncode}"

    print(f"pytest: {summary}")
    print(f"wall time {wall:.1f} s; CPU time {total:.1f} s, {total / wall:.2f} cores busy on average "
          f"({os.cpu_count()} cores)")
    print(f"{'CPU s':>7} {'share':>6} {'processes':>9}  group")
    rows = sorted(((sum(cpus), len(cpus), name) for name, cpus in groups.items()), reverse=True)
    rows.insert(0, (total - recorded, 2, "notebook kernels (one per worker; the rest of the tree)"))
    for cpu, count, name in rows:
        print(f"{cpu:7.1f} {cpu / total:6.0%} {count:9d}  {name}")
    importers = sum(record["torch"] for record in records) + 2  # + the two kernels, which import it too
    print(f"\nFixed cost per process: `import torch` {torch_cpu:.1f} s CPU, `import torch._dynamo` {dynamo_cpu:.1f} s "
          f"more; {importers} processes of this run imported PyTorch.")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
