"""Exercises for notebook 01 · Constructing the data."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Question, compare_array


def _check_column(answer: Any) -> str | None:
    expected = np.arange(5, dtype=np.float32).reshape(-1, 1)
    return compare_array(answer, expected, name="x_col")


q1 = Question(
    prompt="Build x = 0, 1, 2, 3, 4 as a float32 column of shape (5, 1).",
    checker=_check_column,
    hint="np.arange(5) gives the numbers; pass dtype=np.float32, then .reshape(-1, 1) makes the column.",
    solution="""
x_col = np.arange(5, dtype=np.float32).reshape(-1, 1)
# -1 lets numpy work out the number of rows (5); 1 asks for one column.
""",
)


def _check_line(answer: Any) -> str | None:
    if not isinstance(answer, tuple) or len(answer) != 2:
        return "give the pair returned by make_linear_data, e.g. answer = (x, y)."
    x, y = answer
    expected_x = np.arange(6, dtype=np.float32).reshape(-1, 1)
    problem = compare_array(x, expected_x, name="x")
    if problem:
        return problem + " Ask make_linear_data for n=6 points."
    expected_y = (3 * expected_x - 2).astype(np.float32)
    swapped = (-2 * expected_x + 3).astype(np.float32)
    y_arr = np.asarray(y)
    if y_arr.shape == swapped.shape and np.allclose(y_arr, swapped):
        return "slope and intercept are swapped: y = 3x - 2 has slope=3.0 and intercept=-2.0."
    return compare_array(y, expected_y, name="y")


q2 = Question(
    prompt="Use make_linear_data to build the 6 points x = 0..5 on the line y = 3x - 2.",
    checker=_check_line,
    hint="make_linear_data takes n, slope and intercept; the intercept of y = 3x - 2 is negative.",
    solution="""
answer = make_linear_data(n=6, slope=3.0, intercept=-2.0)
# returns (x, y): two float32 columns of shape (6, 1).
""",
)


def _check_shape(answer: Any) -> str | None:
    if isinstance(answer, list):
        answer = tuple(answer)
    if not isinstance(answer, tuple):
        return "write the shape as a tuple of two whole numbers, like (rows, columns)."
    if answer == (2, 3):
        return "that is the shape of the transpose; reshape(-1, 2) asks for 2 columns, so count the rows."
    if answer != (3, 2):
        return f"{answer} is not it: 6 numbers in 2 columns fill how many rows?"
    return None


q3 = Question(
    prompt="Without running it: what is the shape of np.arange(6).reshape(-1, 2)?",
    checker=_check_shape,
    hint="-1 means 'as many rows as needed'. 6 numbers, 2 per row.",
    solution="""
answer = (3, 2)
# 6 numbers / 2 columns = 3 rows.
""",
)
