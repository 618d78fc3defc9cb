"""Figures in the learner's language: every figure text of the notebooks has its Chinese, and without a Chinese
font the figures keep their English text with no warning.

The two editions run the same code, so the texts are found in the English notebooks' code cells: every call that
draws a text (``set_title``, ``set_xlabel``, ``label=``, ``ax.text``, ``annotate``, ...) and, when it draws a
variable, the strings that variable is made from (a list, a dict, an assignment, a function's argument).
"""

import ast
import functools
import json
import re
import string
import warnings
from pathlib import Path

import matplotlib
import pytest
from IPython.core.inputtransformer2 import TransformerManager

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from linreg_utils import figure_text  # noqa: E402
from linreg_utils.language import catalogue, set_language  # noqa: E402

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHINESE = catalogue("figures", "zh")

FIRST = {"set_title", "set_xlabel", "set_ylabel", "set_zlabel", "xlabel", "ylabel", "title", "suptitle", "supxlabel",
         "supylabel", "set_label", "set_text", "annotate", "figtext"}  # the text is the first argument
THIRD = {"text", "text2D", "text3D"}  # ax.text(x, y, text)
KEYWORDS = {"label", "title", "xlabel", "ylabel", "labels"}
# strings that sit beside texts in lists, tuples and dicts but are drawing options or their names, not words
OPTIONS = {"bold", "normal", "italic", "center", "left", "right", "top", "bottom", "baseline", "none", "equal", "off",
           "on", "log", "linear", "upper left", "upper right", "lower left", "lower right", "best", "color", "marker",
           "markersize", "linestyle", "linewidth", "zorder", "alpha", "facecolor", "edgecolor", "fontsize",
           "fontweight", "arrowstyle", "pad"}


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _templates(node: ast.AST) -> list[str] | None:
    """The texts an expression makes from literals, each variable part as ``{}``; None if not made from literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [_escaped(node.value)]
    if isinstance(node, ast.JoinedStr):
        texts = [""]
        for part in node.values:
            piece = _escaped(part.value) if isinstance(part, ast.Constant) else "{}"
            texts = [t + piece for t in texts]
        return texts
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _templates(node.left), _templates(node.right)
        return None if left is None or right is None else [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        body, orelse = _templates(node.body), _templates(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _strings(node: ast.AST) -> list[str]:
    """Every text written in an expression (an f-string counts once, as a template)."""
    found = _templates(node)
    if found is not None:
        return found
    return [text for child in ast.iter_child_nodes(node) for text in _strings(child)]


def _fields(node: ast.AST) -> list[ast.AST]:
    return [v.value for n in ast.walk(node) if isinstance(n, ast.JoinedStr) for v in n.values
            if isinstance(v, ast.FormattedValue)]


@functools.cache
def figure_texts(path: Path) -> dict[str, str]:
    """The texts with words that a notebook's figures draw, as templates: text -> where (``"04 cell 37"``)."""
    cells = []
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "code":
            source = TransformerManager().transform_cell("".join(cell["source"]))  # %magics become Python
            try:
                cells.append((number, ast.parse(source)))
            except SyntaxError as err:
                pytest.fail(f"{path.name} cell {number} is not Python: {err}", pytrace=False)

    calls: dict[str, list[ast.Call]] = {}  # function name -> its calls, in the whole notebook
    for _, tree in cells:
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
                calls.setdefault(call.func.id, []).append(call)

    def bindings(tree: ast.AST) -> dict[str, list[ast.AST]]:
        """What each name is set to in ``tree``: assignments, loop targets, and a function parameter's arguments."""
        found: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                targets, value = [n for t in node.targets for n in ast.walk(t)], [node.value]
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets, value = list(ast.walk(node.target)), [node.iter]
            elif isinstance(node, ast.FunctionDef):
                for index, parameter in enumerate(node.args.args):
                    found.setdefault(parameter.arg, []).extend(
                        call.args[index] for call in calls.get(node.name, []) if len(call.args) > index)
                continue
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).extend(value)
        return found

    per_cell = {id(tree): bindings(tree) for _, tree in cells}
    everywhere: dict[str, list[ast.AST]] = {}
    for found in per_cell.values():
        for name, values in found.items():
            everywhere.setdefault(name, []).extend(values)

    def resolve(node: ast.AST, tree: ast.AST, seen: set[str]) -> list[str]:
        """The strings a drawn expression can be: its own text and those of the variables it is made from.

        A variable set in the same cell is looked up there; one set in no cell of its own, in the whole notebook.
        """
        own = _templates(node)
        texts = []
        for part in _fields(node) if own is not None else [node]:
            for name in {n.id for n in ast.walk(part) if isinstance(n, ast.Name)} - seen:
                seen.add(name)
                for source in per_cell[id(tree)].get(name) or everywhere.get(name, []):
                    texts += _strings(source) + resolve(source, tree, seen)
        if own is not None and any(needs_words(text) for text in texts):
            composed.update(own)  # "{} (n = 11)" filled with "no noise": an entry for the whole is needed
        return list(own or []) + texts

    composed: set[str] = set()
    texts = {}
    for number, tree in cells:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
            drawn = [call.args[0]] if name in FIRST and call.args else []
            drawn += [call.args[2]] if name in THIRD and len(call.args) >= 3 else []
            drawn += [k.value for k in call.keywords if k.arg in KEYWORDS]
            for node in drawn:
                for text in resolve(node, tree, set()):
                    texts.setdefault(text, f"{path.name[:2]} cell {number}")
    return {text: where for text, where in texts.items() if needs_words(text) or text in composed}


def needs_words(text: str) -> bool:
    """A text with words to translate: not maths, a color, a line style or a single letter like "x"."""
    if "$" in text:  # maths: matplotlib draws it with its own fonts, which have no Chinese
        return False
    if text in OPTIONS or mcolors.is_color_like(text) or text in Line2D.lineStyles or text in Line2D.markers:
        return False
    return bool(re.search(r"[A-Za-z]{2,}", text.replace("{}", "")))


def _has_entry(text: str) -> bool:
    """True when the catalogue translates ``text`` (a template: each ``{}`` a variable part) as a whole.

    Each variable part is filled with a marker; the entry found must give each marker a field of its own,
    so that ``"lr = {lr}"`` does not count as the entry of ``"lr = {} ({})"``.
    """
    parts = text.split("{}")
    shown = "".join(part + (f"⟨{i}⟩" if i < len(parts) - 1 else "") for i, part in enumerate(parts))
    found = figure_text._match(shown.replace("{{", "{").replace("}}", "}"), CHINESE)
    return found is not None and all("⟨" not in value or re.fullmatch(r"⟨\d+⟩", value) for value in found[1].values())


def test_every_figure_text_in_the_notebooks_has_its_chinese():
    missing = {}
    for path in NOTEBOOKS:
        for text, where in figure_texts(path).items():
            if not _has_entry(text):
                missing.setdefault(text, where)
    assert not missing, "figure texts without Chinese in linreg_utils/exercises/text/zh/figures.py: " + "; ".join(
        f"{text!r} ({where})" for text, where in missing.items())


def test_the_notebooks_have_many_figure_texts_to_check():
    texts = {text for path in NOTEBOOKS for text in figure_texts(path)}
    assert len(texts) > 120
    assert {"epoch", "loss (MSE)", "no noise", "too slow", "lr = {}", "seed {}: y = {}x + {}", "{} (n = 11)"} <= texts


def test_each_chinese_text_fills_in_only_fields_of_its_english_key():
    def fields(template: str) -> list[str | None]:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]

    for key, chinese in CHINESE.items():
        assert "" not in fields(key) and len(fields(key)) == len(set(fields(key))), f"{key!r}: name each field once"
        assert set(fields(chinese)) <= set(fields(key)), f"{key!r}: the Chinese uses a field the English lacks"
        assert not fields(key) or re.sub(r"\{\w+\}", "", key).strip(), f"{key!r}: a template needs fixed words"
        assert "$" not in key, f"{key!r}: maths cannot be drawn with Chinese in it"


@pytest.mark.parametrize(("english", "chinese"), [
    ("epoch", "轮数（epoch）"),
    ("lr = 0.01 (the post's)", "lr = 0.01（原文的取值）"),
    ("no noise (n = 11)", "没有噪声（n = 11）"),
    ("epoch 12: w = 1.904, b = 1.650", "第 12 轮：w = 1.904，b = 1.650"),
    ("lr = 0.5: 1 epoch", "lr = 0.5：1 轮"),
    ("inf at\nepoch 305", "第 305 轮\n变成 inf"),
    ("w", "w"),
])
def test_a_text_is_translated_whole_or_by_its_template(english, chinese):
    assert figure_text.translate(english, CHINESE) == chinese


def _draw_a_notebook_figure():
    from linreg_utils.plotting import plot_loss

    fig, ax = plt.subplots()
    plot_loss([3.0, 2.0, 1.0], ax=ax, label="lr = 0.01")
    ax.set_title("lr = 0.01 (the post's)")
    ax.legend()
    return fig, ax


def test_without_a_chinese_font_the_figures_keep_english_and_nothing_warns(monkeypatch, capsys):
    monkeypatch.setattr(figure_text, "cjk_font", lambda: None)
    family = list(matplotlib.rcParams["font.family"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        set_language("zh")
        try:
            fig, ax = _draw_a_notebook_figure()
            assert figure_text.translate_artist(fig) == 0
            fig.canvas.draw()
        finally:
            set_language("en")
    assert (ax.get_xlabel(), ax.get_title()) == ("epoch", "lr = 0.01 (the post's)")
    assert list(matplotlib.rcParams["font.family"]) == family
    assert capsys.readouterr() == ("", "")
    plt.close(fig)


@pytest.mark.skipif(figure_text.cjk_font() is None, reason="no Chinese font installed (e.g. fonts-noto-cjk)")
def test_with_a_chinese_font_the_figures_draw_chinese_without_missing_glyphs():
    family = list(matplotlib.rcParams["font.family"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would fail here
        set_language("zh")
        try:
            assert list(matplotlib.rcParams["font.family"]) == [*family, figure_text.cjk_font()]
            fig, ax = _draw_a_notebook_figure()  # plot_loss translates its own labels
            assert ax.get_xlabel() == "轮数（epoch）" and ax.get_ylabel() == "损失（MSE）"
            assert figure_text.translate_artist(fig) == 1  # the notebook's own title (legend: done by plot_loss)
            assert ax.get_title() == "lr = 0.01（原文的取值）"
            fig.canvas.draw()
        finally:
            set_language("en")
    assert list(matplotlib.rcParams["font.family"]) == family  # English: the font settings are as before
    plt.close(fig)


@pytest.mark.skipif(figure_text.cjk_font() is None, reason="no Chinese font installed (e.g. fonts-noto-cjk)")
def test_a_chinese_font_installed_after_matplotlib_cached_its_font_list_is_found(monkeypatch):
    """``apt install fonts-noto-cjk`` after matplotlib wrote its font cache: the cache lacks the font, the system
    has it. The font is found and added for this process only (matplotlib's cache file is not rewritten)."""
    import copy

    from matplotlib import font_manager

    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [font for font in font_manager.fontManager.ttflist if font.name not in figure_text.CJK_FAMILIES]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    monkeypatch.setitem(figure_text._state, "font", figure_text._UNSEARCHED)
    cache = Path(matplotlib.get_cachedir())
    before = {p: p.stat().st_mtime_ns for p in cache.glob("fontlist-*.json")}
    assert figure_text.cjk_font() in figure_text.CJK_FAMILIES
    assert {p: p.stat().st_mtime_ns for p in cache.glob("fontlist-*.json")} == before
