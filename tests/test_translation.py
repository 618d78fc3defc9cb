"""The Chinese edition cannot drift from the English one (tools/translation.py; `make translation-status`).

That every notebook has its twin and links it is a rule of tools/notebook_rules.py (tests/test_notebook_rules.py)."""

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


# --- issue 21: skeleton never replaces a translation; drift is structural; bad files and arguments get one line


def _cells(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _set_cells(path: Path, cells: list) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = cells
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _markdown(path: Path) -> list[int]:
    return [i for i, c in enumerate(_cells(path)) if c["cell_type"] == "markdown" and i > 0]


def test_skeleton_refuses_to_replace_a_translation_and_force_keeps_a_backup(pair, capsys):
    en, zh = pair
    before = zh.read_bytes()
    assert translation.main(["skeleton", "04"]) == 2
    assert zh.read_bytes() == before
    err = capsys.readouterr().err
    assert "04_training.ipynb exists" in err and "--force" in err and "Traceback" not in err
    assert translation.main(["skeleton", "04", "--force"]) == 0
    assert (zh.parent / "04_training.ipynb.bak").read_bytes() == before
    assert zh.read_bytes() != before
    assert any("untranslated" in p for p in translation.problems(en))  # a fresh skeleton
    assert translation.main(["skeleton", "04", "--force"]) == 0  # a second backup does not replace the first
    assert (zh.parent / "04_training.ipynb.bak").read_bytes() == before
    assert (zh.parent / "04_training.ipynb.bak1").exists()


def test_skeleton_of_several_notebooks_writes_none_when_one_is_taken(pair, capsys):
    en, zh = pair
    new_en = en.with_name("12_new.ipynb")
    shutil.copy(en, new_en)
    assert translation.main(["skeleton", "12", "04"]) == 2
    assert not (zh.parent / "12_new.ipynb").exists()
    assert "04_training.ipynb exists" in capsys.readouterr().err


def test_swapped_chinese_cells_are_out_of_order(pair):
    en, zh = pair
    cells = _cells(zh)
    a, b = _markdown(zh)[1:3]
    cells[a], cells[b] = cells[b], cells[a]
    _set_cells(zh, cells)
    found = translation.problems(en)
    assert found and all("out of order" in p for p in found), found


def test_a_duplicated_chinese_cell_is_found(pair):
    en, zh = pair
    cells = _cells(zh)
    k = _markdown(zh)[2]
    cells.insert(k + 1, json.loads(json.dumps(cells[k])))
    _set_cells(zh, cells)
    (problem,) = translation.problems(en)
    assert f"cell {k + 1}: duplicate" in problem or f"cell {k}: duplicate" in problem


def test_english_text_with_a_trailing_newline_is_untranslated(pair):
    en, zh = pair
    k = _markdown(zh)[2]
    cells = _cells(zh)
    cells[k]["source"] = "".join(_cells(en)[k]["source"]) + "\n"
    _set_cells(zh, cells)
    assert translation.problems(en) == [f"zh/04_training.ipynb cell {k}: untranslated (no Chinese text yet)"]


def test_an_english_cell_added_with_an_id_in_use_is_reported_and_missing(pair):
    en, zh = pair
    cells = _cells(en)
    k = _markdown(en)[2]
    cells.insert(k + 1, {"cell_type": "markdown", "id": cells[k]["id"], "metadata": {}, "source": ["New text."]})
    _set_cells(en, cells)
    found = "\n".join(translation.problems(en))
    assert f"cell {k + 1}: its id {cells[k]['id']!r} is already used by cell {k}" in found
    assert f"missing a translation of English cell {cells[k]['id']} (cell {k + 1})" in found


def test_a_raw_cell_added_to_the_english_notebook_is_missing(pair):
    en, zh = pair
    cells = _cells(en)
    cells.insert(3, {"cell_type": "raw", "id": "raw-new", "metadata": {}, "source": ["raw text"]})
    _set_cells(en, cells)
    (problem,) = translation.problems(en)
    assert "missing the English raw cell 3" in problem


def test_crlf_line_endings_are_not_a_change(pair):
    en, zh = pair
    for path in pair:
        cells = _cells(path)
        for cell in cells:
            cell["source"] = "".join(cell["source"]).replace("\n", "\r\n")
        _set_cells(path, cells)
    assert translation.problems(en) == []
    for path in pair:  # the file itself with CRLF line endings (git's autocrlf on Windows)
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert translation.problems(en) == []


def test_a_chinese_notebook_without_an_english_twin_is_reported(pair):
    en, zh = pair
    shutil.copy(zh, zh.parent / "12_extra.ipynb")
    found = translation.all_problems()
    assert found == ["zh/12_extra.ipynb: no English twin notebooks/12_extra.ipynb; delete it, or add its English "
                     "notebook notebooks/12_extra.ipynb"]


def test_a_renamed_english_notebook_names_the_old_translation(pair):
    en, zh = pair
    en.rename(en.with_name("04_training_loop.ipynb"))
    found = translation.all_problems()
    assert len(found) == 2, found
    assert "git mv notebooks/zh/04_training.ipynb notebooks/zh/04_training_loop.ipynb" in found[0]
    assert "skeleton" not in found[0]
    assert found[1].startswith("zh/04_training.ipynb: no English twin")


BAD_FILES = {
    "conflict": lambda text: text.replace('"cells": [', '"cells": [\n<<<<<<< HEAD\n=======\n>>>>>>> theirs', 1),
    "cut short": lambda text: text[: len(text) // 2],
    "byte-order mark": lambda text: "\ufeff" + text,
    "metadata a list": lambda text: json.dumps({**json.loads(text), "metadata": []}),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("edition", ["en", "zh"])
def test_an_unreadable_notebook_is_named_in_one_line(pair, kind, edition):
    en, zh = pair
    path = en if edition == "en" else zh
    path.write_text(BAD_FILES[kind](path.read_text(encoding="utf-8")), encoding="utf-8")
    (problem,) = translation.problems(en)
    shown = "notebooks/" + ("zh/" if edition == "zh" else "") + "04_training.ipynb"
    assert problem.startswith(shown + ": ") and "\n" not in problem
    assert {"conflict": "conflict markers", "cut short": "cut short", "byte-order mark": "byte-order mark",
            "metadata a list": "metadata is a list"}[kind] in problem


@pytest.mark.parametrize(("argv", "message"), [
    (["stamp"], "stamp needs a Chinese notebook and at least one cell id"),
    (["stamp", "zh/04_training.ipynb"], "stamp needs a Chinese notebook and at least one cell id"),
    (["stamp", "zh/04_training.ipynb", "no-such-cell"], "no cell with id 'no-such-cell'"),
    (["stamp", "zh/99_nothing.ipynb", "x"], "no such Chinese notebook"),
    (["skeleton", "99"], "skeleton 99: no English notebook notebooks/99_*.ipynb"),
    (["skeleton"], "skeleton: which notebook?"),
    (["skeleton", "4"], "skeleton 4: no English notebook"),
    (["status", "extra"], "status takes no arguments"),
    (["frobnicate"], "unknown command 'frobnicate'"),
])
def test_bad_arguments_get_one_line_and_exit_2(pair, capsys, argv, message):
    before = [p.read_bytes() for p in pair]
    assert translation.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert [p.read_bytes() for p in pair] == before


def test_stamp_takes_the_path_with_or_without_notebooks(pair, monkeypatch):
    en, zh = pair
    k = _first(en, "markdown")
    _edit(en, k, lambda text: text + "\nOne more English sentence.")
    cell_id = _cells(zh)[k]["id"]
    monkeypatch.chdir(zh.parent.parent.parent)
    assert translation.main(["stamp", "notebooks/zh/04_training.ipynb", cell_id]) == 0  # the doubled path
    assert translation.problems(en) == []
