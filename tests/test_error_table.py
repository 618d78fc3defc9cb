"""docs/errors.md is generated from real runs of every bad input (tools/error_table.py)."""

import error_table


def test_every_bad_input_raises_a_message_with_a_fix(tmp_path):
    rows = error_table.outcomes(tmp_path)
    assert len({what for _, what, _, _ in rows}) >= 60
    assert len({group for group, _, _, _ in rows}) >= 9  # the classes of issue 10, each under its heading
    for _, what, name, message in rows:
        assert name != "(nothing raised)", f"{what}: nothing was raised"
        assert len(message) > 30, f"{what}: message too short to name a fix: {message!r}"
        assert "mat1 and mat2" not in message and "Traceback" not in message


def test_docs_errors_md_matches_the_code(tmp_path):
    expected = error_table.render(error_table.outcomes(tmp_path))
    actual = error_table.DOC.read_text(encoding="utf-8")
    assert actual == expected, "docs/errors.md is out of date: run python tools/error_table.py"
