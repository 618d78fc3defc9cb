"""Exercises for notebook 05 · Validation. Messages: ``text/<language>/nb05.py``."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from ..data import make_linear_data
from ..model import LinearRegressionModel
from .core import Mistake, Question, Wrong, array, as_numpy, close, compare_array, one_number, pair

# ---------------------------------------------------------------- the inputs (the notebook imports these)

# exercise 1: targets and predictions
y_true_ex = np.array([[1.0], [3.0], [5.0], [7.0], [9.0]], dtype=np.float32)
y_pred_ex = np.array([[3.0], [2.0], [6.0], [9.0], [8.0]], dtype=np.float32)

# exercise 2: the model toy has the line y = 3x - 2 (its weights are set under no_grad, so autograd does not
# record it); fork_rng keeps nn.Linear's random start from using up the caller's random numbers
with torch.random.fork_rng(devices=[]):
    toy = LinearRegressionModel(1, 1)
with torch.no_grad():
    toy.linear.weight.fill_(3.0)
    toy.linear.bias.fill_(-2.0)
x_ex = np.array([[0.5], [4.0], [10.0]], dtype=np.float32)

# exercise 3: ten noisy points to split
x10, y10 = make_linear_data(n=10, noise_std=1.0, seed=1)

# ---------------------------------------------------------------- q1: R² by hand

_T, _P = y_true_ex[:, 0].astype(np.float64), y_pred_ex[:, 0].astype(np.float64)
_RES = np.sum((_T - _P) ** 2)  # 11
_TOT = np.sum((_T - _T.mean()) ** 2)  # 40
_R2 = float(1 - _RES / _TOT)  # 0.725


q1 = Question(
    "nb05.q1",
    answer="r2",
    read=one_number(several="q1.array"),  # R² per point
    expected=_R2,
    mistakes=[  # two of them lie within 2 % of 0.725: the core answers 0.72 and 0.73 "close" before these
        Mistake(float(_RES / _TOT), "q1.not_from_1"),
        Mistake(float(1 - _RES / np.sum(_T**2)), "q1.no_mean"),
        Mistake(float(1 - _RES / np.sum((_T - _P.mean()) ** 2)), "q1.prediction_mean"),
        Mistake(float(1 - _RES / np.sum((_P - _T.mean()) ** 2)), "q1.prediction_spread"),
        Mistake(float(1 - _RES / (_TOT / len(_T))), "q1.sum_over_mean"),
        Mistake(float(1 - (_RES / len(_T)) / _TOT), "q1.mean_over_sum"),
        Mistake(float(_RES / len(_T)), "q1.mse"),
        Mistake(float(np.mean(np.abs(_T - _P))), "q1.mae"),
        Mistake(float(np.corrcoef(_T, _P)[0, 1] ** 2), "q1.correlation"),
    ],
    otherwise="q1.otherwise",
    solution="""
    r2 = 1 - np.sum((y_true_ex - y_pred_ex) ** 2) / np.sum((y_true_ex - y_true_ex.mean()) ** 2)
    # 1 - 11 / 40 = 0.725: the model removes 72.5 % of the squared error of "always predict the mean".
    """,
)

# ---------------------------------------------------------------- q2: predict without autograd

# toy's forward passes since the last check: did they build an autograd graph? (.detach().numpy() afterwards
# leaves no trace in the array, so the model itself records it). Each check forgets them, so an answer computed
# without the model, after an earlier answer that did build a graph, is judged on its own.
_toy_forwards: list[tuple[bool, torch.Tensor]] = []


def _record_grad_mode(module: Any, inputs: Any, output: Any) -> None:
    del _toy_forwards[:-9]  # the last ten are plenty
    _toy_forwards.append((torch.is_grad_enabled(), output))


toy.register_forward_hook(_record_grad_mode)
_PREDICTION = (3 * x_ex - 2).astype(np.float32)


def _built_a_graph(answer: Any, forwards: list[tuple[bool, torch.Tensor]]) -> bool:
    """Whether ``answer`` came from a forward pass of toy that ran with autograd on.

    The output whose memory the answer shares (``.detach().numpy()`` shares it) tells for sure; an answer that
    shares none (a copy, or numbers computed without the model) is judged by the last forward pass, if any.
    """
    for grad, output in reversed(forwards):
        if isinstance(answer, np.ndarray) and output.device.type == "cpu":
            if np.shares_memory(answer, output.detach().numpy()):
                return grad
    return bool(forwards) and forwards[-1][0]


def _check_prediction(answer: Any) -> Wrong | None:
    forwards = _toy_forwards[:]
    _toy_forwards.clear()  # the next check looks only at the forward passes run after this one
    if isinstance(answer, torch.Tensor):
        if answer.requires_grad:
            return Wrong("q2.requires_grad")
        same = close(as_numpy(answer), _PREDICTION)
        return Wrong("q2.tensor_right" if same else "q2.tensor")
    got = array(lists=False)(answer)
    if got.size == 3 and close(got.reshape(-1, 1), 2 * x_ex + 1, rtol=0.05):
        return Wrong("q2.trained")
    problem = compare_array(_PREDICTION, "your answer")(got)
    if problem is None and _built_a_graph(answer, forwards):
        return Wrong("q2.graph")
    return problem


q2 = Question(
    "nb05.q2",
    check=_check_prediction,
    solution="""
    with torch.no_grad():
        answer = toy(torch.from_numpy(x_ex)).numpy()
    # or, with the helper: answer = predict(toy, x_ex)
    # -> [[-0.5], [10.0], [28.0]]; under no_grad the output has requires_grad=False.
    """,
)

# ---------------------------------------------------------------- q3: a reproducible split

_PERM = np.random.default_rng(42).permutation(10)
_TEST = _PERM[7:]


def _sorted(x: np.ndarray, y: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    order = np.argsort(x[:, 0], kind="stable")
    return x[order], None if y is None else y[order]


def _rows(idx: np.ndarray) -> Any:
    """A test: x_test holds the rows idx of x10, in any order."""
    return lambda got: got[0].shape == (3, 1) and close(_sorted(got[0])[0], _sorted(x10[idx])[0])


def _split_verdict(got: tuple[np.ndarray, np.ndarray]) -> Wrong | None:
    x, y = got
    expected_x, expected_y = _sorted(x10[_TEST], y10[_TEST])
    if x.shape != (3, 1) or y.shape != (3, 1):
        return compare_array(expected_x, "x_test")(x) or compare_array(expected_y, "y_test")(y)
    if not _rows(_TEST)(got):
        return Wrong("q3.other_rows")
    x_sorted, y_sorted = _sorted(x, y)  # any order of the three rows is fine, as long as each x keeps its y
    return compare_array(expected_x, "x_test")(x_sorted) or compare_array(expected_y, "y_test")(y_sorted)


q3 = Question(
    "nb05.q3",
    read=pair(array(lists=False), key="q3.pair"),
    expected=lambda got: _split_verdict(got) is None,
    mistakes=[
        Mistake(
            lambda got: (7, 1) in (got[0].shape, got[1].shape), "q3.training", example=(x10[_PERM[:7]], y10[_PERM[:7]])
        ),
        Mistake(_rows(np.arange(7, 10)), "q3.not_shuffled", example=(x10[7:], y10[7:])),
        Mistake(_rows(_PERM[:3]), "q3.first_three", example=(x10[_PERM[:3]], y10[_PERM[:3]])),
        Mistake(
            lambda got: (
                _rows(_TEST)(got)
                and got[1].shape == (3, 1)
                and not close(_sorted(*got)[1], _sorted(x10[_TEST], y10[_TEST])[1])
            ),
            "q3.y_mismatch",
            example=(x10[_TEST], y10[7:]),
        ),
    ],
    otherwise=_split_verdict,
    solution="""
    perm = np.random.default_rng(42).permutation(10)
    test_idx = perm[7:]
    answer = (x10[test_idx], y10[test_idx])
    # the same seed gives the same split on every run; x and y use the same indices, so each x keeps its y.
    """,
)
