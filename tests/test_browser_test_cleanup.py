"""The browser tests (pytest tests/browser) stop everything they start, on every exit path, and leave no temporary
folder behind.

Each test starts a real run (`pytest tests/browser`: JupyterLab, a kernel, Playwright's driver, Chromium) on a
one-cell notebook in a temporary folder (BROWSER_TEST_NOTEBOOKS), with TMPDIR pointing at a fresh folder; a thread
notes every process below the run while it goes. Then: a run that passes, a run that fails (an error and broken
images: the failure message names the screenshot and the trace, which exist), and runs stopped by SIGTERM (to the
process group, as `timeout` or a cancelled CI job sends it, or to the process alone) or by Ctrl-C (SIGINT to the
group, once or twice), in one process and in two pytest-xdist workers (`-n 2`, as make test-browser runs them).
Afterwards none of the noted processes (nor any process naming the test's folders) is running, JupyterLab's port
is closed, and TMPDIR is empty (a failed run keeps its pictures under --output, not there). With BOOK_DIR set (a
built book), the same for tools/book_browser_test.py stopped by SIGTERM or a double Ctrl-C while Chromium reads
the book.

About 2½ minutes (each run starts a real JupyterLab and Chromium): `make test-browser` runs it, `make test` skips it
(set BROWSER_TEST=1 to run it alone).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil  # ipykernel depends on it
import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK_TOOL = ROOT / "tools" / "book_browser_test.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.skipif(os.environ.get("BROWSER_TEST") != "1", reason="real JupyterLab and Chromium: make test-browser"),
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"no Chromium at {CHROMIUM}"),
]


BROKEN_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"  # a PNG cut short: no browser can draw it


def notebook(folder: Path, source: str, name: str = "00_small", outputs: list | None = None) -> Path:
    """A one-cell notebook with its stored output, written as JupyterLab saves it (its own Ctrl+S is a no-op)."""
    nb = nbformat.read(ROOT / "notebooks" / "02_activation_functions.ipynb", as_version=4)  # the metadata
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A small notebook\n\nOne cell, $x = 1$.", id="intro"),
        nbformat.v4.new_code_cell(source, id="code", execution_count=1, outputs=outputs or []),
    ]
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


class Run:
    """A browser test (pytest tests/browser on the notebooks given, in ``workers`` pytest-xdist workers or none, or
    tools/book_browser_test.py on a built book), in a session of its own; notes every process below it."""

    def __init__(self, tmp_path: Path, notebooks: list[Path] | None = None, book: Path | None = None, workers=0):
        # short (Chromium's socket under it must fit in 107 bytes); under /tmp, not the long pytest folder
        self.tmpdir = Path(tempfile.mkdtemp(prefix="lbt-", dir="/tmp"))
        self.nb = tmp_path / "nb"
        self.out = tmp_path / "out"  # pytest-playwright's --output: what a failed test keeps
        env = dict(os.environ, TMPDIR=str(self.tmpdir), PYTHONUNBUFFERED="1")
        if book:
            command = [str(BOOK_TOOL), str(book)]
        else:
            env.update(BROWSER_TEST="1", BROWSER_TEST_NOTEBOOKS=os.pathsep.join(map(str, notebooks)))
            command = ["-m", "pytest", "tests/browser", f"--output={self.out}", "-rA"]
            command += ["-n", str(workers)] if workers else ["-p", "no:xdist"]
        self.proc = subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: the signals below reach it and what shares its group
        )
        self.lines: list[str] = []
        self.seen: dict[int, tuple[float, str]] = {}  # pid -> (create time, what)
        self.done = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._watch, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def _watch(self) -> None:
        top = psutil.Process(self.proc.pid)
        while not self.done.is_set() and self.proc.poll() is None:
            try:
                children = top.children(recursive=True)
            except psutil.Error:
                children = []
            for child in children:  # Chromium starts and ends helper processes all the time: one that is gone
                try:                # must not cost the others their turn (a kernel was missed for 120 s in CI)
                    with_info = child.as_dict(["create_time", "cmdline"])
                except psutil.Error:
                    continue
                what = " ".join(with_info["cmdline"] or [])[:200]
                # noted again at each look: a process seen between its fork and its exec (a kernel started by
                # JupyterLab) still had its parent's command line, and the kernel was then never seen as one;
                # but never emptied: an exiting process has no command line any more
                if what or child.pid not in self.seen:
                    self.seen[child.pid] = (with_info["create_time"], what)
            time.sleep(0.1)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def ports(self) -> list[int]:
        """The ports of the JupyterLab servers the run started (one per test process)."""
        found = [re.search(r"--ServerApp\.port=(\d+)", what) for _, what in self.seen.values()]
        ports = sorted({int(match.group(1)) for match in found if match})
        assert ports, f"no JupyterLab seen:\n{self.output}"
        return ports

    def wait_for(self, processes: tuple[str, ...], line: str = "", timeout: float = 120, count: int = 1) -> None:
        """Until ``count`` processes naming each of ``processes`` run below the run, and it has printed ``line``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            whats = [what for _, what in self.seen.values()]
            if all(sum(name in w for w in whats) >= count for name in processes) and line in self.output:
                time.sleep(1.0)  # and the notebook opened in it
                return
            assert self.proc.poll() is None, f"the run ended early:\n{self.output}"
            time.sleep(0.2)
        pytest.fail(f"no {processes} or {line!r} after {timeout} s:\n{self.output}")

    def wait_for_line(self, text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output:
                return True
            time.sleep(0.02)
        return False

    def finish(self, timeout: float = 120) -> int:
        try:
            code = self.proc.wait(timeout=timeout)
        finally:
            self.done.set()
        time.sleep(0.5)  # the reader thread takes the last lines
        return code

    def left_behind(self) -> list[str]:
        """Processes the run started that are still running, and any process that names its folders."""
        left = []
        for pid, (created, what) in sorted(self.seen.items()):
            try:
                process = psutil.Process(pid)
                if process.create_time() == created and process.status() != psutil.STATUS_ZOMBIE:
                    left.append(f"{pid} {what}")
            except psutil.Error:
                pass
        folders = (str(self.tmpdir), str(self.nb))
        for process in psutil.process_iter(["pid", "cmdline", "status"]):
            cmdline = " ".join(process.info["cmdline"] or [])
            if any(f in cmdline for f in folders) and process.info["status"] != psutil.STATUS_ZOMBIE:
                left.append(f"{process.info['pid']} {cmdline[:200]}")
        return sorted(set(left))

    def kill_leftovers(self) -> None:
        """So that a failing test does not leave its JupyterLab running on the machine either."""
        for line in self.left_behind():
            try:
                psutil.Process(int(line.split()[0])).kill()
            except psutil.Error:
                pass


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def run(tmp_path):
    runs: list[Run] = []

    def start(*sources: str, book: Path | None = None, workers: int = 0, outputs: list | None = None) -> Run:
        names = ["00_small", "00_other"]
        notebooks = [notebook(tmp_path / "nb", source, names[i], outputs) for i, source in enumerate(sources)]
        runs.append(Run(tmp_path, notebooks, book, workers))
        return runs[-1]

    yield start
    for r in runs:
        if r.proc.poll() is None:
            os.killpg(r.proc.pid, signal.SIGKILL)
        r.kill_leftovers()
        shutil.rmtree(r.tmpdir, ignore_errors=True)


@pytest.mark.parametrize("workers", [0, 2], ids=["one-process", "two-workers"])
def test_a_passing_run_stops_everything_and_removes_its_folders(run, workers):
    r = run(*["x = 1\nprint(x)"] * (workers or 1), workers=workers)
    code = r.finish()
    assert code == 0, r.output
    assert f"{workers or 1} passed" in r.output
    assert re.search(r"en-00_small .*\d\.\d", r.output), r.output  # the timings table
    assert r.seen, "the watcher saw no process"
    assert r.left_behind() == [], r.output
    assert len(r.ports()) == (workers or 1), r.ports()  # one JupyterLab per worker
    assert not any(port_open(port) for port in r.ports())
    assert list(r.tmpdir.iterdir()) == [], f"left in TMPDIR: {list(r.tmpdir.iterdir())}\n{r.output}"
    assert not list(r.out.glob("*/*.png")), "a passing test keeps no screenshot"


def test_a_failing_run_stops_everything_and_names_the_screenshot_and_the_trace(run):
    source = "from IPython.display import display\n" f"display({{'image/png': {BROKEN_PNG!r}}}, raw=True)\n"
    broken = nbformat.v4.new_output("display_data", data={"image/png": BROKEN_PNG})
    r = run(source + "raise ValueError('on purpose')", outputs=[broken])
    code = r.finish()
    assert code == 1, r.output
    assert "error output without the raises-exception tag" in r.output
    assert "cell 1: image 0 in the stored output did not load" in r.output
    assert "cell 1: image 0 in the new output did not load" in r.output
    assert r.left_behind() == [], r.output
    assert not any(port_open(port) for port in r.ports())
    assert list(r.tmpdir.iterdir()) == [], f"left in TMPDIR: {list(r.tmpdir.iterdir())}\n{r.output}"
    named = {
        what: Path(match.group(1))
        for what, pattern in [
            ("notebook", r"screenshot \(the whole notebook\): (\S+\.jpeg)"),
            ("page", r"screenshot (\S+\.png)"),
            ("trace", r"trace (\S+\.zip)"),
            ("log", r"JupyterLab's log, at the end of the run: (\S+\.log)"),
        ]
        if (match := re.search(pattern, r.output))
    }
    assert set(named) == {"notebook", "page", "trace", "log"}, r.output
    for what, path in named.items():
        path = path if path.is_absolute() else ROOT / path
        assert path.is_relative_to(r.out), f"{what}: {path} is not under --output {r.out}"
        assert path.is_file() and path.stat().st_size > 0, f"{what}: {path} was not kept"
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    ("signals", "to_group", "workers"),
    [
        ([signal.SIGTERM], True, 0),  # `timeout`, a cancelled CI job: the whole process group
        ([signal.SIGTERM], False, 0),  # `kill PID`
        ([signal.SIGINT], True, 0),  # Ctrl-C in a terminal: the foreground group
        ([signal.SIGINT, signal.SIGINT], True, 0),  # Ctrl-C pressed twice: the second must not cut the cleanup short
        # make test-browser's two pytest-xdist workers: the signal reaches the workers too, or (`kill PID`) only
        # their controller, which stops them
        ([signal.SIGTERM], True, 2),
        ([signal.SIGTERM], False, 2),
        ([signal.SIGINT, signal.SIGINT], True, 2),
    ],
    ids=["SIGTERM-group", "SIGTERM-process", "SIGINT-once", "SIGINT-twice"]
    + ["two-workers-SIGTERM-group", "two-workers-SIGTERM-process", "two-workers-SIGINT-twice"],
)
def test_a_signal_stops_everything_and_removes_its_folders(run, signals, to_group, workers):
    r = run(*["import time\ntime.sleep(300)"] * (workers or 1), workers=workers)  # the signal comes while it runs
    r.wait_for(("ipykernel", "--ServerApp.port", "chrom"), count=workers or 1)
    ports = r.ports()
    assert all(port_open(port) for port in ports)
    send(r, signals, to_group)
    code = r.finish()
    assert code in (-signals[0], 128 + signals[0]), f"exit status {code}\n{r.output}"
    assert r.left_behind() == [], r.output
    assert not any(port_open(port) for port in ports), f"JupyterLab still listens on {ports}"
    assert list(r.tmpdir.iterdir()) == [], f"left in TMPDIR: {list(r.tmpdir.iterdir())}\n{r.output}"
    assert "Traceback" not in r.output, r.output
    assert "interrupted" in r.output


def send(r: Run, signals: list[int], to_group: bool) -> None:
    for i, sig in enumerate(signals):
        if i:  # once the cleanup has begun (or half a second after the first, where it says nothing)
            r.wait_for_line("stopping", timeout=0.5)
        try:
            if to_group:
                os.killpg(r.proc.pid, sig)
            else:
                r.proc.send_signal(sig)
        except ProcessLookupError:
            pytest.fail(f"the run ended before signal {i + 1}:\n{r.output}")


@pytest.mark.skipif(not os.environ.get("BOOK_DIR"), reason="needs a built book: BOOK_DIR (make test-browser sets it)")
@pytest.mark.parametrize(
    ("signals", "to_group"),
    [([signal.SIGTERM], True), ([signal.SIGINT, signal.SIGINT], True)],
    ids=["SIGTERM-group", "SIGINT-twice"],
)
def test_a_signal_stops_the_book_test_and_removes_its_folders(run, signals, to_group):
    r = run(book=Path(os.environ["BOOK_DIR"]))
    r.wait_for(("chrom",), line="formulas typeset")  # Chromium is reading the book's pages
    send(r, signals, to_group)
    code = r.finish()
    assert code in (-signals[0], 128 + signals[0]), f"exit status {code}\n{r.output}"
    assert r.left_behind() == [], r.output
    assert list(r.tmpdir.iterdir()) == [], f"left in TMPDIR: {list(r.tmpdir.iterdir())}\n{r.output}"
    assert "Traceback" not in r.output, r.output
