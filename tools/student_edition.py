"""Build the student edition: a copy of the course for learners, without the solutions.

    make student                                          # -> build/student/ and build/student.zip
    python3 tools/student_edition.py --out /tmp/student   # anywhere else (and /tmp/student.zip)

OUT (build/student/) is a runnable copy of the course: in it, `make lab` (or `make lab-zh`) installs the packages
and opens the notebooks, as in the full checkout. It holds

- both editions' notebooks, notebooks/*.ipynb and notebooks/zh/*.ipynb, changed in three ways only: every line
  that calls ``qN.solution()`` is gone (the cells that held nothing else too); the exercise cells (those that call
  ``.check(``, ``.hint(`` or ``.solution(``) have no stored output and no execution count; one code cell after
  the title, tagged ``student-name``, asks for the learner's name (``student_name = ""``, which the class log
  reads). Every other cell, the setup cell included, is the same, with the same id;
- the package linreg_utils/, and what `make lab` and `make install` need: the Makefile, pyproject.toml,
  requirements*.txt, environment*.yml, the READMEs, docs/glossary.md, docs/errors*.md and the tools the Makefile's
  install and lab rules name (found in the Makefile when the tool runs, with the tools those import or load);
- linreg-class.toml with ``solutions = false``: then ``q1.solution()`` says, in the learner's language, that
  solutions are switched off in this class, while hints and checks work. Delete that line (or set
  LINREG_SOLUTIONS=on) to show solutions again.

Left out: tests/, benchmarks/, .ci/, docs/book/, the teacher's guides (docs/teaching*), tools/answer_key.py and
the other developer tools.

If the project has a wheelhouse/ folder (`make wheelhouse`: every package for an offline install), it is copied
into OUT too, as hard links where the file system allows (no extra space). The zip does NOT hold it (it is hundreds
of MB): the tool prints its size; copy wheelhouse/ into the unzipped folder, beside its Makefile, and `make lab`
installs offline from it.

The zip (OUT.zip, beside OUT) holds the same files as OUT (less wheelhouse/ and the mark file) under one folder
named like OUT.

Honest limit: the checks run on the learner's computer, so a determined student can still read the expected
answers in linreg_utils/exercises/. This is a practice setting, not an exam lock.

The tool deletes only what it made: OUT carries a mark (a file named ``.made-by-student_edition``); an existing
folder without it is refused, and so is an existing OUT.zip that this tool did not write. The new edition is
built in a folder beside OUT (``.OUT-building-*``) and takes OUT's place only when complete (the zip likewise),
so a failed or interrupted build leaves the previous edition as it was. Standard library only: it runs with any
Python 3.11+, before anything is installed.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import signal
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from marked_folder import MarkedFolders, unwritable  # noqa: E402
from notebook_files import NotebookError, read_notebook, write_notebook  # noqa: E402

FOLDERS = MarkedFolders("tools/student_edition.py")  # only a folder with its mark is ever replaced or deleted
MARK = FOLDERS.mark  # .made-by-student_edition
ZIP_MARK = b"made by tools/student_edition.py"  # the zip's comment: only such a zip is ever replaced
EDITIONS = {"notebooks": "en", "notebooks/zh": "zh"}
PACKAGE = "linreg_utils"
WHEELHOUSE = "wheelhouse"
SETTINGS = "linreg-class.toml"
# always in the student edition (the Makefile's own rules add the files they name)
FILES = ("Makefile", "pyproject.toml", "README.md", "README.zh-CN.md", "docs/glossary.md")
PATTERNS = ("requirements*.txt", "environment*.yml", "docs/errors*.md", "tools/install*.py", "tools/wheelhouse*.py")
# never in it, whatever names them
LEFT_OUT = re.compile(r"^(tests|benchmarks|\.ci|docs/book|notebooks|build|\.venv|wheelhouse)(/|$)|^docs/teaching|"
                      r"^tools/answer_key\.py$")
LAB_GOALS = ("install", "lab", "lab-zh")  # the Makefile's rules a learner runs

SOLUTION = re.compile(r"\.solution\(")  # a line that shows a solution: `q3.solution()`, commented or not
EXERCISE = re.compile(r"\.(check|hint|solution)\(")  # a cell whose stored output is exercise feedback
NAME_CELL_ID = "student-name"
NAME_CELL = {
    "en": 'student_name = ""  # your name, as your teacher asked',
    "zh": 'student_name = ""  # 你的名字（按老师的要求填写）',
}
SETTINGS_TEXT = """\
# This class's settings, read by the course's exercises (linreg_utils/classroom.py).
# solutions = false: q1.solution() (and every other qN.solution()) says "Solutions are switched off in this
# class" instead of showing the answer; q1.hint() and q1.check(...) work as before.
# Delete the line "solutions = false" (or write solutions = true) to show the solutions again.
# The environment variable LINREG_SOLUTIONS=on (or off) overrides this file.
#
# 本课堂的设置，由课程的练习读取（linreg_utils/classroom.py）。
# solutions = false：q1.solution()（以及其他所有 qN.solution()）不显示参考答案，只显示“本课堂关闭了参考答案”；
# q1.hint() 和 q1.check(...) 照常可用。
# 删除 "solutions = false" 这一行（或改成 solutions = true），就会重新显示参考答案。
# 环境变量 LINREG_SOLUTIONS=on（或 off）优先于这个文件。
solutions = false
"""


class BuildError(Exception):
    """A problem named in one line (the message); the previous edition is unchanged."""


# ------------------------------------------------------------------------------------------ the notebooks


def _lines(source: str | list[str]) -> list[str]:
    return source.splitlines(keepends=True) if isinstance(source, str) else list(source)


def student_notebook(nb: dict[str, Any], edition: str) -> dict[str, Any]:
    """The student version of notebook ``nb`` (an nbformat 4 dict, changed in place and returned).

    Lines calling ``.solution(`` go (and a code cell left empty by that); exercise cells lose their outputs and
    execution count; a code cell tagged ``student-name`` follows the first Markdown cell.
    """
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            lines = _lines(cell.get("source", ""))
            exercise = EXERCISE.search("".join(lines)) is not None
            kept = [line for line in lines if not SOLUTION.search(line)]
            if len(kept) != len(lines):
                if not "".join(kept).strip():
                    continue  # the cell held only the solution line
                kept[-1] = kept[-1].rstrip("\n")
                cell["source"] = kept if isinstance(cell["source"], list) else "".join(kept)
            if exercise:
                cell["outputs"] = []
                cell["execution_count"] = None
        cells.append(cell)
    first = next((i for i, c in enumerate(cells) if c["cell_type"] == "markdown"), -1)
    cells.insert(first + 1, {"cell_type": "code", "execution_count": None, "id": NAME_CELL_ID,
                             "metadata": {"tags": [NAME_CELL_ID]}, "outputs": [], "source": [NAME_CELL[edition]]})
    nb["cells"] = cells
    return nb


# ----------------------------------------------------------------------- what make lab and make install need


_VARIABLE = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]")
_WORD = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_./+-]*")


class Makefile:
    """What this tool needs of a Makefile: its variables (every value each is given, e.g. in both branches of an
    ``ifeq``) and its rules' prerequisites and recipes, as written."""

    def __init__(self, text: str) -> None:
        self.values: dict[str, list[str]] = {"CURDIR": ["."]}  # every value, in order; the last one is used
        self.rules: dict[str, tuple[list[str], list[str]]] = {}  # target -> (prerequisites, recipe lines)
        current: list[str] = []
        for line in text.replace("\\\n", " ").splitlines():
            if line.startswith("\t"):
                for target in current:
                    self.rules[target][1].append(line)
                continue
            line = re.sub(r"(?<!\\)#.*", "", line).rstrip()
            assignment = re.match(r"^(?:(?:export|override)\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(\?=|:=|::=|\+=|=)\s*(.*)$",
                                  line)
            rule = re.match(r"^([^:=]+):(?![=:])(.*)$", line)
            current = []
            if assignment:
                name, op, value = assignment.groups()
                self.values.setdefault(name, []).append(value.strip())
            elif rule and not line.startswith("."):
                current = self.expand(rule.group(1)).split()
                for target in current:
                    self.rules.setdefault(target, ([], []))[0].extend(rule.group(2).split())

    def expand(self, text: str) -> str:
        """``text`` with each variable replaced by its last value (functions such as ``$(if ...)`` stay)."""
        for _ in range(10):
            new = _VARIABLE.sub(lambda m: self.values.get(m.group(1), [m.group(0)])[-1], text)
            if new == text:
                break
            text = new
        return text

    def words(self, text: str) -> set[str]:
        """The words of ``text`` expanded, and of every value of every variable it uses (at any depth)."""
        found = set(_WORD.findall(self.expand(text)))
        seen: set[str] = set()
        todo = _VARIABLE.findall(text)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for value in self.values.get(name, []):
                found |= set(_WORD.findall(self.expand(value)))
                todo += _VARIABLE.findall(value)
        return found


def makefile_files(makefile: Path, root: Path = ROOT, goals: tuple[str, ...] = LAB_GOALS) -> set[str]:
    """The files of ``root`` that the Makefile's rules for ``goals`` (and the rules they depend on) name.

    Example:
        >>> "tools/install_torch.py" in makefile_files(ROOT / "Makefile")
        True
    """
    make = Makefile(makefile.read_text(encoding="utf-8"))
    seen: set[str] = set()
    todo = [g for g in goals if g in make.rules]
    words: set[str] = set()
    while todo:
        target = todo.pop()
        if target in seen:
            continue
        seen.add(target)
        prerequisites, recipe = make.rules.get(target, ([], []))
        for text in [*prerequisites, *recipe]:
            words |= make.words(text)
        todo += [p for p in make.expand(" ".join(prerequisites)).split() if p in make.rules]
    found = set()
    for word in words:
        name = os.path.normpath(word.removeprefix("./"))
        if not name.startswith("..") and (root / name).is_file():
            found.add(Path(name).as_posix())
    return found


def _references(path: Path, tools: Path) -> set[Path]:
    """The files and folders of ``tools`` that the tool ``path`` imports or names in a string (not a docstring)."""
    entries = {p.name: p for p in tools.iterdir() if p.name != "__pycache__"}
    modules = {p.stem: p for p in tools.glob("*.py")}
    found: set[Path] = set()
    if path.suffix == ".sh":  # a shell script: the names on its lines that are not comments
        code = re.sub(r"(?m)^\s*#.*$", "", path.read_text(encoding="utf-8"))
        return {entries[w] for w in re.findall(r"[\w.-]+", code) if w in entries}
    if path.suffix != ".py":  # a template, a JSON file: data, not a program that loads tools
        return found
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {modules[a.name] for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module in modules and not node.level:
            found.add(modules[node.module])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found |= {entries[w] for w in re.split(r"[\s/\\\"':]+", node.value) if w in entries}
    return found


def course_files(root: Path = ROOT) -> list[str]:
    """Every file of ``root`` the student edition copies as it is (paths relative to ``root``), sorted.

    The package, the fixed files (:data:`FILES`, :data:`PATTERNS`), what the Makefile's install and lab rules
    name, and the tools those tools import or load (``tools/jupyter_server_config.py`` loads
    ``notebook_metadata.py``), less :data:`LEFT_OUT`.
    """
    names = {f for f in FILES if (root / f).is_file()}
    for pattern in PATTERNS:
        names |= {p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file()}
    names |= makefile_files(root / "Makefile", root)
    tools = root / "tools"
    todo = [root / n for n in names if n.startswith("tools/")]
    while todo:
        tool = todo.pop()
        if LEFT_OUT.search(tool.relative_to(root).as_posix()):
            continue
        for found in _references(tool, tools):
            files = [found] if found.is_file() else [p for p in found.rglob("*") if p.is_file()]
            for p in files:
                name = p.relative_to(root).as_posix()
                if name not in names and "__pycache__" not in p.parts:
                    names.add(name)
                    todo.append(p)
    for p in (root / PACKAGE).rglob("*"):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"):
            names.add(p.relative_to(root).as_posix())
    return sorted(n for n in names if not LEFT_OUT.search(n))


# -------------------------------------------------------------------------------------- folders and the zip


def zip_made_here(path: Path) -> bool:
    """Whether ``path`` is a zip this tool wrote (its comment says so)."""
    try:
        with zipfile.ZipFile(path) as z:
            return z.comment == ZIP_MARK
    except (OSError, zipfile.BadZipFile):
        return False


def check_out(out: Path, zip_path: Path) -> None:
    """``out`` and ``zip_path`` may be written: new, or this tool's own."""
    refused = FOLDERS.refusal(out, "--out")
    if refused:
        raise BuildError(refused)
    if ROOT.is_relative_to(out) or out.is_relative_to(ROOT / PACKAGE) or out.is_relative_to(ROOT / "notebooks"):
        raise BuildError(f"--out {out}: the course's own files are in it; give a new folder")
    if zip_path.exists() and not (zip_path.is_file() and zip_made_here(zip_path)):
        raise BuildError(f"{zip_path}: this file exists and was not written by tools/student_edition.py, so it is "
                         "left alone; move it away, or give another --out")
    refused = unwritable(out, "--out")
    if refused:
        raise BuildError(refused)


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
    return target


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_zip(folder: Path, path: Path, arcroot: str) -> None:
    """``folder``'s files (less the mark and wheelhouse/) into the zip ``path``, under the folder ``arcroot``/."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.comment = ZIP_MARK
        for p in sorted(folder.rglob("*")):
            relative = p.relative_to(folder)
            if p.is_file() and relative.parts[0] not in (MARK, WHEELHOUSE):
                z.write(p, f"{arcroot}/{relative.as_posix()}")


def build(out: Path, quiet: bool = False, wheelhouse: Path = ROOT / WHEELHOUSE) -> dict[str, Any]:
    """The student edition into ``out`` (and ``out``.zip beside it); returns what was built (for the tests).

    Built in a marked folder beside ``out``, then swapped in; the zip is written beside it and renamed into place.
    ``wheelhouse`` is copied in (as hard links where possible) if it is a folder.
    """
    t0 = time.monotonic()
    out = Path(out).resolve()
    zip_path = out.parent / f"{out.name}.zip"
    check_out(out, zip_path)
    files = course_files()
    notebooks = {folder: sorted((ROOT / folder).glob("*.ipynb")) for folder in EDITIONS}
    try:
        work = FOLDERS.work_beside(out)
    except OSError as error:
        raise BuildError(f"--out {out}: cannot make a folder beside it ({error.strerror}: {error.filename})") from None
    try:
        edition = FOLDERS.new_folder(work / out.name)
        for name in files:
            (edition / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, edition / name)
        for folder, paths in notebooks.items():
            (edition / folder).mkdir(parents=True, exist_ok=True)
            for path in paths:
                nb = student_notebook(read_notebook(path), EDITIONS[folder])
                write_notebook(nb, edition / folder / path.name)
        (edition / SETTINGS).write_text(SETTINGS_TEXT, encoding="utf-8")
        if wheelhouse.is_dir():
            shutil.copytree(wheelhouse, edition / WHEELHOUSE, copy_function=_link_or_copy, symlinks=True)
        new_zip = work / "edition.zip"
        write_zip(edition, new_zip, out.name)
        # the swap: the new edition takes the old one's place, then the new zip replaces the old one
        FOLDERS.swap_in(edition, out, work, check=lambda: check_out(out, zip_path))
        os.replace(new_zip, zip_path)
    except OSError as error:
        raise BuildError(f"{error.filename or out}: {error.strerror or error}; the previous edition is unchanged"
                         ) from None
    finally:
        FOLDERS.remove(work)
    wheels = folder_size(out / WHEELHOUSE) if (out / WHEELHOUSE).is_dir() else None
    report = {
        "seconds": time.monotonic() - t0,
        "files": sum(1 for p in out.rglob("*") if p.is_file() and p.relative_to(out).parts[0] != WHEELHOUSE),
        "size": folder_size(out) - (wheels or 0),  # without wheelhouse/
        "zip": zip_path,
        "zip_size": zip_path.stat().st_size,
        "wheelhouse": wheels,
    }
    if not quiet:
        mib = 2**20
        where = os.path.relpath(out) if out.is_relative_to(Path.cwd()) else str(out)
        print(f"student edition built in {report['seconds']:.1f} s: {where}/ ({report['files']} files, "
              f"{report['size'] / mib:.1f} MiB) and {where}.zip ({report['zip_size'] / mib:.1f} MiB)")
        print(f"  {where}/{SETTINGS}: solutions = false (q1.solution() says solutions are switched off; delete the "
              "line to show them)")
        if report["wheelhouse"] is not None:
            print(f"  wheelhouse/ ({report['wheelhouse'] / mib:.0f} MiB) copied into {where}/ (hard links where "
                  "possible); the zip leaves it out: copy wheelhouse/ into the unzipped folder, beside its Makefile, "
                  "for the offline install")
        print("  a learner: unzip it, then in the folder: make lab   (中文版: make lab-zh)")
    return report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student",
                        help="the edition's folder: new, or one this tool built (default: build/student); the zip "
                        "goes beside it (OUT.zip)")
    parser.add_argument("--quiet", action="store_true", help="print nothing when all went well")
    args = parser.parse_args(argv)

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # a cancelled job cleans up as Ctrl-C does
    try:
        build(args.out, quiet=args.quiet)
    except (BuildError, NotebookError) as error:
        print(f"student_edition: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("student_edition: interrupted; the previous edition is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
