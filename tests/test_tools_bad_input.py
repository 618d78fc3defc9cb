"""Every tools/ command, given bad arguments or bad files, fails with one line that names them: no traceback.

Each case runs the real command (a subprocess) and asserts: a non-zero exit, no "Traceback" in its output, and
one line naming the bad file or argument, with what is wrong. Nothing here runs a command for real: each case
stops at its input check (the few that could start real work have a timeout and a process-group kill).
translation.py, glossary.py and reading_time.py read the project's notebooks, so their bad-file cases run a copy
of the tool in a small copy of the project (a tmp folder with tools/ and two notebooks). The book's unreadable
notebooks are tested in tests/test_build_book_safety.py (it needs the project's book sources).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"
PY = sys.executable
NOTEBOOK = "01_constructing_the_data.ipynb"


def run(argv: list, cwd: Path = ROOT, timeout: float = 60) -> tuple[int, str]:
    """Run a command in its own process group; (exit status, stdout + stderr). A run past ``timeout`` is killed."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen([str(a) for a in argv], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env, start_new_session=True)
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
        pytest.fail(f"{argv}: still running after {timeout} s (a bad input must stop at once)\n{out}")
    return process.returncode, out


def assert_one_line(argv: list, expected: list[str], cwd: Path = ROOT, timeout: float = 60) -> str:
    """The command fails, prints no traceback, and one line holds every expected text (the name and the fault)."""
    code, out = run(argv, cwd, timeout)
    assert code != 0, f"{argv} exited 0:\n{out}"
    assert "Traceback" not in out, out
    lines = [line for line in out.splitlines() if all(text in line for text in expected)]
    assert lines, f"no line of {argv}'s output names {expected}:\n{out}"
    return lines[0]


def _corrupt(kind: str, text: str) -> str:
    if kind == "conflict":
        return text.replace('"cells": [', '"cells": [\n<<<<<<< HEAD\n=======\n>>>>>>> theirs', 1)
    if kind == "cut short":
        return text[: len(text) // 2]
    if kind == "byte-order mark":
        return "\ufeff" + text
    if kind == "metadata a list":
        return json.dumps({**json.loads(text), "metadata": []})
    if kind == "not a notebook":
        return '{"hello": "world"}\n'
    assert kind == "empty"
    return ""


BAD_FILES = {  # kind -> what the one line says
    "conflict": "conflict markers",
    "cut short": "cut short",
    "byte-order mark": "byte-order mark",
    "metadata a list": "metadata is a list",
    "not a notebook": "not a Jupyter notebook",
    "empty": "is empty",
}


@pytest.fixture
def bad_notebook(tmp_path):
    """A function: kind -> a copy of notebook 01 spoiled that way, in tmp_path."""
    def make(kind: str) -> Path:
        path = tmp_path / f"bad-{kind.replace(' ', '-')}.ipynb"
        text = (ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8")
        path.write_text(_corrupt(kind, text), encoding="utf-8")
        return path
    return make


@pytest.fixture
def project(tmp_path):
    """A small copy of the project: tools/ (the notebook-reading tools) and notebook 01 in both editions."""
    root = tmp_path / "project"
    (root / "tools").mkdir(parents=True)
    for name in ("translation.py", "glossary.py", "reading_time.py", "notebook_files.py"):
        if (TOOLS / name).exists():  # notebook_files.py came with issue 21: the tests also run on older code
            shutil.copy(TOOLS / name, root / "tools" / name)
    (root / "notebooks" / "zh").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    shutil.copy(ROOT / "notebooks" / "zh" / NOTEBOOK, root / "notebooks" / "zh" / NOTEBOOK)
    return root


def _spoil(path: Path, kind: str) -> None:
    path.write_text(_corrupt(kind, path.read_text(encoding="utf-8")), encoding="utf-8")


# ------------------------------------------------------------------ unreadable notebooks, tool by tool


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("edition", ["notebooks", "notebooks/zh"])
def test_translation_status_names_an_unreadable_notebook(project, kind, edition):
    _spoil(project / edition / NOTEBOOK, kind)
    assert_one_line([PY, project / "tools" / "translation.py", "status"], [f"{edition}/{NOTEBOOK}: ", BAD_FILES[kind]])


def test_translation_skeleton_refuses_to_replace_a_translation(project):
    zh = project / "notebooks" / "zh" / NOTEBOOK
    before = zh.read_bytes()
    assert_one_line([PY, project / "tools" / "translation.py", "skeleton", "01"],
                    [f"notebooks/zh/{NOTEBOOK} exists", "--force"])
    assert zh.read_bytes() == before and sorted(p.name for p in zh.parent.iterdir()) == [NOTEBOOK]


@pytest.mark.parametrize("kind", ["conflict", "cut short"])
def test_translation_stamp_and_skeleton_name_an_unreadable_notebook(project, kind):
    _spoil(project / "notebooks" / "zh" / NOTEBOOK, kind)
    tool = project / "tools" / "translation.py"
    assert_one_line([PY, tool, "stamp", f"zh/{NOTEBOOK}", "md-001"], [f"zh/{NOTEBOOK}", BAD_FILES[kind]])
    _spoil(project / "notebooks" / NOTEBOOK, kind)
    assert_one_line([PY, tool, "skeleton", "01", "--force"], [f"notebooks/{NOTEBOOK}", BAD_FILES[kind]])


def test_run_notebooks_names_every_unreadable_notebook_before_running_any(bad_notebook):
    paths = {kind: bad_notebook(kind) for kind in BAD_FILES}
    before = {path: path.read_bytes() for path in paths.values()}
    good = ROOT / "notebooks" / NOTEBOOK  # listed first: it must not be run (nor written) either
    code, out = run([PY, TOOLS / "run_notebooks.py", good, *paths.values()])
    assert code == 2 and "Traceback" not in out and "running" not in out, out
    for kind, path in paths.items():
        (line,) = [line for line in out.splitlines() if path.name in line]
        assert line.startswith(f"run_notebooks.py: {path}: ") and BAD_FILES[kind] in line, line
    assert {path: path.read_bytes() for path in paths.values()} == before


@pytest.mark.parametrize("kind", ["conflict", "metadata a list"])
def test_answer_key_names_an_unreadable_notebook(bad_notebook, tmp_path, kind):
    path = bad_notebook(kind)
    assert_one_line([PY, TOOLS / "answer_key.py", "--keys-only", "--out", tmp_path / "keys", path],
                    [path.name, BAD_FILES[kind]])


@pytest.mark.parametrize("tool", ["glossary.py", "reading_time.py"])
@pytest.mark.parametrize("kind", ["conflict", "metadata a list"])
def test_glossary_and_reading_time_name_an_unreadable_notebook(project, tool, kind):
    _spoil(project / "notebooks" / "zh" / NOTEBOOK, kind)
    assert_one_line([PY, project / "tools" / tool] + (["--check"] if tool == "glossary.py" else []),
                    [f"zh/{NOTEBOOK}", BAD_FILES[kind]])


# ------------------------------------------------------------------ bad arguments, every command


def _bad_arguments(tmp: Path) -> list[tuple[str, list, list[str]]]:
    """(case id, command, texts the one line must hold) for each bad argument tried."""
    a_file = tmp / "a-file"
    a_file.write_text("not a folder\n", encoding="utf-8")
    unmarked = tmp / "someone's-folder"
    unmarked.mkdir()
    (unmarked / "precious.txt").write_text("keep me\n", encoding="utf-8")
    empty_dir = tmp / "empty-folder"
    empty_dir.mkdir()
    t = TOOLS
    return [
        ("translation skeleton 99", [PY, t / "translation.py", "skeleton", "99"], ["skeleton 99", "no English"]),
        ("translation skeleton none", [PY, t / "translation.py", "skeleton"], ["skeleton: which notebook?"]),
        ("translation skeleton option", [PY, t / "translation.py", "skeleton", "04", "--frce"], ["--frce"]),
        ("translation stamp none", [PY, t / "translation.py", "stamp"], ["stamp needs a Chinese notebook"]),
        ("translation stamp no cell", [PY, t / "translation.py", "stamp", "zh/04_training.ipynb"],
         ["stamp needs a Chinese notebook and at least one cell id"]),
        ("translation stamp unknown cell", [PY, t / "translation.py", "stamp", "zh/04_training.ipynb", "nope"],
         ["notebooks/zh/04_training.ipynb", "no cell with id 'nope'"]),
        ("translation stamp no notebook", [PY, t / "translation.py", "stamp", "zh/99_x.ipynb", "md-001"],
         ["zh/99_x.ipynb", "no such Chinese notebook"]),
        ("translation status extra", [PY, t / "translation.py", "status", "now"], ["status takes no arguments"]),
        ("translation unknown command", [PY, t / "translation.py", "translate"], ["unknown command 'translate'"]),
        ("run_notebooks missing", [PY, t / "run_notebooks.py", tmp / "nope.ipynb"], ["nope.ipynb"]),
        ("run_notebooks not ipynb", [PY, t / "run_notebooks.py", a_file], ["a-file", "not a notebook"]),
        ("run_notebooks option", [PY, t / "run_notebooks.py", "--frobnicate"], ["--frobnicate"]),
        ("answer_key missing", [PY, t / "answer_key.py", "--keys-only", "--out", tmp / "k", tmp / "nope.ipynb"],
         ["nope.ipynb"]),
        ("answer_key jobs 0", [PY, t / "answer_key.py", "--jobs", "0"], ["--jobs"]),
        ("answer_key jobs word", [PY, t / "answer_key.py", "--jobs", "many"], ["--jobs", "many"]),
        ("answer_key out file", [PY, t / "answer_key.py", "--keys-only", "--out", a_file], ["a-file"]),
        ("glossary option", [PY, t / "glossary.py", "--chek"], ["--chek"]),
        ("reading_time option", [PY, t / "reading_time.py", "--wirte"], ["--wirte"]),
        ("error_table option", [PY, t / "error_table.py", "--chek"], ["--chek"]),
        ("build_book option", [PY, t / "build_book.py", "--frobnicate"], ["--frobnicate"]),
        ("build_book jobs", [PY, t / "build_book.py", "--out", tmp / "book", "--jobs", "abc"], ["--jobs abc"]),
        ("book_browser_test option", [PY, t / "book_browser_test.py", "--frobnicate"], ["--frobnicate"]),
        ("build_book out file", [PY, t / "build_book.py", "--out", a_file], ["a-file"]),
        ("build_book out unmarked", [PY, t / "build_book.py", "--out", unmarked], ["someone's-folder"]),
        ("build_book src unmarked", [PY, t / "build_book.py", "--out", tmp / "book", "--src", unmarked],
         ["someone's-folder"]),
        ("install_torch flavour", [PY, t / "install_torch.py", "rocm"], ["rocm"]),
        ("install_torch two", [PY, t / "install_torch.py", "cpu", "cuda"], ["cpu cuda"]),
        ("browser_test missing", [PY, t / "browser_test.py", tmp / "nope.ipynb"], ["nope.ipynb"]),
        ("browser_test option", [PY, t / "browser_test.py", "--frobnicate"], ["--frobnicate"]),
        ("book_browser_test missing", [PY, t / "book_browser_test.py", tmp / "no-book"], ["no-book"]),
        ("book_browser_test empty", [PY, t / "book_browser_test.py", empty_dir], ["empty-folder"]),
        ("check_python option", ["sh", t / "check_python.sh", "--frobnicate"], ["--frobnicate"]),
        ("check_python no python", ["sh", t / "check_python.sh", "no-such-python3", tmp / "no-venv", "lab"],
         ["no-such-python3"]),
        ("test_anywhere argument", ["bash", t / "test_anywhere.sh", "notebooks/01"], ["notebooks/01"]),
    ]


def _ids() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return [case[0] for case in _bad_arguments(Path(tmp))]


@pytest.mark.parametrize("case", _ids())
def test_a_bad_argument_gets_one_line(tmp_path, case):
    cases = {name: (argv, expected) for name, argv, expected in _bad_arguments(tmp_path)}
    argv, expected = cases[case]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert_one_line(argv, expected, timeout=90)
    if "unmarked" in case:
        assert (tmp_path / "someone's-folder" / "precious.txt").read_text(encoding="utf-8") == "keep me\n"
    if case.startswith(("translation", "run_notebooks")):  # these write nothing on bad input
        assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


HELP = ["translation.py", "run_notebooks.py", "answer_key.py", "glossary.py", "reading_time.py", "error_table.py",
        "build_book.py", "browser_test.py", "book_browser_test.py", "install_torch.py", "check_python.sh",
        "test_anywhere.sh"]


@pytest.mark.parametrize("tool", HELP)
def test_help_says_how_to_use_the_command(tool):
    runner = {"sh": ["sh"], "py": [PY]}.get(tool.rsplit(".", 1)[1]) if not tool.startswith("test_") else ["bash"]
    code, out = run(runner + [TOOLS / tool, "--help"], timeout=60)
    assert code == 0 and "Traceback" not in out, out
    assert "usage" in out.lower() or "python tools/" in out
