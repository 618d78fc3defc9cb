"""Submissions made from the course's own notebooks, for the grader's tests and its worked example.

``submission("04", {"q1": RIGHT, "q2": "answer = (-6.0, -40 / 3)"})`` is notebook 04 as a student hands it in:
each named exercise's blank statement replaced (``RIGHT``: by the official solution; else by the code given),
the others left blank, outputs removed (a submission is run again anyway), and, with ``student=``, the student
edition's name cell after the title.

    python tests/grading_submissions.py tests/data/grading   # writes the three sample submissions of the docs
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import answer_key  # noqa: E402

RIGHT = object()  # the official solution
NOTEBOOKS = {"01": "01_constructing_the_data.ipynb", "04": "04_training.ipynb"}
_cache: dict[tuple[str, str], Any] = {}


def _answered(number: str, edition: str) -> tuple[Any, list[Any]]:
    if (number, edition) not in _cache:
        import nbformat

        folder = ROOT / "notebooks" / ("zh" if edition == "zh" else "")
        nb = nbformat.read(folder / NOTEBOOKS[number], as_version=4)
        _cache[number, edition] = nb, answer_key.answer(nb, f"nb{number}")
    return _cache[number, edition]


def submission(number: str, answers: dict[str, Any], *, student: str | None = None, edition: str = "en",
               before: list[str] = ()) -> dict[str, Any]:
    """Notebook ``number`` with some exercises answered, as an nbformat 4 dict (JSON-ready).

    Args:
        answers: ``{"q1": RIGHT, "q2": "answer = (2, 3)"}``; a code string replaces the blank's statement
            (the line ``answer = ____``), the ``qN.check(...)`` line stays.
        student: the name written in a ``student_name = "..."`` cell after the title (None: no such cell).
        before: code cells put before the exercises (e.g. one that loops forever or writes outside).
    """
    import nbformat

    nb, exercises = _answered(number, edition)
    nb = copy.deepcopy(nb)
    for exercise in exercises:
        answer = answers.get(exercise.name)
        if answer is RIGHT:
            nb.cells[exercise.index].source = exercise.answered
        elif answer is not None:
            lines = exercise.source.splitlines()
            blank = next(i for i, line in enumerate(lines) if "____" in line)
            nb.cells[exercise.index].source = "\n".join(lines[:blank] + [answer] + lines[blank + 1:])
    first = min(e.index for e in exercises)
    for code in reversed(list(before)):
        nb.cells.insert(first, nbformat.v4.new_code_cell(code))
    if student is not None:
        cell = nbformat.v4.new_code_cell(f'student_name = "{student}"  # your name, as your teacher asked')
        cell.metadata["tags"] = ["student-name"]
        nb.cells.insert(1, cell)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return json.loads(nbformat.writes(nb))


def write(path: Path, nb: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def samples(folder: Path) -> list[Path]:
    """The docs' worked example: three submissions of notebook 01 (one in the Chinese edition)."""
    return [
        write(folder / "ann.ipynb", submission("01", {"q1": RIGHT, "q2": RIGHT, "q3": RIGHT})),
        write(folder / "bob.ipynb", submission("01", {"q1": RIGHT, "q2": "answer = make_linear_data(n=6, "
                                                      "slope=-2.0, intercept=3.0)"})),
        write(folder / "01_constructing_the_data.ipynb",
              submission("01", {"q1": RIGHT, "q2": RIGHT, "q3": "answer = (2, 3)"}, student="陈晨", edition="zh")),
    ]


if __name__ == "__main__":
    for path in samples(Path(sys.argv[1])):
        print(path)
