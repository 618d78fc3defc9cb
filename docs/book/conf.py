"""Sphinx settings for the read-along book: one edition per Sphinx build, stored outputs, fully offline.

Built by ``make book`` (tools/build_book.py). The two editions are two Sphinx builds of two source folders
(SRC/en, SRC/zh: see tools/build_book.py) with these settings, chosen by ``BOOK_EDITION``:

- ``en``: ``language = "en"``, English search; written to build/book/;
- ``zh``: ``language = "zh_CN"`` (Sphinx's and the themes' Chinese messages, ``<html lang="zh-CN">``), a search
  index of its own split by jieba with the glossary's terms kept whole; written to build/book/zh/.

Both have the same page names (index, notebooks/04_training, docs/glossary, ...), so a page's twin in the other
edition is the same name in the other build (:func:`twin_url`). Nothing here loads anything from the network:
MathJax is a local copy (from the pinned ``sphinx-mathjax-offline`` package), no widget/require.js CDN scripts,
no web fonts.
"""

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

EDITION = os.environ.get("BOOK_EDITION", "en")
if EDITION not in ("en", "zh"):
    raise ValueError(f"BOOK_EDITION={EDITION!r}: use en or zh")
CHINESE = EDITION == "zh"
EDITION_FOLDER = {"en": "", "zh": "zh/"}  # where each edition's build lies inside the book

project = "用 PyTorch 实现线性回归" if CHINESE else "Linear Regression with PyTorch"
author = "linreg-pytorch 的作者们" if CHINESE else "the linreg-pytorch authors"
copyright = author
language = "zh_CN" if CHINESE else "en"
root_doc = "index"

extensions = ["myst_nb", "sphinx_copybutton", "book_search"]
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static")]
html_css_files = ["book.css"]
# zh-stemmer.js: Sphinx 9.0's zh search made to work, and a query such as 稳定学习率 cut into the index's words
html_js_files = ["book.js"] + (["zh-stemmer.js"] if CHINESE else [])
exclude_patterns = ["_originals/**", "_locales/**", "**.ipynb_checkpoints"]
# chrome the themes leave untranslated (e.g. the colour-mode menu): _locales/zh_CN/LC_MESSAGES/sphinx.po, copied
# there by tools/build_book.py from docs/book/locales (Sphinx compiles it on the way)
locale_dirs = ["_locales"]

# the stored outputs are the book: never execute
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no require.js / @jupyter-widgets scripts from a CDN (the outputs have no live widgets)
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
# a link to a page of the other edition (another Sphinx build): tools/build_book.py writes it as
# [text](edition:../zh/notebooks/04_training.html), or edition-at: when it has a #fragment
myst_url_schemes = {
    "http": None, "https": None, "mailto": None,
    "edition": {"url": "{{path}}", "classes": ["book-edition-link"]},
    "edition-at": {"url": "{{path}}#{{fragment}}", "classes": ["book-edition-link"]},
}
suppress_warnings = ["mystnb.unknown_mime_type", "misc.highlighting_failure"]  # tracebacks with backticks

# maths: MathJax 3 from a local copy, no CDN (copied into _static/mathjax by copy_mathjax below)
MATHJAX_SOURCE = None
try:
    import importlib.util

    _spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if _spec and _spec.origin:
        MATHJAX_SOURCE = Path(_spec.origin).parent / "static" / "mathjax"
except (ImportError, ValueError):
    MATHJAX_SOURCE = None
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {"options": {"menuOptions": {"settings": {"assistiveMml": True}}}}

# search: each edition its own index. English: English stemming. Chinese: jieba splits the text (and Latin words
# are English-stemmed); the user dictionary (written by tools/build_book.py from the glossary) keeps terms like
# 学习率 whole. A query, typed without spaces as Chinese is, is cut into the same words in the browser:
# _static/zh-stemmer.js splits it into the words the index holds (nothing is downloaded).
# The result excerpts come from _static/book-search-texts.js (book_search.py), not from fetch(),
# which file:// refuses: Sphinx's own excerpts are off.
html_search_language = "zh" if CHINESE else "en"
html_show_search_summary = False
_dict = os.environ.get("BOOK_SEARCH_DICT")
if CHINESE and _dict:
    html_search_options = {"dict": _dict}

html_theme = "sphinx_book_theme"
html_title = project
html_copy_source = False  # no _sources/ (search gets its excerpts from book_search.py)
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": False,
    "show_navbar_depth": 1,
    "use_download_button": False,  # the page's own "Download this notebook" link gives the original .ipynb
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "article_header_start": ["toggle-primary-sidebar.html"],
    "article_header_end": ["lang-switch.html", "article-header-buttons.html"],
    "toc_title": "本页内容" if CHINESE else "Contents",
    "search_bar_text": "搜索本书……" if CHINESE else "Search this book…",
    "show_prev_next": True,
    "navigation_with_keys": False,
    "icon_links": [],
}
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "book-sidebar-nav.html"]}
html_permalinks = True
html_context = {"default_mode": "auto"}  # light or dark as the reader's system says (the theme's own default)


def twin_url(pagename: str, edition: str) -> str:
    """The URL of the same page in the other edition, relative to the page ``pagename`` of ``edition``.

    >>> twin_url("notebooks/04_training", "en"), twin_url("notebooks/04_training", "zh"), twin_url("index", "zh")
    ('../zh/notebooks/04_training.html', '../../notebooks/04_training.html', '../index.html')
    """
    up = "../" * pagename.count("/")
    other = "zh/" if edition == "en" else "../"
    return f"{up}{other}{pagename}.html"


def page_context(app, pagename, templatename, context, doctree):
    context["book_chinese"] = CHINESE
    context["book_twin_url"] = twin_url(pagename, EDITION)


def copy_mathjax(app, exc):
    """MathJax 3's CommonHTML output and what it loads on demand (TeX extensions, fonts, menu, a11y)."""
    if exc is not None or app.builder.format != "html":
        return
    if MATHJAX_SOURCE is None or not MATHJAX_SOURCE.is_dir():
        raise RuntimeError("MathJax is missing: pip install the pinned sphinx-mathjax-offline (make install)")
    target = Path(app.outdir) / "_static" / "mathjax"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(MATHJAX_SOURCE / "tex-chtml.js", target)
    for folder in ("input/tex", "output/chtml", "a11y", "ui", "adaptors"):
        shutil.copytree(MATHJAX_SOURCE / folder, target / folder)


def setup(app):
    app.connect("html-page-context", page_context)
    app.connect("build-finished", copy_mathjax)


try:  # jieba announces its dictionary on stderr; the build stays quiet
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:
    pass
