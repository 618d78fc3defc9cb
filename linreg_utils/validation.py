"""Every argument check of ``linreg_utils``, one helper per kind of check (as scikit-learn's ``utils/validation.py``).

Each public helper checks what a caller passed and raises with a message that names the argument, the value and
the fix; every other module calls these instead of checking on its own:

- plain values: :func:`check_whole_number`, :func:`check_number`, :func:`check_probability`,
  :func:`check_learning_rate`, :func:`check_batch_size`;
- tensors and the models they feed: :func:`check_finite`, :func:`check_model_dtype`, :func:`check_full_rank`
  (the exact answer is unique);
- training's parts: :func:`check_optimizer`, :func:`check_loss_fn`;
- saving and loading: :func:`check_module`, :func:`check_model_first`, :func:`check_save_path`,
  :func:`check_map_location`, :func:`check_state_dict`, :func:`check_optimizer_state`;
- and :func:`kind_of`, the words for what a wrong value is ("a Python list", "a folder").

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
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .language import message

__all__ = [
    "check_batch_size",
    "check_finite",
    "check_full_rank",
    "check_learning_rate",
    "check_loss_fn",
    "check_map_location",
    "check_model_dtype",
    "check_model_first",
    "check_module",
    "check_number",
    "check_optimizer",
    "check_optimizer_state",
    "check_probability",
    "check_save_path",
    "check_state_dict",
    "check_whole_number",
    "kind_of",
]

PathLike = str | os.PathLike


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
