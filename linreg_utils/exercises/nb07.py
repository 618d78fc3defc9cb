"""Exercises for notebook 07 · The exact answer and the loss landscape: the least-squares formula,
reading a descent path, and the normal equation in matrix form."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ..analysis import descent_path
from ..data import make_linear_data, make_regression_data
from .core import Question, as_number, as_numpy, is_close

# Exercise 1: five points that are *not* on one line; the best line is y = 0.7 x + 1.6.
X_Q1 = np.arange(5, dtype=np.float32).reshape(-1, 1)
Y_Q1 = np.array([1, 3, 2, 6, 3], dtype=np.float32).reshape(-1, 1)

# Exercise 2: the post's settings (SGD, lr 0.01, seed 0, 1000 epochs) and a looser tolerance.
EPOCHS_Q2 = 1000
TOL_Q2 = 1e-2

# Exercise 3: two features, a bias and a little noise.
TRUE_W_Q3, TRUE_B_Q3 = (1.5, -2.0), 0.5
X_Q3, Y_Q3 = make_regression_data(n=8, weights=list(TRUE_W_Q3), bias=TRUE_B_Q3, noise_std=0.1, seed=1)


def _is(value: float | None, target: float) -> bool:
    return is_close(value, target, atol=1e-6)


def _sums_q1() -> dict[str, float]:
    """The sums the formula and its usual mistakes are made of, in float64."""
    x, y = X_Q1[:, 0].astype(np.float64), Y_Q1[:, 0].astype(np.float64)
    dx, dy = x - x.mean(), y - y.mean()
    return {
        "x_mean": x.mean(),
        "y_mean": y.mean(),
        "sxy": (dx * dy).sum(),  # Σ(x - x̄)(y - ȳ) = 7
        "sxx": (dx**2).sum(),  # Σ(x - x̄)² = 10
        "syy": (dy**2).sum(),  # Σ(y - ȳ)² = 14
        "raw_xy": (x * y).sum(),  # Σxy = 37
        "raw_xx": (x**2).sum(),  # Σx² = 30
    }


def _check_formula(answer: Any) -> str | None:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give two numbers as a tuple, answer = (w, b)."
    w, b = (as_number(a) for a in answer)
    if w is None or b is None:
        return "both parts of (w, b) should be numbers, e.g. plain floats or one-element arrays."
    s = _sums_q1()
    right_w = s["sxy"] / s["sxx"]
    right_b = s["y_mean"] - right_w * s["x_mean"]
    if _is(w, right_w) and _is(b, right_b):
        return None
    if _is(w, right_b) and _is(b, right_w):
        return "the two numbers are swapped: give (w, b), the slope first."
    if _is(w, s["raw_xy"] / s["raw_xx"]):
        return (
            "you forgot to centre: the formula uses x - x̄ and y - ȳ (each value minus its mean), "
            "not x and y themselves. Σxy/Σx² is the slope of a line forced through (0, 0)."
        )
    if _is(w, s["sxy"] / s["raw_xx"]):
        return "the top is centred, but the bottom is not: divide by Σ(x - x̄)², not Σx²."
    if _is(w, s["raw_xy"] / s["sxx"]):
        return "the bottom is centred, but the top is not: multiply (x - x̄) by (y - ȳ), not x by y."
    if _is(w, s["sxy"] / s["syy"]):
        return "you divided by Σ(y - ȳ)²: the bottom of the formula is the spread of x, Σ(x - x̄)²."
    if not _is(w, right_w):
        return f"w = {w:.4g} is not right yet: w = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)²."
    if _is(b, s["y_mean"] + right_w * s["x_mean"]):
        return "w is right, but b has the wrong sign in its correction: b = ȳ - w·x̄ (minus)."
    if _is(b, s["y_mean"]):
        return "w is right, but b = ȳ is the height at x̄, not at x = 0: b = ȳ - w·x̄."
    if _is(b, 0.0):
        return "w is right; now b: the best line passes through (x̄, ȳ), so b = ȳ - w·x̄."
    return f"w is right, but b = {b:.4g} is not right yet: b = ȳ - w·x̄."


q1 = Question(
    prompt=(
        "For x = 0, 1, 2, 3, 4 and y = 1, 3, 2, 6, 3, compute the least-squares w and b with the formula. "
        "Answer with a tuple (w, b)."
    ),
    checker=_check_formula,
    hint=(
        "First the means x̄ and ȳ. Then w = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)² — both sums use the centred "
        "values — and b = ȳ - w·x̄."
    ),
    solution="""
dx = X_Q1 - X_Q1.mean()                      # centre x: -2, -1, 0, 1, 2
dy = Y_Q1 - Y_Q1.mean()                      # centre y: -2, 0, -1, 3, 0
w = float((dx * dy).sum() / (dx**2).sum())   # 7 / 10 = 0.7
b = float(Y_Q1.mean() - w * X_Q1.mean())     # 3 - 0.7 * 2 = 1.6
answer = (w, b)
# Check: closed_form(X_Q1, Y_Q1) gives the same numbers.
""",
)


@cache
def _path_q2_numbers() -> dict[str, int]:
    """The right count and the counts the usual mistakes give, from the same path the learner has."""
    x, y = make_linear_data()
    path = descent_path(x, y, epochs=EPOCHS_Q2, seed=0)
    error = np.abs(path.params - np.array([2.0, 1.0]))
    close = np.all(error < TOL_Q2, axis=1)
    return {
        "right": int(np.flatnonzero(close)[0]),
        "at_1e-3": int(path.epochs_to_reach(tol=1e-3)),
        "w_only": int(np.flatnonzero(error[:, 0] < TOL_Q2)[0]),
        "loss": int(np.flatnonzero(path.losses < TOL_Q2)[0]),
        "count": int(close.sum()),
    }


def _check_epochs(answer: Any) -> str | None:
    if answer is None:
        return "None means the path never got within the tolerance; this one does: look again."
    got = as_number(answer)
    if got is None or got != int(got):
        return f"the answer should be a whole number of epochs, got {answer!r}."
    got_int = int(got)
    n = _path_q2_numbers()
    if got_int == n["right"]:
        return None
    if got_int == n["at_1e-3"]:
        return "that is the count for tol = 1e-3 (the one in the notebook); this exercise asks for tol = 1e-2."
    if got_int in (n["right"] + 1, n["right"] - 1):
        return (
            "off by one: row e of path.params holds (w, b) after e epochs (row 0 is the start), "
            "so the index of the first close row is the answer — no +1 or -1."
        )
    if got_int == n["w_only"]:
        return "that is when w alone is close; b must be close too: np.all(error < tol, axis=1) checks both."
    if got_int in (n["loss"], n["loss"] + 1):
        return (
            "that is when the loss fell below 0.01. The question is about the parameters: "
            "both |w - 2| and |b - 1| below 0.01."
        )
    if got_int == n["count"]:
        return "that is how many rows are close; the question asks for the first one: np.flatnonzero(close)[0]."
    return f"{got_int} epochs is not right yet: find the first row where both |w - 2| and |b - 1| are below 1e-2."


q2 = Question(
    prompt=(
        "The post's settings (SGD, lr 0.01, seed 0, 1000 epochs): after how many epochs are both |w - 2| and "
        "|b - 1| below 1e-2 for the first time?"
    ),
    checker=_check_epochs,
    hint=(
        "error = np.abs(path.params - np.array([2.0, 1.0])) has one row per epoch (row 0: the start). "
        "close = np.all(error < 1e-2, axis=1); the answer is the first True: np.flatnonzero(close)[0]."
    ),
    solution="""
x, y = make_linear_data()
path = descent_path(x, y, epochs=1000, seed=0)
error = np.abs(path.params - np.array([2.0, 1.0]))   # (1001, 2): |w - 2| and |b - 1| after each epoch
close = np.all(error < 1e-2, axis=1)                  # both within the tolerance?
answer = int(np.flatnonzero(close)[0])                # the first such epoch: 506
# The helper does the same: path.epochs_to_reach(target=(2, 1), tol=1e-2).
""",
)


def _expected_q3() -> np.ndarray:
    """(w1, w2, b) by least squares, in float64."""
    design = np.hstack([X_Q3.astype(np.float64), np.ones((len(X_Q3), 1))])
    return np.linalg.lstsq(design, Y_Q3.astype(np.float64), rcond=None)[0].ravel()


def _theta_from(answer: Any) -> np.ndarray | str:
    """Three numbers (w1, w2, b) from the answer, or a message saying why there are not."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2:  # closed_form's (W, b) is fine too
        parts = [as_numpy(a) for a in answer]
        if all(p is not None for p in parts) and [p.size for p in parts] == [2, 1]:
            return np.concatenate([p.ravel() for p in parts]).astype(np.float64)
    got = as_numpy(answer)
    if got is None and isinstance(answer, (tuple, list)):
        try:
            got = np.array([float(a) for a in answer])
        except (TypeError, ValueError):
            got = None
    if got is None:
        return "give θ as a numpy array or tensor of three numbers (w1, w2, b)."
    if got.size == 2:
        return (
            "there are only 2 numbers: did you forget the column of ones? Without it there is no b, "
            "and the line is forced through 0. Build X̃ = np.hstack([X_Q3, np.ones((8, 1))])."
        )
    if got.size != 3:
        return f"θ has {got.size} numbers, expected 3: (w1, w2, b). Did you pass X̃ and y in the right order?"
    return got.astype(np.float64).ravel()


def _check_matrix_form(answer: Any) -> str | None:
    theta = _theta_from(answer)
    if isinstance(theta, str):
        return theta
    right = _expected_q3()
    if np.allclose(theta, right, atol=1e-4):
        return None
    if np.allclose(theta, np.roll(right, 1), atol=1e-4):
        return "the ones column came first, so θ is (b, w1, w2); put the column of ones last to get (w1, w2, b)."
    if np.allclose(theta, [*TRUE_W_Q3, TRUE_B_Q3], atol=1e-6):
        return (
            "those are the weights used to *make* the data. With noise, the least-squares answer is a "
            "little different: solve for it with lstsq."
        )
    return f"θ = {np.array2string(theta, precision=4)} is not right yet: solve X̃ θ ≈ y with lstsq, X̃ = [X_Q3, 1]."


q3 = Question(
    prompt=(
        "Fit y ≈ w1·x1 + w2·x2 + b to X_Q3 (8, 2) and Y_Q3 (8, 1) with the normal equation in matrix form. "
        "Answer with θ = (w1, w2, b) as an array."
    ),
    checker=_check_matrix_form,
    hint=(
        "Add a column of ones to the right of X_Q3 to make X̃ (8, 3), then "
        "torch.linalg.lstsq(X̃, y).solution or np.linalg.lstsq(X̃, y, rcond=None)[0]."
    ),
    solution="""
design = np.hstack([X_Q3, np.ones((8, 1), dtype=np.float32)])           # X̃ = [x1, x2, 1], shape (8, 3)
answer = np.linalg.lstsq(design, Y_Q3, rcond=None)[0].ravel()           # (w1, w2, b) ≈ (1.466, -1.993, 0.506)
# Close to the true (1.5, -2.0, 0.5), but not equal: the noise moves the best fit a little.
""",
)
