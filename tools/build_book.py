"""Build the read-along book: both editions as an offline website, from the STORED outputs (nothing is run).

    make book                                   # = .venv/bin/python tools/build_book.py -> build/book/index.html
    make book-serve                             # the same, served on http://127.0.0.1:8000/
    .venv/bin/python tools/build_book.py --out /tmp/book   # anywhere else

Sphinx + MyST-NB (nb_execution_mode "off") + sphinx-book-theme, settings in docs/book/conf.py. Each edition is a
Sphinx build of its own, in its own language (Sphinx's and the themes' messages, ``<html lang>``, its own search
index): the English one in OUT/, the Chinese one (``language = "zh_CN"``) in OUT/zh/. Both have the same pages
(index, every notebooks/NN_*.ipynb, docs/glossary, and docs/teaching and docs/errors when both editions of them
exist), so the edition switch on a page leads to the same page of the other build. Nothing lists the notebooks by
hand: the landing pages' toctrees glob ``notebooks/[0-9][0-9]_*``.

The notebooks are not duplicated in git: this script copies them (and docs/glossary.md, the teacher's guides, the
error tables and the two landing pages of docs/book/) into one source folder per edition, SRC/en and SRC/zh
(SRC: --src, or a temporary folder beside OUT), and changes only those copies:

- each image cell's ``"alt"`` metadata is copied into ``mystnb.image.alt``, so the <img> carries it;
- a "Run it yourself" box (``make lab`` / ``make lab-zh``, ``make test``, a link to download the original .ipynb)
  follows the first cell;
- after each exercise's check cell, its hints and its solution, folded (``<details>``), in the page's language,
  from the exercise catalogue (``q.hints``, ``q.solution()``); the commented-out ``# q1.hint()`` cells go;
- links between files of the repository become links between pages of the book (a link to a page of the other
  edition: ``edition:`` URLs, see conf.py); links to README.md / README.zh-CN.md go to the landing pages;
- the landing pages get the reading-path tables of README.md / README.zh-CN.md;
- a jieba user dictionary of the glossary's Chinese terms keeps terms such as 学习率 whole in the search index (a
  query such as 稳定学习率 is cut into the index's words on the search page: docs/book/_static/zh-stemmer.js).

The build fails on any Sphinx warning (a broken link, a missing image, a page in no toctree); the one-line error
then quotes Sphinx's first warning or error, the real cause (what follows it, such as the theme's "no TocTree found"
traceback, is only a consequence), with the path of the notebook or page in the repository; ``--verbose`` prints
all of Sphinx's output. The pages open from disk (file://), search and its excerpts included.

The tool deletes only what it made. OUT is a folder it creates and marks as its own (a file named
``.made-by-build_book`` in it); an existing folder without that mark (``.``, the checkout, a folder holding your
files) is refused, and so is a ``--src`` folder without it. Everything is built in a folder beside OUT that the
tool creates (``.OUT-building-*``: the sources, Sphinx's doctrees and MyST-NB's ``jupyter_execute``, Sphinx's
output and its temporary files: Sphinx runs with TMPDIR in that folder, so a crash report ``sphinx-err-*.log`` lands
there too), then the new book takes OUT's place and the old one is deleted; the folder goes in every case, a failed
build included: a failed or interrupted build leaves the previous book as it was and nothing beside it (``--src
FOLDER`` keeps the sources Sphinx read). A bad --out/--src or an unreadable file ends in one line that names it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import unittest.mock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from marked_folder import MarkedFolders, unwritable  # noqa: E402
from notebook_files import NotebookError, read_notebook  # noqa: E402

BOOK = ROOT / "docs" / "book"
MARKERS = re.compile(r"<!-- reading-path:start -->\n(.*?)<!-- reading-path:end -->", re.S)
EDITIONS = ("en", "zh")
FOLDER = {"en": "notebooks", "zh": "notebooks/zh"}  # where each edition's notebooks are in the repository
README = {"en": "README.md", "zh": "README.zh-CN.md"}
# pages of the docs/ folder that are in the book when both editions have them (each edition's page of the same name)
DOCS = {
    "docs/teaching": {"en": "docs/teaching.md", "zh": "docs/teaching.zh-CN.md"},
    "docs/errors": {"en": "docs/errors.md", "zh": "docs/errors.zh-CN.md"},
}
OUTPUT = {"en": "", "zh": "zh"}  # each edition's folder in the book
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]+)\)")  # a Markdown link or image: !, text, target
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CHECK = re.compile(r"\b(q\d+)\.check\(")
EXERCISES = re.compile(r"from linreg_utils\.exercises\.(nb\d\d) import")
SECTION_LABELS = {"en": ("Hint", "Solution"), "zh": ("提示", "参考答案")}  # used if the catalogue has none
FOLDERS = MarkedFolders("tools/build_book.py")  # only a folder with its mark is ever replaced or deleted
MARK = FOLDERS.mark  # .made-by-build_book

RUN_IT = {
    "en": """:::{{admonition}} Run it yourself
:class: tip book-run-it

This page shows the notebook with its stored outputs: what the tests check. To run it and try the exercises,
in the project's folder:

```bash
make lab    # installs the pinned packages, then opens JupyterLab on notebooks/
make test   # runs every check, this notebook included
```

{{download}}`Download this notebook ({name}) </_originals/{path}>`
:::
""",
    "zh": """:::{{admonition}} 自己动手运行
:class: tip book-run-it

这一页显示的是笔记本和它保存的输出，也就是测试所核对的内容。想自己运行、做练习，请在项目文件夹里：

```bash
make lab-zh  # 安装固定版本的依赖包，然后在中文版 notebooks/zh/ 上打开 JupyterLab
make test    # 运行全部检查，包括这个笔记本
```

{{download}}`下载这个笔记本（{name}） </_originals/{path}>`
:::
""",
}


# ---------------------------------------------------------------------------------- where things go in the book


def docs_pages() -> dict[str, dict[str, str]]:
    """The pages of docs/ in the book: those whose two editions both exist."""
    return {page: paths for page, paths in DOCS.items() if all((ROOT / p).is_file() for p in paths.values())}


def book_page(repo_path: str, docs: dict | None = None) -> tuple[str | None, str] | None:
    """Where a file of the repository is in the book: (its edition, or None for a page of both; its page name).

    >>> book_page("notebooks/zh/04_training.ipynb"), book_page("README.md"), book_page("docs/glossary.md")
    (('zh', 'notebooks/04_training'), ('en', 'index'), (None, 'docs/glossary'))
    """
    docs = docs_pages() if docs is None else docs
    for edition in EDITIONS:
        if repo_path == README[edition]:
            return edition, "index"
        for page, paths in docs.items():
            if repo_path == paths[edition]:
                return edition, page
        folder, name = posixpath.split(repo_path)
        if folder == FOLDER[edition] and re.fullmatch(r"\d\d_\w+\.ipynb", name):
            return edition, f"notebooks/{name[:-6]}"
    if repo_path == "docs/glossary.md":
        return None, "docs/glossary"
    return None


def source_name(page: str) -> str:
    """The source file of a page, in an edition's source folder."""
    return page + (".ipynb" if page.startswith("notebooks/") else ".md")


def relink(text: str, repo_path: str, page: str, edition: str, docs: dict | None = None) -> str:
    """The links of ``text`` (from ``repo_path`` of the repository), as links between pages of the book.

    A link to a page of the same edition stays a link to its source (Sphinx checks and resolves it); a link to a
    page of the other edition becomes an ``edition:`` link to its HTML (the other Sphinx build, see conf.py); a link
    to a file of the repository that the book does not hold (a script, the Makefile) keeps its text, unlinked.

    >>> relink("[zh](zh/04_training.ipynb) [g](../docs/glossary.md#a) [m](../Makefile)", "notebooks/04_training.ipynb",
    ...        "notebooks/04_training", "en")
    '[zh](edition:../zh/notebooks/04_training.html) [g](../docs/glossary.md#a) m'
    """
    docs = docs_pages() if docs is None else docs

    def new(match: re.Match) -> str:
        image, words, url = match.groups()
        if image or SCHEME.match(url) or url.startswith(("#", "/")):
            return match.group(0)
        path, _, fragment = url.partition("#")
        repo_target = posixpath.normpath(posixpath.join(posixpath.dirname(repo_path), path))
        target = book_page(repo_target, docs)
        if target is None:
            # a file of the repository the book does not hold: its name, unlinked; anything else is left for Sphinx
            return words if (ROOT / repo_target).exists() else match.group(0)
        target_edition, target_page = target
        if target_edition in (None, edition):
            link = posixpath.relpath(source_name(target_page), posixpath.dirname(page) or ".")
            link += f"#{fragment}" if fragment else ""
        else:
            link = "../" * page.count("/") + ("zh/" if edition == "en" else "../") + target_page + ".html"
            link = f"edition-at:{link}#{fragment}" if fragment else f"edition:{link}"
        return f"[{words}]({link})"

    return LINK.sub(new, text)


def reading_path(edition: str) -> str:
    """The reading-path table of the edition's README, its links made links of the landing page."""
    readme = ROOT / README[edition]
    table = MARKERS.search(readme.read_text(encoding="utf-8"))
    if not table:
        raise SystemExit(f"{readme.name}: no <!-- reading-path:start --> ... <!-- reading-path:end --> table")
    return relink(table.group(1), README[edition], "index", edition).strip()


# ------------------------------------------------------------------------------------ the exercises' help


def _questions(module: str):
    sys.path.insert(0, str(ROOT))
    import importlib

    return importlib.import_module(f"linreg_utils.exercises.{module}")


def solution_code(question) -> str:
    """The solution as ``q.solution()`` shows it in the current language: the code, comments translated."""
    shown = io.StringIO()
    # outside Jupyter, q.solution() prints "Solution:" and the code; the book always has the solutions, whatever
    # the shell says (LINREG_SOLUTIONS=off, the student edition's setting, is for a learner's kernel)
    with contextlib.redirect_stdout(shown), unittest.mock.patch.dict(os.environ, {"LINREG_SOLUTIONS": "on"}):
        question.solution()
    _, _, code = shown.getvalue().partition("\n")
    return textwrap.dedent(code).strip("\n")


def exercise_help(question, edition: str) -> str:
    """The hints and the solution of one exercise as folded sections (Markdown), in the edition's language."""
    from linreg_utils.exercises import catalogue, get_language, set_language

    before = get_language()
    set_language(edition)
    try:
        hints, code = question.hints, solution_code(question)
    finally:
        set_language(before)
    core = catalogue("core", edition)
    hint_label = core.get("hint_label", SECTION_LABELS[edition][0])
    solution_label = core.get("solution_label", SECTION_LABELS[edition][1])
    blocks = []
    for i, hint in enumerate(hints, 1):
        label = f"{hint_label} {i}" if len(hints) > 1 else hint_label
        hint = hint.replace("____", "`____`")  # as the notebook shows it (the blank as code)
        blocks.append(f'<details class="book-hint">\n<summary>{label}</summary>\n\n{hint}\n\n</details>')
    blocks.append(f'<details class="book-solution">\n<summary>{solution_label}</summary>\n\n'
                  f"```python\n{code}\n```\n\n</details>")
    return "\n\n".join(blocks) + "\n"


def cell_text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def commented_help_call(cell: dict) -> bool:
    """A code cell that only holds switched-off calls such as ``# q1.hint()``: the book shows the help itself."""
    lines = [line.strip() for line in cell_text(cell).splitlines() if line.strip()]
    return (cell["cell_type"] == "code" and bool(lines) and all(line.startswith("#") for line in lines)
            and any(re.search(r"\bq\d+\.(hint|solution)\(\)", line) for line in lines))


def add_exercise_help(cells: list[dict], edition: str) -> list[dict]:
    """After each exercise's check cell, its hints and solution (folded); without the ``# q1.hint()`` cells."""
    modules = {m for cell in cells if cell["cell_type"] == "code" for m in EXERCISES.findall(cell_text(cell))}
    if not modules:
        return cells
    if len(modules) > 1:
        raise SystemExit(f"exercises from several modules {sorted(modules)}: the book cannot tell them apart")
    questions = _questions(modules.pop())
    result = []
    for cell in cells:
        if commented_help_call(cell):
            continue
        result.append(cell)
        if cell["cell_type"] == "code":
            for name in CHECK.findall(cell_text(cell)):
                result.append({"cell_type": "markdown", "id": f"book-help-{name}", "metadata": {},
                               "source": exercise_help(getattr(questions, name), edition)})
    return result


# ------------------------------------------------------------------------------------------- the sources


def copy_notebook(source: Path, target: Path, edition: str, docs: dict) -> None:
    relative = source.relative_to(ROOT).as_posix()
    page = book_page(relative, docs)[1]
    nb = read_notebook(source)  # NotebookError: one line naming the file
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = relink(cell_text(cell), relative, page, edition, docs)
        alt = cell.get("metadata", {}).get("alt")
        if alt:
            mystnb = cell["metadata"].setdefault("mystnb", {})
            mystnb.setdefault("image", {})["alt"] = alt
    nb["cells"] = add_exercise_help(nb["cells"], edition)
    box = RUN_IT[edition].format(name=source.name, path=relative)
    nb["cells"].insert(1, {"cell_type": "markdown", "id": "book-run-it", "metadata": {}, "source": box})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def glossary_terms(glossary: Path) -> list[str]:
    """The Chinese names in the glossary's 中文 column (a / b gives both)."""
    terms = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and line.startswith("|") and not set(cells[1]) <= set("-: ") and cells[1] != "中文":
            terms += [t.strip() for t in re.split(r"[/、，,]", cells[1]) if re.search(r"[\u4e00-\u9fff]", t)]
    return sorted(set(terms))


LANDING_LINKS = {  # where the landing page says {teaching}: a sentence that links the teacher's guide
    "en": " Teaching with this series? The [teacher's guide](docs/teaching.md).",
    "zh": "用这套教程教课？请看[教师指南](docs/teaching.md)。",
}


def prepare(src: Path, edition: str) -> None:
    """The source folder of one edition (a new folder): landing page, notebooks, glossary, the docs/ pages of DOCS."""
    src.mkdir(parents=True)
    docs = docs_pages()
    landing = BOOK / ("zh/index.md" if edition == "zh" else "index.md")
    index = landing.read_text(encoding="utf-8").replace("{reading-path}", reading_path(edition))
    index = index.replace("{teaching}", LANDING_LINKS[edition] if "docs/teaching" in docs else "")
    index = index.replace("{docs-toc}", "\n".join(docs))
    (src / "index.md").write_text(index, "utf-8")
    (src / "docs").mkdir()
    pages = {"docs/glossary": "docs/glossary.md"} | {page: paths[edition] for page, paths in docs.items()}
    for page, repo_path in pages.items():
        text = (ROOT / repo_path).read_text(encoding="utf-8")
        (src / source_name(page)).write_text(relink(text, repo_path, page, edition, docs), "utf-8")
    for notebook in sorted((ROOT / FOLDER[edition]).glob("[0-9][0-9]_*.ipynb")):
        relative = notebook.relative_to(ROOT).as_posix()
        copy_notebook(notebook, src / "notebooks" / notebook.name, edition, docs)
        (src / "_originals" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook, src / "_originals" / relative)  # the download: the notebook as it is in git
    if edition == "zh":
        words = [f"{term} 100000 n" for term in glossary_terms(ROOT / "docs" / "glossary.md")]
        (src / "_search_dict.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    if (BOOK / "locales").is_dir():
        shutil.copytree(BOOK / "locales", src / "_locales")


def sphinx(out: Path, src: Path, doctrees: Path, edition: str, jobs: str) -> subprocess.Popen:
    """One edition's Sphinx build, started. MyST-NB writes ``jupyter_execute/`` beside ``out``: keep ``out`` in a
    folder of the tool's own (:func:`build` uses WORK/en/html). Its warnings and errors go to ``sphinx.log`` beside
    ``out`` (:func:`first_problem` reads it), its temporary files (a crash's ``sphinx-err-*.log``) to ``tmp/``
    there: TMPDIR is set for it, so nothing is left in the system's temporary folder."""
    folder = out.parent
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, BOOK_EDITION=edition, BOOK_SEARCH_DICT=str(src / "_search_dict.txt"),
               PYTHONWARNINGS="ignore", TMPDIR=str(folder / "tmp"), TEMP=str(folder / "tmp"), TMP=str(folder / "tmp"))
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-c", str(BOOK), "-d", str(doctrees),
        "-j", jobs, "-W", "--keep-going", "-q", str(src), str(out),
    ]
    with open(folder / LOG, "w", encoding="utf-8") as log:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


LOG = "sphinx.log"
PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b:|^(\w+ )?(error|Exception occurred)\b")


def repo_paths(text: str, sources: Path, edition: str) -> str:
    """``text`` with the paths of the build's copies (SRC/en/notebooks/04_x.ipynb) made the repository's own
    (notebooks/04_x.ipynb; docs/book/index.md for the landing page)."""
    folder = re.escape(str(sources / edition)) + r"/([^\s:]+)"

    def original(match: re.Match) -> str:
        page = match.group(1)
        if page == "index.md":
            return f"docs/book/{'zh/' if edition == 'zh' else ''}index.md (with README's reading-path table)"
        if page.startswith("notebooks/"):
            return f"{FOLDER[edition]}/{page.removeprefix('notebooks/')}"
        name = page.removesuffix(".md")
        return DOCS[name][edition] if name in DOCS else page

    return re.sub(folder, original, text)


def first_problem(log: Path, sources: Path, edition: str) -> str:
    """The first warning or error of one edition's Sphinx output (the cause; what follows is often a consequence,
    like the theme's "no TocTree found" traceback), as one line, with the count of problem lines."""
    try:
        lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        lines = []
    problems = [line for line in lines if PROBLEM.search(line) and "full traceback has been saved" not in line]
    if not problems:
        shown = next((line for line in reversed(lines) if line), None)
        return f"sphinx {edition} failed{': ' + shown if shown else ''}"
    more = f" (the first of {len(problems)} problems)" if len(problems) > 1 else ""
    return f"sphinx {edition}: {repo_paths(problems[0], sources, edition)}{more}"


# ------------------------------------------------------------------------------- folders the tool owns


class BuildError(Exception):
    """A bad --out/--src, a folder that cannot be written, a failed Sphinx build: ``str()`` is one line."""


def check_folder(folder: Path, option: str) -> None:
    """``folder`` (for --out or --src) may be written: it does not exist yet, or this tool made it."""
    refused = FOLDERS.refusal(folder, option, fix=" if it is an old book") or unwritable(folder, option)
    if refused:
        raise BuildError(refused)


@contextlib.contextmanager
def signals_as_interrupts():
    """SIGTERM (from ``timeout``, a cancelled CI job) stops the build as Ctrl-C does, so that the ``finally``
    clauses stop Sphinx and delete the half-built folder; while they run, a second Ctrl-C or SIGTERM waits."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: contextlib.nullcontext()
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def shielded():
        pending = []
        previous = {s: signal.signal(s, lambda signum, frame: pending.append(signum))
                    for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield shielded
    finally:
        signal.signal(signal.SIGTERM, before)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def build(out: Path, src: Path | None = None, jobs: str = "1", quiet: bool = False, verbose: bool = False) -> None:
    """Both editions into ``out``: the two Sphinx builds run side by side (each ``-j jobs``).

    ``out`` is new or a book this tool built; the new book is made in a folder beside it (WORK =
    ``.OUT-building-*``) and replaces it only when complete. The sources go to ``src`` (new or the tool's own)
    if given, else into WORK. WORK goes at the end, whatever happened; when Sphinx failed, the error quotes its
    first warning (``verbose``: all of its output is printed first).
    """
    t0 = time.monotonic()
    out = Path(out).resolve()
    check_folder(out, "--out")
    if src is not None:
        src = Path(src).resolve()
        check_folder(src, "--src")
        if src == out or src.is_relative_to(out) or out.is_relative_to(src):
            raise BuildError(f"--src {src} and --out {out}: one is inside the other; give two separate folders")
        if ROOT.is_relative_to(src):
            raise BuildError(f"--src {src}: the project is inside it; give a new folder")
    try:
        work = FOLDERS.work_beside(out)
    except OSError as error:
        raise BuildError(f"--out {out}: cannot make a folder beside it ({error.strerror}: {error.filename})") from None
    builds: dict[str, subprocess.Popen] = {}
    with signals_as_interrupts() as shielded:
        try:
            if src is not None:
                FOLDERS.remove(src)
                FOLDERS.new_folder(src)
            sources = src or work / "src"
            for edition in EDITIONS:  # the English build runs while the Chinese sources are prepared
                prepare(sources / edition, edition)
                builds[edition] = sphinx(work / edition / "html", sources / edition, work / edition / "doctrees",
                                         edition, jobs)
            failed = [edition for edition, b in builds.items() if b.wait()]
            if failed:
                if verbose:
                    for edition in failed:
                        log = work / edition / LOG
                        print(f"--- sphinx {edition}:\n{log.read_text('utf-8', 'replace') if log.is_file() else ''}",
                              file=sys.stderr)
                causes = "; ".join(first_problem(work / edition / LOG, sources, edition) for edition in failed)
                raise BuildError(f"the book did not build: {causes}; the previous book is unchanged"
                                 f"{'' if verbose else ' (--verbose shows all of Sphinx output)'}")
            book = work / "book"
            (work / "en" / "html").rename(book)
            (work / "zh" / "html").rename(book / OUTPUT["zh"])
            for macros in book.glob("**/_static/*webpack-macros.html"):  # the themes' Jinja macros, copied as is
                macros.unlink()
            (book / MARK).write_text(FOLDERS.mark_text, encoding="utf-8")
            with shielded():  # the swap: a signal waits until both moves are done
                FOLDERS.swap_in(book, out, work, check=lambda: check_folder(out, "--out"))
        except OSError as error:
            raise BuildError(f"{error.filename or out}: {error.strerror or error}; the previous book is unchanged"
                             ) from None
        finally:
            with shielded():
                for process in builds.values():
                    stop(process)
                FOLDERS.remove(work)
    if not quiet:
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
        print(f"book built in {time.monotonic() - t0:.1f} s: {out / 'index.html'} ({size:.0f} MiB)")
        print(f"open it: file://{out / 'index.html'}   or: make book-serve")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "book",
                        help="the book's folder: new, or one this tool built (default: build/book)")
    parser.add_argument("--src", type=Path, help="keep the sources Sphinx reads in this folder (new, or one this "
                        "tool made); default: a temporary folder beside OUT, deleted after the build")
    parser.add_argument("--jobs", default="1", help="Sphinx's -j for each edition's build (default 1: the two "
                        "editions are built side by side)")
    parser.add_argument("--verbose", action="store_true", help="if the build fails, print all of Sphinx's output "
                        "(by default the error quotes its first warning)")
    args = parser.parse_args(argv)
    if args.jobs != "auto" and not (args.jobs.isdigit() and int(args.jobs) >= 1):
        parser.error(f"--jobs {args.jobs}: give a whole number of 1 or more, or auto (Sphinx's -j)")
    try:
        build(args.out, args.src, args.jobs, verbose=args.verbose)
    except (BuildError, NotebookError) as error:
        print(f"build_book: {error}", file=sys.stderr)
        return 1 if isinstance(error, BuildError) and "did not build" in str(error) else 2
    except KeyboardInterrupt:
        print("build_book: interrupted; the previous book is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
