"""Make the post's data, and check data before it reaches a model.

Every public helper in ``linreg_utils`` sends its inputs through :func:`as_features`
and :func:`as_targets`, so a learner meets one clear message per mistake, raised
before PyTorch's own (much less helpful) one would be.
"""

from __future__ import annotations

import numpy as np
import torch

ArrayLike = np.ndarray | torch.Tensor


def make_linear_data(
    n: int = 11,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise_std: float = 0.0,
    seed: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Build points on the line ``y = slope * x + intercept``, with optional noise.

    ``x`` is ``0, 1, ..., n - 1``; the defaults reproduce the original post
    exactly (x = 0..10, y = 2x + 1).

    Args:
        n: number of points, at least 1.
        slope: the true slope ``w``.
        intercept: the true intercept ``b``.
        noise_std: standard deviation of Gaussian noise added to ``y`` (0 = none).
        seed: seed for the noise, so the same call returns the same data.

    Returns:
        ``(x, y)``: two ``(n, 1)`` float32 numpy arrays.

    Raises:
        ValueError: if ``n < 1`` or ``noise_std < 0``.

    Example:
        >>> x, y = make_linear_data(n=3)
        >>> y.ravel()
        array([1., 3., 5.], dtype=float32)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be a whole number, got {n!r}")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}: ask for one or more points")
    if not np.isfinite(noise_std) or noise_std < 0:
        raise ValueError(f"noise_std must be a finite number >= 0, got {noise_std}: use 0.0 for no noise")
    x = np.arange(n, dtype=np.float32).reshape(-1, 1)
    y = (slope * x + intercept).astype(np.float32)
    if noise_std > 0:
        rng = np.random.default_rng(seed)
        y = (y + rng.normal(0.0, noise_std, size=y.shape)).astype(np.float32)
    return x, y


def _describe(value: object) -> str:
    return "a Python list" if isinstance(value, list) else f"a {type(value).__name__}"


def _as_float32_tensor(value: object, name: str) -> torch.Tensor:
    """Turn a numpy array or tensor into a float32 tensor, refusing silent conversions."""
    if isinstance(value, np.ndarray):
        tensor = torch.from_numpy(value)
        fix_float = f"{name}.astype(np.float32)"
    elif isinstance(value, torch.Tensor):
        tensor = value
        fix_float = f"{name}.float()"
    else:
        raise TypeError(
            f"{name} is {_describe(value)}, but a numpy array or torch tensor is needed: "
            f"use np.array({name}, dtype=np.float32).reshape(-1, 1)"
        )
    if tensor.dtype != torch.float32:
        dtype = str(tensor.dtype).replace("torch.", "")
        kind = f"{dtype}" if tensor.dtype.is_floating_point else f"{dtype} (whole numbers)"
        raise TypeError(f"{name} is {kind}, but the model's weights are float32: convert it with {fix_float}")
    return tensor


def as_features(x: ArrayLike, in_features: int | None = None, name: str = "x") -> torch.Tensor:
    """Check model inputs and return them as a float32 tensor (no copy when possible).

    Args:
        x: inputs of shape ``(n, in_features)``, float32 (numpy array or tensor).
        in_features: the number of columns the model expects, if known.
        name: the variable name used in error messages.

    Returns:
        ``(n, in_features)`` float32 tensor (sharing memory with a numpy ``x``).

    Raises:
        TypeError: if ``x`` is not float32 — convert with ``x.astype(np.float32)``.
        ValueError: if ``x`` is 1-D (use ``x.reshape(-1, 1)``), empty, has the wrong
            number of columns, or contains NaN or inf.
    """
    tensor = _as_float32_tensor(x, name)
    shape = tuple(tensor.shape)
    if tensor.ndim == 1:
        raise ValueError(
            f"{name} has shape {shape}; reshape it to ({shape[0]}, 1) with {name}.reshape(-1, 1): "
            "models take one row per sample and one column per feature"
        )
    if tensor.ndim != 2:
        raise ValueError(f"{name} has shape {shape}, but a 2-D (n_samples, n_features) array is needed")
    if shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {shape}): there must be at least one sample")
    if in_features is not None and shape[1] != in_features:
        raise ValueError(
            f"{name} has {shape[1]} columns, but the model expects {in_features} input feature(s): "
            f"pass {name} of shape (n, {in_features}) or build the model with input_dim={shape[1]}"
        )
    _check_finite(tensor, name)
    return tensor


def as_targets(y: ArrayLike, n: int, out_features: int = 1, name: str = "y") -> torch.Tensor:
    """Check targets against ``n`` samples and return them as a float32 tensor.

    Args:
        y: targets of shape ``(n, out_features)``, float32 (numpy array or tensor).
        n: the number of samples in ``x``.
        out_features: the number of outputs the model predicts per sample.
        name: the variable name used in error messages.

    Returns:
        ``(n, out_features)`` float32 tensor.

    Raises:
        TypeError: if ``y`` is not float32.
        ValueError: if ``y`` is 1-D while predictions are ``(n, 1)`` (``MSELoss`` would
            silently broadcast to ``(n, n)``), has a different length from ``x``, or
            contains NaN or inf.
    """
    tensor = _as_float32_tensor(y, name)
    shape = tuple(tensor.shape)
    expected = (n, out_features)
    if tensor.ndim == 1 and shape[0] == n and out_features == 1:
        raise ValueError(
            f"{name} has shape {shape}, but the model's predictions have shape {expected}: reshape it with "
            f"{name}.reshape(-1, 1) (otherwise MSELoss broadcasts to ({n}, {n}) and trains on the wrong loss)"
        )
    if tensor.ndim >= 1 and shape[0] != n:
        raise ValueError(f"x has {n} samples but {name} has {shape[0]}: give one target per sample")
    if shape != expected:
        raise ValueError(f"{name} has shape {shape}, but the model's predictions have shape {expected}")
    _check_finite(tensor, name)
    return tensor


def _check_finite(tensor: torch.Tensor, name: str) -> None:
    bad = ~torch.isfinite(tensor)
    if bool(bad.any()):
        count = int(bad.sum())
        row = int(bad.nonzero()[0, 0])
        raise ValueError(
            f"{name} contains {count} NaN or inf value(s) (first in row {row}): "
            "remove or fill them before training (e.g. drop those rows)"
        )


def make_regression_data(
    n: int,
    weights: ArrayLike | list[float],
    bias: float = 0.0,
    noise_std: float = 0.0,
    seed: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Random inputs with several features and targets ``y = x @ w + bias (+ noise)``.

    Args:
        n: number of samples, at least 1.
        weights: the ``k`` true weights, one per feature.
        bias: the true intercept.
        noise_std: standard deviation of Gaussian noise on y (0 = none).
        seed: makes x and the noise reproducible.

    Returns:
        ``(x, y)``: ``(n, k)`` and ``(n, 1)`` float32 arrays; x is uniform in [-1, 1).
    """
    w = np.asarray(weights, dtype=np.float64).ravel()
    if w.size == 0:
        raise ValueError("weights is empty: give one weight per feature, e.g. weights=[2.0, -1.0]")
    make_linear_data(n=n, noise_std=noise_std)  # validates n and noise_std with the same messages
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(n, w.size))
    y = x @ w[:, None] + bias
    if noise_std > 0:
        y = y + rng.normal(0.0, noise_std, size=(n, 1))
    return x.astype(np.float32), y.astype(np.float32)


def train_test_split(
    x: ArrayLike, y: ArrayLike, test_fraction: float = 0.25, seed: int | None = 0
) -> tuple[ArrayLike, ArrayLike, ArrayLike, ArrayLike]:
    """Shuffle the samples reproducibly and split them into a training and a test set.

    Args:
        x: ``(n, k)`` inputs; y: ``(n, m)`` targets (numpy arrays or tensors).
        test_fraction: share of the samples held out for testing, in (0, 1).
        seed: seed of the shuffle (same seed, same split).

    Returns:
        ``(x_train, x_test, y_train, y_test)``, each keeping the rows together.

    Raises:
        ValueError: if x and y have different lengths, or a set would be empty.
    """
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1 (e.g. 0.25), got {test_fraction}")
    n = len(x)
    if len(y) != n:
        raise ValueError(f"x has {n} samples but y has {len(y)}: give one target per sample")
    n_test = int(round(n * test_fraction))
    if n_test == 0 or n_test == n:
        raise ValueError(f"{n} samples with test_fraction={test_fraction} leaves an empty set: use more data")
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    if isinstance(x, torch.Tensor):
        test, train = torch.from_numpy(test), torch.from_numpy(train)
    return x[train], x[test], y[train], y[test]


def standardize(x: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shift and scale each column of x to mean 0 and standard deviation 1.

    Args:
        x: ``(n, k)`` float32 inputs.

    Returns:
        ``(x_std, mean, std)``: ``(n, k)`` float32 array and two ``(k,)`` float32 arrays, with
        ``x_std = (x - mean) / std``.

    Raises:
        ValueError: if a column is constant (its standard deviation is 0).
    """
    xt = as_features(x).detach().cpu().double().numpy()
    mean, std = xt.mean(axis=0), xt.std(axis=0)
    if np.any(std == 0):
        raise ValueError(f"column(s) {np.flatnonzero(std == 0).tolist()} of x are constant and cannot be scaled")
    return ((xt - mean) / std).astype(np.float32), mean.astype(np.float32), std.astype(np.float32)
