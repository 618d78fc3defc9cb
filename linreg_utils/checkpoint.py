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

from .model import LinearRegressionModel, model_dims, unwrap_model
from .training import check_optimizer
from .validation import check_number, check_whole_number

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


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise OSError(f"cannot save to {path}: {err.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(
            f"cannot save to {path}: it is a folder, not a file: give a file name inside it, e.g. {path / 'model.pt'}"
        )
    if mode is not None and not stat.S_ISREG(mode):
        raise FileExistsError(
            f"cannot save to {path}: it is {_kind_of(mode)}, not a regular file, and saving would replace it: "
            "choose a file path such as model.pt"
        )
    folder = target.parent
    if not folder.exists():
        raise FileNotFoundError(f"cannot save to {path}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise NotADirectoryError(f"cannot save to {path}: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(f"cannot save to {path}: no permission to write in the folder {folder}")
    return target


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
        See :func:`check_save_path`.
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


def _check_map_location(map_location: object) -> None:
    """Name a device that does not exist here before torch.load fails on it."""
    if map_location is None or callable(map_location) or isinstance(map_location, dict):
        return
    try:
        device = torch.device(map_location)
    except (RuntimeError, TypeError, ValueError):
        raise ValueError(
            f"map_location={map_location!r} is not a device: use 'cpu', 'cuda', 'mps' or torch.device(...)"
        ) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(
            f"map_location={map_location!r}, but PyTorch sees no CUDA GPU here (torch.cuda.is_available() is "
            "False): load with map_location='cpu' (the file itself is fine)"
        )
    if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
        raise ValueError(
            f"map_location={map_location!r}, but this machine has {torch.cuda.device_count()} GPU(s): "
            "use map_location='cuda:0' or 'cpu' (the file itself is fine)"
        )
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise ValueError(f"map_location={map_location!r}, but MPS is not available here: use map_location='cpu'")


def safe_load(path: PathLike, map_location: str | torch.device | None = "cpu") -> Any:
    """``torch.load(path, weights_only=True)`` with a clear message naming the real cause of each failure.

    Raises:
        FileNotFoundError: if there is no file at ``path``.
        IsADirectoryError: if ``path`` is a folder.
        PermissionError: if the file cannot be read.
        ValueError: if ``map_location`` names a device this machine lacks, if the file is
            truncated or corrupt (a parse failure), or holds Python objects other than
            tensors and plain containers (loading those could run code).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"the path to load from must be a str or pathlib.Path, got {type(path).__name__}: "
            "write load_model(path) or load_checkpoint(path, model, optimizer) (the path comes first)"
        )
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no file at {path}: check the path, or save a model there first with save_model"
        ) from None
    except PermissionError:
        raise PermissionError(f"cannot reach {path}: no permission to open its folder") from None
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(f"{path} is a folder, not a file: give the path of the .pt file inside it")
    if not stat.S_ISREG(mode):
        raise ValueError(f"{path} is {_kind_of(mode)}, not a regular file: give the path of a saved .pt file")
    if not os.access(path, os.R_OK):
        raise PermissionError(f"no permission to read {path}: check its permissions (ls -l), e.g. chmod u+r")
    _check_map_location(map_location)
    try:
        with warnings.catch_warnings():  # a foreign pickle's protocol warning; the error below says more
            warnings.filterwarnings("ignore", message="Detected pickle protocol")
            return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as err:
        if "weights only" in str(err).lower() or "weights_only" in str(err):
            raise ValueError(
                f"{path} was refused: it contains Python objects, not just weights, and unpickling them "
                "could run arbitrary code. Only load files from sources you trust; ours hold plain tensors"
            ) from None
        raise _corrupt(path, err) from err
    except PermissionError as err:
        raise PermissionError(f"no permission to read {path}: {err.strerror}") from None
    except OSError as err:
        raise OSError(f"{path} could not be read: {err.strerror or err}") from err
    except MemoryError:
        raise MemoryError(f"{path} needs more memory to load than is available") from None
    except RuntimeError as err:
        text = str(err)
        if any(word in text for word in ("CUDA", "cuda", "device", "MPS")):
            raise ValueError(
                f"{path} could not be loaded onto map_location={map_location!r}: {text.splitlines()[0]}; "
                "try map_location='cpu' (the file itself may be fine)"
            ) from err
        raise _corrupt(path, err) from err
    except (EOFError, IndexError, KeyError, zipfile.BadZipFile, struct.error, UnicodeDecodeError, ValueError) as err:
        raise _corrupt(path, err) from err


def _corrupt(path: Path, err: BaseException | None = None) -> ValueError:
    first = str(err).splitlines()[0].split(". ")[0] if err is not None and str(err) else ""
    detail = f" ({type(err).__name__}: {first})" if first else ""
    return ValueError(
        f"{path} is not a readable PyTorch file (truncated or corrupt?){detail}: if you wrote it with save_model, "
        "save the model again"
    )


def _expect_kind(payload: Any, kind: str, path: PathLike) -> dict:
    if isinstance(payload, dict) and payload.get("kind") == kind:
        if payload.get("version") != FORMAT_VERSION:
            raise ValueError(f"{path} has format version {payload.get('version')}, this library reads {FORMAT_VERSION}")
        return payload
    if isinstance(payload, dict) and payload and all(isinstance(v, torch.Tensor) for v in payload.values()):
        raise ValueError(
            f"{path} holds a bare state_dict, not a {kind} file: load it into a model you build yourself with "
            "model.load_state_dict(torch.load(path, weights_only=True))"
        )
    raise ValueError(f"{path} is not a {kind} file (it was not written by linreg_utils)")


def _check_state(model: nn.Module, state: object, path: PathLike) -> None:
    """Check that ``state`` fits ``model.state_dict()`` key by key and shape by shape, changing nothing."""
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(f"{path} holds no model state_dict (a dict of tensors): it was not written by linreg_utils")
    own = model.state_dict()
    missing = sorted(set(own) - set(state))
    extra = sorted(set(state) - set(own))
    if missing or extra:
        raise ValueError(
            f"{path} does not fit this model: parameters missing from the file {missing}, "
            f"unexpected in the file {extra}"
        )
    for name, tensor in state.items():
        if tuple(tensor.shape) != tuple(own[name].shape):
            raise ValueError(
                f"{path} has {name} of shape {tuple(tensor.shape)}, but the model's is {tuple(own[name].shape)}: "
                "build the model with the same input_dim and output_dim as the one that was saved"
            )
        if not tensor.is_floating_point():
            raise ValueError(f"{path} has {name} of dtype {tensor.dtype}, not floating point: the file is not ours")


def _load_state(model: nn.Module, state: dict, path: PathLike) -> None:
    """``model.load_state_dict(state)``, but explain shape mismatches in terms of dims."""
    _check_state(model, state, path)
    model.load_state_dict(state)


def _swapped(first: object, second: object, call: str) -> None:
    """Catch ``save_x(path, model)``: the model comes first, like ``torch.save(obj, path)``."""
    if isinstance(first, (str, os.PathLike)) and isinstance(second, nn.Module):
        right = "save_model(model, path)" if call == "save_model" else (
            "save_checkpoint(model, path, optimizer, epoch=...), in the order of save_model(model, path)")
        raise TypeError(
            f"{call} takes the model first and the path second: write {right} (like torch.save(obj, path))"
        )


def _plain_model(model: object, call: str) -> nn.Module:
    if not isinstance(model, nn.Module):
        raise TypeError(f"{call} needs an nn.Module as its first argument (the model), got {type(model).__name__}")
    return unwrap_model(model)


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
            :func:`check_save_path`.
    """
    _swapped(model, path, "save_model")
    model = _plain_model(model, "save_model")
    input_dim, output_dim = model_dims(model)
    if input_dim is None or set(model.state_dict()) != {"linear.weight", "linear.bias"}:
        raise TypeError(
            "save_model stores LinearRegressionModel models; for another model save its weights with "
            "torch.save(model.state_dict(), path)"
        )
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    payload = {
        "kind": MODEL_KIND,
        "version": FORMAT_VERSION,
        "input_dim": input_dim,
        "output_dim": output_dim,
        "state_dict": state,
    }
    return atomic_save(payload, path)


def _check_model_payload(payload: dict, path: PathLike) -> tuple[int, int, dict]:
    """The stored dims must be whole numbers that match the stored tensors: checked before anything is built."""
    state = payload.get("state_dict")
    if not isinstance(state, dict) or set(state) != {"linear.weight", "linear.bias"} or not all(
            isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(f"{path} has no linear.weight and linear.bias tensors: it is damaged or not ours")
    dims = []
    for key in ("input_dim", "output_dim"):
        value = payload.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{path} stores {key}={value!r}, not a whole number >= 1: the file is damaged")
        dims.append(value)
    input_dim, output_dim = dims
    weight, bias = state["linear.weight"], state["linear.bias"]
    if tuple(weight.shape) != (output_dim, input_dim) or tuple(bias.shape) != (output_dim,):
        raise ValueError(
            f"{path} claims input_dim={input_dim}, output_dim={output_dim}, but holds linear.weight of shape "
            f"{tuple(weight.shape)} and linear.bias of shape {tuple(bias.shape)}: the file is damaged or was "
            "edited; save the model again"
        )
    if not weight.is_floating_point() or not bias.is_floating_point():
        raise ValueError(f"{path} holds weights of dtype {weight.dtype}, not floating point: it is not ours")
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
    input_dim, output_dim, state = _check_model_payload(payload, path)
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
    _swapped(model, path, "save_checkpoint")
    model = _plain_model(model, "save_checkpoint")
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(f"save_checkpoint needs the optimizer third, got {type(optimizer).__name__}: "
                        "save_checkpoint(model, path, optimizer, epoch=...)")
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


def _check_optimizer_state(optimizer: torch.optim.Optimizer, payload: dict, path: PathLike) -> None:
    """The stored optimizer state must fit ``optimizer``: type, param groups and state shapes."""
    stored_type = payload.get("optimizer_type")
    own_type = type(optimizer).__name__
    if stored_type is not None and stored_type != own_type:
        raise ValueError(
            f"{path} holds the state of an optimizer of type {stored_type}, but you passed {own_type}: build "
            f"torch.optim.{stored_type}(model.parameters(), ...) to resume, or pass no optimizer"
        )
    state = payload.get("optimizer_state")
    if not isinstance(state, dict) or not isinstance(state.get("param_groups"), list) or not isinstance(
            state.get("state"), dict):
        raise ValueError(f"{path} holds no optimizer state: it is damaged or not ours")
    groups, own_groups = state["param_groups"], optimizer.param_groups
    if len(groups) != len(own_groups):
        raise ValueError(f"{path} has {len(groups)} optimizer param group(s), your optimizer has {len(own_groups)}: "
                         "build it the same way as the one that was saved")
    params = []
    for i, (group, own) in enumerate(zip(groups, own_groups, strict=True)):
        if not isinstance(group, dict) or len(group.get("params", ())) != len(own["params"]):
            raise ValueError(f"{path}: optimizer param group {i} holds {len(group.get('params', ()))} parameter(s), "
                             f"yours holds {len(own['params'])}: build it over the same model.parameters()")
        missing = sorted(set(own) - set(group) - {"params"})
        if missing:
            raise ValueError(f"{path}: optimizer param group {i} lacks the settings {missing} your {own_type} uses: "
                             "it was saved from another kind of optimizer")
        params.extend(zip(group["params"], own["params"], strict=True))
    for stored_id, param in params:
        entry = state["state"].get(stored_id, {})
        for key, value in entry.items() if isinstance(entry, dict) else ():
            if isinstance(value, torch.Tensor) and value.ndim > 0 and value.shape != param.shape:
                raise ValueError(f"{path}: optimizer state {key!r} has shape {tuple(value.shape)}, but the parameter "
                                 f"it belongs to has shape {tuple(param.shape)}: build the same model")


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
    if isinstance(path, nn.Module) and isinstance(model, (str, os.PathLike)):
        raise TypeError("load_checkpoint takes the path first: write load_checkpoint(path, model, optimizer)")
    model = _plain_model(model, "load_checkpoint")
    payload = _expect_kind(safe_load(path, map_location), CHECKPOINT_KIND, path)
    _check_state(model, payload.get("model_state"), path)
    if optimizer is not None:
        check_optimizer(optimizer, model)
        _check_optimizer_state(optimizer, payload, path)
    rng = payload.get("torch_rng_state")
    if not isinstance(rng, torch.Tensor) or rng.dtype != torch.uint8:
        raise ValueError(f"{path} holds no random-number state: it is damaged or not ours")
    epoch, loss = payload.get("epoch"), payload.get("loss")
    if isinstance(epoch, bool) or not isinstance(epoch, int):
        raise ValueError(f"{path} stores epoch={epoch!r}, not a whole number: it is damaged")

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
