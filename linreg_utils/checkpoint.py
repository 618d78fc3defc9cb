"""Keep a trained model: atomic saves and safe (``weights_only=True``) loads.

Two kinds of file, both ordinary ``torch.save`` files with the ``.pt`` extension:

* a *model file* (:func:`save_model` / :func:`load_model`): the ``state_dict``
  plus the dimensions needed to rebuild the model — for using a trained model;
* a *checkpoint* (:func:`save_checkpoint` / :func:`load_checkpoint`): model and
  optimizer state, epoch, loss and random-number state — for resuming training.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import warnings
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .model import LinearRegressionModel, model_dims

PathLike = str | os.PathLike
MODEL_KIND = "linreg_utils.model"
CHECKPOINT_KIND = "linreg_utils.checkpoint"
FORMAT_VERSION = 1


def atomic_save(obj: Any, path: PathLike) -> Path:
    """``torch.save(obj, path)`` so that ``path`` is never left half-written.

    Writes a temporary file in the same directory, flushes it to disk, then
    renames it over ``path`` (a rename is atomic), so a crash mid-way leaves the
    previous file intact and no partial file behind.

    Returns:
        ``path`` as a ``Path``.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"cannot save to {path}: the folder {path.parent} does not exist; create it first")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(obj, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def safe_load(path: PathLike, map_location: str | torch.device | None = "cpu") -> Any:
    """``torch.load(path, weights_only=True)`` with a clear message for each failure.

    Raises:
        FileNotFoundError: if there is no file at ``path``.
        ValueError: if the file is truncated or corrupt, or holds Python objects
            other than tensors and plain containers (loading those could run code).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no file at {path}: check the path, or save a model there first with save_model")
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
        raise _corrupt(path) from err
    except Exception as err:  # torch raises RuntimeError, EOFError, IndexError... for damaged files
        raise _corrupt(path) from err


def _corrupt(path: Path) -> ValueError:
    return ValueError(f"{path} is not a readable PyTorch file (truncated or corrupt?): save the model again")


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


def _load_state(model: nn.Module, state: dict, path: PathLike) -> None:
    """``model.load_state_dict(state)``, but explain shape mismatches in terms of dims."""
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
    model.load_state_dict(state)


def save_model(model: nn.Module, path: PathLike) -> Path:
    """Save a model's ``state_dict`` and its dimensions, atomically, to ``path`` (use ``.pt``).

    Args:
        model: a :class:`LinearRegressionModel` (or any model whose first and
            last layers are ``nn.Linear``, rebuilt as a ``LinearRegressionModel``).
        path: where to write, e.g. ``"model.pt"``; its folder must exist.

    Returns:
        ``path`` as a ``Path``.
    """
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


def load_model(path: PathLike, map_location: str | torch.device | None = "cpu") -> LinearRegressionModel:
    """Rebuild a model saved by :func:`save_model`, ready for :func:`predict`.

    Loads with ``weights_only=True``, so a file crafted to run code is refused.

    Args:
        path: a file written by :func:`save_model`.
        map_location: device for the weights (default CPU, so a model saved on a
            GPU loads on a machine without one).

    Returns:
        A :class:`LinearRegressionModel` in eval mode.

    Raises:
        FileNotFoundError: if ``path`` does not exist.
        ValueError: if the file is corrupt, unsafe, not a model file, or its
            weights do not match its dimensions.
    """
    payload = _expect_kind(safe_load(path, map_location), MODEL_KIND, path)
    model = LinearRegressionModel(payload["input_dim"], payload["output_dim"])
    if map_location is not None:
        model.to(map_location)
    _load_state(model, payload["state_dict"], path)
    return model.eval()


def save_checkpoint(
    path: PathLike,
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    epoch: int,
    loss: float | None = None,
) -> Path:
    """Save everything needed to resume training exactly, atomically.

    Stores the model's and optimizer's ``state_dict``, the epoch reached, the last
    loss and PyTorch's CPU random-number state.

    Args:
        path: where to write, e.g. ``"checkpoint.pt"``.
        model: the model being trained.
        optimizer: its optimizer (momentum and Adam statistics live here).
        epoch: epochs completed so far.
        loss: the last loss, for the record.

    Returns:
        ``path`` as a ``Path``.
    """
    payload = {
        "kind": CHECKPOINT_KIND,
        "version": FORMAT_VERSION,
        "epoch": int(epoch),
        "loss": None if loss is None else float(loss),
        "model_state": model.state_dict(),
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
    """Restore a checkpoint from :func:`save_checkpoint` into ``model`` (and ``optimizer``).

    Also restores PyTorch's CPU random-number state, so training continues
    exactly as if it had never stopped.

    Args:
        path: a file written by :func:`save_checkpoint`.
        model: a freshly built model of the same shape; updated in place.
        optimizer: a freshly built optimizer over ``model.parameters()``; updated in place.
        map_location: device for the loaded tensors.

    Returns:
        ``{"epoch": int, "loss": float | None}``.

    Raises:
        FileNotFoundError, ValueError: as for :func:`load_model`, and when the
            model's shapes differ from the checkpoint's.
    """
    payload = _expect_kind(safe_load(path, map_location), CHECKPOINT_KIND, path)
    _load_state(model, payload["model_state"], path)
    if optimizer is not None:
        optimizer.load_state_dict(payload["optimizer_state"])
    torch.set_rng_state(payload["torch_rng_state"].cpu())
    return {"epoch": payload["epoch"], "loss": payload["loss"]}
