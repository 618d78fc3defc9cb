"""Start a new notebook in both editions, registered wherever the project needs it, with every test passing.

    python tools/new_notebook.py 12 two_features "Two features" "两个特征"
    python tools/new_notebook.py 12 two_features "Two features" "两个特征" \\
        --question "how does one model use two inputs?" --question-zh "一个模型怎样同时用两个输入？"
    make new-notebook NN=12 SLUG=two_features TITLE="Two features" TITLE_ZH="两个特征"

NN is the next free number (the notebooks are numbered without gaps); SLUG is lower-case words joined by _.
It writes, from one template in the shape of the other notebooks (../shared/STYLE.md):

- notebooks/NN_SLUG.ipynb and notebooks/zh/NN_SLUG.ipynb: the title and reading time, what you will learn, the key
  terms, the series' setup cell (``set_language("zh")`` in the Chinese one), two example sections (one with a
  figure) and an optional one, Key terms, Summary, Exercises with two auto-checked example questions, and the
  closing section; every Chinese Markdown cell records the English cell it translates (tools/translation.py);
- linreg_utils/exercises/nbNN.py (the two questions) and text/en/nbNN.py, text/zh/nbNN.py (their words);

and registers it:

- the notebook before it, both editions: its closing section (notebook 11's "Where next") moves to the new last
  notebook, and a "## Next" cell links the new one (a notebook that already ends with "## Next" gets one more line);
- README.md and README.zh-CN.md: a row in the table of notebooks; then tools/reading_time.py --write (every reading
  time, the READMEs' reading-path tables) and tools/glossary.py (docs/glossary.md);
- the stored outputs of the two new notebooks (tools/run_notebooks.py). The notebook before it only changed
  Markdown cells, so its outputs stay as they are.

Nothing else lists the notebooks: the book's table of contents (docs/book/index.md, :glob:), the tests, conftest.py's
order and tools/build_book.py find them by the pattern notebooks/[0-9][0-9]_*.ipynb.

It never replaces a file: if the notebook, its twin or its exercise files exist, it stops with one line and writes
nothing. Files are written atomically (tools/notebook_files.py), and if any step fails (a cell of the new notebook,
Ctrl-C) every file it wrote or changed is put back as it was.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import glossary  # noqa: E402
import reading_time  # noqa: E402
import translation  # noqa: E402
from notebook_files import NotebookError, read_notebook, write_notebook, write_text  # noqa: E402
from notebook_rules import (  # noqa: E402  (where the series' files are, and what their names look like)
    CHINESE,
    EXERCISES,
    NAME,
    NOTEBOOKS,
    README,
    ROOT,
    ZH,
    chinese_paths,
    english_paths,
    shown,
    source,
)

NEXT_HEADING = {"en": "## Next", "zh": "## 下一步"}
# the key terms of the template: terms of the series that the glossary already has, so that it stays as it is
# until the notebook's own terms replace them (the glossary's words win; these are used if it lacks one)
TERMS = {
    "feature": ("特征", "one input number per sample: one column", "每个样本的一个输入数，在表里占一列"),
    "weight": ("权重", "the number on one connection; `weight` has shape (out, in)",
               "一条连线上的数；`weight` 的形状是 (out, in)"),
    "bias": ("偏置", "the number each output neuron adds; `bias` has shape (out,)",
             "每个输出神经元额外加上的数；`bias` 的形状是 (out,)"),
    "linear regression": ("线性回归", "fitting a straight line $y = wx + b$ to data",
                          "用一条直线 $y = wx + b$ 去拟合数据"),
    "shape": ("形状", "the size of an array along each dimension, e.g. `(11, 1)`",
              "数组在每个维度上的大小，例如 `(11, 1)`"),
}


class ScaffoldError(Exception):
    """Something the command cannot do: ``str()`` is the one line printed."""


# ------------------------------------------------------------------------------------------- the template


SETUP = {
    "en": '''\
import matplotlib.pyplot as plt
import numpy as np
import torch

from linreg_utils import make_linear_data
from linreg_utils.exercises import set_language
from linreg_utils.plotting import plot_data
from linreg_utils.tracebacks import short_tracebacks

torch.manual_seed(0)
np.set_printoptions(precision=4, suppress=True)  # print arrays with 4 decimals, not 1e-05 notation
short_tracebacks()  # when a cell fails, show the notebook's lines, not PyTorch's (notebook 01, section 6)
plt.style.use("linreg_utils.course")  # colors that color-blind readers can tell apart
set_language("en")  # the language of exercise feedback, library errors and figures: "en" English, "zh" 中文''',
    "zh": '''\
import matplotlib.pyplot as plt
import numpy as np
import torch

from linreg_utils import make_linear_data
from linreg_utils.exercises import set_language
from linreg_utils.plotting import plot_data
from linreg_utils.tracebacks import short_tracebacks

torch.manual_seed(0)
np.set_printoptions(precision=4, suppress=True)  # 数组打印成 4 位小数，而不是 1e-05 这样的写法
short_tracebacks()  # 单元格出错时，显示笔记本里的代码行，而不是 PyTorch 内部的（笔记本 01 第 6 节）
plt.style.use("linreg_utils.course")  # 色盲读者也能分清的配色
set_language("zh")  # 练习反馈、报错信息和图中文字用哪种语言："en" 英文，"zh" 中文''',
}

DATA_CODE = '''\
x, y = make_linear_data()
print("x:", x.shape, x.dtype, "| y:", y.shape, y.dtype)
assert x.shape == y.shape == (11, 1)'''

PLOT_CODE = '''\
plot_data(x, y)
plt.show()'''

ALT = {
    "en": "Eleven points on a straight line that rises from (0, 1) to (10, 21): the post's data, y = 2x + 1.",
    "zh": "11 个点排在一条直线上，从 (0, 1) 一直升到 (10, 21)：这就是原文的数据 y = 2x + 1。",
}

TEXT = {
    "en": {
        "title": "# {nn} · {title}{question}",
        "intro": (
            "This notebook was started by `tools/new_notebook.py`: every text, code cell and exercise in it is an "
            "example,\nto be replaced by the lesson. Say here, in two to four short sentences, which question the "
            "notebook answers\nand why a beginner asks it."
        ),
        "time": "**Reading time:** core path about 5 min, all sections about 5 min.\n"
                "Sections marked (optional, 选读) are extra sections. Skip them on a first reading: the core path "
                "does not need them.\n"
                "中文版 (the Chinese edition of this notebook): [zh/{name}](zh/{name})",
        "learn": "**What you will learn**\n- the first idea of the notebook (section 1);\n- how a picture shows it "
                 "(section 2).",
        "terms_head": "**Key terms in this notebook (本笔记本的关键术语)**\n\n| English | 中文 |\n|---|---|",
        "need": "**What you need:** [{prev_title}]({prev_name}) and the notebooks before it.",
        "s1": "## 1. The data\n\nOne idea per section: a short explanation, the maths if it helps, then the code "
              "written out.\nHere the example uses the post's eleven points on the line $y = 2x + 1$, as two "
              "columns of shape `(11, 1)`.",
        "s1_after": "The `assert` checks what the text claims: if it were wrong, the notebook would stop here.",
        "s2": "## 2. A picture\n\nA picture where one helps. A plotting cell ends with `plt.show()`, and its cell "
              "metadata `alt` says\nin one or two sentences what the picture shows.",
        "s3": "## 3. A section to skip (optional, 选读)\n\n*Why read it:* an optional section says in one line why a "
              "reader might want it. No core\nsection may need it.",
        "key_terms": "## Key terms\n\n| English | 中文 | Meaning |\n|---|---|---|\n{rows}\n\nAll the key terms of the "
                     "series, with their Chinese names, are in [the glossary](../docs/glossary.md).",
        "summary": "## Summary\n\n- Three to five points: what the notebook showed.\n- The example data: eleven "
                   "points on the line $y = 2x + 1$, two columns of shape `(11, 1)`.",
        "exercises": (
            "## Exercises\n\nEach exercise has a code cell with a blank, `____`. Replace the blank with your answer "
            "and run the cell.\nThe check then says ✅ (right) or ❌ and what to fix.\n\n- The first code cell below "
            "imports the questions (`q1`, `q2`, ...) and the blank `____` itself, and the\n  inputs of the "
            "exercises.\n- Each check shows ❌ until you answer. That is normal: `____` is only a placeholder.\n"
            "- Stuck? Run `q1.hint()` for a hint, and run it again for the next one. A cell that shows "
            "`# q1.hint()` is\n  switched off: delete the `#` (this is called *uncommenting*), then run the cell.\n"
            "- `q1.solution()` shows an answer, with a short explanation."
        ),
        "ex1": "**Exercise 1.** On the line $y = 2x + 1$, what is $y$ at $x = 4$? Give a number.",
        "hint_call": "# q1.hint()  # uncomment for a hint",
        "ex2": "**Exercise 2.** `x_ex` (imported in the first cell, printed below) holds 6 samples with one "
               "feature each,\nas a column. What is its shape? Give a tuple.",
        "solution_call": "# q2.solution()  # uncomment to see the answer",
        "closing": "## Where next\n\nThis is the last notebook of the series so far. The [README](../README.md) lists "
                   "all the notebooks.",
        "next": "## Next\n\nNotebook [{title}]({name}) comes next.",
        "then": "Then notebook [{title}]({name}).",
    },
    "zh": {
        "title": "# {nn} · {title}{question}",
        "intro": (
            "本笔记本由 `tools/new_notebook.py` 生成：其中的文字、代码和练习都是示例，要换成真正的内容。请在这里用两到"
            "四个短句说明本笔记本回答什么问题，以及初学者为什么会问这个问题。"
        ),
        "time": "**阅读时间**：核心路径约 5 分钟，全部章节约 5 分钟。标有 (optional, 选读) 的章节是选读内容，第一次阅读"
                "时可以跳过：核心路径不需要它们。\n\nEnglish edition (英文版): [../{name}](../{name})",
        "learn": "**你将学到**\n- 本笔记本的第一个概念（第 1 节）；\n- 怎样用一张图把它展示出来（第 2 节）。",
        "terms_head": "**本笔记本的关键术语（Key terms in this notebook）**\n\n| 中文 | English |\n|---|---|",
        "need": "**需要先读**：[{prev_title}]({prev_name}) 以及它之前的笔记本。",
        "s1": "## 1. 数据\n\n每一节只讲一个概念：先简短地解释，有帮助时再给出数学公式，然后写出代码。"
              "这里的示例用的是原文直线 $y = 2x + 1$ 上的 11 个点，排成两列，形状都是 `(11, 1)`。",
        "s1_after": "`assert` 检查正文里说的话：如果说错了，笔记本就会在这里停下来。",
        "s2": "## 2. 一张图\n\n有帮助时就画一张图。绘图单元格以 `plt.show()` 结尾，"
              "它的单元格元数据 `alt` 用一两句话说明图里画的是什么。",
        "s3": "## 3. 可以跳过的一节 (optional, 选读)\n\n*为什么读*：选读的一节用一句话说明读者为什么可能想读它。"
              "核心小节都不能依赖它。",
        "key_terms": "## 关键术语（Key terms）\n\n| 中文 | English | 释义 |\n|---|---|---|\n{rows}\n\n本系列的全部"
                     "关键术语及其中文名，见[术语表](../../docs/glossary.md)。",
        "summary": "## 小结\n\n- 用三到五条总结本笔记本讲了什么。\n"
                   "- 示例数据：直线 $y = 2x + 1$ 上的 11 个点，两列，形状都是 `(11, 1)`。",
        "exercises": (
            "## 练习\n\n每道练习都有一个代码单元格，里面有一处空白 `____`。把空白换成你的答案，然后运行这个单元格。检查"
            "程序会显示 ✅（正确），或者显示 ❌ 并告诉你哪里要改。\n\n- 下面第一个代码单元格导入题目（`q1`、`q2`……）、"
            "空白 `____` 本身，以及练习要用的输入数据。\n- 作答之前，每个检查都显示 ❌。这很正常：`____` 只是一个占位符"
            "。\n- 卡住了？运行 `q1.hint()` 看提示，再运行一次看下一条。显示为 `# q1.hint()` 的单元格是被“关掉”的：删掉"
            " `#`（这叫*取消注释*，uncommenting），再运行这个单元格。\n- `q1.solution()` 会给出一个答案，并附一段简短的"
            "解释。"
        ),
        "ex1": "**练习 1**：在直线 $y = 2x + 1$ 上，$x = 4$ 时 $y$ 是多少？答案是一个数。",
        "hint_call": "# q1.hint()  # 取消注释，即可看到提示",
        "ex2": "**练习 2**：`x_ex`（已在第一个单元格里导入，下面会打印出来）是 6 个样本，每个样本一个特征，"
               "排成一列。它的形状是什么？答案是一个元组。",
        "solution_call": "# q2.solution()  # 取消注释，即可看到答案",
        "closing": "## 接下来\n\n这是本系列目前的最后一个笔记本。[README](../../README.zh-CN.md) 列出了所有笔记本。",
        "next": "## 下一步\n\n下一个笔记本是 [{title}]({name})。",
        "then": "再下一个是笔记本 [{title}]({name})。",
    },
}

EXERCISE_MODULE = '''\
"""Exercises for notebook {nn} · {title}. Messages: ``text/<language>/nb{nn}.py``.

tools/new_notebook.py wrote two example questions: replace them with the notebook's own (CONTRIBUTING.md, "Add a
question"), keeping at least two.
"""

from __future__ import annotations

import numpy as np

from .core import Mistake, Question, number, shape

x_ex = np.arange(6, dtype=np.float32).reshape(-1, 1)  # an input the notebook shows: it imports it from here

# ---------------------------------------------------------------- q1: a point on the line

q1 = Question(
    "nb{nn}.q1",
    read=number,
    expected=9.0,
    mistakes=[Mistake(8.0, "q1.no_bias")],
    otherwise="q1.otherwise",
    solution="""
    answer = 2 * 4 + 1  # = 9
    # the slope times x, plus the intercept.
    """,
)

# ---------------------------------------------------------------- q2: a shape

q2 = Question(
    "nb{nn}.q2",
    read=shape,
    expected=(6, 1),
    mistakes=[Mistake((1, 6), "q2.transposed")],
    otherwise="q2.otherwise",
    solution="""
    answer = x_ex.shape
    # 6 rows (the samples), 1 column (the feature).
    """,
)
'''

CATALOGUE = {
    "en": '''\
"""Notebook {nn}'s exercise messages (English)."""

TEXT = {{
    "q1.hint1": "Put x = 4 into y = 2x + 1.",
    "q1.hint2": "Compute 2 * 4 + 1.",
    "q1.no_bias": "that is 2 × 4 without the intercept: add b = 1.",
    "q1.otherwise": "{{shown}} is not right yet: multiply 4 by the slope 2, then add the intercept 1.",
    "q2.hint1": "A shape lists the rows, then the columns: (rows, columns). Each sample is a row.",
    "q2.transposed": "that is the shape of a row: x_ex is a column, with one row per sample.",
    "q2.otherwise": "{{shown}} is not it: count the samples (the rows) and the features (the columns).",
}}
''',
    "zh": '''\
"""Notebook {nn}'s exercise messages (简体中文)."""

TEXT = {{
    "q1.hint1": "把 x = 4 代入 y = 2x + 1。",
    "q1.hint2": "算一算 2 * 4 + 1。",
    "q1.no_bias": "这是 2 × 4，还没有加上截距：再加上 b = 1。",
    "q1.otherwise": "{{shown}} 还不对：先用斜率 2 乘以 4，再加上截距 1。",
    "q2.hint1": "形状先写行数，再写列数：(行数, 列数)。每个样本占一行。",
    "q2.transposed": "这是一行的形状：x_ex 是一列，每个样本占一行。",
    "q2.otherwise": "{{shown}} 不对：数一数有几个样本（行），几个特征（列）。",
}}

COMMENTS = {{  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.2": "斜率乘以 x，再加上截距。",
    "q2.1": "6 行（样本），1 列（特征）。",
}}
''',
}


# ------------------------------------------------------------------------------------------ building the notebooks


def md(cell_id: str, text: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": text.splitlines(True)}


def code(cell_id: str, text: str, metadata: dict | None = None) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": metadata or {},
            "outputs": [], "source": text.splitlines(True)}


def title_of(path: Path) -> str:
    """``11 · Scaling out`` from the first line of a notebook (the question after —, ——, or ： left out)."""
    first = "".join(read_notebook(path)["cells"][0]["source"]).splitlines()[0].lstrip("# ")
    return re.split(r" — |——|：", first)[0].strip()


def key_terms() -> list[tuple[str, str, str, str]]:
    """The template's key terms as (English, 中文, meaning, 释义), the glossary's words where it has them."""
    rows = {}
    if glossary.GLOSSARY.exists():
        for line in glossary.GLOSSARY.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) >= 4 and cells[0] in TERMS:
                rows[cells[0]] = tuple(cells[:4])
    return [rows.get(term, (term, *TERMS[term])) for term in TERMS]


def notebook(edition: str, nn: str, name: str, title: str, question: str, previous: Path | None) -> dict:
    """One edition of the new notebook, from the template (the Chinese cells record their English cells)."""
    t = TEXT[edition]
    separator = " — " if edition == "en" else "："
    terms = key_terms()
    small = "\n".join(f"| {en} | {zh} |" if edition == "en" else f"| {zh} | {en} |" for en, zh, _, _ in terms)
    rows = "\n".join(f"| {en} | {zh} | {meaning} |" if edition == "en" else f"| {zh} | {en} | {zh_meaning} |"
                     for en, zh, meaning, zh_meaning in terms)
    first = [t["title"].format(nn=nn, title=title, question=separator + question if question else ""), t["intro"],
             t["time"].format(name=name), t["learn"], t["terms_head"] + "\n" + small]
    if previous is not None:
        prev = previous if edition == "en" else ZH / previous.name
        first.append(t["need"].format(prev_title=title_of(prev), prev_name=previous.name))
    cells = [
        ("md", "\n\n".join(first)),
        ("code", SETUP[edition], {}),
        ("md", t["s1"]),
        ("code", DATA_CODE, {}),
        ("md", t["s1_after"]),
        ("md", t["s2"]),
        ("code", PLOT_CODE, {"alt": ALT[edition]}),
        ("md", t["s3"]),
        ("md", t["key_terms"].format(rows=rows)),
        ("md", t["summary"]),
        ("md", t["exercises"]),
        ("code", f"from linreg_utils.exercises import ____\nfrom linreg_utils.exercises.nb{nn} import q1, q2, x_ex",
         {}),
        ("md", t["ex1"]),
        ("code", "answer = ____\nq1.check(answer)", {}),
        ("code", t["hint_call"], {}),
        ("md", t["ex2"]),
        ("code", "print(x_ex)\n\nanswer = ____\nq2.check(answer)", {}),
        ("code", t["solution_call"], {}),
        ("md", t["closing"]),
    ]
    result = []
    for i, (kind, text, *metadata) in enumerate(cells):
        cell_id = f"{'md' if kind == 'md' else 'code'}-{i:03d}"
        result.append(md(cell_id, text) if kind == "md" else code(cell_id, text, copy.deepcopy(metadata[0])))
    return {"cells": result, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                         "name": "python3"}, "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def translated(en_nb: dict, zh_nb: dict) -> dict:
    """``zh_nb`` with the ids of its English twin (zh-...) and, on each Markdown cell, the record of the English cell
    it translates (what ``python tools/translation.py stamp`` writes)."""
    for en_cell, zh_cell in zip(en_nb["cells"], zh_nb["cells"], strict=True):
        zh_cell["id"] = f"zh-{en_cell['id']}"
        if zh_cell["cell_type"] == "markdown":
            zh_cell["metadata"]["translation"] = {"source": en_cell["id"], "sha": translation.sha(source(en_cell))}
    return zh_nb


def unique_id(cells: list[dict], base: str) -> str:
    used = {c.get("id") for c in cells}
    new, k = base, 0
    while new in used:
        k += 1
        new = f"{base}-{k}"
    return new


def translation_of(zh: dict, english_cell: dict, previous: Path) -> int:
    """The index of the Chinese cell that translates ``english_cell`` (its metadata names it)."""
    for i, cell in enumerate(zh["cells"]):
        record = cell.get("metadata", {}).get("translation")
        if isinstance(record, dict) and record.get("source") == english_cell.get("id"):
            return i
    raise ScaffoldError(f"notebooks/zh/{previous.name} has no cell that translates the last cell of "
                        f"notebooks/{previous.name} ({english_cell.get('id')}): bring the Chinese edition in step "
                        "first (python tools/translation.py status); nothing was written")


def link_from_previous(previous: Path, en_new: dict, zh_new: dict, nn: str, name: str, titles: dict) -> str:
    """Make the notebook before the new one lead to it, in both editions; returns what was done, in words.

    Its closing section (a last ``## `` cell that is not ``## Next``) moves to the end of the new notebook, in place
    of the template's; then a ``## Next`` cell links the new notebook. One that ends with ``## Next`` already gets a
    line that links the new notebook."""
    prev = {"en": read_notebook(previous), "zh": read_notebook(ZH / previous.name)}
    new = {"en": en_new, "zh": zh_new}
    last = prev["en"]["cells"][-1] if prev["en"]["cells"] else None
    heading = source(last).splitlines()[0] if last and last["cell_type"] == "markdown" and source(last) else ""
    if heading.startswith(NEXT_HEADING["en"]):
        zh_last = prev["zh"]["cells"][translation_of(prev["zh"], last, previous)]
        for edition, cell in (("en", last), ("zh", zh_last)):
            line = TEXT[edition]["then"].format(title=titles[edition], name=name)
            cell["source"] = (source(cell).rstrip("\n") + "\n\n" + line).splitlines(True)
        zh_last["metadata"]["translation"]["sha"] = translation.sha(source(last))
        done = f"its {NEXT_HEADING['en']} cell links notebook {nn} too"
    else:
        done = f"a {NEXT_HEADING['en']} cell links notebook {nn}"
        if heading.startswith("## "):  # the closing section of the series: it moves to the new last notebook
            zh_index = translation_of(prev["zh"], last, previous)
            moved = {"en": prev["en"]["cells"].pop(), "zh": prev["zh"]["cells"].pop(zh_index)}
            moved_id = unique_id(en_new["cells"][:-1], moved["en"]["id"])
            moved["en"]["id"], moved["zh"]["id"] = moved_id, f"zh-{moved_id}"
            moved["zh"]["metadata"]["translation"]["source"] = moved_id
            for edition in new:
                new[edition]["cells"][-1] = moved[edition]
            done = f"its closing section ({heading[3:]}) moved to notebook {nn}; {done}"
        en_id = unique_id(prev["en"]["cells"], f"md-{len(prev['en']['cells']):03d}")
        for edition in prev:
            text = TEXT[edition]["next"].format(title=titles[edition], name=name)
            prev[edition]["cells"].append(md(en_id if edition == "en" else f"zh-{en_id}", text))
        prev["zh"]["cells"][-1]["metadata"]["translation"] = {"source": en_id,
                                                               "sha": translation.sha(source(prev["en"]["cells"][-1]))}
    return prev, done


def add_readme_row(text: str, edition: str, nn: str, name: str, title: str, question: str, readme: Path) -> str:
    """README's table of notebooks with the new notebook's row after its last row."""
    row = (re.compile(r"^\| \d\d \| \[`notebooks/[^`]+`\]\(notebooks/[^)]+\) \|.*$", re.M) if edition == "en"
           else re.compile(r"^\| \d\d \| \[[^\]]+\]\(notebooks/zh/[^)]+\) \|.*$", re.M))
    rows = list(row.finditer(text))
    if not rows:
        example = ("| 01 | [`notebooks/01_x.ipynb`](notebooks/01_x.ipynb) | ... |" if edition == "en"
                   else "| 01 | [标题](notebooks/zh/01_x.ipynb) | ... |")
        raise ScaffoldError(f"{readme.name}: no table of notebooks found (rows like {example}); nothing was changed")
    if edition == "en":
        answers = question[:1].upper() + question[1:] if question else f"{title}: (the question it answers)"
        new = f"| {nn} | [`notebooks/{name}`](notebooks/{name}) | {answers} |"
    else:
        new = f"| {nn} | [{title}](notebooks/zh/{name}) | {question or '（它回答的问题）'} |"
    end = rows[-1].end()
    return text[:end] + "\n" + new + text[end:]


# ------------------------------------------------------------------------------------ writing, and undoing


class Changes:
    """Every file written or changed, with what it held before, so that a failure can put it all back."""

    def __init__(self) -> None:
        self.before: dict[Path, bytes | None] = {}

    def remember(self, path: Path) -> None:
        if path not in self.before:
            self.before[path] = path.read_bytes() if path.exists() else None

    def text(self, path: Path, text: str) -> None:
        self.remember(path)
        write_text(path, text)

    def notebook(self, nb: dict, path: Path) -> None:
        self.remember(path)
        write_notebook(nb, path)

    def changed(self) -> list[Path]:
        return [p for p, data in self.before.items() if not p.exists() or data != p.read_bytes()]

    def undo(self) -> None:
        for path, data in reversed(self.before.items()):
            if data is None:
                path.unlink(missing_ok=True)
            elif not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)


def venv_python() -> str:
    """The project's Python (.venv), which has what tools/run_notebooks.py needs; else this one."""
    python = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return str(python) if python.exists() else sys.executable


def check_arguments(nn: str, slug: str, title: str, title_zh: str, question: str, question_zh: str) -> int:
    """The number of the new notebook, once every argument and the files it would write are checked."""
    if not re.fullmatch(r"\d\d", nn) or nn == "00":
        raise ScaffoldError(f"{nn!r}: give the notebook's number as two digits, e.g. 12")
    if not NAME.match(f"{nn}_{slug}.ipynb"):
        raise ScaffoldError(f"{slug!r}: the short name is lower-case words joined by _, e.g. two_features")
    for what, value in (("title", title), ("Chinese title", title_zh), ("question", question),
                        ("Chinese question", question_zh)):
        if "\n" in value or "|" in value or (what.endswith("title") and not value.strip()):
            raise ScaffoldError(f"the {what} {value!r}: give one line of text, without |")
    if not CHINESE.search(title_zh):
        raise ScaffoldError(f"the Chinese title {title_zh!r} has no Chinese in it: give the title in Chinese, "
                            "e.g. 两个特征")
    taken = sorted(NOTEBOOKS.glob(f"{nn}_*.ipynb")) + sorted(ZH.glob(f"{nn}_*.ipynb")) + [
        p for p in (EXERCISES / f"nb{nn}.py", EXERCISES / "text" / "en" / f"nb{nn}.py",
                    EXERCISES / "text" / "zh" / f"nb{nn}.py") if p.exists()]
    english = english_paths()
    following = int(english[-1].name[:2]) + 1 if english else 1
    if taken:
        raise ScaffoldError(f"{shown(taken[0])} exists; nothing was written (the next free number is "
                            f"{following:02d})")
    if int(nn) != following:
        raise ScaffoldError(f"{nn}: the next notebook is {following:02d} (the notebooks are numbered without gaps)")
    return int(nn)


def scaffold(nn: str, slug: str, title: str, title_zh: str, question: str = "", question_zh: str = "",
             run: bool = True) -> list[str]:
    """Write and register notebook ``nn`` (see the module's docstring); returns the lines of the report."""
    number = check_arguments(nn, slug, title, title_zh, question, question_zh)
    name = f"{nn}_{slug}.ipynb"
    english = english_paths()
    previous = english[-1] if number > 1 else None
    if previous is not None:
        behind = translation.problems(previous)  # the Chinese twin is missing, stale, ...
        if behind:
            raise ScaffoldError(f"the notebook before the new one is not in step with its Chinese twin ({behind[0]}): "
                                "bring it in step first (python tools/translation.py status); nothing was written")
    en = notebook("en", nn, name, title, question, previous)
    zh = translated(en, notebook("zh", nn, name, title_zh, question_zh, previous))
    titles = {"en": f"{nn} · {title}", "zh": f"{nn} · {title_zh}"}
    report = []
    if previous is not None:
        prev, done = link_from_previous(previous, en, zh, nn, name, titles)
        report.append(f"notebooks/{previous.name} and notebooks/zh/{previous.name}: {done}")
    readmes = {edition: add_readme_row(path.read_text(encoding="utf-8"), edition, nn, name,
                                       title if edition == "en" else title_zh,
                                       question if edition == "en" else question_zh, path)
               for edition, path in README.items()}
    changes = Changes()
    for path in [*english, *chinese_paths(), glossary.GLOSSARY, *README.values()]:
        changes.remember(path)  # what reading_time.py --write and glossary.py may rewrite
    try:
        changes.notebook(en, NOTEBOOKS / name)
        changes.notebook(zh, ZH / name)
        changes.text(EXERCISES / f"nb{nn}.py", EXERCISE_MODULE.format(nn=nn, title=title))
        for edition in ("en", "zh"):
            changes.text(EXERCISES / "text" / edition / f"nb{nn}.py", CATALOGUE[edition].format(nn=nn))
        if previous is not None:
            changes.notebook(prev["en"], previous)
            changes.notebook(prev["zh"], ZH / previous.name)
        for edition, path in README.items():
            changes.text(path, readmes[edition])
        with open(os.devnull, "w") as quiet:  # their reports would repeat what ours says
            stdout, sys.stdout = sys.stdout, quiet
            try:
                reading_time.main(["--write"])
                glossary.main([])
            finally:
                sys.stdout = stdout
        stale = translation.problems(NOTEBOOKS / name) + (translation.problems(previous) if previous else [])
        if stale:
            raise ScaffoldError(f"the Chinese edition is not in step ({stale[0]}): a bug in tools/new_notebook.py")
        if run:
            print(f"running notebooks/{name} and notebooks/zh/{name} (tools/run_notebooks.py) ...", flush=True)
            done = subprocess.run([venv_python(), str(ROOT / "tools" / "run_notebooks.py"), str(NOTEBOOKS / name),
                                   str(ZH / name)], cwd=ROOT)
            if done.returncode:
                raise ScaffoldError("tools/run_notebooks.py failed on the new notebook (above); nothing was changed")
    except BaseException:
        changes.undo()
        raise
    written = [shown(p) for p, data in changes.before.items() if data is None]
    changed = [shown(p) for p in changes.changed() if changes.before[p] is not None]
    return [f"wrote {', '.join(written)}", f"changed {', '.join(changed)}", *report]


NEXT_STEPS = """\
Every check passes as it is. Now write the lesson:
  1. replace the example text, code and questions, in both editions (they run the same code):
       notebooks/{name}, notebooks/zh/{name},
       linreg_utils/exercises/nb{nn}.py and its words, text/en/nb{nn}.py and text/zh/nb{nn}.py
     (CONTRIBUTING.md: "Add a question"; python tools/translation.py status lists the Chinese cells to update,
     python tools/translation.py stamp zh/{name} CELL_ID records one);{closing}
  3. README.md and README.zh-CN.md: the question in its row of the table of notebooks, and the sentence above
     that table that says which notebooks do what;
  4. then: .venv/bin/python tools/run_notebooks.py notebooks/{name} notebooks/zh/{name}
     and make check-notebook NN={nn} (both editions, the rules, translation, glossary, the book)."""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="new_notebook.py", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=textwrap.dedent(__doc__.split("\n\n", 1)[1]))
    parser.add_argument("number", metavar="NN", help="the new notebook's number: the next free one, e.g. 12")
    parser.add_argument("slug", metavar="SLUG", help="its short name, lower-case words joined by _: two_features")
    parser.add_argument("title", metavar="TITLE", help='its English title, e.g. "Two features"')
    parser.add_argument("title_zh", metavar="TITLE_ZH", help='its Chinese title, e.g. "两个特征"')
    parser.add_argument("--question", default="", help="the question it answers, in English (after the title)")
    parser.add_argument("--question-zh", default="", help="the question it answers, in Chinese")
    parser.add_argument("--no-run", action="store_true", help="do not run the new notebooks (no stored outputs "
                        "then: run tools/run_notebooks.py on them before the tests)")
    args = parser.parse_args(argv)
    try:
        report = scaffold(args.number, args.slug, args.title.strip(), args.title_zh.strip(), args.question.strip(),
                          args.question_zh.strip(), run=not args.no_run)
    except (ScaffoldError, NotebookError) as error:
        print(f"new_notebook.py: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("new_notebook.py: interrupted; every file is as it was", file=sys.stderr)
        return 130
    print("\n".join(report))
    name = f"{args.number}_{args.slug}.ipynb"
    closing = ("\n  2. the closing section moved from the notebook before it: make its first paragraph fit the new "
               "last\n     notebook;" if any("closing section" in line for line in report)
               else "\n  2. the closing section: make it fit the new last notebook;")
    print(NEXT_STEPS.format(name=name, nn=args.number, closing=closing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
