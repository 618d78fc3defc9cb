"""The browser tests' fixtures: one JupyterLab server per test process, Debian's Chromium through pytest-playwright,
and a run that leaves nothing behind however it ends.

    BROWSER_TEST=1 .venv/bin/python -m pytest tests/browser              # what make test-browser runs (with -n 2)
    .venv/bin/python -m pytest tests/browser -k 04                       # notebook 04, both editions
    BROWSER_TEST_NOTEBOOKS=/tmp/copy/01_x.ipynb .venv/bin/python -m pytest tests/browser   # copies elsewhere

The tests run when BROWSER_TEST=1 or when the command line names tests/browser; otherwise (`make test`) they are
skipped. A run needs Debian's Chromium (/usr/bin/chromium or $CHROMIUM): no browser is downloaded.

A failed test keeps, under --output (build/browser-test/ unless given): a screenshot of the whole notebook, and
pytest-playwright's screenshot and trace (`.venv/bin/playwright show-trace TRACE.zip`), named in its failure
message, and JupyterLab's log. `--screenshot only-on-failure --tracing retain-on-failure` are the defaults here.
The terminal summary (and timings.txt under --output) lists every notebook's steps in seconds.

Cleanup: each test process (the pytest process, or each pytest-xdist worker and their controller) becomes the
subreaper of what it starts, keeps its temporary files (the server's settings, log and checkpoints, the kernels',
Playwright's and Chromium's temporary files) in one folder of its own, and at its very end stops every process
still below it and removes that folder. SIGTERM and SIGHUP stop the run like Ctrl-C; from the first signal on,
further ones are held back, so the cleanup always finishes, and the run then ends as killed by that signal.
tests/test_browser_test_cleanup.py checks all that on real runs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

import browser_test as processes
import pytest
from notebook_page import VIEWPORT, JupyterLab, lab_log, notebooks, wait_until

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
_STATE: dict = {}  # this process's run: its folder, signals, TMPDIR before it


def _named_on_command_line(config) -> bool:
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


def _active() -> bool:
    return os.environ.get("BROWSER_TEST") == "1"


class _Signals(processes.Signals):
    """From the first signal on, every further one is only reported: the cleanup after it always finishes. If a
    Playwright call cut short by the interrupt then hangs, Chromium and its driver are killed after 30 s."""

    def handle(self, signum: int, frame) -> None:
        if self.first is not None or self.held:
            return super().handle(signum, frame)  # reported, ignored
        self.held = True
        self.first = signum
        processes.quiet_asyncio()
        timer = threading.Timer(30, _kill_browser_side)
        timer.daemon = True
        timer.start()
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise processes.Interrupted(signum)


def _kill_browser_side() -> None:
    pids = {pid: t for pid, t in _STATE.get("browser_pids", {}).items() if t}
    processes.stop_pids(pids, "Chromium and Playwright", grace=0)


def pytest_configure(config):
    worker = hasattr(config, "workerinput")
    if not worker and not _active() and _named_on_command_line(config):
        os.environ["BROWSER_TEST"] = "1"  # for this process and pytest-xdist's workers
    if not _active() or "folder" in _STATE:
        return
    if not os.access(processes.CHROMIUM, os.X_OK):
        raise pytest.UsageError(
            f"no Chromium at {processes.CHROMIUM}: apt-get install chromium (or set CHROMIUM=/path/to/chromium)"
        )
    missing = [str(p) for p in notebooks() if not p.is_file()]
    if missing:
        raise pytest.UsageError(f"no such notebook: {', '.join(missing)} (BROWSER_TEST_NOTEBOOKS)")
    if not config.pluginmanager.hasplugin("playwright"):
        raise pytest.UsageError("pytest-playwright is missing: make install-dev (requirements-dev.txt pins it)")
    option = config.option
    if option.output == "test-results":  # pytest-playwright's default: not inside the checkout
        option.output = str(ROOT / "build" / "browser-test")
    if option.screenshot == "off":
        option.screenshot = "only-on-failure"
    if option.tracing == "off":
        option.tracing = "retain-on-failure"
    if not worker:  # what an earlier run kept goes (here, not in each pytest-xdist worker: see delete_output_dir)
        shutil.rmtree(option.output, ignore_errors=True)

    # pytest-playwright's stand-in for pytest-base-url (not installed) is a fixture method pytest 9 warns about
    config.addinivalue_line("filterwarnings", "ignore:Session-scoped fixtures defined as instance methods")

    processes.become_subreaper()
    signals = _Signals()
    signals.install()
    # One folder for everything this process and its children write to temporary files (under the controller's,
    # for a pytest-xdist worker); TMPDIR points there unless the path would be too long for Chromium's socket.
    folder = Path(tempfile.mkdtemp(prefix="linreg-browser-test-" if not worker else "w-"))
    _STATE.update(folder=folder, signals=signals, tmpdir=os.environ.get("TMPDIR"), top=not worker)
    if len(os.fsencode(folder)) <= 60:
        os.environ["TMPDIR"] = str(folder)
        tempfile.tempdir = None  # Python's own temporary files too (pytest's, pytest-playwright's)
    config.add_cleanup(_finish)  # registered first, so it runs after the other cleanups (pytest-playwright's)


def _finish() -> None:
    """The very end of the run (also after an interrupt): stop whatever is still below this process, remove the
    run's folder; a run stopped by a signal then ends as killed by it."""
    signals: _Signals = _STATE["signals"]
    signals.held = True
    try:
        processes.stop_pids(processes.ours(), "leftover", grace=0)
    finally:
        shutil.rmtree(_STATE["folder"], ignore_errors=True)
        if _STATE["tmpdir"] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = _STATE["tmpdir"]
        tempfile.tempdir = None
    if signals.first is not None and _STATE["top"]:
        name = signal.Signals(signals.first).name
        print(f"interrupted ({name}): every process the test started is stopped, its temporary folders removed")
        atexit.register(_end_as_killed, signals.first)  # after pytest has written everything


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session):
    """After an interrupt, the fixtures' teardown (pytest-playwright closing a context and saving its trace) may
    find Playwright's driver already stopped by the same signal: one line, not a traceback."""
    try:
        return (yield)
    except Exception as error:
        signals = _STATE.get("signals")
        if signals is None or signals.first is None:
            raise
        print(f"(stopping after the interrupt: {str(error).splitlines()[0][:200] if str(error) else type(error)})")
        return None


def _end_as_killed(signum: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def pytest_collection_modifyitems(config, items):
    if _active():
        return
    skip = pytest.mark.skip(reason="JupyterLab in Chromium: make test-browser (or name tests/browser; BROWSER_TEST=1)")
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(skip)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir():
    """pytest-playwright's own empties --output in each worker as its first test starts, which could remove what
    the other worker already kept for a failed test; pytest_configure empties it once, before the workers start."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, not a downloaded one (pytest-playwright's --headed still works)."""
    return {**browser_type_launch_args, "executable_path": processes.CHROMIUM, "args": processes.CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT, "device_scale_factor": 1}


@pytest.fixture(scope="session")
def browser(launch_browser):
    """pytest-playwright's browser, closed within 20 s whatever state its driver is in (then killed)."""
    browser = launch_browser()
    pids = {pid: processes.start_time(pid) for pid in processes.descendants(os.getpid())}
    _STATE["browser_pids"] = {pid: t for pid, t in pids.items() if t and _not_lab(pid)}  # Chromium and the driver
    yield browser
    chromium = {pid: t for pid, t in _STATE["browser_pids"].items() if processes.is_chromium(pid)}
    processes.close_browser(None, browser, chromium)  # the driver: pytest-playwright's playwright fixture stops it


def _not_lab(pid: int) -> bool:
    lab = _STATE.get("lab")
    return lab is None or (pid != lab.proc.pid and pid not in processes.descendants(lab.proc.pid))


@pytest.fixture(scope="session")
def lab(request, pytestconfig):
    """JupyterLab from .venv on a free loopback port, for this test process (each pytest-xdist worker has its own),
    rooted at the notebooks' common folder. Stopped with its kernels at the end; its log is copied under --output
    when a test failed."""
    paths = notebooks()
    root = Path(os.path.commonpath([p.parent for p in paths]))
    server = JupyterLab(root, Path(tempfile.mkdtemp(prefix="lab-")))
    _STATE["lab"] = server
    try:
        server.wait_ready()
        yield server
        # every notebook was closed with File > Close and Shut Down (or shut down after a failure): no kernel is left
        wait_until(lambda: not server.api("/api/sessions"), 30, "every kernel to shut down")
    finally:
        try:
            server.stop()
        finally:
            if request.session.testsfailed:
                target = lab_log(Path(pytestconfig.option.output))
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(server.log_path, target)


@pytest.fixture
def shut_down_after(lab, notebook, request):
    """After a failed test (and after the screenshot of the page as the test left it), no kernel of the notebook
    runs: the test may have left it open. (A passing test closed it; its kernel stops while the next test starts.)"""
    yield
    if _failed(request.node):
        lab.shut_down(notebook.relative_to(lab.root_dir).as_posix())


def _failed(item) -> bool:
    """The test failed, or did not get to the end (pytest-playwright notes each phase's report on the item)."""
    call = getattr(item, "rep_call", None)
    return call is None or call.failed


@pytest.fixture(scope="session")
def context(browser, browser_context_args, pytestconfig):
    """One browser context per test process, so that JupyterLab's scripts are loaded and compiled once (a context
    has its own cache; a fresh one per test cost about 4 s of CPU each). Tests share one page while they pass, each
    with a chunk of the trace of its own (see ``page``)."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(30_000)
    if pytestconfig.option.tracing != "off":
        # the action log, a filmstrip of screenshots and the sources; DOM snapshots (snapshots=True) are left out:
        # they made each notebook's test about 30% slower (notebook 04, both editions: 39.7 s with them, 34.2 s without)
        context.tracing.start(screenshots=True, snapshots=False, sources=True)
    yield context
    context.close()


@pytest.fixture
def page(context, request, output_path, pytestconfig):
    """The test's page: the previous test's page when that test passed (JupyterLab stays loaded, and the next
    notebook opens in it: NotebookRun.open), else a new one. After the test, pytest-playwright's --screenshot and
    --tracing choices (here only-on-failure and retain-on-failure unless given): the page as the test left it ->
    OUTPUT/.../test-failed-1.png, the test's chunk of the trace -> OUTPUT/.../trace.zip (`playwright show-trace`);
    the page of a failed test is closed (its notebook may be left open, with changes)."""
    option = pytestconfig.option
    if option.tracing != "off":
        context.tracing.start_chunk(title=request.node.nodeid)
    page = _STATE.pop("page", None) or context.new_page()
    yield page
    failed = _failed(request.node)
    folder = Path(output_path)
    try:
        if option.screenshot == "on" or (failed and option.screenshot == "only-on-failure"):
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=folder / f"test-{'failed' if failed else 'finished'}-1.png", timeout=10_000)
    finally:
        if option.tracing == "on" or (failed and option.tracing == "retain-on-failure"):
            folder.mkdir(parents=True, exist_ok=True)
            context.tracing.stop_chunk(path=folder / "trace.zip")
        elif option.tracing != "off":
            context.tracing.stop_chunk()  # dropped
        if failed:
            page.close()
        else:
            _STATE["page"] = page


# ---------------------------------------------------------------- the report


def pytest_terminal_summary(terminalreporter, config):
    if not _active():
        return
    rows = []
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        if getattr(report, "when", None) != "call":
            continue
        times = dict(report.user_properties).get("browser_timings")
        if times:
            name = report.nodeid.split("[", 1)[-1].rstrip("]")  # chromium-en-04_training (the browser first)
            rows.append((name.removeprefix("chromium-").removesuffix("-chromium"), times))
    if not rows:
        return
    steps = list(max((t for _, t in rows), key=len))
    width = max(len(name) for name, _ in rows)
    lines = [f"{'seconds per step':{width + 2}}" + "".join(f"{step:>9}" for step in steps)]
    for name, times in sorted(rows):
        lines.append(f"  {name:{width}}" + "".join(f"{times.get(step, float('nan')):9.1f}" for step in steps))
    total = sum(t.get("run all", 0) for _, t in rows)
    lines.append(f"Run All Cells: {total:.1f} s in all, {len(rows)} notebook(s)")
    terminalreporter.section("the notebooks in JupyterLab")
    for line in lines:
        terminalreporter.write_line(line)
    output = Path(config.option.output)
    output.mkdir(parents=True, exist_ok=True)
    (output / "timings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"(also in {output / 'timings.txt'})")
