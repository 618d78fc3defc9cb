"""Short tracebacks in Jupyter: show the lines of your own cells, hide the libraries' insides.

When a cell fails, IPython prints every function call between your line and the error: often 30 lines
inside PyTorch that a beginner cannot act on. After ``short_tracebacks()`` a failing cell shows the
error, the line of *your* cell that caused it, and one line saying how many library lines were hidden.
Outside IPython (a script, a terminal) it does nothing: Python's own tracebacks are unchanged.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import types
from typing import Any

from .language import message

_LIBRARY_DIRS = tuple(
    os.path.normcase(os.path.realpath(p))
    for p in {*(sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")),
              os.path.dirname(os.path.abspath(__file__))}
)


def _is_library(frame: types.FrameType) -> bool:
    """True for code from the standard library, an installed package or ``linreg_utils`` itself."""
    filename = os.path.normcase(os.path.realpath(frame.f_code.co_filename))
    return filename.startswith(_LIBRARY_DIRS)


def _own_frames(tb: types.TracebackType | None) -> tuple[types.TracebackType | None, dict[str, int]]:
    """The traceback with library frames removed, and how many frames of each library were removed."""
    kept: list[types.TracebackType] = []
    hidden: dict[str, int] = {}
    while tb is not None:
        if _is_library(tb.tb_frame):
            package = str(tb.tb_frame.f_globals.get("__name__", "?")).split(".")[0]
            hidden[package] = hidden.get(package, 0) + 1
        else:
            kept.append(tb)
        tb = tb.tb_next
    if not kept:  # nothing of the learner's to show: keep everything rather than nothing
        return None, {}
    new: types.TracebackType | None = None
    for old in reversed(kept):
        new = types.TracebackType(new, old.tb_frame, old.tb_lasti, old.tb_lineno)
    return new, hidden


def _shorten(value: BaseException) -> dict[str, int]:
    """Shorten the traceback of ``value`` and of the exceptions chained to it, in place."""
    hidden: dict[str, int] = {}
    seen: set[int] = set()
    exc: BaseException | None = value
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        short, removed = _own_frames(exc.__traceback__)
        if short is not None:
            exc.__traceback__ = short
            for package, count in removed.items():
                hidden[package] = hidden.get(package, 0) + count
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    hidden.pop("IPython", None)  # the frame that ran the cell: never interesting
    return hidden


def _handler(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> None:
    value.__traceback__ = tb
    hidden = _shorten(value)
    stb = shell.InteractiveTB.structured_traceback(etype, value, value.__traceback__)
    if hidden:
        where = message("tracebacks.separator").join(
            message("tracebacks.hidden", count=count, package=package) for package, count in hidden.items())
        stb.append(f"\x1b[2m{message('tracebacks.footer', hidden=where)}\x1b[0m")
    shell._showtraceback(etype, value, stb)


def short_tracebacks(on: bool = True) -> None:
    """Show only your own cells' lines when a cell fails (in Jupyter/IPython); ``False`` turns it off.

    Args:
        on: ``True`` to hide frames from the standard library, installed packages and ``linreg_utils``;
            ``False`` to go back to IPython's full tracebacks.

    Outside IPython (a script, a terminal) it does nothing: Python's own tracebacks stay as they are.

    Example:
        >>> short_tracebacks()  # in a notebook's setup cell; elsewhere it changes nothing
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "_showtraceback"):
        return
    if on:
        shell.set_custom_exc((Exception,), _handler)
    else:
        shell.set_custom_exc((), None)
