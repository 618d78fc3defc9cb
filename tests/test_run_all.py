"""Run All, the way a learner runs a notebook: nbclient (what JupyterLab's Run All, VS Code and
`jupyter nbconvert --execute` do) stops at the first error unless the cell is tagged 'raises-exception'.

Every notebook of both editions reaches its last cell under Run All because of two checks together:
- nbval (strict, in the same `make test`) runs every cell and requires a cell to fail exactly where its stored
  output shows an error (a new error fails the test, and so does a stored error that does not happen again);
- this file requires every cell whose stored output is an error to carry the tag, and checks on a small
  notebook that nbclient does stop at an untagged error and does not at a tagged one.
So no notebook is executed twice. `make test-browser` clicks Run > Run All Cells in JupyterLab for each one.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import notebook_env

_ROOT = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(_ROOT.glob("[0-9][0-9]_*.ipynb")) + sorted((_ROOT / "zh").glob("[0-9][0-9]_*.ipynb"))


def run_all(path: Path) -> nbformat.NotebookNode:
    """Execute a copy of the notebook top to bottom in a fresh kernel, as Run All does (no allow_errors)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(nb, timeout=notebook_env.CELL_TIMEOUT_S, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def check_runs_to_the_last_cell(path: Path) -> None:
    nb = run_all(path)  # raises CellExecutionError at an untagged failing cell
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "not every code cell ran"
    for i, cell in enumerate(code):
        failed = any(o.output_type == "error" for o in cell.outputs)
        assert failed == ("raises-exception" in cell.metadata.get("tags", [])), (
            f"code cell {i}: {'failed' if failed else 'ran'} although it is "
            f"{'not ' if failed else ''}tagged raises-exception"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(_ROOT).as_posix())
def test_every_stored_error_is_tagged_so_run_all_goes_on(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert code, "no code cells"
    for i, cell in enumerate(code):
        failed = any(o.output_type == "error" for o in cell.outputs)
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        problem = "an error without" if failed else "no error but"
        assert failed == tagged, f"code cell {i}: {problem} the raises-exception tag"


def test_run_all_stops_at_an_untagged_failing_cell(tmp_path):
    """The check above can fail: without the tag, Run All stops at the deliberate error."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                          "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell("# NBVAL_RAISES_EXCEPTION\n1 / 0"), nbformat.v4.new_code_cell("print('end')")]
    path = tmp_path / "untagged.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(Exception, match="ZeroDivisionError"):
        check_runs_to_the_last_cell(path)
    nb.cells[0].metadata["tags"] = ["raises-exception"]
    nbformat.write(nb, path)
    check_runs_to_the_last_cell(path)
