"""Keep the Chinese edition (notebooks/zh/) in step with the English one (notebooks/).

    python tools/translation.py status         # what needs translating; exit 1 if anything does
    python tools/translation.py skeleton 05    # start notebooks/zh/05_*.ipynb from the English notebook
    python tools/translation.py stamp zh/05_validation.ipynb CELL_ID   # after updating a translation

Each Markdown cell of a Chinese notebook records, in its metadata, the English cell it translates and a hash
of that cell's text as it was when translated::

    "metadata": {"translation": {"source": "md-007", "sha": "3f2a9c1e0b7d"}}

``status`` lists every Chinese cell whose English source changed since (stale), every English Markdown cell
with no translation (missing), every Chinese cell whose source cell is gone (orphan), every Chinese cell that
is still in English (untranslated), and every code cell whose code differs from its English twin once
comments are removed (the two editions run the same code; only ``set_language("...")`` differs).
tests/test_translation.py runs it, so an English edit and its Chinese update land in the same commit.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "notebooks"
ZH = EN / "zh"
LANGUAGE_CALL = re.compile(r"""set_language\(["'][a-z]{2}["']\)""")


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


READING_TIME = re.compile(r"\*\*Reading time:\*\* core path about \d+ min, all sections about \d+ min\.")


def sha(text: str) -> str:
    """The hash a translation records: 12 hex digits of SHA-256 of the English cell's text.

    The reading times are left out: tools/reading_time.py computes them for each edition."""
    text = READING_TIME.sub("**Reading time:**", text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def code_without_comments(code: str) -> str:
    """The code of a cell with comments, blank lines and the language of ``set_language`` removed."""
    code = LANGUAGE_CALL.sub("set_language(LANGUAGE)", code)
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type != tokenize.COMMENT]
        code = tokenize.untokenize(tokens)
    except (tokenize.TokenError, IndentationError, SyntaxError):  # e.g. a cell magic: compare line by line
        code = "\n".join(re.sub(r"\s+#.*$|^\s*#.*$", "", line) for line in code.splitlines())
    return "\n".join(line.rstrip() for line in code.splitlines() if line.strip())


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(nb: dict, path: Path) -> None:
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False)  # the layout nbformat writes
    path.write_text(text + "\n", encoding="utf-8")


def english_notebooks() -> list[Path]:
    return sorted(EN.glob("[0-9][0-9]_*.ipynb"))


def twin(path: Path) -> Path:
    """The other edition's notebook: notebooks/05_x.ipynb <-> notebooks/zh/05_x.ipynb."""
    return path.parent.parent / path.name if path.parent == ZH else ZH / path.name


def ensure_ids(nb: dict) -> bool:
    """Give every cell an id (nbformat 4.5), so a translation can name its source; True if anything changed."""
    changed = nb.get("nbformat_minor", 0) < 5
    nb["nbformat_minor"] = max(nb.get("nbformat_minor", 0), 5)
    used = {c.get("id") for c in nb["cells"]}
    for i, cell in enumerate(nb["cells"]):
        if not cell.get("id"):
            base = f"{'md' if cell['cell_type'] == 'markdown' else 'code'}-{i:03d}"
            new, k = base, 0
            while new in used:
                k += 1
                new = f"{base}-{k}"
            cell["id"] = new
            used.add(new)
            changed = True
    return changed


def problems(en_path: Path) -> list[str]:
    """Everything that keeps the Chinese twin of ``en_path`` from being a current translation."""
    zh_path = twin(en_path)
    name = f"zh/{en_path.name}"
    if not zh_path.exists():
        return [f"{name}: missing (python tools/translation.py skeleton {en_path.name[:2]})"]
    en, zh = load(en_path), load(zh_path)
    by_id = {c.get("id"): c for c in en["cells"]}
    found = []
    translated = set()
    for i, cell in enumerate(zh["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        record = cell.get("metadata", {}).get("translation")
        if not record:
            found.append(f"{name} cell {i}: orphan (no metadata.translation naming its English cell)")
            continue
        source = by_id.get(record.get("source"))
        if source is None or source["cell_type"] != "markdown":
            found.append(f"{name} cell {i}: orphan (its English cell {record.get('source')!r} is gone)")
            continue
        translated.add(record["source"])
        if sha(_source(source)) != record.get("sha"):
            found.append(f"{name} cell {i}: stale (English cell {record['source']} changed since it was translated)")
        elif _source(cell) == _source(source) and re.search(r"[A-Za-z]{3,}", _source(source)):
            found.append(f"{name} cell {i}: untranslated (no Chinese text yet)")
    for cell in en["cells"]:
        if cell["cell_type"] == "markdown" and cell.get("id") not in translated:
            found.append(f"{name}: missing a translation of English cell {cell.get('id')}")
    en_code = [code_without_comments(_source(c)) for c in en["cells"] if c["cell_type"] == "code"]
    zh_code = [code_without_comments(_source(c)) for c in zh["cells"] if c["cell_type"] == "code"]
    if len(en_code) != len(zh_code):
        found.append(f"{name}: {len(zh_code)} code cells, the English notebook has {len(en_code)}")
    for k, (a, b) in enumerate(zip(en_code, zh_code, strict=False)):
        if a != b:
            found.append(f"{name} code cell {k}: the code differs from the English cell (comments aside)")
    return found


def skeleton(en_path: Path) -> Path:
    """Write notebooks/zh/<name> from the English notebook: same cells, Markdown to translate, Chinese feedback."""
    en = load(en_path)
    if ensure_ids(en):
        save(en, en_path)
    zh = json.loads(json.dumps(en))
    for cell in zh["cells"]:
        cell["id"] = f"zh-{cell['id']}"
        if cell["cell_type"] == "markdown":
            cell["metadata"]["translation"] = {"source": cell["id"][3:], "sha": sha(_source(cell))}
        elif LANGUAGE_CALL.search(_source(cell)):
            cell["source"] = LANGUAGE_CALL.sub('set_language("zh")', _source(cell)).splitlines(True)
    ZH.mkdir(exist_ok=True)
    save(zh, twin(en_path))
    return twin(en_path)


def stamp(zh_path: Path, cell_id: str) -> None:
    """Record that the Chinese cell ``cell_id`` now translates its English cell as it is today."""
    zh = load(zh_path)
    en = {c.get("id"): c for c in load(twin(zh_path))["cells"]}
    for cell in zh["cells"]:
        if cell.get("id") == cell_id:
            record = cell["metadata"]["translation"]
            record["sha"] = sha(_source(en[record["source"]]))
            save(zh, zh_path)
            return
    raise SystemExit(f"{zh_path.name}: no cell with id {cell_id!r}")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "status":
        found = [p for path in english_notebooks() for p in problems(path)]
        print("\n".join(found) or "Both editions are in step: every Markdown cell is translated and current.")
        return 1 if found else 0
    if command == "skeleton":
        for prefix in argv[1:]:
            (path,) = EN.glob(f"{prefix}_*.ipynb")
            print(f"wrote {skeleton(path).relative_to(ROOT)}")
        return 0
    if command == "stamp":
        stamp(EN / argv[1], argv[2])
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
