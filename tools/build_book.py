"""Build the read-along book: both editions as an offline website, from the STORED outputs (nothing is run).

    make book                                   # = .venv/bin/python tools/build_book.py -> build/book/index.html
    make book-serve                             # the same, served on http://127.0.0.1:8000/
    .venv/bin/python tools/build_book.py --out /tmp/book   # anywhere else

Sphinx + MyST-NB (nb_execution_mode "off") + sphinx-book-theme, settings in docs/book/conf.py. The notebooks are
not duplicated in git: this script copies them (and docs/glossary.md and the two landing pages of docs/book/) into
a source folder next to the output, build/book-src/, and changes only those copies:

- each image cell's ``"alt"`` metadata is copied into ``mystnb.image.alt``, so the <img> carries it;
- a "Run it yourself" box (``make lab``, ``make test``, a link to download the original .ipynb) follows the first
  cell;
- links to README.md / README.zh-CN.md point to the book's landing pages instead;
- the landing pages get the reading-path tables of README.md / README.zh-CN.md;
- a jieba user dictionary of the glossary's Chinese terms keeps terms such as 学习率 whole in the search index.

The build fails on any Sphinx warning (a broken link, a missing image). The page opens from disk (file://), search
included.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "docs" / "book"
MARKERS = re.compile(r"<!-- reading-path:start -->\n(.*?)<!-- reading-path:end -->", re.S)

RUN_IT = {
    "en": """:::{{admonition}} Run it yourself
:class: tip book-run-it

This page shows the notebook with its stored outputs: what the tests check. To run it and try the exercises,
in the project's folder:

```bash
make lab    # installs the pinned packages, then opens JupyterLab on notebooks/
make test   # runs every check, this notebook included
```

{{download}}`Download this notebook ({name}) </_originals/{path}>`
:::
""",
    "zh": """:::{{admonition}} 自己动手运行
:class: tip book-run-it

这一页显示的是笔记本和它保存的输出，也就是测试所核对的内容。想自己运行、做练习，请在项目文件夹里：

```bash
make lab    # 安装固定版本的依赖包，然后在 notebooks/ 上打开 JupyterLab（中文版在 zh/ 文件夹里）
make test   # 运行全部检查，包括这个笔记本
```

{{download}}`下载这个笔记本（{name}） </_originals/{path}>`
:::
""",
}


def reading_path(readme: Path, prefix: str) -> str:
    table = MARKERS.search(readme.read_text(encoding="utf-8"))
    if not table:
        raise SystemExit(f"{readme.name}: no <!-- reading-path:start --> ... <!-- reading-path:end --> table")
    return table.group(1).replace("](notebooks/", f"]({prefix}notebooks/").strip()


def book_links(text: str) -> str:
    """The READMEs are not pages of the book: their links go to the landing pages."""
    return text.replace("README.zh-CN.md", "zh/index.md").replace("README.md", "index.md")


def copy_notebook(source: Path, target: Path, relative: str, edition: str) -> None:
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = book_links(text)
        alt = cell.get("metadata", {}).get("alt")
        if alt:
            mystnb = cell["metadata"].setdefault("mystnb", {})
            mystnb.setdefault("image", {})["alt"] = alt
    box = RUN_IT[edition].format(name=source.name, path=relative)
    nb["cells"].insert(1, {"cell_type": "markdown", "id": "book-run-it", "metadata": {}, "source": box})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def glossary_terms(glossary: Path) -> list[str]:
    """The Chinese names in the glossary's 中文 column (a / b gives both)."""
    terms = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and line.startswith("|") and not set(cells[1]) <= set("-: ") and cells[1] != "中文":
            terms += [t.strip() for t in re.split(r"[/、，,]", cells[1]) if re.search(r"[\u4e00-\u9fff]", t)]
    return sorted(set(terms))


def prepare(src: Path) -> None:
    shutil.rmtree(src, ignore_errors=True)
    (src / "zh").mkdir(parents=True)
    index = (BOOK / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(index.replace("{reading-path}", reading_path(ROOT / "README.md", "")), "utf-8")
    index_zh = (BOOK / "zh" / "index.md").read_text(encoding="utf-8")
    table_zh = reading_path(ROOT / "README.zh-CN.md", "../")
    (src / "zh" / "index.md").write_text(index_zh.replace("{reading-path}", table_zh), "utf-8")
    (src / "docs").mkdir()
    glossary = ROOT / "docs" / "glossary.md"
    (src / "docs" / "glossary.md").write_text(book_links(glossary.read_text(encoding="utf-8")), "utf-8")
    for edition, folder in (("en", "notebooks"), ("zh", "notebooks/zh")):
        for notebook in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            relative = f"{folder}/{notebook.name}"
            copy_notebook(notebook, src / relative, relative, edition)
            (src / "_originals" / folder).mkdir(parents=True, exist_ok=True)
            shutil.copy2(notebook, src / "_originals" / relative)  # the download: the notebook as it is in git
    words = [f"{term} 100000 n" for term in glossary_terms(glossary)]
    (src / "_search_dict.txt").write_text("\n".join(words) + "\n", encoding="utf-8")


def build(out: Path, src: Path, jobs: str = "2", quiet: bool = False) -> None:
    t0 = time.monotonic()
    prepare(src)
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, BOOK_SEARCH_DICT=str(src / "_search_dict.txt"), PYTHONWARNINGS="ignore")
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-c", str(BOOK), "-d", str(src / ".doctrees"),
        "-j", jobs, "-W", "--keep-going", "-q", str(src), str(out),
    ]
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    for macros in (out / "_static").glob("*webpack-macros.html"):  # the themes' Jinja macros, copied as static files
        macros.unlink()
    if not quiet:
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
        print(f"book built in {time.monotonic() - t0:.1f} s: {out / 'index.html'} ({size:.0f} MiB)")
        print(f"open it: file://{(out / 'index.html').resolve()}   or: make book-serve")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "book", help="default: build/book")
    parser.add_argument("--src", type=Path, help="where the copies go (default: OUT's sibling OUT-src)")
    parser.add_argument("--jobs", default="2", help="Sphinx's -j (default 2)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    src = (args.src or out.with_name(out.name + "-src")).resolve()
    try:
        build(out, src, args.jobs)
    except subprocess.CalledProcessError as error:
        print(f"the book did not build (Sphinx exit {error.returncode}): see the warnings above")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
