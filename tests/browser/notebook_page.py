"""JupyterLab as a learner uses it, driven by Playwright: the server (one per test process) and the checks made on
one notebook (tests/browser/test_jupyterlab.py runs them; tests/browser/conftest.py holds the fixtures).

For each notebook, :meth:`NotebookRun.run`:

1. opens it, waits for the kernel, checks the stored images and the typeset maths, saves it (Ctrl+S) and
   checks the file did not change (the pre-save hook in tools/jupyter_server_config.py at work);
2. clears all outputs (Edit > Clear Outputs of All Cells) and runs Run > Run All Cells from the menu;
3. asserts: every code cell ran; no error output except in cells tagged ``raises-exception``; every
   output image loaded; no raw ``$...$`` left in rendered Markdown; exercise cells say "Not yet"
   ("还不对" in the Chinese edition);
4. in notebook 01 only: types a wrong, then a right answer into an exercise and checks the feedback;
   in the Chinese edition: Chinese text is drawn with real glyphs, not the boxes of a missing font
   (screenshots of two Chinese characters and of a character no font has must all differ);
5. File > Close and Shut Down Notebook, without saving; the file must be unchanged, and at the end of the run no
   kernel may be left. (After a failure it takes a screenshot of the whole notebook instead and leaves it open,
   for Playwright's screenshot; the test then shuts its kernel down.)

A problem found is noted (``failures``) and the checks go on; one that stops the run raises ``Failed`` (or
Playwright's ``Error``). The test server keeps JupyterLab's settings, workspaces, runtime files, checkpoints and
notebook signatures in a temporary folder, and overrides two settings: autosave off (a cleared and re-run notebook
is never written) and windowing "none" (every cell is rendered, so all can be checked). Kernels get the same
environment as `make test` (tools/notebook_env.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from browser_test import GLYPHS, RAW_MATH, descendants, free_port, ours, start_time, stop_pids

import notebook_env

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
VIEWPORT = {"width": 1280, "height": 900}
SERVER_START_TIMEOUT_S = 60
OPEN_TIMEOUT_S = 90
RUN_TIMEOUT_S = notebook_env.CELL_TIMEOUT_S
FEEDBACK = {"en": ("Not yet", "Correct"), "zh": ("还不对", "正确")}  # the exercises' ❌ and ✅ words
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

JS_DOCUMENTS = """
() => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  return Array.from(app.shell.widgets('main')).filter((w) => w.context).length;
}
"""

JS_OPEN = """
async (name) => {
  await window.jupyterapp.commands.execute('docmanager:open', {path: name, factory: 'Notebook'});
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
  let unrun = 0;
  for (const cell of cells) {
    if (cell.model.type !== 'code') continue;
    if (cell.promptNode && cell.promptNode.innerText.includes('*')) pending += 1;
    if (cell.model.executionCount === null) unrun += 1;
  }
  return {
    found: true,
    ready: panel.context.isReady && s.isReady,
    kernel: kernel ? kernel.status : null,
    dirty: panel.context.model.dirty,
    pending: pending,
    unrun: unrun,
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

    def sessions(self, relative: str) -> list[str]:
        """The ids of the kernel sessions open on the notebook at ``relative`` (its path under the root)."""
        return [s["id"] for s in self.api("/api/sessions") if s.get("path") == relative]

    def shut_down(self, relative: str) -> None:
        """Shut down the notebook's kernels through the REST API (after a failure: the page may be stuck)."""
        for session in self.sessions(relative):
            request = urllib.request.Request(
                f"{self.url}/api/sessions/{session}", method="DELETE", headers={"Authorization": f"token {self.token}"}
            )
            with contextlib.suppress(urllib.error.HTTPError):  # gone meanwhile
                urllib.request.urlopen(request, timeout=30).close()
        wait_until(lambda: not self.sessions(relative), 30, "the notebook's kernel to shut down")

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


def edition(path: Path) -> str:
    """"zh" for a notebook of the Chinese edition (notebooks/zh/), "en" for any other."""
    return "zh" if path.parent.name == "zh" else "en"


def notebooks() -> list[Path]:
    """The notebooks the browser test opens: $BROWSER_TEST_NOTEBOOKS (paths joined by os.pathsep; copies elsewhere
    must share one folder's tree), else both editions' (notebooks/NN_*.ipynb, notebooks/zh/NN_*.ipynb). The longest
    first (the highest number), each English notebook next to its Chinese twin: parallel workers end together."""
    named = os.environ.get("BROWSER_TEST_NOTEBOOKS")
    if named:
        return [Path(p).resolve() for p in named.split(os.pathsep) if p]
    found = [p for folder in (ROOT / "notebooks", ROOT / "notebooks" / "zh") for p in folder.glob("[0-9][0-9]_*.ipynb")]
    return sorted(found, key=lambda p: (-int(p.name[:2]), p.name, edition(p) == "zh"))


def notebook_id(path: Path) -> str:
    """en-04_training, zh-04_training: `pytest tests/browser -k 04` picks notebook 04 in both editions."""
    return f"{edition(path)}-{path.stem}"


def lab_log(output: Path) -> Path:
    """Where a run with a failed test keeps JupyterLab's log: OUTPUT/jupyterlab[-gwN].log (one per xdist worker)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return output.absolute() / f"jupyterlab{'-' + worker if worker else ''}.log"


def files_under(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (hidden and git-ignored ones too) -> its SHA-256, once two looks 0.5 s apart
    agree (up to 5 s): the other pytest-xdist worker may be saving its notebook in the same folder just then
    (JupyterLab keeps a ``.~NAME`` copy while it writes NAME), which is not a file this test left behind."""

    def look() -> dict[str, str]:
        found = {}
        for path in sorted(folder.rglob("*")):
            try:
                if path.is_file():
                    found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
            except FileNotFoundError:  # removed while we looked (the end of such a save)
                continue
        return found

    last = look()
    for _ in range(10):
        time.sleep(0.5)
        now = look()
        if now == last:
            return now
        last = now
    return last


class NotebookRun:
    """One notebook in one browser page: ``run()`` makes every check above; ``failures`` lists what went wrong;
    ``times`` the seconds each step took. Pictures it takes on a failure go into ``shots`` (a folder)."""

    def __init__(self, page, lab: JupyterLab, path: Path, shots: Path, interactive: bool, glyphs: bool = False):
        self.page, self.lab, self.path, self.shots, self.interactive = page, lab, path, shots, interactive
        self.glyphs = glyphs
        self.name = path.name  # the tab's title
        self.relative = path.relative_to(lab.root_dir).as_posix()  # the path the server knows
        self.not_yet, self.correct = FEEDBACK[edition(path)]
        self.failures: list[str] = []
        self.times: dict[str, float] = {}
        self.shot: Path | None = None  # the whole notebook, taken when something failed

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

    def wait_idle(self, timeout: float, what: str, every_cell: bool = False) -> None:
        """Kernel idle and no cell waiting to run (``[*]``), two polls in a row. With ``every_cell`` (Run All), also
        every code cell has run, or that quiet state has lasted 5 s (a cell that stopped the run): on a loaded
        machine the kernel can be idle for a moment between two cells of a run."""
        streak = [0]

        def settled():
            state = self.state()
            quiet = state.get("found") and state["ready"] and state["kernel"] == "idle" and state["pending"] == 0
            streak[0] = streak[0] + 1 if quiet else 0
            if every_cell and state.get("unrun", 0) > 0:
                return streak[0] * 0.3 >= 5
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
        self.wait_idle(RUN_TIMEOUT_S, "Run All Cells to finish", every_cell=True)

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
        self.page.evaluate("document.getElementById('linreg-glyph').remove()")
        if len(set(shots)) != len(shots):
            where = self.shots / "chinese-glyphs.png"
            where.parent.mkdir(parents=True, exist_ok=True)
            where.write_bytes(shots[0])
            self.fail(f"Chinese characters are drawn as boxes ({where}; no CJK font?): apt-get install fonts-noto-cjk")

    def screenshot(self) -> Path:
        """The whole notebook (the page made as tall as it), as ``shots``/notebook.jpeg."""
        # JPEG: a tall page encodes several times faster than PNG
        target = self.shots / "notebook.jpeg"
        target.parent.mkdir(parents=True, exist_ok=True)
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
        # the tab closes once its kernel has stopped; meanwhile the next test starts (the lab fixture checks the end)

    def open(self) -> None:
        """The notebook in JupyterLab. A page that still shows JupyterLab from the previous test (which passed, so
        it closed its notebook) opens it the way a double-click in the file browser does, once no document is left
        open (up to 10 s: the previous kernel may still be stopping); any other page loads JupyterLab at the
        notebook's URL, its workspace reset. (Loading JupyterLab again took 6-15 s a notebook.)"""
        if self.page.url.startswith(f"{self.lab.url}/lab") and self.page.evaluate(JS_DOCUMENTS) is not None:
            try:
                wait_until(lambda: self.page.evaluate(JS_DOCUMENTS) == 0, 10, "the previous notebook to close")
            except Failed:
                pass
            else:
                self.page.evaluate(JS_OPEN, self.relative)
                return
        self.page.goto(f"{self.lab.url}/lab/tree/{self.relative}?reset&token={self.lab.token}")

    def run(self) -> None:
        times = self.times
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
        if self.failures:  # left open: Playwright's screenshot and trace end on it (the test then stops its kernel)
            self.shot = self.screenshot()
        else:
            self.close()
        if self.path.read_bytes() != original:  # reported, not repaired: someone else may have written it
            self.fail("the notebook file changed while it was open (autosave?); see `git diff`")
        lap("close")
        times["total"] = time.monotonic() - t0


