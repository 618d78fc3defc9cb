"""Exercises for notebook 08 · Learning rate and feature scaling: the stability limit, the slow
direction, and turning standardised weights back into weights for the original x."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Question, as_number, compare_number, is_close

# Exercise 1: the inputs x = 1, 2, 3, 4, 5 as a (5, 1) float32 column.
X_Q1 = np.arange(1, 6, dtype=np.float32).reshape(-1, 1)

# Exercise 2: the post's x = 0..10 and the learning rate 0.02.
X_Q2 = np.arange(11, dtype=np.float32).reshape(-1, 1)
LR_Q2 = 0.02

# Exercise 3: weights learned on standardised x, and the mean and std used to standardise.
W_STD, B_STD = 6.0, 25.0
MEAN_Q3, STD_Q3 = 10.0, 4.0


def _is(value: float | None, target: float) -> bool:
    return is_close(value, target, atol=1e-9)


def _hessian(x: np.ndarray, factor: float = 2.0, mean: bool = True) -> np.ndarray:
    """``factor / n · X̃ᵀX̃`` (the MSE's Hessian for the defaults), in float64."""
    design = np.hstack([x.astype(np.float64), np.ones((len(x), 1))])
    gram = design.T @ design
    return factor * (gram / len(x) if mean else gram)


def _eigenvalues(x: np.ndarray, **kwargs: Any) -> np.ndarray:
    """Eigenvalues ``(λ_min, λ_max)`` of ``_hessian(x, **kwargs)``."""
    return np.linalg.eigvalsh(_hessian(x, **kwargs))


def _check_limit(answer: Any) -> str | None:
    got = as_number(answer)
    lam_min, lam_max = _eigenvalues(X_Q1)
    right = 2 / lam_max
    if _is(got, right):
        return None
    if _is(got, 1 / lam_max):
        return (
            "that is 1/λ_max: you forgot the 2. Each step multiplies the error by (1 - lr·λ), "
            "which stays above -1 up to lr = 2/λ_max."
        )
    if _is(got, 2 / lam_min) or _is(got, 1 / lam_min):
        return "you used λ_min, the *smallest* eigenvalue. The steepest direction blows up first: use λ_max."
    if _is(got, 2 / _hessian(X_Q1)[0, 0]):
        return (
            "that is 2 / H[0, 0], the limit for w alone, as if there were no bias. With X̃ = [x, 1] the "
            "Hessian is 2×2 and w and b are coupled, so take its largest *eigenvalue*: np.linalg.eigvalsh(H).max()."
        )
    if _is(got, 2 / _eigenvalues(X_Q1, factor=1.0)[1]):
        return "the Hessian is (2/n)·X̃ᵀX̃: you left out its factor 2 (the derivative of a square brings down a 2)."
    if _is(got, 2 / _eigenvalues(X_Q1, mean=False)[1]) or _is(got, 2 / _eigenvalues(X_Q1, factor=1.0, mean=False)[1]):
        return "the MSE is a *mean*, so the Hessian is (2/n)·X̃ᵀX̃: divide X̃ᵀX̃ by n = 5."
    if got is not None and abs(got / right - 1) < 0.01:
        return (
            f"close — {got:.4g} is within 1 % of the limit, but give at least 4 significant digits "
            "(or simply the computed value): the limit is sharp, so rounding matters."
        )
    return compare_number(answer, right, name="your learning-rate limit")


q1 = Question(
    prompt=(
        "For x = 1, 2, 3, 4, 5 (a (5, 1) float32 column), what is the largest learning rate "
        "plain gradient descent survives? Give at least 4 significant digits."
    ),
    checker=_check_limit,
    hint=(
        "Build X̃ = [x, 1] (np.hstack with a column of ones), then H = (2/n)·X̃ᵀX̃. "
        "Its largest eigenvalue λ_max = np.linalg.eigvalsh(H).max(); the limit is 2/λ_max."
    ),
    solution="""
x_q1 = np.arange(1, 6, dtype=np.float32).reshape(-1, 1)
design = np.hstack([x_q1, np.ones((5, 1))])          # X̃ = [x, 1], shape (5, 2)
hessian = 2 / 5 * design.T @ design                  # [[22, 6], [6, 2]]
answer = 2 / np.linalg.eigvalsh(hessian).max()       # 2 / 23.66 = 0.0845
# The same in one call: stable_lr_limit(x_q1).
""",
)


def _check_slow_factor(answer: Any) -> str | None:
    got = as_number(answer)
    lam_min, lam_max = _eigenvalues(X_Q2)
    right = 1 - LR_Q2 * lam_min
    if _is(got, right):
        return None
    if _is(got, 1 - LR_Q2 * lam_max):
        return (
            "that is the factor of the *fast* direction (λ_max). The slow direction has the smallest eigenvalue, λ_min."
        )
    if _is(got, LR_Q2 * lam_min):
        return "lr·λ_min is the part the error *loses* each epoch; the factor that is left is 1 - lr·λ_min."
    if _is(got, right**2):
        return "that is the factor of the *loss* (the square of the error's). The error itself shrinks by 1 - lr·λ_min."
    if _is(got, 1 - LR_Q2 * _eigenvalues(X_Q2, factor=1.0)[0]):
        return "the Hessian is (2/n)·X̃ᵀX̃: you left out its factor 2, so λ_min came out half as large."
    return compare_number(answer, right, name="your factor")


q2 = Question(
    prompt=(
        "On the post's x = 0..10 with lr = 0.02, by what factor does the error along the slow direction "
        "shrink in each epoch?"
    ),
    checker=_check_slow_factor,
    hint=(
        "Along each eigenvector of H one step multiplies the error by (1 - lr·λ). "
        "The slow direction is the flattest one: the smallest eigenvalue."
    ),
    solution="""
x_post, _ = make_linear_data()                             # x = 0..10
lam_min = np.linalg.eigvalsh(mse_hessian(x_post)).min()    # 0.5599
answer = 1 - 0.02 * lam_min                                # 0.9888: only 1.1 % less error per epoch
""",
)


def _pair(answer: Any) -> tuple[float, float] | str:
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        first, second = (as_number(a) for a in answer)
        if first is None or second is None:
            return "both parts of (w, b) should be numbers, e.g. plain floats or one-element tensors."
        return first, second
    return "give two numbers as a tuple, answer = (w, b)."


def _check_unstandardize(answer: Any) -> str | None:
    pair = _pair(answer)
    if isinstance(pair, str):
        return pair
    w, b = pair
    right_w = W_STD / STD_Q3
    right_b = B_STD - W_STD * MEAN_Q3 / STD_Q3
    if _is(w, right_w) and _is(b, right_b):
        return None
    if _is(w, right_b) and _is(b, right_w):
        return "the two numbers are swapped: give (w, b), the slope first."
    if _is(w, W_STD * STD_Q3):
        return "x' = (x - μ)/σ *divides* x by σ, so the slope for the original x is w'/σ, not w'·σ."
    if _is(w, W_STD) and _is(b, B_STD):
        return "those are still the standardised weights: convert them with w = w'/σ and b = b' - w'·μ/σ."
    if not _is(w, right_w):
        return f"w = {w:.4g} is not right yet: the slope for the original x is w'/σ."
    if _is(b, B_STD):
        return "w is right, but b still needs a correction: shifting x by μ moves the line, so b = b' - w'·μ/σ."
    if _is(b, B_STD + W_STD * MEAN_Q3 / STD_Q3):
        return "w is right, but the sign of the correction is wrong: b = b' - w'·μ/σ (minus)."
    if _is(b, B_STD - W_STD * MEAN_Q3):
        return "w is right, but b's correction forgot to divide by σ: b = b' - w'·μ/σ."
    if _is(b, B_STD - right_w * MEAN_Q3 / STD_Q3):
        return "w is right, but b's correction divides by σ twice: b = b' - w'·μ/σ, or b = b' - w·μ with the new w."
    if _is(b, B_STD - W_STD * STD_Q3 / MEAN_Q3):
        return "w is right, but μ and σ are swapped in b's correction: b = b' - w'·μ/σ."
    return f"w is right, but b = {b:.4g} is not right yet: expand w'·(x - μ)/σ + b' and collect the part without x."


q3 = Question(
    prompt=(
        "A model trained on standardised x learned w' = 6 and b' = 25; x had mean μ = 10 and std σ = 4. "
        "What are (w, b) for the original x?"
    ),
    checker=_check_unstandardize,
    hint="y = w'·(x - μ)/σ + b' = (w'/σ)·x + (b' - w'·μ/σ). Read off the slope and the intercept.",
    solution="""
answer = (6 / 4, 25 - 6 * 10 / 4)   # = (1.5, 10.0)
# Check: unstandardize(np.array([[6.0]]), np.array([25.0]), np.array([10.0]), np.array([4.0])).
""",
)
