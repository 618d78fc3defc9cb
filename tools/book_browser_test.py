"""Open the built read-along book from disk in headless Chromium with the network blocked, as a reader would.

    .venv/bin/python tools/book_browser_test.py             # build the book into a temporary folder, check it
    .venv/bin/python tools/book_browser_test.py build/book  # check a book already built (make book)

`make test-browser` runs it at the end, on the book it built for tests/test_book.py. Every request that is not
file:// (or the test's own HTTP server on 127.0.0.1) is aborted and reported (none may be attempted), and so is a
file:// request that fails, and any error in a page's console. Checked:

1. every page of both editions, at 1280 px and on a 390 px phone: the maths is typeset (MathJax output, no raw
   $...$ left), every image loaded with its alt text, and no display equation or code block is cut off (wider
   than its box and not scrolling, or reaching past the article's or the window's right edge), folded sections
   opened; the page never scrolls sideways;
2. each edition's chrome is in its language: ``<html lang="en">`` / ``"zh-CN"``, the search box, the page's
   contents, Previous/Next, the theme's buttons (上一页, 下一页, 本页内容, 搜索 ...); no English left on a Chinese
   page;
3. the edition switch is a button, visible in the article's header at both widths, on one line, and lands on the
   twin page and back;
4. Chinese text is drawn with real glyphs (not the boxes of a missing font);
5. search, typed in a page's search box: 学习率 from a Chinese page lists only Chinese pages, notebook 08 among them,
   each with an excerpt, and so do phrases written without spaces (稳定学习率, 小批量梯度下降); "learning rate"
   from an English page only English pages; from disk and over HTTP; the edition switch on the results leads to
   the same search in the other edition;
6. an exercise's hints and solution are folded (closed) under its check, and open on a click, in both editions.

Screenshots (desktop and phone, an equation that scrolls, search results, an opened solution) go to a temporary
folder; their paths are printed. It is removed (with a book built here) when all passed, unless --keep; kept and
named when something failed. Chromium, Playwright's driver and the HTTP server are stopped on every way out:
an exception, Ctrl-C (once or twice), SIGTERM. Exit status 0 when all passed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import build_book
from browser_test import (
    CHROMIUM,
    CHROMIUM_ARGS,
    GLYPHS,
    RAW_MATH,
    Interrupted,
    Signals,
    become_subreaper,
    close_browser,
    is_chromium,
    ours,
    stop_pids,
    tmpdir_for_children,
)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SEARCHES = {  # (start page, query): a page that must be found; every result must lie in the start page's edition
    ("notebooks/04_training.html", "learning rate"): "notebooks/08_learning_rate_and_feature_scaling.html",
    ("zh/notebooks/04_training.html", "学习率"): "zh/notebooks/08_learning_rate_and_feature_scaling.html",
    # Chinese written as it is, without spaces: cut into the index's words (docs/book/_static/zh-stemmer.js)
    ("zh/notebooks/04_training.html", "稳定学习率"): "zh/notebooks/08_learning_rate_and_feature_scaling.html",
    ("zh/notebooks/04_training.html", "小批量梯度下降"): "zh/notebooks/10_minibatches_and_devices.html",
}
EXCERPT_WORD = {"稳定学习率": "稳定", "小批量梯度下降": "小批量"}  # the query's first word, which the excerpt shows
# chrome a Chinese page shows (outside the article): (CSS selector, attribute or "text", Chinese it must contain)
CHINESE_CHROME = [
    (".search-button-field .search-button__default-text", "text", "搜索"),
    (".prev-next-area .left-prev .prev-next-subtitle", "text", "上一页"),
    (".prev-next-area .right-next .prev-next-subtitle", "text", "下一页"),
    (".page-toc.tocsection.onthispage", "text", "本页内容"),
    (".theme-switch-button", "aria-label", "颜色模式"),
    (".bd-header-article .primary-toggle", "aria-label", "目录"),
]
ENGLISH_CHROME = [
    (".search-button-field .search-button__default-text", "text", "Search"),
    (".prev-next-area .left-prev .prev-next-subtitle", "text", "previous"),
    (".page-toc.tocsection.onthispage", "text", "Contents"),
    (".theme-switch-button", "aria-label", "Color mode"),
]
# English the themes show that must not be left on a Chinese page (text or title/aria-label/placeholder)
ENGLISH_WORDS = ("Search", "Contents", "previous", "next", "Color mode", "Light", "Dark", "System Settings",
                 "Toggle", "Skip to main content", "Back to top", "Copyright", "By the", "On this page")

JS_PAGE = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await Promise.all(Array.from(document.images).map((img) => img.complete ? null :
    new Promise((done) => { img.addEventListener('load', done); img.addEventListener('error', done); })));
  const article = document.querySelector('article.bd-article') || document.body;
  const copy = article.cloneNode(true);
  copy.querySelectorAll('mjx-container, code, pre, script, .output, .highlight').forEach((n) => n.remove());
  return {
    lang: document.documentElement.lang,
    math: document.querySelectorAll('mjx-container').length,
    mathSource: document.querySelectorAll('.math').length,
    text: copy.textContent,
    images: Array.from(document.images).map((img) => ({src: img.src.slice(-60), width: img.naturalWidth,
                                                        alt: img.alt})),
  };
}"""

# Every equation and code block (folded ones opened): either it fits in its box, or its box scrolls; and no
# box that holds it clips it, and the box that shows it lies inside the article and the window.
JS_CUT_OFF = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const article = document.querySelector('article.bd-article');
  article.querySelectorAll('details').forEach((d) => { d.open = true; });
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const view = document.documentElement.clientWidth;
  const edge = article.getBoundingClientRect();
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const bad = [], wide = [];  // wide: display equations that scroll (fine on a phone; at 1280 px they must fit)
  const blocks = article.querySelectorAll('mjx-container[display="true"], span.math, pre');
  blocks.forEach((el) => {
    let box = el.getBoundingClientRect();
    if (!box.width) return;
    const name = (el.tagName === 'PRE' ? 'code: ' : 'equation: ') + el.textContent.trim().slice(0, 50);
    if (el.tagName === 'SPAN' && el.querySelector('mjx-math')) {  // inline maths: its formula fits, or it scrolls
      const formula = el.querySelector('mjx-math').getBoundingClientRect();
      if ((formula.right > box.right + 1 || formula.left < box.left - 1) && !scrolls(el))
        bad.push(`${name} (cut off by its own box)`);
    }
    if (el.scrollWidth > el.clientWidth + 1 && !scrolls(el)) bad.push(`${name} (wider than its box, no scroll)`);
    if (el.tagName === 'MJX-CONTAINER' && el.scrollWidth > el.clientWidth + 1) wide.push(name);
    for (let a = el.parentElement; a && a !== article; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === 'visible') continue;
      const holder = a.getBoundingClientRect();
      if (['auto', 'scroll'].includes(overflow)) { box = holder; continue; }  // it scrolls inside this box
      if (box.right > holder.right + 1 || box.left < holder.left - 1) {
        bad.push(`${name} (cut off by a ${a.tagName.toLowerCase()}.${a.className})`);
        break;
      }
    }
    if (box.right > Math.min(edge.right, view) + 1 || box.left < Math.max(edge.left, 0) - 1)
      bad.push(`${name} (reaches past the ${box.right > view + 1 ? 'window' : 'article'}: ${Math.round(box.left)}` +
               `..${Math.round(box.right)} px, article ${Math.round(edge.left)}..${Math.round(edge.right)})`);
  });
  return {bad, wide, blocks: blocks.length, width: document.documentElement.scrollWidth, view};
}"""

# The chrome: every text and title/aria-label/placeholder outside the article, the edition switch, the page list
# and the previous/next pages' titles (page titles, which may be English on a Chinese page) left out.
JS_CHROME = """() => {
  const skip = 'article.bd-article, .book-lang-switch, nav.bd-docs-nav, .prev-next-title, script, style, ' +
               '.navbar-brand, #pst-page-toc-nav, #jb-print-docs-body, .bd-header-announcement';
  const found = [];
  const walk = (node) => {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.matches(skip)) return;
      for (const name of ['title', 'aria-label', 'placeholder']) {
        if (node.getAttribute(name)) found.push(node.getAttribute(name));
      }
    } else if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
      found.push(node.textContent.trim());
    }
    node.childNodes.forEach(walk);
  };
  walk(document.body);
  return found;
}"""

JS_GLYPH = """(ch) => {
  let box = document.getElementById('book-glyph');
  if (!box) {
    box = document.createElement('div');
    box.id = 'book-glyph';
    const font = getComputedStyle(document.querySelector('article.bd-article') || document.body).fontFamily;
    box.style.cssText = 'position:fixed;left:0;top:0;z-index:99999;padding:4px;background:#fff;color:#000;' +
      'font-size:48px;line-height:1;font-family:' + font;
    document.body.appendChild(box);
  }
  box.textContent = ch;
}"""

JS_SEARCH_DONE = """() => {
  const status = document.querySelector('#search-results p.search-summary');
  return status && status.textContent.trim().length > 0;
}"""

JS_RESULTS = """() => Array.from(document.querySelectorAll('#search-results ul.search > li')).map((li) => ({
  href: li.querySelector('a').href,
  excerpt: (li.querySelector('p.context') || {textContent: ''}).textContent.trim(),
}))"""


class Failures(list):
    def check(self, ok: bool, message: str) -> None:
        if not ok:
            print(f"    FAIL {message}", flush=True)
            self.append(message)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(book: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The book over HTTP on 127.0.0.1 (a free port), in a thread: the search is checked there too."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(book)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def playwright_session(signals: Signals):
    """Playwright's driver (Chromium is launched from it), stopped on every way out of the block: an exception,
    Ctrl-C once or twice, SIGTERM. Closed politely, killed if that fails or hangs; then anything else left below
    this process is stopped. An interrupt ends the block quietly (``signals.first`` tells the caller)."""
    from playwright.sync_api import sync_playwright

    playwright = None
    scratch = Path(tempfile.mkdtemp(prefix="linreg-book-tmp-"))  # the driver's and Chromium's temporary files
    try:
        with tmpdir_for_children(scratch):
            playwright = sync_playwright().start()
        yield playwright
    except (KeyboardInterrupt, Interrupted):
        pass
    finally:
        signals.held = True  # a further Ctrl-C or SIGTERM waits until everything is stopped
        close_browser(playwright, None, ours())
        stop_pids(ours(), "leftover", grace=0)
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    unknown = [arg for arg in argv if arg.startswith("-") and arg != "--keep"]
    if unknown or len([arg for arg in argv if arg != "--keep"]) > 1:
        print(f"book_browser_test.py: unexpected arguments {' '.join(argv)!r}; "
              "usage: book_browser_test.py [BOOK_FOLDER] [--keep]", file=sys.stderr)
        return 2
    signals = Signals()  # SIGTERM and a second Ctrl-C cannot skip the cleanup
    signals.install()
    become_subreaper()  # Chromium's processes stay below this one if its driver dies first
    keep = "--keep" in argv  # keep the screenshots (and the book built here) when all passed too
    argv = [arg for arg in argv if arg != "--keep"]
    made: list[Path] = []  # temporary folders: removed when all passed, kept and named when not
    if argv:
        book = Path(argv[0]).resolve()
    else:
        book = Path(tempfile.mkdtemp(prefix="linreg-book-")) / "book"
        made.append(book.parent)
        build_book.build(book, book.with_name("book-src"))
    if not (book / "index.html").is_file():
        print(f"no book at {book}: make book", file=sys.stderr)
        return 2
    shots = Path(tempfile.mkdtemp(prefix="linreg-book-screenshots-"))
    made.append(shots)
    failures = Failures()
    blocked: list[str] = []
    missing: list[str] = []
    console: list[str] = []
    server, http_root = serve(book)
    t0 = time.monotonic()

    def route(r):
        if r.request.url.startswith(("file://", http_root)):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    def url(relative: str, root: str | None = None) -> str:
        return (root or book.as_uri() + "/") + relative

    def chinese(relative: str) -> bool:
        return relative.startswith("zh/")

    with playwright_session(signals) as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
            context.route("**/*", route)
            page = context.new_page()
            page.on("requestfailed", lambda request: missing.append(f"{request.url} ({request.failure})"))
            page.on("console", lambda m: console.append(f"{page.url}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda error: console.append(f"{page.url}: {error}"))
            page.set_default_timeout(30_000)

            def load(relative: str) -> dict:
                page.goto(url(relative))
                return page.evaluate(JS_PAGE)

            pages = ["index.html", "docs/glossary.html"]
            pages += sorted(str(p.relative_to(book)) for p in (book / "notebooks").glob("*.html"))
            if (book / "docs" / "teaching.html").is_file():
                pages.append("docs/teaching.html")
            pages += ["zh/" + p for p in pages]

            # 1. every page, at both widths: maths typeset, images loaded, nothing cut off
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                width = viewport["width"]
                for relative in pages:
                    state = load(relative)
                    cut = page.evaluate(JS_CUT_OFF)
                    where = f"{relative} at {width} px"
                    failures.check(not cut["bad"], f"{where}: cut off: {cut['bad'][:4]}")
                    failures.check(cut["width"] <= cut["view"] + 1,
                                   f"{where}: the page scrolls sideways ({cut['width']} px wide)")
                    if viewport is PHONE:
                        continue
                    failures.check(not cut["wide"], f"{where}: display maths that does not fit: {cut['wide'][:3]}")
                    raw = RAW_MATH.findall(state["text"])
                    bad = [img for img in state["images"] if img["width"] == 0]
                    print(f"  {relative}: lang {state['lang']}, {state['math']} formulas typeset, "
                          f"{len(state['images'])} images, {cut['blocks']} equations and code blocks", flush=True)
                    failures.check(state["lang"] == ("zh-CN" if chinese(relative) else "en"),
                                   f"{relative}: <html lang={state['lang']!r}>")
                    failures.check(state["math"] >= state["mathSource"], f"{relative}: maths not typeset")
                    failures.check(not raw, f"{relative}: raw maths left: {raw[:3]}")
                    failures.check(not bad, f"{relative}: images not loaded: {bad}")
                    failures.check(all(img["alt"] for img in state["images"] if "_images/" in img["src"]),
                                   f"{relative}: a figure without alt text")
                    if "notebooks/" in relative and "/06_" not in relative:
                        failures.check(state["math"] > 0 or "10_" in relative or "11_" in relative,
                                       f"{relative}: no typeset maths at all")
                print(f"  {len(pages)} pages at {width} px: no equation or code block cut off", flush=True)
            load("zh/notebooks/07_the_exact_answer_and_the_loss_landscape.html")
            wide = page.locator('mjx-container[display="true"]').nth(6)
            wide.scroll_into_view_if_needed()
            wide.screenshot(path=str(shots / "phone-zh-07-equation-that-scrolls.png"))
            page.set_viewport_size(DESKTOP)

            # 2. each edition's chrome in its language
            for relative, expected in (("zh/notebooks/04_training.html", CHINESE_CHROME),
                                       ("notebooks/04_training.html", ENGLISH_CHROME)):
                load(relative)
                for selector, attribute, words in expected:
                    element = page.locator(selector).first
                    got = (element.inner_text() if attribute == "text" else element.get_attribute(attribute)) or ""
                    failures.check(words.lower() in got.lower(),
                                   f"{relative}: {selector} says {got!r}, not {words!r}")
            load("zh/notebooks/04_training.html")
            english = [text for text in page.evaluate(JS_CHROME) if any(w in text for w in ENGLISH_WORDS)]
            failures.check(not english, f"English chrome on a Chinese page: {english[:8]}")
            print(f"  chrome: Chinese on Chinese pages, English on English ones{' (FAILED)' if english else ''}")

            # 3. the edition switch: a visible button in the header, on one line; it leads to the twin and back
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                for relative in ("notebooks/04_training.html", "zh/notebooks/04_training.html", "zh/index.html"):
                    load(relative)
                    switch = page.locator("a.book-lang-switch")
                    toggle = page.locator(".bd-header-article .primary-toggle")
                    where = f"{relative} at {viewport['width']} px"
                    failures.check(switch.count() == 1 and switch.is_visible(), f"{where}: no visible switch")
                    box, row = switch.bounding_box(), toggle.bounding_box()
                    failures.check(box is not None and row is not None and box["height"] < 40
                                   and abs((box["y"] + box["height"] / 2) - (row["y"] + row["height"] / 2)) < 8
                                   and box["x"] + box["width"] <= viewport["width"],
                                   f"{where}: the switch is not a one-line button in the header: {box} {row}")
                    style = switch.evaluate("(a) => { const s = getComputedStyle(a); "
                                            "return [s.backgroundColor, s.borderTopWidth, s.whiteSpace]; }")
                    failures.check(style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[2] == "nowrap",
                                   f"{where}: the switch does not look like a button: {style}")
                if viewport is PHONE:
                    page.screenshot(path=str(shots / "phone-zh-index-header.png"))
            page.set_viewport_size(DESKTOP)
            for start, twin in (("notebooks/04_training.html", "zh/notebooks/04_training.html"),
                                ("index.html", "zh/index.html"), ("docs/glossary.html", "zh/docs/glossary.html")):
                load(start)
                page.locator("a.book-lang-switch").click()
                page.wait_for_load_state()
                failures.check(page.url == url(twin), f"switch from {start} went to {page.url}")
                page.locator("a.book-lang-switch").click()
                page.wait_for_load_state()
                failures.check(page.url == url(start), f"switch back from {twin} went to {page.url}")

            # 4. Chinese text is drawn with glyphs, not boxes
            load("zh/notebooks/04_training.html")
            body = page.locator("article.bd-article").inner_text()
            failures.check("学习率" in body and "训练" in body, "zh 04: the Chinese text is not on the page")
            glyphs = []
            for ch in GLYPHS:
                page.evaluate(JS_GLYPH, ch)
                glyphs.append(page.locator("#book-glyph").screenshot(type="png"))
            page.evaluate("document.getElementById('book-glyph').remove()")
            failures.check(len(set(glyphs)) == len(glyphs), "Chinese is drawn as boxes: apt-get install fonts-noto-cjk")

            # 5. search from a page's search box, in its own edition, with excerpts: from disk and over HTTP
            for root in (None, http_root):
                for (start, query), expected in SEARCHES.items():
                    page.goto(url(start, root))
                    page.locator(".search-button-field").first.click()
                    box = page.locator("#pst-search-dialog input[name='q']")
                    box.fill(query)
                    box.press("Enter")
                    page.wait_for_function(JS_SEARCH_DONE)
                    results = page.evaluate(JS_RESULTS)
                    edition = url("zh/", root) if chinese(start) else url("", root)
                    hrefs = [r["href"].split("#")[0] for r in results]
                    where = f"search {query!r} from {start} ({'http' if root else 'file'})"
                    outside = [h for h in hrefs if not h.startswith(edition)
                               or (not chinese(start) and h.startswith(url("zh/", root)))]
                    empty = [r["href"] for r in results if len(r["excerpt"]) < 20]
                    word = EXCERPT_WORD.get(query, query.split()[0])
                    with_term = [r for r in results if word in r["excerpt"].lower()]
                    print(f"  {where}: {len(results)} results, {len(results) - len(empty)} with excerpts, "
                          f"{len(with_term)} showing {word!r}")
                    failures.check(page.url.startswith(edition + "search.html"), f"{where}: searched on {page.url}")
                    failures.check(url(expected, root) in hrefs, f"{where}: {expected} not found ({hrefs[:5]})")
                    failures.check(not outside, f"{where}: results from the other edition: {outside[:5]}")
                    failures.check(results and not empty, f"{where}: results without an excerpt: {empty[:5]}")
                    failures.check(len(with_term) >= len(results) / 2, f"{where}: excerpts without the term")
                    if root is None and chinese(start):
                        page.screenshot(path=str(shots / "desktop-zh-search.png"))
                        query_string = page.url[page.url.index("?"):]
                        page.locator("a.book-lang-switch").click()  # the same search in the other edition
                        page.wait_for_load_state()
                        failures.check(page.url == url("search.html") + query_string,
                                       f"{where}: the edition switch went to {page.url}")

            # 6. an exercise's hints and solution: folded under its check, open on a click
            for relative, labels in (("notebooks/04_training.html", ("Hint 1", "Solution")),
                                     ("zh/notebooks/04_training.html", ("提示 1", "参考答案"))):
                load(relative)
                folded = page.locator("details.book-hint, details.book-solution")
                failures.check(folded.count() >= 6, f"{relative}: {folded.count()} folded sections")
                failures.check(page.locator("details[open]").count() == 0, f"{relative}: a section is open")
                for kind, label in zip(("book-hint", "book-solution"), labels, strict=True):
                    section = page.locator(f"details.{kind}", has=page.locator("summary", has_text=label)).first
                    inside = section.locator("p, pre").first
                    failures.check(not inside.is_visible(), f"{relative}: {label} shown before a click")
                    section.locator("summary").click()
                    failures.check(inside.is_visible() and len(inside.inner_text().strip()) > 5,
                                   f"{relative}: {label} does not open on a click")
                section.scroll_into_view_if_needed()
                page.screenshot(path=str(shots / f"desktop-{'zh' if chinese(relative) else 'en'}-04-solution.png"))

            # 7. screenshots: desktop and phone width
            load("notebooks/04_training.html")
            page.screenshot(path=str(shots / "desktop-en-04_training.png"))
            page.set_viewport_size(PHONE)
            load("zh/notebooks/04_training.html")
            page.screenshot(path=str(shots / "phone-zh-04_training.png"))
            for shot in sorted(shots.iterdir()):
                print(f"  screenshot: {shot}")
        finally:
            signals.held = True  # a further Ctrl-C or SIGTERM waits until everything is stopped
            print("stopping Chromium and the HTTP server", flush=True)
            close_browser(None, browser, {pid: t for pid, t in ours().items() if is_chromium(pid)})
            server.shutdown()
            server.server_close()
    if signals.first is not None:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        return signals.exit_status(1)

    failures.check(not blocked, f"{len(blocked)} request(s) to the network: {sorted(set(blocked))[:5]}")
    failures.check(not missing, f"{len(missing)} file(s) failed to load: {missing[:5]}")
    failures.check(not console, f"{len(console)} error(s) in the console: {console[:5]}")
    print(f"book browser test: {time.monotonic() - t0:.1f} s, screenshots in {shots}")
    if failures or keep:
        print(f"kept: {', '.join(map(str, made))}")
    else:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"removed {', '.join(map(str, made))} (--keep keeps them)")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("the book passed in the browser (offline, from file:// and over HTTP)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
