"""Pictures a learner would rather look at than read: data, fit, loss curve, residuals.

Each function draws on ``ax`` (a new figure when ``None``) and returns it; the
notebook ends the cell with ``plt.show()``. With ``set_language("zh")`` their titles, labels and legends are
Chinese when a Chinese font is installed (:mod:`linreg_utils.figure_text`).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from torch import nn

from .data import ArrayLike, as_features
from .evaluation import predict
from .figure_text import translate_artist
from .training import History


def _axes(ax: Axes | None) -> Axes:
    return plt.subplots(figsize=(5, 3.5))[1] if ax is None else ax


def _numpy(values: ArrayLike) -> np.ndarray:
    return as_features(values).detach().cpu().numpy()


def plot_data(x: ArrayLike, y: ArrayLike, ax: Axes | None = None, label: str = "data", **style) -> Axes:
    """Scatter plot of ``(n, 1)`` x against ``(n, 1)`` y."""
    ax = _axes(ax)
    ax.scatter(_numpy(x)[:, 0], _numpy(y)[:, 0], label=label, zorder=3, **style)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    translate_artist(ax)
    return ax


def plot_fit(model: nn.Module, x: ArrayLike, y: ArrayLike, ax: Axes | None = None, label: str = "model") -> Axes:
    """The data as points and the model's line over the range of ``(n, 1)`` x."""
    ax = plot_data(x, y, ax)
    xs = _numpy(x)[:, 0]
    grid = np.linspace(xs.min(), xs.max(), 100, dtype=np.float32).reshape(-1, 1)
    ax.plot(grid[:, 0], predict(model, grid)[:, 0], color="C1", label=label)
    ax.legend()
    translate_artist(ax)
    return ax


def plot_loss(history: History | ArrayLike, ax: Axes | None = None, log: bool = True, label: str | None = None) -> Axes:
    """Loss per epoch, on a log scale by default (the loss falls by orders of magnitude)."""
    losses = history.losses if isinstance(history, History) else np.asarray(history)
    ax = _axes(ax)
    ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (MSE)")
    translate_artist(ax)
    return ax


def plot_residuals(model: nn.Module, x: ArrayLike, y: ArrayLike, ax: Axes | None = None) -> Axes:
    """Residuals ``y - prediction`` against x; a good fit scatters them around 0 with no pattern."""
    ax = _axes(ax)
    xs = _numpy(x)
    residuals = _numpy(y)[:, 0] - predict(model, xs)[:, 0]
    ax.axhline(0.0, color="gray", linewidth=1)
    ax.scatter(xs[:, 0], residuals, color="C3", zorder=3)
    ax.set_xlabel("x")
    ax.set_ylabel("residual  y - prediction")
    translate_artist(ax)
    return ax
