"""Every argument check of ``linreg_utils``, one helper per kind of check (as scikit-learn's ``utils/validation.py``).

Each public helper checks what a caller passed and raises with a message that names the argument, the value and
the fix; every other module calls these instead of checking on its own:

- plain values: :func:`check_whole_number`, :func:`check_number`, :func:`check_probability`,
  :func:`check_learning_rate`, :func:`check_batch_size`;
- data (scikit-learn's ``check_array`` and ``check_X_y``): :func:`check_array` (a float array or tensor, not a
  list, a data frame, a masked array, text or dates), :func:`check_not_masked`, :func:`check_features_shape`,
  :func:`check_targets_shape`, :func:`check_consistent_length`, :func:`check_same_device`, and the arguments of
  the data makers and splitters: :func:`check_data_dtype`, :func:`check_float32_exact`, :func:`check_weights`,
  :func:`check_split`, :func:`check_scalable`, :func:`check_r2_defined`;
- tensors and the models they feed: :func:`check_finite`, :func:`check_model_dtype`, :func:`check_full_rank`
  (the exact answer is unique);
- training's parts: :func:`check_optimizer`, :func:`check_loss_fn`;
- saving and loading: :func:`check_module`, :func:`check_model_first`, :func:`check_path_first`,
  :func:`check_optimizer_third`, :func:`check_linreg_model`, :func:`check_save_path`, :func:`check_load_path`,
  :func:`check_map_location`, :func:`check_state_dict`, :func:`check_optimizer_state`;
- and :func:`kind_of`, the words for what a wrong value is ("a Python list", "a folder").

What is not here: checks of what a *file* holds (a checkpoint that is corrupt, not ours, of another version:
``checkpoint.py``; the class settings file: ``classroom.py``) judge the file, not the caller's arguments, and
stay beside the code that reads it.

For plain values, in the spirit of scikit-learn's ``check_scalar``, one exception type per kind of mistake:

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
import os
import stat
from collections.abc import Callable, Sized
from decimal import Decimal
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .language import message

__all__ = [
    "check_array",
    "check_batch_size",
    "check_consistent_length",
    "check_data_dtype",
    "check_features_shape",
    "check_finite",
    "check_float32_exact",
    "check_full_rank",
    "check_learning_rate",
    "check_linreg_model",
    "check_load_path",
    "check_loss_fn",
    "check_map_location",
    "check_model_dtype",
    "check_model_first",
    "check_module",
    "check_not_masked",
    "check_number",
    "check_optimizer",
    "check_optimizer_state",
    "check_optimizer_third",
    "check_path_first",
    "check_probability",
    "check_r2_defined",
    "check_same_device",
    "check_save_path",
    "check_scalable",
    "check_split",
    "check_state_dict",
    "check_targets_shape",
    "check_weights",
    "check_whole_number",
    "kind_of",
]

PathLike = str | os.PathLike

FLOAT32_EXACT_LIMIT = 2**24  # float32 holds every whole number up to 2**24 = 16777216, not beyond


def kind_of(thing: object) -> str:
    """What kind of thing ``thing`` is, in the learner's language, for a message: "a Python list", "a str", ...

    A file's ``os.stat_result`` is described by the kind of file it is ("a folder", "a named pipe (FIFO)",
    "a device", "a socket"); anything else by its Python type.

    Example:
        >>> kind_of([1, 2]), kind_of("3"), kind_of(3)
        ('a Python list', 'a str', 'an int')
        >>> import os, tempfile
        >>> kind_of(os.stat(tempfile.gettempdir()))
        'a folder'
    """
    if isinstance(thing, os.stat_result):
        mode = thing.st_mode
        if stat.S_ISDIR(mode):
            return message("checkpoint.a_folder")
        if stat.S_ISFIFO(mode):
            return message("checkpoint.a_fifo")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            return message("checkpoint.a_device")
        if stat.S_ISSOCK(mode):
            return message("checkpoint.a_socket")
        return message("checkpoint.irregular")
    if isinstance(thing, list):
        return message("validation.a_list")
    name = type(thing).__name__
    return message("validation.an_type" if name[0] in "aeiou" else "validation.a_type", name=name)


# ------------------------------------------------------------------------------------------------ plain values


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


def check_learning_rate(lr: object) -> float:
    """Return ``lr`` as a float if it is a finite number > 0.

    Raises:
        TypeError: if ``lr`` is not a number (text, ``None``, a list).
        ValueError: if it is NaN, infinite, zero or negative.
    """
    return check_number(lr, "lr", above=0, example="0.01")


def check_batch_size(batch_size: object, n: int) -> int:
    """Return ``batch_size`` as an int (at most ``n``) if it is a whole number >= 1 (``np.int64``, 0-d tensors too).

    Raises:
        TypeError: if it is not a whole number; ValueError: if it is below 1.
    """
    try:
        return min(check_whole_number(batch_size, "batch_size", 1), n)
    except (TypeError, ValueError) as err:
        raise type(err)(message("batching.or_none", error=err)) from None


# ------------------------------------------------------------------------------------------------------- data


def _dtype_name(dtype: torch.dtype) -> str:
    """A torch dtype as a learner writes it: ``"float32"``, not ``"torch.float32"``."""
    return str(dtype).replace("torch.", "")


def check_not_masked(value: object, name: str) -> None:
    """Refuse a numpy masked array: its mask would be lost silently (the hidden values would be used).

    Args:
        value: the argument to check, e.g. ``x``.
        name: its name, for the message.

    Raises:
        TypeError: if ``value`` is a ``np.ma.MaskedArray`` — drop the masked rows or fill them first.

    Example:
        >>> check_not_masked(np.ma.masked_invalid([[1.0], [np.nan]]), "x")
        Traceback (most recent call last):
            ...
        TypeError: x is a numpy masked array with 1 masked value(s); the mask would be ignored ...
    """
    if isinstance(value, np.ma.MaskedArray):
        masked = int(np.ma.count_masked(value))
        raise TypeError(message("data.masked", name=name, masked=masked))


def _numpy_to_tensor(value: np.ndarray, name: str) -> torch.Tensor:
    """``torch.from_numpy`` for the arrays a learner really passes, with a message for the rest."""
    check_not_masked(value, name)
    kind = value.dtype.kind
    if kind == "c":
        raise TypeError(message("data.complex_array", name=name, dtype=value.dtype))
    if kind in "OUSV":
        what = message("data.text" if kind in "US" else "data.objects" if kind == "O" else "data.bytes")
        raise TypeError(message("data.not_numbers", name=name, what=what, dtype=value.dtype))
    if kind in "mM":
        raise TypeError(message("data.dates", name=name, dtype=value.dtype))
    if not value.dtype.isnative:  # big-endian data (e.g. read from a file): same numbers, native byte order
        value = value.astype(value.dtype.newbyteorder("="))
    if any(stride < 0 for stride in value.strides):  # x[::-1]: torch.from_numpy cannot share reversed memory
        value = np.ascontiguousarray(value)
    return torch.from_numpy(value)


def check_array(value: object, name: str, dtype: torch.dtype | None = torch.float32) -> torch.Tensor:
    """Return a numpy array or tensor as a tensor of ``dtype``, refusing silent conversions.

    Args:
        value: the argument to check: a numpy array or a torch tensor of any shape.
        name: its name, for the messages (``"x"``, ``"y_true"``).
        dtype: the dtype needed; ``None`` accepts float32 and float64 (for helpers that compute in float64).

    Returns:
        A tensor of the same shape as ``value``, sharing its memory when it can (big-endian and reversed
        (negative-stride) numpy arrays are copied).

    Raises:
        TypeError: if ``value`` is not a numpy array or tensor (a list, a data frame), is masked, complex, text,
            objects or dates, or has another dtype; each message gives the fix (``x.astype(np.float32)``).

    Example:
        >>> check_array(np.zeros((2, 1), dtype=np.float32), "x").shape
        torch.Size([2, 1])
        >>> check_array(np.zeros((2, 1)), "x")
        Traceback (most recent call last):
            ...
        TypeError: x is float64, but the model's weights are float32: convert it with x.astype(np.float32)
    """
    if isinstance(value, np.ndarray):
        tensor = _numpy_to_tensor(value, name)
    elif isinstance(value, torch.Tensor):
        tensor = value
        if tensor.is_complex():
            raise TypeError(message("data.complex_tensor", name=name, dtype=_dtype_name(tensor.dtype)))
    elif hasattr(value, "to_numpy") and hasattr(value, "shape"):  # pandas DataFrame or Series, duck-typed
        shape = tuple(value.shape)
        several = len(shape) == 2 and shape[1] > 1
        pick = message("data.frame_columns", columns=shape[1]) if several else ""
        fix = f"{name}.to_numpy(dtype=np.float32)" + (".reshape(-1, 1)" if len(shape) == 1 else "")
        raise TypeError(message("data.frame", name=name, kind=kind_of(value), shape=shape, columns=pick,
                                fix=fix))
    else:
        raise TypeError(message("data.not_array", name=name, kind=kind_of(value)))
    allowed = (torch.float32, torch.float64) if dtype is None else (dtype,)
    if tensor.dtype not in allowed:
        want = dtype or torch.float32
        if isinstance(value, np.ndarray):
            fix = f"{name}.astype(np.{_dtype_name(want)})"
        else:
            fix = f"{name}.float()" if want == torch.float32 else f"{name}.to(torch.{_dtype_name(want)})"
        current = _dtype_name(tensor.dtype)
        kind = current if tensor.dtype.is_floating_point else message("data.whole_numbers", dtype=current)
        raise TypeError(message("data.wrong_dtype", name=name, kind=kind, wanted=_dtype_name(want), fix=fix))
    return tensor


def check_features_shape(tensor: torch.Tensor, name: str = "x", in_features: int | None = None) -> None:
    """Raise ``ValueError`` unless ``tensor`` is a non-empty ``(n, in_features)`` table of inputs.

    Args:
        tensor: the inputs, as :func:`check_array` returns them.
        name: their name, for the messages.
        in_features: the number of columns the model expects (``None``: any number).

    Raises:
        ValueError: if ``tensor`` is 1-D (use ``x.reshape(-1, 1)``), not 2-D, empty, a row ``(1, n)`` for a
            one-feature model, or has the wrong number of columns.

    Example:
        >>> check_features_shape(torch.zeros(11), "x")
        Traceback (most recent call last):
            ...
        ValueError: x has shape (11,); reshape it to (11, 1) with x.reshape(-1, 1): ...
    """
    shape = tuple(tensor.shape)
    if tensor.ndim == 1:
        raise ValueError(message("data.one_d", name=name, shape=shape, n=shape[0]))
    if tensor.ndim != 2:
        raise ValueError(message("data.not_2d", name=name, shape=shape))
    if shape[0] == 0:
        raise ValueError(message("data.empty", name=name, shape=shape))
    if in_features == 1 and shape[0] == 1 and shape[1] > 1:
        raise ValueError(message("data.row_x", name=name, shape=shape, n=shape[1]))
    if in_features is not None and shape[1] != in_features:
        raise ValueError(message("data.columns", name=name, columns=shape[1], in_features=in_features))


def check_consistent_length(n: int, y: Sized, name: str = "y") -> None:
    """Raise ``ValueError`` unless ``y`` has one row per sample of ``x`` (``n`` of them).

    Args:
        n: the number of samples in ``x``, ``len(x)``.
        y: the targets (or anything with a length), ``(n, ...)``.
        name: the name of ``y``, for the message.

    Example:
        >>> check_consistent_length(11, np.zeros((10, 1)), "y")
        Traceback (most recent call last):
            ...
        ValueError: x has 11 samples but y has 10: give one target per sample
    """
    if len(y) != n:
        raise ValueError(message("data.lengths", n=n, name=name, got=len(y)))


def check_targets_shape(tensor: torch.Tensor, n: int, name: str = "y", out_features: int = 1) -> None:
    """Raise ``ValueError`` unless ``tensor`` has shape ``(n, out_features)``, one row of targets per sample.

    Args:
        tensor: the targets, as :func:`check_array` returns them.
        n: the number of samples in ``x``.
        name: their name, for the messages.
        out_features: the number of outputs the model predicts per sample.

    Raises:
        ValueError: if ``tensor`` is 1-D while predictions are ``(n, 1)`` (``MSELoss`` would silently broadcast
            to ``(n, n)``), is a row ``(1, n)``, has a different length from ``x``, or another shape.

    Example:
        >>> check_targets_shape(torch.zeros(11), 11, "y")
        Traceback (most recent call last):
            ...
        ValueError: y has shape (11,), but the model's predictions have shape (11, 1): ...
    """
    shape = tuple(tensor.shape)
    expected = (n, out_features)
    if n > 1 and shape == (1, n) and out_features == 1:
        raise ValueError(message("data.row_y", name=name, shape=shape, n=n, expected=expected))
    if tensor.ndim == 1 and shape[0] == n and out_features == 1:
        raise ValueError(message("data.one_d_y", name=name, shape=shape, n=n, expected=expected))
    if tensor.ndim >= 1:
        check_consistent_length(n, tensor, name)
    if shape != expected:
        raise ValueError(message("data.y_shape", name=name, shape=shape, expected=expected))


def check_same_device(tensor: torch.Tensor, original: object, device: torch.device, name: str) -> torch.Tensor:
    """Return ``tensor`` on ``device``: data given as a numpy array follows the model; a tensor placed elsewhere
    is an error.

    Args:
        tensor: the checked data, as :func:`check_array` returns it.
        original: what the caller passed (a numpy array is moved for them, a tensor is not).
        device: the model's device.
        name: the data's name, for the message.

    Returns:
        ``tensor`` on ``device`` (the same tensor when it is there already).

    Raises:
        ValueError: if the caller's tensor is on another device than the model.

    Example:
        >>> x = torch.zeros(2, 1)
        >>> check_same_device(x, x, torch.device("meta"), "x")
        Traceback (most recent call last):
            ...
        ValueError: x is on cpu but the model is on meta: move both to one device, e.g. ...
    """
    if tensor.device == device:
        return tensor
    if isinstance(original, np.ndarray):
        return tensor.to(device)
    raise ValueError(message("training.device", name=name, device=tensor.device, model_device=device))


def check_data_dtype(dtype: object) -> np.dtype:
    """Return ``dtype`` as a numpy dtype if it is ``np.float32`` or ``np.float64`` (what the data makers make).

    Example:
        >>> check_data_dtype(np.float64)
        dtype('float64')
        >>> check_data_dtype(np.int64)
        Traceback (most recent call last):
            ...
        ValueError: dtype must be np.float32 or np.float64, got int64
    """
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(message("data.dtype", dtype=dtype))
    return dtype


def check_float32_exact(n: int, slope: float, intercept: float) -> None:
    """Refuse points on ``y = slope * x + intercept`` (``x = 0..n-1``) beyond float32's exact whole numbers.

    Above ``2**24 = 16777216`` float32 no longer holds every whole number, so ``y`` would silently not be
    ``slope * x + intercept``.

    Raises:
        ValueError: naming the largest value and how many points fit: use fewer points or ``dtype=np.float64``.

    Example:
        >>> check_float32_exact(11, 2.0, 1.0)
        >>> check_float32_exact(10**8, 2.0, 1.0)
        Traceback (most recent call last):
            ...
        ValueError: n=100000000 with slope=2 and intercept=1 gives values up to 2e+08, ...
    """
    largest = max(n - 1, abs(intercept), abs(slope * (n - 1) + intercept))
    if largest > FLOAT32_EXACT_LIMIT:
        fits = int((FLOAT32_EXACT_LIMIT - abs(intercept)) // max(abs(slope), 1.0)) + 1
        raise ValueError(message("data.float32_limit", n=n, slope=slope, intercept=intercept, largest=largest,
                                 limit=FLOAT32_EXACT_LIMIT, fits=max(fits, 1)))


def check_weights(weights: object) -> np.ndarray:
    """Return the true weights of generated data as a ``(k,)`` float64 array; refuse none at all.

    Example:
        >>> check_weights([2.0, -1.0])
        array([ 2., -1.])
        >>> check_weights([])
        Traceback (most recent call last):
            ...
        ValueError: weights is empty: give one weight per feature, e.g. weights=[2.0, -1.0]
    """
    w = np.asarray(weights, dtype=np.float64).ravel()
    if w.size == 0:
        raise ValueError(message("data.no_weights"))
    return w


def check_split(n: int, test_fraction: float) -> int:
    """Return how many of ``n`` samples go to the test set; refuse a split that leaves a set empty.

    Args:
        n: the number of samples.
        test_fraction: the share held out, in (0, 1) (see :func:`check_probability`).

    Returns:
        ``round(n * test_fraction)``, between 1 and ``n - 1``.

    Example:
        >>> check_split(11, 0.25)
        3
        >>> check_split(2, 0.1)
        Traceback (most recent call last):
            ...
        ValueError: 2 samples with test_fraction=0.1 leaves an empty set: use more data
    """
    n_test = int(round(n * test_fraction))
    if n_test == 0 or n_test == n:
        raise ValueError(message("data.split_empty", n=n, fraction=test_fraction))
    return n_test


def check_scalable(std: np.ndarray) -> None:
    """Refuse to standardize columns whose standard deviation ``std`` (``(k,)``) is 0: they are constant.

    Example:
        >>> check_scalable(np.array([1.5, 0.0]))
        Traceback (most recent call last):
            ...
        ValueError: column(s) [1] of x are constant and cannot be scaled
    """
    if np.any(std == 0):
        raise ValueError(message("data.constant", columns=np.flatnonzero(std == 0).tolist()))


def check_r2_defined(total: float) -> None:
    """Refuse R² when ``total``, the sum of squares of ``y_true`` about its mean, is 0: every target is the same.

    Example:
        >>> check_r2_defined(0.0)
        Traceback (most recent call last):
            ...
        ValueError: R² is undefined when every y_true is the same value: use mse or mae instead
    """
    if total == 0.0:
        raise ValueError(message("evaluation.r2_constant"))


# ------------------------------------------------------------------------------- tensors and the models they feed


def check_finite(tensor: torch.Tensor, name: str) -> None:
    """Raise ``ValueError`` if ``tensor`` holds NaN or inf, naming how many and the first row with one.

    Example:
        >>> check_finite(torch.tensor([[1.0], [float("nan")]]), "x")
        Traceback (most recent call last):
            ...
        ValueError: x contains 1 NaN or inf value(s) (first in row 1): remove or fill them ...
    """
    bad = ~torch.isfinite(tensor)
    if bool(bad.any()):
        count = int(bad.sum())
        row = int(bad.nonzero()[0, 0])
        raise ValueError(message("data.not_finite", name=name, count=count, row=row))


def _parameter_dtype(model: nn.Module) -> torch.dtype:
    """The dtype of the model's floating-point parameters (float32 for a model without any)."""
    for p in model.parameters():
        if p.is_floating_point():
            return p.dtype
    return torch.float32


def check_model_dtype(model: nn.Module) -> torch.dtype:
    """Return the model's dtype if the helpers can feed it (float32 or float64), else raise ``TypeError``."""
    dtype = _parameter_dtype(model)
    if dtype not in (torch.float32, torch.float64):
        name = str(dtype).replace("torch.", "")
        raise TypeError(message("model.dtype", dtype=name))
    return dtype


def check_full_rank(design: torch.Tensor) -> None:
    """Refuse a rank-deficient ``[x, 1]`` (``(n, k + 1)``): least squares then has infinitely many answers.

    Raises:
        ValueError: if there are fewer points than weights and bias, a column of x is constant, or columns of x
            depend on each other; each message says which.
    """
    n, params = design.shape
    k = params - 1
    if n < params:
        raise ValueError(message("analysis.too_few_points", n=n, k=k, needed=params))
    features = design[:, :-1]
    constant = (features == features[:1]).all(dim=0).nonzero().ravel().tolist()
    if constant:
        values = [f"{float(features[0, c]):g}" for c in constant]
        raise ValueError(message("analysis.constant", columns=constant, values=", ".join(values)))
    rank = int(torch.linalg.matrix_rank(design))
    if rank < params:
        raise ValueError(message("analysis.rank", rank=rank, needed=params))


# ----------------------------------------------------------------------------------------------- training's parts


def check_optimizer(optimizer: torch.optim.Optimizer, model: nn.Module) -> None:
    """Raise if ``optimizer`` is not a ``torch.optim`` optimizer over ``model``'s own parameters.

    Raises:
        TypeError: if it is not an optimizer; ValueError: if it holds another model's parameters (or none).
    """
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(message("training.not_optimizer", type=type(optimizer).__name__))
    own = {id(p) for p in model.parameters()}
    given = [p for group in optimizer.param_groups for p in group["params"]]
    if not given or any(id(p) not in own for p in given):
        raise ValueError(message("training.foreign_optimizer"))


def check_loss_fn(loss_fn: object) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """Return ``loss_fn`` (``nn.MSELoss()`` for ``None``) if it is a loss function, not a class or a value.

    Raises:
        TypeError: for ``nn.MSELoss`` without parentheses, or anything that cannot be called.
    """
    if loss_fn is None:
        return nn.MSELoss()
    if isinstance(loss_fn, type):
        name = loss_fn.__name__
        where = "nn." if issubclass(loss_fn, nn.Module) else ""
        raise TypeError(message("training.loss_class", where=where, name=name))
    if not callable(loss_fn):
        raise TypeError(message("training.loss_not_callable", value=loss_fn))
    return loss_fn


# ----------------------------------------------------------------------------------------- saving and loading


def check_module(model: object, call: str) -> nn.Module:
    """Return ``model`` if it is an ``nn.Module``, else raise ``TypeError`` naming ``call`` (``"save_model"``)."""
    if not isinstance(model, nn.Module):
        raise TypeError(message("checkpoint.not_a_module", call=call, type=type(model).__name__))
    return model


def check_model_first(first: object, second: object, call: str) -> None:
    """Catch ``save_x(path, model)``: the model comes first, like ``torch.save(obj, path)``."""
    if isinstance(first, (str, os.PathLike)) and isinstance(second, nn.Module):
        raise TypeError(message("checkpoint.swapped_model" if call == "save_model" else
                                "checkpoint.swapped_checkpoint"))


def check_path_first(path: object, model: object) -> None:
    """Catch ``load_checkpoint(model, path)``: loading takes the path first, like ``torch.load(path)``.

    Example:
        >>> check_path_first(nn.Linear(1, 1), "checkpoint.pt")
        Traceback (most recent call last):
            ...
        TypeError: load_checkpoint takes the path first: write load_checkpoint(path, model, optimizer)
    """
    if isinstance(path, nn.Module) and isinstance(model, (str, os.PathLike)):
        raise TypeError(message("checkpoint.path_first"))


def check_optimizer_third(optimizer: object) -> None:
    """Raise ``TypeError`` unless ``save_checkpoint``'s third argument is a ``torch.optim`` optimizer.

    Example:
        >>> check_optimizer_third(10)
        Traceback (most recent call last):
            ...
        TypeError: save_checkpoint needs the optimizer third, got int: ...
    """
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(message("checkpoint.optimizer_third", type=type(optimizer).__name__))


def check_linreg_model(model: nn.Module, input_dim: int | None) -> None:
    """Raise ``TypeError`` unless ``model`` can be saved as a ``LinearRegressionModel``: one ``linear`` layer.

    Args:
        model: the (unwrapped) model to save.
        input_dim: the ``in_features`` of its first ``nn.Linear`` (``None``: it has none), from ``model_dims``.

    Example:
        >>> check_linreg_model(nn.Sequential(nn.Linear(1, 4), nn.Linear(4, 1)), 1)
        Traceback (most recent call last):
            ...
        TypeError: save_model stores LinearRegressionModel models; ...
    """
    if input_dim is None or set(model.state_dict()) != {"linear.weight", "linear.bias"}:
        raise TypeError(message("checkpoint.not_linreg_model"))


def check_save_path(path: PathLike) -> Path:
    """Check that a file can be saved at ``path`` without destroying anything; return the real target.

    A symlink is followed: the file it points to is what gets replaced, and the link stays.

    Args:
        path: where a file is about to be saved.

    Returns:
        The resolved path of the file that will be written (``path`` itself unless it is a symlink).

    Raises:
        IsADirectoryError: if ``path`` is a folder — add a file name, e.g. ``path / "model.pt"``.
        FileExistsError: if ``path`` is a FIFO, a device or a socket: saving would replace it.
        FileNotFoundError, NotADirectoryError: if its folder does not exist or is a file.
        PermissionError: if the folder cannot be written to.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as err:
        raise OSError(message("checkpoint.cannot_reach", path=path, reason=err.strerror)) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(message("checkpoint.save_to_folder", path=path, example=path / "model.pt"))
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise FileExistsError(message("checkpoint.save_over_special", path=path, kind=kind_of(status)))
    folder = target.parent
    if not folder.exists():
        raise FileNotFoundError(message("checkpoint.no_folder", path=path, folder=folder))
    if not folder.is_dir():
        raise NotADirectoryError(message("checkpoint.folder_is_file", path=path, folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(message("checkpoint.cannot_write", path=path, folder=folder))
    return target


def check_load_path(path: object) -> Path:
    """Return ``path`` as a ``Path`` if it is a ``str`` or ``os.PathLike`` (not a model, a file object, ``None``).

    Example:
        >>> check_load_path("model.pt")
        PosixPath('model.pt')
        >>> check_load_path(None)
        Traceback (most recent call last):
            ...
        TypeError: the path to load from must be a str or pathlib.Path, got NoneType: ...
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(message("checkpoint.path_type", type=type(path).__name__))
    return Path(path)


def check_map_location(map_location: object) -> None:
    """Name a device that does not exist here before ``torch.load`` fails on it.

    ``None``, a function and a dict are passed on to ``torch.load`` unchecked.

    Raises:
        ValueError: if ``map_location`` is not a device, or names a GPU this machine lacks.
    """
    if map_location is None or callable(map_location) or isinstance(map_location, dict):
        return
    try:
        device = torch.device(map_location)
    except (RuntimeError, TypeError, ValueError):
        raise ValueError(message("checkpoint.not_a_device", location=map_location)) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(message("checkpoint.no_cuda", location=map_location))
    if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
        raise ValueError(message("checkpoint.gpu_count", location=map_location, count=torch.cuda.device_count()))
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise ValueError(message("checkpoint.no_mps", location=map_location))


def check_state_dict(model: nn.Module, state: object, path: PathLike) -> None:
    """Check that ``state`` (read from ``path``) fits ``model.state_dict()`` key by key and shape by shape.

    Changes nothing. Raises ``ValueError`` naming the file and the first difference.
    """
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(message("checkpoint.no_state_dict", path=path))
    own = model.state_dict()
    missing = sorted(set(own) - set(state))
    extra = sorted(set(state) - set(own))
    if missing or extra:
        raise ValueError(message("checkpoint.does_not_fit", path=path, missing=missing, extra=extra))
    for name, tensor in state.items():
        if tuple(tensor.shape) != tuple(own[name].shape):
            raise ValueError(message("checkpoint.shape", path=path, name=name, shape=tuple(tensor.shape),
                                     own=tuple(own[name].shape)))
        if not tensor.is_floating_point():
            raise ValueError(message("checkpoint.not_floating", path=path, name=name, dtype=tensor.dtype))


def check_optimizer_state(optimizer: torch.optim.Optimizer, state: object, stored_type: object,
                          path: PathLike) -> None:
    """Check that an optimizer's ``state_dict`` read from ``path`` fits ``optimizer``: type, param groups, shapes.

    Args:
        optimizer: the optimizer to load into.
        state: the stored ``optimizer.state_dict()``.
        stored_type: the stored optimizer's class name (``"SGD"``), or ``None`` when the file does not say.
        path: the file, for the messages.

    Raises:
        ValueError: naming the file and the first difference.
    """
    own_type = type(optimizer).__name__
    if stored_type is not None and stored_type != own_type:
        raise ValueError(message("checkpoint.optimizer_type", path=path, stored=stored_type, own=own_type))
    if not isinstance(state, dict) or not isinstance(state.get("param_groups"), list) or not isinstance(
            state.get("state"), dict):
        raise ValueError(message("checkpoint.no_optimizer_state", path=path))
    groups, own_groups = state["param_groups"], optimizer.param_groups
    if len(groups) != len(own_groups):
        raise ValueError(message("checkpoint.group_count", path=path, stored=len(groups), own=len(own_groups)))
    params = []
    for i, (group, own) in enumerate(zip(groups, own_groups, strict=True)):
        if not isinstance(group, dict) or len(group.get("params", ())) != len(own["params"]):
            stored = len(group.get("params", ())) if isinstance(group, dict) else 0
            raise ValueError(message("checkpoint.group_params", path=path, group=i, stored=stored,
                                     own=len(own["params"])))
        missing = sorted(set(own) - set(group) - {"params"})
        if missing:
            raise ValueError(message("checkpoint.group_settings", path=path, group=i, missing=missing, own=own_type))
        params.extend(zip(group["params"], own["params"], strict=True))
    for stored_id, param in params:
        entry = state["state"].get(stored_id, {})
        for key, value in entry.items() if isinstance(entry, dict) else ():
            if isinstance(value, torch.Tensor) and value.ndim > 0 and value.shape != param.shape:
                raise ValueError(message("checkpoint.optimizer_shape", path=path, key=key, shape=tuple(value.shape),
                                         own=tuple(param.shape)))
