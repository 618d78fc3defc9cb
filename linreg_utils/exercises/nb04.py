"""Exercises for notebook 04 · Training: the loss, its gradients and one SGD step by hand.

The messages are in ``text/<language>/nb04.py``.
"""

from __future__ import annotations

import numpy as np

from .core import Mistake, Question, at, number, numbers

# ---------------------------------------------------------------- the inputs (the notebook shows these numbers)

y_true = [1.0, 3.0, 5.0]  # exercise 1: targets ...
y_pred = [2.0, 2.0, 7.0]  # ... and predictions
x_points = [1.0, 2.0, 3.0]  # exercises 2 and 3: the model w = 1, b = 0 on three points of y = 2x + 1
y_points = [3.0, 5.0, 7.0]
w_start, b_start, lr = 1.0, 0.0, 0.1

# ---------------------------------------------------------------- q1: the MSE by hand

_errors = np.array(y_pred) - np.array(y_true)

q1 = Question(
    "nb04.q1",
    answer="mse_value",
    read=number,
    expected=float(np.mean(_errors**2)),
    mistakes=[
        Mistake(float(np.sum(_errors**2)), "q1.sum"),
        Mistake(float(np.mean(_errors)), "q1.not_squared"),
        Mistake(float(np.mean(np.abs(_errors))), "q1.mae"),
        Mistake(float(np.sqrt(np.mean(_errors**2))), "q1.rmse"),
    ],
    otherwise="q1.otherwise",
    solution="""
    mse_value = (1**2 + (-1) ** 2 + 2**2) / 3   # = 6 / 3 = 2.0
    # errors ŷ - y: 2-1 = 1, 2-3 = -1, 7-5 = 2; squares 1, 1, 4; mean 6 / 3 = 2.
    # Check: nn.MSELoss()(torch.tensor([2., 2., 7.]), torch.tensor([1., 3., 5.])) gives tensor(2.).
    """,
)

# ---------------------------------------------------------------- q2: the two gradients by hand


def _gradients(factor: float = 2.0, mean: bool = True) -> tuple[float, float]:
    x = np.array(x_points)
    error = w_start * x + b_start - np.array(y_points)
    scale = factor / len(x) if mean else factor
    return float(scale * np.sum(error * x)), float(scale * np.sum(error))


_grad_w, _grad_b = _gradients()

q2 = Question(
    "nb04.q2",
    read=numbers("grad_w", "grad_b"),
    expected=(_grad_w, _grad_b),
    mistakes=[
        Mistake((_grad_b, _grad_w), "q2.swapped"),
        Mistake((-_grad_w, -_grad_b), "q2.sign"),
        Mistake(_gradients(factor=1.0), "q2.no_factor_2"),
        Mistake(_gradients(mean=False), "q2.no_mean"),
        Mistake(at(0, _grad_b), "q2.w_like_b", example=(-6.0, -6.0)),
        Mistake(at(1, _grad_b), "q2.b_right", example=(-1.0, -6.0)),
        Mistake(at(0, _grad_w), "q2.w_right", example=(-40 / 3, 1.0)),
    ],
    otherwise="q2.otherwise",
    solution="""
    answer = (2 / 3 * (-2 * 1 + -3 * 2 + -4 * 3), 2 / 3 * (-2 + -3 + -4))   # = (-13.33, -6.0)
    # errors ŷ - y = [-2, -3, -4]: both gradients are negative, so increasing w and b lowers the loss.
    # Check with autograd: build w, b with requires_grad=True, compute the loss, call loss.backward().
    """,
)

# ---------------------------------------------------------------- q3: one SGD step by hand


def _step(grads: tuple[float, float], rate: float = lr, start: tuple[float, float] = (w_start, b_start)):
    return start[0] - rate * grads[0], start[1] - rate * grads[1]


q3 = Question(
    "nb04.q3",
    read=numbers("w_new", "b_new"),
    expected=_step((_grad_w, _grad_b)),
    mistakes=[
        Mistake(_step((_grad_w, _grad_b))[::-1], "q3.swapped"),
        Mistake(_step((_grad_w, _grad_b), rate=-lr), "q3.uphill"),
        Mistake(_step((_grad_w, _grad_b), rate=1.0), "q3.no_lr"),
        Mistake(_step((_grad_w, _grad_b), start=(0.0, 0.0)), "q3.change_only"),
        Mistake(_step(_gradients(factor=1.0)), "q3.no_factor_2"),
        Mistake(_step(_gradients(mean=False)), "q3.no_mean"),
    ],
    otherwise="q3.otherwise",
    solution="""
    answer = (1 - 0.1 * (-40 / 3), 0 - 0.1 * (-6.0))   # = (2.333, 0.6)
    # Both gradients were negative, so subtracting lr·gradient makes w and b larger: towards w = 2, b = 1.
    # (This step overshoots w = 2 a little; on the post's data, lr = 0.01 keeps the steps small enough.)
    """,
)
