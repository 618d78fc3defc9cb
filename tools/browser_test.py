"""Run every notebook the way a learner does: JupyterLab in a real (headless) browser, Run > Run All Cells.

    make test-browser
    .venv/bin/python tools/browser_test.py                      # both editions: notebooks/ and notebooks/zh/
    .venv/bin/python tools/browser_test.py notebooks/01_*.ipynb  # some of them
    .venv/bin/python tools/browser_test.py /tmp/copy/01_x.ipynb  # copies elsewhere (one folder)

Starts JupyterLab from this project's .venv on a free loopback port with a random token and drives
Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through Playwright; no browser is downloaded.
For each notebook it:

1. opens it, waits for the kernel, checks the stored images and the typeset maths, saves it (Ctrl+S) and
   checks the file did not change (the pre-save hook in tools/jupyter_server_config.py at work);
2. clears all outputs (Edit > Clear Outputs of All Cells) and runs Run > Run All Cells from the menu;
3. asserts: every code cell ran; no error output except in cells tagged ``raises-exception``; every
   output image loaded; no raw ``$...$`` left in rendered Markdown; exercise cells say "Not yet"
   ("还不对" in the Chinese edition);
4. in notebook 01 only: types a wrong, then a right answer into an exercise and checks the feedback;
   in the first Chinese notebook: Chinese text is drawn with real glyphs, not the boxes of a missing font
   (screenshots of two Chinese characters and of a character no font has must all differ);
5. takes a full-page screenshot, then File > Close and Shut Down Notebook, without saving.

The test server keeps JupyterLab's settings, workspaces, runtime files, checkpoints and notebook
signatures in a temporary folder, and overrides two settings: autosave off (a cleared and re-run
notebook is never written) and windowing "none" (every cell is rendered, so all can be checked).
Kernels get the same environment as `make test` (tools/notebook_env.py).
At the end `git status` must be what it was before. Exit status 0 when everything passed.

Everything it starts (JupyterLab, its kernels, Playwright's driver, Chromium) is stopped on every way out: the end,
an exception, Ctrl-C (once or twice: a second one waits for the cleanup), SIGTERM or SIGHUP, sent to the process or
its process group (`timeout`, a cancelled CI job); a run stopped by a signal exits as killed by it. One temporary
folder holds the server's settings and log, the kernels' and Chromium's temporary files and the screenshots: it is
removed when everything passed (unless --keep) or the run was interrupted, kept and named when something failed.
tests/test_browser_test_cleanup.py proves it on real runs (make test-browser).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import notebook_env

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
VIEWPORT = {"width": 1280, "height": 900}
SERVER_START_TIMEOUT_S = 60
OPEN_TIMEOUT_S = 90
RUN_TIMEOUT_S = notebook_env.CELL_TIMEOUT_S
FEEDBACK = {"en": ("Not yet", "Correct"), "zh": ("还不对", "正确")}  # the exercises' ❌ and ✅ words
GLYPHS = ("学", "率", "\U0010fffd")  # two Chinese characters, and a code point no font draws (a box)
JS_GLYPH = """(ch) => {
  let box = document.getElementById('linreg-glyph');
  if (!box) {
    box = document.createElement('div');
    box.id = 'linreg-glyph';
    const markdown = document.querySelector('.jp-RenderedMarkdown');
    box.style.cssText = 'position:fixed;left:0;top:0;z-index:99999;padding:4px;background:#fff;color:#000;' +
      'font-size:48px;line-height:1;font-family:' + (markdown ? getComputedStyle(markdown).fontFamily : 'sans-serif');
    document.body.appendChild(box);
  }
  box.textContent = ch;
}"""
MATH_TIMEOUT_S = 30
SCREENSHOT_MAX_HEIGHT = 16000
# JupyterLab settings for the test server only (learners keep their defaults)
SETTING_OVERRIDES = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/translation-extension:plugin": {"locale": "en"},  # the menu labels checked below are English
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
}
RAW_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)


class Failed(Exception):
    """An assertion about a notebook failed (the message says which cell and what)."""


# ---------------------------------------------------------------- JavaScript run in the page

JS_PANEL = """
(name) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === name && w.content && w.sessionContext) return w;
  }
  return null;
}
"""

JS_STATE = (
    """
(name) => {
  const findPanel = """
    + JS_PANEL
    + """;
  const panel = findPanel(name);
  if (!panel) return {found: false};
  const s = panel.sessionContext;
  const kernel = s.session && s.session.kernel;
  const cells = panel.content.widgets;
  let pending = 0;
  for (const cell of cells) {
    if (cell.model.type === 'code' && cell.promptNode && cell.promptNode.innerText.includes('*')) pending += 1;
  }
  return {
    found: true,
    ready: panel.context.isReady && s.isReady,
    kernel: kernel ? kernel.status : null,
    dirty: panel.context.model.dirty,
    pending: pending,
    windowing: panel.content.notebookConfig ? panel.content.notebookConfig.windowingMode : null,
    ncells: cells.length,
  };
}
"""
)

JS_CELLS = (
    """
(name) => {
  const findPanel = """
    + JS_PANEL
    + """;
  const panel = findPanel(name);
  return panel.content.widgets.map((cell) => {
    const model = cell.model;
    const out = {type: model.type, source: model.sharedModel.getSource()};
    if (model.type === 'code') {
      out.count = model.executionCount;
      out.prompt = cell.promptNode ? cell.promptNode.innerText.trim() : null;
      out.outputTypes = [];
      out.errors = [];
      for (let j = 0; j < model.outputs.length; j++) {
        const o = model.outputs.get(j).toJSON();
        out.outputTypes.push(o.output_type);
        if (o.output_type === 'error') out.errors.push(o.ename + ': ' + o.evalue);
      }
      const area = cell.node.querySelector('.jp-OutputArea');
      out.outputText = area ? area.innerText : '';
      out.images = Array.from(cell.node.querySelectorAll('.jp-OutputArea img')).map(
        (img) => ({complete: img.complete, width: img.naturalWidth, src: img.src.slice(0, 40)}));
    } else if (model.type === 'markdown') {
      const rendered = cell.node.querySelector('.jp-RenderedMarkdown');
      out.rendered = !!rendered && cell.rendered;
      out.math = rendered ? rendered.querySelectorAll('mjx-container').length : 0;
      if (rendered) {
        const copy = rendered.cloneNode(true);
        copy.querySelectorAll('mjx-container, code, pre, script').forEach((n) => n.remove());
        out.text = copy.textContent;
      } else {
        out.text = '';
      }
    }
    return out;
  });
}
"""
)

JS_SCROLL_TOP = """
() => {
  const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  if (outer) outer.scrollTop = 0;
}
"""

JS_SCROLL_HEIGHT = """
() => {
  const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  return outer ? [outer.scrollHeight, outer.clientHeight] : null;
}
"""


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


class Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived: raised like Ctrl-C's KeyboardInterrupt, so that the cleanup runs."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


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


class JupyterLab:
    """A JupyterLab server from .venv, on 127.0.0.1:<free port>, with a random token and a private settings folder."""

    def __init__(self, root_dir: Path, tmp: Path):
        self.root_dir = root_dir
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "jupyterlab.log"
        home = tmp / "jupyter"
        config_dir = home / "config"  # JupyterLab's user settings and workspaces go under it
        (config_dir / "labconfig").mkdir(parents=True)
        (config_dir / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(SETTING_OVERRIDES))
        (home / "checkpoints").mkdir()
        env = dict(os.environ)
        env.update(notebook_env.KERNEL_ENV)
        env.update(
            JUPYTER_CONFIG_DIR=str(config_dir),
            JUPYTER_RUNTIME_DIR=str(home / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(config_dir / "lab" / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(config_dir / "lab" / "workspaces"),
            IPYTHONDIR=str(home / "ipython"),
            TMPDIR=str(tmp / "tmp"),  # what the kernels write to temporary files goes with the test's folder
        )
        (tmp / "tmp").mkdir()
        command = [
            str(VENV_BIN / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root_dir}",
            f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",  # not notebooks/.ipynb_checkpoints
            "--NotebookNotary.db_file=:memory:",  # no signature database under ~
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: read kernel and cell state
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(self.log_path, "w")  # noqa: SIM115 -- closed in stop()
        self.proc = subprocess.Popen(
            command, cwd=root_dir, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.children: dict[int, str] = {}

    def wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_TIMEOUT_S} s; see {self.log_path}")

    def api(self, path: str):
        request = urllib.request.Request(f"{self.url}{path}", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def remember_children(self) -> None:
        """Note the kernels (and their children) now running, to make sure they are gone at the end."""
        for pid in descendants(self.proc.pid):
            self.children.setdefault(pid, start_time(pid))

    def stop(self) -> None:
        """SIGTERM to the server's process group (the server shuts its kernels down), SIGKILL after 20 s; then
        every kernel it ever had (each runs in a session of its own) is made sure to be gone."""
        self.remember_children()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)  # its own session (start_new_session): its group's id
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        for pid, started in ours().items():  # anything left in its group, orphaned (this process is subreaper)
            with contextlib.suppress(OSError):
                if os.getpgid(pid) == self.proc.pid:
                    self.children.setdefault(pid, started)
        stop_pids({p: t for p, t in self.children.items() if t}, "kernel")
        self.log.close()


# ---------------------------------------------------------------- the checks


def wait_until(predicate, timeout: float, what: str, poll: float = 0.25):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failed(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(poll)


def cell_tags(path: Path) -> list[list[str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [cell.get("metadata", {}).get("tags", []) for cell in nb["cells"]]


def files_under(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (hidden and git-ignored ones too) -> its SHA-256."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


class NotebookRun:
    def __init__(self, page, lab: JupyterLab, path: Path, shots: Path, interactive: bool, glyphs: bool = False):
        self.page, self.lab, self.path, self.shots, self.interactive = page, lab, path, shots, interactive
        self.glyphs = glyphs
        self.name = path.name  # the tab's title
        self.relative = path.relative_to(lab.root_dir).as_posix()  # the path the server knows
        self.not_yet, self.correct = FEEDBACK["zh" if path.parent.name == "zh" else "en"]
        self.failures: list[str] = []

    def fail(self, message: str) -> None:
        self.failures.append(message)

    def state(self):
        return self.page.evaluate(JS_STATE, self.relative)

    def cells(self):
        return self.page.evaluate(JS_CELLS, self.relative)

    def menu(self, menu: str, command: str, label: str) -> None:
        """Click ``menu`` in the menu bar, then the item that runs ``command`` (checked by its ``label``)."""
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{menu}$")).click()
        item = self.page.locator(f'.lm-Menu-item[data-command="{command}"]')
        item.wait_for(state="visible", timeout=10_000)
        text = item.locator(".lm-Menu-itemLabel").inner_text()
        if label not in text:
            raise Failed(f"menu {menu}: expected '{label}', found '{text}'")
        item.click()

    def wait_idle(self, timeout: float, what: str) -> None:
        """Kernel idle and no cell waiting to run (``[*]``), two polls in a row."""
        streak = [0]

        def settled():
            state = self.state()
            quiet = state.get("found") and state["ready"] and state["kernel"] == "idle" and state["pending"] == 0
            streak[0] = streak[0] + 1 if quiet else 0
            return streak[0] >= 2

        wait_until(settled, timeout, what, poll=0.3)

    def check_images(self, cells, stage: str) -> None:
        for i, cell in enumerate(cells):
            for k, img in enumerate(cell.get("images", [])):
                if not img["complete"] or img["width"] == 0:
                    self.fail(f"cell {i}: image {k} in the {stage} output did not load (src {img['src']}...)")

    def check_math(self) -> None:
        def typeset():
            raw = []
            for i, cell in enumerate(self.cells()):
                if cell["type"] != "markdown":
                    continue
                if not cell["rendered"]:
                    raw.append((i, "cell is not rendered"))
                match = RAW_MATH.search(cell["text"])
                if match:
                    raw.append((i, match.group(0)))
            self._raw_math = raw
            return not raw

        try:
            wait_until(typeset, MATH_TIMEOUT_S, "MathJax", poll=0.5)
        except Failed:
            for i, text in self._raw_math:
                self.fail(f"cell {i}: Markdown not typeset: {text[:80]!r}")

    def save_unchanged(self) -> None:
        """Ctrl+S on the freshly opened notebook must write the very same bytes."""
        before = self.path.read_bytes()
        self.page.keyboard.press("Control+s")  # File > Save Notebook
        wait_until(lambda: not self.state()["dirty"], 30, "the save to finish")
        after = self.path.read_bytes()
        if after != before:
            self.fail(
                "saving the unchanged notebook changed the file: is the pre-save hook active? "
                "(`make install` links tools/jupyter_server_config.py into .venv/etc/jupyter)"
            )

    def run_all(self) -> None:
        self.menu("Edit", "editmenu:clear-all", "Clear Outputs of All Cells")
        wait_until(
            lambda: all(not c["outputTypes"] and c["count"] is None for c in self.cells() if c["type"] == "code"),
            20,
            "the outputs to clear",
        )
        self.menu("Run", "runmenu:run-all", "Run All Cells")
        time.sleep(1.0)
        self.wait_idle(RUN_TIMEOUT_S, "Run All Cells to finish")

    def check_run(self) -> None:
        cells = self.cells()
        tags = cell_tags(self.path)
        if len(tags) != len(cells):
            raise Failed(f"JupyterLab shows {len(cells)} cells, the file has {len(tags)}")
        for i, (cell, cell_tags_) in enumerate(zip(cells, tags, strict=True)):
            if cell["type"] != "code":
                continue
            first_line = cell["source"].splitlines()[0][:60] if cell["source"] else ""
            where = f"cell {i} ({first_line!r})"
            if cell["count"] is None or not re.fullmatch(r"\[\d+\]:", cell["prompt"] or ""):
                self.fail(f"{where}: did not run (prompt {cell['prompt']!r})")
            if cell["errors"] and "raises-exception" not in cell_tags_:
                self.fail(f"{where}: error output without the raises-exception tag: {cell['errors'][0][:200]}")
            if ".check(" in cell["source"] and self.not_yet not in cell["outputText"]:
                self.fail(f"{where}: exercise feedback {self.not_yet!r} missing; output: {cell['outputText'][:200]!r}")
        self.check_images(cells, "new")

    def answer_exercise(self) -> None:
        """Type a wrong answer, then a right one, into exercise 3 of notebook 01 and read the feedback."""
        cells = self.cells()
        index = next((i for i, c in enumerate(cells) if "q3.check(" in c["source"]), None)
        if index is None:
            raise Failed("no cell calls q3.check(...)")
        for answer, expected in (("(2, 3)", self.not_yet), ("(3, 2)", self.correct)):
            source = f"answer = {answer}\nq3.check(answer)"
            count = self.cells()[index]["count"]
            cell = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)
            cell.locator(".cm-content").click()
            self.page.keyboard.press("Control+a")
            self.page.keyboard.type(source)
            typed = self.cells()[index]["source"]
            if typed != source:
                raise Failed(f"cell {index}: typed {source!r}, the editor holds {typed!r}")
            self.page.keyboard.press("Shift+Enter")
            wait_until(lambda i=index, c=count: self.cells()[i]["count"] not in (None, c), 30, "the exercise to run")
            self.wait_idle(30, "the exercise to finish")
            shown = self.cells()[index]["outputText"]
            if expected not in shown:
                self.fail(f"cell {index}: answer {answer} should show {expected!r}; it shows {shown!r}")
            else:
                print(f"    exercise 3: answer {answer} -> {shown.strip()!r}")

    def check_chinese_glyphs(self) -> None:
        """Chinese renders as glyphs: element screenshots of two Chinese characters and of a box all differ."""
        shots = []
        for ch in GLYPHS:
            self.page.evaluate(JS_GLYPH, ch)
            shots.append(self.page.locator("#linreg-glyph").screenshot(type="png"))
        (self.shots / "chinese-glyphs.png").write_bytes(shots[0])
        self.page.evaluate("document.getElementById('linreg-glyph').remove()")
        if len(set(shots)) != len(shots):
            self.fail("Chinese characters are drawn as boxes (no CJK font?): sudo apt-get install fonts-noto-cjk")
        else:
            where = self.shots / "chinese-glyphs.png"
            print(f"    Chinese glyphs: 学 and 率 render as distinct glyphs, not boxes ({where})")

    def screenshot(self) -> Path:
        edition = "zh-" if self.path.parent.name == "zh" else ""
        # JPEG: a tall page encodes several times faster than PNG
        target = self.shots / f"{edition}{self.path.stem}.jpeg"
        size = self.page.evaluate(JS_SCROLL_HEIGHT)
        extra = (size[0] - size[1]) if size else 0
        height = min(VIEWPORT["height"] + max(extra, 0), SCREENSHOT_MAX_HEIGHT)
        self.page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
        try:
            self.page.wait_for_timeout(300)  # relayout
            self.page.evaluate(JS_SCROLL_TOP)
            self.page.wait_for_timeout(200)
            self.page.screenshot(path=str(target), full_page=True, type="jpeg", quality=85)
        finally:
            self.page.set_viewport_size(VIEWPORT)
        return target

    def close(self) -> None:
        """File > Close and Shut Down Notebook: the kernel stops, nothing is saved."""
        self.menu("File", "filemenu:close-and-cleanup", "Close and Shut Down")
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(state="visible", timeout=10_000)
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
        dialog.wait_for(state="hidden", timeout=10_000)
        # the tab closes once its kernel has stopped; meanwhile the next notebook loads (main() checks the end)

    def open(self) -> None:
        """The first notebook by its URL (loads JupyterLab); the others by a double click in the file browser."""
        item = self.page.locator(
            ".jp-DirListing-item",
            has=self.page.locator(".jp-DirListing-itemText", has_text=re.compile(rf"^{re.escape(self.name)}$")),
        )
        in_root = "/" not in self.relative  # the file browser shows the root folder
        if in_root and self.page.url.startswith(self.lab.url) and item.count() == 1 and item.is_visible():
            item.dblclick()
        else:
            self.page.goto(f"{self.lab.url}/lab/tree/{self.relative}?reset&token={self.lab.token}")

    def run(self) -> dict[str, float]:
        times: dict[str, float] = {}
        t0 = last = time.monotonic()

        def lap(name: str) -> None:
            nonlocal last
            now = time.monotonic()
            times[name] = now - last
            last = now

        original = self.path.read_bytes()
        self.open()
        wait_until(lambda: self.state().get("found") and self.state()["ready"], OPEN_TIMEOUT_S, "the notebook to open")
        lap("load")
        self.wait_idle(OPEN_TIMEOUT_S, "the kernel to start")
        self.lab.remember_children()
        state = self.state()
        if state["windowing"] != "none":
            raise Failed(f"windowingMode is {state['windowing']!r}, the settings override was not applied")
        lap("kernel")
        self.check_math()
        self.check_images(self.cells(), "stored")
        lap("math")
        self.save_unchanged()
        lap("save")
        self.run_all()
        lap("run all")
        self.lab.remember_children()
        self.check_run()
        self.check_math()
        lap("check")
        if self.interactive:
            self.answer_exercise()
        if self.glyphs:
            self.check_chinese_glyphs()
        lap("exercise")
        print(f"    screenshot: {self.screenshot()}")
        lap("shot")
        self.close()
        if self.path.read_bytes() != original:  # reported, not repaired: someone else may have written it
            self.fail("the notebook file changed while it was open (autosave?); see `git diff`")
        lap("close")
        times["total"] = time.monotonic() - t0
        return times


# ---------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: both editions' notebooks")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (screenshots, server log) when all passed too"
    )
    args = parser.parse_args(argv)
    editions = [ROOT / "notebooks", ROOT / "notebooks" / "zh"]
    paths = [p.resolve() for p in args.notebooks] or [
        p for folder in editions for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    ]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    root_dir = Path(os.path.commonpath([p.parent for p in paths]))  # the server's root
    if not os.access(CHROMIUM, os.X_OK):
        print(f"no Chromium at {CHROMIUM}: sudo apt-get install chromium (or set CHROMIUM=/path/to/chromium)")
        return 2
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is missing: make install (requirements.txt pins it)")
        return 2

    signals = Signals()
    signals.install()
    become_subreaper()
    in_project = root_dir.is_relative_to(ROOT)  # copies elsewhere: their folder is checked, not the checkout
    git_before = git("status", "--porcelain", "--untracked-files=all").stdout if in_project else ""
    files_before = files_under(root_dir)  # ignored ones too: .ipynb_checkpoints/, ...
    # one temporary folder for everything: the server's settings and log, the kernels' and Chromium's temporary
    # files, the screenshots; removed when all passed, kept (and named) when something failed
    tmp = Path(tempfile.mkdtemp(prefix="linreg-browser-test-"))
    shots = tmp / "screenshots"
    shots.mkdir()
    print(f"temporary folder (screenshots, server log): {tmp}", flush=True)
    failures: list[str] = []
    timings: list[tuple[str, dict[str, float]]] = []
    t_start = time.monotonic()
    lab: JupyterLab | None = None
    playwright = browser = None
    browser_pids: dict[int, str] = {}
    try:
        try:
            lab = JupyterLab(root_dir, tmp)
            print(f"JupyterLab {lab.url} (pid {lab.proc.pid}), root {root_dir}, log {lab.log_path}", flush=True)
            lab.wait_ready()
            with tmpdir_for_children(tmp / "tmp"):
                playwright = sync_playwright().start()
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for pid in descendants(os.getpid()):
                if is_chromium(pid):
                    browser_pids[pid] = start_time(pid)
            print(f"Chromium {browser.version}, pids {sorted(browser_pids)}")
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.set_default_timeout(30_000)
            print(f"startup {time.monotonic() - t_start:.1f} s")
            for path in paths:
                print(f"{path.name}", flush=True)
                first_chinese = path.parent.name == "zh" and path == next(p for p in paths if p.parent.name == "zh")
                run = NotebookRun(page, lab, path, shots, interactive=path.name.startswith("01_"), glyphs=first_chinese)
                try:
                    timings.append((path.name, run.run()))
                except (Failed, PlaywrightError) as error:
                    run.fail(f"{type(error).__name__}: {error}".splitlines()[0][:500])
                    try:
                        print(f"    screenshot: {run.screenshot()}")
                        run.close()
                    except (Failed, PlaywrightError) as cleanup:
                        print(f"    (could not close it cleanly: {str(cleanup).splitlines()[0][:200]})")
                        page.goto("about:blank")
                        for session in lab.api("/api/sessions"):  # don't let a stuck kernel slow the others
                            req = urllib.request.Request(
                                f"{lab.url}/api/sessions/{session['id']}",
                                method="DELETE",
                                headers={"Authorization": f"token {lab.token}"},
                            )
                            urllib.request.urlopen(req, timeout=30).close()
                for message in run.failures:
                    line = f"{path.name}: {message}"
                    print(f"    FAIL {line}", flush=True)
                    failures.append(line)
            try:
                last = paths[-1].relative_to(root_dir).as_posix()
                wait_until(lambda: not page.evaluate(JS_STATE, last)["found"], 30, "the last notebook to close")
                wait_until(lambda: not lab.api("/api/sessions"), 30, "every kernel to shut down")
            except Failed as error:
                failures.append(str(error))
        except Exception as error:  # noqa: BLE001 -- report, clean up, exit non-zero
            failures.append(f"{type(error).__name__}: {error}")
            print(f"FAIL {failures[-1]}")
    except (KeyboardInterrupt, Interrupted):  # Ctrl-C, SIGTERM, SIGHUP: signals.first says which
        pass
    finally:
        # From here on a further Ctrl-C or SIGTERM is reported and ignored: the cleanup always finishes. Each step
        # is bounded (polite, then SIGTERM, then SIGKILL) and a step that fails does not skip the others.
        signals.held = True
        print("stopping Chromium, JupyterLab and its kernels", flush=True)
        lab_side = set(lab.children) | {lab.proc.pid, *descendants(lab.proc.pid)} if lab else set()
        browser_side = {pid: t for pid, t in ours().items() if pid not in lab_side}
        browser_side.update({pid: t for pid, t in browser_pids.items() if t})
        close_browser(playwright, browser, browser_side)
        if lab is not None:
            try:
                lab.stop()
            except Exception as error:  # noqa: BLE001 -- the sweep below still runs
                print(f"(stopping JupyterLab: {error})")
        stop_pids(ours(), "leftover", grace=0)  # anything else this run started (orphans come to it: subreaper)
    if signals.first is not None:
        shutil.rmtree(tmp, ignore_errors=True)
        return signals.exit_status(1)

    git_after = git("status", "--porcelain", "--untracked-files=all").stdout if in_project else git_before
    if git_after != git_before:
        changed = sorted(set(git_after.splitlines()) ^ set(git_before.splitlines()))
        failures.append("`git status` changed during the test: " + "; ".join(changed))
        print(f"FAIL {failures[-1]}")
    files_after = files_under(root_dir)
    if files_after != files_before:
        changed = sorted(set(files_after.items()) ^ set(files_before.items()))
        failures.append(f"files in {root_dir} changed: " + "; ".join(sorted({name for name, _ in changed})))
        print(f"FAIL {failures[-1]}")

    total = time.monotonic() - t_start
    if timings:
        print("\ntimings (s)   " + "".join(f"{key:>9}" for key in timings[0][1]))
        for name, t in timings:
            print(f"  {name[:11]:11} " + "".join(f"{value:9.1f}" for value in t.values()))
    print(f"  whole suite (incl. server and browser start/stop): {total:.1f} s")
    if failures or args.keep:
        print(f"kept: {tmp} (screenshots in {shots}, server log {tmp / 'jupyterlab.log'})")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"removed {tmp} (screenshots and server log; --keep keeps them)")
    if failures:
        print(f"\n{len(failures)} failure(s):")
        for line in failures:
            print(f"  {line}")
        return 1
    print(f"\nall {len(paths)} notebook(s) passed in the browser")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
