"""Exercises with automatic feedback, in the spirit of Kaggle's learntools.

A notebook imports its questions (and the inputs they use) and the blank ``____``::

    from linreg_utils.exercises import ____
    from linreg_utils.exercises.nb01 import q1

    x_col = ____           # the learner replaces the blank
    q1.check(x_col)        # shows "Correct" or *why* it is not right yet
    q1.hint()              # a nudge; call again for the next one
    q1.solution()          # the answer as code, with a word on why

Each notebook's questions are declared in ``linreg_utils/exercises/nbNN.py``; their messages live in
``linreg_utils/exercises/text/<language>/nbNN.py``. ``set_language("zh")`` switches the feedback's language.
"""

from __future__ import annotations

from .core import (
    CheckerError,
    Feedback,
    Mistake,
    Question,
    Unreadable,
    Wrong,
    ____,
    anything,
    array,
    as_number,
    as_numpy,
    catalogue,
    close,
    compare_array,
    get_language,
    number,
    numbers,
    run_learner_code,
    set_language,
    shape,
    whole_number,
)

__all__ = [
    "____",
    "CheckerError",
    "Feedback",
    "Mistake",
    "Question",
    "Unreadable",
    "Wrong",
    "anything",
    "array",
    "as_number",
    "as_numpy",
    "catalogue",
    "close",
    "compare_array",
    "get_language",
    "number",
    "numbers",
    "run_learner_code",
    "set_language",
    "shape",
    "whole_number",
]
