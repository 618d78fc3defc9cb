"""Everything that covers one notebook: the command to run after changing notebook NN (either edition).

    make check-notebook NN=04                 # = .venv/bin/python tools/check_notebook.py 04
    .venv/bin/python tools/check_notebook.py 04 12

For each notebook NN given, in this order (every step runs, whatever an earlier one found; the summary at the end
names the steps that failed, and the exit status is 1 if any did):

1. the rules (tools/notebook_rules.py) on both editions of NN, and the rules of the series (numbering, README tables,
   reading-path tables, one Chinese name per term): each problem is one line saying what to change, and where;
2. translation status of NN (tools/translation.py): stale, missing, orphan or untranslated Chinese cells, code that
   differs between the editions;
3. the glossary is current (tools/glossary.py --check);
4. the book, both editions, built fresh from the stored outputs into a temporary folder (tools/build_book.py; a
   failed build quotes Sphinx's first warning);
5. one pytest run (2 workers): both editions of NN under strict nbval, each with its "answer key" item (the official
   solutions must all say ✅); the static tests of the book on the fresh build (tests/test_book.py with BOOK_DIR set:
   every notebook has its page, links, alt texts, folded hints and solutions, search); and the parse-only tests that
   cover every notebook: the rules, its questions and their catalogues (tests/test_exercises_all.py), the figure
   texts, the Chinese typesetting, the translation, the glossary and the answer keys' construction.

The temporary folder is removed at the end (Ctrl-C included). About 1-2 minutes on 2 cores; `make test` remains the
check of everything before a commit.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_book  # noqa: E402
import glossary  # noqa: E402
import notebook_rules  # noqa: E402
import translation  # noqa: E402
from notebook_files import NotebookError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_notebook_rules.py", "tests/test_exercises_all.py", "tests/test_figure_text.py",
         "tests/test_typesetting.py", "tests/test_translation.py", "tests/test_glossary.py", "tests/test_answer_key.py",
         "tests/test_book.py"]
# make answer-key's own end-to-end test runs one key in a fresh kernel (20 s): the answer-key items of NN cover NN
SKIP = "not test_make_answer_key_runs_a_key_like_run_all"


def step(title: str) -> None:
    print(f"\n=== {title}", flush=True)


def rules(numbers: list[str]) -> bool:
    found = notebook_rules.check(numbers)
    print("\n".join(found) if found else "every rule holds")
    return not found


def translation_status(paths: list[Path]) -> bool:
    found = [problem for path in paths for problem in translation.problems(path)]
    print("\n".join(found) + "\n(python tools/translation.py --help: stamp a cell once it is translated)" if found
          else "both editions are in step")
    return not found


def glossary_current() -> bool:
    try:
        current = glossary.GLOSSARY.read_text(encoding="utf-8") == glossary.render()
    except (NotebookError, OSError, SystemExit) as error:
        print(f"glossary.py: {error}")
        return False
    print("docs/glossary.md is current" if current else "docs/glossary.md is stale: run python tools/glossary.py")
    return current


def book(out: Path) -> bool:
    started = time.monotonic()
    try:
        build_book.build(out, quiet=True)
    except (build_book.BuildError, NotebookError) as error:
        print(f"build_book: {error}")
        return False
    print(f"built in {time.monotonic() - started:.0f} s into {out} (removed at the end)")
    return True


def pytest(paths: list[Path], book_dir: Path | None) -> bool:
    notebooks = [str(p.relative_to(ROOT)) for path in paths for p in (path, notebook_rules.ZH / path.name)]
    tests = TESTS if book_dir else [t for t in TESTS if t != "tests/test_book.py"]
    env = dict(os.environ, **({"BOOK_DIR": str(book_dir)} if book_dir else {}))
    env.pop("BOOK_TEST", None)
    command = [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadscope", "--no-loadscope-reorder",
               "-k", SKIP, *notebooks, *tests]
    print((f"BOOK_DIR={book_dir} " if book_dir else "") + "python " + " ".join(command[1:]), flush=True)
    return subprocess.run(command, cwd=ROOT, env=env).returncode == 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="check_notebook.py", description="Run everything that covers one "
                                     "notebook (both editions, translation, glossary, reading time, the book).")
    parser.add_argument("numbers", nargs="*", metavar="NN", help="the notebook's two-digit number, e.g. 04")
    args = parser.parse_args(argv)
    known = {p.name[:2]: p for p in notebook_rules.english_paths()}
    if not args.numbers:
        print(f"check_notebook.py: which notebook? give its number, e.g. make check-notebook NN=04 (one of "
              f"{', '.join(known)})", file=sys.stderr)
        return 2
    for number in args.numbers:
        if number not in known:
            hint = f"; two digits, e.g. {int(number):02d}" if re.fullmatch(r"\d", number) else ""
            print(f"check_notebook.py: {number}: no notebook notebooks/{number}_*.ipynb (there are "
                  f"{', '.join(known)}){hint}", file=sys.stderr)
            return 2
    paths = [known[n] for n in args.numbers]
    failed = []
    folder = Path(tempfile.mkdtemp(prefix="check-notebook-"))
    try:
        step(f"1. the rules: notebooks {', '.join(args.numbers)} (both editions) and the series")
        rules(args.numbers) or failed.append("rules")
        step("2. translation status")
        translation_status(paths) or failed.append("translation")
        step("3. glossary")
        glossary_current() or failed.append("glossary")
        step("4. the book, built fresh")
        built = book(folder / "book")
        built or failed.append("book build")
        step("5. pytest: both editions under strict nbval with their answer keys, the book's tests, the parse-only "
             "tests")
        pytest(paths, folder / "book" if built else None) or failed.append("pytest")
    except KeyboardInterrupt:
        print("\ncheck_notebook.py: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    names = ", ".join(p.name for p in paths)
    print(f"\ncheck-notebook {' '.join(args.numbers)}: " + (f"FAILED: {', '.join(failed)} (see above)" if failed
                                                             else f"all passed ({names}, both editions)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
