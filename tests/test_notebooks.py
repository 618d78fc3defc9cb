"""Checks on the notebooks as files (nbval re-runs them; these check what nbval cannot)."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS = ENGLISH + sorted((ROOT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))  # both editions
ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}")
PLOT_REPR = re.compile(r"<matplotlib\.|^Text\(\d|^\[<matplotlib", re.M)
MACHINE_PATH = re.compile(r"(/work/|/tmp/|/root/|/home/\w+/|[A-Z]:\\\\Users)")
LINK = re.compile(r"\]\(([^)#\s]+\.(?:ipynb|md))\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(output):
    parts = [output.get("text", "")]
    parts += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join("".join(p) if isinstance(p, list) else p for p in parts)


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


def test_notebooks_exist_and_are_numbered_in_order():
    numbers = [int(p.name[:2]) for p in ENGLISH]
    assert numbers and numbers == list(range(1, len(numbers) + 1))


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def notebook(request):
    return request.param, load(request.param)


def test_size_under_one_megabyte(notebook):
    path, _ = notebook
    assert path.stat().st_size < 1_000_000


def test_kernelspec_is_python3(notebook):
    _, nb = notebook
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_outputs_are_stored_and_counts_run_1_to_n(notebook):
    _, nb = notebook
    cells = [c for c in code_cells(nb) if source(c).strip()]
    assert any(c["outputs"] for c in cells), "no stored outputs: run `make notebooks`"
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))


def test_no_unexpected_errors_stderr_addresses_reprs_or_paths(notebook):
    _, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        src = source(cell)
        ignored = "NBVAL_IGNORE_OUTPUT" in src
        for out in cell["outputs"]:
            where = f"code cell {i}: {src.splitlines()[0] if src else ''}"
            if out["output_type"] == "error":
                assert "raises-exception" in cell["metadata"].get("tags", []), (
                    f"{where}: error output in a cell without the 'raises-exception' tag: Run All stops there"
                )
            if ignored:
                continue
            assert out.get("name") != "stderr", f"{where}: stderr output (a warning?)"
            txt = text_of(out)
            assert not ADDRESS.search(txt), f"{where}: memory address in output"
            assert not MACHINE_PATH.search(txt), f"{where}: machine path in output"
            if out["output_type"] == "execute_result":
                assert not PLOT_REPR.search(txt), f"{where}: matplotlib repr: end the cell with plt.show()"


def test_cells_that_fail_on_purpose_carry_the_tag_and_the_comment(notebook):
    """Jupyter's Run All (and nbclient, nbconvert, VS Code) only go past an error in a cell tagged
    'raises-exception'; the first-line comment marks the same cells for nbval and for readers."""
    _, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        tagged = "raises-exception" in cell["metadata"].get("tags", [])
        commented = source(cell).startswith("# NBVAL_RAISES_EXCEPTION")
        raised = any(o["output_type"] == "error" for o in cell["outputs"])
        assert tagged == commented == raised, (
            f"code cell {i}: tag {tagged}, comment {commented}, stored error {raised}: a cell that fails on purpose "
            "needs all three (add the tag in JupyterLab's property inspector, then run `make notebooks`)"
        )


def language(path):
    return "zh" if path.parent.name == "zh" else "en"


def test_setup_cell_turns_on_short_tracebacks_and_chooses_the_feedback_language(notebook):
    path, nb = notebook
    setup = source(code_cells(nb)[0])
    assert "\nshort_tracebacks()" in setup
    assert f'\nset_language("{language(path)}")' in setup


def test_no_run_specific_metadata(notebook):
    _, nb = notebook
    for cell in nb["cells"]:
        assert "execution" not in cell.get("metadata", {}), "timing metadata: regenerate with `make notebooks`"


def test_setup_cell_seeds_torch(notebook):
    _, nb = notebook
    assert "torch.manual_seed(" in source(code_cells(nb)[0])


def test_lesson_shape_sections_present(notebook):
    path, nb = notebook
    markdown = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert markdown.startswith("# ")
    headings = {"en": ("## Key terms", "## Summary", "## Exercises"), "zh": ("## 关键术语", "## 小结", "## 练习")}
    for heading in headings[language(path)]:
        assert heading in markdown
    assert re.search(r"[\u4e00-\u9fff]", markdown), "key terms need their Chinese names"


def test_exercises_are_checked(notebook):
    _, nb = notebook
    code = "\n".join(source(c) for c in code_cells(nb))
    assert len(re.findall(r"\bq\d+\.check\(", code)) >= 2


def test_relative_links_point_to_existing_files(notebook):
    path, nb = notebook
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for target in LINK.findall(source(cell)):
                if "://" not in target:
                    assert (path.parent / target).exists(), f"broken link to {target}"


def test_readme_lists_every_notebook_of_its_edition():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme_zh = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    assert "(README.zh-CN.md)" in readme and "(README.md)" in readme_zh  # each links the other
    for path in ENGLISH:
        assert f"(notebooks/{path.name})" in readme
        assert f"(notebooks/zh/{path.name})" in readme_zh
