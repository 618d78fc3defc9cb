"""Search result excerpts that show when the book is opened from disk (file://) as well as over HTTP.

Sphinx's search page gets each result's excerpt by fetch()ing the result's page; a browser refuses fetch() of a
file:// URL, so a book opened from disk listed titles only. This extension ships the text instead:

- after the build, ``_static/book-search-texts.js`` holds the article text of every page (what Sphinx's
  ``Search.htmlToText`` would have read from the fetched page: no header links, scripts or styles) and, for each
  section, where its text starts and ends in it;
- the search page loads it with a ``<script>`` tag (no fetch), with ``_static/book-search.js``, which writes the
  excerpt under each result, as Sphinx's ``Search.makeSearchSummary`` does.

Sphinx's own excerpts are turned off (``html_show_search_summary = False`` in conf.py), so it fetches nothing.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

TEXTS = "book-search-texts.js"
SCRIPT = "book-search.js"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style"}


class ArticleText(HTMLParser):
    """The text of a page's ``<article>``, whitespace collapsed, and each section's [start, end) in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.space = True  # the text so far ends in a space (or is empty): collapse the next one
        self.stack: list[tuple[str, str | None, bool, bool]] = []  # (tag, section id, skipped, maths)
        self.inside = 0  # depth inside <article>; 0: outside
        self.skipping = 0
        self.maths = 0  # inside maths (TeX source): its \( \) \[ \] delimiters are left out of the text
        self.sections: dict[str, list[int]] = {}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        if not self.inside:
            if tag == "article" and "bd-article" in (attrs.get("class") or ""):
                self.inside = 1
                self.stack = [(tag, None, False, False)]
            return
        classes = (attrs.get("class") or "").split()
        skip = tag in SKIP or "headerlink" in classes
        maths = "math" in classes
        section = attrs.get("id") if tag == "section" and not self.skipping else None
        if section:
            self.sections[section] = [self.length, self.length]
        self.skipping += skip
        self.maths += maths
        self.stack.append((tag, section, skip, maths))

    def handle_endtag(self, tag):
        if not self.inside or tag in VOID or all(open_tag != tag for open_tag, *_ in self.stack):
            return
        while self.stack:  # close what the page left open, up to the matching tag
            open_tag, section, skip, maths = self.stack.pop()
            self.skipping -= skip
            self.maths -= maths
            if section:
                self.sections[section][1] = self.length
            if open_tag == tag:
                break
        if not self.stack:
            self.inside = 0

    def handle_data(self, data):
        if not self.inside or self.skipping:
            return
        text = re.sub(r"\s+", " ", re.sub(r"\\[()\[\]]", "", data) if self.maths else data)
        if self.space and text.startswith(" "):
            text = text[1:]
        if text:
            self.parts.append(text)
            self.length += len(text)
            self.space = text.endswith(" ")

    def result(self) -> dict:
        return {"text": "".join(self.parts), "sections": self.sections}


def page_text(html: str) -> dict:
    parser = ArticleText()
    parser.feed(html)
    parser.close()
    return parser.result()


def on_page(app, pagename, templatename, context, doctree):
    if pagename == "search" and app.builder.format == "html":
        app.add_js_file(TEXTS)
        app.add_js_file(SCRIPT)


def write_texts(app, exc):
    if exc is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    suffix = app.builder.out_suffix
    texts = {}
    for docname in sorted(app.env.found_docs):
        page = out / f"{docname}{suffix}"
        if page.is_file():
            texts[docname] = page_text(page.read_text(encoding="utf-8"))
    data = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
    script = (
        "// Written by docs/book/book_search.py: each page's text, for the search results' excerpts.\n"
        f"window.BOOK_SEARCH_TEXTS = {data};\n"
    )
    (out / "_static" / TEXTS).write_text(script, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", on_page)
    app.connect("build-finished", write_texts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
