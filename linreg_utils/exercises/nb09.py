"""Exercises for notebook 09 · Noise, test data and many features: the noise floor, standardising new data
with the training statistics, counting parameters. Messages: ``text/<language>/nb09.py``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Mistake, Question, array, close, compare_array, number, pair, whole_number

# ---------------------------------------------------------------- the inputs (the notebook imports x_fit, x_new)

noise_std = 0.3  # exercise 1: make_linear_data(n=100_000, noise_std=0.3)
x_fit = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0], [6.0, 30.0]], dtype=np.float32)  # exercise 2
x_new = np.array([[4.0, 40.0], [0.0, 10.0]], dtype=np.float32)

# ---------------------------------------------------------------- q1: the noise floor

_FLOOR = noise_std**2  # 0.09

q1 = Question(
    "nb09.q1",
    read=number,
    # 2 %, not the usual 3 significant figures: an MSE simulated on 100 000 points is right too (its spread
    # is about √(2/n) = 0.45 %), so a simulation is not told to "give more digits".
    expected=lambda got: close(got, _FLOOR, rtol=0.02),
    mistakes=[
        Mistake(noise_std, "q1.sigma"),
        Mistake(np.sqrt(noise_std), "q1.sqrt"),
        Mistake(2 * noise_std, "q1.two_sigma"),
        Mistake(2 * _FLOOR, "q1.two_var"),
        Mistake(0.0, "q1.zero"),
        Mistake(lambda got: 0 < got < _FLOOR, "q1.below", example=0.05),
    ],
    otherwise="q1.otherwise",
    solution="""
    answer = 0.3 ** 2   # 0.09: the noise variance σ², the floor of the MSE on new data
    # (0.3 is σ, the standard deviation; the MSE is in squared units, so it is σ².)
    """,
)

# ---------------------------------------------------------------- q2: standardise new data with training statistics

_fit, _new = x_fit.astype(np.float64), x_new.astype(np.float64)
_both = np.concatenate([_fit, _new])
_MEAN, _STD = _fit.mean(axis=0), _fit.std(axis=0)


def _scaled(mean: Any, std: Any) -> np.ndarray:
    return ((_new - mean) / std).astype(np.float32)


_RIGHT = _scaled(_MEAN, _STD)

q2 = Question(
    "nb09.q2",
    read=array(np.float32),  # float64 arithmetic is fine here: the statistics are what matter
    expected=_RIGHT,
    mistakes=[
        Mistake(lambda got: got.shape == x_fit.shape, "q2.x_fit", example=(x_fit - x_fit.mean(axis=0)) / x_fit.std(0)),
        Mistake(_scaled(_new.mean(axis=0), _new.std(axis=0)), "q2.leakage"),
        Mistake(_scaled(_both.mean(axis=0), _both.std(axis=0)), "q2.together"),
        Mistake(_scaled(_MEAN, _new.std(axis=0)), "q2.std_of_new"),
        Mistake(_scaled(_new.mean(axis=0), _STD), "q2.mean_of_new"),
        Mistake(_scaled(_MEAN, _fit.std(axis=0, ddof=1)), "q2.ddof"),
        Mistake(_scaled(_MEAN, _fit.var(axis=0)), "q2.variance"),
        Mistake(_scaled(_MEAN, 1.0), "q2.not_divided"),
        Mistake(_scaled(0.0, _STD), "q2.not_centred"),
        Mistake(_scaled(_fit.mean(), _fit.std()), "q2.one_for_all"),
    ],
    otherwise=compare_array(_RIGHT, "x_new standardised"),
    solution="""
    mean = x_fit.mean(axis=0)     # per column, from the training data only
    std = x_fit.std(axis=0)       # numpy's std divides by n, like linreg_utils.standardize
    answer = (x_new - mean) / std
    """,
)

# ---------------------------------------------------------------- q3: counting parameters


q3 = Question(
    "nb09.q3",
    read=pair(whole_number, key="q3.pair", part_key="q3.whole"),
    expected=(11, 33),  # counts are exact: 32 is not "close" to 33
    mistakes=[
        Mistake(lambda got: got[0] == 10, "q3.no_bias", example=(10, 33)),
        Mistake(lambda got: got[0] == 2, "q3.one_feature", example=(2, 33)),
        Mistake(lambda got: got[0] != 11, "q3.first", example=(12, 33)),
        Mistake((11, 30), "q3.no_biases"),
        Mistake((11, 31), "q3.one_bias"),
        Mistake((11, 13), "q3.one_row"),
        Mistake((11, 40), "q3.bias_per_input"),
        Mistake((11, 11), "q3.one_output"),
    ],
    otherwise="q3.otherwise",  # the first count is right (every wrong one is named above), the second is not
    solution="""
    answer = (10 * 1 + 1, 10 * 3 + 3)   # (11, 33)
    # check: sum(p.numel() for p in nn.Linear(10, 3).parameters())
    """,
)
