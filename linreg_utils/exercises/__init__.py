"""Exercises with automatic feedback, in the spirit of Kaggle's learntools.

A notebook imports its questions (and the inputs they use) and the blank ``____``::

    from linreg_utils.exercises import ____
    from linreg_utils.exercises.nb01 import q1

    x_col = ____           # the learner replaces the blank
    q1.check(x_col)        # shows "Correct" or *why* it is not right yet
    q1.hint()              # a nudge; call again for the next one
    q1.solution()          # the answer as code, with a word on why

Each notebook's questions are declared in ``linreg_utils/exercises/nbNN.py``; their messages live in
``linreg_utils/exercises/text/<language>/nbNN.py``. ``set_language("zh")`` (from ``linreg_utils.language``,
re-exported here for the notebooks' setup cells) switches the feedback's language, with the library's
messages and the figures'.
The rest of the machinery (readers such as ``number`` or ``array``, ``compare_array``, ...) is in ``core``.
"""

from __future__ import annotations

from .core import CheckerError, Mistake, Question, Wrong, ____, catalogue, get_language, set_language

__all__ = ["____", "CheckerError", "Mistake", "Question", "Wrong", "catalogue", "get_language", "set_language"]
