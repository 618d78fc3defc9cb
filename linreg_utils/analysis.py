"""Beyond the post: the exact answer, the loss landscape and why learning rates behave as they do.

For ``y ≈ x Wᵀ + b`` with the mean squared error, everything here has a closed form:
the best weights (the normal equation), the loss at any ``(w, b)``, and its Hessian
``H = (2/n) X̃ᵀ X̃`` where ``X̃ = [x, 1]``, whose largest eigenvalue decides which
learning rates gradient descent survives (``lr < 2 / λ_max``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from .data import ArrayLike, as_features, as_targets
from .model import LinearRegressionModel
from .training import _design, mse_hessian, stable_lr_limit

__all__ = [
    "Path",
    "closed_form",
    "compare_optimizers",
    "descent_path",
    "loss_grid",
    "mse_hessian",
    "stable_lr_limit",
    "unstandardize",
]

OptimizerFactory = Callable[[list[torch.nn.Parameter]], torch.optim.Optimizer]


def closed_form(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""Solve least squares exactly (the normal equation) with ``torch.linalg.lstsq``.

    Finds :math:`\theta = \arg\min \lVert \tilde X \theta - y \rVert^2` for
    :math:`\tilde X = [x, 1]`, in float64.

    Args:
        x: ``(n, k)`` float32 inputs.
        y: ``(n, m)`` float32 targets.

    Returns:
        ``(W, b)``: ``(m, k)`` and ``(m,)`` float64 arrays, laid out like
        ``nn.Linear(k, m).weight`` and ``.bias``.

    Raises:
        ValueError: if the answer is not unique: fewer than ``k + 1`` points, a constant column
            of x (its weight and the bias cannot be told apart), or columns that depend on each
            other. ``lstsq`` would return one of infinitely many answers without a word.

    Example:
        >>> closed_form(*make_linear_data())
        (array([[2.]]), array([1.]))
    """
    design = _design(x)
    yt = as_targets(y, len(design), as_features(y, name="y", dtype=None).shape[1], dtype=None).detach().cpu().double()
    _check_unique(design)
    theta = torch.linalg.lstsq(design, yt, driver="gelsd").solution  # (k + 1, m)
    return theta[:-1].T.numpy(), theta[-1].numpy()


def _check_unique(design: torch.Tensor) -> None:
    """Refuse a rank-deficient ``[x, 1]``: least squares then has infinitely many answers."""
    n, params = design.shape
    k = params - 1
    if n < params:
        raise ValueError(
            f"closed_form got {n} point(s) for {k} weight(s) and a bias: a line through {n} point(s) is not unique, "
            f"so at least {params} points are needed: add data points"
        )
    features = design[:, :-1]
    constant = (features == features[:1]).all(dim=0).nonzero().ravel().tolist()
    if constant:
        values = [f"{float(features[0, c]):g}" for c in constant]
        raise ValueError(
            f"column(s) {constant} of x are constant (every value is {', '.join(values)}), so their weight and the "
            "bias cannot be told apart and any split fits equally well: use data where x varies, or drop the column"
        )
    rank = int(torch.linalg.matrix_rank(design))
    if rank < params:
        raise ValueError(
            f"the columns of x (with the bias column) have rank {rank}, less than {params}: some columns are "
            "combinations of others, so infinitely many weights fit equally well: drop the repeated columns"
        )


def loss_grid(x: ArrayLike, y: ArrayLike, w_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
    """MSE of ``y ≈ w x + b`` at every ``(w, b)`` on a grid, for a contour plot.

    Args:
        x: ``(n, 1)`` float32 inputs.
        y: ``(n, 1)`` float32 targets.
        w_values: ``(p,)`` slopes; b_values: ``(q,)`` intercepts.

    Returns:
        ``(q, p)`` float64 array: row ``i`` is ``b_values[i]``, column ``j`` is ``w_values[j]``
        (the layout ``plt.contour(w_values, b_values, grid)`` expects).
    """
    xt = as_features(x, in_features=1).detach().cpu().double()[:, 0].numpy()
    yt = as_targets(y, len(xt)).detach().cpu().double()[:, 0].numpy()
    w = np.asarray(w_values, dtype=np.float64)[None, :, None]
    b = np.asarray(b_values, dtype=np.float64)[:, None, None]
    return ((w * xt + b - yt) ** 2).mean(axis=-1)


@dataclass
class Path:
    """Where gradient descent went: ``params[e]`` is ``(w, b)`` after ``e`` epochs (row 0: the start)."""

    params: np.ndarray
    losses: np.ndarray

    def epochs_to_reach(self, target: tuple[float, float] = (2.0, 1.0), tol: float = 1e-3) -> int | None:
        """First epoch after which both ``|w - w*|`` and ``|b - b*|`` are below ``tol`` (None if never)."""
        close = np.all(np.abs(self.params - np.asarray(target)) < tol, axis=1)
        hits = np.flatnonzero(close)
        return int(hits[0]) if len(hits) else None


def descent_path(
    x: ArrayLike,
    y: ArrayLike,
    epochs: int = 1000,
    make_optimizer: OptimizerFactory | None = None,
    seed: int = 0,
) -> Path:
    """Train a fresh ``LinearRegressionModel(1, 1)`` (seeded) and record ``(w, b)`` after every epoch.

    The same full-batch loop as :func:`linreg_utils.train`, keeping the path for pictures and
    convergence counts.

    Args:
        x: ``(n, 1)`` float32 inputs; y: ``(n, 1)`` float32 targets.
        epochs: epochs to run.
        make_optimizer: ``params -> optimizer``; default the post's ``SGD(lr=0.01)``.
        seed: ``torch.manual_seed`` before building the model (0 gives the notebooks' start).

    Returns:
        A :class:`Path` with ``params`` of shape ``(epochs + 1, 2)`` and ``losses`` of shape ``(epochs,)``.
    """
    torch.manual_seed(seed)
    model = LinearRegressionModel(1, 1)
    make_optimizer = make_optimizer or (lambda params: torch.optim.SGD(params, lr=0.01))
    optimizer = make_optimizer(list(model.parameters()))
    xt = as_features(x, in_features=1)
    yt = as_targets(y, len(xt))
    loss_fn = torch.nn.MSELoss()
    params = torch.empty(epochs + 1, 2, dtype=torch.float64)
    losses = torch.empty(epochs, dtype=torch.float64)
    params[0] = torch.cat([model.linear.weight.detach().ravel(), model.linear.bias.detach()])
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(xt), yt)
        loss.backward()
        optimizer.step()
        losses[epoch] = loss.detach()
        params[epoch + 1] = torch.cat([model.linear.weight.detach().ravel(), model.linear.bias.detach()])
    return Path(params.numpy(), losses.numpy())


def compare_optimizers(
    x: ArrayLike,
    y: ArrayLike,
    optimizers: dict[str, OptimizerFactory],
    target: tuple[float, float] = (2.0, 1.0),
    tol: float = 1e-3,
    max_epochs: int = 3000,
    seed: int = 0,
) -> list[dict[str, object]]:
    """Epochs each optimizer needs until ``|w - w*|, |b - b*| < tol``, from the same start.

    Args:
        x, y: ``(n, 1)`` float32 data.
        optimizers: name → ``params -> optimizer``, e.g.
            ``{"SGD": lambda p: torch.optim.SGD(p, lr=0.01)}``.
        target: the true ``(w, b)``.
        tol: the tolerance on both.
        max_epochs: give up after this many epochs (``epochs`` is then ``None``).
        seed: the initialisation seed shared by all runs.

    Returns:
        One row per optimizer: ``{"optimizer": name, "epochs": int | None, "final_loss": float}``.
    """
    rows = []
    for name, factory in optimizers.items():
        path = descent_path(x, y, max_epochs, factory, seed)
        rows.append({"optimizer": name, "epochs": path.epochs_to_reach(target, tol), "final_loss": path.losses[-1]})
    return rows


def unstandardize(
    weight: ArrayLike, bias: ArrayLike, mean: np.ndarray, std: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    r"""Turn weights learned on standardised x back into weights for the original x.

    If :math:`y = W \frac{x - \mu}{\sigma} + b`, then :math:`y = \frac{W}{\sigma} x + (b - W \frac{\mu}{\sigma})`.

    Args:
        weight: ``(m, k)`` weights learned on ``x_std``; bias: ``(m,)``.
        mean, std: ``(k,)`` arrays from :func:`linreg_utils.data.standardize`.

    Returns:
        ``(W, b)`` for the original x: ``(m, k)`` and ``(m,)`` float64 arrays.
    """
    w = (weight.detach().cpu().numpy() if isinstance(weight, torch.Tensor) else np.asarray(weight)).astype(np.float64)
    b = (bias.detach().cpu().numpy() if isinstance(bias, torch.Tensor) else np.asarray(bias)).astype(np.float64)
    scaled = w / np.asarray(std, dtype=np.float64)
    return scaled, b - scaled @ np.asarray(mean, dtype=np.float64)
