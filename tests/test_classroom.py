"""The class's settings (linreg_utils.classroom) and the switch that turns q.solution() off (issue 22).

A teacher ships ``linreg-class.toml`` with ``solutions = false`` beside the student edition's notebooks (or sets
``LINREG_SOLUTIONS=off``); then ``qN.solution()`` says, in the learner's language, that solutions are switched
off, while ``qN.hint()`` and ``qN.check()`` work as before. A settings file with a mistake in it gets one clear
error naming the file and the fix, in the learner's language.
"""

import copy
import re

import pytest

from linreg_utils.classroom import SETTINGS_FILE, class_settings, find_settings_file
from linreg_utils.exercises import nb01
from linreg_utils.language import set_language

SOLUTION_LINE = "np.arange(5, dtype=np.float32).reshape(-1, 1)"  # nb01.q1's solution code
OFF = {"en": "Solutions are switched off in this class: try q1.hint() for the next hint, or ask your teacher.",
       "zh": "本课堂关闭了参考答案：可以运行 q1.hint() 查看下一条提示，或者问老师。"}


@pytest.fixture(autouse=True)
def a_quiet_classroom(monkeypatch, tmp_path):
    """Each test starts in an empty folder, with none of the class's variables set, in English."""
    for name in ("LINREG_SOLUTIONS", "LINREG_CLASS_LOG", "LINREG_STUDENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_settings_file() is None, "a linreg-class.toml above the temporary folder would spoil these tests"
    yield
    set_language("en")


@pytest.fixture
def q1():
    """A fresh copy of notebook 01's first question (its count of hints shown starts at 0)."""
    question = copy.copy(nb01.q1)
    question._hints_shown = 0
    return question


def settings_file(folder, text):
    path = folder / SETTINGS_FILE
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------ the settings


def test_the_defaults_without_a_file_or_a_variable():
    settings = class_settings()
    assert (settings.solutions, settings.log_folder, settings.student, settings.source) == (True, None, None, None)


def test_the_file_is_found_from_a_notebooks_sub_folder(tmp_path, monkeypatch):
    path = settings_file(tmp_path, 'solutions = false\nlog_folder = "class-log"\n')
    notebooks = tmp_path / "notebooks" / "zh"
    notebooks.mkdir(parents=True)
    monkeypatch.chdir(notebooks)  # a kernel's working folder is its notebook's folder
    settings = class_settings()
    assert settings.solutions is False
    assert settings.source == path
    assert settings.log_folder == tmp_path / "class-log"  # relative to the file, not to the notebook
    assert class_settings(tmp_path / "notebooks").source == path  # or from a folder given


def test_the_nearest_file_wins(tmp_path):
    settings_file(tmp_path, "solutions = false\n")
    inner = tmp_path / "lesson"
    inner.mkdir()
    settings_file(inner, "solutions = true\n")
    assert class_settings(inner).solutions is True
    assert class_settings(tmp_path).solutions is False


@pytest.mark.parametrize(("variable", "in_file", "solutions"),
                         [("off", "true", False), ("on", "false", True), ("OFF", None, False), (" 0 ", None, False),
                          ("yes", "false", True), ("", "false", False)])
def test_the_environment_overrides_the_file(tmp_path, monkeypatch, variable, in_file, solutions):
    if in_file is not None:
        settings_file(tmp_path, f"solutions = {in_file}\n")
    monkeypatch.setenv("LINREG_SOLUTIONS", variable)  # "" counts as not set
    assert class_settings().solutions is solutions


def test_a_change_is_seen_at_the_next_call(tmp_path):
    """Read at every call: the teacher's change needs no kernel restart."""
    path = settings_file(tmp_path, "solutions = false\n")
    assert class_settings().solutions is False
    path.write_text("solutions = true\n", encoding="utf-8")
    assert class_settings().solutions is True
    path.unlink()
    assert class_settings().source is None


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", 'solutions = "maybe"\n', r"linreg-class.toml: solutions is 'maybe': write on or off \(true or false in "),
    ("zh", 'solutions = "maybe"\n', r"linreg-class.toml: solutions 的值是 'maybe'：请写 on 或 off"),
    ("en", "solutions = 2\n", r"solutions is 2: write on or off"),
    ("en", "solution = false\n", r"linreg-class.toml has a setting this course does not know: solution; the "
                                 r"settings are solutions and log_folder: check the spelling"),
    ("zh", "solution = false\nlog = 1\n", r"linreg-class.toml 里有本课程不认识的设置：log, solution；可用的设置是"),
    ("en", "solutions = off\n", r"linreg-class.toml is not a valid settings file \(.+\): fix it, or delete it to "
                                r"use the defaults \(solutions on, no log\)"),
    ("zh", "solutions = off\n", r"linreg-class.toml 不是有效的设置文件（.+）：请修正它，或删除它以使用默认设置"),
    ("en", "log_folder = 3\n", r"linreg-class.toml: log_folder is 3, but it must be the name of a folder in quotes"),
    ("zh", 'log_folder = ""\n', r"linreg-class.toml：log_folder 的值是 ''，但它必须是用引号括起来的文件夹名"),
])
def test_a_malformed_file_gets_one_clear_error_in_the_learners_language(tmp_path, language, text, expected):
    path = settings_file(tmp_path, text)
    set_language(language)
    with pytest.raises(ValueError, match=expected) as caught:
        class_settings()
    assert str(caught.value).startswith(str(path))  # names the file
    assert caught.value.__cause__ is None  # no TOML parser's traceback chained to it
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / SETTINGS_FILE).write_bytes(b"solutions = \xff\n")
    with pytest.raises(ValueError, match=r"is not a valid settings file"):
        class_settings()


@pytest.mark.parametrize(("language", "expected"),
                         [("en", r"^LINREG_SOLUTIONS is 'perhaps': write on or off"),
                          ("zh", r"^LINREG_SOLUTIONS 的值是 'perhaps'：请写 on 或 off")])
def test_a_bad_variable_is_named(monkeypatch, language, expected):
    monkeypatch.setenv("LINREG_SOLUTIONS", "perhaps")
    set_language(language)
    with pytest.raises(ValueError, match=expected):
        class_settings()


# ------------------------------------------------------------------------------ solutions switched off


@pytest.mark.parametrize("language", ["en", "zh"])
def test_solution_shows_the_code_by_default(q1, capsys, language):
    set_language(language)
    q1.solution()
    shown = capsys.readouterr().out
    assert SOLUTION_LINE in shown and "🔒" not in shown


@pytest.mark.parametrize("how", ["file", "variable"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_solution_switched_off_says_so_in_the_learners_language(q1, capsys, tmp_path, monkeypatch, language, how):
    if how == "file":
        notebooks = tmp_path / "notebooks"
        notebooks.mkdir()
        settings_file(tmp_path, "solutions = false\n")
        monkeypatch.chdir(notebooks)
    else:
        monkeypatch.setenv("LINREG_SOLUTIONS", "off")
    set_language(language)
    q1.solution()
    shown = capsys.readouterr().out
    assert shown == f"🔒 {OFF[language]}\n"
    assert "reshape" not in shown and "arange" not in shown


def test_switched_off_in_jupyter_it_renders_as_markdown(q1, monkeypatch):
    """In a notebook the message is Markdown: the label bold, with the Chinese colon outside the bold."""
    from linreg_utils.exercises import core

    monkeypatch.setenv("LINREG_SOLUTIONS", "off")
    shown = []
    monkeypatch.setattr(core.Feedback, "show", lambda self: shown.append(self.markdown))
    q1.solution()
    set_language("zh")
    q1.solution()
    assert shown == ["🔒 **Solutions are switched off in this class:** try q1.hint() for the next hint, or ask your "
                     "teacher.", "🔒 **本课堂关闭了参考答案**：可以运行 q1.hint() 查看下一条提示，或者问老师。"]


def test_hints_still_work_and_after_the_last_one_solution_says_ask_your_teacher(q1, capsys, monkeypatch):
    monkeypatch.setenv("LINREG_SOLUTIONS", "off")
    hints = q1.hints
    assert len(hints) >= 1
    for i, hint in enumerate(hints, 1):
        q1.hint()
        shown = capsys.readouterr().out
        assert shown.startswith("💡 Hint") and hint in shown, f"hint {i}"
        q1.solution()
        expected = "try q1.hint() for the next hint" if i < len(hints) else "you have seen every hint; ask your"
        assert expected in capsys.readouterr().out
    set_language("zh")
    q1.solution()
    assert capsys.readouterr().out == "🔒 本课堂关闭了参考答案：提示已经全部看过了，请问老师。\n"


def test_check_still_works(q1, capsys, monkeypatch):
    import numpy as np

    monkeypatch.setenv("LINREG_SOLUTIONS", "off")
    q1.check(np.arange(5, dtype=np.float32).reshape(-1, 1))
    assert capsys.readouterr().out == "✅ Correct!\n"
    q1.check(np.arange(5, dtype=np.float32))
    assert capsys.readouterr().out.startswith("❌ Not yet: x_col has shape (5,), expected (5, 1)")


@pytest.mark.parametrize(("language", "expected"),
                         [("en", "is not a valid settings file"), ("zh", "不是有效的设置文件")])
def test_solution_with_a_malformed_file_raises_the_librarys_error(q1, capsys, tmp_path, language, expected):
    """Not a traceback from deep inside: the settings' own ValueError, one line naming the file (in a notebook,
    short_tracebacks() then shows only the learner's line)."""
    settings_file(tmp_path, "solutions = nope\n")
    set_language(language)
    with pytest.raises(ValueError, match=re.escape(str(tmp_path / SETTINGS_FILE)) + ".*" + expected):
        q1.solution()
    assert capsys.readouterr().out == ""  # neither the solution nor half a message


def test_the_last_hint_points_to_the_teacher_when_solutions_are_off(monkeypatch, capsys):
    from linreg_utils.exercises import nb01

    question = nb01.q1
    count = len(question.hints)
    monkeypatch.setenv("LINREG_SOLUTIONS", "off")
    question._hints_shown = 0
    for _ in range(count + 1):
        question.hint()
    shown = capsys.readouterr().out
    assert "ask your teacher" in shown and "solution() shows" not in shown
    monkeypatch.setenv("LINREG_SOLUTIONS", "on")
    question._hints_shown = count
    question.hint()
    assert "solution() shows an answer" in capsys.readouterr().out
    question._hints_shown = 0


def test_the_book_keeps_its_solutions_when_the_shell_switches_them_off(monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import build_book

    from linreg_utils.exercises import nb01

    monkeypatch.setenv("LINREG_SOLUTIONS", "off")
    assert build_book.solution_code(nb01.q1) == nb01.q1.solution_code.strip("\n")
