"""tools/build_book.py deletes only what it made (issue 21, class 1).

The output folder is one the tool creates and marks (a ``.made-by-build_book`` file); an existing folder without
the mark (``.``, the checkout, a folder holding files, ``--src notebooks``) is refused with one line that names it.
The new book is built beside the old one and replaces it only when complete, so a failed or interrupted build
leaves the previous book as it was, and MyST-NB's ``jupyter_execute/`` never lands next to ``--out``.

Sphinx and the copying of the sources are replaced by stand-ins (a real build takes minutes of CPU; the real one
is checked by tests/test_book.py under make test-browser): the stand-in Sphinx is a real child process that
writes a page, and writes ``jupyter_execute/`` beside its output folder as MyST-NB does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_book  # noqa: E402
from notebook_files import read_notebook  # noqa: E402

MARK = ".made-by-build_book"  # the file that marks a folder as the tool's own


def made_here(folder: Path) -> bool:
    return (folder / MARK).is_file()

# The stand-ins, as source: the signal tests run them in a child Python too. SPHINX_EXIT, SPHINX_SLEEP and
# SPHINX_PIDS (a file: one line per started Sphinx) steer them.
STUBS = textwrap.dedent('''
    import os, subprocess, sys

    def fake_prepare(src, edition):
        src.mkdir(parents=True, exist_ok=True)
        (src / "index.md").write_text(f"# {edition}\\n", encoding="utf-8")

    def fake_sphinx(out, src, *rest):
        """Like Sphinx + MyST-NB: the page in out, jupyter_execute/ beside out; a real child process."""
        edition = next(arg for arg in rest if arg in ("en", "zh"))
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text(f"{edition} {os.environ.get('BOOK_VERSION', 'v1')}", encoding="utf-8")
        (out.parent / "jupyter_execute").mkdir(parents=True, exist_ok=True)
        (out.parent / "jupyter_execute" / "figure.png").write_bytes(b"png")
        code = (f"import sys, time; time.sleep({float(os.environ.get('SPHINX_SLEEP', '0'))}); "
                f"sys.exit({int(os.environ.get('SPHINX_EXIT', '0'))})")
        process = subprocess.Popen([sys.executable, "-c", code])
        if os.environ.get("SPHINX_PIDS"):
            with open(os.environ["SPHINX_PIDS"], "a") as pids:
                pids.write(f"{process.pid}\\n")
        return process
''')
stubs: dict = {}
exec(STUBS, stubs)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(build_book, "prepare", stubs["fake_prepare"])
    monkeypatch.setattr(build_book, "sphinx", stubs["fake_sphinx"])
    monkeypatch.delenv("SPHINX_EXIT", raising=False)
    monkeypatch.delenv("SPHINX_SLEEP", raising=False)
    monkeypatch.delenv("SPHINX_PIDS", raising=False)
    return monkeypatch


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> content) and every folder (-> b'/')."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"/") for p in sorted(folder.rglob("*"))}


def one_line_error(capsys, *names: object) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    for name in names:
        assert str(name) in lines[0], f"{name} not named in: {lines[0]}"
    return lines[0]


def a_checkout(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for path, text in {".git/HEAD": "ref: refs/heads/main\n", "notebooks/01_tensors.ipynb": "{}",
                       "notebooks/zh/01_tensors.ipynb": "{}", "README.md": "# a project\n"}.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text)
    return project


def test_out_dot_in_a_checkout_is_refused_and_nothing_is_deleted(fake, tmp_path, capsys):
    project = a_checkout(tmp_path)
    before = snapshot(tmp_path)
    fake.chdir(project)
    assert build_book.main(["--out", "."]) == 2
    one_line_error(capsys, project, MARK)
    assert snapshot(tmp_path) == before


def test_src_pointing_at_the_notebooks_is_refused_and_left_as_it_was(fake, tmp_path, capsys):
    project = a_checkout(tmp_path)
    before = snapshot(tmp_path)
    assert build_book.main(["--out", str(tmp_path / "book"), "--src", str(project / "notebooks")]) == 2
    one_line_error(capsys, project / "notebooks")
    assert snapshot(tmp_path) == before


def test_an_existing_folder_without_the_mark_is_refused(fake, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes")
    (tmp_path / "mine-src").mkdir()
    (tmp_path / "mine-src" / "draft.md").write_text("my draft")
    before = snapshot(tmp_path)
    assert build_book.main(["--out", str(mine)]) == 2
    one_line_error(capsys, mine)
    assert snapshot(tmp_path) == before


def test_a_folder_named_like_the_old_sources_beside_out_is_never_touched(fake, tmp_path, capsys):
    (tmp_path / "book-src").mkdir()
    (tmp_path / "book-src" / "draft.md").write_text("my draft")
    before = snapshot(tmp_path / "book-src")
    assert build_book.main(["--out", str(tmp_path / "book")]) == 0
    assert snapshot(tmp_path / "book-src") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "book-src"]


def test_the_book_is_marked_rebuilt_in_place_and_nothing_is_left_beside_it(fake, tmp_path, capsys):
    out = tmp_path / "build" / "book"
    assert build_book.main(["--out", str(out)]) == 0
    assert [p.name for p in (tmp_path / "build").iterdir()] == ["book"]  # no jupyter_execute/ beside it
    assert made_here(out)
    assert (out / "index.html").read_text() == "en v1" and (out / "zh" / "index.html").read_text() == "zh v1"
    fake.setenv("BOOK_VERSION", "v2")
    assert build_book.main(["--out", str(out)]) == 0
    assert (out / "index.html").read_text() == "en v2" and (out / "zh" / "index.html").read_text() == "zh v2"
    # no jupyter_execute/ (MyST-NB's), no sources, no temporary folder: only the book, and nothing extra in it
    assert [p.name for p in (tmp_path / "build").iterdir()] == ["book"]
    assert sorted(snapshot(out)) == sorted([MARK, "index.html", "zh", "zh/index.html"])


def test_src_is_made_and_marked_by_the_tool_and_then_reused(fake, tmp_path, capsys):
    out, src = tmp_path / "book", tmp_path / "sources"
    assert build_book.main(["--out", str(out), "--src", str(src)]) == 0
    assert made_here(src) and (src / "zh" / "index.md").is_file()
    assert build_book.main(["--out", str(out), "--src", str(src)]) == 0
    assert build_book.main(["--out", str(out), "--src", str(out / "sources")]) == 2
    one_line_error(capsys, out / "sources")


def test_a_failed_build_leaves_the_previous_book_intact(fake, tmp_path, capsys):
    out = tmp_path / "book"
    assert build_book.main(["--out", str(out)]) == 0
    before = snapshot(out)
    capsys.readouterr()
    fake.setenv("BOOK_VERSION", "v2")
    fake.setenv("SPHINX_EXIT", "1")
    assert build_book.main(["--out", str(out)]) == 1
    assert snapshot(out) == before
    one_line_error(capsys, "did not build", "sphinx en failed", "sphinx zh failed", "unchanged", "--verbose")
    assert [p.name for p in tmp_path.iterdir()] == ["book"]  # the half-built folder (its temporary files too) goes


SPHINX_LOG = """\
{src}/en/notebooks/12_two_features.ipynb: WARNING: document isn't included in any toctree [toc.not_included]
{src}/en/index.md:40: WARNING: toctree glob pattern 'notebooks/13_*' didn't match any documents [toc.glob]

Extension error (pydata_sphinx_theme.toctree):
Handler <function add_toctree_functions at 0x7f> for event 'html-page-context' threw an exception (exception: \
Template requested to generate a TocTree fragment but no TocTree found. This should never happen. If you believe it's \
a bug, please report this to theme developers)
The full traceback has been saved in {src}/tmp/sphinx-err-abc.log, if you want to report the issue to the developers.
"""


def test_a_failed_build_quotes_sphinxs_first_warning_with_the_repository_path(tmp_path):
    src = tmp_path / "src"
    log = tmp_path / "sphinx.log"
    log.write_text(SPHINX_LOG.format(src=src), encoding="utf-8")
    assert build_book.first_problem(log, src, "en") == (
        "sphinx en: notebooks/12_two_features.ipynb: WARNING: document isn't included in any toctree "
        "[toc.not_included] (the first of 3 problems)")
    log.write_text(SPHINX_LOG.format(src=src).replace("/en/", "/zh/"), encoding="utf-8")
    assert build_book.first_problem(log, src, "zh").startswith("sphinx zh: notebooks/zh/12_two_features.ipynb: ")
    log.write_text(SPHINX_LOG.format(src=src).split("\n", 1)[1], encoding="utf-8")
    assert build_book.first_problem(log, src, "en").startswith(
        "sphinx en: docs/book/index.md (with README's reading-path table):40: WARNING: toctree glob pattern")
    assert build_book.first_problem(tmp_path / "no-log", src, "en") == "sphinx en failed"


def test_sphinx_runs_with_its_temporary_files_and_output_in_the_tools_folder(tmp_path, monkeypatch):
    started = {}

    def popen(command, env, stdout, **kwargs):
        started.update(command=command, env=env, log=stdout.name)
        return "process"

    monkeypatch.setattr(build_book.subprocess, "Popen", popen)
    work = tmp_path / ".book-building-x"
    process = build_book.sphinx(work / "en" / "html", work / "src" / "en", work / "en" / "doctrees", "en", "1")
    assert process == "process"
    assert started["env"]["TMPDIR"] == str(work / "en" / "tmp") and (work / "en" / "tmp").is_dir()
    assert started["log"] == str(work / "en" / "sphinx.log")
    assert "-W" in started["command"] and "--keep-going" in started["command"]


def test_an_unreadable_notebook_is_named_and_the_previous_book_stays(fake, tmp_path, capsys):
    out = tmp_path / "book"
    assert build_book.main(["--out", str(out)]) == 0
    before = snapshot(out)
    capsys.readouterr()
    bad = tmp_path / "04_training.ipynb"
    bad.write_text('{"cells": [\n<<<<<<< HEAD\n')

    def prepare(src, edition):
        read_notebook(bad)

    fake.setattr(build_book, "prepare", prepare)
    assert build_book.main(["--out", str(out)]) == 2
    one_line_error(capsys, bad)
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == ["book"]


def test_build_being_a_file_is_one_line(fake, tmp_path, capsys):
    (tmp_path / "build").write_text("not a folder")
    assert build_book.main(["--out", str(tmp_path / "build" / "book")]) == 2
    one_line_error(capsys, tmp_path / "build")
    assert (tmp_path / "build").read_text() == "not a folder"


def test_a_read_only_build_folder_is_one_line_and_the_book_stays(fake, tmp_path, capsys):
    build = tmp_path / "build"
    out = build / "book"
    assert build_book.main(["--out", str(out)]) == 0
    before = snapshot(build)
    capsys.readouterr()
    build.chmod(0o555)
    try:
        if os.access(build, os.W_OK):  # root writes anyway: the file system answers as a read-only one would
            def refuse(*args, **kwargs):
                raise PermissionError(13, "Permission denied", str(args[0]))

            fake.setattr(os, "mkdir", refuse)
            fake.setattr(os, "rename", refuse)
            fake.setattr(build_book.os, "access", lambda path, mode: Path(path) != build)
        assert build_book.main(["--out", str(out)]) == 2
        one_line_error(capsys, build)
    finally:
        build.chmod(0o755)
    assert snapshot(build) == before


# ------------------------------------------------------------- signals, sent to a real run


RUNNER = STUBS + textwrap.dedent('''
    sys.path.insert(0, sys.argv[1])
    import build_book
    build_book.prepare, build_book.sphinx = fake_prepare, fake_sphinx
    sys.exit(build_book.main(sys.argv[2:]))
''')


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("signals", [[signal.SIGTERM], [signal.SIGINT], [signal.SIGINT, signal.SIGINT]],
                         ids=["SIGTERM", "SIGINT", "SIGINT-twice"])
def test_an_interrupted_build_stops_sphinx_and_leaves_the_previous_book(tmp_path, signals):
    out, pids = tmp_path / "book", tmp_path / "pids"
    env = dict(os.environ, SPHINX_PIDS=str(pids), SPHINX_SLEEP="60", SPHINX_EXIT="0")
    command = [sys.executable, "-c", RUNNER, str(ROOT / "tools"), "--out", str(out)]
    first = subprocess.run(command, env=dict(env, SPHINX_SLEEP="0"), capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    pids.unlink()
    started: list[int] = []
    with open(tmp_path / "stderr", "w+") as stderr:
        run = subprocess.Popen(command, env=dict(env, BOOK_VERSION="v2"), stderr=stderr,
                               start_new_session=True)  # the signals go to the build alone, not to its children
        try:
            deadline = time.monotonic() + 30
            while not (pids.exists() and len(pids.read_text().split()) == 2) and time.monotonic() < deadline:
                time.sleep(0.05)
            started = [int(pid) for pid in pids.read_text().split()]
            assert len(started) == 2 and all(alive(pid) for pid in started)
            for number in signals:
                run.send_signal(number)
                time.sleep(0.05)
            run.wait(timeout=30)
            time.sleep(0.2)
            left = [pid for pid in started if alive(pid)]
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
            for pid in started:  # the stand-ins this test started, if the build left them running
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
        stderr.seek(0)
        err = stderr.read()
    assert not left, "Sphinx still running after the build stopped"
    assert run.returncode != 0
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == ["book"]
