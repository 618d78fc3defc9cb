"""The class's settings: what a teacher ships with the student edition, or sets for a room of learners.

Two ways to set them, the environment winning over the file:

- a file named ``linreg-class.toml`` in the notebook's folder or any folder above it (``make student`` writes
  one into ``build/student/``)::

      solutions = false          # q1.solution() says that solutions are switched off in this class
      log_folder = "class-log"   # (issue 23) where check/hint/solution calls are recorded; relative to the file

- environment variables: ``LINREG_SOLUTIONS=off`` (or ``on``), ``LINREG_CLASS_LOG=<folder>``,
  ``LINREG_STUDENT=<name>``.

The settings are read again at every call (a few ``stat`` calls), so a teacher's change is seen without
restarting a kernel.

**The class log** (issue 23, off unless a log folder is set): every ``qN.check(...)``, ``qN.hint()`` and
``qN.solution()`` appends one line of JSON to ``<log_folder>/<student>.jsonl`` (:func:`record_event`)::

    {"time": "2026-12-07T10:02:03.120+08:00", "student": "Li Wei", "notebook": "nb04", "question": "q2",
     "event": "check", "result": "q2.swapped"}

``result`` is ``"correct"`` or the key of the mistake the check named (``"q2.swapped"``, ``"core.blank"``) for a
check, the hint shown (``"q2.hint1"``) for a hint, ``"shown"`` (or ``"off"``) for a solution. Nothing else is
recorded: not the answer, not the code. Each line is written with one ``write`` on a file opened for appending, so
writers never interleave, and :func:`read_events` ignores a last line that has no newline yet. The grader
(``python -m linreg_utils.grade``) reads the same records, for a live view and to mark submissions.

Example:
    >>> settings = class_settings()
    >>> isinstance(settings.solutions, bool)
    True
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .language import message

SETTINGS_FILE = "linreg-class.toml"
ON = {"1", "on", "true", "yes"}
OFF = {"0", "off", "false", "no"}


@dataclass(frozen=True)
class ClassSettings:
    """What the teacher set.

    Attributes:
        solutions: ``False`` when ``qN.solution()`` must not show the solution.
        log_folder: the folder that records every check, hint and solution call, or ``None`` (off).
        student: the learner's name for the records, or ``None``.
        source: the ``linreg-class.toml`` that was read, or ``None``.
    """

    solutions: bool = True
    log_folder: Path | None = None
    student: str | None = None
    source: Path | None = None


def find_settings_file(start: Path | None = None) -> Path | None:
    """The ``linreg-class.toml`` in ``start`` (default: the working folder) or the nearest folder above it."""
    folder = Path.cwd() if start is None else Path(start)
    for candidate in (folder, *folder.parents):
        path = candidate / SETTINGS_FILE
        if path.is_file():
            return path
    return None


def _switch(value: object, where: str) -> bool:
    """``on``/``off`` (or a TOML boolean) as a bool; anything else is refused, naming ``where`` and the fix."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ON | OFF:
        return text in ON
    raise ValueError(message("classroom.switch", where=where, value=value))


def class_settings(start: Path | None = None) -> ClassSettings:
    """The settings in force: the environment's, then the nearest ``linreg-class.toml``'s, then the defaults.

    Raises:
        ValueError: the file is not valid TOML, has a key this course does not know, or a value of the wrong
            kind; the message names the file and the fix.
    """
    path = find_settings_file(start)
    found: dict[str, object] = {}
    if path is not None:
        try:
            found = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ValueError(message("classroom.unreadable", path=path, error=error)) from None
        unknown = sorted(set(found) - {"solutions", "log_folder"})
        if unknown:
            raise ValueError(message("classroom.unknown", path=path, keys=", ".join(unknown)))
    solutions = _switch(found.get("solutions", True), f"{path}: solutions")
    if os.environ.get("LINREG_SOLUTIONS", "").strip():
        solutions = _switch(os.environ["LINREG_SOLUTIONS"], "LINREG_SOLUTIONS")
    log_folder = None
    if isinstance(found.get("log_folder"), str) and found["log_folder"].strip():
        log_folder = path.parent / found["log_folder"]
    elif "log_folder" in found:
        raise ValueError(message("classroom.log_folder", path=path, value=found["log_folder"]))
    if os.environ.get("LINREG_CLASS_LOG", "").strip():
        log_folder = Path(os.environ["LINREG_CLASS_LOG"].strip())
    student = os.environ.get("LINREG_STUDENT", "").strip() or None
    return ClassSettings(solutions=solutions, log_folder=log_folder, student=student, source=path)


# ------------------------------------------------------------------------------------------- the class log

EVENTS = ("check", "hint", "solution")
_failed = {"warned": False}  # one warning per session when the log cannot be written


def student_name() -> str:
    """Who the records are about: ``LINREG_STUDENT``, else a non-empty ``student_name`` in the notebook (the
    student edition's first code cell), else the computer's login name.

    Example:
        >>> isinstance(student_name(), str)
        True
    """
    name = os.environ.get("LINREG_STUDENT", "").strip()
    if name:
        return name
    namespaces = []
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        namespaces.append(shell.user_ns)
    namespaces.append(getattr(sys.modules.get("__main__"), "__dict__", {}))
    for namespace in namespaces:
        value = namespace.get("student_name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "student"


def safe_file_name(name: str) -> str:
    """``name`` as a file name on every system: letters (any script), digits, ``-``, ``_`` and ``.`` kept, any
    other character made ``_``, at most 80 characters, never hidden nor empty.

    Example:
        >>> safe_file_name("Li Wei / 李伟")
        'Li_Wei___李伟'
    """
    safe = re.sub(r"[^\w.-]", "_", name.strip())[:80].lstrip(".")
    return safe or "student"


def event_line(notebook: str, question: str, event: str, result: str, student: str | None = None) -> bytes:
    """One record of the class log, as the bytes written: JSON on one line, ending with a newline.

    Example:
        >>> json.loads(event_line("nb04", "q2", "check", "correct", student="Ann"))["result"]
        'correct'
    """
    record = {"time": datetime.now().astimezone().isoformat(timespec="milliseconds"),
              "student": student or student_name(), "notebook": notebook, "question": question, "event": event,
              "result": result}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def record_event(notebook: str, question: str, event: str, result: str) -> Path | None:
    """Append one record to the student's file in the class's log folder; nothing when no log folder is set.

    Never raises: a log that cannot be written (a full disk, a folder gone, a bad settings file) gets one warning
    on stderr per session, and the learner's check goes on.

    Args:
        notebook: ``"nb04"``; question: ``"q2"``; event: ``"check"``, ``"hint"`` or ``"solution"``.
        result: ``"correct"``, a mistake key (``"q2.swapped"``, ``"core.blank"``), a hint's key, ``"shown"``.

    Returns:
        The file written to, or ``None``.

    Example:
        >>> record_event("nb04", "q2", "check", "correct") is None  # no LINREG_CLASS_LOG here
        True
    """
    try:
        folder = class_settings().log_folder
        if folder is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        student = student_name()
        path = folder / f"{safe_file_name(student)}.jsonl"
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, event_line(notebook, question, event, result, student))  # one write: never torn
        finally:
            os.close(descriptor)
        return path
    except (OSError, ValueError) as error:
        if not _failed["warned"]:
            _failed["warned"] = True
            print(f"linreg_utils: {message('classroom.log_failed', error=error)}", file=sys.stderr)
        return None


def read_log(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one student's file, in order; a last line without its newline (being written) and a line
    that is not a record are skipped. A file that cannot be read gives nothing."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return
    for line in data.split(b"\n")[:-1]:  # the part after the last newline is not finished yet
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and {"notebook", "question", "event", "result"} <= record.keys():
            yield record


def read_events(folder: Path) -> list[dict[str, Any]]:
    """Every record of a log folder (all ``*.jsonl`` files), each file's in order.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = (Path(folder) / "ann.jsonl").write_bytes(event_line("nb04", "q1", "check", "correct", "Ann"))
        ...     [(e["student"], e["result"]) for e in read_events(Path(folder))]
        [('Ann', 'correct')]
    """
    return [record for path in sorted(Path(folder).glob("*.jsonl")) for record in read_log(path)]
