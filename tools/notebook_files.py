"""Read and write notebook files safely: one-line errors that name the file, atomic writes.

    from notebook_files import NotebookError, read_notebook, write_notebook

    nb = read_notebook("notebooks/04_training.ipynb")   # a dict (nbformat 4), or NotebookError
    write_notebook(nb, "notebooks/04_training.ipynb")    # temp file beside it, then os.replace

``read_notebook`` checks what a hand edit, a merge or an interrupted save can leave behind and raises
``NotebookError`` (a ``ValueError``) whose message is one line: the file, what is wrong, what to do.
Standard library only, so the tools that run with the system's ``python3`` (make translation-status)
can use it too.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

BOM = b"\xef\xbb\xbf"
CONFLICT = re.compile(r"^(<<<<<<<|=======$|>>>>>>>|\|\|\|\|\|\|\|)", re.MULTILINE)
CELL_TYPES = ("markdown", "code", "raw")


class NotebookError(ValueError):
    """A notebook file that cannot be used; ``str(error)`` is one line naming the file and the fix."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def parse_notebook(text: str, path: str | os.PathLike[str] = "<notebook>") -> dict[str, Any]:
    """Check and parse a notebook's text (see ``read_notebook``); ``path`` is only used in messages."""
    restore = f"restore it (git checkout -- {path}) or fix it by hand"
    if text.startswith("\ufeff"):
        raise NotebookError(path, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    conflict = CONFLICT.search(text)
    if conflict:
        raise NotebookError(path, f"has git conflict markers ({conflict.group(1)} at line "
                                  f"{_line_of(text, conflict.start())}); resolve the merge, keep one version "
                                  "of each cell and delete the marker lines")
    if not text.strip():
        raise NotebookError(path, f"is empty; {restore}")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise NotebookError(path, f"is cut short (the JSON stops at line {error.lineno}; an interrupted "
                                      f"save?); {restore}") from None
        raise NotebookError(path, f"is not valid JSON (line {error.lineno}, column {error.colno}: "
                                  f"{error.msg}); {restore}") from None
    if not isinstance(nb, dict) or "cells" not in nb or "nbformat" not in nb:
        raise NotebookError(path, "is not a Jupyter notebook (no 'cells' and 'nbformat' at the top); "
                                  "give a .ipynb file")
    if nb["nbformat"] != 4:
        raise NotebookError(path, f"has nbformat {nb['nbformat']!r}, not 4; open and save it in JupyterLab "
                                  "to convert it")
    if not isinstance(nb.get("metadata", {}), dict):
        raise NotebookError(path, f"its metadata is a {type(nb['metadata']).__name__}, not an object; "
                                  f"{restore}")
    if not isinstance(nb["cells"], list):
        raise NotebookError(path, f"its 'cells' is a {type(nb['cells']).__name__}, not a list; {restore}")
    for i, cell in enumerate(nb["cells"]):
        where = f"cell {i}"
        if not isinstance(cell, dict):
            raise NotebookError(path, f"{where} is a {type(cell).__name__}, not an object; {restore}")
        if cell.get("cell_type") not in CELL_TYPES:
            raise NotebookError(path, f"{where} has cell_type {cell.get('cell_type')!r} (expected markdown, "
                                      f"code or raw); {restore}")
        source = cell.get("source", "")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise NotebookError(path, f"{where}'s source is a {type(source).__name__}, not text or a list of "
                                      f"lines; {restore}")
        if not isinstance(cell.get("metadata", {}), dict):
            raise NotebookError(path, f"{where}'s metadata is a {type(cell['metadata']).__name__}, not an "
                                      f"object; {restore}")
        if "id" in cell and not isinstance(cell["id"], str):
            raise NotebookError(path, f"{where}'s id is a {type(cell['id']).__name__}, not text; {restore}")
        if cell["cell_type"] == "code" and not isinstance(cell.get("outputs", []), list):
            raise NotebookError(path, f"{where}'s outputs are a {type(cell['outputs']).__name__}, not a list; "
                                      f"{restore}")
    return nb


def read_notebook(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The notebook at ``path`` as a dict (nbformat 4), checked; else ``NotebookError`` with a one-line message.

    Caught: a missing file or a folder, a byte-order mark, text that is not UTF-8, git conflict markers,
    JSON cut short or broken, JSON that is not a notebook, metadata/cells/sources of the wrong type.

    >>> read_notebook("no/such.ipynb")
    Traceback (most recent call last):
    notebook_files.NotebookError: no/such.ipynb: no such file (check the path)
    """
    p = Path(path)
    if p.is_dir():
        raise NotebookError(path, "is a folder, not a notebook file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise NotebookError(path, "no such file (check the path)") from None
    except OSError as error:
        raise NotebookError(path, f"cannot be read ({error.strerror or error})") from None
    if data.startswith(BOM):
        raise NotebookError(path, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotebookError(path, f"is not UTF-8 text (byte {error.start}); is it a notebook?") from None
    return parse_notebook(text, path)


def notebook_text(nb: dict[str, Any]) -> str:
    """The text of a notebook in the layout nbformat writes (indent 1, sorted keys, real Unicode)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then ``os.replace``.

    A crash or Ctrl-C leaves either the old file or the new one, never half of it. An existing file's
    permissions are kept; a new file gets the usual ones (0666 less the umask)."""
    p = Path(path)
    try:
        mode = p.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_notebook(nb: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write notebook ``nb`` (a dict) to ``path`` atomically, in nbformat's layout (see ``write_text``)."""
    write_text(path, notebook_text(nb))
