"""Exercises for notebook 09 · Noise, test data and many features."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Question, as_numpy, compare_array, compare_number

# ---------------------------------------------------------------- q1: the noise floor

_NOISE_STD = 0.3
_FLOOR = _NOISE_STD**2  # 0.09


def _check_floor(answer: Any) -> str | None:
    problem = compare_number(answer, _FLOOR, name="your MSE", rtol=0.02)  # 2 %: a simulated answer is fine too
    if problem is None or "should be a number" in problem:
        return problem
    value = float(answer.item() if hasattr(answer, "item") else answer)
    usual = [
        (
            _NOISE_STD,
            "that is σ itself (noise_std). The MSE averages *squared* errors, so its floor is in squared "
            "units: the variance σ² = noise_std ** 2.",
        ),
        (np.sqrt(_NOISE_STD), "you took a square root. The floor is σ *squared* (the variance), not √σ."),
        (2 * _NOISE_STD, "2σ is not it: the floor is σ times σ, the variance σ² = noise_std ** 2."),
        (2 * _FLOOR, "no factor 2: the floor is the variance σ² itself."),
        (
            0.0,
            "no model can predict the noise, so the MSE cannot reach 0 on new data: even the true line "
            "has an MSE of about σ².",
        ),
    ]
    for wrong, message in usual:
        if np.isclose(value, wrong, rtol=0.02, atol=1e-9):
            return message
    if 0 < value < _FLOOR:
        return f"{value:.4g} is below the floor: on new data no model beats the noise's variance σ²."
    return problem + " The floor is the variance of the noise."


q1 = Question(
    prompt="Data from make_linear_data(n=100_000, noise_std=0.3): what test MSE does the best possible model reach?",
    checker=_check_floor,
    hint="The best model is the true line; what is left is the noise. The MSE of the noise is its variance.",
    solution="""
answer = 0.3 ** 2   # 0.09: the noise variance σ², the floor of the MSE on new data
# (0.3 is σ, the standard deviation; the MSE is in squared units, so it is σ².)
""",
)

# ---------------------------------------------------------------- q2: standardise new data with training statistics

X_FIT = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0], [6.0, 30.0]], dtype=np.float32)
X_NEW = np.array([[4.0, 40.0], [0.0, 10.0]], dtype=np.float32)


def _standardised(x: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    return ((x.astype(np.float64) - mean) / std).astype(np.float32)


def _q2_variants() -> tuple[np.ndarray, list[tuple[np.ndarray, str]]]:
    """The right answer and the arrays the usual mistakes produce, each with its diagnosis."""
    fit, new = X_FIT.astype(np.float64), X_NEW.astype(np.float64)
    mean, std = fit.mean(axis=0), fit.std(axis=0)
    right = _standardised(new, mean, std)
    both = np.concatenate([fit, new])
    wrong = [
        (
            _standardised(new, new.mean(axis=0), new.std(axis=0)),
            "you used x_new's own mean and std. That is data leakage (数据泄露): new data must be scaled with "
            "the *training* statistics, x_fit.mean(axis=0) and x_fit.std(axis=0).",
        ),
        (
            _standardised(new, both.mean(axis=0), both.std(axis=0)),
            "you computed the mean and std on training and new data together: the new data still leaks into "
            "the statistics. Use x_fit alone.",
        ),
        (
            _standardised(new, mean, new.std(axis=0)),
            "the mean is the training mean, but the std is x_new's: take both from x_fit.",
        ),
        (
            _standardised(new, new.mean(axis=0), std),
            "the std is the training std, but the mean is x_new's: take both from x_fit.",
        ),
        (
            _standardised(new, mean, fit.std(axis=0, ddof=1)),
            "you divided by the sample std (ddof=1, what torch's .std() gives by default). standardize and "
            "numpy's .std() divide by n: use np.std / x.std(axis=0), or torch's .std(dim=0, correction=0).",
        ),
        (
            _standardised(new, mean, fit.var(axis=0)),
            "you divided by the variance; divide by the standard deviation (its square root), x_fit.std(axis=0).",
        ),
        (
            (new - mean).astype(np.float32),
            "you subtracted the training mean but did not divide by the training std.",
        ),
        (
            (new / std).astype(np.float32),
            "you divided by the training std but did not subtract the training mean first.",
        ),
        (
            _standardised(new, fit.mean(), fit.std()),
            "you took one mean and one std over all numbers of x_fit; each column (feature) needs its own: use axis=0.",
        ),
    ]
    return right, wrong


def _check_standardised(answer: Any) -> str | None:
    right, wrong = _q2_variants()
    got = as_numpy(answer)
    if got is not None and got.dtype.kind == "f":
        answer = got.astype(np.float32)  # float64 arithmetic is fine here: the statistics are what matter
        if answer.shape == X_FIT.shape:
            return "that has the shape of x_fit: standardise x_new (2 rows), using x_fit's mean and std."
        if answer.shape == right.shape:
            for value, message in wrong:
                if np.allclose(answer, value, atol=1e-4):
                    return message
    return compare_array(answer, right, name="x_new standardised", atol=1e-4)


q2 = Question(
    prompt="Standardise x_new with the mean and standard deviation of the training data x_fit (per column).",
    checker=_check_standardised,
    hint="mean = x_fit.mean(axis=0) and std = x_fit.std(axis=0) come from the training data only; "
    "then (x_new - mean) / std.",
    solution="""
mean = x_fit.mean(axis=0)     # per column, from the training data only
std = x_fit.std(axis=0)       # numpy's std divides by n, like linreg_utils.standardize
answer = (x_new - mean) / std
""",
)

# ---------------------------------------------------------------- q3: counting parameters


def _as_count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    return None


def _check_counts(answer: Any) -> str | None:
    if isinstance(answer, list):
        answer = tuple(answer)
    if not isinstance(answer, tuple) or len(answer) != 2:
        return "give two whole numbers as a pair: (parameters of LinearRegressionModel(10, 1), of nn.Linear(10, 3))."
    one, three = (_as_count(a) for a in answer)
    if one is None or three is None:
        return f"both counts should be whole numbers, got {answer!r}."
    if one != 11:
        if one == 10:
            return "LinearRegressionModel(10, 1): 10 weights is right, but the bias (偏置) counts too."
        if one == 2:
            return "2 parameters is the post's one-feature model; with 10 features there is one weight per feature."
        return f"{one} is not the count for LinearRegressionModel(10, 1): one weight per feature, plus one bias."
    if three != 33:
        messages = {
            30: "nn.Linear(10, 3): the 3 × 10 weights are right, but each output has its own bias too.",
            31: "nn.Linear(10, 3) has one bias per output, so 3 biases, not 1.",
            13: "each of the 3 outputs has its own 10 weights: the weight has shape (3, 10).",
            40: "the bias has one entry per output (3), not one per input (10).",
            11: "11 is one output's worth; nn.Linear(10, 3) has 3 outputs, each with 10 weights and a bias.",
        }
        return messages.get(three, f"{three} is not the count for nn.Linear(10, 3): weight (3, 10) plus bias (3,).")
    return None


q3 = Question(
    prompt="How many parameters do LinearRegressionModel(10, 1) and nn.Linear(10, 3) have? Give a pair.",
    checker=_check_counts,
    hint="nn.Linear(k, m) has a weight of shape (m, k) and a bias of shape (m,). Count the numbers in both.",
    solution="""
answer = (10 * 1 + 1, 10 * 3 + 3)   # (11, 33)
# check: sum(p.numel() for p in nn.Linear(10, 3).parameters())
""",
)
