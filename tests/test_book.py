"""The read-along book (make book, tools/build_book.py): every internal link and anchor works, nothing is fetched
from the network, every figure has its alternative text, every notebook page links its twin and its download.

The build takes about 35 s on 2 cores, so plain `make test` runs only the fast checks below and skips the built
book's. `make test-browser` builds the book once into a temporary folder and runs this file with BOOK_DIR set
(then tools/book_browser_test.py on the same build). BOOK_TEST=1 builds it here, into a temporary folder.
"""

from __future__ import annotations

import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "docs" / "book"))

import build_book  # noqa: E402

NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RESOURCE_URL = re.compile(r"^(https?:)?//", re.I)
CSS_REMOTE = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])(https?:)?//", re.I)


# ---------------------------------------------------------------- fast checks (always)


def test_twin_pages_pair_the_editions():
    import conf

    assert conf.twin("notebooks/04_training") == "notebooks/zh/04_training"
    assert conf.twin("notebooks/zh/04_training") == "notebooks/04_training"
    assert conf.twin("index") == "zh/index" and conf.twin("zh/index") == "index"
    assert conf.twin("docs/glossary") is None


def test_search_dictionary_keeps_glossary_terms_whole():
    terms = build_book.glossary_terms(ROOT / "docs" / "glossary.md")
    assert {"学习率", "激活函数", "全连接层", "损失函数"} <= set(terms)
    assert not any(t.isascii() for t in terms)


def test_landing_pages_get_the_readme_reading_paths():
    en = build_book.reading_path(ROOT / "README.md", "")
    zh = build_book.reading_path(ROOT / "README.zh-CN.md", "../")
    assert en.count("](notebooks/") == len(NOTEBOOKS)
    assert zh.count("](../notebooks/zh/") == len(NOTEBOOKS)


# ---------------------------------------------------------------- the built book


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Path:
    if os.environ.get("BOOK_DIR"):
        return Path(os.environ["BOOK_DIR"]).resolve()
    if os.environ.get("BOOK_TEST") != "1":
        pytest.skip("the built book is checked by make test-browser (or BOOK_TEST=1, or BOOK_DIR=build/book)")
    out = tmp_path_factory.mktemp("book") / "book"
    build_book.build(out, out.with_name("book-src"), quiet=True)
    return out


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, dict]] = []  # (tag, url, attributes)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.refs.append((tag, attrs[key], attrs))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="session")
def pages(book) -> dict[Path, Page]:
    found = {path: parse(path) for path in sorted(book.rglob("*.html"))}
    assert len(found) >= 2 * len(NOTEBOOKS) + 3, f"only {len(found)} pages in {book}"
    return found


def test_every_internal_link_and_anchor_resolves(book, pages):
    broken = []
    for path, page in pages.items():
        for tag, url, _ in page.refs:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "data", "javascript") or url.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(book)}: <{tag}> {url}"
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif not target.is_relative_to(book):
                broken.append(f"{where} (outside the book)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where} (no anchor #{parts.fragment})")
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:30])


def test_no_page_loads_anything_from_the_network(book, pages):
    remote = []
    for path, page in pages.items():
        for tag, url, attrs in page.refs:
            if not RESOURCE_URL.match(url.strip()):
                continue
            rel = (attrs.get("rel") or "").lower()
            if tag == "a" or (tag == "link" and rel in ("canonical", "alternate")):
                continue  # a link the reader may follow, not something the page loads
            remote.append(f"{path.relative_to(book)}: <{tag} rel={rel!r}> {url}")
        text = path.read_text(encoding="utf-8")
        if CSS_REMOTE.search(text) or "fonts.googleapis" in text or "cdn.jsdelivr" in text:
            remote.append(f"{path.relative_to(book)}: a remote url()/@import or CDN in the page")
    for css in book.rglob("*.css"):
        if CSS_REMOTE.search(css.read_text(encoding="utf-8", errors="replace")):
            remote.append(f"{css.relative_to(book)}: url()/@import of a remote file")
    assert not remote, "\n".join(remote[:30])


def test_maths_comes_from_the_local_mathjax(book):
    assert (book / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert (book / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    page = (book / "notebooks" / "04_training.html").read_text(encoding="utf-8")
    assert '_static/mathjax/tex-chtml.js"' in page and "math notranslate nohighlight" in page


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_every_notebook_page_has_its_twin_download_alt_texts_and_copy_buttons(book, pages, edition):
    for stem in NOTEBOOKS:
        path = book / "notebooks" / f"{edition}{stem}.html"
        page = pages[path]
        twin = f"zh/{stem}.html" if not edition else f"../{stem}.html"
        switch = [url for tag, url, attrs in page.refs if "book-lang-switch" in (attrs.get("class") or "")]
        assert switch == [twin], f"{path.name}: language switch {switch}, expected {twin}"
        downloads = [url for tag, url, _ in page.refs if url.endswith(f"/{stem}.ipynb")]
        assert downloads and all("_downloads/" in url for url in downloads), f"{path.name}: no .ipynb download"
        text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))  # code is split into highlighted spans
        assert "make lab" in text and "make test" in text, f"{path.name}: no 'run it yourself' commands"
        assert any("copybutton.js" in url for _, url, _ in page.refs), f"{path.name}: no copy buttons"
        images = [attrs for tag, url, attrs in page.refs if tag == "img"]
        assert images or stem.startswith(("06", "10", "11")), f"{path.name}: no figures"
        missing = [attrs.get("src") for attrs in images if len((attrs.get("alt") or "").strip()) < 20]
        assert not missing, f"{path.name}: images without the notebook's alt text: {missing}"


def test_chinese_pages_are_marked_chinese_and_search_knows_the_terms(book):
    zh = (book / "notebooks" / "zh" / "04_training.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in zh
    index = (book / "searchindex.js").read_text(encoding="utf-8")
    assert '"学习率"' in index or "\\u5b66\\u4e60\\u7387" in index
