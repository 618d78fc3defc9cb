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
        # set_language("zh"): the library's errors, the footer and the figures follow it (cells 6-10)
        "from linreg_utils import LinearRegressionModel, make_linear_data, predict, train\n"
        "from linreg_utils.exercises import set_language\nset_language('zh')\nshort_tracebacks()\n"
        "torch.nn.Linear(1, 1)(torch.ones(3, 1, dtype=torch.int64))",
        "torch.manual_seed(0)\ntrain(LinearRegressionModel(1, 1), *make_linear_data(), lr=0.06, log_every=0)",
        "predict(LinearRegressionModel(1, 1), make_linear_data()[0].ravel())",
        "import matplotlib.pyplot as plt\nfrom linreg_utils.figure_text import cjk_font\n"
        "fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1], label='training set')\nax.set_xlabel('epoch')\n"
        "ax.legend()\nplt.show()\n"
        "print(cjk_font() is not None, ax.get_xlabel(), ax.get_legend().get_texts()[0].get_text(), sep='|')",
        "set_language('en')\nfig, ax = plt.subplots()\nax.set_xlabel('epoch')\nplt.show()\nprint(ax.get_xlabel())",
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    for cell in nb.cells[4:9]:
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


def test_in_chinese_the_library_errors_and_the_traceback_footer_are_chinese(outputs):
    (short,) = outputs[6]
    text = ANSI.sub("", "\n".join(short.traceback))
    footer = r"（报错信息已简化：隐藏了 torch 内部的 \d+ 步；运行 short_tracebacks\(False\) 可以看到全部步骤）"
    assert re.search(footer, text)
    (diverged,) = outputs[7]
    assert diverged.ename == "TrainingDivergedError"
    assert diverged.evalue.startswith("第 7 轮的损失变成了 2.39e+08，超过开始时（151）的 1e+06 倍：")
    assert "对这组数据来说学习率（0.06）太大了" in diverged.evalue
    (shape,) = [o for o in outputs[8] if o.output_type == "error"]
    assert shape.ename == "ValueError" and "用 x.reshape(-1, 1) 把它变成 (11, 1)" in shape.evalue


def test_in_chinese_a_figure_shows_chinese_labels_when_a_chinese_font_exists(outputs):
    streams = [o for o in outputs[9] if o.output_type == "stream"]
    assert [o.name for o in streams] == ["stdout"]  # nothing on stderr: no missing-glyph warning
    assert any("image/png" in o.get("data", {}) for o in outputs[9])
    font, label, legend = streams[0].text.strip().split("|")
    assert (label, legend) == (("轮数（epoch）", "训练集") if font == "True" else ("epoch", "training set"))
    (english,) = [o for o in outputs[10] if o.output_type == "stream"]
    assert english.text == "epoch\n"  # set_language("en") switches the figures back
