"""Chinese typesetting, checked on what the book renders (the rules: ../shared/STYLE.md, "Chinese prose").

What is checked: every Markdown cell of both editions (notebooks/, notebooks/zh/), every message of the Chinese
exercise catalogue (linreg_utils/exercises/text/zh/*.py: TEXT, which Jupyter shows as Markdown, against every rule;
COMMENTS, the comments of the solutions' code, against ``breaks`` and ``words``; the plain-text catalogues
library.py and figures.py against ``words``) and the Chinese
Markdown pages (README.zh-CN.md, docs/*.zh-CN.md, docs/book/zh/*.md). Each is parsed with the parser the book uses:
MyST's markdown-it-py with the extensions docs/book/conf.py enables (dollarmath, amsmath, colon_fence). The rules
look at the parsed text only: code, maths and HTML are never looked at.

1. ``breaks``: no line break inside a Chinese paragraph. A line break inside a paragraph renders as a space
   ("中文 中文", "。 后面"). In Chinese text (the Chinese edition, the catalogue, the Chinese pages) a paragraph,
   list item or quote with Chinese in it is one line of source. In the English edition a break fails when the
   nearest characters on both sides of it (ASCII punctuation skipped: "变化,⏎输入") are Chinese: a quoted Chinese
   sentence. Breaks between paragraphs, list items, table rows and headings, and inside fences, ``$$`` blocks
   (which need a blank line before them in MyST) and HTML, are fine; so is a hard break (two trailing spaces).
2. ``markers``: emphasis markers render: no ``*`` or ``**`` is left in the rendered text. CommonMark does not
   close ``**这意味着：**`` when Chinese follows it directly, and prints the asterisks. A ``*`` with a space on
   both sides is a multiplication (``4 * -1``, ``noise_std ** 2``) and is fine.
3. ``punctuation``: full-width punctuation (，。、；：！？) goes outside the markers: ``**这意味着**：``, not
   ``**这意味着：**`` (which renders only when a space follows it, and a space after "：" is wrong too).
4. ``labels``: one form for an exercise label. A paragraph that starts with a label (练习 N, bold or not, then a
   colon or a full stop) starts ``**练习 N**：``; in English ``**Exercise N.** `` (the form the English notebooks
   use). A mention such as "练习 2 得到的梯度" is not a label.
5. ``words``: 本笔记本 for the notebook, 第 N 节 for a section.

   - 本篇 and 本章 are not used: the notebook is 本笔记本 (or 这个笔记本).
   - 本节 means "this section", so it appears only inside a numbered section of a notebook (under a
     ``## N.`` heading). In the title cell and under 原文摘录, 关键术语, 小结, 练习 and 下一步 the only thing it
     could mean is the whole notebook; a catalogue message belongs to no section. (The Markdown pages are
     not notebooks: 本节 is not checked there.)
   - a section number is written 第 N 节: Arabic digits with a space on each side, not 第N节 or 第三节.

The checker itself is tested first: a break inside a Chinese sentence and ``**这意味着：**`` fail, their
corrected twins pass.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS_ZH = sorted((ROOT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))
CATALOGUE_ZH = sorted((ROOT / "linreg_utils" / "exercises" / "text" / "zh").glob("*.py"))
PAGES_ZH = sorted(
    [ROOT / "README.zh-CN.md", *(ROOT / "docs").glob("*.zh-CN.md"), *(ROOT / "docs" / "book" / "zh").glob("*.md")]
)
RULES = ("breaks", "markers", "punctuation", "labels", "words")

CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
ASCII_MARKS = re.compile(r"[\s!-/:-@\[-`{-~]+")  # spaces and ASCII punctuation
INSIDE_PUNCTUATION = "，。、；：！？"
VISIBLE = ("text", "code_inline", "math_inline", "math_inline_double", "html_inline")
LABEL_START = {"zh": re.compile(r"(\*\*)?练习\s*\d+\s*(\*\*)?\s*[.．:：]"),
               "en": re.compile(r"(\*\*)?Exercise\s*\d+\s*(\*\*)?\s*[.:]")}
LABEL_FORM = {"zh": re.compile(r"\*\*练习 \d+\*\*："), "en": re.compile(r"\*\*Exercise \d+\.\*\* ")}
LABEL_EXAMPLE = {"zh": "**练习 N**：", "en": "**Exercise N.** "}
SECTION_NUMBER = re.compile(r"第\s*[0-9０-９一二三四五六七八九十]+\s*节")

_PARSER = create_md_parser(
    MdParserConfig(enable_extensions={"dollarmath", "amsmath", "colon_fence"}), RendererHTML
)


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str  # a cell id, a catalogue key or a line number
    what: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.rule}] {self.what}"


# -------------------------------------------------------------------------------------------- the checker


def _text(token: Token) -> str:
    return token.content if token.type in VISIBLE else ""


def _excerpt(before: str, after: str, mark: str = "⏎") -> str:
    return f"…{before[-15:]}{mark}{after[:15]}…"


def _paragraphs(tokens: list[Token]) -> Iterator[tuple[Token, list[Token]]]:
    """Each inline token (a paragraph, list item's text, heading, table cell) and its children, images' alt too."""
    for token in tokens:
        if token.type == "inline":
            children = token.children or []
            yield token, children
            for child in children:
                if child.type == "image" and child.children:
                    yield child, child.children


def check_markdown(source: str, *, chinese: bool, language: str, where: str = "", sections: bool | None = None
                   ) -> list[Problem]:
    """The typesetting problems of one piece of Markdown (a catalogue message, a page, a probe).

    Args:
        source: the Markdown text.
        chinese: True for Chinese text (the Chinese edition, the catalogue, the Chinese pages): a paragraph with
            Chinese in it is one line. False for the English edition: only a break between two Chinese characters
            fails.
        language: "zh" or "en", for the form of the exercise labels.
        where: what to call the source in a problem (a cell id, a catalogue key, a line).
        sections: how 本节 is checked. None: not at all (a Markdown page); False: never right (a catalogue
            message, or a cell before any numbered section); True: right (a cell inside a numbered section).
            A heading in the text itself changes it from there on: "## 2. ..." to True, "## 小结" to False.

    Returns:
        a list of :class:`Problem` (empty when the text is typeset well).

    Example:
        >>> [p.rule for p in check_markdown("**这意味着：**先减去均值。", chinese=True, language="zh")]
        ['markers', 'markers']
    """
    return _check(source, chinese=chinese, language=language, where=where, sections=sections)[0]


def _check(source: str, *, chinese: bool, language: str, where: str, sections: bool | None
           ) -> tuple[list[Problem], bool | None]:
    """:func:`check_markdown`, and ``sections`` as it stands at the end of the text (for the next cell)."""
    problems: list[Problem] = []
    tokens = _PARSER.parse(source)
    heading = None
    for i, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            heading = token.tag if token.type == "heading_open" else None
        if token.type != "inline":
            continue
        if heading == "h2" and sections is not None:
            sections = bool(re.match(r"\d+\.", token.content))
        before = tokens[i - 1] if i else None
        problems += _check_inline(token, before, chinese=chinese, language=language, where=where, sections=sections)
    return problems, sections


def _check_inline(token: Token, before: Token | None, *, chinese: bool, language: str, where: str,
                  sections: bool | None) -> Iterator[Problem]:
    for owner, children in _paragraphs([token]):
        rendered = "".join(child.content for child in children if child.type == "text")
        has_chinese = bool(CHINESE.search("".join(_text(child) for child in children)))
        for k, child in enumerate(children):
            left = next((_text(c) for c in reversed(children[:k]) if _text(c)), "")
            right = next((_text(c) for c in children[k + 1:] if _text(c)), "")
            if child.type == "softbreak":
                letters = ASCII_MARKS.sub("", left)[-1:], ASCII_MARKS.sub("", right)[:1]  # "变化,⏎输入": 化, 输
                both = all(letters) and all(CHINESE.match(letter) for letter in letters)
                if both or (chinese and has_chinese):
                    yield Problem("breaks", where, f"a line break inside a paragraph renders as a space: "
                                                   f"{_excerpt(left, right)} (join the two lines)")
            elif child.type == "text":
                for run in re.finditer(r"\*+", child.content):
                    a, b = child.content[run.start() - 1: run.start()], child.content[run.end(): run.end() + 1]
                    if not (a.isspace() and b.isspace()):
                        shown = _excerpt(child.content[: run.start()], child.content[run.end():], run.group())
                        yield Problem("markers", where, f"{run.group()!r} is printed, not rendered: {shown} "
                                                        "(put full-width punctuation outside the markers)")
            elif child.type in ("strong_close", "em_close") and left and left[-1] in INSIDE_PUNCTUATION:
                yield Problem("punctuation", where, f"{left[-1]!r} inside {child.markup}...{child.markup}: "
                                                    f"{_excerpt(left, right, child.markup)} (write "
                                                    f"{child.markup}...{child.markup}{left[-1]})")
        if owner is not token:
            continue
        if before is not None and before.type == "paragraph_open" and LABEL_START[language].match(token.content):
            if not LABEL_FORM[language].match(token.content):
                yield Problem("labels", where, f"exercise label {token.content[:16]!r}...: write it "
                                               f"{LABEL_EXAMPLE[language]!r}")
        for word in re.finditer(r"本篇|本章", rendered):
            shown = _excerpt(rendered[: word.start()], rendered[word.start():], "")
            yield Problem("words", where, f"{word.group()}: {shown} (the notebook is 本笔记本)")
        if sections is False:
            for word in re.finditer(r"本节", rendered):
                shown = _excerpt(rendered[: word.start()], rendered[word.start():], "")
                yield Problem("words", where, f"本节 outside a numbered section means the notebook: {shown} "
                                              "(write 本笔记本, or 第 N 节 for a section)")
        for number in SECTION_NUMBER.finditer(rendered):
            if not re.fullmatch(r"第 \d+ 节", number.group()):
                yield Problem("words", where, f"{number.group()!r}: write a section number 第 N 节 "
                                              "(Arabic digits, a space on each side)")


def check_cells(cells: list[dict], *, chinese: bool) -> list[Problem]:
    """The typesetting problems of a notebook's Markdown cells, each named by its cell id."""
    problems: list[Problem] = []
    sections: bool | None = False  # the title cell comes before "## 1."
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        found, sections = _check(source, chinese=chinese, language="zh" if chinese else "en", where=cell["id"],
                                 sections=sections)
        problems += found
    return problems


def check_notebook(path: Path) -> list[Problem]:
    """:func:`check_cells` of a notebook file; a notebook in notebooks/zh/ is Chinese."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return check_cells(cells, chinese=path.parent.name == "zh")


def catalogue(path: Path) -> dict[str, dict[str, str]]:
    """The dicts of a catalogue file (TEXT, COMMENTS), read without importing linreg_utils (and PyTorch)."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


# catalogues whose messages are plain text, not Markdown: the library's errors and warnings (printed in a
# traceback) and the figures' texts (drawn by matplotlib, where a line break in a title is meant)
PLAIN_TEXT = {"library.py", "figures.py"}


def check_catalogue(path: Path) -> list[Problem]:
    """TEXT messages are Markdown (every rule); COMMENTS are comments in a solution's code (breaks and words);
    the plain-text catalogues (PLAIN_TEXT) meet the wording rule only."""
    problems: list[Problem] = []
    for name, messages in catalogue(path).items():
        for key, message in messages.items():
            found = check_markdown(message, chinese=True, language="zh", where=f"{name}[{key!r}]", sections=False)
            if path.name in PLAIN_TEXT:
                problems += [p for p in found if p.rule == "words"]
            else:
                problems += [p for p in found if name == "TEXT" or p.rule in ("breaks", "words")]
    return problems


def check_page(path: Path) -> list[Problem]:
    """A Chinese Markdown page; a problem is named by its line number."""
    problems: list[Problem] = []
    tokens = _PARSER.parse(path.read_text(encoding="utf-8"))
    for before, token in zip([None, *tokens], tokens, strict=False):
        if token.type == "inline" and token.map:
            problems += _check_inline(token, before, chinese=True, language="zh", where=f"line {token.map[0] + 1}",
                                      sections=None)
    return problems


@cache
def problems_of(path: Path) -> tuple[Problem, ...]:
    if path.suffix == ".ipynb":
        return tuple(check_notebook(path))
    if path.suffix == ".py":
        return tuple(check_catalogue(path))
    return tuple(check_page(path))


# ------------------------------------------------------------------------------------ the checker's tests


def _rules(source: str, **kwargs) -> list[str]:
    kwargs.setdefault("chinese", True)
    kwargs.setdefault("language", "zh")
    return [problem.rule for problem in check_markdown(source, **kwargs)]


def test_a_line_break_inside_a_chinese_sentence_fails():
    assert _rules("模型要学习，先得有例子。这里我们自己定一条规则，\n再按这条规则造出例子。") == ["breaks"]
    assert _rules("先得有例子。\n`make_linear_data` 一步做到。") == ["breaks"]  # "。 make_..." renders a space
    assert _rules("- 第一项，\n  还是第一项") == ["breaks"]  # inside a list item


def test_breaks_between_paragraphs_list_items_and_blocks_pass():
    assert _rules("模型要学习，先得有例子。这里我们自己定一条规则，再按这条规则造出例子。") == []
    assert _rules("第一段。\n\n第二段。\n- 第一项\n- 第二项\n\n| 中文 | English |\n|---|---|\n| 权重 | weight |") == []
    blocks = "## 标题\n正文：\n\n$$\nw = 2\n$$\n\n```python\nx = 1  # 注释\ny = 2\n```\n<div>\n中文\n中文\n</div>"
    assert _rules(blocks) == []


def test_the_english_edition_may_break_next_to_chinese_but_not_inside_it():
    english = {"chinese": False, "language": "en"}
    assert _rules("Regression (线性回归) looks\nfor a line. Skip them.\n中文版: [zh](zh/01.ipynb)", **english) == []
    assert _rules("> 如果输入变化很小,为了模拟更细微的变化,\n> 输入和输出数值不只是0到1", **english) == ["breaks"]
    assert _rules("如果输入变化很小,为了模拟更细微的变化,输入和输出数值不只是0到1", **english) == []


def test_bold_with_the_colon_inside_fails_and_with_the_colon_outside_passes():
    assert _rules("**这意味着：**先减去均值。") == ["markers", "markers"]  # both "**" are printed
    assert _rules("**这意味着**：先减去均值。") == []
    assert _rules("*为什么读：*它展示了一个真正的数据并行程序。") == ["markers", "markers"]
    assert _rules("*为什么读*：它展示了一个真正的数据并行程序。") == []


def test_punctuation_inside_markers_fails_even_where_it_renders():
    assert _rules("**阅读时间：** 核心路径约 30 分钟。") == ["punctuation"]  # renders, with a space after "："
    assert _rules("- **数据太多。** 一台机器放不下。") == ["punctuation"]
    assert _rules("- **数据太多**。一台机器放不下。") == []


def test_multiplication_signs_code_and_maths_are_not_markers():
    assert _rules("还要加上经过第二个隐藏值的路径（4 * -1），方差是 noise_std ** 2。") == []
    assert _rules("用 `z * (z > 0)` 或 $a*b$，损失是 `(y_pred - y)**2`。") == []
    assert _rules("R² = 1 - sum((y_true - y_pred)**2)。") == ["markers"]  # "**2" opens nothing and is printed


def test_exercise_labels_have_one_form():
    for wrong in ("**练习 1：** 构造 x。", "**练习 1.** 构造 x。", "练习 1：构造 x。", "**练习1**：构造 x。"):
        assert "labels" in _rules(wrong), wrong
    assert _rules("**练习 1**：构造 x。") == []
    assert _rules("这是练习 2 要用的输入。") == [] and _rules("练习 2 得到的梯度是 -13。") == []  # mentions
    english = {"chinese": False, "language": "en"}
    assert _rules("**Exercise 1.** Build x.", **english) == []
    assert _rules("**Exercise 1:** Build x.", **english) == ["labels"]


def test_this_notebook_and_section_n():
    assert _rules("本篇也叫它噪声底线。") == ["words"]
    assert _rules("本笔记本也叫它噪声底线。见第 3 节。") == []
    assert _rules("见第3节和第三节。") == ["words", "words"]
    assert _rules("本节先推导公式。", sections=False) == ["words"]  # a catalogue message is in no section
    cells = ["# 07 · 标题\n\n本节先推导公式。", "## 1. 公式\n\n本节用数字说明。", "这里本节也对。",
             "## 小结\n\n本节讲了公式。", "## 9. 选读 (optional, 选读)\n\n本节可以跳过。"]
    cells = [{"cell_type": "markdown", "id": f"c{i}", "source": source} for i, source in enumerate(cells)]
    assert [(p.where, p.rule) for p in check_cells(cells, chinese=True)] == [("c0", "words"), ("c3", "words")]


def test_the_checker_reads_real_sources():
    assert len(NOTEBOOKS) == len(NOTEBOOKS_ZH) >= 11
    assert "q1.hint1" in catalogue(ROOT / "linreg_utils" / "exercises" / "text" / "zh" / "nb01.py")["TEXT"]
    assert (ROOT / "README.zh-CN.md") in PAGES_ZH


# --------------------------------------------------------------------------------------- the sources


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix().replace("notebooks/", "").replace("linreg_utils/exercises/text/", "")


SOURCES = [*NOTEBOOKS, *NOTEBOOKS_ZH, *CATALOGUE_ZH, *PAGES_ZH]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("path", SOURCES, ids=_id)
def test_typeset_as_chinese(path, rule):
    problems = [str(p) for p in problems_of(path) if p.rule == rule]
    assert not problems, f"{_id(path)}: {len(problems)} problem(s)\n" + "\n".join(problems)
