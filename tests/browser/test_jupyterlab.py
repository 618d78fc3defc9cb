"""Every notebook the way a learner runs it: JupyterLab in headless Chromium, Run > Run All Cells (one test per
notebook and edition; tests/browser/notebook_page.py lists the checks, tests/browser/conftest.py how to run them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from notebook_page import Failed, NotebookRun, edition, files_under, lab_log, notebook_id, notebooks
from playwright.sync_api import Error as PlaywrightError

NOTEBOOKS = notebooks()


def shown(path: str | Path) -> str:
    """A path as short as it can be said: relative to the folder pytest runs in, when it lies below it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[notebook_id(p) for p in NOTEBOOKS])
def test_run_all(notebook: Path, lab, shut_down_after, page, output_path, record_property, pytestconfig):
    page.set_default_timeout(30_000)
    files_before = files_under(lab.root_dir)  # ignored ones too: .ipynb_checkpoints/, ...
    run = NotebookRun(
        page,
        lab,
        notebook,
        Path(output_path),
        interactive=notebook.name.startswith("01_"),
        glyphs=edition(notebook) == "zh",
    )
    try:
        run.run()
    except (Failed, PlaywrightError) as error:
        run.fail(f"{type(error).__name__}: {error}".splitlines()[0][:500])
        try:
            run.shot = run.screenshot()
        except PlaywrightError as shot_error:
            run.fail(f"(no screenshot of the notebook: {str(shot_error).splitlines()[0][:200]})")
    finally:
        record_property("browser_timings", {step: round(s, 2) for step, s in run.times.items()})
    files_after = files_under(lab.root_dir)
    if files_after != files_before:
        changed = sorted({name for name, _ in set(files_after.items()) ^ set(files_before.items())})
        run.fail(f"files in {lab.root_dir} changed: " + "; ".join(changed))
    if run.failures:
        pytest.fail(report(notebook, run, Path(output_path), pytestconfig), pytrace=False)


def report(notebook: Path, run: NotebookRun, output: Path, config) -> str:
    """The failure message: every problem, then where the pictures, the trace and the server's log are kept."""
    lines = [f"{shown(notebook)}: {len(run.failures)} problem(s) in JupyterLab"]
    lines += [f"  - {failure}" for failure in run.failures]
    if run.shot:
        lines.append(f"screenshot (the whole notebook): {shown(run.shot)}")
    playwright = []
    if config.option.screenshot != "off":
        playwright.append(f"screenshot {shown(output / 'test-failed-1.png')}")
    if config.option.tracing != "off":
        playwright.append(f"trace {shown(output / 'trace.zip')} (.venv/bin/playwright show-trace it)")
    if playwright:
        lines.append("kept by pytest-playwright when the test ends: " + ", ".join(playwright))
    lines.append(f"JupyterLab's log, at the end of the run: {shown(lab_log(Path(config.option.output)))}")
    if os.environ.get("PYTEST_XDIST_WORKER"):
        lines.append(f"(pytest-xdist worker {os.environ['PYTEST_XDIST_WORKER']})")
    return "\n".join(lines)
