"""The first reading path: core and optional sections, reading times, key terms up front, pictures with
alternative text, one Chinese name per English term (the conventions are in CONTRIBUTING.md)."""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import reading_time  # noqa: E402

NOTEBOOKS = reading_time.notebook_paths()  # English
BOTH = NOTEBOOKS + reading_time.notebook_paths(reading_time.CHINESE)


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.relative_to(reading_time.NOTEBOOKS).as_posix()[:5])
class TestNotebook:
    def test_reading_time_is_current(self, path):
        header = _src(_nb(path)["cells"][0])
        language = reading_time.edition(path)
        expected = reading_time.time_line(*reading_time.reading_times(path), language)
        assert expected in header, f"run: python tools/reading_time.py --write   (expected {expected!r})"
        assert language.legend in header

    def test_optional_sections_say_why(self, path):
        for cell in _nb(path)["cells"]:
            text = _src(cell)
            for match in re.finditer(r"^## .*$", text, re.M):
                heading = match.group(0)
                if "选读" in heading or "optional" in heading.lower():
                    assert heading.endswith(reading_time.OPTIONAL_MARK), heading
                    after = text[match.end():].lstrip("\n")
                    why = reading_time.edition(path).why
                    assert after.startswith(why), f"{heading!r} must be followed by a line starting {why!r}"

    def test_key_terms_come_first(self, path):
        header = _src(_nb(path)["cells"][0])
        assert re.search(r"\| English \| 中文 \||\| 中文 \| English \|", header), "a small term table in the first cell"

    def test_every_picture_has_alt_text(self, path):
        for i, cell in enumerate(_nb(path)["cells"]):
            if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
                alt = cell["metadata"].get("alt", "")
                long_enough = len(alt.split()) >= 8 or len(re.findall(r"[\u4e00-\u9fff]", alt)) >= 12
                assert long_enough, f"cell {i}: add metadata 'alt' that says what the picture shows"

    def test_skip_comment_is_spelled_one_way(self, path):
        for cell in _nb(path)["cells"]:
            for line in _src(cell).splitlines():
                if ("skip reading" in line or "跳过不读" in line) and line.startswith("#"):
                    assert line == reading_time.edition(path).skip_plot


def _term_table(text: str) -> dict[str, str]:
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]*[\u4e00-\u9fff][^|]*?) \|", text, re.M)
    return {english.strip().lower(): chinese.strip() for english, chinese in rows if english.strip() != "English"}


def test_one_chinese_name_per_term():
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in NOTEBOOKS:
        for cell in _nb(path)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for english, chinese in _term_table(_src(cell)).items():
                if english in seen and seen[english][0] != chinese:
                    clashes.append(f"{english}: {seen[english][0]} ({seen[english][1]}) vs {chinese} ({path.name[:2]})")
                seen.setdefault(english, (chinese, path.name[:2]))
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize("language", reading_time.EDITIONS, ids=["en", "zh"])
def test_readme_reading_path_is_current(language):
    readme = language.readme.read_text(encoding="utf-8")
    table = reading_time.readme_table(reading_time.notebook_paths(language), language)
    assert table in readme, "run: python tools/reading_time.py --write"


def test_american_spelling_matches_the_code():
    # the code says standardize, initialize, normalize: the text says the same
    british = re.compile(
        r"\b(standardis|initialis|normalis|optimis(?:e|ed|es|ing|ation)|minimis|centre|colour|behaviour)", re.I
    )
    for path in NOTEBOOKS:
        for i, cell in enumerate(_nb(path)["cells"]):
            if cell["cell_type"] == "markdown":
                found = british.search(_src(cell))
                assert not found, f"{path.name} cell {i}: {found.group(0)!r} (use the American spelling)"
