"""Run All, the way a learner runs a notebook: nbclient (what JupyterLab's Run All, VS Code and
`jupyter nbconvert --execute` do) stops at the first error unless the cell is tagged 'raises-exception'.

nbval also accepts the `# NBVAL_RAISES_EXCEPTION` comment alone, so the nbval run cannot catch a
missing tag; this test can. One class per notebook, so `pytest -n 2` spreads them over the workers.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import notebook_env

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


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


def _test(self, path: Path) -> None:
    check_runs_to_the_last_cell(path)


for _path in NOTEBOOKS:
    _name = f"TestRunAll_{_path.stem}"
    globals()[_name] = type(_name, (), {"test_runs_to_the_last_cell": lambda self, p=_path: _test(self, p)})


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
