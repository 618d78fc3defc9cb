"""The class log (issue 23): every check, hint and solution appends one JSON line to the student's file, when the
teacher set a log folder; thirty writers at once never tear a line, and a reader counts each record exactly once.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linreg_utils import classroom
from linreg_utils.classroom import event_line, read_events, read_log, record_event, safe_file_name, student_name
from linreg_utils.exercises import ____, nb01, nb04
from linreg_utils.grade.report import live_lines, rows_from_events, summarize

PACKAGE = Path(classroom.__file__).parent


@pytest.fixture(autouse=True)
def a_quiet_classroom(monkeypatch, tmp_path):
    """No class variables, an empty working folder, and the once-per-session warning not yet given."""
    for name in ("LINREG_SOLUTIONS", "LINREG_CLASS_LOG", "LINREG_STUDENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(classroom._failed, "warned", False)


def test_check_hint_and_solution_each_append_one_record_with_the_mistake_key(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("LINREG_CLASS_LOG", str(tmp_path / "log"))
    monkeypatch.setenv("LINREG_STUDENT", "Li Wei")
    nb04.q1.check(____)
    nb04.q1.check(6.0)  # the sum of the squared errors, not their mean
    nb04.q1.check(2.0)
    nb04.q2.hint()
    nb04.q2.solution()
    events = read_events(tmp_path / "log")
    assert [(e["notebook"], e["question"], e["event"], e["result"]) for e in events] == [
        ("nb04", "q1", "check", "core.blank"), ("nb04", "q1", "check", "q1.sum"), ("nb04", "q1", "check", "correct"),
        ("nb04", "q2", "hint", "q2.hint1"), ("nb04", "q2", "solution", "shown")]
    assert {e["student"] for e in events} == {"Li Wei"}
    assert sorted(p.name for p in (tmp_path / "log").iterdir()) == ["Li_Wei.jsonl"]
    assert set(events[0]) == {"time", "student", "notebook", "question", "event", "result"}  # nothing else
    assert "❌" in capsys.readouterr().out  # the learner's feedback as before


def test_nothing_is_recorded_without_a_log_folder(tmp_path):
    nb01.q3.check((3, 2))
    assert record_event("nb01", "q3", "check", "correct") is None
    assert list(tmp_path.iterdir()) == []


def test_the_log_folder_of_linreg_class_toml_is_relative_to_the_file(tmp_path, monkeypatch):
    (tmp_path / "linreg-class.toml").write_text('log_folder = "class-log"\n', encoding="utf-8")
    (tmp_path / "lesson").mkdir()
    monkeypatch.chdir(tmp_path / "lesson")
    monkeypatch.setenv("LINREG_STUDENT", "ann")
    nb01.q3.check((2, 3))
    assert [e["result"] for e in read_log(tmp_path / "class-log" / "ann.jsonl")] == ["q3.transposed"]


def test_the_student_is_linreg_student_then_the_notebooks_name_cell_then_the_login(monkeypatch):
    main = sys.modules["__main__"]
    monkeypatch.setattr(main, "student_name", "  陈晨 ", raising=False)
    assert student_name() == "陈晨"
    monkeypatch.setenv("LINREG_STUDENT", "Ann")
    assert student_name() == "Ann"
    monkeypatch.delenv("LINREG_STUDENT")
    monkeypatch.setattr(main, "student_name", "", raising=False)  # the student edition's cell, not filled in
    import getpass

    assert student_name() == getpass.getuser()


@pytest.mark.parametrize(("name", "file"), [
    ("Li Wei", "Li_Wei"), ("../../etc/passwd", "_.._etc_passwd"),
    ("陈晨", "陈晨"), ("", "student"), ("...", "student"), ("a" * 200, "a" * 80)])
def test_a_student_name_becomes_a_safe_file_name(name, file):
    assert safe_file_name(name) == file


def test_a_log_that_cannot_be_written_warns_once_and_the_check_goes_on(monkeypatch, tmp_path, capsys):
    (tmp_path / "log").write_text("a file, not a folder")
    monkeypatch.setenv("LINREG_CLASS_LOG", str(tmp_path / "log"))
    nb01.q3.check((3, 2))
    nb01.q3.check((2, 3))
    captured = capsys.readouterr()
    assert captured.out.count("✅") == 1 and captured.out.count("❌") == 1
    assert captured.err.count("the class log could not be written") == 1


def test_a_bad_settings_file_does_not_break_a_check(tmp_path, capsys):
    (tmp_path / "linreg-class.toml").write_text("log_folder = [1]\n", encoding="utf-8")
    nb01.q3.check((3, 2))
    captured = capsys.readouterr()
    assert "✅" in captured.out and "linreg-class.toml" in captured.err


def test_a_reader_skips_the_unfinished_last_line_and_lines_that_are_not_records(tmp_path):
    path = tmp_path / "ann.jsonl"
    whole = event_line("nb01", "q1", "check", "correct", "ann")
    path.write_bytes(b"not json\n" + b'{"a": 1}\n' + whole + whole[:20])
    assert [e["result"] for e in read_log(path)] == ["correct"]
    path.write_bytes(path.read_bytes() + whole[20:])  # the writer finishes the line
    assert len(list(read_log(path))) == 2


WRITER = """
import sys, types
package = types.ModuleType("linreg_utils")  # the package's __init__ would import PyTorch: 3 s a process
package.__path__ = [{package!r}]
sys.modules["linreg_utils"] = package
import os, time
from linreg_utils.classroom import record_event
writer, count = int(sys.argv[1]), int(sys.argv[2])
while not os.path.exists({go!r}):
    time.sleep(0.001)
for i in range(count):
    record_event("nb04", "q%d" % (i % 3 + 1), "check", "w%d-%d" % (writer, i))
"""


def test_thirty_writers_at_once_while_the_live_view_reads_every_event_once_no_line_torn(tmp_path, monkeypatch):
    log, go, writers, each = tmp_path / "log", tmp_path / "go", 30, 100
    script = WRITER.format(package=str(PACKAGE), go=str(go))
    env = {key: value for key, value in os.environ.items() if key != "LINREG_LANG"}  # it would load the exercises
    env["LINREG_CLASS_LOG"] = str(log)
    processes = [subprocess.Popen([sys.executable, "-c", script, str(w), str(each)], cwd=tmp_path,
                                  env={**env, "LINREG_STUDENT": f"student {w % 10}"})  # 3 writers share each file
                 for w in range(writers)]
    try:
        go.touch()
        seen, reads = 0, 0
        while any(p.poll() is None for p in processes) or reads == 0:
            for path in log.glob("*.jsonl") if log.is_dir() else []:
                data = path.read_bytes()
                for line in data.split(b"\n")[:-1]:  # every finished line is one whole record
                    assert json.loads(line)["event"] == "check", line
            events = read_events(log) if log.is_dir() else []
            assert len(events) >= seen  # records are never lost, nor counted twice (below)
            seen, reads = len(events), reads + 1
            live_lines(events, log)
            time.sleep(0.01)
        assert [p.wait(timeout=30) for p in processes] == [0] * writers
    finally:
        for p in processes:
            p.kill()
    events = read_events(log)
    results = [e["result"] for e in events]
    assert len(results) == writers * each and len(set(results)) == writers * each
    assert len(list(log.iterdir())) == 10
    rows, _ = rows_from_events(events)  # the live view: 10 students, each stuck on their last answer
    assert [(s.question, s.wrong, s.not_attempted) for s in summarize(rows)] == [
        ("nb04.q1", 10, 0), ("nb04.q2", 10, 0), ("nb04.q3", 10, 0)]
    assert reads > 1
