"""The rules every notebook of the series follows, in one place; each broken rule says what to change, and where.

    python tools/notebook_rules.py            # every notebook of both editions, and the rules for the whole series
    python tools/notebook_rules.py 04 12      # notebooks 04 and 12 (both editions), and the rules for the series
    python tools/notebook_rules.py --list     # the rules, one line each

``tests/test_notebook_rules.py`` runs every rule on every notebook (``make test``; ``make check-notebook NN=04``
runs them for one notebook). A rule is a function that returns a list of problems, each one line that names the
file, what is wrong and what to do, e.g.::

    notebooks/12_two_features.ipynb has 1 exercise question (q1); each notebook needs at least 2: add one to
    linreg_utils/exercises/nb12.py and a cell under ## Exercises of both editions

Everything is read from the files (parse only, no kernel, nothing imported but the standard library and the other
tools), so the rules run in well under a second. What a notebook says about itself lives in the notebook: one
that has no figure on purpose says so in its own metadata, ``"linreg": {"no_figure": "why"}`` (Edit > Notebook
metadata in JupyterLab), not in a list here.

Adding a rule: write ``def name(nb: Notebook) -> list[str]`` under ``@notebook_rule`` (or a function of no
arguments under ``@series_rule`` for a rule about the series as a whole: the READMEs, the numbering); the test
module picks it up by itself.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import glossary  # noqa: E402
import reading_time  # noqa: E402
from notebook_files import NotebookError, read_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ZH = NOTEBOOKS / "zh"
EXERCISES = ROOT / "linreg_utils" / "exercises"
README = {"en": ROOT / "README.md", "zh": ROOT / "README.zh-CN.md"}
NAME = re.compile(r"^(\d\d)_([a-z0-9]+(?:_[a-z0-9]+)*)\.ipynb$")
MIN_EXERCISES = 2  # exercise questions per notebook (CONTRIBUTING.md, "Add a notebook")
MIN_KEY_TERMS = 5  # rows of the "## Key terms" table
MAX_BYTES = 1_000_000
HEADINGS = {"en": ("## Key terms", "## Summary", "## Exercises"), "zh": ("## 关键术语", "## 小结", "## 练习")}
ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}")
PLOT_REPR = re.compile(r"<matplotlib\.|^Text\(\d|^\[<matplotlib", re.M)
MACHINE_PATH = re.compile(r"(/work/|/tmp/|/root/|/home/\w+/|[A-Z]:\\\\Users)")
LINK = re.compile(r"\]\(([^)#\s]+\.(?:ipynb|md))\)")
CHECK = re.compile(r"\b(q\d+)\.check\(")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
BRITISH = re.compile(
    r"\b(standardis|initialis|normalis|optimis(?:e|ed|es|ing|ation)|minimis|centre|colour|behaviour)", re.I)
REGENERATE = ".venv/bin/python tools/run_notebooks.py"


def english_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def chinese_paths() -> list[Path]:
    return sorted(ZH.glob("[0-9][0-9]_*.ipynb"))


def shown(path: Path) -> str:
    """A path as the messages show it: relative to the project."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def text_of(output: dict) -> str:
    parts = [output.get("text", "")]
    parts += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join("".join(p) if isinstance(p, list) else p for p in parts)


@dataclass(frozen=True)
class Notebook:
    """One notebook file of one edition, read once (see :func:`load`)."""

    path: Path
    nb: dict

    @property
    def edition(self) -> str:
        return "zh" if self.path.parent.name == "zh" else "en"

    @property
    def number(self) -> str:
        return self.path.name[:2]

    @property
    def name(self) -> str:
        return shown(self.path)

    @property
    def twin(self) -> Path:
        return NOTEBOOKS / self.path.name if self.edition == "zh" else ZH / self.path.name

    @property
    def module(self) -> Path:
        return EXERCISES / f"nb{self.number}.py"

    @property
    def cells(self) -> list[dict]:
        return self.nb["cells"]

    @property
    def code(self) -> list[dict]:
        return [c for c in self.cells if c["cell_type"] == "code"]

    @property
    def markdown(self) -> str:
        return "\n".join(source(c) for c in self.cells if c["cell_type"] == "markdown")

    def where(self, cell: dict) -> str:
        """``cell 7 (code: first line)``: a cell as a reader finds it in JupyterLab (cells count from 0)."""
        index = next(i for i, c in enumerate(self.cells) if c is cell)
        first = source(cell).strip().splitlines()[0][:50] if source(cell).strip() else ""
        return f"cell {index} ({cell['cell_type']}: {first})" if first else f"cell {index} ({cell['cell_type']})"


@functools.cache
def _load(path: str, stamp: tuple[int, int]) -> Notebook | str:
    try:
        return Notebook(Path(path), read_notebook(path))
    except NotebookError as error:
        return f"{shown(Path(path))}: {error.problem}"


def load(path: Path) -> Notebook | str:
    """The notebook at ``path``, or the one-line message of why it cannot be read (cached while unchanged)."""
    stat = Path(path).stat()
    return _load(str(path), (stat.st_mtime_ns, stat.st_size))


NOTEBOOK_RULES: dict[str, Callable[[Notebook], list[str]]] = {}
SERIES_RULES: dict[str, Callable[[], list[str]]] = {}


def notebook_rule(function: Callable[[Notebook], list[str]]) -> Callable[[Notebook], list[str]]:
    """Register a rule that every notebook of both editions follows (its first docstring line says which)."""
    NOTEBOOK_RULES[function.__name__] = function
    return function


def series_rule(function: Callable[[], list[str]]) -> Callable[[], list[str]]:
    """Register a rule about the series as a whole (the numbering, the READMEs, one name per term)."""
    SERIES_RULES[function.__name__] = function
    return function


# ------------------------------------------------------------------------------------------ the series


@series_rule
def numbered_without_gaps() -> list[str]:
    """The English notebooks are notebooks/01_name.ipynb, 02_..., in reading order, with no gap."""
    paths = english_paths()
    if not paths:
        return ["notebooks/: no notebook found (names like notebooks/01_constructing_the_data.ipynb)"]
    problems = [f"{shown(p)}: name it NN_lower_case_words.ipynb (two digits, then lower-case words joined by _)"
                for p in [*paths, *chinese_paths()] if not NAME.match(p.name)]
    numbers = [int(p.name[:2]) for p in paths]
    expected = list(range(1, len(paths) + 1))
    if numbers != expected:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        what = (f"{', '.join(f'{n:02d}' for n in missing)} missing" if missing else "") + (
            f"{'; ' if missing else ''}{', '.join(f'{n:02d}' for n in twice)} used twice" if twice else "")
        problems.append(f"notebooks/: the notebooks are numbered {', '.join(f'{n:02d}' for n in numbers)} "
                        f"({what}); number them 01 to {len(paths):02d} in reading order (git mv, both editions)")
    return problems


@series_rule
def readmes_link_each_other() -> list[str]:
    """README.md links README.zh-CN.md and the other way round."""
    problems = []
    for edition, other in (("en", "README.zh-CN.md"), ("zh", "README.md")):
        if f"({other})" not in README[edition].read_text(encoding="utf-8"):
            problems.append(f"{README[edition].name} does not link {other}: add a link [{other}]({other}) near "
                            "the top")
    return problems


@series_rule
def readme_reading_paths_are_current() -> list[str]:
    """The reading-path tables of both READMEs are what tools/reading_time.py computes from the notebooks."""
    problems = []
    for language in reading_time.EDITIONS:
        table = reading_time.readme_table(reading_time.notebook_paths(language), language)
        if table not in language.readme.read_text(encoding="utf-8"):
            problems.append(f"{language.readme.name}: the reading-path table (between <!-- reading-path:start --> "
                            "and <!-- reading-path:end -->) is stale: run python tools/reading_time.py --write")
    return problems


def _term_table(text: str) -> dict[str, str]:
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]*[\u4e00-\u9fff][^|]*?) \|", text, re.M)
    return {english.strip().lower(): chinese.strip() for english, chinese in rows if english.strip() != "English"}


@series_rule
def one_chinese_name_per_term() -> list[str]:
    """An English term has the same Chinese name in every English notebook's tables."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in english_paths():
        nb = load(path)
        if isinstance(nb, str):
            continue  # reported by every notebook rule
        for cell in nb.cells:
            if cell["cell_type"] != "markdown":
                continue
            for english, chinese in _term_table(source(cell)).items():
                if english in seen and seen[english][0] != chinese:
                    clashes.append(f"{nb.name}: {english!r} is {chinese} here but {seen[english][0]} in "
                                   f"{seen[english][1]}: use one Chinese name for a term in every notebook")
                seen.setdefault(english, (chinese, nb.name))
    return clashes


# ----------------------------------------------------------------------------------- the notebook as a file


@notebook_rule
def has_its_twin_and_links_it(nb: Notebook) -> list[str]:
    """Each notebook has its twin in the other edition, and its first cell links it."""
    if not nb.twin.exists():
        if nb.edition == "en":
            return [f"{nb.name} has no Chinese twin {shown(nb.twin)}: start it with python tools/translation.py "
                    f"skeleton {nb.number} (python tools/new_notebook.py writes both editions of a new notebook)"]
        return [f"{nb.name} has no English twin {shown(nb.twin)}: delete it, or rename it to its English "
                "notebook's name (git mv)"]
    link = f"(zh/{nb.path.name})" if nb.edition == "en" else f"(../{nb.path.name})"
    if not nb.cells or link not in source(nb.cells[0]):
        what = "Chinese edition" if nb.edition == "en" else "English edition"
        return [f"{nb.name}: the first cell does not link the {what}: add [{link[1:-1]}]{link}"]
    return []


@notebook_rule
def under_one_megabyte(nb: Notebook) -> list[str]:
    """A notebook file is under 1 MB (the stored outputs included)."""
    size = nb.path.stat().st_size
    if size >= MAX_BYTES:
        return [f"{nb.name} is {size / 1e6:.2f} MB; a notebook stays under 1 MB: draw smaller figures (figsize) "
                "or print less, then regenerate its outputs"]
    return []


@notebook_rule
def runs_in_the_python3_kernel(nb: Notebook) -> list[str]:
    """The notebook's kernel is python3 (the kernel the tests and learners start)."""
    name = nb.nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if name != "python3":
        return [f"{nb.name}: its kernelspec is {name!r}, not 'python3': regenerate it with {REGENERATE} {nb.name}"]
    return []


@notebook_rule
def outputs_are_stored_and_counted_1_to_n(nb: Notebook) -> list[str]:
    """The stored outputs are there (they are the specification) and the execution counts run 1..n."""
    cells = [c for c in nb.code if source(c).strip()]
    problems = []
    if not any(c.get("outputs") for c in cells):
        problems.append(f"{nb.name} has no stored outputs: run {REGENERATE} {nb.name}")
    counts = [c.get("execution_count") for c in cells]
    if counts != list(range(1, len(cells) + 1)):
        problems.append(f"{nb.name}: the execution counts are not 1 to {len(cells)} (a cell run twice, or not at "
                        f"all): regenerate with {REGENERATE} {nb.name}")
    return problems


@notebook_rule
def no_run_specific_metadata(nb: Notebook) -> list[str]:
    """No cell keeps run-specific metadata (timings), which would change at every run."""
    return [f"{nb.name} {nb.where(c)}: timing metadata ('execution'): regenerate with {REGENERATE} {nb.name}"
            for c in nb.cells if "execution" in c.get("metadata", {})]


@notebook_rule
def outputs_are_clean(nb: Notebook) -> list[str]:
    """No unexpected error, nothing on stderr, no memory address, machine path or matplotlib repr in an output."""
    problems = []
    for cell in nb.code:
        ignored = "NBVAL_IGNORE_OUTPUT" in source(cell)
        where = f"{nb.name} {nb.where(cell)}"
        for out in cell.get("outputs", []):
            if out["output_type"] == "error" and "raises-exception" not in cell["metadata"].get("tags", []):
                problems.append(f"{where}: an error output in a cell without the 'raises-exception' tag, so Run All "
                                "stops there: fix the cell, or tag it if it fails on purpose")
            if ignored:
                continue
            txt = text_of(out)
            if out.get("name") == "stderr":
                problems.append(f"{where}: output on stderr (a warning?): remove its cause, then regenerate")
            if ADDRESS.search(txt):
                problems.append(f"{where}: a memory address in the output (' at 0x...'): print a value, not the "
                                "object")
            if MACHINE_PATH.search(txt):
                problems.append(f"{where}: a path of this machine in the output: print a relative path or a name")
            if out["output_type"] == "execute_result" and PLOT_REPR.search(txt):
                problems.append(f"{where}: a matplotlib repr in the output: end the cell with plt.show()")
    return problems


@notebook_rule
def cells_that_fail_on_purpose_are_tagged(nb: Notebook) -> list[str]:
    """A cell that fails on purpose has the raises-exception tag, the NBVAL_RAISES_EXCEPTION comment and an error.

    Jupyter's Run All (and nbclient, nbconvert, VS Code) only goes past an error in a cell tagged raises-exception;
    the first-line comment marks the same cells for nbval and for readers."""
    problems = []
    for cell in nb.code:
        tagged = "raises-exception" in cell["metadata"].get("tags", [])
        commented = source(cell).startswith("# NBVAL_RAISES_EXCEPTION")
        raised = any(o["output_type"] == "error" for o in cell.get("outputs", []))
        if not tagged == commented == raised:
            problems.append(f"{nb.name} {nb.where(cell)}: tag {tagged}, comment {commented}, stored error {raised}: "
                            "a cell that fails on purpose needs all three (the cell tag raises-exception in "
                            "JupyterLab's property inspector, '# NBVAL_RAISES_EXCEPTION' as its first line), then "
                            f"{REGENERATE} {nb.name}")
    return problems


# ------------------------------------------------------------------------------------------ the lesson's shape


@notebook_rule
def setup_cell_is_the_series_setup(nb: Notebook) -> list[str]:
    """The first code cell seeds torch, turns on short tracebacks and sets the edition's language."""
    if not nb.code:
        return [f"{nb.name} has no code cell: the first one is the setup cell (copy another notebook's)"]
    setup = source(nb.code[0])
    needed = {"torch.manual_seed(": "torch.manual_seed(0)", "\nshort_tracebacks()": "short_tracebacks()",
              f'\nset_language("{nb.edition}")': f'set_language("{nb.edition}")'}
    missing = [line for found, line in needed.items() if found not in setup]
    if missing:
        return [f"{nb.name}: the setup cell (the first code cell) lacks {', '.join(missing)}, each on a line of its "
                "own: copy the setup cell of another notebook of the same edition"]
    return []


@notebook_rule
def has_the_lesson_headings(nb: Notebook) -> list[str]:
    """A title (# ...), the headings ## Key terms, ## Summary and ## Exercises, and Chinese names of the terms."""
    text = nb.markdown
    problems = []
    if not text.startswith("# "):
        problems.append(f"{nb.name}: the first cell must start with the title, '# {nb.number} · Title'")
    missing = [h for h in HEADINGS[nb.edition] if h not in text]
    if missing:
        problems.append(f"{nb.name} has no {', '.join(repr(h) for h in missing)} heading: every notebook has "
                        f"{', '.join(HEADINGS[nb.edition])} (copy the sections of another notebook)")
    if not CHINESE.search(text):
        problems.append(f"{nb.name}: no Chinese in the text: give each key term its Chinese name, e.g. "
                        "'learning rate (学习率)'")
    return problems


def declared_questions(module: Path) -> list[str] | None:
    """The names of the ``Question(...)`` objects a module assigns at its top level (parsed, not imported)."""
    try:
        tree = ast.parse(module.read_text(encoding="utf-8"), str(module))
    except (OSError, SyntaxError):
        return None
    names = []
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "Question":
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


@notebook_rule
def has_at_least_two_exercises(nb: Notebook) -> list[str]:
    """At least two questions, declared in linreg_utils/exercises/nbNN.py, imported from there and checked."""
    module = shown(nb.module)
    code = "\n".join(source(c) for c in nb.code)
    checked = list(dict.fromkeys(CHECK.findall(code)))
    declared = declared_questions(nb.module)
    where = "under ## Exercises of both editions" if nb.edition == "en" else "under ## 练习 of both editions"
    if declared is None:
        return [f"{nb.name}: no readable {module}: declare the notebook's questions there (CONTRIBUTING.md, "
                "Add a question)"]
    problems = []
    if len(declared) < MIN_EXERCISES:
        problems.append(f"{module} declares {len(declared)} question{'s' * (len(declared) != 1)}"
                        f"{' (' + ', '.join(declared) + ')' if declared else ''}; each notebook needs at least "
                        f"{MIN_EXERCISES}: declare one more there and check it in a cell {where}")
    if len(checked) < MIN_EXERCISES:
        problems.append(f"{nb.name} has {len(checked)} exercise question{'s' * (len(checked) != 1)}"
                        f"{' (' + ', '.join(checked) + ')' if checked else ''}; each notebook needs at least "
                        f"{MIN_EXERCISES}: add one to {module} and a cell {where} (answer = ____ then "
                        "qN.check(answer))")
    if checked and f"linreg_utils.exercises.nb{nb.number} import" not in code:
        problems.append(f"{nb.name} does not import its questions from {module}: add a cell 'from "
                        f"linreg_utils.exercises.nb{nb.number} import {', '.join(checked)}' at the start of the "
                        "exercises")
    unknown = [q for q in checked if q not in declared]
    if unknown:
        problems.append(f"{nb.name} checks {', '.join(unknown)}, which {module} does not declare: declare "
                        f"{'them' if len(unknown) > 1 else 'it'} there, or remove the check")
    return problems


@notebook_rule
def relative_links_work(nb: Notebook) -> list[str]:
    """Every relative link to a notebook or a Markdown page points to a file that exists."""
    problems = []
    for cell in nb.cells:
        if cell["cell_type"] == "markdown":
            for target in LINK.findall(source(cell)):
                if "://" not in target and not (nb.path.parent / target).exists():
                    problems.append(f"{nb.name} {nb.where(cell)}: broken link to {target} (no such file "
                                    f"{shown(nb.path.parent / target)}): correct the path")
    return problems


@notebook_rule
def readme_lists_it(nb: Notebook) -> list[str]:
    """The edition's README has the notebook in its table of notebooks."""
    readme = README[nb.edition]
    target = f"(notebooks/{'zh/' if nb.edition == 'zh' else ''}{nb.path.name})"
    row = re.compile(rf"^\| {nb.number} \|.*{re.escape(target)}", re.M)
    if not row.search(readme.read_text(encoding="utf-8")):
        example = (f"| {nb.number} | [`notebooks/{nb.path.name}`]{target} | the question it answers |"
                   if nb.edition == "en" else f"| {nb.number} | [标题]{target} | 它回答的问题 |")
        return [f"{readme.name} does not list {nb.name}: add the row {example} to its table of notebooks"]
    return []


# ------------------------------------------------------------------------------------- writing for the reader


@notebook_rule
def reading_time_is_current(nb: Notebook) -> list[str]:
    """The first cell states the reading time tools/reading_time.py computes, and the optional-sections legend."""
    header = source(nb.cells[0]) if nb.cells else ""
    language = reading_time.edition(nb.path)
    expected = reading_time.time_line(*reading_time.reading_times(nb.path), language)
    problems = []
    if expected not in header:
        problems.append(f"{nb.name}: the reading time in the first cell is not {expected!r}: run python "
                        "tools/reading_time.py --write")
    if language.legend not in header:
        problems.append(f"{nb.name}: the first cell lacks the line {language.legend!r}... (copy it from another "
                        "notebook of the same edition)")
    return problems


@notebook_rule
def optional_sections_say_why(nb: Notebook) -> list[str]:
    """An optional section's heading ends with (optional, 选读) and its next line starts with *Why read it:*."""
    problems = []
    why = reading_time.edition(nb.path).why
    for cell in nb.cells:
        text = source(cell)
        for match in re.finditer(r"^## .*$", text, re.M):
            heading = match.group(0)
            if "选读" in heading or "optional" in heading.lower():
                if not heading.endswith(reading_time.OPTIONAL_MARK):
                    problems.append(f"{nb.name} {nb.where(cell)}: end the heading {heading!r} with "
                                    f"{reading_time.OPTIONAL_MARK!r} exactly")
                elif not text[match.end():].lstrip("\n").startswith(why):
                    problems.append(f"{nb.name} {nb.where(cell)}: start the line after {heading!r} with {why!r} "
                                    "and one reason to read the section")
    return problems


@notebook_rule
def key_terms_come_first(nb: Notebook) -> list[str]:
    """The first cell has a small table of the notebook's key terms."""
    header = source(nb.cells[0]) if nb.cells else ""
    if not re.search(r"\| English \| 中文 \||\| 中文 \| English \|", header):
        head = "| English | 中文 |" if nb.edition == "en" else "| 中文 | English |"
        return [f"{nb.name}: the first cell has no small table of the key terms: add one, '{head}' and a row per "
                "term (copy it from another notebook)"]
    return []


@notebook_rule
def has_at_least_five_key_terms_and_links_the_glossary(nb: Notebook) -> list[str]:
    """The ## Key terms table has at least five rows, and the notebook links docs/glossary.md."""
    problems = []
    rows = glossary.key_terms(nb.path)
    if len(rows) < MIN_KEY_TERMS:
        heading = HEADINGS[nb.edition][0]
        problems.append(f"{nb.name} has {len(rows)} key term{'s' * (len(rows) != 1)} in its {heading} table; each "
                        f"notebook needs at least {MIN_KEY_TERMS}: add rows (| English | 中文 | Meaning |, in the "
                        "Chinese edition | 中文 | English | 释义 |), then python tools/glossary.py")
    link = "../docs/glossary.md" if nb.edition == "en" else "../../docs/glossary.md"
    if f"]({link})" not in nb.markdown:
        problems.append(f"{nb.name} does not link the glossary: end the key-terms cell with a link to it, "
                        f"[...]({link})")
    return problems


@notebook_rule
def both_editions_name_the_same_terms(nb: Notebook) -> list[str]:
    """The Chinese 关键术语 table lists the English Key terms table's terms, in the same order."""
    if nb.edition == "zh" or not nb.twin.exists():
        return []
    english = [(row[0], row[1]) for row in glossary.key_terms(nb.path)]
    chinese = [(row[1], row[0]) for row in glossary.key_terms(nb.twin)]
    if chinese != english:
        first = next((k for k, (a, b) in enumerate(zip(english, chinese, strict=False)) if a != b),
                     min(len(english), len(chinese)))
        return [f"{shown(nb.twin)}: the 关键术语 table must list the English table's terms in order (| 中文 | "
                f"English | 释义 |); row {first + 1} differs ({english[first] if first < len(english) else 'none'} "
                f"in English, {chinese[first][::-1] if first < len(chinese) else 'none'} in Chinese)"]
    return []


def _images(cell: dict) -> bool:
    return any(k.startswith("image/") for o in cell.get("outputs", []) for k in o.get("data", {}))


def no_figure_reason(nb: Notebook) -> str | None:
    """Why the notebook has no figure, from its own metadata (``"linreg": {"no_figure": "..."}``), or None."""
    reason = nb.nb.get("metadata", {}).get("linreg", {}).get("no_figure")
    return reason if isinstance(reason, str) and reason.strip() else None


@notebook_rule
def has_a_figure_or_says_why_not(nb: Notebook) -> list[str]:
    """A notebook shows at least one figure; one that has none on purpose says why in its metadata."""
    figures = sum(1 for c in nb.code if _images(c))
    reason = no_figure_reason(nb)
    if not figures and not reason:
        return [f"{nb.name} has no figure: add a picture where one helps (ending with plt.show(), with 'alt' "
                'metadata), or say why it has none in the notebook\'s metadata: "linreg": {"no_figure": "why"}']
    if figures and reason:
        return [f"{nb.name} has {figures} figure{'s' * (figures != 1)} but its metadata says linreg.no_figure "
                f"({reason!r}): remove that entry"]
    return []


@notebook_rule
def every_picture_has_alt_text(nb: Notebook) -> list[str]:
    """Each cell with a picture has metadata "alt": a sentence or two that says what the picture shows."""
    problems = []
    for cell in nb.cells:
        if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            alt = cell["metadata"].get("alt", "")
            if not (len(alt.split()) >= 8 or len(CHINESE.findall(alt)) >= 12):
                problems.append(f"{nb.name} {nb.where(cell)}: add the cell metadata 'alt', one or two sentences "
                                "(8 words or more; in Chinese 12 characters or more) that say what the picture "
                                "shows")
    return problems


@notebook_rule
def skip_comment_is_spelled_one_way(nb: Notebook) -> list[str]:
    """A plotting cell a reader may skip starts with the edition's one comment for it."""
    expected = reading_time.edition(nb.path).skip_plot
    problems = []
    for cell in nb.cells:
        for line in source(cell).splitlines():
            if ("skip reading" in line or "跳过不读" in line) and line.startswith("#") and line != expected:
                problems.append(f"{nb.name} {nb.where(cell)}: write the comment exactly as {expected!r}")
    return problems


@notebook_rule
def american_spelling(nb: Notebook) -> list[str]:
    """The English text spells as the code does: standardize, initialize, center, color."""
    if nb.edition == "zh":
        return []
    problems = []
    for cell in nb.cells:
        if cell["cell_type"] == "markdown":
            found = BRITISH.search(source(cell))
            if found:
                problems.append(f"{nb.name} {nb.where(cell)}: {found.group(0)!r}: use the American spelling, as "
                                "the code's names do (standardize, initialize, center, color)")
    return problems


# ------------------------------------------------------------------------------------------- running them


def paths_of(numbers: list[str]) -> list[Path]:
    """Both editions of the notebooks ``numbers`` ("04", "12"), or of every notebook when empty."""
    paths = [*english_paths(), *chinese_paths()]
    if not numbers:
        return paths
    return [p for p in paths if p.name[:2] in numbers]


def check_notebook(path: Path) -> list[str]:
    nb = load(path)
    if isinstance(nb, str):
        return [nb]
    return [problem for rule in NOTEBOOK_RULES.values() for problem in rule(nb)]


def check(numbers: list[str]) -> list[str]:
    """Every problem of the notebooks ``numbers`` (both editions; all when empty) and of the series."""
    found = [problem for rule in SERIES_RULES.values() for problem in rule()]
    return found + [problem for path in paths_of(numbers) for problem in check_notebook(path)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="notebook_rules.py", description="Check the rules every notebook "
                                     "follows; each problem says what to change, and where.")
    parser.add_argument("numbers", nargs="*", help="two-digit notebook numbers, e.g. 04 12 (default: all)")
    parser.add_argument("--list", action="store_true", help="list the rules")
    args = parser.parse_args(argv)
    if args.list:
        for name, rule in {**SERIES_RULES, **NOTEBOOK_RULES}.items():
            print(f"{name}: {rule.__doc__.splitlines()[0]}")
        return 0
    bad = [n for n in args.numbers if not re.fullmatch(r"\d\d", n)]
    known = sorted({p.name[:2] for p in english_paths()})
    unknown = [n for n in args.numbers if n not in known]
    if bad or unknown:
        print(f"notebook_rules.py: {(bad or unknown)[0]}: no such notebook; give two-digit numbers of notebooks "
              f"({', '.join(known)})", file=sys.stderr)
        return 2
    found = check(args.numbers)
    print("\n".join(found) if found else f"every rule holds ({len(paths_of(args.numbers))} notebooks, "
          f"{len(NOTEBOOK_RULES)} rules each, {len(SERIES_RULES)} rules for the series)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
