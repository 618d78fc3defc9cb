"""One check for every plain argument (counts, numbers, learning rates, probabilities), used everywhere.

In the spirit of scikit-learn's ``check_scalar``, one exception type per kind of mistake:

- ``TypeError``: the value is not of the kind asked for (text, ``None``, ``True``, a list, a complex
  number, or ``2.5`` where a whole number is needed);
- ``ValueError``: the kind is right but the value is not allowed (below the minimum, above the maximum,
  NaN or infinite).

Numbers that hold the value exactly are all accepted: ``int``, ``float``, ``np.int64``, a 0-d tensor,
``Fraction(10, 1)``, ``Decimal("10")``. Every message names the argument, the value and what to give.
"""

from __future__ import annotations

import math
import numbers
import operator
from decimal import Decimal

import numpy as np
import torch

from .language import message

__all__ = ["check_number", "check_probability", "check_whole_number"]


def _plain(value: object) -> object:
    """A 0-d tensor or a one-value numpy array becomes the Python number inside it; anything else is unchanged."""
    if isinstance(value, torch.Tensor) and value.ndim == 0 and value.dtype != torch.bool:
        return value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return value.item()
    return value


def _quoted(name: str, value: str) -> str:
    return message("validation.text", name=name, value=value, stripped=value.strip())


def _bounds(above: float | None, minimum: float | None, maximum: float | None) -> str:
    """The allowed range in words: ``">= 1"``, ``"> 0 and <= 1"`` (``""``: any value)."""
    parts = [message("validation.above", above=above) if above is not None else "",
             message("validation.at_least", minimum=minimum) if minimum is not None else "",
             message("validation.at_most", maximum=maximum) if maximum is not None else ""]
    words = ""
    for part in filter(None, parts):
        words = message("validation.and", first=words, second=part) if words else part
    return words


def check_whole_number(value: object, name: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as an ``int`` if it is a whole number in ``[minimum, maximum]``.

    Args:
        value: the argument to check, e.g. ``epochs``.
        name: its name, for the message.
        minimum, maximum: the allowed range (``None``: no bound).

    Returns:
        ``value`` as a Python ``int``.

    Raises:
        TypeError: if ``value`` is not a whole number (``2.5``, ``"10"``, ``True``, ``None``).
        ValueError: if it is outside the range.

    Example:
        >>> check_whole_number(10.0, "epochs", minimum=1)
        10
        >>> check_whole_number(2.5, "epochs", minimum=1)
        Traceback (most recent call last):
            ...
        TypeError: epochs must be a whole number >= 1, got 2.5
    """
    plain = _plain(value)
    bounds = _bounds(None, minimum, maximum)
    wanted = message("validation.whole_number_in" if bounds else "validation.whole_number", name=name, bounds=bounds,
                     value=value)
    if isinstance(plain, str):
        raise TypeError(_quoted(name, plain))
    integer: int | None = None
    if not isinstance(plain, bool):
        try:
            integer = operator.index(plain)
        except TypeError:
            if isinstance(plain, (numbers.Real, Decimal)) and math.isfinite(plain) and plain == int(plain):
                integer = int(plain)
    if integer is None:
        raise TypeError(wanted)
    if (minimum is not None and integer < minimum) or (maximum is not None and integer > maximum):
        raise ValueError(wanted)
    return integer


def check_number(
    value: object,
    name: str,
    minimum: float | None = None,
    maximum: float | None = None,
    *,
    above: float | None = None,
    example: str = "1.0",
) -> float:
    """Return ``value`` as a finite ``float`` in the allowed range.

    Args:
        value: the argument to check, e.g. ``lr``.
        name: its name, for the message.
        minimum, maximum: the allowed closed range (``None``: no bound).
        above: a strict lower bound (``above=0``: positive numbers only).
        example: a good value to quote in the message.

    Returns:
        ``value`` as a Python ``float``.

    Raises:
        TypeError: if ``value`` is not a real number (text, ``None``, ``True``, a complex number, a list).
        ValueError: if it is NaN, infinite or outside the range.

    Example:
        >>> check_number("0.01", "lr", above=0)
        Traceback (most recent call last):
            ...
        TypeError: lr is the text '0.01', but it must be a number: write lr=0.01 without quotes
    """
    plain = _plain(value)
    bounds = _bounds(above, minimum, maximum)
    wanted = message("validation.number_in" if bounds else "validation.number", name=name, bounds=bounds,
                     example=example, value=value)
    if isinstance(plain, str):
        raise TypeError(_quoted(name, plain))
    if isinstance(plain, bool) or not isinstance(plain, (numbers.Real, Decimal)):
        raise TypeError(wanted)
    number = float(plain)
    if (
        not math.isfinite(number)
        or (above is not None and number <= above)
        or (minimum is not None and number < minimum)
        or (maximum is not None and number > maximum)
    ):
        raise ValueError(wanted)
    return number


def check_probability(value: object, name: str, *, open_interval: bool = False) -> float:
    """Return ``value`` as a float between 0 and 1 (strictly between with ``open_interval``).

    Example:
        >>> check_probability(0.25, "test_size", open_interval=True)
        0.25
    """
    if open_interval:
        number = check_number(value, name, above=0, maximum=1, example="0.25")
        if number == 1:
            raise ValueError(message("validation.open_probability", name=name, value=value))
        return number
    return check_number(value, name, minimum=0, maximum=1, example="0.5")
