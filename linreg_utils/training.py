"""Train a model the way the post does: full-batch SGD on the mean squared error."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .batching import check_batch_size, minibatches
from .data import ArrayLike, as_features, as_targets
from .model import model_device, model_dims


def _design(x: ArrayLike) -> torch.Tensor:
    """``[x, 1]`` in float64: ``(n, k + 1)``."""
    xt = as_features(x).detach().cpu().double()
    return torch.cat([xt, torch.ones(len(xt), 1, dtype=torch.float64)], dim=1)


def mse_hessian(x: ArrayLike) -> np.ndarray:
    r"""Hessian of the MSE with respect to ``(w_1..w_k, b)``: :math:`H = \frac{2}{n}\tilde X^\top \tilde X`.

    It does not depend on y or on the current weights: the MSE of a linear model is a
    quadratic bowl whose shape is fixed by x alone.

    Args:
        x: ``(n, k)`` float32 inputs.

    Returns:
        ``(k + 1, k + 1)`` float64 array.
    """
    design = _design(x)
    return (2.0 / len(design) * design.T @ design).numpy()


def stable_lr_limit(x: ArrayLike) -> float:
    """The largest learning rate for which plain gradient descent on the MSE converges: ``2 / λ_max``.

    Args:
        x: ``(n, k)`` float32 inputs.
    """
    return float(2.0 / np.linalg.eigvalsh(mse_hessian(x)).max())


class TrainingDivergedError(RuntimeError):
    """Raised when the loss becomes NaN or infinite: the learning rate is too large."""


@dataclass
class History:
    """What :func:`train` did: the loss of every epoch.

    Attributes:
        losses: ``(epochs,)`` float64 array; ``losses[i]`` is the loss computed in
            epoch ``i + 1``, before that epoch's update (what the post prints).
        lr: the learning rate used (``None`` when an optimizer was passed in).
    """

    losses: np.ndarray
    lr: float | None = None

    @property
    def epochs(self) -> int:
        """Number of epochs trained."""
        return len(self.losses)

    @property
    def final_loss(self) -> float:
        """The loss of the last epoch."""
        return float(self.losses[-1])

    def __len__(self) -> int:
        return len(self.losses)


def _check_positive_int(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def check_learning_rate(lr: object) -> float:
    """Return ``lr`` as a float if it is a finite number > 0, else raise ``ValueError``."""
    if isinstance(lr, str):
        raise ValueError(f"lr is the text {lr!r}, but it must be a number > 0: write lr={lr.strip()} without quotes")
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.floating, np.integer)):
        raise ValueError(f"lr must be a number > 0 such as 0.01, got {lr!r}")
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr must be a finite number > 0 such as 0.01, got {lr!r}")
    return float(lr)


def _check_optimizer(optimizer: torch.optim.Optimizer, model: nn.Module) -> None:
    own = {id(p) for p in model.parameters()}
    given = [p for group in optimizer.param_groups for p in group["params"]]
    if not given or any(id(p) not in own for p in given):
        raise ValueError(
            "the optimizer's parameters are not this model's parameters, so optimizer.step() "
            "would update another model: build it with torch.optim.SGD(model.parameters(), lr=...)"
        )


def prepare_xy(model: nn.Module, x: ArrayLike, y: ArrayLike) -> tuple[torch.Tensor, torch.Tensor]:
    """Validate ``x`` and ``y`` against ``model`` and put them on the model's device.

    Args:
        model: the model the data is for.
        x: ``(n, in_features)`` float32 inputs (numpy array or tensor).
        y: ``(n, out_features)`` float32 targets (numpy array or tensor).

    Returns:
        ``(x, y)`` as float32 tensors on the model's device.

    Raises:
        TypeError, ValueError: see :func:`linreg_utils.data.as_features` and
            :func:`linreg_utils.data.as_targets`; also when a tensor is on another
            device than the model (numpy arrays are moved there for you).
    """
    in_features, out_features = model_dims(model)
    xt = as_features(x, in_features)
    yt = as_targets(y, len(xt), out_features or 1)
    device = model_device(model)
    return _to_device(xt, x, device, "x"), _to_device(yt, y, device, "y")


def _to_device(tensor: torch.Tensor, original: ArrayLike, device: torch.device, name: str) -> torch.Tensor:
    """Numpy data follows the model to its device; a tensor placed elsewhere is an error."""
    if tensor.device == device:
        return tensor
    if isinstance(original, np.ndarray):
        return tensor.to(device)
    raise ValueError(
        f"{name} is on {tensor.device} but the model is on {device}: "
        f"move both to one device, e.g. model.to(device) and {name} = {name}.to(device)"
    )


def train(
    model: nn.Module,
    x: ArrayLike,
    y: ArrayLike,
    *,
    epochs: int = 1000,
    lr: float = 0.01,
    log_every: int = 50,
    optimizer: torch.optim.Optimizer | None = None,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
    start_epoch: int = 0,
    batch_size: int | None = None,
    progress: bool = False,
) -> History:
    """Fit ``model`` to ``(x, y)`` with full-batch gradient descent, like the post.

    Each epoch runs ``zero_grad -> forward -> loss -> backward -> step`` on all
    of the data at once.

    Args:
        model: the model to train, e.g. ``LinearRegressionModel(1, 1)``; updated in place.
        x: inputs of shape ``(n, in_features)``, float32 (numpy array or tensor).
        y: targets of shape ``(n, out_features)``, float32.
        epochs: number of passes over the data, at least 1.
        lr: learning rate (学习率) of the default ``torch.optim.SGD``.
        log_every: print ``epoch E, loss L`` every this many epochs; 0 prints nothing.
        optimizer: use this optimizer instead of ``SGD(model.parameters(), lr=lr)``
            (``lr`` is then ignored); it must hold ``model``'s parameters.
        loss_fn: loss function (损失函数), default ``nn.MSELoss()``.
        start_epoch: epochs already trained, so that a resumed run prints and
            reports epoch numbers that continue from there.
        batch_size: ``None`` (default) uses all samples in every step, like the post;
            a number trains on shuffled mini-batches of that size (one step per batch,
            order drawn from PyTorch's global random generator: seed it with
            ``torch.manual_seed``), using the fast batching of :mod:`linreg_utils.batching`.
        progress: show a ``tqdm`` progress bar over the epochs.

    Returns:
        A :class:`History` with the loss of every epoch (with mini-batches: the mean
        of that epoch's batch losses, weighted by batch size).

    Raises:
        TypeError, ValueError: for bad data (see :func:`prepare_xy`), ``epochs < 1``,
            ``lr <= 0`` or an optimizer built on another model's parameters.
        TrainingDivergedError: if the loss becomes NaN or inf; it names the epoch
            and suggests a smaller learning rate.

    Example:
        >>> x, y = make_linear_data()
        >>> history = train(LinearRegressionModel(1, 1), x, y, log_every=0)
        >>> history.final_loss < 1e-5
        True
    """
    epochs = _check_positive_int(epochs, "epochs", 1)
    log_every = _check_positive_int(log_every, "log_every", 0)
    start_epoch = _check_positive_int(start_epoch, "start_epoch", 0)
    if optimizer is None:
        lr = check_learning_rate(lr)
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    else:
        _check_optimizer(optimizer, model)
        lr = None
    loss_fn = nn.MSELoss() if loss_fn is None else loss_fn
    xt, yt = prepare_xy(model, x, y)

    if batch_size is not None:
        batch_size = check_batch_size(batch_size, len(xt))
    check_every = 1 if batch_size is not None else log_every or 50
    losses: list[torch.Tensor] = []
    checked = 0
    epoch_range: range | Iterable[int] = range(epochs)
    if progress:
        from tqdm.auto import tqdm  # imported here: tqdm.auto inspects the notebook front end on import

        epoch_range = tqdm(epoch_range, desc="training", unit="epoch", leave=False)
    model.train()
    for i in epoch_range:
        if batch_size is None:
            optimizer.zero_grad()
            loss = loss_fn(model(xt), yt)
            loss.backward()
            optimizer.step()
            losses.append(loss.detach())
        else:
            total = torch.zeros((), device=xt.device)
            for xb, yb in minibatches(xt, yt, batch_size):
                optimizer.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                optimizer.step()
                total += loss.detach() * len(xb)
            losses.append(total / len(xt))
        epoch = start_epoch + i + 1
        if epoch % check_every == 0 or i == epochs - 1:
            value = losses[-1].item()
            if not math.isfinite(value):
                # plain full-batch SGD on the MSE: the exact limit is known (see notebook 08)
                plain = batch_size is None and lr is not None and isinstance(loss_fn, nn.MSELoss) and _is_linear(model)
                _raise_diverged(losses, checked, start_epoch, lr, stable_lr_limit(xt) if plain else None)
            checked = i + 1
            if log_every and epoch % log_every == 0:
                print(f"epoch {epoch}, loss {value:.4g}")
    return History(torch.stack(losses).cpu().double().numpy(), lr)


def _is_linear(model: nn.Module) -> bool:
    """True when every parameter belongs to one ``nn.Linear`` (the model is y = x Wᵀ + b)."""
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return len(linears) == 1 and len(list(model.parameters())) == len(list(linears[0].parameters()))


def _raise_diverged(
    losses: list[torch.Tensor], checked: int, start_epoch: int, lr: float | None, limit: float | None
) -> None:
    recent = torch.stack(losses[checked:]).cpu()
    first = checked + int((~torch.isfinite(recent)).nonzero()[0, 0])
    value = float(losses[first])
    if limit is not None:
        smaller = f"below {limit:.3g} (the largest stable lr for this x, 2/λ_max), e.g. lr={0.9 * limit:.2g}"
    else:
        smaller = f"e.g. lr={lr / 10:g}" if lr else "e.g. a tenth of the current one"
    raise TrainingDivergedError(
        f"the loss became {value} at epoch {start_epoch + first + 1}: the learning rate "
        f"{'' if lr is None else f'({lr:g}) '}is too large for this data, so each step overshoots. "
        f"Try a smaller learning rate, {smaller}, or standardise x"
    )
