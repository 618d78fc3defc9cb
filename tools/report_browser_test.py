"""The grader's report page in headless Chromium, offline, in English and in Chinese (part of make test-browser).

    python tools/report_browser_test.py [--keep]

Grades the docs' three sample submissions (tests/data/grading) twice with ``python -m linreg_utils.grade``, once
with ``--lang en`` and once with ``--lang zh``, then opens each report.html from disk in Debian's Chromium with
every request that is not a local file blocked, and checks: nothing was requested from elsewhere, no console
error, the page's language and title, the chart drawn (an SVG at least 300 × 100 pixels, with the green of the
"correct" bars in its screenshot), and a row per student. The reports and screenshots are removed when all
passed, kept and named when not (``--keep`` keeps them anyway). Playwright and Chromium are stopped on every way
out (book_browser_test.playwright_session). Exit code 0 when all passed, 1 when not, 2 on bad arguments.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from book_browser_test import playwright_session
from browser_test import CHROMIUM, CHROMIUM_ARGS, Signals, become_subreaper

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "grading"
EXPECTED = {  # language: (html lang, the title's start, the students' names)
    "en": ("en", "Grades: nb01", ["陈晨", "ann", "bob"]),
    "zh": ("zh-CN", "成绩：nb01", ["陈晨", "ann", "bob"]),
}
GREEN = (0, 158, 115)  # #009E73, the "correct" bars (Okabe-Ito)
JS_PAGE = """() => {
    const svg = document.querySelector('#chart svg');
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    return {lang: document.documentElement.lang, title: document.querySelector('h1').textContent,
            width: box.width, height: box.height, paths: svg ? svg.querySelectorAll('path').length : 0,
            students: [...document.querySelectorAll('table:last-of-type tr td:first-child')].map(td => td.textContent)};
}"""


def green_pixels(png: bytes) -> int:
    """How many pixels of a screenshot are the "correct" bars' green."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    return int(np.all(np.abs(pixels - np.array(GREEN)) <= 8, axis=-1).sum())


def grade(out: Path, language: str) -> str | None:
    """Grade the samples into ``out`` in ``language``; a problem as one line, or None."""
    run = subprocess.run([sys.executable, "-m", "linreg_utils.grade", str(SAMPLES), "--out", str(out),
                          "--lang", language, "--jobs", "2"], capture_output=True, text=True, timeout=300,
                         cwd=out.parent, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if run.returncode != 0 or not (out / "report.html").is_file():
        return f"{language}: the grader exited with {run.returncode}: {run.stderr.strip()[-500:]}"
    return None


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if any(arg != "--keep" for arg in argv):
        print(f"report_browser_test.py: unexpected arguments {' '.join(argv)!r}; usage: report_browser_test.py "
              "[--keep]", file=sys.stderr)
        return 2
    signals = Signals()
    signals.install()
    become_subreaper()
    folder = Path(tempfile.mkdtemp(prefix="linreg-report-test-"))
    failures: list[str] = []
    try:
        failures += [problem for lang in EXPECTED if (problem := grade(folder / lang, lang))]
        blocked: list[str] = []
        console: list[str] = []

        def route(request_route):
            if request_route.request.url.startswith("file://"):
                request_route.continue_()
            else:
                blocked.append(request_route.request.url)
                request_route.abort()

        with playwright_session(signals) as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
                context.route("**/*", route)
                page = context.new_page()
                page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda error: console.append(str(error)))
                for lang, (html_lang, title, students) in EXPECTED.items():
                    report = folder / lang / "report.html"
                    if not report.is_file():
                        continue
                    page.goto(report.as_uri())
                    found = page.evaluate(JS_PAGE)
                    shot = page.locator("#chart").screenshot(path=str(folder / f"chart-{lang}.png"))
                    if found["lang"] != html_lang or not found["title"].startswith(title):
                        failures.append(f"{lang}: lang {found['lang']!r}, title {found['title']!r}")
                    if found["width"] < 300 or found["height"] < 100 or found["paths"] < 10:
                        failures.append(f"{lang}: the chart is {found['width']:.0f} × {found['height']:.0f} px "
                                        f"with {found['paths']} paths")
                    if green_pixels(shot) < 200:
                        failures.append(f"{lang}: the chart shows no green 'correct' bars (chart-{lang}.png)")
                    if found["students"] != students:
                        failures.append(f"{lang}: students {found['students']}, expected {students}")
            finally:
                browser.close()
        if signals.first:
            failures.append("interrupted")
        failures += [f"requested from the network: {url}" for url in blocked]
        failures += [f"console: {line}" for line in console]
    finally:
        keep = failures or "--keep" in argv
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if keep:
        print(f"the reports and screenshots are in {folder}", file=sys.stderr)
    if failures:
        return 1
    print("the grader's report passed in the browser (offline, English and Chinese, chart drawn)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
