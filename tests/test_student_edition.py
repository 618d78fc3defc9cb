"""The student edition (make student, tools/student_edition.py, issue 22), checked by reading what it builds.

It is built once into a temporary folder (about a second: nothing is run). The notebooks have no solution line and
no stored exercise feedback, every other cell is the full edition's, the first code cell asks for the learner's name,
linreg-class.toml switches solutions off, the zip holds the folder's files, and everything the Makefile's install
and lab rules name is there. That every student notebook runs top to bottom is checked by hand (nbclient in the
student folder: too slow for make test); the switch itself is tested in tests/test_classroom.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import student_edition  # noqa: E402

EDITIONS = {"notebooks": "en", "notebooks/zh": "zh"}
NAME_CELL = {"en": 'student_name = ""  # your name, as your teacher asked',
             "zh": 'student_name = ""  # 你的名字（按老师的要求填写）'}
SOLUTION = re.compile(r"\.solution\(")
EXERCISE = re.compile(r"\.(check|hint|solution)\(")


def source(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """A small stand-in for `make wheelhouse`'s folder."""
    folder = tmp_path_factory.mktemp("project") / "wheelhouse"
    folder.mkdir()
    (folder / "README.txt").write_text("for linux-x86_64, Python 3.11\n", encoding="utf-8")
    (folder / "torch-2.0.0+cpu-cp311-cp311-linux_x86_64.whl").write_bytes(b"\0" * 3 * 2**20)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, wheelhouse) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("edition") / "student"
    report = student_edition.build(out, quiet=True, wheelhouse=wheelhouse)
    return out, report


@pytest.fixture(scope="module")
def student(built) -> Path:
    return built[0]


def pairs(student: Path):
    """(edition, full notebook, student notebook) for every notebook of both editions."""
    for folder, edition in EDITIONS.items():
        full = sorted((ROOT / folder).glob("*.ipynb"))
        assert full and sorted(p.name for p in (student / folder).glob("*.ipynb")) == [p.name for p in full]
        for path in full:
            yield (edition, path.name, json.loads(path.read_text(encoding="utf-8")),
                   json.loads((student / folder / path.name).read_text(encoding="utf-8")))


def test_it_is_fast(built):
    assert built[1]["seconds"] < 15, built[1]  # about 0.5 s on a quiet 2-core machine


def test_no_solution_line_and_no_stored_exercise_feedback(student):
    checked = 0
    for _edition, name, _full, nb in pairs(student):
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            assert not SOLUTION.search(source(cell)), f"{name} {cell['id']}: a solution line is left"
            if EXERCISE.search(source(cell)):
                assert cell["outputs"] == [] and cell["execution_count"] is None, f"{name} {cell['id']}"
                checked += 1
    assert checked >= 22 * 4  # every notebook has at least two questions, each with a check and a hint cell


def test_every_other_cell_is_the_full_editions(student):
    removed = 0
    for _edition, name, full, nb in pairs(student):
        assert nb["metadata"] == full["metadata"] and nb["nbformat"] == full["nbformat"], name
        cells = {c["id"]: c for c in nb["cells"]}
        assert len(cells) == len(nb["cells"]), f"{name}: two cells with one id"
        for cell in full["cells"]:
            text = source(cell)
            if cell["cell_type"] == "code" and SOLUTION.search(text):
                kept = "".join(line for line in text.splitlines(keepends=True) if not SOLUTION.search(line)).strip()
                if not kept:  # a cell that only showed the solution goes
                    assert cell["id"] not in cells, f"{name} {cell['id']}"
                    removed += 1
                    continue
                assert source(cells[cell["id"]]).strip() == kept, f"{name} {cell['id']}"
            elif cell["cell_type"] == "code" and EXERCISE.search(text):
                mine = cells[cell["id"]]
                assert (source(mine), mine["metadata"]) == (text, cell["metadata"]), f"{name} {cell['id']}"
            else:  # the setup cell, the lessons, the Markdown: identical, outputs and ids included
                assert cells[cell["id"]] == cell, f"{name} {cell['id']} changed"
        assert [c["id"] for c in nb["cells"] if c["id"] != "student-name"] == [
            c["id"] for c in full["cells"] if c["id"] in cells], f"{name}: the order of the cells changed"
    assert removed >= 22  # each notebook's `# qN.solution()  # uncomment ...` cell


def test_the_student_name_cell_follows_the_title(student):
    for edition, name, _full, nb in pairs(student):
        first = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown")
        cell = nb["cells"][first + 1]
        assert cell["cell_type"] == "code" and cell["id"] == "student-name", name
        assert cell["metadata"]["tags"] == ["student-name"], name
        assert source(cell) == NAME_CELL[edition], name
        assert cell["outputs"] == [] and cell["execution_count"] is None
        assert sum(1 for c in nb["cells"] if "student-name" in c["metadata"].get("tags", [])) == 1, name


def test_the_settings_file_switches_solutions_off(student, monkeypatch):
    from linreg_utils.classroom import class_settings

    text = (student / "linreg-class.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"solutions": False}
    assert "Delete the line" in text and "删除" in text  # how to turn solutions back on, in both languages
    monkeypatch.delenv("LINREG_SOLUTIONS", raising=False)
    for folder in EDITIONS:  # a kernel's working folder is its notebook's folder
        settings = class_settings(student / folder)
        assert settings.solutions is False and settings.source == student / "linreg-class.toml"


def test_what_is_in_and_what_is_not(student):
    files = {p.relative_to(student).as_posix() for p in student.rglob("*") if p.is_file()}
    for name in ("Makefile", "pyproject.toml", "requirements.txt", "environment.yml", "README.md",
                 "README.zh-CN.md", "docs/glossary.md", "docs/errors.md", "docs/errors.zh-CN.md",
                 "tools/check_python.sh", "tools/install_torch.py", "tools/jupyter_server_config.py",
                 "tools/jupyter_nbconvert_config.py", "tools/notebook_metadata.py", "linreg_utils/__init__.py",
                 "linreg_utils/course.mplstyle", "linreg_utils/exercises/text/zh/core.py"):
        assert name in files, name
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "linreg_utils").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert package <= files
    for name in files:
        assert not re.match(r"(tests|benchmarks|\.ci|docs/book)/|docs/teaching|tools/answer_key\.py"
                            r"|notebooks/sanitize\.cfg|.*__pycache__", name), name
    for path in (*ROOT.glob("tools/install*.py"), *ROOT.glob("tools/wheelhouse*.py"), *ROOT.glob("requirements*.txt")):
        assert path.relative_to(ROOT).as_posix() in files


def test_every_tool_a_student_tool_imports_is_there(student):
    """A tool of the edition that imports a module of tools/ finds it (install.py imports install_torch)."""
    import ast

    tools = {p.stem for p in (ROOT / "tools").glob("*.py")}
    for path in (student / "tools").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for module in names:
                if module in tools:
                    assert (student / "tools" / f"{module}.py").is_file(), f"{path.name} imports {module}"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_every_file_the_install_and_lab_rules_name_is_there(student):
    """make -n (print the commands, run nothing) in the student folder: every prerequisite must exist there (else
    "No rule to make target"), and every file of the project its commands name must be there too."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    result = subprocess.run(["make", "-n", "install", "lab", "lab-zh"], cwd=student, capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "tools/check_python.sh" in result.stdout and "jupyter lab notebooks/zh/" in result.stdout
    named = set()
    for word in re.findall(r"[A-Za-z0-9_./][A-Za-z0-9_./+-]*", result.stdout):  # $(CURDIR) is the folder
        name = os.path.normpath(word.removeprefix(str(student) + "/"))
        if not name.startswith((".venv", "..", "/")) and (ROOT / name).is_file():
            named.add(name)
    assert {"tools/check_python.sh", "tools/jupyter_server_config.py", "tools/jupyter_nbconvert_config.py"} <= named
    assert [n for n in named if not (student / n).is_file()] == []
    own = student_edition.makefile_files(ROOT / "Makefile")  # the tool's own reading of the same rules
    assert [n for n in own if not n.startswith((".venv/", "wheelhouse/")) and not (student / n).is_file()] == []


def test_the_zip_holds_the_folder_without_the_wheelhouse(built):
    student, report = built
    folder = {p.relative_to(student).as_posix() for p in student.rglob("*") if p.is_file()}
    folder -= {student_edition.MARK} | {n for n in folder if n.startswith("wheelhouse/")}
    with zipfile.ZipFile(report["zip"]) as z:
        names = z.namelist()
        assert z.comment == student_edition.ZIP_MARK
        assert z.read("student/linreg-class.toml") == (student / "linreg-class.toml").read_bytes()
    assert all(n.startswith("student/") for n in names)
    assert sorted(n.removeprefix("student/") for n in names) == sorted(folder)
    assert report["zip"] == student.parent / "student.zip"


def test_the_wheelhouse_is_copied_in_as_links_and_its_size_said(built, wheelhouse, tmp_path, capsys):
    student, report = built
    copied = student / "wheelhouse" / "torch-2.0.0+cpu-cp311-cp311-linux_x86_64.whl"
    original = wheelhouse / copied.name
    assert copied.read_bytes() == original.read_bytes()
    if os.stat(copied).st_dev == os.stat(original).st_dev:
        assert os.path.samefile(copied, original)  # a hard link: no extra space
    assert report["wheelhouse"] == sum(p.stat().st_size for p in wheelhouse.iterdir())
    student_edition.build(tmp_path / "again", wheelhouse=wheelhouse)
    said = capsys.readouterr().out
    assert re.search(r"wheelhouse/ \(3 MiB\) copied into .*; the zip leaves it out: copy wheelhouse/ into the "
                     r"unzipped folder", said), said


# -------------------------------------------------------------------------------- it deletes only its own


def test_a_rebuild_replaces_its_own_edition_and_leaves_nothing_beside_it(tmp_path):
    out = tmp_path / "student"
    student_edition.build(out, quiet=True, wheelhouse=tmp_path / "none")
    (out / "stale.txt").write_text("from the last build", encoding="utf-8")
    student_edition.build(out, quiet=True, wheelhouse=tmp_path / "none")
    assert not (out / "stale.txt").exists() and (out / "linreg-class.toml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["student", "student.zip"]  # no .student-building-*


@pytest.mark.parametrize("what", ["a folder of yours", "a zip of yours", "a file"])
def test_what_it_did_not_make_is_refused_and_left_alone(tmp_path, what):
    out = tmp_path / "student"
    if what == "a folder of yours":
        out.mkdir()
        (out / "homework.txt").write_text("mine", encoding="utf-8")
        expected = "this folder exists and was not made by tools/student_edition.py"
    elif what == "a zip of yours":
        with zipfile.ZipFile(tmp_path / "student.zip", "w") as z:
            z.writestr("homework.txt", "mine")
        expected = "student.zip: this file exists and was not written by tools/student_edition.py"
    else:
        out.write_text("mine", encoding="utf-8")
        expected = "this is a file, not a folder"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "student_edition.py"), "--out", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_an_unknown_option_is_one_line():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "student_edition.py"), "--solutions"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "unrecognized arguments: --solutions" in result.stderr
    assert "Traceback" not in result.stderr
