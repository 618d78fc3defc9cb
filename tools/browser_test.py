"""The browser tests' shared machinery: Debian's Chromium, and stopping every process a test started.

The notebooks in JupyterLab are pytest tests now: tests/browser/ (one test per notebook and edition, see its
conftest.py). This command runs them:

    make test-browser                                           # then the book
    .venv/bin/python tools/browser_test.py                      # both editions: notebooks/ and notebooks/zh/
    .venv/bin/python tools/browser_test.py -n 2                 # in two pytest-xdist workers
    .venv/bin/python tools/browser_test.py /tmp/copy/01_x.ipynb  # copies elsewhere (one folder)
    .venv/bin/python -m pytest tests/browser -k 04              # the same for notebook 04, both editions

Playwright drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM); no browser is downloaded. What is here is
used by tests/browser/ and tools/book_browser_test.py: Chromium's path and switches; finding, and stopping, every
process below this one (this process becomes their subreaper, so orphans stay below it); ``Signals``, which turns
SIGTERM and SIGHUP into a KeyboardInterrupt and holds back further signals while the cleanup runs;
``close_browser``, which kills Chromium and Playwright's driver when closing them politely takes too long.
tests/test_browser_test_cleanup.py proves on real runs that nothing is left behind (make test-browser).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import signal
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # Chromium's sandbox refuses to run as root (CI containers)
    "--disable-gpu",
    "--disable-background-networking",  # no calls home: the test is offline
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # small /dev/shm in containers
]
GLYPHS = ("学", "率", "\U0010fffd")  # two Chinese characters, and a code point no font draws (a box)
RAW_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)  # maths that MathJax left as it was typed


# ---------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren, ...), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def start_time(pid: int) -> str | None:
    """The process's start time (clock ticks since boot): tells a process from a later one with the same id."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[19]
    except OSError:
        return None


def running(pid: int, started: str) -> bool:
    """``pid`` is still the process that started at ``started`` and has not exited (a zombie has; it is reaped)."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    if fields[19] != started:
        return False
    if fields[0] in "ZX":
        try:
            os.waitpid(pid, os.WNOHANG)  # ours (a child, or an orphan that came to us as subreaper): reap it
        except ChildProcessError:
            pass
        return False
    return True


def is_chromium(pid: int) -> bool:
    try:
        return "chrom" in os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False


def become_subreaper() -> None:
    """Orphans of the processes this test starts (a kernel whose server was killed, a Chromium whose driver died)
    become this process's children instead of init's, so ``descendants(os.getpid())`` still lists them at the end
    (Linux's PR_SET_CHILD_SUBREAPER; elsewhere nothing changes)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # 36: PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def stop_pids(pids: dict[int, str], what: str, grace: float = 5) -> None:
    """SIGTERM, then SIGKILL, the processes in ``pids`` (pid -> start time) still there after ``grace`` seconds."""
    deadline = time.monotonic() + grace  # give them a moment to exit on their own
    while time.monotonic() < deadline and any(running(p, t) for p, t in pids.items()):
        time.sleep(0.1)
    alive = {pid: t for pid, t in pids.items() if running(pid, t)}
    if not alive:
        return
    print(f"stopping {len(alive)} leftover {what} process(es): {sorted(alive)}")
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in alive:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(running(p, t) for p, t in alive.items()):
            time.sleep(0.1)
        alive = {pid: t for pid, t in alive.items() if running(pid, t)}
        if not alive:
            return
    raise RuntimeError(f"could not stop {what} processes {sorted(alive)}")


def ours() -> dict[int, str]:
    """Every process below this one now (pid -> start time)."""
    return {pid: t for pid in descendants(os.getpid()) if (t := start_time(pid))}


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: raised like Ctrl-C's KeyboardInterrupt (pytest stops the run the same way), so
    that the cleanup runs."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def quiet_asyncio() -> None:
    """After an interrupt, Playwright's event loop reports each callback the interrupt cut short (a request being
    let through, a page event) as an "Exception in callback ..." traceback, through the "asyncio" logger. The
    interrupt is the one thing to report, so that logger is switched off for the rest of the run."""
    logging.getLogger("asyncio").disabled = True


class Signals:
    """Every way a run can be stopped ends in its cleanup: Ctrl-C raises KeyboardInterrupt, SIGTERM (from
    `timeout`, a cancelled CI job, or sent to the whole process group) and SIGHUP raise Interrupted; while
    ``holding()`` (the cleanup), each further signal is only reported, so a second Ctrl-C cannot cut it short."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self.held = False
        self.first: int | None = None  # the signal that stopped the run

    def install(self) -> None:
        for sig in self.SIGNALS:
            signal.signal(sig, self.handle)

    def handle(self, signum: int, frame) -> None:
        if self.held:
            print(f"{signal.Signals(signum).name}: still stopping what the test started, one moment", flush=True)
            return
        self.first = signum
        quiet_asyncio()
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Interrupted(signum)

    @contextlib.contextmanager
    def holding(self):
        self.held = True
        try:
            yield
        finally:
            self.held = False

    def exit_status(self, status: int) -> int:
        """After the cleanup: a run stopped by a signal ends as if killed by it (what shells and CI expect)."""
        if self.first is None:
            return status
        name = signal.Signals(self.first).name
        print(f"interrupted ({name}): every process the test started is stopped, its temporary folders removed")
        sys.stdout.flush()
        signal.signal(self.first, signal.SIG_DFL)
        os.kill(os.getpid(), self.first)
        return 128 + self.first  # not reached where the signal is fatal


@contextlib.contextmanager
def tmpdir_for_children(folder: Path):
    """TMPDIR=``folder`` for the processes started in the block (Playwright's driver, and Chromium from it: their
    profile and sockets land there and go with the folder, also when they are killed), unless Chromium's socket
    path, TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket, would pass the 107 bytes a socket name may have."""
    saved = os.environ.get("TMPDIR")
    if len(os.fsencode(folder)) <= 60:
        os.environ["TMPDIR"] = str(folder)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved


def close_browser(playwright, browser, pids: dict[int, str], timeout: float = 20) -> None:
    """Close Chromium and Playwright's driver politely; if that has not finished within ``timeout`` seconds (or
    fails: an interrupt may have cut a call short), kill them (``pids``: Chromium's and the driver's)."""
    watchdog = threading.Timer(timeout, lambda: stop_pids(pids, "Chromium and Playwright", grace=0))
    watchdog.daemon = True
    watchdog.start()
    try:
        for step in (browser.close if browser else None, playwright.stop if playwright else None):
            if step is None:
                continue
            try:
                step()
            except Exception as error:  # noqa: BLE001 -- the processes are killed below
                print(f"(closing Chromium: {str(error).splitlines()[0][:200] if str(error) else type(error).__name__})")
    finally:
        watchdog.cancel()
    stop_pids(pids, "Chromium and Playwright")


# ---------------------------------------------------------------- the command


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Every notebook in JupyterLab in headless Chromium, Run > Run All Cells: pytest tests/browser "
        "(one test per notebook and edition; `pytest tests/browser -k 04` runs notebook 04 alone)."
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: both editions' notebooks")
    parser.add_argument("-n", "--workers", type=int, default=0, help="pytest-xdist workers (default: none)")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.notebooks if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    env = dict(os.environ, BROWSER_TEST="1")
    if args.notebooks:
        env["BROWSER_TEST_NOTEBOOKS"] = os.pathsep.join(str(p.resolve()) for p in args.notebooks)
    command = [sys.executable, "-m", "pytest", "tests/browser"]
    command += ["-n", str(args.workers)] if args.workers else ["-p", "no:xdist"]
    os.chdir(ROOT)
    os.execve(sys.executable, command, env)  # this process becomes pytest: a signal sent to it reaches the run


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
