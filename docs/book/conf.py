"""Sphinx settings for the read-along book (both editions, stored outputs, fully offline).

Built by ``make book`` (tools/build_book.py), which copies the notebooks, the glossary and these index pages
into build/book-src/ and runs Sphinx there with ``-c docs/book``. Nothing here loads anything from the network:
MathJax is a local copy (from the pinned ``sphinx-mathjax-offline`` package), no widget/require.js CDN scripts,
no web fonts.
"""

import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

project = "Linear Regression with PyTorch"
author = "the linreg-pytorch authors"
copyright = "the linreg-pytorch authors"
language = "en"
root_doc = "index"

extensions = ["myst_nb", "sphinx_copybutton"]
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static")]
html_css_files = ["book.css"]
html_js_files = ["zh-stemmer.js"]  # see the file: a Sphinx 9.0 zh-search fix
exclude_patterns = ["_originals/**", "**.ipynb_checkpoints"]

# the stored outputs are the book: never execute
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no require.js / @jupyter-widgets scripts from a CDN (the outputs have no live widgets)
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
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

# search: one index for both editions; the Chinese splitter (jieba) also indexes Latin words, English-stemmed.
# The user dictionary (written by tools/build_book.py from the glossary) keeps terms like 学习率 whole.
html_search_language = "zh"
_dict = os.environ.get("BOOK_SEARCH_DICT")
if _dict:
    html_search_options = {"dict": _dict}

html_theme = "sphinx_book_theme"
html_title = "Linear Regression with PyTorch · 用 PyTorch 实现线性回归"
html_copy_source = False  # search then needs no fetch() of _sources (which file:// would block)
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": False,
    "show_navbar_depth": 1,
    "use_download_button": False,  # the page's own "Download this notebook" link gives the original .ipynb
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "article_header_start": ["toggle-primary-sidebar.html", "lang-switch.html"],
    "show_prev_next": True,
    "navigation_with_keys": False,
    "icon_links": [],
}
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "book-sidebar-nav.html"]}
html_permalinks = True

CHINESE_PREFIXES = ("zh/", "notebooks/zh/")


def twin(pagename: str) -> str | None:
    """The same page in the other edition: notebooks/04_training <-> notebooks/zh/04_training."""
    if pagename == "index":
        return "zh/index"
    if pagename == "zh/index":
        return "index"
    if pagename.startswith("notebooks/zh/"):
        return "notebooks/" + pagename.removeprefix("notebooks/zh/")
    if pagename.startswith("notebooks/"):
        return "notebooks/zh/" + pagename.removeprefix("notebooks/")
    return None


def page_context(app, pagename, templatename, context, doctree):
    chinese = pagename.startswith(CHINESE_PREFIXES)
    context["book_chinese"] = chinese
    context["book_twin"] = twin(pagename) if twin(pagename) in app.env.all_docs else None
    context["book_home"] = "zh/index" if chinese else "index"
    if chinese:
        context["language"] = "zh-CN"  # <html lang="zh-CN">: Chinese fonts and screen readers


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
