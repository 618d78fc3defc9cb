"""docs/errors.md and docs/errors.zh-CN.md are generated from real runs of every bad input (tools/error_table.py)."""

import re

import error_table
import pytest

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Every case run once per language (rows), and the pages they render."""
    tmp = tmp_path_factory.mktemp("errors")
    rows = {}
    for language in error_table.DOCS:
        (tmp / language).mkdir()
        rows[language] = error_table.outcomes(tmp / language, language)
    return rows, {language: error_table.render(found, language) for language, found in rows.items()}


def test_every_bad_input_raises_a_message_with_a_fix(pages):
    rows = pages[0]["en"]
    assert len({what for _, what, _, _ in rows}) >= 60
    assert len({group for group, _, _, _ in rows}) >= 9  # the classes of issue 10, each under its heading
    for _, what, name, message in rows:
        assert name != "(nothing raised)", f"{what}: nothing was raised"
        assert len(message) > 30, f"{what}: message too short to name a fix: {message!r}"
        assert "mat1 and mat2" not in message and "Traceback" not in message


def test_in_chinese_every_case_raises_the_same_exception_with_a_chinese_message(pages):
    english, chinese = pages[0]["en"], pages[0]["zh"]
    assert [(group, what, name) for group, what, name, _ in chinese] == [(g, w, n) for g, w, n, _ in english]
    for (_, what, _, message), (_, _, _, original) in zip(chinese, english, strict=True):
        assert CHINESE.search(message), f"{what}: no Chinese in {message!r}"
        # the code a message tells the learner to run is quoted exactly, in both languages
        for fix in re.findall(r"\w+\.reshape\(-1, 1\)|\w+\.astype\(np\.\w+\)|lr=[\d.]+", original):
            assert fix in message, f"{what}: {fix!r} is missing from {message!r}"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_errors_page_matches_the_code(pages, language):
    actual = error_table.DOCS[language].read_text(encoding="utf-8")
    name = error_table.DOCS[language].name
    assert actual == pages[1][language], f"docs/{name} is out of date: run python tools/error_table.py"


def test_the_two_pages_link_to_each_other():
    english, chinese = (error_table.DOCS[language].read_text(encoding="utf-8") for language in ("en", "zh"))
    assert "(errors.zh-CN.md)" in english.split("##")[0] and "(errors.md)" in chinese.split("##")[0]


def test_check_reports_a_stale_page(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "errors.zh-CN.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(error_table, "pages", lambda tmp: {"en": error_table.DOCS["en"].read_text(encoding="utf-8"),
                                                           "zh": "# new\n"})
    monkeypatch.setitem(error_table.DOCS, "zh", stale)
    assert error_table.main(["--check"]) == 1
    assert "errors.zh-CN.md is out of date" in capsys.readouterr().err
