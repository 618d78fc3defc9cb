"""Folders a tool builds beside their place and swaps in when complete; only the tool that made one replaces it.

    from marked_folder import MarkedFolders, unwritable

    FOLDERS = MarkedFolders("tools/build_book.py")  # its mark: a file named .made-by-build_book
    problem = FOLDERS.refusal(out, "--out") or unwritable(out, "--out")  # None, or one line: why not OUT
    work = FOLDERS.work_beside(out)                  # a new marked folder beside OUT: .OUT-building-*
    try:
        ...                                          # build into work / out.name
        FOLDERS.swap_in(work / out.name, out, work, check)
    finally:
        FOLDERS.remove(work)                         # with the old OUT in it

A failed or interrupted build leaves the old OUT as it was: the new folder takes its place by two renames (the old
one moves into WORK, and back if the second rename fails), and WORK goes at the end. Used by
tools/student_edition.py, tools/build_book.py and tools/wheelhouse.py; standard library only, so that
wheelhouse.py runs before .venv exists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MarkedFolders:
    """The folders one tool makes: each holds a mark file named after the tool, and only such a folder is ever
    replaced or deleted."""

    tool: str  # as the messages name it, e.g. "tools/build_book.py"

    @property
    def mark(self) -> str:
        """The mark file's name, e.g. ``.made-by-build_book``."""
        return f".made-by-{Path(self.tool).stem}"

    @property
    def mark_text(self) -> str:
        return f"This folder was made by {self.tool}, which replaces or deletes it at the next build.\n"

    def made_here(self, folder: Path) -> bool:
        """Whether ``folder`` is one this tool made (it holds the mark file)."""
        mark = folder / self.mark
        return folder.is_dir() and mark.is_file() and not mark.is_symlink()

    def new_folder(self, folder: Path) -> Path:
        """A new folder (its parents made as needed), marked as this tool's."""
        folder.mkdir(parents=True)
        (folder / self.mark).write_text(self.mark_text, encoding="utf-8")
        return folder

    def remove(self, folder: Path) -> None:
        """Delete a folder this tool made (and only such a folder)."""
        if self.made_here(folder):
            shutil.rmtree(folder)

    def refusal(self, folder: Path, option: str, fix: str = "") -> str | None:
        """Why ``folder`` (given as ``option``) may not be written, in one line; None if it is new or this tool's.
        ``fix`` ends the advice for a folder the tool did not make."""
        if folder.exists() and not folder.is_dir():
            return f"{option} {folder}: this is a file, not a folder; give the name of a new folder"
        if folder.is_dir() and not self.made_here(folder):
            return (f"{option} {folder}: this folder exists and was not made by {self.tool} (no {self.mark} in it), so "
                    f"it is left alone; give a new folder's name, or delete it yourself{fix}")
        return None

    def work_beside(self, out: Path) -> Path:
        """A new marked folder beside ``out`` (``.OUT-building-*``), its parent made as needed; ``OSError`` if not."""
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
        (work / self.mark).write_text(self.mark_text, encoding="utf-8")
        return work

    def swap_in(self, new: Path, out: Path, work: Path, check: Callable[[], None]) -> None:
        """Put ``new`` in ``out``'s place. The old ``out`` (``check()`` first: it is still the tool's own) moves
        into ``work`` (deleted with it), and back if ``new`` cannot take its place."""
        previous = work / "previous"
        if out.exists() or out.is_symlink():
            check()
            out.rename(previous)
        try:
            new.rename(out)
        except OSError:
            if previous.exists():
                previous.rename(out)
            raise


def unwritable(folder: Path, option: str) -> str | None:
    """Why ``folder`` (given as ``option``) cannot be made, in one line: the nearest folder above it that exists is
    a file or read-only; else None."""
    for above in folder.parents:
        if above.exists():
            if not above.is_dir():
                return f"{option} {folder}: {above} is a file, not a folder; move it away or give another --out"
            if not os.access(above, os.W_OK | os.X_OK):
                return f"{option} {folder}: cannot write in {above} (read-only); give a folder you can write to"
            break
    return None
