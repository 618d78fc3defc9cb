"""Run submitted notebooks, each in a fresh kernel in a temporary copy, and read what their checks recorded.

A submission is untrusted code. Each one gets a temporary folder of its own (``work/``: the working folder with a
copy of the notebook; ``home/``: ``HOME`` and ``TMPDIR``; ``log/``: the class log its checks write to, as
:mod:`linreg_utils.classroom` writes it in class; ``kernel/``: the kernel's sockets). Its kernel runs with a
wall-clock limit for the whole notebook, a memory limit (``RLIMIT_AS``) and a file-size limit, its output is
dropped past a cap, and, where Linux allows it, in a network namespace of its own (only ``localhost``) and a mount
namespace in which every file outside its temporary folder is read-only (``sandbox.py``). It is not a security
sandbox: the kernel runs as the teacher's user, can read what the teacher can read, and can forge its own records.

Example:
    >>> Limits().seconds_for("nb04"), Limits(seconds=30).seconds_for("nb11")  # the limit for a whole notebook
    (60, 30)
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..classroom import read_events, safe_file_name
from ..language import catalogue, get_language

SANDBOX = Path(__file__).with_name("sandbox.py")
# Run All of each notebook in a fresh kernel on the 2-core reference machine, in seconds (tools/run_notebooks.py)
RUN_ALL_SECONDS = {"01": 3.3, "02": 6.4, "03": 5.3, "04": 7.2, "05": 7.5, "06": 6.8, "07": 8.0, "08": 11.8,
                   "09": 10.6, "10": 13.6, "11": 14.5}
TIMEOUT_FACTOR, TIMEOUT_FLOOR = 6, 60  # the default limit: 6 times Run All, at least a minute
MAX_FILE_MB = 20  # a submitted notebook larger than this is not run
OUTCOMES = ("correct", "not_attempted", "error", "timeout")  # and any mistake key ("q2.swapped")
COURSE_NAME = re.compile(r"^\d\d_\w+$")  # "04_training": the course's own file name, not a student's
IMPORT = re.compile(r"linreg_utils\.exercises\.nb(\d\d)\b")
PASSED_ENV = {"PATH", "LANG", "LANGUAGE", "TZ", "PYTHONPATH", "VIRTUAL_ENV", "CONDA_PREFIX", "SYSTEMROOT"}


def say(key: str, /, **values: Any) -> str:
    """The grader's message ``key`` in the class's language (``text/<language>/grade.py``), filled in.

    Example:
        >>> say("outcome.timeout")
        'timed out'
    """
    template = catalogue("grade", get_language()).get(key) or catalogue("grade", "en")[key]
    return template.format(**values)


# ---------------------------------------------------------------------------------------- the submissions


@dataclass
class Submission:
    """One submitted file, read into memory once (the original is never opened again, nor changed)."""

    label: str  # where it came from, as the report shows it: "class/ann.ipynb", "class.zip:bob/04_training.ipynb"
    data: bytes | None  # None: too big to read
    name: str  # the student's name from the file, its folder or the zip member, until the notebook says better
    size: int = 0


def _name_from(path: Path, root_name: str) -> str:
    """The student's name a path gives: the file's stem, or its folder's when the file has the course's name."""
    if not COURSE_NAME.match(path.stem):
        return path.stem
    return path.parent.name or root_name


def _from_zip(path: Path, limit: int) -> list[Submission]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(say("cli.bad_zip", path=path, error=error)) from None
    found = []
    with archive:
        for member in archive.infolist():
            inner = Path(member.filename)
            if member.is_dir() or inner.suffix != ".ipynb" or {"__MACOSX", ".ipynb_checkpoints"} & set(inner.parts):
                continue
            data = archive.read(member) if member.file_size <= limit else None  # no zip bombs
            found.append(Submission(f"{path}:{member.filename}", data, _name_from(inner, path.stem), member.file_size))
    return found


def find_submissions(paths: Iterable[Path], limit_mb: float = MAX_FILE_MB) -> list[Submission]:
    """The submissions in ``paths``: notebook files (any file named is a submission), folders (their ``.ipynb``
    files, at any depth) and ``.zip`` files (their ``.ipynb`` members), in a stable order.

    Raises:
        ValueError: a path does not exist, or a ``.zip`` cannot be read; the message names it.
    """
    limit = int(limit_mb * 2**20)
    found: list[Submission] = []

    def read(path: Path, label: str, name: str) -> Submission:
        size = path.stat().st_size
        return Submission(label, path.read_bytes() if size <= limit else None, name, size)

    for path in map(Path, paths):
        if not path.exists():
            raise ValueError(say("cli.missing", path=path))
        if path.is_dir():
            for file in sorted(path.rglob("*.ipynb")):
                if ".ipynb_checkpoints" not in file.parts and file.is_file():
                    found.append(read(file, str(file), _name_from(file.relative_to(path), path.name)))
        elif path.suffix == ".zip":
            found.extend(_from_zip(path, limit))
        else:
            found.append(read(path, str(path), _name_from(path, path.parent.name)))
    return found


# ------------------------------------------------------------------------------------------- the notebooks


def questions_of(notebook: str) -> list[str]:
    """The questions of notebook ``"nb04"``, in order: ``["nb04.q1", "nb04.q2", ...]`` (its exercises module).

    Example:
        >>> questions_of("nb01")
        ['nb01.q1', 'nb01.q2', 'nb01.q3']
    """
    from ..exercises import Question

    module = importlib.import_module(f"linreg_utils.exercises.{notebook}")
    return [value.key for value in vars(module).values() if isinstance(value, Question)]


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_of(nb: dict[str, Any]) -> str | None:
    """Which notebook of the course ``nb`` is (``"nb04"``), from the exercises it imports; ``None`` if none."""
    found = [m for cell in nb.get("cells", []) if cell.get("cell_type") == "code"
             for m in IMPORT.findall(_source(cell))]
    return f"nb{max(set(found), key=found.count)}" if found else None


def student_of(nb: dict[str, Any], fallback: str) -> str:
    """The name in the student edition's ``student_name = "..."`` cell, if filled in; else ``fallback``.

    Example:
        >>> student_of({"cells": [{"cell_type": "code", "source": 'student_name = "Li Wei"'}]}, "ann")
        'Li Wei'
    """
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        match = re.search(r"""^student_name\s*=\s*(["'])(.*?)\1""", _source(cell), re.MULTILINE)
        if match and match.group(2).strip():
            return match.group(2).strip()
    return fallback


def check_cells(nb: dict[str, Any], notebook: str) -> dict[str, list[int]]:
    """Where each question is checked: ``{"nb04.q2": [31]}``, the cells' positions (from 1) among all cells."""
    imported: dict[str, str] = {}
    for cell in nb["cells"]:
        for names in re.findall(rf"from linreg_utils\.exercises\.{notebook} import ([\w ,()]+)", _source(cell)):
            for part in names.replace("(", "").replace(")", "").split(","):
                words = part.split()
                if words:
                    imported[words[-1]] = f"{notebook}.{words[0]}"
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(nb["cells"], 1):
        if cell.get("cell_type") == "code":
            for variable in re.findall(r"\b(\w+)\.check\(", _source(cell)):
                if variable in imported:
                    found.setdefault(imported[variable], []).append(index)
    return found


# ----------------------------------------------------------------------------------------------- isolation


@dataclass(frozen=True)
class Isolation:
    """How this system lets the grader fence a kernel in: the command that starts it in new namespaces."""

    prefix: tuple[str, ...]  # e.g. ("unshare", "--net", "--mount"); () when none
    network: bool  # a network namespace of its own (only localhost)
    files: bool  # everything outside its folder read-only

    def notes(self) -> list[str]:
        """What is not isolated here, one line each, in the class's language (nothing when all is)."""
        return ([] if self.network else [say("cli.no_network_isolation")]) + (
            [] if self.files else [say("cli.no_file_isolation")])


def probe_isolation() -> Isolation:
    """Try ``unshare`` (as root, then in a user namespace): can a kernel get a network and a mount namespace?"""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return Isolation((), False, False)
    with tempfile.TemporaryDirectory(prefix="linreg-grade-probe-") as folder:
        writable = Path(folder, "sub")
        writable.mkdir()
        probe = [sys.executable, str(SANDBOX), "--memory", str(2**34), "--file-size", str(2**20), "--probe"]
        for prefix in ((unshare, "--net", "--mount"), (unshare, "--user", "--map-root-user", "--net", "--mount")):
            if _quiet(list(prefix) + probe + ["--writable", str(writable)]):
                return Isolation(prefix, True, True)
        for prefix in ((unshare, "--net"), (unshare, "--user", "--map-root-user", "--net")):
            if _quiet(list(prefix) + ["true"]):
                return Isolation(prefix, True, False)
    return Isolation((), False, False)


def _quiet(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


# ------------------------------------------------------------------------------------------------ results


@dataclass
class Result:
    """What grading one submission found.

    Attributes:
        outcomes: per question (``"nb04.q2"``): ``"correct"``, the mistake's key (``"q2.swapped"``,
            ``"core.close"``), ``"not_attempted"``, ``"error"`` or ``"timeout"``; empty when the notebook is unknown.
        status: ``"ok"`` (ran to the end), ``"timeout"``, ``"kernel_died"``, ``"no_start"``, or why it did not run:
            ``"not_json"``, ``"not_notebook"``, ``"not_course"``, ``"wrong_notebook"``, ``"too_big"``.
        notes: what went wrong, in the class's language (the report's notes column).
    """

    student: str
    source: str
    notebook: str | None
    status: str
    outcomes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> int:
        return sum(outcome == "correct" for outcome in self.outcomes.values())


def outcomes_from(questions: list[str], events: list[dict[str, Any]], checked_in: dict[str, list[int]],
                  failed: set[int], stopped_at: int | None, stop: str = "timeout") -> dict[str, str]:
    """Each question's outcome from the records of its checks and what happened to the cells.

    The last check of a question decides (``"core.blank"``: not attempted). A question with no check recorded
    is ``"error"`` when a cell that checks it failed, ``stop`` (``"timeout"`` or ``"error"``) when the run stopped
    at or before that cell, else ``"not_attempted"``.

    Example:
        >>> outcomes_from(["nb01.q1", "nb01.q2"], [{"notebook": "nb01", "question": "q1", "event": "check",
        ...     "result": "q1.list"}], {"nb01.q2": [9]}, set(), 7)
        {'nb01.q1': 'q1.list', 'nb01.q2': 'timeout'}
    """
    last: dict[str, str] = {}
    for event in events:
        if event.get("event") == "check":
            last[f"{event['notebook']}.{event['question']}"] = str(event["result"])
    found = {}
    for question in questions:
        result = last.get(question)
        cells = checked_in.get(question, [])
        if result is not None:
            found[question] = "not_attempted" if result == "core.blank" else result
        elif any(cell in failed for cell in cells):
            found[question] = "error"
        elif stopped_at is not None and any(cell >= stopped_at for cell in cells):
            found[question] = stop
        else:
            found[question] = "not_attempted"
    return found


# ------------------------------------------------------------------------------------- running one notebook


@dataclass
class Limits:
    """The limits of one run: seconds for the whole notebook (``None``: the notebook's default), memory and output."""

    seconds: float | None = None
    memory_gb: float = 4.0
    output_mb: float = 1.0
    file_mb: float = 100.0

    def seconds_for(self, notebook: str) -> int:
        if self.seconds is not None:
            return max(1, round(self.seconds))
        return max(TIMEOUT_FLOOR, round(TIMEOUT_FACTOR * RUN_ALL_SECONDS.get(notebook[2:], 15.0)))


def _client_class() -> type:
    """nbclient's client, keeping only what grading needs: each cell's first error, and the size of the output."""
    from nbclient import NotebookClient

    class Client(NotebookClient):
        def __init__(self, *args: Any, output_limit: int, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.errors: dict[int, tuple[str, str]] = {}
            self.output_bytes, self.output_limit, self.current = 0, output_limit, 0
            self.on_cell_start = self._started

        def _started(self, cell: Any, cell_index: int) -> None:
            self.current = cell_index + 1

        def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> None:
            content = msg.get("content", {})
            self.output_bytes += sum(len(str(value)) for value in content.values())
            if msg.get("msg_type") == "error" and cell_index + 1 not in self.errors:
                self.errors[cell_index + 1] = (str(content.get("ename", ""))[:100],
                                               str(content.get("evalue", ""))[:300])
            return None  # nothing is kept: a submission that prints megabytes costs no memory here

    return Client


def _kernel_env(folder: Path, student: str) -> dict[str, str]:
    home = folder / "home"
    env = {key: value for key, value in os.environ.items() if key in PASSED_ENV or key.startswith("LC_")}
    env.update({
        "HOME": str(home), "TMPDIR": str(home / "tmp"), "USERPROFILE": str(home),
        "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".matplotlib"),
        "JUPYTER_RUNTIME_DIR": str(folder / "kernel"), "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0", "LINREG_LANG": "en",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "LINREG_CLASS_LOG": str(folder / "log"), "LINREG_STUDENT": student,
    })
    return env


def _prepare(folder: Path, nb_text: str) -> Path:
    """The submission's folders, its notebook copy, and matplotlib's list of fonts (building it costs seconds)."""
    for part in ("work", "home/tmp", "home/.matplotlib", "log", "kernel"):
        (folder / part).mkdir(parents=True)
    try:
        import matplotlib

        for cached in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
            shutil.copy(cached, folder / "home" / ".matplotlib")
    except (ImportError, OSError):
        pass
    copy = folder / "work" / "submission.ipynb"
    copy.write_text(nb_text, encoding="utf-8")
    return copy


def _socket_folder() -> Path:
    """A folder for the kernel's sockets with a short path: a Unix socket's path has at most 107 bytes."""
    short = "/tmp" if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="lg-", dir=short))


def _kernel_manager(folder: Path, sockets: Path, isolation: Isolation, limits: Limits) -> Any:
    from jupyter_client import AsyncKernelManager  # nbclient's loop must never block on a message
    from jupyter_client.kernelspec import KernelSpecManager

    command = [sys.executable, str(SANDBOX), "--memory", str(int(limits.memory_gb * 2**30)),
               "--file-size", str(int(limits.file_mb * 2**20))]
    if isolation.network:
        command.append("--loopback")
    if isolation.files:
        command += ["--writable", str(folder), "--writable", str(sockets)]
    command = [*isolation.prefix, *command, "--", sys.executable, "-m", "ipykernel_launcher", "-f",
               "{connection_file}"]
    spec = folder / "kernelspec" / "linreg-grade"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": command, "display_name": "grading", "language": "python"}))
    # A kernel in a network namespace of its own cannot be reached over TCP, even on localhost: Unix sockets then
    ipc = {"transport": "ipc", "ip": str(sockets / "k")} if isolation.network else {}
    manager = AsyncKernelManager(kernel_name="linreg-grade", kernel_spec_manager=KernelSpecManager(
        kernel_dirs=[str(spec.parent)], ensure_native_kernel=False), **ipc)
    manager.connection_file = str(folder / "kernel" / "connection.json")
    return manager


_running: set[Any] = set()  # the kernel managers of the kernels running now, to stop them all on Ctrl-C
_lock = threading.Lock()
_stopping = threading.Event()  # set on Ctrl-C: no new kernel starts


def stop_all_kernels() -> None:
    """Stop every kernel the grader started and that still runs (Ctrl-C, SIGTERM, an error)."""
    with _lock:
        _stopping.set()
        managers = list(_running)
    for manager in managers:
        _kill(manager)


def _kill(manager: Any) -> None:
    """Kill a kernel and its process group at once (from any thread: nbclient's own loop may be busy)."""
    provisioner = getattr(manager, "provisioner", None)
    pid, group = getattr(provisioner, "pid", None), getattr(provisioner, "pgid", None)
    try:
        if group:
            os.killpg(group, signal.SIGKILL)
        elif pid:
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))  # Windows has no SIGKILL
    except OSError:  # already gone
        pass


def run_notebook(nb: Any, folder: Path, notebook: str, student: str, isolation: Isolation,
                 limits: Limits) -> tuple[str, dict[int, tuple[str, str]], int | None, list[str]]:
    """Run ``nb`` (an nbformat notebook) in ``folder`` in a fresh kernel within the limits.

    Returns:
        The status (``"ok"``, ``"timeout"``, ``"kernel_died"``, ``"no_start"``), each failed cell's error
        (position from 1 -> (name, value)), the cell the run stopped at (or ``None``), and notes.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    seconds = limits.seconds_for(notebook)
    deadline = time.monotonic() + seconds
    sockets = _socket_folder()
    manager = _kernel_manager(folder, sockets, isolation, limits)
    client = _client_class()(
        nb, km=manager, output_limit=int(limits.output_mb * 2**20),
        timeout_func=lambda cell: max(1, int(deadline - time.monotonic()) + 1), allow_errors=True,
        startup_timeout=60, resources={"metadata": {"path": str(folder / "work")}}, record_timing=False,
        shutdown_kernel="immediate")
    status, stopped, notes = "ok", None, []
    with _lock:
        if _stopping.is_set():
            shutil.rmtree(sockets, ignore_errors=True)
            return "no_start", {}, 0, [say("status.no_start", error="KeyboardInterrupt")]
        _running.add(manager)
    log = open(folder / "kernel.log", "wb")  # the kernel's own stderr: not the teacher's terminal
    try:
        client.execute(cleanup_kc=True, env=_kernel_env(folder, student), stdout=subprocess.DEVNULL, stderr=log)
    except CellTimeoutError:
        status, stopped = "timeout", client.current
        notes.append(say("status.timeout", seconds=seconds))
    except DeadKernelError:
        status, stopped = "kernel_died", client.current
        notes.append(say("status.kernel_died", cell=client.current, memory=f"{limits.memory_gb:g}"))
    except Exception as error:  # the kernel did not start (a RuntimeError, a TimeoutError, ...)
        if client.current:
            status, stopped = "kernel_died", client.current
            notes.append(say("status.kernel_died", cell=client.current, memory=f"{limits.memory_gb:g}"))
        else:
            status, stopped = "no_start", 0
            said = (folder / "kernel.log").read_bytes()[-2000:].decode("utf-8", "replace").strip().splitlines()
            why = said[-1] if said else f"{type(error).__name__}: {error}"
            notes.append(say("status.no_start", error=why[:300]))
    finally:
        log.close()
        atexit.unregister(client._cleanup_kernel)  # nbclient's own clean-up at exit: done above, on every way out
        with _lock:
            _running.discard(manager)
        shutil.rmtree(sockets, ignore_errors=True)
    if client.output_bytes > client.output_limit:
        notes.append(say("status.output_capped", limit=f"{limits.output_mb:g}"))
    return status, client.errors, stopped, notes


def _error_notes(nb: Any, errors: dict[int, tuple[str, str]], limits: Limits) -> list[str]:
    unexpected = [(cell, error) for cell, error in sorted(errors.items())
                  if "raises-exception" not in nb.cells[cell - 1].get("metadata", {}).get("tags", [])]
    notes = []
    for cell, (name, value) in unexpected[:1]:
        memory = name == "MemoryError" or "can't allocate memory" in value or "cannot allocate memory" in value
        notes.append(say("status.memory", cell=cell, memory=f"{limits.memory_gb:g}") if memory
                     else say("status.cell_error", cell=cell, error=f"{name}: {value}".strip(": ")[:200]))
    if len(unexpected) > 1:
        notes.append(say("status.more_errors", count=len(unexpected) - 1))
    return notes


def grade_submission(submission: Submission, scratch: Path, isolation: Isolation, limits: Limits,
                     wanted: str | None = None) -> Result:
    """Grade one submission in a new folder inside ``scratch`` (removed afterwards).

    Args:
        wanted: ``"nb04"`` when every submission must be notebook 04; another notebook is not run.
    """
    import nbformat

    started = time.monotonic()
    name, label = submission.name, submission.label

    def refused(status: str, notebook: str | None = None, **values: Any) -> Result:
        outcomes = {q: "not_attempted" for q in questions_of(wanted)} if wanted else {}
        return Result(name, label, notebook or wanted, status, outcomes, [say(f"status.{status}", **values)],
                      time.monotonic() - started)

    if submission.data is None:
        return refused("too_big", size=f"{submission.size / 2**20:.0f}", limit=f"{MAX_FILE_MB:g}")
    try:
        raw = json.loads(submission.data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return refused("not_json", error=str(error)[:120])
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        return refused("not_notebook")
    name = student_of(raw, name)
    notebook = notebook_of(raw)
    if notebook is None or not (Path(__file__).parent.parent / "exercises" / f"{notebook}.py").is_file():
        return refused("not_course")
    if wanted and notebook != wanted:
        return refused("wrong_notebook", found=notebook[2:], wanted=wanted[2:])
    try:
        nb = nbformat.reads(json.dumps(raw), as_version=4)
    except Exception:  # nbformat's own errors are many kinds
        return refused("not_notebook")
    questions = questions_of(notebook)
    folder = Path(tempfile.mkdtemp(prefix=f"{safe_file_name(name)[:20]}-", dir=scratch))
    try:
        _prepare(folder, nbformat.writes(nb))
        status, errors, stopped, notes = run_notebook(nb, folder, notebook, name, isolation, limits)
        events = [e for e in read_events(folder / "log") if e.get("notebook") == notebook]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    found = outcomes_from(questions, events, check_cells(nb, notebook), set(errors), stopped,
                          "timeout" if status == "timeout" else "error")
    return Result(name, label, notebook, status, found, notes + _error_notes(nb, errors, limits),
                  time.monotonic() - started)


def grade_all(submissions: list[Submission], limits: Limits, jobs: int = 1, wanted: str | None = None,
              isolation: Isolation | None = None, done: Callable[[Result], None] | None = None) -> list[Result]:
    """Grade every submission, ``jobs`` at a time, each in its own temporary folder (all removed at the end).

    Args:
        done: called with each result as it comes (a progress bar).

    Returns:
        The results in the order of ``submissions``. On Ctrl-C (or any error) every kernel is stopped first.
    """
    isolation = probe_isolation() if isolation is None else isolation
    _stopping.clear()
    results: list[Result | None] = [None] * len(submissions)
    with tempfile.TemporaryDirectory(prefix="linreg-grade-") as scratch:
        executor = ThreadPoolExecutor(max_workers=max(1, jobs))
        try:
            futures = {executor.submit(grade_submission, s, Path(scratch), isolation, limits, wanted): i
                       for i, s in enumerate(submissions)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if done is not None:
                    done(future.result())
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            stop_all_kernels()
            raise
        finally:
            executor.shutdown(wait=True)
    return [r for r in results if r is not None]
