"""Beyond the post: the exact answer, the loss landscape and why learning rates behave as they do.

For ``y ≈ x Wᵀ + b`` with the mean squared error, everything here has a closed form:
the best weights (the normal equation), the loss at any ``(w, b)``, and its Hessian
``H = (2/n) X̃ᵀ X̃`` where ``X̃ = [x, 1]``, whose largest eigenvalue decides which
learning rates gradient descent survives (``lr < 2 / λ_max``). And the path gradient descent takes
across that landscape: :func:`descent_path` records ``(w, b)`` after every epoch (notebook 07), and
:func:`compare_optimizers` counts the epochs each optimizer needs (notebook 08).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from .data import ArrayLike, as_features, as_targets
from .model import LinearRegressionModel, gradient_step
from .validation import check_full_rank

__all__ = [
    "DescentPath",
    "closed_form",
    "compare_optimizers",
    "descent_path",
    "design_matrix",
    "loss_grid",
    "mse_hessian",
    "stable_lr_limit",
    "unstandardize",
]


def design_matrix(x: ArrayLike) -> torch.Tensor:
    """The inputs with a column of ones for the bias, ``X̃ = [x, 1]``, in float64.

    Args:
        x: ``(n, k)`` inputs.

    Returns:
        ``(n, k + 1)`` float64 tensor.

    Example:
        >>> import numpy as np
        >>> design_matrix(np.array([[2.0], [3.0]], dtype=np.float32)).tolist()
        [[2.0, 1.0], [3.0, 1.0]]
    """
    xt = as_features(x, dtype=None).detach().cpu().double()
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
    design = design_matrix(x)
    return (2.0 / len(design) * design.T @ design).numpy()


def stable_lr_limit(x: ArrayLike) -> float:
    """The largest learning rate for which plain gradient descent on the MSE converges: ``2 / λ_max``.

    Args:
        x: ``(n, k)`` float32 inputs.
    """
    return float(2.0 / np.linalg.eigvalsh(mse_hessian(x)).max())


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
        >>> from linreg_utils import make_linear_data
        >>> w, b = closed_form(*make_linear_data())
        >>> w.round(6).tolist(), b.round(6).tolist()
        ([[2.0]], [1.0])
    """
    design = design_matrix(x)
    yt = as_targets(y, len(design), as_features(y, name="y", dtype=None).shape[1], dtype=None).detach().cpu().double()
    check_full_rank(design)
    theta = torch.linalg.lstsq(design, yt, driver="gelsd").solution  # (k + 1, m)
    return theta[:-1].T.numpy(), theta[-1].numpy()


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


def unstandardize(
    weight: ArrayLike, bias: ArrayLike, mean: np.ndarray, std: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    r"""Turn weights learned on standardized x back into weights for the original x.

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


OptimizerFactory = Callable[[list[torch.nn.Parameter]], torch.optim.Optimizer]


@dataclass
class DescentPath:
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
) -> DescentPath:
    """Train a fresh ``LinearRegressionModel(1, 1)`` (seeded) and record ``(w, b)`` after every epoch.

    The same full-batch step as :func:`linreg_utils.train` (:func:`linreg_utils.model.gradient_step`), keeping
    the path for pictures and convergence counts.

    Args:
        x: ``(n, 1)`` float32 inputs; y: ``(n, 1)`` float32 targets.
        epochs: epochs to run.
        make_optimizer: ``params -> optimizer``; default the post's ``SGD(lr=0.01)``.
        seed: ``torch.manual_seed`` before building the model (0 gives the notebooks' start).

    Returns:
        A :class:`DescentPath` with ``params`` of shape ``(epochs + 1, 2)`` and ``losses`` of shape ``(epochs,)``.

    Example:
        >>> from linreg_utils import make_linear_data
        >>> path = descent_path(*make_linear_data(), epochs=1000)
        >>> path.params.shape, path.losses.shape
        ((1001, 2), (1000,))
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
        losses[epoch] = gradient_step(model, optimizer, xt, yt, loss_fn)
        params[epoch + 1] = torch.cat([model.linear.weight.detach().ravel(), model.linear.bias.detach()])
    return DescentPath(params.numpy(), losses.numpy())


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
        seed: the initialization seed shared by all runs.

    Returns:
        One row per optimizer: ``{"optimizer": name, "epochs": int | None, "final_loss": float}``.

    Example:
        >>> from linreg_utils import make_linear_data
        >>> rows = compare_optimizers(*make_linear_data(), {"SGD": lambda p: torch.optim.SGD(p, lr=0.01)},
        ...                           max_epochs=100)
        >>> rows[0]["optimizer"], rows[0]["epochs"]
        ('SGD', None)
    """
    rows = []
    for name, factory in optimizers.items():
        path = descent_path(x, y, max_epochs, factory, seed)
        rows.append({"optimizer": name, "epochs": path.epochs_to_reach(target, tol), "final_loss": path.losses[-1]})
    return rows
