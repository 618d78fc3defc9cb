"""Keep the Chinese edition (notebooks/zh/) in step with the English one (notebooks/).

    python tools/translation.py status         # what needs translating; exit 1 if anything does
    python tools/translation.py skeleton 05    # start notebooks/zh/05_*.ipynb from the English notebook
    python tools/translation.py skeleton 05 --force   # replace an existing one (kept as zh/05_*.ipynb.bak)
    python tools/translation.py stamp zh/05_validation.ipynb CELL_ID [CELL_ID ...]   # after updating a translation

Each Markdown cell of a Chinese notebook records, in its metadata, the English cell it translates and a hash
of that cell's text as it was when translated::

    "metadata": {"translation": {"source": "md-007", "sha": "3f2a9c1e0b7d"}}

``status`` compares the structure of the two editions, cell by cell in order: the Chinese notebook has the
same cells as the English one, of the same types, in the same order, each Markdown cell naming its English
cell. It lists every Chinese cell whose English source changed since (stale), every English cell with no
Chinese counterpart (missing), every Chinese cell whose source cell is gone (orphan), translated twice
(duplicate) or placed elsewhere (out of order), every Chinese cell that is still in English (untranslated:
the same text once whitespace and line endings are normalised), every code cell whose code differs from its
English twin once comments are removed (the two editions run the same code; only ``set_language("...")``
differs), English cells sharing an id, Chinese notebooks with no English twin (e.g. after a rename) and
notebooks that cannot be read. Line endings (CRLF) never count as a change.
tests/test_translation.py runs it, so an English edit and its Chinese update land in the same commit.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import re
import shutil
import sys
import tokenize
from pathlib import Path

from notebook_files import NotebookError, read_notebook, write_notebook

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "notebooks"
ZH = EN / "zh"
LANGUAGE_CALL = re.compile(r"""set_language\(["'][a-z]{2}["']\)""")


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


READING_TIME = re.compile(r"\*\*Reading time:\*\* core path about \d+ min, all sections about \d+ min\.")


def newlines(text: str) -> str:
    """``text`` with Windows (CRLF) and old Mac (CR) line endings made ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalised(text: str) -> str:
    """``text`` with every run of whitespace (line endings included) made one space, ends stripped."""
    return " ".join(text.split())


def sha(text: str) -> str:
    """The hash a translation records: 12 hex digits of SHA-256 of the English cell's text.

    The reading times are left out: tools/reading_time.py computes them for each edition."""
    text = READING_TIME.sub("**Reading time:**", newlines(text))
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


class UsageError(Exception):
    """A bad command line or file: main prints the one-line message and exits 2."""


def load(path: Path) -> dict:
    """The notebook at ``path``; a NotebookError names it as the messages do (notebooks/zh/05_x.ipynb)."""
    try:
        return read_notebook(path)
    except NotebookError as error:
        raise NotebookError(_shown(Path(path)), error.problem.replace(str(path), _shown(Path(path)))) from None


def save(nb: dict, path: Path) -> None:
    write_notebook(nb, path)  # the layout nbformat writes; atomic


def english_notebooks() -> list[Path]:
    return sorted(ZH.parent.glob("[0-9][0-9]_*.ipynb"))


def chinese_notebooks() -> list[Path]:
    return sorted(ZH.glob("[0-9][0-9]_*.ipynb"))


def twin(path: Path) -> Path:
    """The other edition's notebook: notebooks/05_x.ipynb <-> notebooks/zh/05_x.ipynb."""
    return path.parent.parent / path.name if path.parent == ZH else ZH / path.name


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the project (or the notebooks' parent folder in tests)."""
    for base in (ROOT, ZH.parent.parent):
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return str(path)


def ensure_ids(nb: dict) -> bool:
    """Give every cell an id of its own (nbformat 4.5), so a translation can name its source.

    A missing id, or one an earlier cell already uses, gets a new one; True if anything changed."""
    changed = nb.get("nbformat_minor", 0) < 5
    nb["nbformat_minor"] = max(nb.get("nbformat_minor", 0), 5)
    used = {c.get("id") for c in nb["cells"]}
    seen: set = set()
    for i, cell in enumerate(nb["cells"]):
        if not cell.get("id") or cell["id"] in seen:
            base = f"{'md' if cell['cell_type'] == 'markdown' else 'code'}-{i:03d}"
            new, k = base, 0
            while new in used:
                k += 1
                new = f"{base}-{k}"
            cell["id"] = new
            used.add(new)
            changed = True
        seen.add(cell["id"])
    return changed


def _record(cell: dict) -> dict | None:
    record = cell.get("metadata", {}).get("translation")
    return record if isinstance(record, dict) else None


def _key(cell: dict, english: bool) -> tuple:
    """What matches a cell with its twin: the type, and the English cell's id (Markdown) or the code."""
    kind = cell["cell_type"]
    if kind == "markdown":
        return (kind, cell.get("id") if english else (_record(cell) or {}).get("source"))
    if kind == "code":
        return (kind, code_without_comments(newlines(_source(cell))))
    return (kind,)


def problems(en_path: Path) -> list[str]:
    """Everything that keeps the Chinese twin of ``en_path`` from being a current translation."""
    zh_path = twin(en_path)
    name = f"zh/{en_path.name}"
    if not zh_path.exists():
        renamed = [p for p in chinese_notebooks() if p.name[:3] == en_path.name[:3] and not twin(p).exists()]
        if renamed:
            old = renamed[0]
            return [f"{name}: missing; zh/{old.name} has no English twin - if notebooks/{old.name} was renamed, "
                    f"rename its translation too: git mv {_shown(old)} {_shown(zh_path)}"]
        return [f"{name}: missing (python tools/translation.py skeleton {en_path.name[:2]})"]
    try:
        en, zh = load(en_path), load(zh_path)
    except NotebookError as error:
        return [f"{error} (python tools/translation.py status cannot compare it)"]
    found = []
    first: dict = {}
    for i, cell in enumerate(en["cells"]):
        cell_id = cell.get("id")
        if cell_id in first:
            found.append(f"{en_path.name} cell {i}: its id {cell_id!r} is already used by cell {first[cell_id]}; "
                         f"give it an id of its own (edit \"id\" in the JSON, or run python tools/translation.py "
                         f"skeleton {en_path.name[:2]} --force)")
        else:
            first[cell_id] = i
    en_cells, zh_cells = en["cells"], zh["cells"]
    by_id = {}
    for i, cell in enumerate(en_cells):
        by_id.setdefault(cell.get("id"), (i, cell))
    en_keys = [_key(c, english=True) + (() if first[c.get("id")] == i else ("id used twice", i))
               for i, c in enumerate(en_cells)]
    zh_keys = [_key(c, english=False) for c in zh_cells]
    matcher = difflib.SequenceMatcher(None, en_keys, zh_keys, autojunk=False)
    pairs: list[tuple[int, int]] = []
    lone_en: list[int] = []
    lone_zh: list[int] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(a0, a1), range(b0, b1), strict=True)
            continue
        # code and raw cells of the block are paired in order (their contents are compared below)
        for kind in ("code", "raw"):
            en_of_kind = [a for a in range(a0, a1) if en_keys[a][0] == kind]
            zh_of_kind = [b for b in range(b0, b1) if zh_keys[b][0] == kind]
            pairs += zip(en_of_kind, zh_of_kind, strict=False)
            lone_en += en_of_kind[len(zh_of_kind):]
            lone_zh += zh_of_kind[len(en_of_kind):]
        lone_en += [a for a in range(a0, a1) if en_keys[a][0] == "markdown"]
        lone_zh += [b for b in range(b0, b1) if zh_keys[b][0] == "markdown"]
    for b in list(lone_zh):  # a code or raw cell found elsewhere in the English notebook: moved
        moved = next((a for a in lone_en if zh_keys[b][0] != "markdown" and en_keys[a] == zh_keys[b]), None)
        if moved is not None:
            lone_en.remove(moved)
            lone_zh.remove(b)
            found.append(f"{name} cell {b}: out of order (this {zh_keys[b][0]} cell is cell {moved} in the English "
                         "notebook; put the Chinese cells in the English order)")
    matched_sources = {en_cells[a].get("id") for a, b in pairs if en_cells[a]["cell_type"] == "markdown"}
    placed_elsewhere = set()
    for b in lone_zh:
        cell = zh_cells[b]
        kind = cell["cell_type"]
        if kind != "markdown":
            found.append(f"{name} cell {b}: a {kind} cell with no counterpart at this place in the English "
                         f"notebook (added, moved or deleted a {kind} cell in one edition only?)")
            continue
        record = cell.get("metadata", {}).get("translation")
        if record is None:
            found.append(f"{name} cell {b}: orphan (no metadata.translation naming its English cell)")
            continue
        if not isinstance(record, dict):
            found.append(f"{name} cell {b}: orphan (metadata.translation is a {type(record).__name__}, not "
                         f"{{\"source\": ..., \"sha\": ...}})")
            continue
        source = record.get("source")
        if source not in by_id or by_id[source][1]["cell_type"] != "markdown":
            found.append(f"{name} cell {b}: orphan (its English cell {source!r} is gone)")
        elif source in matched_sources:
            found.append(f"{name} cell {b}: duplicate (English cell {source} is translated by another Chinese "
                         "cell too; delete one)")
        else:
            placed_elsewhere.add(source)
            found.append(f"{name} cell {b}: out of order (it translates English cell {source}, which is cell "
                         f"{by_id[source][0]} there; put the Chinese cells in the English order)")
    for a in lone_en:
        cell = en_cells[a]
        kind = cell["cell_type"]
        if kind == "markdown":
            if cell.get("id") not in placed_elsewhere or first.get(cell.get("id")) != a:
                found.append(f"{name}: missing a translation of English cell {cell.get('id')} (cell {a})")
        else:
            found.append(f"{name}: missing the English {kind} cell {a} ({cell.get('id')}); copy it to the same "
                         "place in the Chinese notebook")
    for a, b in pairs:
        en_cell, zh_cell = en_cells[a], zh_cells[b]
        kind = en_cell["cell_type"]
        if kind == "markdown":
            record = _record(zh_cell)
            if sha(_source(en_cell)) != record.get("sha"):
                found.append(f"{name} cell {b}: stale (English cell {record['source']} changed since it was "
                             "translated)")
            elif normalised(_source(zh_cell)) == normalised(_source(en_cell)) and re.search(
                    r"[A-Za-z]{3,}", _source(en_cell)):
                found.append(f"{name} cell {b}: untranslated (no Chinese text yet)")
        elif kind == "code":
            if code_without_comments(newlines(_source(en_cell))) != code_without_comments(newlines(_source(zh_cell))):
                found.append(f"{name} cell {b}: the code differs from the English cell {a} (comments aside)")
    return found


def all_problems() -> list[str]:
    """``problems`` of every English notebook, and every Chinese notebook with no English twin."""
    found = [p for path in english_notebooks() for p in problems(path)]
    english_prefixes = {p.name[:3] for p in english_notebooks() if not twin(p).exists()}
    for path in chinese_notebooks():
        if not twin(path).exists():
            hint = ("rename it to its English notebook's new name (see above)" if path.name[:3] in english_prefixes
                    else f"delete it, or add its English notebook {_shown(twin(path))}")
            found.append(f"zh/{path.name}: no English twin {_shown(twin(path))}; {hint}")
    return found


def _english(prefix: str) -> Path:
    matches = sorted(ZH.parent.glob(f"{prefix}_*.ipynb")) if re.fullmatch(r"\d\d", prefix) else []
    if len(matches) != 1:
        choices = ", ".join(p.name[:2] for p in english_notebooks())
        what = "several" if matches else "no"
        raise UsageError(f"skeleton {prefix}: {what} English notebook notebooks/{prefix}_*.ipynb; give one "
                         f"two-digit number of an English notebook ({choices})")
    return matches[0]


def backup_path(path: Path) -> Path:
    """Where ``--force`` keeps the file it replaces: NAME.bak, or NAME.bak1, NAME.bak2, ... if taken."""
    candidate, k = path.with_name(path.name + ".bak"), 0
    while candidate.exists():
        k += 1
        candidate = path.with_name(f"{path.name}.bak{k}")
    return candidate


def _refusal(target: Path) -> UsageError:
    return UsageError(f"{_shown(target)} exists and may hold a translation; not replaced. To start it over, "
                      f"add --force (the old file is kept as {backup_path(target).name})")


def skeleton(en_path: Path, force: bool = False) -> Path:
    """Write notebooks/zh/<name> from the English notebook: same cells, Markdown to translate, Chinese feedback.

    An existing Chinese notebook is someone's translation: refused unless ``force``, which first copies it
    to ``NAME.ipynb.bak`` (see ``backup_path``)."""
    target = twin(en_path)
    if target.exists() and not force:
        raise _refusal(target)
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
    if target.exists():
        backup = backup_path(target)
        shutil.copy2(target, backup)
        print(f"kept the old {_shown(target)} as {_shown(backup)}")
    save(zh, target)
    return target


def chinese_path(given: str) -> Path:
    """The Chinese notebook a ``stamp`` argument names: zh/05_x.ipynb, notebooks/zh/05_x.ipynb or 05_x.ipynb."""
    raw = Path(given)
    candidates = [raw, ZH.parent / raw, ZH / raw.name]
    for path in candidates:
        if path.is_file() and path.resolve().parent == ZH.resolve():
            return ZH / path.name
    raise UsageError(f"stamp: {given}: no such Chinese notebook; give one in notebooks/zh/, like "
                     f"zh/{english_notebooks()[0].name if english_notebooks() else '05_validation.ipynb'}")


def stamp(zh_path: Path, cell_id: str) -> None:
    """Record that the Chinese cell ``cell_id`` now translates its English cell as it is today."""
    zh = load(zh_path)
    en = load(twin(zh_path))
    en_cells = {c.get("id"): c for c in en["cells"]}
    for cell in zh["cells"]:
        if cell.get("id") == cell_id:
            record = _record(cell)
            if record is None or record.get("source") not in en_cells:
                source = record.get("source") if record else None
                raise UsageError(f"{_shown(zh_path)}: cell {cell_id!r} names no English cell of "
                                 f"{_shown(twin(zh_path))} (metadata.translation.source is {source!r}); "
                                 "set it to the English cell's id first")
            record["sha"] = sha(_source(en_cells[record["source"]]))
            save(zh, zh_path)
            return
    ids = [c.get("id") for c in zh["cells"] if c["cell_type"] == "markdown"]
    shown = ", ".join(map(str, ids[:3])) + (", ..." if len(ids) > 3 else "")
    raise UsageError(f"{_shown(zh_path)}: no cell with id {cell_id!r} (its Markdown cells' ids: {shown})")


USAGE = ("usage: python tools/translation.py status | skeleton NN [NN ...] [--force] | "
         "stamp zh/NN_name.ipynb CELL_ID [CELL_ID ...]  (--help for more)")


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except (UsageError, NotebookError) as error:
        print(f"translation.py: {error}", file=sys.stderr)
        return 2


def _main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    args = argv[1:]
    if command in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if command == "status":
        if args:
            raise UsageError(f"status takes no arguments (got {' '.join(args)}); {USAGE}")
        found = all_problems()
        print("\n".join(found) or "Both editions are in step: every Markdown cell is translated and current.")
        return 1 if found else 0
    if command == "skeleton":
        force = "--force" in args
        prefixes = [a for a in args if a != "--force"]
        if not prefixes:
            raise UsageError(f"skeleton: which notebook? give its number, e.g. skeleton 05; {USAGE}")
        bad = [a for a in prefixes if a.startswith("-")]
        if bad:
            raise UsageError(f"skeleton: unknown option {bad[0]}; {USAGE}")
        paths = [_english(prefix) for prefix in prefixes]  # all checked before anything is written
        taken = [twin(path) for path in paths if twin(path).exists()]
        if taken and not force:
            raise _refusal(taken[0])
        for path in paths:
            print(f"wrote {_shown(skeleton(path, force=force))}")
        return 0
    if command == "stamp":
        if len(args) < 2:
            raise UsageError(f"stamp needs a Chinese notebook and at least one cell id; {USAGE}")
        path = chinese_path(args[0])
        for cell_id in args[1:]:
            stamp(path, cell_id)
        return 0
    raise UsageError(f"unknown command {command!r}; {USAGE}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
