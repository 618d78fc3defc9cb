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

Example:
    >>> settings = class_settings()
    >>> isinstance(settings.solutions, bool)
    True
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

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
