"""The grader's parts that need no kernel (issue 23): finding and naming submissions, refusing what is not a
notebook of the course, outcomes from the class log's records, grades.csv, mistakes.csv, the report page, the
live view, the command line's checks, and the two catalogues of its messages.

The end-to-end run (real kernels, limits, isolation) is tests/test_grading_end_to_end.py: ``make test-grading``.
"""

import ast
import json
import string
import zipfile
from pathlib import Path

import pytest

from linreg_utils.classroom import event_line
from linreg_utils.grade import __main__ as cli
from linreg_utils.grade.report import grades_csv, live_lines, mistake_message, mistakes_csv, report_html
from linreg_utils.grade.run import (
    Isolation,
    Limits,
    Result,
    Submission,
    find_submissions,
    grade_submission,
    notebook_of,
    outcomes_from,
    student_of,
)
from linreg_utils.language import catalogue, set_language

GRADE = Path(cli.__file__).parent
SAMPLES = Path(__file__).parent / "data" / "grading"
ROWS = [
    Result("Ann", "ann.ipynb", "nb01", "ok", {"nb01.q1": "correct", "nb01.q2": "correct", "nb01.q3": "correct"}),
    Result("Bob", "bob.ipynb", "nb01", "ok", {"nb01.q1": "correct", "nb01.q2": "q2.swapped",
                                             "nb01.q3": "not_attempted"}),
    Result("<b>Eve</b>", "eve.ipynb", "nb04", "timeout", {"nb04.q1": "q1.sum", "nb04.q2": "timeout",
                                                         "nb04.q3": "timeout"}, ["stopped after 60 s"]),
    Result("junk", "junk.ipynb", None, "not_json", {}, ["not a notebook"]),
]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def test_grades_csv_has_a_row_per_submission_and_a_column_per_question():
    assert grades_csv(ROWS).splitlines() == [
        "student,file,notebook,status,score,out_of,nb01.q1,nb01.q2,nb01.q3,nb04.q1,nb04.q2,nb04.q3,notes",
        "Ann,ann.ipynb,nb01,ok,3,3,correct,correct,correct,,,,",
        "Bob,bob.ipynb,nb01,ok,1,3,correct,q2.swapped,not_attempted,,,,",
        "<b>Eve</b>,eve.ipynb,nb04,timeout,0,3,,,,q1.sum,timeout,timeout,stopped after 60 s",
        "junk,junk.ipynb,,not_json,0,0,,,,,,,not a notebook",
    ]


def test_mistakes_csv_counts_each_mistake_with_its_message_in_the_class_language():
    assert mistakes_csv(ROWS).splitlines() == [
        "question,mistake,count,message",
        "nb01.q2,q2.swapped,1,slope and intercept are swapped: y = 3x - 2 has slope=3.0 and intercept=-2.0.",
        "nb04.q1,q1.sum,1,that is the sum of the squared errors; the MSE is their *mean*: divide by n = 3.",
    ]
    set_language("zh")
    assert "斜率" in mistakes_csv(ROWS).splitlines()[1]


def test_a_message_that_quotes_the_learners_answer_shows_an_ellipsis_there():
    assert mistake_message("nb04.q1", "q1.otherwise").startswith("your MSE is …")
    assert mistake_message("nb04.q1", "no.such_key") == ""


def test_outcomes_come_from_the_last_check_then_the_cells_that_failed_or_were_not_reached():
    events = [{"notebook": "nb04", "question": "q1", "event": "check", "result": "q1.sum"},
              {"notebook": "nb04", "question": "q1", "event": "check", "result": "correct"},
              {"notebook": "nb04", "question": "q2", "event": "hint", "result": "q2.hint1"}]
    cells = {"nb04.q1": [50], "nb04.q2": [52], "nb04.q3": [55]}
    questions = ["nb04.q1", "nb04.q2", "nb04.q3"]
    assert outcomes_from(questions, events, cells, {52}, None) == {
        "nb04.q1": "correct", "nb04.q2": "error", "nb04.q3": "not_attempted"}
    assert outcomes_from(questions, events, cells, set(), 53) == {
        "nb04.q1": "correct", "nb04.q2": "not_attempted", "nb04.q3": "timeout"}
    blank = [{"notebook": "nb04", "question": "q3", "event": "check", "result": "core.blank"}]
    assert outcomes_from(questions, blank, cells, set(), 53, "error")["nb04.q3"] == "not_attempted"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_report_page_is_one_offline_file_with_the_chart_in_the_class_language(language):
    set_language(language)
    page = report_html(ROWS)
    assert page.count("<svg") == 1 and page.count("</svg>") == 1
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script" not in page and "<b>Eve</b>" not in page and "&lt;b&gt;Eve&lt;/b&gt;" in page
    if language == "zh":
        assert '<html lang="zh-CN">' in page and "每道题有多少学生答对" in page and "超时" in page
    else:
        assert '<html lang="en">' in page and "Grades: nb01, nb04" in page and "timed out" in page
    assert "1 × q2.swapped: slope and intercept are swapped" in page or "1 × q2.swapped：" in page


def test_the_live_view_says_who_is_correct_stuck_and_not_started(tmp_path):
    events = [json.loads(event_line("nb01", q, e, r, s)) for s, q, e, r in [
        ("Ann", "q3", "check", "q3.transposed"), ("Ann", "q3", "check", "correct"),
        ("Bob", "q3", "hint", "q3.hint1"), ("Bob", "q3", "check", "q3.transposed"),
        ("Chen", "q3", "check", "q3.transposed"), ("Dee", "q1", "check", "core.blank")]]
    lines = live_lines(events, "class-log")
    assert lines[0].startswith("class-log: 4 student(s), 6 record(s), at ")
    assert lines[1:] == [
        "nb01.q1: 0 correct, 4 not started",
        "nb01.q2: 0 correct, 4 not started",
        "nb01.q3: 1 correct, 2 stuck on q3.transposed, 1 not started, 1 asked for a hint",
    ]
    set_language("zh")
    assert live_lines(events, "class-log")[3] == "nb01.q3: 1 人正确，2 人卡在 q3.transposed，1 人还没开始，1 人看过提示"
    assert live_lines([], "class-log") == ["class-log 里还没有记录"]


def test_the_live_command_prints_once_and_writes_the_page(tmp_path, capsys):
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "ann.jsonl").write_bytes(event_line("nb04", "q2", "check", "q2.swapped", "Ann"))
    assert cli.main(["--live", str(tmp_path / "log"), "--once", "--html", str(tmp_path / "live.html")]) == 0
    assert "nb04.q2: 0 correct, 1 stuck on q2.swapped, 0 not started" in capsys.readouterr().out
    page = (tmp_path / "live.html").read_text(encoding="utf-8")
    assert "The class, live: nb04" in page and "<svg" in page


def _notebook(*sources, **metadata):
    return json.dumps({"cells": [{"cell_type": "code", "source": s, "metadata": {}, "outputs": [],
                                  "execution_count": None} for s in sources],
                       "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}).encode()


@pytest.mark.parametrize(("data", "status", "note"), [
    (b"\x00 not json", "not_json", "not a notebook: the file is not JSON"),
    (b'{"cells": 3}', "not_notebook", "not a notebook: the file is JSON, but has no cells"),
    (_notebook("print(1)"), "not_course", "not a notebook of this course"),
    (_notebook("from linreg_utils.exercises.nb01 import q1"), "wrong_notebook",
     "notebook 01, but this grading is for notebook 04"),
    (None, "too_big", "the file is 30 MB, more than the limit of 20 MB"),
])
def test_what_is_not_a_notebook_of_the_course_is_refused_with_its_reason_and_no_kernel(tmp_path, data, status, note):
    submission = Submission("x.ipynb", data, "x", size=30 * 2**20)
    result = grade_submission(submission, tmp_path, Isolation((), False, False), Limits(), wanted="nb04")
    assert result.status == status and result.notes[0].startswith(note)
    assert result.outcomes == {"nb04.q1": "not_attempted", "nb04.q2": "not_attempted", "nb04.q3": "not_attempted"}
    assert list(tmp_path.iterdir()) == []


def test_a_student_is_named_by_the_name_cell_else_the_file_else_its_folder(tmp_path):
    (tmp_path / "class" / "dee").mkdir(parents=True)
    (tmp_path / "class" / "ann.ipynb").write_bytes(b"{}")
    (tmp_path / "class" / "dee" / "04_training.ipynb").write_bytes(b"{}")
    (tmp_path / "class" / "notes.txt").write_text("not a submission")
    with zipfile.ZipFile(tmp_path / "more.zip", "w") as archive:
        archive.writestr("bob/04_training.ipynb", "{}")
        archive.writestr("__MACOSX/bob/._04_training.ipynb", "junk")
        archive.writestr("chen.ipynb", "{}")
    found = find_submissions([tmp_path / "class", tmp_path / "more.zip"])
    assert [s.name for s in found] == ["ann", "dee", "bob", "chen"]
    assert found[2].label.endswith("more.zip:bob/04_training.ipynb") and found[2].data == b"{}"
    assert student_of({"cells": [{"cell_type": "code", "source": 'student_name = ""  # your name'}]}, "ann") == "ann"
    assert student_of({"cells": [{"cell_type": "code", "source": "student_name = '陈晨'"}]}, "x") == "陈晨"
    with pytest.raises(ValueError, match="does not exist"):
        find_submissions([tmp_path / "nowhere"])
    (tmp_path / "bad.zip").write_text("no zip")
    with pytest.raises(ValueError, match="bad.zip is not a readable zip file"):
        find_submissions([tmp_path / "bad.zip"])


def test_the_samples_of_the_docs_are_notebook_01_and_one_names_its_student():
    found = find_submissions([SAMPLES])
    notebooks = [json.loads(s.data) for s in found]
    assert [notebook_of(nb) for nb in notebooks] == ["nb01"] * 3
    assert [student_of(nb, s.name) for nb, s in zip(notebooks, found, strict=True)] == ["陈晨", "ann", "bob"]


def test_the_command_line_refuses_to_replace_files_it_did_not_write(tmp_path, capsys):
    (tmp_path / "grades.csv").write_text("the teacher's own file")
    with pytest.raises(SystemExit, match="already holds grades.csv, which the grader did not write"):
        cli._check_out(tmp_path, force=False)
    cli._check_out(tmp_path, force=True)
    assert (tmp_path / "grades.csv.bak").read_text() == "the teacher's own file"
    assert cli.main([str(tmp_path / "nowhere")]) == 2
    assert "nowhere does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["x.ipynb", "--timeout", "-3"])
    assert "--timeout is '-3': give a number greater than 0, e.g. 120" in capsys.readouterr().err


def test_both_catalogues_have_the_same_keys_and_fields_and_every_key_is_used():
    english, chinese = catalogue("grade", "en"), catalogue("grade", "zh")
    assert set(english) == set(chinese)
    fields = {key: {f for _, f, _, _ in string.Formatter().parse(text) if f} for key, text in english.items()}
    assert all({f for _, f, _, _ in string.Formatter().parse(chinese[key]) if f} == fields[key] for key in english)
    used = set()
    for path in GRADE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in english:
                used.add(node.value)
            if isinstance(node, ast.JoinedStr):  # say(f"status.{status}"), say(f"report.{key}"), ...
                prefix = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                used |= {k for k in english if prefix and k.startswith(prefix)}
    assert set(english) - used == set()
