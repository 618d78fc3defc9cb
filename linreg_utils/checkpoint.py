"""Keep a trained model: atomic saves and safe (``weights_only=True``) loads.

Two kinds of file, both ordinary ``torch.save`` files with the ``.pt`` extension:

* a *model file* (:func:`save_model` / :func:`load_model`): the ``state_dict``
  plus the dimensions needed to rebuild the model — for using a trained model;
* a *checkpoint* (:func:`save_checkpoint` / :func:`load_checkpoint`): model and
  optimizer state, epoch, loss and random-number state — for resuming training.
"""

from __future__ import annotations

import contextlib
import copy
import os
import pickle
import stat
import struct
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .language import message
from .model import LinearRegressionModel, model_dims, unwrap_model
from .validation import (
    check_linreg_model,
    check_load_path,
    check_map_location,
    check_model_first,
    check_module,
    check_number,
    check_optimizer,
    check_optimizer_state,
    check_optimizer_third,
    check_path_first,
    check_save_path,
    check_state_dict,
    check_whole_number,
    kind_of,
)

PathLike = str | os.PathLike
MODEL_KIND = "linreg_utils.model"
CHECKPOINT_KIND = "linreg_utils.checkpoint"
FORMAT_VERSION = 1


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux: /proc)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_save(obj: Any, path: PathLike) -> Path:
    """``torch.save(obj, path)`` so that ``path`` is never left half-written and nothing else is destroyed.

    Writes a temporary file in the same folder, flushes it to disk, then renames it over
    the target (a rename is atomic), so a crash, Ctrl-C or SIGTERM mid-way leaves the
    previous file intact and no temporary file behind. The saved file gets ordinary
    permissions (those of the file it replaces, else ``0o666`` minus the umask, as
    ``open()`` gives). A symlink is followed: the file it points to is replaced and the
    link keeps pointing to it. Folders, FIFOs and devices are refused.

    Returns:
        ``path`` as a ``Path``.

    Raises:
        See :func:`linreg_utils.validation.check_save_path`.
    """
    path = Path(path)
    target = check_save_path(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            torch.save(obj, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return path


def safe_load(path: PathLike, map_location: str | torch.device | None = "cpu") -> Any:
    """``torch.load(path, weights_only=True)`` with a clear message naming the real cause of each failure.

    Raises:
        TypeError: if ``path`` is not a ``str`` or ``pathlib.Path``.
        FileNotFoundError: if there is no file at ``path``.
        IsADirectoryError: if ``path`` is a folder.
        PermissionError: if the file cannot be read.
        ValueError: if ``map_location`` names a device this machine lacks, if the file is
            truncated or corrupt (a parse failure), or holds Python objects other than
            tensors and plain containers (loading those could run code).
    """
    path = check_load_path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(message("checkpoint.no_file", path=path)) from None
    except PermissionError:
        raise PermissionError(message("checkpoint.cannot_open_folder", path=path)) from None
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(message("checkpoint.load_folder", path=path))
    if not stat.S_ISREG(status.st_mode):
        raise ValueError(message("checkpoint.load_special", path=path, kind=kind_of(status)))
    if not os.access(path, os.R_OK):
        raise PermissionError(message("checkpoint.cannot_read", path=path))
    check_map_location(map_location)
    try:
        with warnings.catch_warnings():  # a foreign pickle's protocol warning; the error below says more
            warnings.filterwarnings("ignore", message="Detected pickle protocol")
            return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as err:
        if "weights only" in str(err).lower() or "weights_only" in str(err):
            raise ValueError(message("checkpoint.refused", path=path)) from None
        raise _corrupt(path, err) from err
    except PermissionError as err:
        raise PermissionError(message("checkpoint.cannot_read_because", path=path, reason=err.strerror)) from None
    except OSError as err:
        raise OSError(message("checkpoint.unreadable", path=path, reason=err.strerror or err)) from err
    except MemoryError:
        raise MemoryError(message("checkpoint.memory", path=path)) from None
    except RuntimeError as err:
        text = str(err)
        if any(word in text for word in ("CUDA", "cuda", "device", "MPS")):
            raise ValueError(message("checkpoint.map_failed", path=path, location=map_location,
                                     reason=text.splitlines()[0])) from err
        raise _corrupt(path, err) from err
    except (EOFError, IndexError, KeyError, zipfile.BadZipFile, struct.error, UnicodeDecodeError, ValueError) as err:
        raise _corrupt(path, err) from err


def _corrupt(path: Path, err: BaseException | None = None) -> ValueError:
    first = str(err).splitlines()[0].split(". ")[0] if err is not None and str(err) else ""
    detail = message("checkpoint.corrupt_detail", error=type(err).__name__, first=first) if first else ""
    return ValueError(message("checkpoint.corrupt", path=path, detail=detail))


def _expect_kind(payload: Any, kind: str, path: PathLike) -> dict:
    if isinstance(payload, dict) and payload.get("kind") == kind:
        if payload.get("version") != FORMAT_VERSION:
            raise ValueError(message("checkpoint.version", path=path, version=payload.get("version"),
                                     supported=FORMAT_VERSION))
        return payload
    if isinstance(payload, dict) and payload and all(isinstance(v, torch.Tensor) for v in payload.values()):
        raise ValueError(message("checkpoint.bare_state_dict", path=path, kind=kind))
    raise ValueError(message("checkpoint.not_ours", path=path, kind=kind))


def _load_state(model: nn.Module, state: dict, path: PathLike) -> None:
    """``model.load_state_dict(state)``, but explain shape mismatches in terms of dims."""
    check_state_dict(model, state, path)
    model.load_state_dict(state)


def save_model(model: nn.Module, path: PathLike) -> Path:
    """Save a model's ``state_dict`` and its dimensions, atomically, to ``path`` (use ``.pt``).

    A ``torch.compile``'d or ``DistributedDataParallel``-wrapped model is unwrapped first,
    so the file loads into a plain :class:`LinearRegressionModel`.

    Args:
        model: a :class:`LinearRegressionModel` (or any model whose first and
            last layers are ``nn.Linear``, rebuilt as a ``LinearRegressionModel``).
        path: where to write, e.g. ``"model.pt"``; its folder must exist. A symlink is
            followed (the file it points to is replaced); folders, FIFOs and devices are refused.

    Returns:
        ``path`` as a ``Path``.

    Raises:
        TypeError: if the arguments are swapped (``save_model(path, model)``) or the model is
            not a ``LinearRegressionModel``.
        IsADirectoryError, FileExistsError, FileNotFoundError, PermissionError: see
            :func:`linreg_utils.validation.check_save_path`.
    """
    check_model_first(model, path, "save_model")
    model = unwrap_model(check_module(model, "save_model"))
    input_dim, output_dim = model_dims(model)
    check_linreg_model(model, input_dim)
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    payload = {
        "kind": MODEL_KIND,
        "version": FORMAT_VERSION,
        "input_dim": input_dim,
        "output_dim": output_dim,
        "state_dict": state,
    }
    return atomic_save(payload, path)


def _read_model_payload(payload: dict, path: PathLike) -> tuple[int, int, dict]:
    """The stored dims must be whole numbers that match the stored tensors: checked before anything is built."""
    state = payload.get("state_dict")
    if not isinstance(state, dict) or set(state) != {"linear.weight", "linear.bias"} or not all(
            isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(message("checkpoint.no_linear", path=path))
    dims = []
    for key in ("input_dim", "output_dim"):
        value = payload.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(message("checkpoint.bad_dim", path=path, key=key, value=value))
        dims.append(value)
    input_dim, output_dim = dims
    weight, bias = state["linear.weight"], state["linear.bias"]
    if tuple(weight.shape) != (output_dim, input_dim) or tuple(bias.shape) != (output_dim,):
        raise ValueError(message("checkpoint.dims_mismatch", path=path, input_dim=input_dim, output_dim=output_dim,
                                 weight=tuple(weight.shape), bias=tuple(bias.shape)))
    if not weight.is_floating_point() or not bias.is_floating_point():
        raise ValueError(message("checkpoint.weights_dtype", path=path, dtype=weight.dtype))
    return input_dim, output_dim, state


def load_model(path: PathLike, map_location: str | torch.device | None = "cpu") -> LinearRegressionModel:
    """Rebuild a model saved by :func:`save_model`, ready for :func:`predict`.

    Loads with ``weights_only=True``, so a file crafted to run code is refused, and checks
    the stored dimensions against the stored tensors before building the model.

    Args:
        path: a file written by :func:`save_model`.
        map_location: device for the weights (default CPU, so a model saved on a
            GPU loads on a machine without one).

    Returns:
        A :class:`LinearRegressionModel` in eval mode, on the device of the loaded weights.

    Raises:
        FileNotFoundError, IsADirectoryError, PermissionError: if ``path`` is missing, a folder
            or unreadable.
        ValueError: if ``map_location`` is not available here, or the file is corrupt, unsafe,
            not a model file, or its weights do not match its dimensions.
    """
    payload = _expect_kind(safe_load(path, map_location), MODEL_KIND, path)
    input_dim, output_dim, state = _read_model_payload(payload, path)
    model = LinearRegressionModel(input_dim, output_dim).to(state["linear.weight"].device)
    _load_state(model, state, path)
    return model.eval()


def save_checkpoint(
    model: nn.Module,
    path: PathLike,
    optimizer: torch.optim.Optimizer,
    epoch: int,
    loss: float | None = None,
) -> Path:
    """Save everything needed to resume training exactly, atomically.

    Stores the model's and optimizer's ``state_dict``, the optimizer's type, the epoch
    reached, the last loss and PyTorch's CPU random-number state. The arguments come in the
    same order as :func:`save_model`: model first, then the path.

    Args:
        model: the model being trained (a compiled or DDP-wrapped model is unwrapped).
        path: where to write, e.g. ``"checkpoint.pt"`` (see :func:`save_model` for what is refused).
        optimizer: its optimizer (momentum and Adam statistics live here).
        epoch: epochs completed so far, a whole number >= 0.
        loss: the last loss, for the record.

    Returns:
        ``path`` as a ``Path``.

    Raises:
        TypeError: if the model and the path are swapped (the order before this version was
            ``save_checkpoint(path, model, ...)``), or ``optimizer`` is not an optimizer.
        ValueError: if ``epoch`` is not a whole number >= 0.
    """
    check_model_first(model, path, "save_checkpoint")
    model = unwrap_model(check_module(model, "save_checkpoint"))
    check_optimizer_third(optimizer)
    payload = {
        "kind": CHECKPOINT_KIND,
        "version": FORMAT_VERSION,
        "epoch": check_whole_number(epoch, "epoch", 0),
        "loss": None if loss is None else check_number(loss, "loss"),
        "model_state": model.state_dict(),
        "optimizer_type": type(optimizer).__name__,
        "optimizer_state": optimizer.state_dict(),
        "torch_rng_state": torch.get_rng_state(),
    }
    return atomic_save(payload, path)


def load_checkpoint(
    path: PathLike,
    model: nn.Module,
    optimizer: torch.optim.Optimizer | None = None,
    map_location: str | torch.device | None = "cpu",
) -> dict[str, Any]:
    """Restore a checkpoint from :func:`save_checkpoint` into ``model`` (and ``optimizer``), all or nothing.

    Also restores PyTorch's CPU random-number state, so training continues
    exactly as if it had never stopped. Everything is checked before anything changes,
    and if applying still fails, the model, optimizer and random state are put back as
    they were: a failed load changes nothing.

    Args:
        path: a file written by :func:`save_checkpoint`.
        model: a freshly built model of the same shape; updated in place.
        optimizer: a freshly built optimizer of the same type over ``model.parameters()``;
            updated in place.
        map_location: device for the loaded tensors.

    Returns:
        ``{"epoch": int, "loss": float | None}``.

    Raises:
        FileNotFoundError, ValueError: as for :func:`load_model`, and when the
            model's shapes, the optimizer's type or param groups differ from the checkpoint's.
    """
    check_path_first(path, model)
    model = unwrap_model(check_module(model, "load_checkpoint"))
    payload = _expect_kind(safe_load(path, map_location), CHECKPOINT_KIND, path)
    check_state_dict(model, payload.get("model_state"), path)
    if optimizer is not None:
        check_optimizer(optimizer, model)
        check_optimizer_state(optimizer, payload.get("optimizer_state"), payload.get("optimizer_type"), path)
    rng = payload.get("torch_rng_state")
    if not isinstance(rng, torch.Tensor) or rng.dtype != torch.uint8:
        raise ValueError(message("checkpoint.no_rng", path=path))
    epoch, loss = payload.get("epoch"), payload.get("loss")
    if isinstance(epoch, bool) or not isinstance(epoch, int):
        raise ValueError(message("checkpoint.bad_epoch", path=path, epoch=epoch))

    before_model = {k: v.detach().clone() for k, v in model.state_dict().items()}
    before_optimizer = copy.deepcopy(optimizer.state_dict()) if optimizer is not None else None
    before_rng = torch.get_rng_state()
    try:
        model.load_state_dict(payload["model_state"])
        if optimizer is not None:
            optimizer.load_state_dict(payload["optimizer_state"])
        torch.set_rng_state(rng.cpu())
    except BaseException:
        model.load_state_dict(before_model)
        if optimizer is not None:
            optimizer.load_state_dict(before_optimizer)
        torch.set_rng_state(before_rng)
        raise
    return {"epoch": epoch, "loss": loss}
