"""docs/glossary.md is the one term list of both editions: current, and one Chinese name per term.

What each notebook's key-terms tables must hold (five terms or more, the same terms in both editions, a link to the
glossary) is a rule of tools/notebook_rules.py (tests/test_notebook_rules.py)."""

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


def test_the_glossary_lists_each_term_once_with_its_chinese_name():
    text = glossary.GLOSSARY.read_text(encoding="utf-8")
    assert "| learning rate | 学习率 |" in text
    assert "| gradient descent | 梯度下降 |" in text
    rows = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(set(rows))

