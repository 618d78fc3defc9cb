"""tools/new_notebook.py on a copy of the project (a temporary folder): the two editions and their exercise files
are written and registered, in step with each other and following the rules; an existing notebook, a wrong number
and a failing step change nothing.

The new notebooks are not run here (--no-run: a kernel costs seconds); that the scaffold, with its outputs, passes
the whole suite was checked on a fresh clone (tools/new_notebook.py 12 ... then make test).
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PREVIOUS = ENGLISH[-1].name  # the last notebook now
NN, AFTER = f"{len(ENGLISH) + 1:02d}", f"{len(ENGLISH) + 2:02d}"  # the next free number, and the one after it
ARGS = [NN, "two_features", "Two features", "两个特征"]
NAME = f"{NN}_two_features.ipynb"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """What the tool reads and writes: notebooks, tools, READMEs, the glossary, the exercise modules."""
    folder = tmp_path_factory.mktemp("project")
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for sub in ("notebooks", "tools", "linreg_utils/exercises"):
        shutil.copytree(ROOT / sub, folder / sub, ignore=ignore)
    for path in ("README.md", "README.zh-CN.md", "docs/glossary.md"):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, folder / path)
    return folder


def run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(folder / "tools" / "new_notebook.py"), *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def scaffolded(project) -> tuple[Path, subprocess.CompletedProcess, dict]:
    before = tree(project)
    done = run(project, *ARGS, "--no-run")
    return project, done, before


def test_both_editions_and_the_exercise_files_are_written_and_the_rest_registered(scaffolded):
    project, done, before = scaffolded
    assert done.returncode == 0, done.stderr
    after = tree(project)
    new = sorted(set(after) - set(before))
    assert new == [f"linreg_utils/exercises/nb{NN}.py", f"linreg_utils/exercises/text/en/nb{NN}.py",
                   f"linreg_utils/exercises/text/zh/nb{NN}.py", f"notebooks/{NAME}", f"notebooks/zh/{NAME}"]
    changed = sorted(p for p in before if after.get(p) != before[p])
    assert changed == ["README.md", "README.zh-CN.md", f"notebooks/{PREVIOUS}", f"notebooks/zh/{PREVIOUS}"]
    assert f"| {NN} | [`notebooks/{NAME}`](notebooks/{NAME}) |" in (project / "README.md").read_text(encoding="utf-8")
    assert f"| {NN} | [两个特征](notebooks/zh/{NAME}) |" in (project / "README.zh-CN.md").read_text(encoding="utf-8")
    assert f"moved to notebook {NN}" in done.stdout and f"make check-notebook NN={NN}" in done.stdout


def test_the_chinese_edition_is_in_step_and_the_rules_hold_but_for_the_outputs_it_did_not_run(scaffolded):
    project, _, _ = scaffolded
    status = subprocess.run([sys.executable, str(project / "tools" / "translation.py"), "status"],
                            capture_output=True, text=True)
    assert status.returncode == 0, status.stdout
    rules = subprocess.run([sys.executable, str(project / "tools" / "notebook_rules.py"), PREVIOUS[:2], NN],
                           capture_output=True, text=True)
    problems = rules.stdout.strip().splitlines()
    assert problems and all(NAME in p for p in problems), rules.stdout  # only the new notebook's, and only ...
    assert all("no stored outputs" in p or "execution counts" in p or "has no figure" in p for p in problems)
    glossary = subprocess.run([sys.executable, str(project / "tools" / "glossary.py"), "--check"],
                              capture_output=True, text=True)
    assert glossary.returncode == 0, glossary.stdout  # the template's terms are the glossary's own


def test_an_existing_notebook_or_a_wrong_number_is_refused_in_one_line_and_nothing_changes(scaffolded):
    project, _, _ = scaffolded
    before = tree(project)
    later = f"{len(ENGLISH) + 3:02d}"
    for args, message in ((ARGS, f"notebooks/{NAME} exists; nothing was written (the next free number is {AFTER})"),
                          ([later, "x", "X", "十四"], f"{later}: the next notebook is {AFTER}"),
                          ([AFTER, "Two-Features", "X", "十三"], "lower-case words joined by _"),
                          ([AFTER, "x", "X", "Thirteen"], "has no Chinese in it")):
        done = run(project, *args, "--no-run")
        assert done.returncode == 2
        assert done.stderr.strip().count("\n") == 0 and message in done.stderr, done.stderr
        assert tree(project) == before


def test_a_step_that_fails_puts_every_file_back(scaffolded):
    project, _, _ = scaffolded
    readme = project / "README.zh-CN.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("<!-- reading-path:end -->", ""), "utf-8")
    before = tree(project)
    done = run(project, AFTER, "three", "Three", "三", "--no-run")  # reading_time.py --write stops on that README
    assert done.returncode != 0 and "reading-path" in done.stderr
    assert tree(project) == before
