"""The mechanism behind the exercises: declared questions, their feedback, and its languages.

A question is *declared*, not programmed: the expected answer, how to read the learner's answer, the
known mistakes (each a wrong value, or a test on the answer, with the message that names the
misconception), hints in order and a solution that is code. Only a question that runs the learner's
own code (a function to write) needs a checker of its own, and it returns the same kind of verdict.

Every sentence a learner reads comes from a per-language catalogue (``text/<language>/<module>.py``),
keyed by the question: ``"q1.hint1"``, ``"q1.sum"``, ... A bug in a checker is an error for the
course's authors (:class:`CheckerError`), never "your answer could not be checked".
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import io
import itertools
import math
import numbers as _numbers
import random
import string
import sys
import textwrap
import time
import tokenize
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import torch

from ..classroom import class_settings
from ..language import (  # noqa: F401 - LANGUAGES, get_language and set_language re-exported for notebooks
    LANGUAGES,
    CatalogueError,
    catalogue,
    catalogue_file,
    fill,
    get_language,
    set_language,
)
from ..validation import kind_of

# ------------------------------------------------------------------------------------------- languages
# The one switch for everything the learner reads is linreg_utils.language (set_language, catalogue, ...).


def text(module: str, key: str, **values: Any) -> str:
    """The message ``key`` of ``module`` in the current language, filled in with ``values``.

    Raises:
        CheckerError: if the current language's catalogue has no ``key``, or the message uses a placeholder that
            is not among ``values``: the message names the catalogue file, the key and the language.

    Example:
        >>> text("core", "last_hint", name="q1")
        '(That was the last hint: q1.solution() shows an answer.)'
    """
    try:
        return fill(module, key, values)
    except CatalogueError as err:
        raise CheckerError(str(err)) from None


def _fields(template: str) -> set[str]:
    """The placeholders of a message: ``"{got} is {shown:.3}"`` -> ``{"got", "shown"}``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def verify_catalogue(module: str) -> None:
    """Check the catalogue ``module`` in every language; raise :class:`CheckerError` at its first mistake.

    Every language must have every English message and no other, each with the English message's placeholders;
    for a notebook's questions (``"nb04"``), every hint must fill in with the question's values in every language.
    The error names the catalogue file, the key and the language.

    Example:
        >>> verify_catalogue("nb04")
    """
    english_file = catalogue_file(module, "en")
    english = catalogue(module, "en")
    if not english:
        raise CheckerError(f"{english_file} is missing or has no TEXT: every catalogue starts in English")
    for language in LANGUAGES:
        where = catalogue_file(module, language)
        messages = catalogue(module, language)
        if not messages:
            raise CheckerError(f"{where} is missing (language {language}): translate {english_file} into it")
        for key in english:
            if key not in messages:
                raise CheckerError(f"{where} has no message {key!r} (language {language}): add it, translated from "
                                   f"{english_file}")
        for key, template in messages.items():
            if key not in english:
                raise CheckerError(f"{where} has a message {key!r} (language {language}) that {english_file} does "
                                   "not have: remove it, or add it in English too")
            try:
                fields, wanted = _fields(template), _fields(english[key])
            except (ValueError, TypeError, AttributeError) as err:
                raise CheckerError(f"{where}, message {key!r} (language {language}): it cannot be read as a message "
                                   f"({type(err).__name__}: {err}); a literal brace is written twice, {{{{ or }}}}"
                                   ) from None
            if fields != wanted:
                unknown, missing = sorted(fields - wanted), sorted(wanted - fields)
                problem = "; ".join(
                    [f"the placeholder {{{f}}} is not in the English message" for f in unknown]
                    + [f"the English message's placeholder {{{f}}} is missing" for f in missing]
                )
                raise CheckerError(f"{where}, message {key!r} (language {language}): {problem} ({english_file})")
    if module.startswith("nb"):
        questions = importlib.import_module(f"{__package__}.{module}")
        for question in (q for q in vars(questions).values() if isinstance(q, Question)):
            for language in LANGUAGES:
                question.hints_in(language)


# -------------------------------------------------------------------------------------------- feedback


@dataclass(repr=False)
class Feedback:
    """A message for the learner: rendered as Markdown in Jupyter, plain text everywhere else.

    Args:
        plain: the message as plain text (what a terminal shows; ``*word*`` stays as it is).
        markdown: the same message as Markdown (what a notebook renders: **bold**, *emphasis*, code).

    Example:
        >>> Feedback("Hint: divide by n.", "**Hint:** divide by *n*.").show()  # plain text outside Jupyter
        Hint: divide by n.
    """

    plain: str
    markdown: str

    def __repr__(self) -> str:  # also str() and IPython's text/plain
        return self.plain

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


def _markdown(message: str) -> str:
    """A catalogue message as Markdown: the blank shown as code; the rest is written Markdown-safe."""
    return message.replace("____", "`____`")


# ------------------------------------------------------------------------------------- verdicts, errors


class CheckerError(RuntimeError):
    """A question's checker failed: a bug in the course, not a mistake of the learner."""


@dataclass
class Wrong:
    """The verdict "not yet": the catalogue key of the message, and the values it is filled in with.

    ``key`` is relative to the question's module (``"q1.sum"``), or starts with ``"core."``.
    """

    key: str
    values: dict[str, Any]

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values


class Unreadable(Exception):
    """Raised by a reader when the answer is not of a kind the question can read; carries a :class:`Wrong`."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.wrong = Wrong(key, **values)


# ----------------------------------------------------------------------------------- the tolerance policy

RTOL = 5e-3  # an answer rounded to 3 significant figures is right
CLOSE_RTOL = 5e-2  # within 2 significant figures: "close, give more digits"
ATOL = 1e-6


def _floats(value: Any) -> np.ndarray | None:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def close(got: Any, expected: Any, rtol: float = RTOL) -> bool:
    """True when ``got`` equals ``expected`` within the course's one tolerance (same shape for arrays).

    Numbers, tuples of numbers and arrays are compared element by element.

    Example:
        >>> close(13.3, 40 / 3), close(13.0, 40 / 3)
        (True, False)
    """
    a, b = _floats(got), _floats(expected)
    return a is not None and b is not None and a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=ATOL))


def rounded(got: Any, expected: Any) -> bool:
    """True when ``got`` is ``expected`` rounded (up or down) to 2 significant figures, element by element.

    Such an answer is "close, give more digits", even when it happens to equal a known mistake.

    Example:
        >>> rounded(-13, -40 / 3), rounded(0.72, 0.725), rounded(0.718, 0.725)
        (True, True, False)
    """
    a, b = _floats(got), _floats(expected)
    if a is None or b is None or a.shape != b.shape or not np.all(np.isfinite(a)):
        return False
    for g, e in zip(a.ravel(), b.ravel(), strict=True):
        if close(g, e):
            continue
        if e == 0:
            return False
        scale = 10.0 ** (1 - math.floor(math.log10(abs(e))))
        options = [math.floor(e * scale) / scale, math.ceil(e * scale) / scale]
        if not any(math.isclose(g, o, rel_tol=1e-9, abs_tol=1e-12) for o in options):
            return False
    return True


# ------------------------------------------------------------------------------------------------ readers
# A reader turns the learner's answer into the value a question compares, or raises Unreadable.


class AnswerArray(np.ndarray):
    """A numpy array read from a tensor answer: it remembers the tensor's dtype (``"bfloat16"``, ``"float32"``).

    numpy has no bfloat16, so a bfloat16 tensor is read as float32 (every bfloat16 value is a float32 value);
    the messages still name the dtype the learner used, and suggest a tensor's own conversion (``.to(...)``).
    """

    tensor_dtype: str | None = None

    def __array_finalize__(self, obj: Any) -> None:
        self.tensor_dtype = getattr(obj, "tensor_dtype", None)


def tensor_values(value: torch.Tensor) -> np.ndarray:
    """A tensor's numbers as a numpy array on the CPU, from any dtype and device, or :class:`Unreadable`.

    A ``meta`` tensor has a shape but no numbers; complex numbers are not an answer to these questions.

    Example:
        >>> tensor_values(torch.tensor([1.5, 2.0], dtype=torch.bfloat16)).tensor_dtype
        'bfloat16'
    """
    if value.device.type == "meta":
        raise Unreadable("core.meta", shape=tuple(value.shape))
    if value.is_complex():
        raise Unreadable("core.complex", dtype=str(value.dtype).removeprefix("torch."))
    tensor = value.detach()
    if tensor.layout != torch.strided:
        tensor = tensor.to_dense()
    tensor = tensor.cpu().resolve_conj().resolve_neg()  # a GPU tensor is read on the CPU
    name = str(tensor.dtype).removeprefix("torch.")
    if tensor.dtype not in (torch.float16, torch.float32, torch.float64, torch.bool) and tensor.is_floating_point():
        tensor = tensor.float()  # bfloat16 and the float8 types: numpy has no such dtype
    elif tensor.dtype in (torch.uint16, torch.uint32, torch.uint64):
        tensor = tensor.long()
    got = tensor.numpy().view(AnswerArray)
    got.tensor_dtype = name
    return got


def as_numpy(value: Any) -> np.ndarray | None:
    """A numpy view of a tensor or array answer (``None`` for anything else).

    Any dtype, byte order and device is read (a big-endian array as the same numbers in the machine's order);
    a ``meta`` tensor or complex numbers raise :class:`Unreadable` with a message that says so.
    """
    if isinstance(value, torch.Tensor):
        return tensor_values(value)
    if isinstance(value, np.ndarray):
        if np.iscomplexobj(value):
            raise Unreadable("core.complex", dtype=value.dtype.name)
        if not value.dtype.isnative:
            value = value.astype(value.dtype.newbyteorder("="))  # ">f4" is float32 too
        return value
    return None


def dtype_name(got: np.ndarray) -> str:
    """The dtype the learner gave: a tensor's own (``"bfloat16"``), or the array's (``"float32"``)."""
    return getattr(got, "tensor_dtype", None) or got.dtype.name


def as_number(value: Any) -> float | None:
    """The answer as a float if it is a single number, else None.

    Read: int, float, ``Fraction``, ``Decimal``, numpy scalars, one-element arrays and tensors of any dtype or
    device. A number too large for a float is read as ±inf. A ``meta`` tensor or a complex number raises
    :class:`Unreadable` with its own message.

    Example:
        >>> from fractions import Fraction
        >>> as_number(Fraction(3, 4)), as_number(torch.tensor([2.5], dtype=torch.bfloat16)), as_number("2")
        (0.75, 2.5, None)
    """
    if isinstance(value, (torch.Tensor, np.ndarray)):
        if (value.numel() if isinstance(value, torch.Tensor) else value.size) != 1:
            return None
        got = as_numpy(value)
        if got is None or got.dtype == bool:
            return None
        value = got.reshape(-1)[0].item()
    if isinstance(value, (complex, np.complexfloating)):
        raise Unreadable("core.complex", dtype=type(value).__name__)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (_numbers.Real, Decimal)):
        return None
    try:
        return float(value)
    except OverflowError:  # an int or Fraction beyond 1.8e308
        return math.inf if value > 0 else -math.inf


def number(answer: Any) -> float:
    """Read one number (int, float, numpy scalar, one-element array or tensor)."""
    value = as_number(answer)
    if value is None:
        raise Unreadable("core.number", kind=kind_of(answer))
    return value


def whole_number(answer: Any) -> int:
    """Read a whole number (``3`` or ``3.0``)."""
    value = number(answer)
    if not math.isfinite(value) or value != int(value):
        raise Unreadable("core.whole_number", got=answer)
    return int(value)


def numbers(*names: str) -> Callable[[Any], tuple[float, ...]]:
    """A reader for a tuple of numbers, e.g. ``numbers("w", "b")`` reads ``(w, b)``."""

    def read(answer: Any) -> tuple[float, ...]:
        together = ", ".join(names)
        if not isinstance(answer, (tuple, list)) or len(answer) != len(names):
            raise Unreadable("core.numbers", names=together)
        values = tuple(as_number(a) for a in answer)
        if any(v is None for v in values):
            raise Unreadable("core.numbers_kind", names=together)
        return values  # type: ignore[return-value]

    return read


def one_number(several: str) -> Callable[[Any], float]:
    """A reader for one number that answers an array or tensor of several with its own message, ``several``.

    The message may use ``{size}``, how many numbers the array holds.
    """

    def read(answer: Any) -> float:
        got = as_numpy(answer)
        if got is not None and got.size != 1:
            raise Unreadable(several, size=got.size)
        return number(answer)

    return read


def pair(read: Callable[[Any], Any], *, key: str, part_key: str | None = None) -> Callable[[Any], tuple[Any, Any]]:
    """A reader for a pair ``(a, b)`` (a tuple or a list), each part read with ``read``.

    Args:
        read: the reader of each part, e.g. ``array(lists=False)`` or :func:`whole_number`.
        key: the message for an answer that is not a pair.
        part_key: the message for a part that ``read`` refuses (default: ``read``'s own); it may use ``{answer}``.

    Example:
        >>> pair(whole_number, key="q3.pair")((11, 33.0))
        (11, 33)
    """

    def read_pair(answer: Any) -> tuple[Any, Any]:
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            raise Unreadable(key)
        try:
            return read(answer[0]), read(answer[1])
        except Unreadable:
            if part_key is None:
                raise
            raise Unreadable(part_key, answer=answer) from None

    return read_pair


def function(answer: Any) -> Callable[..., Any]:
    """Read a function the learner wrote, passed itself: ``q1.check(f)``, not ``q1.check(f(...))``."""
    if not callable(answer):
        raise Unreadable("core.function", kind=type(answer).__name__)
    return answer


def array(dtype: Any = None, lists: bool = True) -> Callable[[Any], np.ndarray]:
    """A reader for an array: a numpy array, a tensor, or (if ``lists``) a list of numbers typed by hand.

    The array keeps its shape (a wrong shape is a mistake to name, not a reason to refuse). With a
    ``dtype``, numbers typed by hand are converted to it; without one the dtype is kept, to be checked.
    """

    def read(answer: Any) -> np.ndarray:
        got = as_numpy(answer)
        if got is None and lists and isinstance(answer, (list, tuple, range)):
            try:
                got = np.asarray(list(answer), dtype=np.float64)
            except (TypeError, ValueError):
                got = None
        if got is None or not (np.issubdtype(got.dtype, np.number) or got.dtype == bool):
            name = np.dtype(dtype or np.float32).name
            raise Unreadable("core.array", kind=kind_of(answer), dtype=name)
        return got if dtype is None else np.asarray(got, dtype=dtype)  # the dtype asked for: a plain array

    return read


def text_answer(answer: str) -> str:
    """A string answer as the learner meant it: full-width characters typed by an input method read as ASCII.

    ``"．ｐｔ"`` (typed with a Chinese input method) is read as ``".pt"`` (Unicode NFKC), and the feedback says so.

    Example:
        >>> text_answer("．ｐｔ")
        '.pt'
    """
    read = unicodedata.normalize("NFKC", answer)
    if read != answer:
        note("core.full_width", typed=answer, read=read)
    return read


# Notes that a check adds to its feedback, whether the answer is right or not ("I read ．pt as .pt").
_notes: contextvars.ContextVar[list[Wrong] | None] = contextvars.ContextVar("exercise_notes", default=None)


def note(key: str, **values: Any) -> None:
    """Add a note to the feedback of the check that is running (outside a check: nothing)."""
    notes = _notes.get()
    if notes is not None:
        notes.append(Wrong(key, **values))


# ---------------------------------------------------------------------- running the learner's own code

LEARNER_SECONDS = 5.0  # a learner's function that runs longer than this is stopped: it may never end
LEARNER_MIN_LINES = 10_000  # ... once it has run this many lines of Python (an endless loop runs millions)


class _RanAway(BaseException):
    """Raised inside the learner's code when it runs past its time (BaseException: ``except Exception`` in a
    learner's loop does not catch it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the Python code run inside the block after ``seconds``: it raises :class:`Unreadable`.

    Works in any thread (a thread cannot be killed, so the limit is checked by a trace function,
    ``sys.settrace``, at every line the code runs); the trace function in place before is restored. Code that
    ran fewer than :data:`LEARNER_MIN_LINES` lines is never stopped: one slow call (CUDA starting up) is no loop.

    Example:
        >>> with time_limit(0.1):
        ...     sum(range(10))
        45
    """
    deadline = time.monotonic() + seconds
    previous = sys.gettrace()
    lines = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal lines
        lines += 1
        if lines > LEARNER_MIN_LINES and time.monotonic() > deadline:
            raise _RanAway
        return trace

    sys.settrace(trace)
    try:
        yield
    except _RanAway:
        raise Unreadable("core.ran_away", seconds=seconds) from None
    finally:
        sys.settrace(previous)


def bounded_items(items: Iterable[Any], limit: int, name: str) -> list[Any]:
    """The first items of the learner's generator, at most ``limit`` of them, or :class:`Unreadable`.

    A generator whose loop never ends would fill the memory; ``limit`` is many more than expected, so a
    right generator is never cut.

    Example:
        >>> bounded_items(iter(range(3)), 10, "f")
        [0, 1, 2]
    """
    got = list(itertools.islice(items, limit + 1))
    if len(got) > limit:
        raise Unreadable("core.endless", name=name, limit=limit)
    return got


@contextlib.contextmanager
def kept_random_state() -> Iterator[None]:
    """Run a check without changing the caller's random numbers: torch's, numpy's and Python's state are
    saved and restored (torch's generator is shared by all threads, so a check in a thread restores it too).
    """
    numpy_state, python_state = np.random.get_state(), random.getstate()  # noqa: NPY002 - the global one
    gpus = list(range(torch.cuda.device_count())) if torch.cuda.is_initialized() else []
    try:
        with torch.random.fork_rng(devices=gpus):
            yield
    finally:
        np.random.set_state(numpy_state)  # noqa: NPY002
        random.setstate(python_state)


def _labelled(icon: str, label: str, message: str) -> Feedback:
    """``message`` after an icon and a label in Markdown bold: "**Not yet:** ..." but "**还不对**：...".

    CommonMark ends bold only where ``**`` is followed by a space or punctuation; after a full-width colon the
    Chinese text follows directly, so the colon goes outside the bold. The plain text is the same without ``**``.

    Example:
        >>> _labelled("❌", "Not yet:", "no.").markdown, _labelled("❌", "还不对：", "不。").markdown
        ('❌ **Not yet:** no.', '❌ **还不对**：不。')
    """
    bold = f"**{label[:-1]}**：" if label.endswith("：") else f"**{label.rstrip()}** "
    return Feedback(f"{icon} {bold.replace('**', '')}{message}", f"{icon} {bold}{_markdown(message)}")


def compare_array(expected: np.ndarray, name: str) -> Callable[[np.ndarray], Wrong | None]:
    """An ``otherwise`` for array questions: the first difference, shape, then dtype, then values.

    Example:
        >>> compare_array(np.zeros((3, 1), np.float32), "x")(np.zeros(3, np.float32)).key
        'core.array_column'
    """

    def otherwise(got: np.ndarray) -> Wrong | None:
        if got.shape != expected.shape:
            if got.size == expected.size:
                key = "core.array_column" if expected.ndim == 2 and expected.shape[1] == 1 else "core.array_reshape"
            else:
                key = "core.array_shape"
            return Wrong(key, name=name, got_shape=got.shape, shape=expected.shape)
        if dtype_name(got) != expected.dtype.name:
            key = "core.array_dtype" if getattr(got, "tensor_dtype", None) is None else "core.tensor_dtype"
            return Wrong(key, name=name, got_dtype=dtype_name(got), dtype=expected.dtype.name)
        if not close(got, expected):
            i = int(np.argmax(np.abs(got.astype(np.float64) - expected).ravel()))
            position = tuple(int(k) for k in np.unravel_index(i, expected.shape))
            return Wrong("core.array_values", name=name, position=position, got_value=float(got.ravel()[i]),
                         expected_value=float(expected.ravel()[i]))
        return None

    return otherwise


def shape(answer: Any) -> tuple[int, ...]:
    """Read a shape: a tuple of whole numbers (a list or a ``torch.Size`` is fine too; a bare int is not)."""
    if isinstance(answer, _numbers.Integral) and not isinstance(answer, (bool, np.bool_)):
        raise Unreadable("core.shape_int", got=int(answer))
    if not isinstance(answer, (tuple, list)) or not all(
        isinstance(a, _numbers.Integral) and not isinstance(a, (bool, np.bool_)) for a in answer
    ):
        raise Unreadable("core.shape", kind=kind_of(answer))
    return tuple(int(a) for a in answer)


def show(value: Any) -> str:
    """A read answer as the messages quote it: numbers to 4 significant figures."""
    if isinstance(value, (float, np.floating)):
        return f"{value:.4g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value) + ")"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, suppress_small=True)
    return repr(value)


def anything(answer: Any) -> Any:
    """The answer as it is (for questions whose mistakes and checks look at it themselves)."""
    return answer


def at(index: int, value: Any) -> Callable[[Any], bool]:
    """A mistake's test on one part of a tuple answer: part ``index`` is ``value`` (within the tolerance).

    Example:
        >>> at(0, 6.0)((6.0, 1.0)), at(1, 6.0)((6.0, 1.0))
        (True, False)
    """
    return lambda got: close(got[index], value)


# ------------------------------------------------------------------------------------------- questions


@dataclass
class Mistake:
    """A known wrong answer and the message that names its misconception.

    Args:
        match: the value this mistake produces (compared with :func:`close`), or a function of the read
            answer that returns True when the answer shows the mistake.
        key: the message's key in the catalogue; it may use ``{got}``, ``{shown}`` and the question's ``values``.
        example: an answer that makes this mistake, for the tests (needed when ``match`` is a function).
    """

    match: Any
    key: str
    example: Any = None

    def matches(self, got: Any, exact: bool = False) -> bool:
        if callable(self.match):
            return bool(self.match(got))
        return _equal(got, self.match) if exact else close(got, self.match)


def _equal(got: Any, expected: Any) -> bool:
    """Exact equality, for counts and shapes (a tolerance would accept 507 epochs for 506)."""
    try:
        return bool(np.array_equal(np.asarray(got), np.asarray(expected)))
    except (TypeError, ValueError):
        return False


class _Blank:
    """The placeholder a learner replaces with an answer."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


def contains_blank(answer: Any) -> bool:
    """True if the answer is the blank, holds it, or is a function whose code still uses it."""
    if answer is ____:
        return True
    if isinstance(answer, (tuple, list)):
        return any(contains_blank(a) for a in answer)
    code = getattr(answer, "__code__", None)
    return code is not None and "____" in code.co_names


class Question:
    """One exercise, declared: what is right, the usual mistakes, hints in order and a solution.

    Args:
        key: ``"<module>.<name>"``, e.g. ``"nb04.q1"``: where the question's messages live in the catalogue
            (``text/<language>/nb04.py``, keys ``"q1.hint1"``, ``"q1.hint2"``, ..., ``"q1.<mistake>"``).
        answer: the variable the notebook asks for (``"answer"``, ``"relu_z"``, ...); the solution assigns it.
        expected: the right value, compared with :func:`close` after ``read`` (exactly if it is a count: an int,
            or a tuple or list of ints, like a shape); or a function of the read answer returning True when it
            is right.
        read: turns the learner's answer into a value (:func:`number`, :func:`numbers`, :func:`array`,
            :func:`shape`, ...); raises :class:`Unreadable` for an answer of the wrong kind.
        mistakes: known wrong answers, tried in order once the answer is not right.
        otherwise: the key of the message for any other wrong answer (it may use ``{got}`` and ``{shown}``),
            or a function of the read answer returning a :class:`Wrong` (e.g. :func:`compare_array`).
        check: a custom checker ``check(read(answer)) -> Wrong | None`` for questions that run the learner's
            code (``read=function``); replaces ``expected``/``mistakes``/``otherwise``.
        solution: code that assigns ``answer`` (run by the tests: it must pass its own check).
        values: values the messages are filled in with, besides ``got``.
        close_enough: answer "close, give more digits" to an answer within 2 significant figures of the
            right one, before looking for mistakes (default: yes, except for counts, which are compared
            exactly). ``"after"``: only once no mistake matched, for mistakes that lie within
            2 significant figures of the right answer.
    """

    def __init__(
        self,
        key: str,
        *,
        answer: str = "answer",
        expected: Any = None,
        read: Callable[[Any], Any] = anything,
        mistakes: Sequence[Mistake] = (),
        otherwise: str | Callable[[Any], Wrong | None] | None = None,
        check: Callable[[Any], Wrong | None] | None = None,
        solution: str,
        values: dict[str, Any] | None = None,
        close_enough: bool | str | None = None,
    ) -> None:
        self.module, self.name = key.split(".")
        self.key = key
        self.answer = answer
        self.expected = expected
        self.read = read
        self.mistakes = tuple(mistakes)
        self.otherwise = otherwise
        self.custom_check = check
        self._solution = textwrap.dedent(solution).strip("\n")
        self.values = values or {}
        counts = expected if isinstance(expected, (tuple, list)) else [expected]
        self.exact = all(isinstance(v, (int, np.integer)) for v in counts)  # counts and shapes: equal, not close
        self.close_enough = not self.exact if close_enough is None else close_enough
        self._hints_shown = 0

    # -------------------------------------------------------------------------- the verdict

    def verdict(self, answer: Any) -> Wrong | None:
        """``None`` if ``answer`` is right, else the :class:`Wrong` naming what to fix.

        Raises:
            CheckerError: if the checker itself fails (a bug to report, not the learner's mistake).
        """
        if contains_blank(answer):
            return Wrong("core.blank")
        try:
            with kept_random_state():
                got = self.read(answer)
                return self._compare(got) if self.custom_check is None else self.custom_check(got)
        except Unreadable as unreadable:
            return unreadable.wrong
        except Exception as err:
            raise CheckerError(
                f"the checker of {self.key} failed on the answer {answer!r}: {type(err).__name__}: {err}. "
                "This is a bug in the course, not your mistake: please report it."
            ) from err

    def _compare(self, got: Any) -> Wrong | None:
        if callable(self.expected):
            right = self.expected(got)
        else:
            right = _equal(got, self.expected) if self.exact else close(got, self.expected)
        if right:
            return None
        shown = show(got)
        if self.close_enough is True and not callable(self.expected) and rounded(got, self.expected):
            return Wrong("core.close", got=got, shown=shown)  # rounded too much: not a misconception
        key = next((m.key for m in self.mistakes if m.matches(got, self.exact)), None)
        if key is None and self.close_enough and not callable(self.expected) and close(got, self.expected, CLOSE_RTOL):
            key = "core.close"
        if key is None and callable(self.otherwise):
            return self.otherwise(got)
        return Wrong(key or self.otherwise or "core.not_yet", got=got, shown=shown)

    @property
    def message_values(self) -> dict[str, Any]:
        """What every message of this question is filled in with: ``{question}``, ``{variable}`` and ``values``."""
        return {"question": self.name, "variable": self.answer, **self.values}

    def message(self, wrong: Wrong) -> str:
        """The text of a verdict in the current language (``{question}`` and ``{variable}`` name the question)."""
        module, key = ("core", wrong.key[5:]) if wrong.key.startswith("core.") else (self.module, wrong.key)
        return text(module, key, **{**self.message_values, **wrong.values})

    def diagnose(self, answer: Any) -> str | None:
        """``None`` if ``answer`` is right, else the message that says what to fix (what ``check`` shows)."""
        wrong = self.verdict(answer)
        self._result = "correct" if wrong is None else wrong.key  # what check() records in the class log
        return None if wrong is None else self.message(wrong)

    def diagnose_with_notes(self, answer: Any) -> tuple[str | None, list[str]]:
        """What :meth:`diagnose` says, and the notes of how the answer was read (e.g. full-width characters)."""
        token = _notes.set([])
        try:
            problem = self.diagnose(answer)
            notes = [self.message(n) for n in _notes.get() or []]
        finally:
            _notes.reset(token)
        return problem, notes

    # ---------------------------------------------------------------- what the learner calls

    def check(self, answer: Any) -> None:
        """Show ``Correct`` or a message that says what to fix (formatted in Jupyter, plain in a terminal)."""
        problem, notes = self.diagnose_with_notes(answer)
        self._record("check", self._result)
        after = "".join(n if n.startswith("（") else " " + n for n in notes)  # no space before a full-width （
        if problem is None:
            correct = text("core", "correct")
            Feedback(f"✅ {correct}{after}", f"✅ **{correct}**{_markdown(after)}").show()
        else:
            _labelled("❌", text("core", "not_yet_label"), problem + after).show()

    @property
    def hints(self) -> list[str]:
        """The hints, in order, in the current language, filled in with the question's values (as its messages are).

        Raises:
            CheckerError: if a hint is missing from the catalogue or uses a placeholder the question has no value
                for: the message names the catalogue file, the key and the language.
        """
        return self.hints_in(get_language())

    def hints_in(self, language: str) -> list[str]:
        """The hints, in order, in ``language`` (see :attr:`hints`)."""
        english = catalogue(self.module, "en")
        count = sum(1 for k in english if k.startswith(f"{self.name}.hint"))
        try:
            return [fill(self.module, f"{self.name}.hint{i}", self.message_values, language)
                    for i in range(1, count + 1)]
        except CatalogueError as err:
            raise CheckerError(str(err)) from None

    def hint(self) -> None:
        """Show the next hint (each call shows one more, in order)."""
        hints = self.hints
        i = min(self._hints_shown, len(hints) - 1)
        self._hints_shown += 1
        self._record("hint", f"{self.name}.hint{i + 1}")
        label = text("core", "hint_label") + (f" {i + 1}/{len(hints)}" if len(hints) > 1 else "")
        last = "last_hint" if self._hints_shown <= len(hints) or class_settings().solutions else "last_hint_off"
        more = " " + text("core", last, name=self.name) if self._hints_shown > len(hints) else ""
        colon = text("core", "label_colon")  # ": " in English, "：" in Chinese
        _labelled("💡", label + colon, f"{hints[i]}{more}").show()

    def solution(self) -> None:
        """Show the solution: code, with comments that explain it.

        Where the teacher switched solutions off (``solutions = false`` in ``linreg-class.toml``, or
        ``LINREG_SOLUTIONS=off``: :mod:`linreg_utils.classroom`), it says so instead, and points to the next hint.
        """
        solutions = class_settings().solutions  # a malformed settings file: ValueError naming the file and the fix
        self._record("solution", "shown" if solutions else "off")
        if not solutions:
            hints_left = self._hints_shown < len(self.hints)
            then = text("core", "solutions_off" if hints_left else "solutions_off_no_hint", name=self.name)
            _labelled("🔒", text("core", "solutions_off_label"), then).show()
            return
        label = text("core", "solution_label")
        lines = self._solution.splitlines()
        notes = catalogue(self.module, get_language(), "COMMENTS")
        for k, (row, column) in enumerate(comments(self._solution), 1):
            if f"{self.name}.{k}" in notes:
                lines[row - 1] = lines[row - 1][:column] + "# " + notes[f"{self.name}.{k}"]
        code = "\n".join(lines)
        colon = text("core", "label_colon").rstrip()
        plain = f"{label}{colon}\n" + textwrap.indent(code, "    ")
        Feedback(plain, f"**{label}{colon}**\n\n```python\n{code}\n```").show()

    def _record(self, event: str, result: str) -> None:
        """One record in the class log, when the teacher set one (:func:`linreg_utils.classroom.record_event`)."""
        from ..classroom import record_event

        record_event(self.module, self.name, event, result)

    @property
    def solution_code(self) -> str:
        """The solution's code, as the tests run it."""
        return self._solution

    def __repr__(self) -> str:
        return f"Question({self.key!r})"


def comments(code: str) -> list[tuple[int, int]]:
    """Where each comment of ``code`` starts, in order: (line from 1, column).

    Example:
        >>> comments("w = 2 * x  # the slope")
        [(1, 11)]
    """
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [token.start for token in tokens if token.type == tokenize.COMMENT]


def run_learner_code(function: Callable[..., Any], *args: Any, seconds: float | None = None) -> Any:
    """Call the learner's function; an exception it raises becomes feedback (:class:`Unreadable`), not a crash.

    Custom checkers call the learner's code through this, so that an error in *their* code is shown to
    them, while an error in the checker itself stays a :class:`CheckerError`. The call is stopped after
    ``seconds`` (default :data:`LEARNER_SECONDS`): a loop that never ends gets a message, not a hung kernel.
    """
    try:
        with time_limit(LEARNER_SECONDS if seconds is None else seconds):
            return function(*args)
    except Unreadable:
        raise
    except Exception as err:
        raise Unreadable("core.your_code_raised", error=f"{type(err).__name__}: {err}") from err
