"""Use a trained model: predictions without autograd, and the usual error metrics."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from .data import ArrayLike, as_features, as_targets
from .model import model_device, model_dims
from .validation import check_model_dtype, check_r2_defined


def predict(model: nn.Module, x: ArrayLike) -> np.ndarray:
    """Predict y for x without building an autograd graph.

    The modern replacement for the post's
    ``model(torch.from_numpy(x).requires_grad_()).data.numpy()``: runs under
    ``torch.inference_mode()`` with the model in eval mode, then restores its mode.

    Args:
        model: a trained model, e.g. ``LinearRegressionModel(1, 1)``.
        x: inputs of shape ``(n, in_features)``, float32 (numpy array or tensor).

    Returns:
        ``(n, out_features)`` float32 numpy array (on the CPU).

    Raises:
        ValueError: if ``x`` is 1-D — reshape it with ``x.reshape(-1, 1)``.
        TypeError: if ``x`` is not float32 — convert it with ``x.astype(np.float32)`` (float64
            for a model converted with ``model.double()``).

    Example:
        >>> import torch
        >>> from linreg_utils import LinearRegressionModel
        >>> model = LinearRegressionModel(1, 1)
        >>> with torch.no_grad():  # the line y = 2x + 1, set by hand
        ...     _ = model.linear.weight.fill_(2.0), model.linear.bias.fill_(1.0)
        >>> predict(model, np.array([[4.0]], dtype=np.float32))
        array([[9.]], dtype=float32)
    """
    in_features, _ = model_dims(model)
    xt = as_features(x, in_features, dtype=check_model_dtype(model)).to(model_device(model))
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            return model(xt).cpu().numpy()
    finally:
        model.train(was_training)


def _as_float64(values: ArrayLike) -> tuple[ArrayLike, torch.Tensor | None]:
    """Metrics accept float32 or float64 (e.g. closed-form predictions) and compute in float64."""
    tensor = torch.from_numpy(values) if isinstance(values, np.ndarray) else values
    if isinstance(tensor, torch.Tensor) and tensor.dtype == torch.float64:
        return tensor.detach().cpu().float(), tensor.detach().cpu()
    return tensor, None


def _pair(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[torch.Tensor, torch.Tensor]:
    """Check shapes and values as everywhere else (float64 allowed), then return both in float64."""
    pred32, pred64 = _as_float64(y_pred)
    true32, true64 = _as_float64(y_true)
    pred = as_features(pred32, name="y_pred")
    true = as_targets(true32, len(pred), pred.shape[1], name="y_true")
    pred = pred64 if pred64 is not None else pred.detach().cpu().double()
    true = true64 if true64 is not None else true.detach().cpu().double()
    return true, pred


def mse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Mean squared error :math:`\frac{1}{n}\sum_i (y_i - \hat y_i)^2` — what ``nn.MSELoss`` computes.

    Args:
        y_true: ``(n, k)`` float32 targets.
        y_pred: ``(n, k)`` float32 predictions.

    Returns:
        The mean squared error as a Python float (computed in float64).
    """
    true, pred = _pair(y_true, y_pred)
    return float(((true - pred) ** 2).mean())


def mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Mean absolute error :math:`\frac{1}{n}\sum_i |y_i - \hat y_i|`, in the units of y.

    Args:
        y_true: ``(n, k)`` float32 targets.
        y_pred: ``(n, k)`` float32 predictions.
    """
    true, pred = _pair(y_true, y_pred)
    return float((true - pred).abs().mean())


def r2_score(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Coefficient of determination :math:`R^2 = 1 - \frac{\sum (y - \hat y)^2}{\sum (y - \bar y)^2}`.

    1 is a perfect fit, 0 is no better than always predicting the mean of y.

    Args:
        y_true: ``(n, k)`` float32 targets, not all equal.
        y_pred: ``(n, k)`` float32 predictions.

    Raises:
        ValueError: if every ``y_true`` is the same value (R² is undefined).
    """
    true, pred = _pair(y_true, y_pred)
    total = float(((true - true.mean(dim=0)) ** 2).sum())
    check_r2_defined(total)
    return 1.0 - float(((true - pred) ** 2).sum()) / total
