"""What a learner sees in Jupyter: formatted exercise feedback and short tracebacks, checked in a real kernel."""

import re

import nbformat
import pytest
from nbclient import NotebookClient

import notebook_env

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def outputs():
    cells = [
        "from linreg_utils.exercises import ____\nfrom linreg_utils.exercises.nb04 import q1\n"
        "from linreg_utils.tracebacks import short_tracebacks",
        "q1.check(____)",
        "q1.check(6.0)",  # the sum of squared errors instead of their mean: the message stresses *mean*
        "q1.hint()",
        "import torch\nshort_tracebacks()\ntorch.nn.Linear(1, 1)(torch.ones(3, 1, dtype=torch.int64))",
        "short_tracebacks(False)\ntorch.nn.Linear(1, 1)(torch.ones(3, 1, dtype=torch.int64))",
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    for cell in nb.cells[4:]:
        cell.metadata["tags"] = ["raises-exception"]
    NotebookClient(nb, timeout=notebook_env.CELL_TIMEOUT_S, kernel_name="python3").execute()
    return [cell.outputs for cell in nb.cells]


def test_feedback_is_markdown_in_a_notebook_with_plain_text_beside_it(outputs):
    (blank,) = outputs[1]
    assert blank.output_type == "display_data"
    assert blank.data["text/markdown"] == "❌ **Not yet:** replace `____` with your answer, then run the cell again."
    assert blank.data["text/plain"] == "❌ Not yet: replace ____ with your answer, then run the cell again."
    (wrong,) = outputs[2]
    assert "*mean*" in wrong.data["text/markdown"]  # rendered as emphasis in Jupyter
    (hint,) = outputs[3]
    assert hint.data["text/markdown"].startswith("💡 **Hint:** ")


def test_short_tracebacks_show_the_cells_line_and_hide_torch(outputs):
    (short,) = outputs[4]
    (full,) = outputs[5]
    short_text = ANSI.sub("", "\n".join(short.traceback))
    full_text = ANSI.sub("", "\n".join(full.traceback))
    assert short.ename == full.ename == "RuntimeError"
    assert "----> 3 torch.nn.Linear(1, 1)" in short_text
    assert "torch/nn/modules" not in short_text and "torch/nn/modules" in full_text
    assert re.search(r"short traceback: \d+ in torch hidden", short_text)
    assert len(short_text.splitlines()) < len(full_text.splitlines()) / 2
