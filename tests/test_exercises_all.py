"""One test for every question of every notebook: the blank, each declared mistake, the solution, the hints,
and the catalogue of messages in every language. Per-notebook files keep only custom checkers' cases."""

import importlib
import math
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import linreg_utils
from linreg_utils.exercises import Question, ____, catalogue, set_language
from linreg_utils.exercises.core import LANGUAGES, comments, verify_catalogue

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NAMES = [f"nb{p.name[:2]}" for p in NOTEBOOKS]


def _import(name):
    try:
        return importlib.import_module(f"linreg_utils.exercises.{name}")
    except Exception:  # reported by test_every_exercise_module_imports, so the other modules are still tested
        return None


MODULES = {name: module for name in NAMES if (module := _import(name)) is not None}
QUESTIONS = [(name, q) for name, module in MODULES.items() for q in vars(module).values() if isinstance(q, Question)]
IDS = [q.key for _, q in QUESTIONS]
MISTAKES = [(q, m) for _, q in QUESTIONS for m in q.mistakes]


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_module_imports(name):
    importlib.import_module(f"linreg_utils.exercises.{name}")


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


@pytest.mark.parametrize(("module", "question"), QUESTIONS, ids=IDS)
def test_the_blank_asks_to_replace_it(module, question):
    assert question.diagnose(____) == "replace ____ with your answer, then run the cell again."


@pytest.mark.parametrize(("q", "mistake"), MISTAKES, ids=[f"{q.key}.{m.key}" for q, m in MISTAKES])
def test_each_declared_mistake_gets_its_own_message(q, mistake):
    example = mistake.example if mistake.example is not None else mistake.match
    assert not callable(example), f"{q.key} {mistake.key}: a mistake matched by a function needs an example="
    wrong = q.verdict(example)
    assert wrong is not None and wrong.key == mistake.key, f"{example!r} gave {wrong}"
    assert q.diagnose(example)  # the message renders with the values it names


def run_solution(module, question):
    namespace = {"np": np, "torch": torch, "nn": nn, "math": math}
    namespace.update({name: getattr(linreg_utils, name) for name in linreg_utils.__all__})
    namespace.update(vars(module))
    exec(question.solution_code, namespace)  # noqa: S102 -- the course's own solution
    return namespace[question.answer]


@pytest.mark.parametrize(("module", "question"), QUESTIONS, ids=IDS)
def test_the_solution_passes_its_own_check(module, question):
    assert question.diagnose(run_solution(MODULES[module], question)) is None


@pytest.mark.parametrize(("module", "question"), QUESTIONS, ids=IDS)
def test_hints_come_in_order_and_solution_is_shown(module, question, capsys):
    question._hints_shown = 0  # whatever other tests in this worker asked for before
    hints = question.hints
    assert hints and all(len(h) > 10 for h in hints)
    for _ in range(len(hints) + 1):
        question.hint()
    question.solution()
    out = capsys.readouterr().out
    for hint in hints:
        assert hint in out
    assert "That was the last hint" in out
    assert "Solution:\n" in out and question.solution_code.splitlines()[0] in out
    question._hints_shown = 0


def used_keys(module_name):
    keys = set()
    for name, q in QUESTIONS:
        if name == module_name:
            keys |= {m.key for m in q.mistakes} | ({q.otherwise} if isinstance(q.otherwise, str) else set())
    return keys


@pytest.mark.parametrize("module", ["core", *NAMES])
def test_every_language_has_every_message_with_the_english_placeholders_and_no_other(module):
    """A missing message, one too many, a placeholder that differs from the English one, a hint that does not fill
    in with its question's values: a CheckerError naming the catalogue file, the key and the language."""
    verify_catalogue(module)


@pytest.mark.parametrize("module", NAMES)
def test_every_translation_has_each_comment_of_each_solution_that_has_words(module):
    numbered = set()  # a comment without letters ("= 15", "[[22, 6], [6, 2]]") reads the same in every language
    for q in (q for name, q in QUESTIONS if name == module):
        lines = q.solution_code.splitlines()
        for k, (row, column) in enumerate(comments(q.solution_code), 1):
            if any(c.isalpha() for c in lines[row - 1][column:]):
                numbered.add(f"{q.name}.{k}")
    for language in LANGUAGES:
        if language != "en":
            assert set(catalogue(module, language, "COMMENTS")) == numbered, f"{language} {module}: COMMENTS differ"


def test_a_translated_solution_is_the_same_code_with_its_comments_translated(capsys):
    set_language("zh")
    MODULES["nb01"].q1.solution()
    code = (
        "x_col = np.arange(5, dtype=np.float32).reshape(-1, 1)\n    # -1 让 numpy 自己算出行数（5）；1 表示只要一列。"
    )
    assert code in capsys.readouterr().out


@pytest.mark.parametrize("module", NAMES)
def test_declared_keys_exist_and_catalogue_has_no_orphans(module):
    english = catalogue(module, "en")
    used = used_keys(module)
    assert used <= set(english), f"missing messages: {sorted(used - set(english))}"
    declared_questions = {q.name for name, q in QUESTIONS if name == module}
    for key in english:
        assert key.split(".")[0] in declared_questions, f"{module}: message {key} belongs to no question"
