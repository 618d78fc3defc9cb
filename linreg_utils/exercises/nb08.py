"""Exercises for notebook 08 · Learning rate and feature scaling: the stability limit, the slow direction, and
turning standardized weights back into weights for the original x. Messages: ``text/<language>/nb08.py``."""

from __future__ import annotations

import numpy as np

from .. import make_linear_data, mse_hessian
from .core import Mistake, Question, Wrong, at, close, number, numbers, show

# ---------------------------------------------------------------- the inputs (the notebook imports x_q1)

x_q1 = np.arange(1, 6, dtype=np.float32).reshape(-1, 1)  # exercise 1: x = 1, 2, 3, 4, 5
x_post = make_linear_data()[0]  # exercise 2: the post's x = 0..10 ...
lr_q2 = 0.02  # ... and this exercise's learning rate (the post's is 0.01)
w_std, b_std = 6.0, 25.0  # exercise 3: the weights learned on standardized x ...
mu, sigma = 10.0, 4.0  # ... and the mean and std used to standardize

# The eigenvalues of H = (2/n)·X̃ᵀX̃. The usual slips scale them: without the factor 2 they are halved,
# without dividing by n they are n times larger.

# ---------------------------------------------------------------- q1: the largest stable learning rate

_h1 = mse_hessian(x_q1)  # [[22, 6], [6, 2]]
_lam_min1, _lam_max1 = np.linalg.eigvalsh(_h1)  # 0.338, 23.66

q1 = Question(
    "nb08.q1",
    answer="limit_q1",
    read=number,
    expected=2 / _lam_max1,  # 0.08452
    mistakes=[
        Mistake(1 / _lam_max1, "q1.no_2"),
        Mistake(
            lambda got: close(got, 2 / _lam_min1) or close(got, 1 / _lam_min1), "q1.lam_min", example=2 / _lam_min1
        ),
        Mistake(2 / _h1[0, 0], "q1.w_alone"),
        Mistake(2 / (_lam_max1 / 2), "q1.no_factor_2"),
        Mistake(
            lambda got: close(got, 2 / (_lam_max1 * 5)) or close(got, 2 / (_lam_max1 * 5 / 2)),
            "q1.no_mean",
            example=2 / (_lam_max1 * 5),
        ),
    ],
    otherwise="q1.otherwise",
    solution="""
    design = np.hstack([x_q1, np.ones((5, 1))])          # X̃ = [x, 1], shape (5, 2)
    hessian = 2 / 5 * design.T @ design                  # [[22, 6], [6, 2]]
    limit_q1 = 2 / np.linalg.eigvalsh(hessian).max()     # 2 / 23.66 = 0.0845
    # The same in one call: stable_lr_limit(x_q1).
    """,
)

# ---------------------------------------------------------------- q2: the factor of the slow direction

_lam_min2, _lam_max2 = np.linalg.eigvalsh(mse_hessian(x_post))  # 0.5599, 71.44
_LOST = lr_q2 * _lam_min2  # 0.0112: what the error loses each epoch; the factor is 1 - _LOST = 0.9888


def _loses(lost: float):
    """Compare what an answer says the error loses, 1 - factor: near 1, three significant figures of the
    factor itself (0.989) would not tell the right answer from the usual slips (0.994, 0.978)."""
    return lambda got: close(1 - got, lost)


def _factor_otherwise(got: float) -> Wrong:
    # "close": the factor rounded to 2 or 3 decimals (0.99, 0.989), which loses 10 % or 2 % of 1 - factor.
    key = "q2.close" if close(1 - got, _LOST, rtol=0.2) else "q2.otherwise"
    return Wrong(key, got=got, shown=show(got))


q2 = Question(
    "nb08.q2",
    answer="factor",
    read=number,
    expected=_loses(_LOST),
    mistakes=[
        # 1 - 0.01·λ_min: the post's lr, or (the very same number) a Hessian without its factor 2.
        Mistake(_loses(0.01 * _lam_min2), "q2.post_lr", example=1 - 0.01 * _lam_min2),
        Mistake(1 - lr_q2 * _lam_max2, "q2.fast"),
        Mistake(_LOST, "q2.lost"),
        Mistake(_loses(1 - (1 - _LOST) ** 2), "q2.loss", example=(1 - _LOST) ** 2),
        Mistake(_loses(lr_q2 * _lam_min2 * len(x_post)), "q2.no_mean", example=1 - lr_q2 * _lam_min2 * len(x_post)),
    ],
    otherwise=_factor_otherwise,
    solution="""
    lam_min = np.linalg.eigvalsh(mse_hessian(x_post)).min()    # x_post: the post's x = 0..10; λ_min = 0.5599
    factor = 1 - 0.02 * lam_min                                # 0.9888: only 1.1 % less error per epoch
    """,
)

# ---------------------------------------------------------------- q3: back to the original x

_W, _B = w_std / sigma, b_std - w_std * mu / sigma  # (1.5, 10.0)

q3 = Question(
    "nb08.q3",
    answer="answer_q3",
    read=numbers("w", "b"),
    expected=(_W, _B),
    mistakes=[
        Mistake((_B, _W), "q3.swapped"),
        Mistake(at(0, w_std * sigma), "q3.times_sigma", example=(24.0, 10.0)),
        Mistake((w_std, b_std), "q3.still_standardized"),
        Mistake(lambda got: not close(got[0], _W), "q3.w", example=(6.0, 10.0)),
        Mistake((_W, b_std), "q3.no_correction"),
        Mistake((_W, b_std + w_std * mu / sigma), "q3.sign"),
        Mistake((_W, b_std - w_std * mu), "q3.not_divided"),
        Mistake((_W, b_std - _W * mu / sigma), "q3.divided_twice"),
        Mistake((_W, b_std - w_std * sigma / mu), "q3.mu_sigma_swapped"),
    ],
    otherwise="q3.otherwise",  # w is right (every wrong w is named above), b is not
    solution="""
    answer_q3 = (6 / 4, 25 - 6 * 10 / 4)   # = (1.5, 10.0)
    # Check: unstandardize(np.array([[6.0]]), np.array([25.0]), np.array([10.0]), np.array([4.0])).
    """,
)
