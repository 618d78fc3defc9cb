"""Exercises with automatic feedback, in the spirit of Kaggle's learntools.

A notebook imports its questions and the blank ``____``::

    from linreg_utils.exercises import ____
    from linreg_utils.exercises.nb01 import q1

    answer = ____          # the learner replaces the blank
    q1.check(answer)       # shows "Correct" or *why* it is not right yet
    q1.hint()              # a nudge
    q1.solution()          # the answer, with a word on why

Each notebook's questions live in ``linreg_utils/exercises/nbNN.py``.
"""

from __future__ import annotations

from .core import Feedback, Question, ____, as_array, as_number, as_numpy, compare_array, compare_number, is_close

__all__ = [
    "____",
    "Feedback",
    "Question",
    "as_array",
    "as_number",
    "as_numpy",
    "compare_array",
    "compare_number",
    "is_close",
]
