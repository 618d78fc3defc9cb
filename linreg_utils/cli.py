"""What both command lines share: one-line option errors, option types, and clean interrupts."""

from __future__ import annotations

import argparse
import contextlib
import math
import re
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from .language import message
from .validation import check_save_path

_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.DOTALL)  # argparse's own "argument --lr: <problem>"


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not a usage block, in the learner's language."""

    def error(self, message_: str) -> None:  # type: ignore[override]
        argument = _ARGUMENT.fullmatch(message_)
        if argument:
            message_ = message("cli.argument", option=argument[1], problem=argument[2])
        self.exit(2, message("cli.error", prog=self.prog, message=message_) + "\n")


def positive(kind: type, what: str | None = None) -> Callable[[str], int | float]:
    """An argparse type for a finite number > 0 of ``kind`` (``int`` or ``float``).

    ``what`` names the kind in the message (default: "a whole number" or "a number", in the current language).
    """

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            wanted = what or message("cli.a_whole_number" if kind is int else "cli.a_number")
            raise argparse.ArgumentTypeError(message("cli.not_kind", text=text, what=wanted)) from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(message("cli.not_finite", text=text))
        if value <= 0:
            raise argparse.ArgumentTypeError(message("cli.not_positive", text=text))
        return value

    parse.__name__ = what or ("a whole number" if kind is int else "a number")
    return parse


def non_negative_int(text: str) -> int:
    """An argparse type for a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(message("cli.not_whole", text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(message("cli.negative", text=text))
    return value


SEED_MAX = 2**64 - 1  # torch.manual_seed takes 0 .. 2**64 - 1


def seed(text: str) -> int:
    """An argparse type for a seed torch.manual_seed accepts."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(message("cli.not_whole", text=text)) from None
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(message("cli.seed_range", text=text))
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

    how, code = (message("cli.terminated"), 143) if received_sigterm else (message("cli.interrupted"), 130)
    print(message("cli.stopped", prog=prog, how=how, when=what), file=sys.stderr)
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
