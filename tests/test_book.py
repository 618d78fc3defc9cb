"""The read-along book (make book, tools/build_book.py): two editions, each a Sphinx build in its own language; every
internal link and anchor works, nothing is fetched from the network, every figure has its alternative text, every
page links its twin in the other edition, every exercise has its hints and solution folded under its check.

The build takes about 20 s of CPU, so plain `make test` runs only the fast checks below and skips the built book's.
`make test-browser` runs this file with BOOK_DIR set to the book `make book` built (then tools/book_browser_test.py
on the same build); `make check-notebook NN=04` builds a fresh book into a temporary folder and runs this file with
BOOK_DIR set to it. BOOK_TEST=1 builds it here, into a temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "docs" / "book"))

import build_book  # noqa: E402
import notebook_rules  # noqa: E402

NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RESOURCE_URL = re.compile(r"^(https?:)?//", re.I)
CSS_REMOTE = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])(https?:)?//", re.I)
EDITIONS = {"en": "", "zh": "zh/"}  # each edition's folder in the book
LABELS = {"en": ("Hint", "Solution"), "zh": ("提示", "参考答案")}


def exercises(stem: str, edition: str) -> list[str]:
    """The questions whose checks the notebook runs, in order (q1, q2, ...)."""
    folder = "notebooks/zh" if edition == "zh" else "notebooks"
    nb = json.loads((ROOT / folder / f"{stem}.ipynb").read_text(encoding="utf-8"))
    code = [build_book.cell_text(c) for c in nb["cells"] if c["cell_type"] == "code"]
    return [name for text in code for name in build_book.CHECK.findall(text)]


# ---------------------------------------------------------------- fast checks (always)


def test_twin_pages_are_the_same_page_of_the_other_build():
    import conf

    assert conf.twin_url("notebooks/04_training", "en") == "../zh/notebooks/04_training.html"
    assert conf.twin_url("notebooks/04_training", "zh") == "../../notebooks/04_training.html"
    assert conf.twin_url("index", "en") == "zh/index.html" and conf.twin_url("index", "zh") == "../index.html"


def test_repository_links_become_links_between_pages_of_the_book():
    docs = {"docs/teaching": {"en": "docs/teaching.md", "zh": "docs/teaching.zh-CN.md"}}
    assert build_book.book_page("notebooks/zh/04_training.ipynb", docs) == ("zh", "notebooks/04_training")
    assert build_book.book_page("README.zh-CN.md", docs) == ("zh", "index")
    assert build_book.book_page("docs/teaching.zh-CN.md", docs) == ("zh", "docs/teaching")
    assert build_book.book_page("tools/glossary.py", docs) is None
    zh = "notebooks/zh/04_training.ipynb"
    text = ("[a](05_validation.ipynb#x) [b](../04_training.ipynb) [c](../../docs/glossary.md) "
            "[d](../../README.zh-CN.md) [e](../04_training.ipynb#y) [f](../../Makefile) ![g](x.png) [h](https://a.b)")
    assert build_book.relink(text, zh, "notebooks/04_training", "zh", docs) == (
        "[a](05_validation.ipynb#x) [b](edition:../../notebooks/04_training.html) [c](../docs/glossary.md) "
        "[d](../index.md) [e](edition-at:../../notebooks/04_training.html#y) f ![g](x.png) [h](https://a.b)")
    table = build_book.reading_path("zh")
    assert table.count("](notebooks/") == len(NOTEBOOKS) and "notebooks/zh/" not in table
    assert build_book.reading_path("en").count("](notebooks/") == len(NOTEBOOKS)


def test_search_dictionary_keeps_glossary_terms_whole():
    terms = build_book.glossary_terms(ROOT / "docs" / "glossary.md")
    assert {"学习率", "激活函数", "全连接层", "损失函数"} <= set(terms)
    assert not any(t.isascii() for t in terms)


NODE = shutil.which("node") or shutil.which("nodejs")
# Chinese phrases a reader types without spaces, and the page that must be among the results
CHINESE_PHRASES = {"稳定学习率": "notebooks/08_learning_rate_and_feature_scaling",
                   "小批量梯度下降": "notebooks/10_minibatches_and_devices"}


def split_chinese_queries(index: str, queries: list[str]) -> list[list[str]]:
    """docs/book/_static/zh-stemmer.js's splitQuery, run in Node on a search index (searchindex.js's text)."""
    script = ("var window = globalThis; let Search = {_index: null, setIndex(i) { Search._index = i; }};\n"
              + index + "\n" + (ROOT / "docs/book/_static/zh-stemmer.js").read_text(encoding="utf-8")
              + f"\nconsole.log(JSON.stringify({json.dumps(queries)}.map((q) => splitQuery(q))));")
    done = subprocess.run([NODE, "-"], input=script, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(not NODE, reason="needs Node.js to run the search page's JavaScript")
def test_chinese_queries_are_cut_into_the_words_of_the_index():
    """A query written as Chinese is, without spaces, is cut into the index's words (jieba's, on the text)."""
    words = ["稳定", "学习", "学习率", "小批量", "梯度", "下降", "梯度下降", "随机", "什么"]
    index = "Search.setIndex(" + json.dumps({"terms": {w: 0 for w in words}, "titleterms": {"权重": 1}}) + ")"
    assert split_chinese_queries(index, ["稳定学习率", "小批量梯度下降", "学习率 lr", "学习率是什么", "权重衰减项",
                                         "火箭", "loss, 学习率"]) == [
        ["稳定", "学习率"], ["小批量", "梯度下降"], ["学习率", "lr"], ["学习率", "什么"], ["权重", "衰减项"],
        ["火箭"], ["loss", "学习率"]]


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_exercise_help_comes_from_the_catalogue_in_the_pages_language(edition):
    from linreg_utils.exercises import get_language, set_language
    from linreg_utils.exercises.nb04 import q2

    before = get_language()
    help_ = build_book.exercise_help(q2, edition)
    assert get_language() == before  # the language the build found is left as it was
    hint, solution = LABELS[edition]
    set_language(edition)
    try:
        hints, code = q2.hints, build_book.solution_code(q2)
    finally:
        set_language(before)
    assert len(hints) == 2 and all(h in help_ for h in hints)
    assert f"<summary>{hint} 1</summary>" in help_ and f"<summary>{hint} 2</summary>" in help_
    assert f"<summary>{solution}</summary>" in help_ and f"```python\n{code}\n```" in help_
    assert q2.solution_code.splitlines()[0].split("#")[0] in code  # the question's own code ...
    assert ("误差" in code) == (edition == "zh")  # ... with its comments in the page's language
    assert help_.count("<details") == help_.count("</details>") == 3 and " open" not in help_


def test_the_switched_off_help_cells_go_and_each_check_gets_its_help():
    cells = [
        {"cell_type": "code", "source": "from linreg_utils.exercises.nb04 import q1, q2"},
        {"cell_type": "code", "source": "mse_value = ____\nq1.check(mse_value)"},
        {"cell_type": "code", "source": "# q1.hint()  # uncomment for a hint"},
        {"cell_type": "code", "source": "answer = ____\nq2.check(answer)"},
        {"cell_type": "code", "source": "# not a hint: a comment"},
    ]
    result = build_book.add_exercise_help(cells, "en")
    kinds = [c["id"] if c["cell_type"] == "markdown" else c["source"].splitlines()[-1] for c in result]
    assert kinds == ["from linreg_utils.exercises.nb04 import q1, q2", "q1.check(mse_value)", "book-help-q1",
                     "q2.check(answer)", "book-help-q2", "# not a hint: a comment"]


# ---------------------------------------------------------------- the built book


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Path:
    if os.environ.get("BOOK_DIR"):
        return Path(os.environ["BOOK_DIR"]).resolve()
    if os.environ.get("BOOK_TEST") != "1":
        pytest.skip("the built book is checked by make test-browser (or BOOK_TEST=1, or BOOK_DIR=build/book)")
    out = tmp_path_factory.mktemp("book") / "book"
    build_book.build(out, quiet=True)
    return out


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, dict]] = []  # (tag, url, attributes)
        self.lang: str | None = None
        self.details: list[dict] = []  # each <details>: its attributes and its <summary>'s text
        self._summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "details":
            self.details.append({**attrs, "summary": ""})
        self._summary = self._summary or tag == "summary"
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.refs.append((tag, attrs[key], attrs))

    def handle_endtag(self, tag):
        self._summary = self._summary and tag != "summary"

    def handle_data(self, data):
        if self._summary and self.details:
            self.details[-1]["summary"] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="session")
def pages(book) -> dict[Path, Page]:
    found = {path: parse(path) for path in sorted(book.rglob("*.html"))}
    assert len(found) >= 2 * (len(NOTEBOOKS) + 3), f"only {len(found)} pages in {book}"
    return found


def test_the_book_is_the_tools_own_folder_with_nothing_left_beside_it(book):
    """Marked as build_book.py's (the next build may replace it); MyST-NB's jupyter_execute/ (written beside each
    Sphinx output folder) and the build's temporary folder are neither in the book nor next to it."""
    assert (book / build_book.MARK).is_file()
    for folder in (book, book.parent):
        assert not (folder / "jupyter_execute").exists() and not (folder / ".jupyter_cache").exists()
        assert not list(folder.glob(f".{book.name}-building-*")), f"a half-built book left in {folder}"
    assert not (book / "zh" / "jupyter_execute").exists()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_notebook_has_its_page_in_the_book(book, pages, edition):
    folder = "notebooks/zh" if edition == "zh" else "notebooks"
    pages_of = {stem: book / EDITIONS[edition] / "notebooks" / f"{stem}.html" for stem in NOTEBOOKS}
    missing = [f"{folder}/{stem}.ipynb has no page in the book (no {page.relative_to(book.parent)}): a book built "
               f"before the notebook was added (build it again: make book), or docs/book/{EDITIONS[edition]}index.md's "
               "toctree does not take it in (it globs notebooks/[0-9][0-9]_*)"
               for stem, page in pages_of.items() if page not in pages]
    assert not missing, "\n".join(missing)


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


@pytest.mark.parametrize("edition", EDITIONS)
def test_maths_comes_from_the_local_mathjax(book, edition):
    static = book / EDITIONS[edition] / "_static"
    assert (static / "mathjax" / "tex-chtml.js").is_file()
    assert (static / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    page = (book / EDITIONS[edition] / "notebooks" / "04_training.html").read_text(encoding="utf-8")
    assert '_static/mathjax/tex-chtml.js"' in page and "math notranslate nohighlight" in page


def test_every_page_says_its_language(book, pages):
    wrong = []
    for path, page in pages.items():
        chinese = path.relative_to(book).parts[0] == "zh"
        if page.lang != ("zh-CN" if chinese else "en"):
            wrong.append(f"{path.relative_to(book)}: <html lang={page.lang!r}>")
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_chrome_is_in_the_editions_language(book, edition):
    page = (book / EDITIONS[edition] / "notebooks" / "04_training.html").read_text(encoding="utf-8")
    chrome = re.sub(r'<article class="bd-article".*?</article>', "", page, flags=re.S)
    if edition == "zh":
        for words in ("搜索", "本页内容", "上一页", "下一页", "颜色模式", "跟随系统", "显示或隐藏左侧目录"):
            assert words in chrome, f"zh page: no {words!r}"
        for words in ("Search...", ">Contents", "Color mode", "System Settings", "Toggle primary sidebar"):
            assert words not in chrome, f"zh page: English chrome {words!r}"
    else:
        for words in ("Search", "Contents", "previous", "Color mode", "Toggle primary sidebar"):
            assert words in chrome, f"en page: no {words!r}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_notebook_page_has_its_twin_download_alt_texts_and_copy_buttons(book, pages, edition):
    for stem in NOTEBOOKS:
        path = book / EDITIONS[edition] / "notebooks" / f"{stem}.html"
        page = pages[path]
        twin = f"../zh/notebooks/{stem}.html" if edition == "en" else f"../../notebooks/{stem}.html"
        switch = [url for tag, url, attrs in page.refs if "book-lang-switch" in (attrs.get("class") or "")]
        assert switch == [twin], f"{path.name}: edition switch {switch}, expected {twin}"
        downloads = [url for tag, url, _ in page.refs if url.endswith(f"/{stem}.ipynb")]
        assert downloads and all("_downloads/" in url for url in downloads), f"{path.name}: no .ipynb download"
        text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))  # code is split into highlighted spans
        lab = "make lab-zh" if edition == "zh" else "make lab "
        assert lab in text and "make test" in text, f"{path.name}: no 'run it yourself' commands"
        if edition == "zh":
            assert not re.search(r"make lab(?!-zh)", text), f"{path.name}: make lab (English) on a Chinese page"
        assert any("copybutton.js" in url for _, url, _ in page.refs), f"{path.name}: no copy buttons"
        images = [attrs for tag, url, attrs in page.refs if tag == "img"]
        source = ROOT / "notebooks" / EDITIONS[edition] / f"{stem}.ipynb"
        assert images or notebook_rules.no_figure_reason(notebook_rules.load(source)), (
            f"{path.name}: no figures, and {source.relative_to(ROOT)} does not say why in its metadata "
            "(linreg.no_figure)")
        missing = [attrs.get("src") for attrs in images if len((attrs.get("alt") or "").strip()) < 20]
        assert not missing, f"{path.name}: images without the notebook's alt text: {missing}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_exercise_has_its_hints_and_solution_folded(book, pages, edition):
    hint, solution = LABELS[edition]
    for stem in NOTEBOOKS:
        path = book / EDITIONS[edition] / "notebooks" / f"{stem}.html"
        questions = exercises(stem, edition)
        folded = pages[path].details
        solutions = [d for d in folded if d.get("class") == "book-solution"]
        hints = [d for d in folded if d.get("class") == "book-hint"]
        assert questions and len(solutions) == len(questions), f"{path.name}: {len(solutions)} solutions, {questions}"
        assert len(hints) >= len(questions), f"{path.name}: {len(hints)} hints for {len(questions)} exercises"
        assert all(d["summary"].strip() == solution for d in solutions), f"{path.name}: {solutions}"
        assert all(re.fullmatch(rf"{hint}( \d+)?", d["summary"].strip()) for d in hints), f"{path.name}: {hints}"
        assert not any("open" in d for d in folded), f"{path.name}: a folded section is open"
        marked = path.read_text(encoding="utf-8").replace('<details class="book-solution"', "\0SOLUTION")
        text = re.sub(r"<[^>]+>", "", marked)  # code is split into highlighted spans
        code = "\n".join(re.sub(r"<[^>]+>", "", pre) for pre in re.findall(r"<pre>.*?</pre>", marked, re.S))
        assert not re.search(r"#\s*q\d+\.(hint|solution)\(\)", code), f"{path.name}: a switched-off help call"
        # each exercise's help comes after its check, before the next exercise
        checks = [text.find(f"{name}.check(") for name in questions]
        helps = [m.start() for m in re.finditer("\0SOLUTION", text)]
        assert min(checks) > 0, f"{path.name}: a check not found"
        assert all(c < h for c, h in zip(checks, helps, strict=True)), f"{path.name}: help before its check"
        assert all(h < c for h, c in zip(helps, checks[1:], strict=False)), f"{path.name}: help after the next"


def test_the_chinese_landing_page_sends_readers_to_the_chinese_notebooks(book):
    text = re.sub(r"<[^>]+>", "", (book / "zh" / "index.html").read_text(encoding="utf-8"))
    assert "make lab-zh" in text and "notebooks/zh/" in text
    assert re.search(r"^make lab-zh", text, re.M), "the Run it yourself box starts with make lab-zh"
    if (ROOT / "docs" / "teaching.zh-CN.md").is_file() and (ROOT / "docs" / "teaching.md").is_file():
        assert "教师指南" in text and (book / "zh" / "docs" / "teaching.html").is_file()


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_edition_searches_itself_with_excerpts_shipped_as_a_script(book, edition):
    folder = book / EDITIONS[edition]
    index = (folder / "searchindex.js").read_text(encoding="utf-8")
    docnames = json.loads(re.search(r'"docnames":\s*(\[.*?\])', index).group(1))
    assert sorted(docnames) == sorted(["index", "docs/glossary", *[f"notebooks/{s}" for s in NOTEBOOKS],
                                       *build_book.docs_pages()])
    if edition == "zh":
        assert '"学习率"' in index or "\\u5b66\\u4e60\\u7387" in index  # a glossary term kept whole by jieba
    search = (folder / "search.html").read_text(encoding="utf-8")
    assert "_static/book-search-texts.js" in search and "_static/book-search.js" in search
    assert "SHOW_SEARCH_SUMMARY: false" in (folder / "_static" / "documentation_options.js").read_text("utf-8")
    texts = (folder / "_static" / "book-search-texts.js").read_text(encoding="utf-8")
    data = json.loads(texts[texts.index("{"):texts.rindex("}") + 1])
    assert set(data) == set(docnames)
    page = data["notebooks/08_learning_rate_and_feature_scaling"]
    assert ("学习率" if edition == "zh" else "learning rate") in page["text"]
    assert page["sections"] and all(0 <= a <= b <= len(page["text"]) for a, b in page["sections"].values())


@pytest.mark.skipif(not NODE, reason="needs Node.js to run the search page's JavaScript")
def test_chinese_phrases_without_spaces_find_their_pages(book):
    """稳定学习率, 小批量梯度下降: each word the query is cut into is in the Chinese index, and the pages that hold
    them all include the expected one (Sphinx's search needs every word of the query on a page)."""
    index = (book / "zh" / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1:index.rindex(")")])
    docnames = data["docnames"]
    for query, split in zip(CHINESE_PHRASES, split_chinese_queries(index, list(CHINESE_PHRASES)), strict=True):
        assert len(split) >= 2, f"{query}: cut into {split}"
        found = None
        for word in split:
            pages = set()
            for table in (data["terms"], data["titleterms"]):
                hits = table.get(word, [])
                pages |= {docnames[i] for i in ([hits] if isinstance(hits, int) else hits)}
            assert pages, f"{query}: {word!r} is not in the index"
            found = pages if found is None else found & pages
        assert CHINESE_PHRASES[query] in found, f"{query} ({split}): found {sorted(found)}"
