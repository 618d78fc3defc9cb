"""The answer key (tools/answer_key.py): every blank of every notebook filled in with its question's solution.

Whether each key says ✅ is checked where it runs: in `make test`, each notebook's "answer key" item runs the
answered cells in the notebook's own kernel; `make test-anywhere` runs every key alone in a fresh kernel under nbval;
and its outputs then go through `make answer-key`'s checks (--outputs-from); `make answer-key` runs them like Run All.
Here: how the keys are built, and the messages when one cannot be.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import answer_key  # noqa: E402
from answer_key import AnswerKeyError, Exercise  # noqa: E402

NOTEBOOKS = answer_key.every_notebook()


def edition(path: Path) -> str:
    return f"{path.parent.name}/{path.name[:2]}" if path.parent.name == "zh" else path.name[:2]


def questions_of(module: str) -> set[str]:
    from linreg_utils.exercises import Question

    return {name for name, q in vars(importlib.import_module(f"linreg_utils.exercises.{module}")).items()
            if isinstance(q, Question)}


# ---------------------------------------------------------------- the real notebooks


def test_there_are_both_editions_of_every_notebook():
    english = [p for p in NOTEBOOKS if p.parent.name != "zh"]
    assert english and [p.name for p in NOTEBOOKS] == [p.name for p in english] * 2
    assert all(p.parent.name == "zh" for p in NOTEBOOKS[len(english):])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=edition)
def test_every_question_of_the_notebook_is_answered_once_and_no_blank_is_left(path):
    key, exercises = answer_key.make_key(path)
    module = f"nb{path.name[:2]}"
    assert sorted(e.name for e in exercises) == sorted(questions_of(module))
    assert {e.module for e in exercises} == {module}
    for cell in key.cells:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            assert not any(isinstance(n, ast.Name) and n.id == "____" for n in ast.walk(tree)), cell.source
    original = nbformat.read(path, as_version=4)
    changed = [i for i, (a, b) in enumerate(zip(original.cells, key.cells, strict=True)) if a.source != b.source]
    assert changed == [e.index for e in exercises]  # nothing but the exercise cells differs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=edition)
def test_each_answered_cell_holds_the_solution_as_q_solution_shows_it_in_the_notebooks_language(path, capsys):
    from linreg_utils.exercises import get_language, set_language

    _, exercises = answer_key.make_key(path)
    language = "zh" if path.parent.name == "zh" else "en"
    before = get_language()
    try:
        set_language(language)
        for exercise in exercises:
            getattr(importlib.import_module(f"linreg_utils.exercises.{exercise.module}"), exercise.name).solution()
            shown = capsys.readouterr().out.split("\n", 1)[1]  # after the "Solution:" line
            code = "\n".join(line[4:] for line in shown.rstrip("\n").splitlines())
            assert code in exercise.answered
            assert exercise.answered.rstrip().endswith(f"{exercise.variable}.check") is False
    finally:
        set_language(before)
    if language == "zh":  # the comments are Chinese: at least one solution comment with a CJK character
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in e.answered) for e in exercises)


def test_two_blanks_in_one_cell_become_the_one_solution_that_binds_both():
    _, exercises = answer_key.make_key(ROOT / "notebooks" / "02_activation_functions.ipynb")
    q2 = next(e for e in exercises if e.name == "q2")
    assert q2.answered.splitlines()[:3] == q2.source.splitlines()[:3]  # the prints before the blanks stay
    assert "w = W2 @ W1" in q2.answered and "b = W2 @ b1 + b2" in q2.answered
    assert q2.answered.rstrip().endswith("q2.check((w, b))")


def test_a_def_with_a_blank_in_its_body_is_replaced_whole():
    _, exercises = answer_key.make_key(ROOT / "notebooks" / "zh" / "10_minibatches_and_devices.ipynb")
    q2 = next(e for e in exercises if e.name == "q2")
    assert "yield x[idx], ____" in q2.source and "____" not in q2.answered
    assert "yield x[idx], y[idx]" in q2.answered and q2.answered.count("def my_minibatches") == 1


def test_keys_for_nbval_expect_the_check_to_say_correct_and_keep_the_other_outputs():
    path = ROOT / "notebooks" / "zh" / "03_the_fully_connected_layer.ipynb"
    original = nbformat.read(path, as_version=4)
    key, exercises = answer_key.make_key(path, expect_correct=True)
    for exercise in exercises:
        before, after = original.cells[exercise.index].outputs, key.cells[exercise.index].outputs
        assert len(before) == len(after)
        assert [o for o in after if "❌" in answer_key.output_text(o)] == []
        assert after[-1]["data"] == {"text/markdown": "✅ **正确！**", "text/plain": "✅ 正确！"}
        assert after[:-1] == before[:-1]  # the q2 cell's printed inputs stay as stored
    assert key.metadata["answer_key"] == {"notebook": "notebooks/zh/03_the_fully_connected_layer.ipynb"}


def test_the_correct_output_is_what_a_right_answer_shows(capsys):
    from linreg_utils.exercises.nb01 import q3

    q3.check((3, 2))
    assert answer_key.correct_output("en")["data"]["text/plain"] == capsys.readouterr().out.strip()


# ---------------------------------------------------------------- filling in: every shape of cell, and refusals


def cell(source: str) -> Exercise:
    return Exercise("notebooks/xx.ipynb", 3, 2, "code-003", "q1", "nb01", "q1", source)


@pytest.mark.parametrize(
    ("source", "solution", "answered"),
    [
        ("answer = ____\nq1.check(answer)", "answer = 15  # note", "answer = 15  # note\nq1.check(answer)"),
        ("answer: int = ____  # yours\nq1.check(answer)", "answer = 15", "answer = 15\nq1.check(answer)"),
        ("print(1)\n\nw = ____\nb = ____\nq1.check((w, b))", "w = 2\nb = 1\nanswer = (w, b)",
         "print(1)\n\nw = 2\nb = 1\nanswer = (w, b)\nq1.check((w, b))"),
        ("@decorate\ndef f(z):\n    # comment\n    return ____\n\n\nq1.check(f)", "def f(z):\n    return z",
         "def f(z):\n    return z\n\n\nq1.check(f)"),
        ("x = ____\ny = ____\nq1.check(x)", "with open(p) as x:\n    y = 1",
         "with open(p) as x:\n    y = 1\nq1.check(x)"),
    ],
    ids=["one", "annotated", "two blanks", "def", "with"],
)
def test_fill_replaces_the_statements_that_hold_a_blank(source, solution, answered):
    assert answer_key.fill(cell(source), solution) == answered


@pytest.mark.parametrize(
    ("source", "solution", "message"),
    [
        ("q1.check(____)", "answer = 1", "cannot fill the blank in `q1.check(____)`"),
        ("print(____)\nq1.check(1)", "answer = 1", "cannot fill the blank in `print(____)`"),
        ("answer = ____; q1.check(answer)", "answer = 1", "the blank shares line 1 with another statement"),
        ("w = ____\nb = ____\nq1.check((w, b))", "answer = (1, 2)", "binds b, w, but the solution of nb01.q1 does not"),
        ("answer = ____\nq1.check(answer)", "answer = (", "the solution of nb01.q1 is not valid Python"),
    ],
)
def test_fill_refuses_a_blank_it_cannot_fill_naming_notebook_cell_and_question(source, solution, message):
    with pytest.raises(AnswerKeyError) as error:
        answer_key.fill(cell(source), solution)
    assert str(error.value).startswith("notebooks/xx.ipynb, cell 2 (code-003), q1: ")
    assert message in str(error.value)


def notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# ____ in prose is no exercise")]
    for k, source in enumerate(sources):
        code = nbformat.v4.new_code_cell(source)
        code.id = f"code-{k:03d}"
        nb.cells.append(code)
    return nb


IMPORTS = ("from linreg_utils.exercises import ____, set_language\n"
           "from linreg_utils.exercises.nb03 import q1, q4 as model_q")
SETUP = IMPORTS + '\nset_language("zh")'


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("answer = ____", "cell 1 (code-001): the cell has a blank and no qN.check(...) call"),
        ("answer = ____\nq1.check(answer)\nmodel_q.check(answer)", "2 check calls (q1, model_q)"),
        ("answer = ____\nq2.check(answer)", "q2.check(...) but q2 is not imported from linreg_utils.exercises.nbNN"),
        ("%time answer = ____\nq1.check(answer)", "the cell has a blank but is not plain Python"),
    ],
)
def test_an_exercise_cell_without_one_known_question_is_refused(source, message):
    with pytest.raises(AnswerKeyError, match="^notebooks/xx.ipynb, ") as error:
        answer_key.find_exercises(notebook(IMPORTS, source), "notebooks/xx.ipynb")
    assert message in str(error.value)


def test_the_questions_language_and_renamed_imports_are_read_from_the_notebook():
    nb = notebook(SETUP, "# answer = ____ in a comment\nx = 1", "answer = ____\nmodel_q.check(answer)")
    assert answer_key.language_of(nb) == "zh" and answer_key.language_of(notebook("x = 1")) == "en"
    (exercise,) = answer_key.find_exercises(nb, "nb")
    assert (exercise.number, exercise.variable, exercise.module, exercise.name) == (2, "model_q", "nb03", "q4")
    (answered,) = answer_key.answer(nb, "nb")
    assert answered.answered.splitlines() == [
        "answer = LinearRegressionModel(3, 1)",
        "# input_dim=3：每套房子 3 个特征；output_dim=1：预测 1 个房价。3 个权重 + 1 个偏置 = 4 个参数。",
        "model_q.check(answer)",
    ]


def test_a_blank_in_another_variable_than_the_solution_assigns_is_refused():
    nb = notebook(IMPORTS, "y = ____\nmodel_q.check(y)")
    with pytest.raises(AnswerKeyError, match="^nb, cell 1 .code-001., model_q: the blank's statement binds y, but the "
                       "solution of nb03.q4 does not$"):
        answer_key.answer(nb, "nb")


# ---------------------------------------------------------------- verdicts


@pytest.mark.parametrize(
    ("outputs", "problem"),
    [
        ([{"output_type": "display_data", "data": {"text/plain": "✅ Correct!"}}], None),
        ([{"output_type": "stream", "name": "stdout", "text": "✅ 正确！\n"}], None),
        ([{"output_type": "display_data", "data": {"text/plain": "❌ Not yet: no."}}],
         "the check says ❌ Not yet: no."),
        ([{"output_type": "error", "ename": "NameError", "evalue": "name 'x' is not defined"}],
         "the cell raised NameError: name 'x' is not defined"),
        ([{"output_type": "stream", "name": "stdout", "text": "hello\n"}], "the check showed no ✅"),
    ],
)
def test_a_verdict_is_correct_only_with_a_tick_and_nothing_wrong(outputs, problem):
    assert answer_key.verdict(outputs) == problem


# ---------------------------------------------------------------- in a kernel (make test's "answer key" items)


class FakeKernel:
    """nbval's RunningKernel, reduced to what the answer key uses; runs code in a dict, in this process."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.messages: list[dict] = []

    def is_alive(self):
        return True

    def execute_cell_input(self, code, allow_stdin=None):
        msg_id = uuid.uuid4().hex
        out = io.StringIO()

        def message(kind, **content):
            self.messages.append({"parent_header": {"msg_id": msg_id}, "msg_type": kind, "content": content})

        try:
            with contextlib.redirect_stdout(out):
                exec(code, self.namespace)  # noqa: S102 -- the course's own solutions
        except Exception as err:  # as a kernel reports it
            message("error", ename=type(err).__name__, evalue=str(err), traceback=[])
        if out.getvalue():
            message("stream", name="stdout", text=out.getvalue())
        message("status", execution_state="idle")
        return msg_id

    def await_reply(self, msg_id, timeout=None):
        return None

    def get_message(self, stream, timeout=None):
        return self.messages.pop(0)


NOTEBOOK_03_CLASS = """
class LinearRegressionModel(nn.Module):
    def __init__(self, input_dim, output_dim):
        super().__init__()
        self.linear = nn.Linear({order})

    def forward(self, x):
        return self.linear(x)
"""


def kernel_after_notebook_03(order: str) -> FakeKernel:
    from torch import nn

    from linreg_utils.exercises.nb03 import W_ex, b_ex, q1, q2, q3, q4, x_ex

    namespace = {"nn": nn, "W_ex": W_ex, "b_ex": b_ex, "x_ex": x_ex, "q1": q1, "q2": q2, "q3": q3, "q4": q4}
    exec(NOTEBOOK_03_CLASS.format(order=order), namespace)  # noqa: S102 -- section 6's class, as the notebook has it
    return FakeKernel(namespace)


def test_in_notebook_03s_own_namespace_every_solution_says_correct():
    nb = nbformat.read(ROOT / "notebooks" / "03_the_fully_connected_layer.ipynb", as_version=4)
    kernel = kernel_after_notebook_03("input_dim, output_dim")
    assert answer_key.check_in_kernel(kernel, nb, "notebooks/03.ipynb", 60) == []


def test_a_solution_that_fails_in_its_notebooks_namespace_is_reported_with_question_and_feedback():
    nb = nbformat.read(ROOT / "notebooks" / "zh" / "03_the_fully_connected_layer.ipynb", as_version=4)
    kernel = kernel_after_notebook_03("output_dim, input_dim")  # a class that swaps the sizes: the solution fails
    from linreg_utils.exercises import set_language

    set_language("zh")  # what the Chinese notebook's first cell does
    try:
        (problem,) = answer_key.check_in_kernel(kernel, nb, "notebooks/zh/03.ipynb", 60)
    finally:
        set_language("en")
    first = problem.splitlines()[0]
    assert first.startswith("notebooks/zh/03.ipynb: the official solution of nb03.q4 does not pass in its notebook "
                            "(cell 24, zh-code-056): the check says ❌ 还不对：输入和输出弄反了")
    assert "    answer = LinearRegressionModel(3, 1)" in problem.splitlines()


# ---------------------------------------------------------------- the command


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "answer_key.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_help_says_what_the_command_does(capsys):
    with pytest.raises(SystemExit) as done:
        answer_key.main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and "answer-key" in out and "--keys-only" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["README.md"], "not a notebook file: README.md"),
        (["notebooks/99_missing.ipynb"], "not a notebook file: notebooks/99_missing.ipynb"),
        (["--jobs", "0"], "--jobs must be 1 or more"),
        (["--out", str(ROOT / "README.md")], "is a file, not a folder"),
    ],
)
def test_bad_input_gets_one_clear_line_and_no_traceback(args, message, capsys):
    with pytest.raises(SystemExit) as done:
        answer_key.main(args)
    err = capsys.readouterr().err
    assert done.value.code == 2 and message in err.splitlines()[-1]


def test_a_notebook_that_is_not_json_is_named(tmp_path, capsys):
    broken = tmp_path / "01_broken.ipynb"
    broken.write_text("{not json")
    assert answer_key.main(["--keys-only", "--out", str(tmp_path / "keys"), str(broken)]) == 1
    assert capsys.readouterr().err.startswith(f"answer_key.py: error: {broken}: cannot read the notebook")


def test_keys_only_writes_each_edition_to_its_folder(tmp_path, capsys):
    paths = [str(ROOT / "notebooks" / "01_constructing_the_data.ipynb"),
             str(ROOT / "notebooks" / "zh" / "01_constructing_the_data.ipynb")]
    assert answer_key.main(["--keys-only", "--out", str(tmp_path), *paths]) == 0
    for folder in ("en", "zh"):
        key = nbformat.read(tmp_path / folder / "01_constructing_the_data.ipynb", as_version=4)
        assert key.metadata["answer_key"]["notebook"].endswith("01_constructing_the_data.ipynb")
    assert capsys.readouterr().out.count("wrote ") == 2


def test_the_html_uses_the_projects_template():
    config = answer_key.nbconvert_config()
    assert config.HTMLExporter.template_name == "lab_alt"


@pytest.mark.repeats_notebook("01_constructing_the_data.ipynb")
def test_make_answer_key_runs_a_key_like_run_all_and_writes_notebook_and_html(tmp_path):
    """The teacher's command end to end on one notebook (a fresh kernel: deselected when the notebooks run)."""
    done = run("--out", str(tmp_path), str(ROOT / "notebooks/zh/01_constructing_the_data.ipynb"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✅ notebooks/zh/01_constructing_the_data.ipynb" in done.stdout
    key = nbformat.read(tmp_path / "zh" / "01_constructing_the_data.ipynb", as_version=4)
    checks = [c for c in key.cells if c.cell_type == "code" and ".check(" in c.source]
    assert len(checks) == 3 and all(answer_key.verdict(c.outputs) is None for c in checks)
    assert [c.execution_count for c in key.cells if c.cell_type == "code"] == list(range(1, 1 + sum(
        1 for c in key.cells if c.cell_type == "code")))
    html = (tmp_path / "zh" / "01_constructing_the_data.html").read_text(encoding="utf-8")
    assert html.count("✅ <strong>正确！</strong>") == 3 and "❌ <strong>还不对" not in html and '<img alt="' in html
    assert '<html lang="zh">' in html


def test_the_keys_html_typesets_maths_with_the_local_mathjax_not_a_cdn(tmp_path):
    """make answer-key copies the book's MathJax 3 next to the keys; the HTML loads it, configured for $...$."""
    from nbconvert import HTMLExporter

    assert answer_key.copy_mathjax(tmp_path)
    assert (tmp_path / answer_key.MATHJAX_DIR / "tex-chtml.js").is_file()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("The line $y = 2x + 1$.")])
    local = HTMLExporter(config=answer_key.nbconvert_config(), mathjax_url="../mathjax/tex-chtml.js")
    body, _ = local.from_notebook_node(notebook)
    assert 'src="../mathjax/tex-chtml.js"' in body and "inlineMath: [['$', '$']" in body
    assert "mathjax/2.7.7" not in body and "MathJax.Hub.Config" not in body and "require.min.js" not in body
    default, _ = HTMLExporter(config=answer_key.nbconvert_config()).from_notebook_node(notebook)
    assert "MathJax.Hub.Config" in default and "require.min.js" in default  # JupyterLab's own export is unchanged


# ---------------------------------------------------------------- the keys from make test-anywhere's run


NB01 = ROOT / "notebooks" / "zh" / "01_constructing_the_data.ipynb"


def _kept_run(tmp_path: Path, change=None) -> Path:
    """A stand-in for test-anywhere's kept run of notebook 01's key: the key as nbval expects it (✅ stored)."""
    ran = tmp_path / "ran"
    (key,) = answer_key.write_keys([NB01], ran)
    if change is not None:
        nb = nbformat.read(key, as_version=4)
        change(nb)
        nbformat.write(nb, key)
    return ran


def test_outputs_from_a_kept_run_are_checked_and_written_without_running_the_key(tmp_path, capsys):
    out = tmp_path / "out"
    assert answer_key.main(["--outputs-from", str(_kept_run(tmp_path)), "--out", str(out), str(NB01)]) == 0
    assert "✅ notebooks/zh/01_constructing_the_data.ipynb" in capsys.readouterr().out
    html = (out / "zh" / "01_constructing_the_data.html").read_text(encoding="utf-8")
    assert html.count("✅ <strong>正确！</strong>") == 3 and "❌ <strong>还不对" not in html


def _wrong(nb) -> None:
    cell = next(c for c in nb.cells if c.cell_type == "code" and "q1.check(" in c.source)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="❌ 还不对：\n")]


def _edited(nb) -> None:
    nb.cells[-1].source += "\n# changed"


def _unrun(nb) -> None:
    nb.cells[-1 if nb.cells[-1].cell_type == "code" else -2].execution_count = None


@pytest.mark.parametrize(("change", "problem"), [
    (_wrong, "q1"),
    (_edited, "is not a run of this notebook's key (its cells differ)"),
    (_unrun, "the key stopped before cell"),
])
def test_a_kept_run_that_is_wrong_edited_or_cut_short_fails_naming_it(tmp_path, capsys, change, problem):
    ran = _kept_run(tmp_path, change)
    assert answer_key.main(["--outputs-from", str(ran), "--out", str(tmp_path / "out"), str(NB01)]) == 1
    assert problem in capsys.readouterr().out


def test_no_kept_run_is_named(tmp_path, capsys):
    assert answer_key.main(["--outputs-from", str(tmp_path), "--out", str(tmp_path / "out"), str(NB01)]) == 1
    assert f"no run of its key in {tmp_path / 'zh'}" in capsys.readouterr().out


def test_write_kept_numbers_the_cells_that_ran_and_empties_the_others(tmp_path):
    from types import SimpleNamespace

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell("1"),
                                         nbformat.v4.new_code_cell("print(2)"), nbformat.v4.new_code_cell("3")])
    parent = SimpleNamespace(nb=nb, fspath=tmp_path / "keys" / "en" / "t.ipynb")
    ran: dict = {}
    result = nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=7)
    for cell_num, outputs in [(0, [result]), (1, [nbformat.v4.new_output("stream", name="stdout", text="2\n")])]:
        answer_key.keep_outputs(ran, SimpleNamespace(parent=parent, cell_num=cell_num, test_outputs=outputs))
    answer_key.write_kept(ran, tmp_path / "ran")
    written = nbformat.read(tmp_path / "ran" / "en" / "t.ipynb", as_version=4)
    codes = [c for c in written.cells if c.cell_type == "code"]
    assert [c.execution_count for c in codes] == [1, 2, None]
    assert codes[0].outputs[0]["execution_count"] == 1 and codes[1].outputs[0]["text"] == "2\n"
    assert codes[2].outputs == []
