"""Write docs/glossary.md, the one term list both editions link to, from the notebooks' "Key terms" tables.

    python tools/glossary.py          # rewrite docs/glossary.md
    python tools/glossary.py --check  # exit 1 if docs/glossary.md is not current (tests/test_glossary.py)

Each English notebook ends with a "## Key terms" table: | English | 中文 | Meaning |. Each Chinese notebook
(notebooks/zh/) has the same rows in the same order: | 中文 | English | 释义 |. The glossary lists every term
once, in alphabetical order, with the notebook that introduces it, its Chinese name and both explanations.
A term must have the same Chinese name everywhere; tests/test_glossary.py also checks that the two editions'
tables name the same terms.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from notebook_files import NotebookError, read_notebook, write_text

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GLOSSARY = ROOT / "docs" / "glossary.md"
ROW = re.compile(r"^\|(.+)\|\s*$", re.M)


def key_terms(path: Path) -> list[tuple[str, ...]]:
    """The rows of a notebook's "## Key terms" table, as tuples of cell texts (header and rule left out)."""
    nb = read_notebook(path)
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.match(r"## (Key terms|关键术语)", text):
            rows = [tuple(part.strip() for part in m.group(1).split(" | ")) for m in ROW.finditer(text)]
            return [row for row in rows[2:] if len(row) >= 3]
    return []


def entries() -> dict[str, dict[str, str]]:
    terms: dict[str, dict[str, str]] = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        zh_path = NOTEBOOKS / "zh" / path.name
        zh_rows = key_terms(zh_path) if zh_path.exists() else []
        for k, (english, chinese, meaning, *_) in enumerate(key_terms(path)):
            zh_meaning = zh_rows[k][2] if k < len(zh_rows) else ""
            entry = terms.setdefault(english.lower(), {
                "english": english, "chinese": chinese, "meaning": meaning, "zh_meaning": zh_meaning,
                "notebook": path.name,
            })
            if entry["chinese"] != chinese:
                raise SystemExit(f"{english!r}: {entry['chinese']} in {entry['notebook']}, {chinese} in {path.name}")
    return terms


def render() -> str:
    lines = [
        "# Glossary · 术语表",
        "",
        "Every key term of the series, in English and Chinese, with the notebook that introduces it.",
        "Both editions link here. Written by `python tools/glossary.py` from the notebooks' \"Key terms\" tables:",
        "edit those, not this file.",
        "",
        "本系列的全部关键术语（英文、中文），以及首次介绍它的笔记本。中英两版都链接到这一页。",
        "",
        "| English | 中文 | Meaning | 释义 | First met in · 首次出现 |",
        "|---|---|---|---|---|",
    ]
    for _, entry in sorted(entries().items()):
        notebook = entry["notebook"]
        where = f"[{notebook[:2]}](../notebooks/{notebook})"
        if (NOTEBOOKS / "zh" / notebook).exists():
            where += f" · [{notebook[:2]} 中文](../notebooks/zh/{notebook})"
        cells = [entry["english"], entry["chinese"], entry["meaning"], entry["zh_meaning"] or "—", where]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="glossary.py", description="Write docs/glossary.md from the notebooks' "
                                     "Key terms tables.")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/glossary.md is not current")
    args = parser.parse_args(argv)
    try:
        text = render()
    except NotebookError as error:
        print(f"glossary.py: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = GLOSSARY.exists() and GLOSSARY.read_text(encoding="utf-8") == text
        print("docs/glossary.md is current" if current else "docs/glossary.md is stale: run python tools/glossary.py")
        return 0 if current else 1
    write_text(GLOSSARY, text)
    print(f"wrote {GLOSSARY.relative_to(ROOT)} ({text.count(chr(10)) - 10} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
