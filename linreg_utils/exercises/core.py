"""The mechanism behind the exercises: a question, its checker, hint and solution."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import Any

import numpy as np
import torch


class _Blank:
    """The placeholder a learner replaces with an answer."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


def _contains_blank(answer: Any) -> bool:
    if answer is ____:
        return True
    if isinstance(answer, (tuple, list)):
        return any(_contains_blank(a) for a in answer)
    return False


class Feedback:
    """A message for the learner: rendered as Markdown in Jupyter, plain text everywhere else.

    Args:
        plain: the message as plain text (what a terminal shows; ``*word*`` stays as it is).
        markdown: the same message as Markdown (what a notebook renders: **bold**, *emphasis*, code).

    Example:
        >>> Feedback("Hint: divide by n.", "**Hint:** divide by *n*.").show()  # plain text outside Jupyter
        Hint: divide by n.
    """

    def __init__(self, plain: str, markdown: str) -> None:
        self.plain = plain
        self.markdown = markdown

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return self.plain

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's text/plain
        printer.text(self.plain)

    def _repr_markdown_(self) -> str:  # what Jupyter renders
        return self.markdown

    def show(self) -> None:
        """Display the message: Markdown in a Jupyter notebook, plain text in a terminal or a script."""
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is not None and "IPKernelApp" in getattr(shell, "config", {}):
            from IPython.display import display

            display(self)
        else:
            print(self.plain)


def _markdown_message(text: str) -> str:
    """A checker's message as Markdown: the blank shown as code; everything else is already Markdown-safe."""
    return text.replace(" ____ ", " `____` ")


class Question:
    """One exercise: a checker that explains mistakes, a hint and a solution.

    Args:
        prompt: the task in one sentence (shown by ``print(q)``).
        checker: ``checker(answer) -> None`` when the answer is right, else a
            string saying *why* it is not right yet (the usual mistake, named).
        hint: a nudge towards the answer.
        solution: the answer as code, followed by a short explanation.
    """

    def __init__(self, prompt: str, checker: Callable[[Any], str | None], hint: str, solution: str) -> None:
        self.prompt = prompt
        self._checker = checker
        self._hint = hint
        self._solution = solution

    def diagnose(self, answer: Any) -> str | None:
        """``None`` if ``answer`` is right, else the reason it is not (what ``check`` prints)."""
        if _contains_blank(answer):
            return "replace ____ with your answer, then run the cell again."
        try:
            return self._checker(answer)
        except Exception as err:  # a wrong kind of answer must not crash the lesson
            return f"your answer could not be checked ({type(err).__name__}: {err})."

    def check(self, answer: Any) -> None:
        """Show ``Correct`` or a message that says what to fix (formatted in Jupyter, plain in a terminal)."""
        problem = self.diagnose(answer)
        if problem is None:
            Feedback("✅ Correct!", "✅ **Correct!**").show()
        else:
            Feedback(f"❌ Not yet: {problem}", f"❌ **Not yet:** {_markdown_message(problem)}").show()

    def hint(self) -> None:
        """Show a hint."""
        Feedback(f"💡 Hint: {self._hint}", f"💡 **Hint:** {_markdown_message(self._hint)}").show()

    def solution(self) -> None:
        """Show the solution: code, with comments that explain it."""
        code = self._solution.strip("\n")
        Feedback("Solution:\n" + textwrap.indent(code, "    "), f"**Solution:**\n\n```python\n{code}\n```").show()

    def __repr__(self) -> str:
        return f"Question: {self.prompt}"


def as_numpy(value: Any) -> np.ndarray | None:
    """A numpy view of a tensor or array answer (``None`` for anything else)."""
    if isinstance(value, torch.Tensor):
        return value.detach().cpu().numpy()
    if isinstance(value, np.ndarray):
        return value
    return None


def compare_array(answer: Any, expected: np.ndarray, name: str = "your array", atol: float = 1e-5) -> str | None:
    """Diagnose an array answer: its type, then shape, then dtype, then values.

    Args:
        answer: what the learner gave (numpy array or tensor expected).
        expected: the right array; its shape and dtype are required too.
        name: how to call the answer in messages.
        atol: tolerance on the values.

    Returns:
        ``None`` when right, else the first problem found, with its fix.
    """
    got = as_numpy(answer)
    if got is None:
        kind = "a Python list" if isinstance(answer, list) else f"a {type(answer).__name__}"
        return f"{name} is {kind}; make a numpy array with np.array(..., dtype=np.{expected.dtype})."
    if got.shape != expected.shape:
        fix = ""
        if got.size == expected.size:
            fix = f" — the numbers may be right: try .reshape{expected.shape}"
            if expected.ndim == 2 and expected.shape[1] == 1:
                fix = " — the numbers may be right: make it a column with .reshape(-1, 1)"
        return f"{name} has shape {got.shape}, expected {expected.shape}{fix}."
    if got.dtype != expected.dtype:
        return f"{name} has dtype {got.dtype}, expected {expected.dtype}: convert it with .astype(np.{expected.dtype})."
    if not np.allclose(got, expected, atol=atol):
        i = int(np.argmax(np.abs(got.astype(np.float64) - expected).ravel()))
        position = tuple(int(k) for k in np.unravel_index(i, expected.shape))
        return (
            f"{name} has the right shape and dtype, but some values differ "
            f"(e.g. position {position}: got {got.ravel()[i]:.4g}, "
            f"expected {expected.ravel()[i]:.4g})."
        )
    return None


def as_array(answer: Any, dtype: type = np.float64) -> np.ndarray | None:
    """The answer as a numeric numpy array (from an array, tensor, list, tuple, range or number), or None."""
    if isinstance(answer, range):
        answer = list(answer)
    if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool):
        answer = np.asarray(answer)
    got = as_numpy(answer)
    if got is None and isinstance(answer, (list, tuple)):
        try:
            got = np.asarray(answer, dtype=dtype)
        except (TypeError, ValueError):
            return None
    if got is None or not np.issubdtype(got.dtype, np.number):
        return None
    return got.astype(dtype)


def as_number(value: Any) -> float | None:
    """The answer as a float if it is a single number (int, float, 1-element array or tensor), else None."""
    if (isinstance(value, torch.Tensor) and value.numel() == 1) or (isinstance(value, np.ndarray) and value.size == 1):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return None
    return float(value)


def is_close(value: float | None, target: float, rtol: float = 1e-3, atol: float = 1e-9) -> bool:
    """True when ``value`` (from :func:`as_number`) is within tolerance of ``target``."""
    return value is not None and bool(np.isclose(value, target, rtol=rtol, atol=atol))


def compare_number(answer: Any, expected: float, name: str = "your number", rtol: float = 1e-3) -> str | None:
    """Diagnose a numeric answer within a relative tolerance ``rtol``."""
    value = as_number(answer)
    if value is None:
        return f"{name} should be a number, got {type(answer).__name__}."
    if not is_close(value, expected, rtol=rtol, atol=1e-12):
        return f"{name} is {value:.4g}, which is not right yet."
    return None
