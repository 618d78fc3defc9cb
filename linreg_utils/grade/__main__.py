"""The grader's command line: ``python -m linreg_utils.grade`` (``make grade SUBMISSIONS=folder``).

    python -m linreg_utils.grade SUBMISSIONS... [--out DIR] [--notebook 04] [--timeout S] [--memory GB] [--jobs N]
    python -m linreg_utils.grade --live LOG_FOLDER [--html report.html] [--every 5] [--once]

Exit codes: 0 done, 1 a submission could not be graded to the end (its notes say why), 2 bad arguments or files.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from ..language import LANGUAGES, set_language
from .report import _atomic_write, grades_csv, live_lines, mistakes_csv, report_html, rows_from_events
from .run import Limits, find_submissions, grade_all, probe_isolation, say

OUTPUTS = ("grades.csv", "mistakes.csv", "report.html")
MARKER = ".linreg-grade"  # the --out folder holds the grader's files: they may be replaced without --force


def _positive(option: str, example: str) -> Any:
    def read(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not number > 0:
            raise argparse.ArgumentTypeError(say("cli.bad_number", option=option, value=value, example=example))
        return number

    return read


def _notebook(value: str) -> str:
    number = value.removeprefix("nb")
    if not (number.isdigit() and (Path(__file__).parent.parent / "exercises" / f"nb{int(number):02d}.py").is_file()):
        raise argparse.ArgumentTypeError(say("cli.bad_notebook", value=value))
    return f"nb{int(number):02d}"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m linreg_utils.grade", description=say("cli.description"))
    p.add_argument("submissions", nargs="*", type=Path, help=say("help.submissions"))
    p.add_argument("--out", type=Path, default=Path("grading"), help=say("help.out"))
    p.add_argument("--notebook", type=_notebook, help=say("help.notebook"))
    p.add_argument("--timeout", type=_positive("--timeout", "120"), help=say("help.timeout"))
    p.add_argument("--memory", type=_positive("--memory", "4"), default=4.0, help=say("help.memory"))
    p.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)), help=say("help.jobs"))
    p.add_argument("--force", action="store_true", help=say("help.force"))
    p.add_argument("--lang", choices=LANGUAGES, help=say("help.lang"))
    p.add_argument("--live", type=Path, metavar="LOG_FOLDER", help=say("help.live"))
    p.add_argument("--html", type=Path, help=say("help.html"))
    p.add_argument("--every", type=_positive("--every", "5"), default=5.0, help=say("help.every"))
    p.add_argument("--once", action="store_true", help=say("help.once"))
    return p


def _check_out(out: Path, force: bool) -> None:
    """Refuse to replace a person's files: only the grader's own (the folder has the marker) or with --force."""
    theirs = [name for name in OUTPUTS if (out / name).exists()]
    if theirs and not (out / MARKER).exists():
        if not force:
            raise SystemExit(say("cli.not_ours", out=out, files=", ".join(theirs)))
        for name in theirs:
            os.replace(out / name, out / f"{name}.bak")


def live(folder: Path, html: Path | None, every: float, once: bool) -> int:
    """Print the class log's summary (and write it as a page), again every ``every`` seconds until Ctrl-C."""
    from ..classroom import read_events

    clear = sys.stdout.isatty() and not once
    while True:
        events = read_events(folder)
        lines = live_lines(events, folder)
        if not once:
            lines.append(say("cli.live_stop", seconds=every))
        print(("\x1b[2J\x1b[H" if clear else "") + "\n".join(lines), flush=True)
        if html is not None:
            rows, _ = rows_from_events(events)
            _atomic_write(html, report_html(rows, live=True, records=len(events)))
        if once:
            return 0
        time.sleep(every)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if args.live is not None:
        try:
            return live(args.live, args.html, args.every, args.once)
        except KeyboardInterrupt:
            return 0
    if not args.submissions:
        parser().error(say("cli.nothing_given"))
    try:
        submissions = find_submissions(args.submissions)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if not submissions:
        print(say("cli.no_submissions", paths=", ".join(map(str, args.submissions))), file=sys.stderr)
        return 2
    _check_out(args.out, args.force)
    isolation = probe_isolation()
    for note in isolation.notes():
        print(note, file=sys.stderr)
    from tqdm import tqdm

    started = time.monotonic()
    signal.signal(signal.SIGTERM, _interrupt)  # SIGTERM stops the kernels too, as Ctrl-C does
    limits = Limits(seconds=args.timeout, memory_gb=args.memory)
    with tqdm(total=len(submissions), desc=say("cli.progress"), unit="", file=sys.stderr) as bar:
        try:
            rows = grade_all(submissions, limits, args.jobs, args.notebook, isolation, lambda _: bar.update())
        except KeyboardInterrupt:
            return 130
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / MARKER).touch()
    _atomic_write(args.out / "grades.csv", grades_csv(rows))
    _atomic_write(args.out / "mistakes.csv", mistakes_csv(rows))
    _atomic_write(args.out / "report.html", report_html(rows, notes=isolation.notes()))
    complete = sum(row.status == "ok" for row in rows)
    print(say("cli.summary", count=len(rows), seconds=time.monotonic() - started, complete=complete,
              problems=len(rows) - complete, out=args.out))
    return 0 if complete == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
