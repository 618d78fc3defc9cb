"""docs/glossary.md is the one term list of both editions: current, and one Chinese name per term."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import glossary  # noqa: E402


def test_glossary_is_current():
    command = [sys.executable, str(ROOT / "tools" / "glossary.py"), "--check"]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_notebook_has_key_terms_and_links_the_glossary():
    for path in sorted(glossary.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        assert len(glossary.key_terms(path)) >= 5, path.name
        assert "../docs/glossary.md" in path.read_text(encoding="utf-8"), path.name


def test_the_glossary_lists_each_term_once_with_its_chinese_name():
    text = glossary.GLOSSARY.read_text(encoding="utf-8")
    assert "| learning rate | 学习率 |" in text
    assert "| gradient descent | 梯度下降 |" in text
    rows = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(set(rows))


def test_both_editions_name_the_same_terms_in_the_same_order():
    for path in sorted(glossary.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        english = [(row[0], row[1]) for row in glossary.key_terms(path)]
        chinese = [(row[1], row[0]) for row in glossary.key_terms(glossary.NOTEBOOKS / "zh" / path.name)]
        assert chinese == english, f"zh/{path.name}: the 关键术语 table must list the English table's terms, in order"
