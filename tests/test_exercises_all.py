"""Every notebook's questions behave alike: the blank, the hint and the solution."""

import importlib
import json
from pathlib import Path

import pytest

from linreg_utils.exercises import Question, ____

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
QUESTIONS = [
    (path.name[:2], name, question)
    for path in NOTEBOOKS
    for name, question in vars(importlib.import_module(f"linreg_utils.exercises.nb{path.name[:2]}")).items()
    if isinstance(question, Question)
]


@pytest.mark.parametrize(("nb", "name", "question"), QUESTIONS, ids=[f"nb{n}.{q}" for n, q, _ in QUESTIONS])
def test_blank_hint_and_solution(nb, name, question, capsys):
    assert question.diagnose(____) == "replace ____ with your answer, then run the cell again."
    question.check(____)
    question.hint()
    question.solution()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "❌ Not yet: replace ____ with your answer, then run the cell again."
    assert out[1].startswith("💡 Hint: ") and len(out[1]) > len("💡 Hint: ") + 10
    assert out[2] == "Solution:" and len(out) > 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_uses_its_own_questions(path):
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")
    assert f"linreg_utils.exercises.nb{path.name[:2]} import" in code
    assert sum(1 for nb, _, _ in QUESTIONS if nb == path.name[:2]) >= 2
