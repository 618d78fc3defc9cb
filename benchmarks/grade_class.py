"""How long the grader takes for a class: 30 submissions of notebook 04 (issue 23's figure).

    .venv/bin/python benchmarks/grade_class.py             # 30 submissions, the grader's default --jobs
    .venv/bin/python benchmarks/grade_class.py --count 10 --jobs 1

The submissions are made from the course's own notebook 04 (tests/grading_submissions.py): a third right, a third
with a known mistake in each question, a third untouched, a third of them in the Chinese edition. Prints the wall
time, the CPU time of the grader and its kernels, and the load average, so that a figure from a busy machine is
recognisable. Nothing is asserted: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from grading_submissions import RIGHT, submission, write  # noqa: E402

KINDS = [
    {"q1": RIGHT, "q2": RIGHT, "q3": RIGHT},
    {"q1": "mse_value = 1**2 + (-1) ** 2 + 2**2", "q2": "answer = (-6.0, -40 / 3)"},  # q1.sum, q2.swapped
    {},  # untouched
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=30, help="how many submissions (default 30)")
    parser.add_argument("--jobs", type=int, help="the grader's --jobs (default: its own)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="linreg-grade-bench-") as tmp:
        folder = Path(tmp) / "submissions"
        for i in range(options.count):
            edition = "zh" if i % 3 == 2 else "en"
            write(folder / f"student{i + 1:02d}.ipynb", submission("04", KINDS[i % 3], edition=edition))
        command = [sys.executable, "-m", "linreg_utils.grade", str(folder), "--out", str(Path(tmp) / "out"),
                   "--notebook", "04", *(["--jobs", str(options.jobs)] if options.jobs else [])]
        load = os.getloadavg()[0]
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, LINREG_LANG="en"))
        wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        with open(Path(tmp) / "out" / "grades.csv", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-300:])
    print(f"{len(rows)} submissions of notebook 04 graded in {wall:.0f} s wall, {cpu:.0f} s CPU "
          f"({cpu / max(len(rows), 1):.1f} s CPU each) on {os.cpu_count()} cores; load average {load:.1f} at the "
          f"start, {os.getloadavg()[0]:.1f} at the end")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
