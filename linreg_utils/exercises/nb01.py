"""Exercises for notebook 01 · Constructing the data. Messages: ``text/<language>/nb01.py``."""

from __future__ import annotations

import numpy as np

from .core import Mistake, Question, Wrong, array, compare_array, dtype_name, pair, shape

# ---------------------------------------------------------------- q1: a float32 column

_COLUMN = np.arange(5, dtype=np.float32).reshape(-1, 1)

q1 = Question(
    "nb01.q1",
    answer="x_col",
    read=array(lists=False),
    expected=lambda got: (
        got.shape == _COLUMN.shape and dtype_name(got) == _COLUMN.dtype.name and np.allclose(got, _COLUMN)
    ),
    otherwise=compare_array(_COLUMN, "x_col"),
    solution="""
    x_col = np.arange(5, dtype=np.float32).reshape(-1, 1)
    # -1 lets numpy work out the number of rows (5); 1 asks for one column.
    """,
)

# ---------------------------------------------------------------- q2: make_linear_data's keywords

_X6 = np.arange(6, dtype=np.float32).reshape(-1, 1)
_Y6 = (3 * _X6 - 2).astype(np.float32)


def _line_verdict(got: tuple[np.ndarray, np.ndarray]) -> Wrong | None:
    x, y = got
    return compare_array(_X6, "x")(x) or compare_array(_Y6, "y")(y)


q2 = Question(
    "nb01.q2",
    read=pair(array(lists=False), key="q2.pair"),
    expected=lambda got: _line_verdict(got) is None,
    mistakes=[
        Mistake(lambda got: compare_array(_X6, "x")(got[0]) is not None, "q2.n", example=(_X6[:5], _Y6[:5])),
        Mistake(lambda got: np.allclose(got[1], -2 * _X6 + 3), "q2.swapped", example=(_X6, -2 * _X6 + 3)),
    ],
    otherwise=_line_verdict,
    solution="""
    answer = make_linear_data(n=6, slope=3.0, intercept=-2.0)
    # returns (x, y): two float32 columns of shape (6, 1).
    """,
)

# ---------------------------------------------------------------- q3: a shape, without running it

q3 = Question(
    "nb01.q3",
    read=shape,
    expected=(3, 2),
    mistakes=[Mistake((2, 3), "q3.transposed")],
    otherwise="q3.otherwise",
    solution="""
    answer = (3, 2)
    # 6 numbers / 2 columns = 3 rows.
    """,
)
