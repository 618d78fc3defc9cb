"""The rules every notebook follows (tools/notebook_rules.py): each rule on each notebook of both editions, and the
rules for the series; a broken rule fails with its message, which names the file and what to change.

`pytest tests/test_notebook_rules.py -k 04_training` checks one notebook (both editions); `python
tools/notebook_rules.py 04` does the same without pytest. The second half checks that each kind of rule can fail,
on altered copies held in memory or in a temporary folder.
"""

import copy
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebook_rules as rules  # noqa: E402

PATHS = rules.paths_of([])
CASES = [(name, path) for path in PATHS for name in rules.NOTEBOOK_RULES]


def notebook_id(path: Path) -> str:
    return path.relative_to(rules.NOTEBOOKS).with_suffix("").as_posix()


@pytest.mark.parametrize(("rule", "path"), CASES, ids=[f"{notebook_id(p)}-{r}" for r, p in CASES])
def test_notebook_follows_the_rule(rule, path):
    nb = rules.load(path)
    problems = [nb] if isinstance(nb, str) else rules.NOTEBOOK_RULES[rule](nb)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("rule", rules.SERIES_RULES)
def test_the_series_follows_the_rule(rule):
    problems = rules.SERIES_RULES[rule]()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_rule_says_what_it_checks():
    for name, rule in {**rules.NOTEBOOK_RULES, **rules.SERIES_RULES}.items():
        assert rule.__doc__ and rule.__doc__.strip(), f"{name}: give the rule a docstring (its one-line summary)"


# ---------------------------------------------------------------- each kind of rule fails, and says what to do


def altered(name: str, change, folder: str = "notebooks") -> rules.Notebook:
    """The notebook ``name`` of the project as a Notebook, its JSON changed in memory by ``change(nb)``."""
    path = ROOT / folder / name
    nb = copy.deepcopy(rules.load(path).nb)
    change(nb)
    return rules.Notebook(path, nb)


def drop_check(question: str):
    def change(nb):
        nb["cells"] = [c for c in nb["cells"] if f"{question}.check(" not in rules.source(c)]
    return change


def test_a_notebook_with_one_exercise_gets_the_message_naming_the_files():
    nb = altered("01_constructing_the_data.ipynb", lambda nb: [drop_check(q)(nb) for q in ("q2", "q3")])
    (problem,) = rules.has_at_least_two_exercises(nb)
    assert problem == ("notebooks/01_constructing_the_data.ipynb has 1 exercise question (q1); each notebook needs "
                       "at least 2: add one to linreg_utils/exercises/nb01.py and a cell under ## Exercises of both "
                       "editions (answer = ____ then qN.check(answer))")


def test_a_module_with_one_question_and_a_check_of_an_undeclared_one_are_named(tmp_path, monkeypatch):
    module = tmp_path / "nb01.py"
    module.write_text('from .core import Question\n\nq1 = Question("nb01.q1", expected=1, solution="answer = 1")\n'
                      "x_ex = 3\n", encoding="utf-8")
    monkeypatch.setattr(rules, "EXERCISES", tmp_path)
    problems = rules.has_at_least_two_exercises(altered("01_constructing_the_data.ipynb", lambda nb: None))
    assert problems[0].startswith(f"{module} declares 1 question (q1); each notebook needs at least 2: declare one "
                                  "more there")
    assert "checks q2, q3, which" in problems[1] and "declare them there" in problems[1]
    module.unlink()
    (problem,) = rules.has_at_least_two_exercises(altered("01_constructing_the_data.ipynb", lambda nb: None))
    assert "no readable" in problem and "nb01.py" in problem


def test_a_notebook_without_a_figure_says_why_in_its_own_metadata():
    def no_images(nb):
        for cell in nb["cells"]:
            cell["outputs"] = [o for o in cell.get("outputs", []) if "image/png" not in o.get("data", {})]

    nb = altered("11_scaling_out.ipynb", no_images)
    (problem,) = rules.has_a_figure_or_says_why_not(nb)
    assert problem.startswith("notebooks/11_scaling_out.ipynb has no figure") and '"no_figure": "why"' in problem
    nb.nb["metadata"]["linreg"] = {"no_figure": "the lesson is about processes, not pictures"}
    assert rules.has_a_figure_or_says_why_not(nb) == []
    stale = altered("11_scaling_out.ipynb", lambda nb: nb["metadata"].update(linreg={"no_figure": "none"}))
    (problem,) = rules.has_a_figure_or_says_why_not(stale)
    assert "has 2 figures but its metadata says linreg.no_figure" in problem and "remove that entry" in problem


def test_too_few_key_terms_and_a_chinese_table_out_of_step_are_named(tmp_path, monkeypatch):
    en, zh = tmp_path / "04_training.ipynb", tmp_path / "zh" / "04_training.ipynb"
    zh.parent.mkdir()
    shutil.copy(ROOT / "notebooks" / en.name, en)
    shutil.copy(ROOT / "notebooks" / "zh" / en.name, zh)
    monkeypatch.setattr(rules, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(rules, "ZH", tmp_path / "zh")
    for path, keep in ((en, 4), (zh, 5)):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if rules.source(c).startswith(("## Key terms", "## 关键术语")))
        lines = rules.source(cell).splitlines(True)
        table = [i for i, line in enumerate(lines) if line.startswith("|")]
        cell["source"] = lines[:table[0] + 2 + keep] + lines[table[-1] + 1:]
        path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    problems = rules.has_at_least_five_key_terms_and_links_the_glossary(rules.Notebook(en, rules.load(en).nb))
    assert problems == [f"{en} has 4 key terms in its ## Key terms table; each notebook needs at least 5: add rows "
                        "(| English | 中文 | Meaning |, in the Chinese edition | 中文 | English | 释义 |), then "
                        "python tools/glossary.py"]
    (problem,) = rules.both_editions_name_the_same_terms(rules.Notebook(en, rules.load(en).nb))
    assert "the 关键术语 table must list the English table's terms in order" in problem and "row 5 differs" in problem


def test_a_gap_in_the_numbers_a_missing_twin_and_a_missing_readme_row_are_named(tmp_path, monkeypatch):
    (tmp_path / "zh").mkdir()
    for name in ("01_a.ipynb", "03_c.ipynb"):
        shutil.copy(ROOT / "notebooks" / "01_constructing_the_data.ipynb", tmp_path / name)
    monkeypatch.setattr(rules, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(rules, "ZH", tmp_path / "zh")
    (problem,) = rules.numbered_without_gaps()
    assert problem == ("notebooks/: the notebooks are numbered 01, 03 (02 missing); number them 01 to 02 in reading "
                       "order (git mv, both editions)")
    nb = rules.Notebook(tmp_path / "03_c.ipynb", rules.load(tmp_path / "03_c.ipynb").nb)
    (problem,) = rules.has_its_twin_and_links_it(nb)
    assert "has no Chinese twin" in problem and "skeleton 03" in problem
    (problem,) = rules.readme_lists_it(nb)
    assert problem.startswith("README.md does not list") and "| 03 | [`notebooks/03_c.ipynb`](notebooks/03_c.ipynb)" \
        in problem


def test_output_and_setup_rules_name_the_cell():
    def break_it(nb):
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        code[0]["source"] = rules.source(code[0]).replace("short_tracebacks()", "pass")
        code[1]["outputs"] = [{"output_type": "stream", "name": "stderr", "text": "UserWarning: careful\n"}]
        code[1]["metadata"]["execution"] = {"iopub.status.busy": "2026-01-01"}

    nb = altered("01_constructing_the_data.ipynb", break_it)
    assert rules.setup_cell_is_the_series_setup(nb) == [
        "notebooks/01_constructing_the_data.ipynb: the setup cell (the first code cell) lacks short_tracebacks(), "
        "each on a line of its own: copy the setup cell of another notebook of the same edition"]
    (problem,) = rules.outputs_are_clean(nb)
    assert problem.startswith("notebooks/01_constructing_the_data.ipynb cell ") and "output on stderr" in problem
    (problem,) = rules.no_run_specific_metadata(nb)
    assert "timing metadata" in problem and "tools/run_notebooks.py notebooks/01_constructing_the_data" in problem


def test_the_command_checks_the_notebooks_it_is_given_and_refuses_an_unknown_number(capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(rules, "check", lambda numbers: asked.append(numbers) or [])
    assert rules.main(["04"]) == 0 and asked == [["04"]]
    assert "every rule holds (2 notebooks" in capsys.readouterr().out
    monkeypatch.setattr(rules, "check", lambda numbers: ["notebooks/04_training.ipynb: what to change"])
    assert rules.main(["04"]) == 1
    assert capsys.readouterr().out == "notebooks/04_training.ipynb: what to change\n"
    assert rules.main(["99"]) == 2
    assert "99: no such notebook" in capsys.readouterr().err
