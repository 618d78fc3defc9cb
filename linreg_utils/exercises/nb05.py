"""Exercises for notebook 05 · Validation."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from ..data import make_linear_data
from .core import Question, compare_array, compare_number

# Exercise 1: the arrays the notebook gives (as float64 here, for exact reference values).
_Y_TRUE = np.array([1.0, 3.0, 5.0, 7.0, 9.0])
_Y_PRED = np.array([3.0, 2.0, 6.0, 9.0, 8.0])


def _r2_variants() -> tuple[float, list[tuple[float, str]]]:
    """The right R² and the values the usual mistakes produce, each with its diagnosis."""
    res = np.sum((_Y_TRUE - _Y_PRED) ** 2)  # 11
    tot = np.sum((_Y_TRUE - _Y_TRUE.mean()) ** 2)  # 40
    n = len(_Y_TRUE)
    right = 1 - res / tot
    wrong = [
        (
            res / tot,
            "you computed the fraction sum((y - ŷ)²) / sum((y - ȳ)²) but forgot to subtract it from 1: "
            "R² = 1 - fraction.",
        ),
        (
            1 - res / np.sum(_Y_TRUE**2),
            "wrong denominator: sum(y²) forgets to subtract the mean. "
            "The denominator is sum((y - ȳ)²), with ȳ = y_true.mean().",
        ),
        (
            1 - res / np.sum((_Y_TRUE - _Y_PRED.mean()) ** 2),
            "wrong denominator: you subtracted the mean of the predictions. "
            "The denominator uses the mean of the *targets*: sum((y_true - y_true.mean())²).",
        ),
        (
            1 - res / np.sum((_Y_PRED - _Y_TRUE.mean()) ** 2),
            "wrong denominator: you measured the spread of the predictions, sum((ŷ - ȳ)²). "
            "The denominator is the spread of the targets, sum((y_true - ȳ)²).",
        ),
        (
            1 - res / (tot / n),
            "you mixed a sum and a mean: the numerator is a sum but the denominator a mean (a variance). "
            "Use sums in both, or means in both.",
        ),
        (
            1 - (res / n) / tot,
            "you mixed a mean and a sum: the numerator is a mean (the MSE) but the denominator a sum. "
            "Use sums in both, or means in both.",
        ),
        (res / n, "that is the MSE, not R². R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²)."),
        (np.mean(np.abs(_Y_TRUE - _Y_PRED)), "that is the MAE, not R². R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²)."),
        (
            np.corrcoef(_Y_TRUE, _Y_PRED)[0, 1] ** 2,
            "that is the squared correlation of y and ŷ. It equals R² only for a least-squares line; "
            "use the formula R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²).",
        ),
    ]
    return float(right), [(float(v), msg) for v, msg in wrong]


def _check_r2(answer: Any) -> str | None:
    if isinstance(answer, (np.ndarray, torch.Tensor)):
        if answer.size == 1 if isinstance(answer, np.ndarray) else answer.numel() == 1:
            answer = answer.item()
        else:
            return "give one number (R² of all the points together), not an array: sum over every point."
    right, wrong = _r2_variants()
    problem = compare_number(answer, right, name="your R²")
    if problem is None or isinstance(answer, bool):
        return problem
    if isinstance(answer, (int, float, np.integer, np.floating)):
        for value, message in wrong:
            if np.isclose(float(answer), value, rtol=1e-4, atol=1e-9):
                return message
    return problem


q1 = Question(
    prompt="Compute R² by hand for y_true = [1, 3, 5, 7, 9] and y_pred = [3, 2, 6, 9, 8].",
    checker=_check_r2,
    hint=(
        "R² = 1 - sum((y_true - y_pred)**2) / sum((y_true - y_true.mean())**2). "
        "The numerator is the model's squared error; the denominator is the squared error of always "
        "predicting the mean of y_true."
    ),
    solution="""
r2 = 1 - np.sum((y_true_ex - y_pred_ex) ** 2) / np.sum((y_true_ex - y_true_ex.mean()) ** 2)
# 1 - 11 / 40 = 0.725: the model removes 72.5 % of the squared error of "always predict the mean".
""",
)


def _check_prediction(answer: Any) -> str | None:
    x = np.array([[0.5], [4.0], [10.0]], dtype=np.float32)
    expected = (3 * x - 2).astype(np.float32)
    if isinstance(answer, torch.Tensor):
        if answer.requires_grad:
            return (
                "your answer is a tensor that still requires grad (it has a grad_fn), so autograd recorded the "
                "forward pass. Call the model inside `with torch.no_grad():` (or torch.inference_mode()), "
                "then turn the output into numpy with .numpy()."
            )
        same = tuple(answer.shape) == expected.shape and np.allclose(answer.detach().cpu().numpy(), expected)
        return "your answer is a tensor, but a numpy array is asked for: add .numpy()" + (
            " — the numbers are right." if same else "."
        )
    got = np.asarray(answer) if isinstance(answer, np.ndarray) else None
    if got is not None and got.size == 3 and np.allclose(got.reshape(-1, 1), 2 * x + 1, atol=0.05):
        return "these are the predictions of the trained model (y ≈ 2x + 1): use toy, whose line is y = 3x - 2."
    return compare_array(answer, expected, name="your answer")


q2 = Question(
    prompt="Predict y for x_ex = [[0.5], [4.0], [10.0]] with toy (y = 3x - 2), without autograd, as a (3, 1) array.",
    checker=_check_prediction,
    hint=(
        "Inside `with torch.no_grad():` call toy(torch.from_numpy(x_ex)), then .numpy(). "
        "Keep x_ex as a (3, 1) column so the result is one too."
    ),
    solution="""
with torch.no_grad():
    answer = toy(torch.from_numpy(x_ex)).numpy()
# or, with the helper: answer = predict(toy, x_ex)
# -> [[-0.5], [10.0], [28.0]]; under no_grad the output has requires_grad=False.
""",
)


def _split() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x, y = make_linear_data(n=10, noise_std=1.0, seed=1)
    perm = np.random.default_rng(42).permutation(10)
    return x, y, perm


def _sorted_rows(x: np.ndarray, y: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    order = np.argsort(x[:, 0], kind="stable")
    return x[order], None if y is None else y[order]


def _check_split(answer: Any) -> str | None:
    if not isinstance(answer, tuple) or len(answer) != 2:
        return "give the pair (x_test, y_test), e.g. answer = (x10[test_idx], y10[test_idx])."
    x_ans, y_ans = answer
    x, y, perm = _split()
    test_idx = perm[7:]
    for name, value in (("x_test", x_ans), ("y_test", y_ans)):
        arr = value.detach().cpu().numpy() if isinstance(value, torch.Tensor) else value
        if not isinstance(arr, np.ndarray):
            return compare_array(value, x[test_idx], name=name)
        if arr.shape == (7, 1):
            return f"{name} has 7 rows: that is the training set. The test set is the last 3: perm[7:]."
        if arr.shape != (3, 1):
            return compare_array(value, x[test_idx], name=name)
    x_ans = x_ans.detach().cpu().numpy() if isinstance(x_ans, torch.Tensor) else x_ans
    y_ans = y_ans.detach().cpu().numpy() if isinstance(y_ans, torch.Tensor) else y_ans

    # any order of the three rows is fine, as long as each x keeps its own y
    def same_rows(idx: np.ndarray) -> bool:
        return np.allclose(_sorted_rows(x_ans)[0], _sorted_rows(x[idx])[0])

    if not same_rows(test_idx):
        if same_rows(np.arange(7, 10)):
            return (
                "these are the last 3 rows in their original order (x = 7, 8, 9), not a random split: "
                "index with the shuffled indices, x10[perm[7:]]."
            )
        if same_rows(perm[:3]):
            return "those are the first 3 shuffled indices, perm[:3]; the test set is the last 3, perm[7:]."
        return (
            "x_test holds other rows than np.random.default_rng(42).permutation(10)[7:] picks: "
            "use seed 42 and call permutation once on a fresh generator."
        )
    x_sorted, y_sorted = _sorted_rows(x_ans, np.asarray(y_ans))
    expected_x, expected_y = _sorted_rows(x[test_idx], y[test_idx])
    if not np.allclose(y_sorted, expected_y, atol=1e-5):
        return "x_test is right, but y_test does not belong to those x: index y10 with the same indices as x10."
    return compare_array(x_sorted, expected_x, name="x_test") or compare_array(y_sorted, expected_y, name="y_test")


q3 = Question(
    prompt="Shuffle with np.random.default_rng(42).permutation(10); give the test set (x_test, y_test), perm[7:].",
    checker=_check_split,
    hint=(
        "perm = np.random.default_rng(42).permutation(10) gives the indices in a random order; "
        "perm[7:] are the last 3. Index x10 and y10 with the same indices."
    ),
    solution="""
perm = np.random.default_rng(42).permutation(10)
test_idx = perm[7:]
answer = (x10[test_idx], y10[test_idx])
# the same seed gives the same split on every run; x and y use the same indices, so each x keeps its y.
""",
)
