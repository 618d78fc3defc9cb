"""Exercises for notebook 04 · Training: the loss, its gradients and one SGD step by hand."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Question, as_number, compare_number, is_close

# Exercise 1: predictions and targets for three points.
Y_TRUE = [1.0, 3.0, 5.0]
Y_PRED = [2.0, 2.0, 7.0]

# Exercises 2 and 3: the model w = 1, b = 0 on three points of y = 2x + 1.
X_POINTS = [1.0, 2.0, 3.0]
Y_POINTS = [3.0, 5.0, 7.0]
W_START, B_START, LR = 1.0, 0.0, 0.1


def _is(value: float | None, target: float) -> bool:
    return is_close(value, target, atol=1e-9)


def _pair(answer: Any, names: str) -> tuple[float, float] | str:
    """Two numbers from a tuple or list, or a message saying what to give instead."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return f"give two numbers as a tuple, answer = ({names})."
    first, second = (as_number(a) for a in answer)
    if first is None or second is None:
        return f"both parts of ({names}) should be numbers, e.g. plain floats or one-element tensors."
    return first, second


def _mse_parts() -> dict[str, float]:
    errors = np.array(Y_PRED) - np.array(Y_TRUE)
    return {
        "right": float(np.mean(errors**2)),
        "sum": float(np.sum(errors**2)),
        "mean_error": float(np.mean(errors)),
        "mae": float(np.mean(np.abs(errors))),
        "rmse": float(np.sqrt(np.mean(errors**2))),
    }


def _check_mse(answer: Any) -> str | None:
    got = as_number(answer)
    parts = _mse_parts()
    if _is(got, parts["sum"]):
        return "that is the sum of the squared errors; the MSE is their *mean*: divide by n = 3."
    if _is(got, parts["mean_error"]):
        return "the errors were not squared: square each (ŷ - y) first, so +1 and -1 cannot cancel out."
    if _is(got, parts["mae"]):
        return "that is the mean *absolute* error; the MSE squares each error instead of taking |ŷ - y|."
    if _is(got, parts["rmse"]):
        return "that is the square root of the MSE (the RMSE); leave out the square root."
    return compare_number(answer, parts["right"], name="your MSE")


q1 = Question(
    prompt="Compute by hand the MSE of predictions [2, 2, 7] against targets [1, 3, 5].",
    checker=_check_mse,
    hint="The errors ŷ - y are 1, -1 and 2. Square each, add them up, divide by how many there are.",
    solution="""
answer = (1**2 + (-1) ** 2 + 2**2) / 3   # = 6 / 3 = 2.0
# errors ŷ - y: 2-1 = 1, 2-3 = -1, 7-5 = 2; squares 1, 1, 4; mean 6 / 3 = 2.
# Check: nn.MSELoss()(torch.tensor([2., 2., 7.]), torch.tensor([1., 3., 5.])) gives tensor(2.).
""",
)


def _gradients(factor: float = 2.0, mean: bool = True) -> tuple[float, float]:
    x = np.array(X_POINTS)
    error = W_START * x + B_START - np.array(Y_POINTS)
    scale = factor / len(x) if mean else factor
    return float(scale * np.sum(error * x)), float(scale * np.sum(error))


def _check_gradients(answer: Any) -> str | None:
    pair = _pair(answer, "grad_w, grad_b")
    if isinstance(pair, str):
        return pair
    grad_w, grad_b = pair
    right_w, right_b = _gradients()
    if _is(grad_w, right_w) and _is(grad_b, right_b):
        return None
    if _is(grad_w, right_b) and _is(grad_b, right_w):
        return "the two numbers are swapped: give (grad_w, grad_b), the gradient of w first."
    if _is(grad_w, -right_w) and _is(grad_b, -right_b):
        return "the sign is wrong: use (ŷ - y), prediction minus target, not (y - ŷ)."
    half_w, half_b = _gradients(factor=1.0)
    if _is(grad_w, half_w) and _is(grad_b, half_b):
        return "both are half as big as they should be: you forgot the factor 2 from the derivative of the square."
    sum_w, sum_b = _gradients(mean=False)
    if _is(grad_w, sum_w) and _is(grad_b, sum_b):
        return "both are n = 3 times too big: you forgot to divide by n (the loss is a *mean*)."
    if _is(grad_w, right_b):
        return "grad_w equals grad_b's formula: in dL/dw each error (ŷ_i - y_i) is multiplied by its x_i."
    if _is(grad_b, right_b):
        return f"grad_b is right, but grad_w = {grad_w:.4g} is not: multiply each error by its x_i, then sum."
    if _is(grad_w, right_w):
        return f"grad_w is right, but grad_b = {grad_b:.4g} is not: dL/db = (2/n) Σ (ŷ_i - y_i), no x_i."
    return (
        f"({grad_w:.4g}, {grad_b:.4g}) is not right yet: first compute the predictions ŷ = 1·x + 0, "
        "then the errors ŷ - y, then the two formulas."
    )


q2 = Question(
    prompt=(
        "The model w = 1, b = 0 sees x = [1, 2, 3] with targets y = [3, 5, 7]. "
        "Compute the gradients (dL/dw, dL/db) of the MSE by hand."
    ),
    checker=_check_gradients,
    hint=(
        "Predictions ŷ = 1·x + 0 = [1, 2, 3]; errors ŷ - y = [-2, -3, -4]. "
        "dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i and dL/db = (2/n) Σ (ŷ_i - y_i), with n = 3."
    ),
    solution="""
answer = (2 / 3 * (-2 * 1 + -3 * 2 + -4 * 3), 2 / 3 * (-2 + -3 + -4))   # = (-13.33, -6.0)
# errors ŷ - y = [-2, -3, -4]: both gradients are negative, so increasing w and b lowers the loss.
# Check with autograd: build w, b with requires_grad=True, compute the loss, call loss.backward().
""",
)


def _check_step(answer: Any) -> str | None:
    pair = _pair(answer, "w_new, b_new")
    if isinstance(pair, str):
        return pair
    w_new, b_new = pair
    grad_w, grad_b = _gradients()
    right_w, right_b = W_START - LR * grad_w, B_START - LR * grad_b
    if _is(w_new, right_w) and _is(b_new, right_b):
        return None
    if _is(w_new, right_b) and _is(b_new, right_w):
        return "the two numbers are swapped: give (w_new, b_new), the new w first."
    if _is(w_new, W_START + LR * grad_w) and _is(b_new, B_START + LR * grad_b):
        return "the step went the wrong way: *subtract* lr·gradient (w ← w - lr·dL/dw), the gradient points uphill."
    if _is(w_new, W_START - grad_w) and _is(b_new, B_START - grad_b):
        return "you forgot the learning rate: the step is lr·gradient, here 0.1 times the gradient."
    if _is(w_new, -LR * grad_w) and _is(b_new, -LR * grad_b):
        return "that is only the change -lr·gradient; add it to the old values w = 1 and b = 0."
    for (wrong_w, wrong_b), slip in (
        (_gradients(factor=1.0), "without the factor 2"),
        (_gradients(mean=False), "without dividing by n"),
    ):
        if _is(w_new, W_START - LR * wrong_w) and _is(b_new, B_START - LR * wrong_b):
            return (
                f"the update rule is right, but the gradients were computed {slip}: "
                "use dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i and dL/db = (2/n) Σ (ŷ_i - y_i)."
            )
    return (
        f"({w_new:.4g}, {b_new:.4g}) is not right yet: take the gradients from exercise 2 "
        "and apply w ← w - lr·dL/dw, b ← b - lr·dL/db with lr = 0.1."
    )


q3 = Question(
    prompt=(
        "Same model and data as exercise 2 (w = 1, b = 0). Do one SGD step by hand with lr = 0.1: "
        "what are the new (w, b)?"
    ),
    checker=_check_step,
    hint="w_new = w - lr·dL/dw and b_new = b - lr·dL/db, with the gradients (-13.33, -6.0) from exercise 2.",
    solution="""
answer = (1 - 0.1 * (-40 / 3), 0 - 0.1 * (-6.0))   # = (2.333, 0.6)
# Both gradients were negative, so subtracting lr·gradient makes w and b larger: towards w = 2, b = 1.
# (This step overshoots w = 2 a little; on the post's data, lr = 0.01 keeps the steps small enough.)
""",
)
