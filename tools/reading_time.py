"""Reading times and the core reading path, computed from the notebooks themselves.

    python tools/reading_time.py            # print each notebook's core and full reading time
    python tools/reading_time.py --write    # also update the "Reading time" line of every notebook
                                            # and the reading-path tables of README.md, README.zh-CN.md

A notebook is a list of sections: the cells from one ``## `` heading to the next. A section whose
heading ends with ``(optional, 选读)`` is an extra (optional) section; every other section is on the core path.

The time of a section is what a beginner reading for the first time needs (calibrated against cold reads of all
22 notebooks by a Chinese-first reader and a reader whose English is a second language; CONTRIBUTING.md has the
figures): its prose at ``WORDS_PER_MIN`` English words or ``CHARS_PER_MIN`` Chinese characters a minute,
``MIN_PER_INLINE_MATH`` for each formula in the text and ``MIN_PER_DISPLAY_MATH`` for each displayed formula
(worked through, not read), ``MIN_PER_CODE_LINE`` for each line of code (read, run, its output looked at),
``MIN_PER_EXERCISE`` for each exercise check, ``MIN_PER_NEW_TERM`` for each new concept (a row of the notebook's
key-terms table) and ``MIN_PER_SECTION`` for finding one's way into a section. The cold reads showed that prose is
read at about the rate the words suggest; the time goes to code, formulas and new ideas.
Totals are rounded to the nearest 5 minutes. A rule of tools/notebook_rules.py fails when a stored time is stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from notebook_files import NotebookError, read_notebook, write_notebook, write_text

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"


@dataclass(frozen=True)
class Edition:
    folder: Path
    readme: Path
    time_line: str  # with {core} and {full}
    time_pattern: re.Pattern
    legend: str
    why: str  # the start of the line after an optional heading
    skip_plot: str  # the comment that starts a plotting cell a reader may skip
    table_head: str
    total: str


ENGLISH = Edition(
    NOTEBOOKS, README,
    "**Reading time:** core path about {core} min, all sections about {full} min.",
    re.compile(r"\*\*Reading time:\*\* core path about \d+ min, all sections about \d+ min\."),
    "Sections marked (optional, 选读) are extra sections.",
    "*Why read it:*",
    "# You can skip reading this plotting code: it only draws the picture below.",
    "| Notebook | Core path | All sections |",
    "**Whole series**",
)
CHINESE = Edition(
    NOTEBOOKS / "zh", ROOT / "README.zh-CN.md",
    "**阅读时间**：核心路径约 {core} 分钟，全部章节约 {full} 分钟。",  # punctuation outside the ** (STYLE.md)
    re.compile(r"\*\*阅读时间(?:\*\*：|：\*\* )核心路径约 \d+ 分钟，全部章节约 \d+ 分钟。"),  # also the old "：** "
    "标有 (optional, 选读) 的章节是选读内容",
    "*为什么读*：",
    "# 这段绘图代码可以跳过不读：它只画出下面的图。",
    "| 笔记本 | 核心路径 | 全部章节 |",
    "**整个系列**",
)
EDITIONS = (ENGLISH, CHINESE)
CHARS_PER_MIN = 260  # Chinese prose, technical, read carefully
WORDS_PER_MIN = 115  # English prose, read by someone for whom English is a second language
MIN_PER_INLINE_MATH = 0.03  # a formula in the text
MIN_PER_DISPLAY_MATH = 1.0  # a displayed formula ($$...$$), worked through
MIN_PER_CODE_LINE = 0.135  # reading a line of code, running it and looking at its output: about 8 s
MIN_PER_EXERCISE = 2.3  # answering one exercise cold (its hints included)
MIN_PER_NEW_TERM = 0.5  # a new concept: one row of the key-terms table
MIN_PER_SECTION = 0.55  # finding one's way into a new section
KEY_TERMS = re.compile(r"^## (Key terms|关键术语)")
OPTIONAL_MARK = "(optional, 选读)"
HEADING = re.compile(r"^## (.+)$", re.M)
README_START, README_END = "<!-- reading-path:start -->", "<!-- reading-path:end -->"


@dataclass
class Section:
    title: str
    optional: bool
    minutes: float  # unrounded


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _cell_minutes(cell: dict) -> float:
    text = _source(cell)
    if cell["cell_type"] == "markdown":
        display = len(re.findall(r"\$\$.+?\$\$", text, re.S))
        text = re.sub(r"\$\$.+?\$\$", " ", text, flags=re.S)
        inline = len(re.findall(r"\$[^$]+\$", text))
        text = re.sub(r"\$[^$]+\$", " ", text)
        chinese = len(re.findall(r"[\u4e00-\u9fff]", text))
        words = len(re.findall(r"[A-Za-z0-9_]+", text))
        terms = len([line for line in text.splitlines() if line.startswith("|")]) - 2 if KEY_TERMS.match(text) else 0
        return (chinese / CHARS_PER_MIN + words / WORDS_PER_MIN + MIN_PER_INLINE_MATH * inline
                + MIN_PER_DISPLAY_MATH * display + MIN_PER_NEW_TERM * max(terms, 0))
    lines = [line for line in text.splitlines() if line.strip()]
    exercise = MIN_PER_EXERCISE if re.search(r"\bq\d+\.check\(", text) else 0
    return MIN_PER_CODE_LINE * len(lines) + exercise


def sections(nb: dict) -> list[Section]:
    """Split a notebook (an nbformat dict) into sections; the cells before the first ``##`` are "intro"."""
    result = [Section("intro", False, MIN_PER_SECTION)]
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            result[-1].minutes += _cell_minutes(cell)
            continue
        text = _source(cell)
        starts = [m.start() for m in HEADING.finditer(text)]
        for begin, end in zip([0, *starts], [*starts, len(text)], strict=False):  # a cell may hold several headings
            if begin == end:
                continue
            heading = HEADING.match(text, begin)
            if heading:
                title = heading.group(1).strip()
                result.append(Section(title, title.endswith(OPTIONAL_MARK), MIN_PER_SECTION))
            result[-1].minutes += _cell_minutes({"cell_type": "markdown", "source": text[begin:end]})
    return result


def _round(minutes: float) -> int:
    return max(5, 5 * round(minutes / 5))


def reading_times(path: Path) -> tuple[int, int]:
    """(core path, everything) in minutes, rounded to 5; "everything" is longer when a section is optional."""
    parts = sections(read_notebook(path))
    core = _round(sum(s.minutes for s in parts if not s.optional))
    full = _round(sum(s.minutes for s in parts))
    return core, max(full, core + 5) if any(s.optional for s in parts) else full


def edition(path: Path) -> Edition:
    return CHINESE if path.parent.name == "zh" else ENGLISH


def time_line(core: int, full: int, language: Edition = ENGLISH) -> str:
    return language.time_line.format(core=core, full=full)


def notebook_paths(language: Edition = ENGLISH) -> list[Path]:
    return sorted(language.folder.glob("[0-9][0-9]_*.ipynb"))


def _title(path: Path) -> str:
    first = _source(read_notebook(path)["cells"][0]).splitlines()[0]
    return first.lstrip("# ").split(" — ")[0]


def readme_table(paths: list[Path], language: Edition = ENGLISH) -> str:
    rows = [language.table_head, "|---|---|---|"]
    total_core = total_full = 0
    for path in paths:
        core, full = reading_times(path)
        total_core, total_full = total_core + core, total_full + full
        link = path.relative_to(ROOT).as_posix()
        rows.append(f"| [{_title(path)}]({link}) | {_hours(core, language)} | {_hours(full, language)} |")
    rows.append(f"| {language.total} | **{_hours(total_core, language)}** | **{_hours(total_full, language)}** |")
    return "\n".join(rows)


def _hours(minutes: int, language: Edition = ENGLISH) -> str:
    h, m = divmod(minutes, 60)
    if language is CHINESE:
        return f"{h} 小时 {m} 分钟" if h else f"{m} 分钟"
    return f"{h} h {m:02d} min" if h else f"{m} min"


def _write_notebook(path: Path) -> bool:
    nb = read_notebook(path)
    header = nb["cells"][0]
    old = _source(header)
    language = edition(path)
    if not language.time_pattern.search(old):
        raise SystemExit(f"{path}: the first cell has no {language.time_line[:22]!r}... line to update")
    new = language.time_pattern.sub(time_line(*reading_times(path), language), old)
    if new == old:
        return False
    header["source"] = new.splitlines(True)
    write_notebook(nb, path)
    return True


def _write_readme(language: Edition) -> bool:
    text = language.readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise SystemExit(f"reading_time.py: {language.readme.relative_to(ROOT)} has no {README_START} ... "
                         f"{README_END} lines around its reading-path table; put them back")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    new = text[:start] + "\n" + readme_table(notebook_paths(language), language) + "\n" + text[end:]
    if new != text:
        write_text(language.readme, new)
    return new != text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="reading_time.py", description="Print each notebook's core and full "
                                     "reading time.")
    parser.add_argument("--write", action="store_true", help="also update the notebooks' Reading time lines and "
                        "the README tables")
    args = parser.parse_args(argv)
    try:
        return _main(args.write)
    except NotebookError as error:
        print(f"reading_time.py: {error}", file=sys.stderr)
        return 2


def _main(write: bool) -> int:
    argv = ["--write"] if write else []
    changed = []
    for language in EDITIONS:
        for path in notebook_paths(language):
            core, full = reading_times(path)
            print(f"{path.relative_to(NOTEBOOKS).as_posix():63s} core {core:3d} min   all {full:3d} min")
            if "--write" in argv and _write_notebook(path):
                changed.append(path.relative_to(NOTEBOOKS).as_posix())
        if "--write" in argv and language.readme.exists() and _write_readme(language):
            changed.append(language.readme.name)
    if "--write" in argv:
        print("updated: " + (", ".join(changed) or "nothing (all up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
