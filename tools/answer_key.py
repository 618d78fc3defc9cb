"""The answer key: each notebook with every exercise blank ``____`` filled in with the official solution.

    python tools/answer_key.py              # make answer-key: every notebook of both editions
    python tools/answer_key.py notebooks/03_the_fully_connected_layer.ipynb notebooks/zh/03_*.ipynb
    python tools/answer_key.py --keys-only DIR   # only write the keys, unexecuted (make test-anywhere runs them)

For each exercise cell (a code cell that uses the blank and calls ``qN.check(...)``), the statements that hold a
blank (``answer = ____``, ``w = ____`` and ``b = ____``, a ``def`` whose body has one) are replaced by the solution
of the question checked there (``Question.solution_code`` in ``linreg_utils/exercises/nbNN.py``, with its comments
in the notebook's language, as ``q.solution()`` shows them). A blank that cannot be filled stops the run with the
notebook and the cell named.

``make answer-key`` runs each key top to bottom in a fresh kernel, like Run All (nbclient; the kernel settings of
tools/notebook_env.py; the original notebook's folder as working directory; cells tagged ``raises-exception`` may
fail), checks that every exercise cell says ✅ (no ❌, no error), and writes the executed keys as .ipynb and .html
(the project's nbconvert template) to build/answer-key/en/ and build/answer-key/zh/ (ignored by git). It exits
with 1 if any key fails, after running the others.

``--keys-only DIR`` writes the keys without running them; each answered cell's stored ❌ output is replaced by the
✅ a right answer shows, so that nbval, which compares every cell with its stored output, checks the key's ✅ and
every other cell at once (``make test-anywhere`` runs each key alone that way).

In ``make test`` (conftest.py), each notebook gets one more item, ``answer key``: once nbval has run the notebook's
cells, the answered exercise cells run in that same kernel, in order, and each must say ✅ (see ``AnswerKeyItem``).
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any

import nbformat
import pytest
from notebook_files import NotebookError, read_notebook

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"en": ROOT / "notebooks", "zh": ROOT / "notebooks" / "zh"}
DEFAULT_OUT = ROOT / "build" / "answer-key"
NBCONVERT_CONFIG = ROOT / "tools" / "jupyter_nbconvert_config.py"
BLANK = "____"
PACKAGE = "linreg_utils.exercises."
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class AnswerKeyError(Exception):
    """A key that cannot be built or does not pass; the message is one line naming the notebook and the cell."""


def where(path: Path) -> str:
    """The notebook's path as the messages name it: relative to the repository when it lies inside."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------- reading a notebook


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:  # IPython syntax (%magic, !command): such a cell holds no exercise
        return None


def language_of(nb: Any) -> str:
    """The edition's language: the argument of the notebook's ``set_language("..")`` call ("en" without one)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "set_language" in cell.source and (tree := _parse(cell.source)):
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                        == "set_language" and node.args and isinstance(node.args[0], ast.Constant)):
                    return str(node.args[0].value)
    return "en"


def question_imports(nb: Any) -> dict[str, tuple[str, str]]:
    """The questions a notebook imports: ``{"q4": ("nb03", "q4")}`` for ``from linreg_utils.exercises.nb03 import q4``.
    """
    found: dict[str, tuple[str, str]] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or PACKAGE not in cell.source or not (tree := _parse(cell.source)):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
                module = node.module[len(PACKAGE):]
                found.update({alias.asname or alias.name: (module, alias.name) for alias in node.names})
    return found


def _holds_blank(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == BLANK for n in ast.walk(node))


def may_hold_exercise(cell: Any) -> bool:
    """Cheap test: a code cell that uses the blank other than in an import line."""
    return cell.cell_type == "code" and any(
        BLANK in line and not line.lstrip().startswith(("from ", "import ")) for line in cell.source.splitlines()
    )


def _bound(statements: Iterable[ast.stmt]) -> set[str]:
    """The names a block binds at its own level (assignments, loops, with ... as, def, class, import)."""
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            return  # what a body binds stays inside it
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for statement in statements:
        visit(statement)
    return names


@dataclass
class Exercise:
    """One exercise cell: where it is, the question it checks, and its answered source."""

    notebook: str  # as messages name it
    index: int  # the cell's position among all cells
    number: int  # the cell's position among code cells (nbval's "Cell N")
    cell_id: str
    variable: str  # the question's name in the notebook ("q4")
    module: str  # "nb03"
    name: str  # the question's name in its module ("q4")
    source: str  # the cell as the notebook has it
    answered: str = ""  # the cell with its blanks filled in

    def at(self) -> str:
        return f"{self.notebook}, cell {self.number} ({self.cell_id}), {self.variable}"


def find_exercises(nb: Any, notebook: str) -> list[Exercise]:
    """The exercise cells of a notebook, in order (their ``answered`` source not filled in yet).

    Raises:
        AnswerKeyError: a cell uses the blank but checks no question, or several, or one the notebook does not import.
    """
    questions = question_imports(nb)
    exercises = []
    number = -1
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        number += 1
        if not may_hold_exercise(cell):
            continue
        place = f"{notebook}, cell {number} ({cell.get('id', '?')})"
        tree = _parse(cell.source)
        if tree is None:
            raise AnswerKeyError(f"{place}: the cell has a blank but is not plain Python; cannot fill it")
        if not _holds_blank(tree):
            continue  # the blank only in a comment or a string
        calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]
        checks = [f.value.id for f in calls if f.attr == "check" and isinstance(f.value, ast.Name)]
        if len(checks) != 1:
            what = "no qN.check(...) call" if not checks else f"{len(checks)} check calls ({', '.join(checks)})"
            raise AnswerKeyError(f"{place}: the cell has a blank and {what}; cannot tell which solution fills it")
        if checks[0] not in questions:
            raise AnswerKeyError(f"{place}: {checks[0]}.check(...) but {checks[0]} is not imported from "
                                 f"{PACKAGE}nbNN in this notebook")
        module, name = questions[checks[0]]
        exercises.append(Exercise(notebook, index, number, cell.get("id", "?"), checks[0], module, name, cell.source))
    return exercises


# ------------------------------------------------------------------------------------- filling in a blank


def solution_comments(code: str) -> list[tuple[int, int]]:
    """Where each comment of ``code`` starts, in order, (line from 1, column): as the exercises number them."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [token.start for token in tokens if token.type == tokenize.COMMENT]


def translated(code: str, name: str, notes: dict[str, str]) -> str:
    """A solution's code with its comments in another language: what ``q.solution()`` shows after set_language.

    ``notes`` is the language's ``COMMENTS`` catalogue of the module (``"q4.1"``: the first comment of q4's
    solution); a comment without a translation stays as it is.
    """
    lines = code.splitlines()
    for k, (row, column) in enumerate(solution_comments(code), 1):
        if f"{name}.{k}" in notes:
            lines[row - 1] = lines[row - 1][:column] + "# " + notes[f"{name}.{k}"]
    return "\n".join(lines)


def fill(exercise: Exercise, solution: str) -> str:
    """The exercise cell with its blanks filled in by ``solution`` (the question's code, in the cell's language).

    The first statement that holds a blank is replaced by the solution; the others (``b = ____`` after
    ``w = ____``) are dropped, which is right only if the solution binds every name they bind.

    Raises:
        AnswerKeyError: the blank is somewhere a solution cannot replace (inside the check call, an expression,
            a line shared with another statement), or the solution does not bind what the blanks bind.
    """
    tree = _parse(exercise.source)
    assert tree is not None  # find_exercises parsed it
    lines = exercise.source.splitlines()
    spans = []
    for statement in tree.body:
        if not _holds_blank(statement):
            continue
        kinds = (ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef)
        if not isinstance(statement, kinds) or (isinstance(statement, ast.AnnAssign) and statement.value is None):
            code = ast.get_source_segment(exercise.source, statement) or lines[statement.lineno - 1]
            raise AnswerKeyError(f"{exercise.at()}: cannot fill the blank in `{code.splitlines()[0].strip()}`: "
                                 "a solution replaces an assignment or a def that holds the blank")
        first = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])])
        spans.append((first, statement.end_lineno, statement))
    others = [s for s in tree.body if not any(s is span[2] for span in spans)]
    for first, last, _ in spans:
        shared = [s for s in others if s.lineno <= last and (s.end_lineno or s.lineno) >= first]
        if shared:
            raise AnswerKeyError(f"{exercise.at()}: the blank shares line {first} with another statement; "
                                 "put the statement with the blank on lines of its own")
    needed = _bound(span[2] for span in spans)
    solution_tree = _parse(solution)
    if solution_tree is None:
        raise AnswerKeyError(f"{exercise.at()}: the solution of {exercise.module}.{exercise.name} is not valid Python")
    missing = sorted(needed - _bound(solution_tree.body))
    if missing:
        raise AnswerKeyError(f"{exercise.at()}: the blank's statement binds {', '.join(missing)}, but the solution "
                             f"of {exercise.module}.{exercise.name} does not")
    for k, (first, last, _) in reversed(list(enumerate(spans))):
        lines[first - 1:last] = solution.splitlines() if k == 0 else []
    answered = "\n".join(lines)
    after = _parse(answered)
    if after is None or _holds_blank(after):
        raise AnswerKeyError(f"{exercise.at()}: the answered cell still holds a blank or does not parse")
    return answered


# A provider of solutions: {(module, name): (solution code, the language's COMMENTS of the module)}.
Solutions = Callable[[list[tuple[str, str]], str], dict[tuple[str, str], tuple[str, dict[str, str]]]]


def solutions_here(wanted: list[tuple[str, str]], language: str) -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
    """The solutions, imported into this process (imports linreg_utils, hence PyTorch)."""
    import importlib

    from linreg_utils.exercises import catalogue

    found = {}
    for module, name in wanted:
        question = getattr(importlib.import_module(PACKAGE + module), name, None)
        if question is None or not hasattr(question, "solution_code"):
            raise AnswerKeyError(f"{PACKAGE}{module} has no question {name}")
        found[(module, name)] = (question.solution_code, catalogue(module, language, "COMMENTS"))
    return found


def answer(nb: Any, notebook: str, solutions: Solutions = solutions_here) -> list[Exercise]:
    """The notebook's exercise cells with their ``answered`` source filled in (the notebook is not changed)."""
    exercises = find_exercises(nb, notebook)
    language = language_of(nb)
    found = solutions(sorted({(e.module, e.name) for e in exercises}), language)
    for exercise in exercises:
        code, notes = found[(exercise.module, exercise.name)]
        exercise.answered = fill(exercise, translated(code, exercise.name, notes))
    return exercises


# ----------------------------------------------------------------------------------------------- verdicts


def output_text(output: dict[str, Any]) -> str:
    """What an output shows as text (a stream, a display's text/plain and text/markdown, an error's name)."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    data = output.get("data", {})
    return "\n".join(str(data.get(kind, "")) for kind in ("text/plain", "text/markdown"))


def verdict(outputs: list[dict[str, Any]]) -> str | None:
    """``None`` when an exercise cell's outputs say ✅ and nothing else went wrong, else what they say instead."""
    errors = [o for o in outputs if o.get("output_type") == "error"]
    if errors:
        return f"the cell raised {output_text(errors[0])}"
    said = [o for o in outputs if o.get("output_type") in ("display_data", "execute_result", "stream")]
    wrong = next((o for o in said if "❌" in output_text(o)), None)
    if wrong is not None:
        return "the check says " + wrong.get("data", {}).get("text/plain", output_text(wrong)).strip()
    if not any("✅" in output_text(o) for o in said):
        return "the check showed no ✅"
    return None


def failure(exercise: Exercise, problem: str) -> str:
    return (f"{exercise.notebook}: the official solution of {exercise.module}.{exercise.name} does not pass in its "
            f"notebook (cell {exercise.number}, {exercise.cell_id}): {problem}")


def correct_output(language: str) -> dict[str, Any]:
    """The output a right answer's check shows, as stored in a notebook (from the exercises' own ``check``)."""
    from unittest import mock

    from linreg_utils.exercises import Question, core, get_language, set_language

    shown = []
    always_right = Question("core.answer_key", check=lambda _: None, solution="answer = 0")
    before = get_language()
    set_language(language)
    try:
        with mock.patch.object(core.Feedback, "show", lambda self: shown.append(self)):
            always_right.check(0)
    finally:
        set_language(before)
    (feedback,) = shown
    return nbformat.v4.new_output("display_data", data={"text/markdown": feedback._repr_markdown_(),
                                                         "text/plain": repr(feedback)})


# --------------------------------------------------------------------------------------------- the keys


def make_key(path: Path, *, expect_correct: bool = False) -> tuple[Any, list[Exercise]]:
    """A copy of the notebook at ``path`` with every exercise answered, and its exercises.

    With ``expect_correct``, each answered cell's stored ❌ output becomes the ✅ that a right answer shows (for
    nbval); otherwise the key keeps the notebook's stored outputs until it is run.
    """
    try:
        # read_notebook: one line naming the file (conflict, cut short, BOM, ...); to_notebook_json: what
        # nbformat.read builds from it (each source one string)
        nb = nbformat.v4.to_notebook_json(read_notebook(path))
    except NotebookError as err:
        raise AnswerKeyError(f"{where(path)}: cannot read the notebook: {err.problem}") from None
    key = copy.deepcopy(nb)
    exercises = answer(nb, where(path))
    if expect_correct:
        correct = correct_output(language_of(nb))
    for exercise in exercises:
        cell = key.cells[exercise.index]
        cell.source = exercise.answered
        if expect_correct:
            marks = [i for i, o in enumerate(cell.get("outputs", [])) if "❌" in output_text(o)]
            if len(marks) != 1:
                raise AnswerKeyError(f"{exercise.at()}: the stored output has {len(marks)} ❌ messages, expected one: "
                                     "run tools/run_notebooks.py on the notebook")
            cell.outputs[marks[0]] = copy.deepcopy(correct)
    key.metadata["answer_key"] = {"notebook": where(path)}
    return key, exercises


def nbconvert_config() -> Any:
    """The project's nbconvert settings (the lab_alt template: pictures keep their alt text)."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(NBCONVERT_CONFIG.name, path=str(NBCONVERT_CONFIG.parent)).load_config()


def run_key(path: Path, out: Path, html: bool = True) -> list[str]:
    """Build the key of ``path``, run it in a fresh kernel and write it to ``out``; the problems found ([] if none)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    import notebook_env

    notebook_env.apply()
    key, exercises = make_key(path)
    client = NotebookClient(key, timeout=notebook_env.CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},  # the notebook's folder as cwd
                            record_timing=False, coalesce_streams=True)
    problems = []
    try:
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log (cells' stderr comes as output), as nbval
    except (CellExecutionError, DeadKernelError, TimeoutError, RuntimeError) as err:
        codes = [c for c in key.cells if c.get("cell_type") == "code"]
        ran = [n for n, c in enumerate(codes) if c.get("execution_count") is not None]
        stopped = ran[-1] if ran else 0  # the cell that failed is the last one that ran
        name = getattr(err, "ename", type(err).__name__)
        value = getattr(err, "evalue", None) or (str(err).strip().splitlines() or [""])[-1]
        problems.append(f"{where(path)}: the key stopped at cell {stopped} ({codes[stopped].get('id', '?')}): "
                        f"{name}: {value}")
    return problems + finish_key(key, exercises, path, out, html)


def finish_key(key: Any, exercises: list[Exercise], path: Path, out: Path, html: bool = True) -> list[str]:
    """Check the answered cells of the executed ``key`` (each must say ✅) and write it to ``out/<edition>/`` as
    .ipynb (and .html); the problems found ([] if none)."""
    import notebook_metadata

    problems = []
    for exercise in exercises:
        outputs = key.cells[exercise.index].get("outputs", [])
        if key.cells[exercise.index].get("execution_count") is None:
            continue  # not reached: the error above says why
        problem = verdict(outputs)
        if problem is not None:
            problems.append(failure(exercise, problem))
    key.metadata["kernelspec"] = KERNELSPEC
    notebook_metadata.strip_run_metadata(key)
    edition = "zh" if language_of(key) == "zh" else "en"
    folder = out / edition
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(key, folder / path.name)
    if html:
        from nbconvert import HTMLExporter

        local = {"mathjax_url": f"../{MATHJAX_DIR}/tex-chtml.js"} if (out / MATHJAX_DIR).is_dir() else {}
        exporter = HTMLExporter(config=nbconvert_config(), language_code=edition, **local)
        body, _ = exporter.from_notebook_node(key)
        (folder / path.with_suffix(".html").name).write_text(body, encoding="utf-8")
    return problems


def key_from_run(path: Path, ran: Path, out: Path, html: bool = True) -> list[str]:
    """Build the key of ``path``, give it the outputs of a run of it kept in folder ``ran`` (make test-anywhere's
    nbval run, with NBVAL_KEEP_OUTPUTS) instead of running it again, check it and write it like :func:`run_key`."""
    key, exercises = make_key(path)
    kept = ran / ("zh" if language_of(key) == "zh" else "en") / path.name
    if not kept.is_file():
        return [f"{where(path)}: no run of its key in {kept.parent} (NBVAL_KEEP_OUTPUTS: make test-anywhere)"]
    run = nbformat.read(kept, as_version=4)
    same = len(run.cells) == len(key.cells) and all(
        a.get("cell_type") == b.get("cell_type") and a.get("source") == b.get("source")
        for a, b in zip(run.cells, key.cells, strict=True))
    if not same:
        return [f"{where(path)}: {kept} is not a run of this notebook's key (its cells differ): run it again"]
    for cell, ran_cell in zip(key.cells, run.cells, strict=True):
        if cell.get("cell_type") == "code":
            cell.outputs = ran_cell.get("outputs", [])
            cell.execution_count = ran_cell.get("execution_count")
    problems = []
    codes = [c for c in key.cells if c.get("cell_type") == "code"]
    unrun = [n for n, c in enumerate(codes) if c.get("execution_count") is None]
    if unrun:
        problems.append(f"{where(path)}: the key stopped before cell {unrun[0]} ({codes[unrun[0]].get('id', '?')})")
    return problems + finish_key(key, exercises, path, out, html)


def keep_outputs(ran: dict, item: Any) -> None:
    """Note what the cell of an nbval test item just printed (conftest.py, with NBVAL_KEEP_OUTPUTS)."""
    notebook = item.parent
    ran.setdefault(Path(str(notebook.fspath)), (notebook.nb, {}))[1][item.cell_num] = list(item.test_outputs)


def write_kept(ran: dict, folder: Path) -> None:
    """Write each notebook noted by :func:`keep_outputs`, with those outputs, to ``folder/<its folder's name>/``:
    the code cells that ran are numbered 1, 2, ... in order; a cell that did not run has no output and no number."""
    for path, (nb, outputs) in ran.items():
        notebook = copy.deepcopy(nb)
        count = 0
        codes = [cell for cell in notebook.cells if cell.get("cell_type") == "code"]
        for index, cell in enumerate(codes):  # nbval's cell_num counts code cells
            if index not in outputs:
                cell.outputs, cell.execution_count = [], None
                continue
            count += 1
            cell.outputs, cell.execution_count = copy.deepcopy(outputs[index]), count
            for output in cell.outputs:
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count
        target = folder / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)


MATHJAX_DIR = "mathjax"


def copy_mathjax(out: Path) -> bool:
    """Copy the local MathJax 3 (the book's, from the pinned sphinx-mathjax-offline) to ``out/mathjax``, so the
    keys' HTML typesets its maths with no network; False (the exporter's CDN link stays) if it is not installed."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    source = Path(spec.origin).parent / "static" / "mathjax" if spec and spec.origin else None
    if source is None or not source.is_dir():
        return False
    shutil.copytree(source, out / MATHJAX_DIR, dirs_exist_ok=True)
    return True


def write_keys(paths: list[Path], out: Path) -> list[Path]:
    """Write the keys of ``paths`` unexecuted, with ✅ as each answered cell's stored output, to ``out/<edition>/``."""
    written = []
    for path in paths:
        key, _ = make_key(path, expect_correct=True)
        folder = out / ("zh" if language_of(key) == "zh" else "en")
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(key, folder / path.name)
        written.append(folder / path.name)
    return written


# ------------------------------------------------------------------------------------------ make test


class AnswerKeyFailure(Exception):
    """An answered exercise cell that did not say ✅, or a key that could not run (reported without a traceback)."""


class KernelTimeout(AnswerKeyFailure):
    """An answered cell ran longer than the cell timeout (the kernel was interrupted)."""


def kernel_execute(kernel: Any, code: str, timeout: float, notebook: str) -> list[dict[str, Any]]:
    """Run ``code`` in a running nbval kernel (``RunningKernel``) and return its outputs, as a notebook stores them."""
    if kernel is None or not kernel.is_alive():
        raise AnswerKeyFailure(f"{notebook}: the notebook's kernel is gone; the answer key cannot run")
    msg_id = kernel.execute_cell_input(code, allow_stdin=False)
    try:
        kernel.await_reply(msg_id, timeout=timeout)
    except Empty:
        kernel.interrupt()
        raise KernelTimeout(f"{notebook}: an answered cell ran longer than {timeout:g} s") from None
    outputs: list[dict[str, Any]] = []
    while True:
        msg = kernel.get_message("iopub", timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            return outputs
        if kind == "stream":
            outputs.append({"output_type": kind, "name": content["name"], "text": content["text"]})
        elif kind in ("display_data", "execute_result"):
            outputs.append({"output_type": kind, "data": content["data"]})
        elif kind == "error":
            outputs.append({"output_type": kind, "ename": content["ename"], "evalue": content["evalue"]})


def kernel_solutions(kernel: Any, notebook: str) -> Solutions:
    """A provider of solutions that reads them in the kernel, which imported the notebook's questions already (the
    test process then need not import PyTorch): one JSON line on the kernel's stdout."""

    def solutions(wanted: list[tuple[str, str]], language: str) -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
        request = {f"{m}.{n}": [m, n] for m, n in wanted}
        code = (
            "print(__import__('json').dumps({k: [getattr(__import__('importlib').import_module("
            f"{PACKAGE!r} + m), n).solution_code, __import__('importlib').import_module({PACKAGE[:-1]!r})"
            f".catalogue(m, {language!r}, 'COMMENTS')] for k, (m, n) in {request!r}.items()}}))"
        )
        outputs = kernel_execute(kernel, code, 60, notebook)
        text = "".join(o.get("text", "") for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout")
        if any(o["output_type"] == "error" for o in outputs) or not text.strip():
            problem = next((output_text(o) for o in outputs if o["output_type"] == "error"), "no answer")
            raise AnswerKeyFailure(f"{notebook}: reading the solutions in the kernel failed: {problem}")
        found = json.loads(text)
        return {(m, n): (found[f"{m}.{n}"][0], found[f"{m}.{n}"][1]) for m, n in wanted}

    return solutions


def check_in_kernel(kernel: Any, nb: Any, notebook: str, timeout: float) -> list[str]:
    """Run a notebook's answered exercise cells, in order, in ``kernel`` (where its cells ran); the problems found.

    Each problem names the notebook, the question, the cell and what the check said, then shows the answered cell.
    """
    try:
        exercises = answer(nb, notebook, kernel_solutions(kernel, notebook))
    except AnswerKeyError as err:
        return [str(err)]
    problems = []
    for exercise in exercises:
        problem = verdict(kernel_execute(kernel, exercise.answered, timeout, notebook))
        if problem is not None:
            problems.append(failure(exercise, problem) + "\n" + _indent(exercise.answered))
    return problems


class AnswerKeyItem(pytest.Item):
    """``<notebook>::answer key``: after nbval has run the notebook's cells, its answered exercise cells run in the
    same kernel (the pooled one of tools/kernel_pool.py, or nbval's own), in order; each must say ✅.

    The item runs only when every cell of its notebook was selected; a notebook without an exercise gets no item
    (conftest.py adds them).
    """

    def __init__(self, *, notebook: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.notebook = notebook
        self.obj = None  # _pytest.skipping reads item.obj

    def reportinfo(self) -> tuple[Any, int, str]:
        return self.path, 0, f"{where(self.path)}::answer key"

    def setup(self) -> None:
        cells = [i for i in self.session.items if i.parent is self.parent and i is not self]
        codes = sum(1 for c in self.notebook.cells if c.cell_type == "code")
        if len(cells) != codes:
            pytest.skip("the answer key runs after all of its notebook's cells, and only some were selected")
        if getattr(self.parent, "timed_out", False):
            pytest.skip("a cell of the notebook timed out")

    def runtest(self) -> None:
        from notebook_env import CELL_TIMEOUT_S

        try:
            problems = check_in_kernel(self.parent.kernel, self.notebook, where(self.path), CELL_TIMEOUT_S)
        except KernelTimeout:
            self.parent.timed_out = True  # tools/kernel_pool.py then stops this kernel rather than reuse it
            raise
        if problems:
            raise AnswerKeyFailure("\n".join(problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> Any:
        if isinstance(excinfo.value, AnswerKeyFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)


def _indent(code: str) -> str:
    return "\n".join("    " + line for line in code.splitlines())


def answer_key_item(nbfile: Any) -> AnswerKeyItem | None:
    """The ``answer key`` item of an nbval notebook collector, or None if the notebook has no exercise."""
    nb = getattr(nbfile, "nb", None)
    if nb is None or not any(may_hold_exercise(cell) for cell in nb.cells):
        return None
    return AnswerKeyItem.from_parent(nbfile, name="answer key", notebook=nb)


# ------------------------------------------------------------------------------------------- the command


def every_notebook() -> list[Path]:
    return [p for folder in EDITIONS.values() for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]


def _run_one(job: tuple[Path, Path, bool, Path | None]) -> tuple[Path, list[str]]:
    path, out, html, ran = job
    try:
        return path, run_key(path, out, html) if ran is None else key_from_run(path, ran, out, html)
    except AnswerKeyError as err:
        return path, [str(err)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="answer_key.py",
        description="Fill every exercise blank (____) of the notebooks with the official solution, run each answer "
        "key in a fresh kernel like Run All, check that every exercise says ✅, and write the executed keys as "
        ".ipynb and .html for a teacher (make answer-key).",
    )
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="the notebooks (default: every notebook of both editions)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the keys, in en/ and zh/ (default: build/answer-key, ignored by git)")
    parser.add_argument("--no-html", action="store_true", help="write the executed .ipynb only")
    parser.add_argument("--keys-only", action="store_true",
                        help="write the keys without running them, with ✅ as the answered cells' stored output "
                        "(for nbval: make test-anywhere)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="run N keys at a time (default: 1)")
    parser.add_argument("--outputs-from", type=Path, metavar="DIR",
                        help="do not run the keys: take each key's outputs from a run of it kept in DIR/en/ and "
                        "DIR/zh/ (make test-anywhere runs the keys under nbval with NBVAL_KEEP_OUTPUTS=DIR), then "
                        "check and write them as usual")
    args = parser.parse_args(argv)
    bad = [str(p) for p in args.notebooks if p.suffix != ".ipynb" or not p.is_file()]
    if bad:
        parser.error(f"not a notebook file: {', '.join(bad)} (give paths like notebooks/03_the_fully_connected_"
                     "layer.ipynb)")
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    out = args.out.resolve()
    if out.exists() and not out.is_dir():
        parser.error(f"--out {args.out} is a file, not a folder")
    paths = [p.resolve() for p in args.notebooks] or every_notebook()
    try:
        if args.keys_only:
            for key in write_keys(paths, out):
                print(f"wrote {where(key)}", flush=True)
            return 0
        if not args.no_html:
            copy_mathjax(out)
        ran = args.outputs_from.resolve() if args.outputs_from else None
        jobs = [(path, out, not args.no_html, ran) for path in paths]
        failed = 0
        with ProcessPoolExecutor(args.jobs) if args.jobs > 1 else _Inline() as pool:
            for path, problems in pool.map(_run_one, jobs):
                mark = "✅" if not problems else "❌"
                print(f"{mark} {where(path)}", flush=True)
                for problem in problems:
                    print(f"   {problem}", flush=True)
                failed += bool(problems)
    except AnswerKeyError as err:
        print(f"answer_key.py: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    written = where(out) if out.is_relative_to(ROOT) else str(out)
    if failed:
        print(f"answer_key.py: {failed} of {len(paths)} answer keys failed (the keys are in {written})",
              file=sys.stderr)
        return 1
    print(f"every check says ✅ in all {len(paths)} answer keys; the executed keys are in {written}/")
    return 0


class _Inline:
    """``pool.map`` in this process (one job at a time), with a context manager like ProcessPoolExecutor's."""

    def __enter__(self) -> _Inline:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, function: Callable[[Any], Any], items: Iterable[Any]) -> Iterable[Any]:
        return map(function, items)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
