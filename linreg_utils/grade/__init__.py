"""Collect and grade the class's exercises, and watch the class live (issue 23).

    python -m linreg_utils.grade submissions/ --out grading      # grades.csv, mistakes.csv, report.html
    python -m linreg_utils.grade --live class-log                 # "q3: 18 correct, 7 stuck on q3.transposed, ..."

One mechanism for both: every ``qN.check(...)``, ``qN.hint()`` and ``qN.solution()`` appends one JSON line to the
class log when a log folder is set (:func:`linreg_utils.classroom.record_event`). In class, the teacher's
``linreg-class.toml`` (or ``LINREG_CLASS_LOG``) sets the folder and ``--live`` reads it; to grade, each submission
runs in a fresh kernel with ``LINREG_CLASS_LOG`` set to a folder of its own (:mod:`.run`), and the records say
which questions are right and which mistake each wrong one made (:mod:`.report`).

Not a security sandbox: see :mod:`linreg_utils.grade.run` for what is fenced in and what is not.
"""

from .report import grades_csv, live_lines, mistakes_csv, report_html, rows_from_events, summarize
from .run import Limits, Result, Submission, find_submissions, grade_all, grade_submission, probe_isolation

__all__ = ["Limits", "Result", "Submission", "find_submissions", "grade_all", "grade_submission", "grades_csv",
           "live_lines", "mistakes_csv", "probe_isolation", "report_html", "rows_from_events", "summarize"]
