"""Figures in the learner's language: Chinese titles, axis labels, legends and notes, in a Chinese font.

The two editions of a notebook run the same code, so a Chinese notebook's ``ax.set_xlabel("epoch")`` is
written in English. With the language ``"zh"`` (``set_language("zh")``), the text of a figure is translated
just before the figure is shown: every text of the figure (title, axis labels, legend, notes) whose English
is in the catalogue ``linreg_utils/exercises/text/zh/figures.py`` gets its Chinese. A catalogue key is
either the exact English, ``"epoch"``, or a template with fields for the parts that vary,
``"epoch {epoch}: w = {w}, b = {b}"``; a field's text is translated too when the catalogue has it.

Chinese needs a font that has Chinese characters. The first one matplotlib knows of (Noto Sans CJK SC,
Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Zen Hei, SimHei, ...) is added *after* the
usual font, so letters and digits look as in the English edition and only Chinese characters come from
it. When no such font is installed the figures keep their English text: no warning, no empty boxes.

In Jupyter the translation runs in IPython's display step of a figure (``plt.show()`` and the figures
shown at the end of a cell); :mod:`linreg_utils.plotting`'s helpers translate their own figures
everywhere. This module is switched on and off by :func:`linreg_utils.language.set_language`.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["CJK_FAMILIES", "cjk_font", "entry", "translate", "translate_artist", "use"]

# Fonts with the Chinese characters, best first: the ones each system ships, then any CJK font at all.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Heiti SC",
    "STHeiti",
    # other CJK fonts draw simplified Chinese too (matplotlib < 3.10 sees only the first font of a .ttc file)
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "PingFang TC",
    "PingFang HK",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)
# File names of such fonts, for one installed after matplotlib cached its list of fonts
_CJK_FILE = re.compile(r"cjk|sourcehan|notosanssc|msyh|yahei|pingfang|hiragino|wqy|wenquanyi|simhei|droidsansfallback",
                       re.IGNORECASE)
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_MATH = re.compile(r"(?<!\\)\$")
_UNSEARCHED = object()
_state: dict[str, Any] = {"table": None, "font": _UNSEARCHED, "family": None, "before": None, "templates": {}}


def cjk_font() -> str | None:
    """The name of a font matplotlib can draw Chinese with, or ``None`` when none is installed.

    Searched once per process, in the order of :data:`CJK_FAMILIES`. A font installed after matplotlib
    built its font cache (e.g. ``apt install fonts-noto-cjk``) is found too: its files are added to this
    process's font list, and matplotlib's cache is left as it is.

    Example:
        >>> cjk_font() in CJK_FAMILIES + (None,)
        True
    """
    if _state["font"] is _UNSEARCHED:
        from matplotlib import font_manager

        def first() -> str | None:
            names = {font.name for font in font_manager.fontManager.ttflist}
            return next((family for family in CJK_FAMILIES if family in names), None)

        found = first()
        if found is None:
            for path in font_manager.findSystemFonts():
                if _CJK_FILE.search(Path(path).name):
                    try:
                        font_manager.fontManager.addfont(path)
                    except (OSError, RuntimeError, ValueError):  # a damaged or unreadable font file: skip it
                        continue
            found = first()
        _state["font"] = found
    return _state["font"]


def _templates(table: dict[str, str]) -> list[tuple[str, re.Pattern[str]]]:
    """The catalogue's keys with fields, as patterns, the most specific (most fixed text) first."""
    keys = tuple(table)
    cached = _state["templates"].get(id(table))
    if cached is not None and cached[0] is table and cached[1] == keys:  # a table changed since: compile again
        return cached[2]
    patterns = []
    for key in table:
        parts = list(string.Formatter().parse(key))
        if all(field is None for _, field, _, _ in parts):
            continue
        regex = "".join(re.escape(literal) + (f"(?P<{field}>.*?)" if field is not None else "")
                        for literal, field, _, _ in parts)
        fixed = sum(len(literal) for literal, _, _, _ in parts)
        patterns.append((fixed, key, re.compile(regex, re.DOTALL)))
    compiled = [(key, pattern) for _, key, pattern in sorted(patterns, key=lambda p: -p[0])]
    _state["templates"][id(table)] = (table, keys, compiled)
    return compiled


def entry(text: str, table: dict[str, str] | None = None) -> str | None:
    """The catalogue key that translates ``text`` (the text itself, or a template it fits), or ``None``.

    Example:
        >>> entry("epoch 12", {"epoch {epoch}": "第 {epoch} 轮"}), entry("w", {"epoch": "轮数"})
        ('epoch {epoch}', None)
    """
    found = _match(text, _state["table"] if table is None else table)
    return None if found is None else found[0]


def _match(text: str, table: dict[str, str] | None) -> tuple[str, dict[str, str]] | None:
    """``(key, fields)`` of the entry for ``text``: the exact text first, then the most specific template."""
    if not table or not text:
        return None
    if text in table:
        return text, {}
    for key, pattern in _templates(table):
        match = pattern.fullmatch(text)
        if match:
            return key, match.groupdict()
    return None


def translate(text: str, table: dict[str, str] | None = None) -> str:
    """The Chinese of one figure text, or ``text`` itself when the catalogue has no entry for it.

    A template's fields are translated too when the catalogue has them (``{note}`` below).

    Args:
        text: the English, e.g. ``"epoch"`` or ``"lr = 0.01 (the post's)"``.
        table: English -> Chinese entries (default: the catalogue of the current language; none for English).

    Example:
        >>> table = {"epoch": "轮数", "too slow": "太慢", "lr = {lr} ({note})": "lr = {lr}（{note}）"}
        >>> translate("epoch", table), translate("lr = 0.001 (too slow)", table), translate("w", table)
        ('轮数', 'lr = 0.001（太慢）', 'w')
    """
    table = _state["table"] if table is None else table
    found = _match(text, table)
    if found is None:
        return text
    key, fields = found
    return table[key].format(**{name: translate(value, table) for name, value in fields.items()})


def _drawable(text: str) -> bool:
    """False for Chinese inside a text with maths: matplotlib's maths renderer has no Chinese glyphs."""
    return not (_CHINESE.search(text) and len(_MATH.findall(text)) >= 2)


def _texts(artist: Any) -> Iterator[Any]:
    from matplotlib.text import Text

    yield from artist.findobj(Text)


def translate_artist(artist: Any) -> int:
    """Translate the texts of a figure or an axes in place, and the labels its legend is made from.

    Does nothing unless the language is Chinese and a Chinese font is installed (:func:`cjk_font`).

    Args:
        artist: a ``matplotlib.figure.Figure`` or ``Axes`` (anything with ``findobj``).

    Returns:
        How many texts and labels were translated.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> _ = ax.set_xlabel("epoch")
        >>> translate_artist(fig)  # the language is English: nothing to do
        0
        >>> plt.close(fig)
    """
    table, font = _state["table"], (cjk_font() if _state["table"] else None)
    if not table or font is None:
        return 0
    from matplotlib.artist import Artist
    from matplotlib.text import Text

    changed = 0
    for text in _texts(artist):
        old = text.get_text()
        new = translate(old, table)
        if new != old and _drawable(new) and not text.get_usetex():
            text.set_text(new)
            families = list(text.get_fontfamily())
            if font not in families:
                text.set_fontfamily([*families, font])
            changed += 1
    for item in artist.findobj(lambda a: isinstance(a, Artist) and not isinstance(a, Text)):
        label = item.get_label()
        if isinstance(label, str) and label and not label.startswith("_"):
            new = translate(label, table)
            if new != label and _drawable(new):
                item.set_label(new)
                changed += 1
    return changed


# ---------------------------------------------------------------------------------- matplotlib and IPython


def _use_font() -> None:
    """Add the Chinese font after the usual one in ``rcParams["font.family"]`` (kept in step if reset)."""
    import matplotlib

    font = cjk_font()
    families = list(matplotlib.rcParams["font.family"])
    if font is None or font in families:
        return
    _state["before"] = families
    _state["family"] = [*families, font]
    matplotlib.rcParams["font.family"] = _state["family"]


def _restore_font() -> None:
    if _state["family"] is None or "matplotlib" not in sys.modules:
        return
    import matplotlib

    if list(matplotlib.rcParams["font.family"]) == _state["family"]:
        matplotlib.rcParams["font.family"] = _state["before"]
    _state["family"] = _state["before"] = None


def _shell() -> Any:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell if shell is not None and hasattr(shell, "display_formatter") else None


def _translating(format_: Any) -> Any:
    """IPython's ``display_formatter.format``, translating a figure just before it becomes a picture.

    Every figure a notebook shows goes through it (``plt.show()``, the figures shown at the end of a cell,
    ``display(fig)``), whichever backend registered the picture formats and whenever it did.
    """

    def format_translated(obj: Any, *args: Any, **kwargs: Any) -> Any:
        figure = sys.modules.get("matplotlib.figure")
        if figure is not None and isinstance(obj, figure.Figure):
            _use_font()
            translate_artist(obj)
        return format_(obj, *args, **kwargs)

    format_translated._linreg_original = format_  # type: ignore[attr-defined]
    return format_translated


def _before_cell(info: Any = None) -> None:
    """IPython's ``pre_run_cell`` step: the Chinese font stays in ``rcParams`` (e.g. after ``rcdefaults()``)."""
    if "matplotlib" in sys.modules:
        _use_font()


def use(table: dict[str, str] | None) -> None:
    """Draw figures with this English -> Chinese table (``None``: English, and undo everything this did).

    Called by :func:`linreg_utils.language.set_language`. In a script matplotlib is not imported here (the
    plotting helpers translate their own figures); in IPython the figures shown are translated, and
    ``rcParams["font.family"]`` gets the Chinese font, so that Chinese typed into a figure is drawn too.

    Example:
        >>> use(None)  # English figures
    """
    _state["table"] = table or None
    shell = _shell()
    formatter = shell.display_formatter if shell is not None else None
    if table:
        if shell is not None:
            if _before_cell not in shell.events.callbacks["pre_run_cell"]:
                shell.events.register("pre_run_cell", _before_cell)
            if getattr(formatter.format, "_linreg_original", None) is None:
                formatter.format = _translating(formatter.format)
            import matplotlib  # noqa: F401 - a notebook draws figures: the font must be there before they are made
        if "matplotlib" in sys.modules:
            _use_font()
        return
    _restore_font()
    if shell is not None:
        if _before_cell in shell.events.callbacks["pre_run_cell"]:
            shell.events.unregister("pre_run_cell", _before_cell)
        original = getattr(formatter.format, "_linreg_original", None)
        if original is not None:
            formatter.format = original
