"""Open the built read-along book from disk in headless Chromium with the network blocked, as a reader would.

    .venv/bin/python tools/book_browser_test.py             # build the book into a temporary folder, check it
    .venv/bin/python tools/book_browser_test.py build/book  # check a book already built (make book)

`make test-browser` runs it at the end, on the book it built for tests/test_book.py. Every request that is not
file:// is aborted and reported (none may be attempted), and so is a file:// request that fails. On every notebook
page of both editions: the maths is typeset (MathJax output, no raw $...$ left), every image loaded. Then: Chinese
text is drawn with real glyphs (not the boxes of a missing font), search finds notebook 08 for "learning rate"
and for 学习率, and the language switch lands on the twin page and back. Screenshots of a desktop-width and of a
phone-width (390 px) page go to a temporary folder; their paths are printed. Exit status 0 when all passed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import build_book
from browser_test import CHROMIUM, CHROMIUM_ARGS, GLYPHS, RAW_MATH

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SEARCHES = {"learning rate": "notebooks/08_learning_rate_and_feature_scaling.html",
            "学习率": "notebooks/zh/08_learning_rate_and_feature_scaling.html"}

JS_PAGE = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await Promise.all(Array.from(document.images).map((img) => img.complete ? null :
    new Promise((done) => { img.addEventListener('load', done); img.addEventListener('error', done); })));
  const article = document.querySelector('article.bd-article') || document.body;
  const copy = article.cloneNode(true);
  copy.querySelectorAll('mjx-container, code, pre, script, .output, .highlight').forEach((n) => n.remove());
  return {
    math: document.querySelectorAll('mjx-container').length,
    mathSource: document.querySelectorAll('.math').length,
    text: copy.textContent,
    images: Array.from(document.images).map((img) => ({src: img.src.slice(-60), width: img.naturalWidth,
                                                        alt: img.alt})),
  };
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


class Failures(list):
    def check(self, ok: bool, message: str) -> None:
        if not ok:
            print(f"    FAIL {message}", flush=True)
            self.append(message)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    if argv:
        book = Path(argv[0]).resolve()
    else:
        book = Path(tempfile.mkdtemp(prefix="linreg-book-")) / "book"
        build_book.build(book, book.with_name("book-src"))
    if not (book / "index.html").is_file():
        print(f"no book at {book}: make book")
        return 2
    shots = Path(tempfile.mkdtemp(prefix="linreg-book-screenshots-"))
    failures = Failures()
    blocked: list[str] = []
    missing: list[str] = []
    t0 = time.monotonic()

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
            context.route("**/*", route)
            page = context.new_page()
            def failed(request):
                # search.html fetch()es each result page for a text snippet; file:// refuses fetch(), so the
                # results come without snippets. Every other failed file is a missing file.
                if not (request.resource_type == "fetch" and request.url.endswith(".html")):
                    missing.append(f"{request.url} ({request.failure})")

            page.on("requestfailed", failed)
            page.set_default_timeout(30_000)

            def load(relative: str) -> dict:
                page.goto((book / relative).as_uri())
                return page.evaluate(JS_PAGE)

            # 1. every notebook page: maths typeset, images loaded
            pages = sorted(str(p.relative_to(book)) for p in (book / "notebooks").rglob("*.html"))
            for relative in ["index.html", "zh/index.html", "docs/glossary.html", *pages]:
                state = load(relative)
                raw = RAW_MATH.findall(state["text"])
                bad = [img for img in state["images"] if img["width"] == 0]
                print(f"  {relative}: {state['math']} formulas typeset, {len(state['images'])} images", flush=True)
                failures.check(state["math"] >= state["mathSource"], f"{relative}: maths not typeset")
                failures.check(not raw, f"{relative}: raw maths left: {raw[:3]}")
                failures.check(not bad, f"{relative}: images not loaded: {bad}")
                failures.check(all(img["alt"] for img in state["images"] if "_images/" in img["src"]),
                               f"{relative}: a figure without alt text")
                if relative.startswith("notebooks/") and not relative.startswith(("notebooks/06", "notebooks/zh/06")):
                    failures.check(state["math"] > 0 or "10_" in relative or "11_" in relative,
                                   f"{relative}: no typeset maths at all")

            # 2. Chinese text is drawn with glyphs, not boxes
            load("notebooks/zh/04_training.html")
            body = page.locator("article.bd-article").inner_text()
            failures.check("学习率" in body and "训练" in body, "zh 04: the Chinese text is not on the page")
            glyphs = []
            for ch in GLYPHS:
                page.evaluate(JS_GLYPH, ch)
                glyphs.append(page.locator("#book-glyph").screenshot(type="png"))
            page.evaluate("document.getElementById('book-glyph').remove()")
            failures.check(len(set(glyphs)) == len(glyphs), "Chinese is drawn as boxes: apt-get install fonts-noto-cjk")

            # 3. search, from disk
            for query, expected in SEARCHES.items():
                page.goto((book / "search.html").as_uri() + "?q=" + query)
                page.wait_for_selector("#search-results li", timeout=30_000)
                hrefs = page.eval_on_selector_all("#search-results li a", "(as) => as.map((a) => a.href)")
                hit = any(href.split("#")[0].endswith(expected) for href in hrefs)
                print(f"  search {query!r}: {len(hrefs)} results{', incl. ' + expected if hit else ''}")
                failures.check(hit, f"search {query!r} does not find {expected} (found {hrefs[:5]})")

            # 4. the language switch lands on the twin page, and back
            for start, twin in (("notebooks/04_training.html", "notebooks/zh/04_training.html"),
                                ("index.html", "zh/index.html")):
                load(start)
                page.locator("a.book-lang-switch").first.click()
                page.wait_for_load_state()
                failures.check(page.url == (book / twin).as_uri(), f"switch from {start} went to {page.url}")
                page.locator("a.book-lang-switch").first.click()
                page.wait_for_load_state()
                failures.check(page.url == (book / start).as_uri(), f"switch back from {twin} went to {page.url}")

            # 5. screenshots: desktop and phone width
            load("notebooks/04_training.html")
            page.screenshot(path=str(shots / "desktop-en-04_training.png"))
            page.set_viewport_size(PHONE)
            load("notebooks/zh/04_training.html")
            page.screenshot(path=str(shots / "phone-zh-04_training.png"))
            width = page.evaluate("document.documentElement.scrollWidth")
            failures.check(width <= PHONE["width"] + 1, f"the phone-width page scrolls sideways ({width} px wide)")
            for shot in sorted(shots.iterdir()):
                print(f"  screenshot: {shot}")
        finally:
            browser.close()

    failures.check(not blocked, f"{len(blocked)} request(s) to the network: {sorted(set(blocked))[:5]}")
    failures.check(not missing, f"{len(missing)} file(s) failed to load: {missing[:5]}")
    print(f"book browser test: {time.monotonic() - t0:.1f} s, screenshots in {shots}")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("the book passed in the browser (offline, from file://)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
