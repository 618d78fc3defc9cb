"""Make the post's data, load notebook 09's diabetes data, and check data before it reaches a model.

Every public helper in ``linreg_utils`` sends its inputs through :func:`as_features`
and :func:`as_targets`, and its numeric arguments through :mod:`linreg_utils.validation`, so a
learner meets one clear message per mistake, raised before PyTorch's own (much less helpful) one would be.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from importlib import resources

import numpy as np
import torch

from .language import message
from .validation import (
    check_array,
    check_consistent_length,
    check_data_dtype,
    check_features_shape,
    check_finite,
    check_float32_exact,
    check_not_masked,
    check_number,
    check_probability,
    check_scalable,
    check_split,
    check_targets_shape,
    check_weights,
    check_whole_number,
)

ArrayLike = np.ndarray | torch.Tensor


def make_linear_data(
    n: int = 11,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise_std: float = 0.0,
    seed: int | None = None,
    dtype: type | np.dtype = np.float32,
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
        dtype: ``np.float32`` (default, what the models use) or ``np.float64``.

    Returns:
        ``(x, y)``: two ``(n, 1)`` arrays of ``dtype``.

    Raises:
        TypeError: if ``n`` is not a whole number.
        ValueError: if ``n < 1``, ``noise_std < 0``, or (float32) ``x`` or ``y`` would go beyond
            ``2**24 = 16777216``, where float32 can no longer hold every whole number, so ``y`` would
            silently not be ``slope * x + intercept``: use fewer points or ``dtype=np.float64``.

    Example:
        >>> x, y = make_linear_data(n=3)
        >>> y.ravel()
        array([1., 3., 5.], dtype=float32)
    """
    n = check_whole_number(n, "n", minimum=1)
    slope, intercept = check_number(slope, "slope"), check_number(intercept, "intercept")
    noise_std = check_number(noise_std, "noise_std", minimum=0, example=message("data.no_noise"))
    dtype = check_data_dtype(dtype)
    if dtype == np.float32:
        check_float32_exact(n, slope, intercept)
    x = np.arange(n, dtype=dtype).reshape(-1, 1)
    y = (slope * x + intercept).astype(dtype)
    if noise_std > 0:
        rng = np.random.default_rng(seed)
        y = (y + rng.normal(0.0, noise_std, size=y.shape)).astype(dtype)
    return x, y


@dataclass(frozen=True)
class Dataset:
    """A small table of numbers: one row per sample, with the target to predict.

    Attributes:
        data: ``(n, k)`` float64 array, one column per feature.
        target: ``(n,)`` float64 array, one value per sample.
        feature_names: the ``k`` column names, in order.
    """

    data: np.ndarray
    target: np.ndarray
    feature_names: list[str]


DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def _read_gzipped_table(name: str) -> np.ndarray:
    """Read a gzip-compressed, space-separated table of numbers from ``linreg_utils/datasets/``."""
    path = resources.files("linreg_utils") / "datasets" / name  # works installed, editable or zipped
    with path.open("rb") as compressed, gzip.open(compressed, mode="rt", encoding="utf-8") as text:
        return np.loadtxt(text, dtype=np.float64)


def load_diabetes() -> Dataset:
    """The diabetes dataset of notebook 09: 442 patients, 10 measurements each, in raw units.

    The numbers are the same as ``sklearn.datasets.load_diabetes(scaled=False)``: the two small files
    ship inside ``linreg_utils`` (copied from scikit-learn, BSD-3-Clause; see
    ``linreg_utils/datasets/README.txt``), so nothing is downloaded and scikit-learn is not needed.
    Source: B. Efron, T. Hastie, I. Johnstone and R. Tibshirani (2004), "Least Angle Regression",
    *Annals of Statistics* 32(2), 407–499.

    The columns are not centered or scaled: standardize them with the *training* set's statistics
    only (:func:`standardize` on ``x_train``), or the test set leaks into training.

    Returns:
        A :class:`Dataset` with ``data`` ``(442, 10)`` float64 (age, sex, bmi, bp and six blood
        serum measurements s1..s6), ``target`` ``(442,)`` float64 (disease progression one year
        later) and ``feature_names`` ``['age', 'sex', 'bmi', 'bp', 's1', ..., 's6']``.

    Example:
        >>> diabetes = load_diabetes()
        >>> diabetes.data.shape, diabetes.target.shape
        ((442, 10), (442,))
        >>> diabetes.feature_names[:3]
        ['age', 'sex', 'bmi']
        >>> diabetes.data[0, :3], diabetes.target[:3]
        (array([59. ,  2. , 32.1]), array([151.,  75., 141.]))
    """
    data = _read_gzipped_table("diabetes_data_raw.csv.gz")
    target = _read_gzipped_table("diabetes_target.csv.gz")
    return Dataset(data=data, target=target, feature_names=list(DIABETES_FEATURES))


def as_features(
    x: ArrayLike, in_features: int | None = None, name: str = "x", dtype: torch.dtype | None = torch.float32
) -> torch.Tensor:
    """Check model inputs and return them as a float32 tensor (no copy when possible).

    The checks are :mod:`linreg_utils.validation`'s: :func:`~linreg_utils.validation.check_array`,
    :func:`~linreg_utils.validation.check_features_shape` and :func:`~linreg_utils.validation.check_finite`.

    Args:
        x: inputs of shape ``(n, in_features)``, float32 (numpy array or tensor).
        in_features: the number of columns the model expects, if known.
        name: the variable name used in error messages.
        dtype: the dtype the model needs (``torch.float64`` for a model converted with
            ``model.double()``); ``None`` accepts float32 and float64.

    Returns:
        ``(n, in_features)`` tensor of ``dtype`` (sharing memory with a numpy ``x`` when it can:
        big-endian and reversed (negative-stride) arrays are copied).

    Raises:
        TypeError: if ``x`` is not float32 — convert with ``x.astype(np.float32)`` —, or is
            complex, text, objects, a numpy masked array or a data frame (each with its fix).
        ValueError: if ``x`` is 1-D (use ``x.reshape(-1, 1)``), a row ``(1, n)`` for a
            one-feature model (use ``x.reshape(-1, 1)``), empty, has the wrong number of
            columns, or contains NaN or inf.
    """
    tensor = check_array(x, name, dtype)
    check_features_shape(tensor, name, in_features)
    check_finite(tensor, name)
    return tensor


def as_targets(
    y: ArrayLike, n: int, out_features: int = 1, name: str = "y", dtype: torch.dtype | None = torch.float32
) -> torch.Tensor:
    """Check targets against ``n`` samples and return them as a float32 tensor.

    The checks are :mod:`linreg_utils.validation`'s: :func:`~linreg_utils.validation.check_array`,
    :func:`~linreg_utils.validation.check_targets_shape` and :func:`~linreg_utils.validation.check_finite`.

    Args:
        y: targets of shape ``(n, out_features)``, float32 (numpy array or tensor).
        n: the number of samples in ``x``.
        out_features: the number of outputs the model predicts per sample.
        name: the variable name used in error messages.
        dtype: the dtype the model needs; ``None`` accepts float32 and float64.

    Returns:
        ``(n, out_features)`` tensor of ``dtype``.

    Raises:
        TypeError: if ``y`` is not float32 (or is complex, text, masked...: see :func:`as_features`).
        ValueError: if ``y`` is 1-D while predictions are ``(n, 1)`` (``MSELoss`` would
            silently broadcast to ``(n, n)``), is a row ``(1, n)``, has a different length
            from ``x``, or contains NaN or inf.
    """
    tensor = check_array(y, name, dtype)
    check_targets_shape(tensor, n, name, out_features)
    check_finite(tensor, name)
    return tensor


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
    w = check_weights(weights)
    make_linear_data(n=1, noise_std=noise_std)  # validates noise_std with the same message
    n = check_whole_number(n, "n", minimum=1)
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
    check_not_masked(x, "x")  # the mask would be lost in the split
    check_not_masked(y, "y")
    test_fraction = check_probability(test_fraction, "test_fraction", open_interval=True)
    n = len(x)
    check_consistent_length(n, y)
    n_test = check_split(n, test_fraction)
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
    check_scalable(std)
    return ((xt - mean) / std).astype(np.float32), mean.astype(np.float32), std.astype(np.float32)
