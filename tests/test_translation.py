"""The Chinese edition cannot drift from the English one (tools/translation.py; `make translation-status`)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import translation  # noqa: E402

ENGLISH = translation.english_notebooks()


def test_every_notebook_has_a_chinese_twin_and_they_link_each_other():
    assert len(ENGLISH) == 11
    for path in ENGLISH:
        twin = translation.twin(path)
        assert twin.exists(), f"missing notebooks/zh/{path.name}"
        assert f"(zh/{path.name})" in translation._source(translation.load(path)["cells"][0])
        assert f"(../{path.name})" in translation._source(translation.load(twin)["cells"][0])


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name[:2])
def test_the_translation_is_current(path):
    found = translation.problems(path)
    assert not found, "\n".join(found) + "\n(see python tools/translation.py status)"


def test_the_command_reports_in_step():
    command = [sys.executable, str(ROOT / "tools" / "translation.py"), "status"]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert "in step" in run.stdout


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """A copy of notebook 04 in both editions, in a temporary folder, with the tool pointed at it."""
    en_dir = tmp_path / "notebooks"
    (en_dir / "zh").mkdir(parents=True)
    name = "04_training.ipynb"
    shutil.copy(ROOT / "notebooks" / name, en_dir / name)
    shutil.copy(ROOT / "notebooks" / "zh" / name, en_dir / "zh" / name)
    monkeypatch.setattr(translation, "ZH", en_dir / "zh")
    return en_dir / name, en_dir / "zh" / name


def _edit(path: Path, index: int, change) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = nb["cells"][index]
    cell["source"] = change("".join(cell["source"])).splitlines(True)
    translation.save(nb, path)


def _first(path: Path, kind: str) -> int:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return next(i for i, c in enumerate(cells) if c["cell_type"] == kind and i > 0)


def test_an_english_edit_makes_its_chinese_cell_stale(pair):
    en, zh = pair
    assert translation.problems(en) == []
    _edit(en, _first(en, "markdown"), lambda text: text + "\nOne more English sentence.")
    (problem,) = translation.problems(en)
    assert "stale" in problem
    cell_id = json.loads(zh.read_text(encoding="utf-8"))["cells"][_first(en, "markdown")]["id"]
    translation.stamp(zh, cell_id)  # the Chinese cell was updated: record it
    assert translation.problems(en) == []


def test_a_code_change_in_one_edition_only_is_found_but_comments_may_differ(pair):
    en, zh = pair
    code = _first(zh, "code")
    _edit(zh, code, lambda text: "# 中文注释\n" + text)
    assert translation.problems(en) == []
    _edit(zh, code, lambda text: text + "\nx = 1")
    assert any("code differs" in p for p in translation.problems(en))


def test_untranslated_missing_and_orphan_cells_are_found(pair):
    en, zh = pair
    nb = json.loads(zh.read_text(encoding="utf-8"))
    english = json.loads(en.read_text(encoding="utf-8"))
    k = _first(en, "markdown")
    nb["cells"][k]["source"] = english["cells"][k]["source"]  # back to English
    nb["cells"][0]["metadata"]["translation"]["source"] = "no-such-cell"
    translation.save(nb, zh)
    found = "\n".join(translation.problems(en))
    assert "untranslated" in found and "orphan" in found and "missing a translation" in found
