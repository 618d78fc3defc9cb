"""What both command lines share: one-line option errors, option types, and clean interrupts."""

from __future__ import annotations

import argparse
import contextlib
import math
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from .checkpoint import check_save_path


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def positive(kind: type, what: str) -> Callable[[str], int | float]:
    """An argparse type for a finite number > 0 of ``kind`` (``int`` or ``float``)."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number: give a number > 0 such as 0.01")
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be > 0")
        return value

    parse.__name__ = what
    return parse


def non_negative_int(text: str) -> int:
    """An argparse type for a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be >= 0")
    return value


SEED_MAX = 2**64 - 1  # torch.manual_seed takes 0 .. 2**64 - 1


def seed(text: str) -> int:
    """An argparse type for a seed torch.manual_seed accepts."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range: give a whole number from 0 to 2**64 - 1")
    return value


def output_problem(path: Path) -> str | None:
    """Why a file cannot be written at ``path`` (checked before any work), or ``None`` if it can.

    The same check as every save (:func:`linreg_utils.checkpoint.check_save_path`), as one line for argparse.
    """
    try:
        check_save_path(path)
    except OSError as err:
        return str(err)
    return None


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that ``finally`` blocks run and temporary files are removed."""


received_sigterm = False


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    global received_sigterm
    received_sigterm = True
    raise Terminated()


def interrupt_exit(prog: str, what: str) -> int:
    """Print one line for Ctrl-C or SIGTERM and return the shell's exit code for it (130 or 143)."""
    import sys

    name, code = ("terminated (SIGTERM)", 143) if received_sigterm else ("interrupted", 130)
    print(f"{prog}: {name} {what}", file=sys.stderr)
    return code


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While active, SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``) in the main thread, so
    ``finally`` blocks run; the previous handler is restored afterwards (e.g. when ``main`` is called from tests)."""
    global received_sigterm
    received_sigterm = False
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
