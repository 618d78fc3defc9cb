"""Exercises for notebook 07 · The exact answer and the loss landscape: the least-squares formula, reading a
descent path, and the normal equation in matrix form. Messages: ``text/<language>/nb07.py``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import descent_path, make_linear_data, make_regression_data
from .core import Mistake, Question, Unreadable, array, as_numpy, at, close, numbers, whole_number

# ---------------------------------------------------------------- the inputs (the notebook imports these)

x_q1 = np.arange(5, dtype=np.float32).reshape(-1, 1)  # exercise 1: five points that are *not* on one line
y_q1 = np.array([1, 3, 2, 6, 3], dtype=np.float32).reshape(-1, 1)
path_q2 = descent_path(*make_linear_data(), epochs=1000, seed=0)  # exercise 2: the post's settings
_TRUE_W, _TRUE_B = (1.5, -2.0), 0.5  # exercise 3: two features, a bias and a little noise
x_q3, y_q3 = make_regression_data(n=8, weights=list(_TRUE_W), bias=_TRUE_B, noise_std=0.1, seed=1)

# ---------------------------------------------------------------- q1: the least-squares formula

_x, _y = x_q1[:, 0].astype(np.float64), y_q1[:, 0].astype(np.float64)
_dx, _dy = _x - _x.mean(), _y - _y.mean()
_SXY, _SXX, _SYY = (_dx * _dy).sum(), (_dx**2).sum(), (_dy**2).sum()  # 7, 10, 14
_RAW_XY, _RAW_XX = (_x * _y).sum(), (_x**2).sum()  # Σxy = 37, Σx² = 30
_W = _SXY / _SXX  # 0.7
_B = _y.mean() - _W * _x.mean()  # 1.6


q1 = Question(
    "nb07.q1",
    answer="answer_q1",
    read=numbers("w", "b"),
    expected=(_W, _B),
    mistakes=[  # at(0, ...): a mistake seen in w alone, whatever b is
        Mistake((_B, _W), "q1.swapped"),
        Mistake(at(0, _RAW_XY / _RAW_XX), "q1.not_centred", example=(37 / 30, 0.0)),
        Mistake(at(0, _SXY / _RAW_XX), "q1.bottom_not_centred", example=(7 / 30, 3 - 2 * 7 / 30)),
        Mistake(at(0, _RAW_XY / _SXX), "q1.top_not_centred", example=(3.7, 3 - 2 * 3.7)),
        Mistake(at(0, _SXY / _SYY), "q1.spread_of_y", example=(0.5, 2.0)),
        Mistake(lambda got: not close(got[0], _W), "q1.w", example=(0.9, 1.2)),
        Mistake((_W, _y.mean() + _W * _x.mean()), "q1.b_sign"),
        Mistake((_W, _y.mean()), "q1.b_at_mean"),
        Mistake((_W, 0.0), "q1.b_zero"),
    ],
    otherwise="q1.otherwise",  # w is right (every wrong w is named above), b is not
    solution="""
    dx = x_q1 - x_q1.mean()                      # centre x: -2, -1, 0, 1, 2
    dy = y_q1 - y_q1.mean()                      # centre y: -2, 0, -1, 3, 0
    w = float((dx * dy).sum() / (dx**2).sum())   # 7 / 10 = 0.7
    b = float(y_q1.mean() - w * x_q1.mean())     # 3 - 0.7 * 2 = 1.6
    answer_q1 = (w, b)
    # Check: closed_form(x_q1, y_q1) gives the same numbers.
    """,
)

# ---------------------------------------------------------------- q2: epochs to reach a tolerance, read from a path

_TOL = 1e-2
_error = np.abs(path_q2.params - np.array([2.0, 1.0]))  # one row per epoch, row 0 the start
_both_close = np.all(_error < _TOL, axis=1)
_FIRST = int(np.flatnonzero(_both_close)[0])  # 506
_AT_1E3 = path_q2.epochs_to_reach(tol=1e-3)  # 916: the notebook's tolerance
_W_ONLY = int(np.flatnonzero(_error[:, 0] < _TOL)[0])  # 161: w alone is close
_LOSS = int(np.flatnonzero(path_q2.losses < _TOL)[0])  # 5: the loss is below 0.01
_COUNT = int(_both_close.sum())  # 495: how many rows are close


def _read_epochs(answer: Any) -> int:
    if answer is None:  # what epochs_to_reach returns when the path never gets close
        raise Unreadable("q2.none")
    return whole_number(answer)


q2 = Question(
    "nb07.q2",
    answer="epochs_q2",
    read=_read_epochs,
    expected=_FIRST,  # a count: exactly (close() would let 507 pass for 506)
    mistakes=[
        Mistake(_AT_1E3, "q2.tol_1e3"),
        Mistake(lambda got: abs(got - _FIRST) == 1, "q2.off_by_one", example=_FIRST + 1),
        Mistake(_W_ONLY, "q2.w_only"),
        Mistake(lambda got: got - _LOSS in (0, 1), "q2.loss", example=_LOSS),  # the loss's index, or + 1
        Mistake(_COUNT, "q2.count"),
    ],
    otherwise="q2.otherwise",
    solution="""
    error = np.abs(path_q2.params - np.array([2.0, 1.0]))   # (1001, 2): |w - 2| and |b - 1| after each epoch
    close = np.all(error < 1e-2, axis=1)                     # both within the tolerance?
    epochs_q2 = int(np.flatnonzero(close)[0])                # the first such epoch: 506
    # The helper does the same: path_q2.epochs_to_reach(target=(2, 1), tol=1e-2).
    """,
)

# ---------------------------------------------------------------- q3: the normal equation in matrix form

_design = np.hstack([x_q3.astype(np.float64), np.ones((len(x_q3), 1))])
_THETA = np.linalg.lstsq(_design, y_q3.astype(np.float64), rcond=None)[0].ravel()  # (1.466, -1.993, 0.506)


def _read_theta(answer: Any) -> np.ndarray:
    """θ as a flat float64 array: an array, a tensor, a list of numbers, or closed_form's (W, b) pair."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        parts = [as_numpy(part) for part in answer]
        if all(part is not None for part in parts):
            answer = np.concatenate([part.ravel() for part in parts])
    return array()(answer).astype(np.float64).ravel()


q3 = Question(
    "nb07.q3",
    answer="theta_q3",
    read=_read_theta,
    expected=_THETA,
    mistakes=[
        Mistake(lambda got: got.size == 2, "q3.no_ones", example=np.linalg.lstsq(x_q3, y_q3, rcond=None)[0]),
        Mistake(lambda got: got.size != 3, "q3.size", example=np.zeros(4)),
        Mistake(np.roll(_THETA, 1), "q3.ones_first"),
        Mistake(np.array([*_TRUE_W, _TRUE_B]), "q3.true_weights"),
    ],
    otherwise="q3.otherwise",
    close_enough="after",  # the true weights lie within 2 significant figures of θ
    solution="""
    design = np.hstack([x_q3, np.ones((8, 1), dtype=np.float32)])   # X̃ = [x1, x2, 1], shape (8, 3)
    theta_q3 = np.linalg.lstsq(design, y_q3, rcond=None)[0].ravel()  # (w1, w2, b) ≈ (1.466, -1.993, 0.506)
    # Close to the true (1.5, -2.0, 0.5), but not equal: the noise moves the best fit a little.
    """,
)
