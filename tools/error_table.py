"""The bad inputs learners meet, and the message each one gets: regenerates docs/errors.md and its Chinese twin.

    python tools/error_table.py          # rewrite docs/errors.md and docs/errors.zh-CN.md
    python tools/error_table.py --check  # exit 1 if either page is out of date

Every case runs twice: with ``set_language("en")`` for docs/errors.md, and with ``set_language("zh")`` for
docs/errors.zh-CN.md (the messages a learner of the Chinese edition meets). tests/test_error_table.py runs
every case and checks that both pages equal what this renders.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path


def arguments(argv: list[str]) -> argparse.Namespace:
    """The command line; a typo (``--chek``) gets one line, before anything is run or written."""
    parser = argparse.ArgumentParser(prog="error_table.py", description="Rewrite docs/errors.md and "
                                     "docs/errors.zh-CN.md from the cases in this file.")
    parser.add_argument("--check", action="store_true", help="exit 1 if either page is out of date")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments(sys.argv[1:])  # at once, not after the 3 s it takes to import torch

import numpy as np  # noqa: E402
import torch  # noqa: E402

import linreg_utils as lu  # noqa: E402
from linreg_utils.__main__ import main as cli  # noqa: E402
from linreg_utils.distributed import main as distributed_cli  # noqa: E402
from linreg_utils.language import get_language, set_language  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCS = {"en": ROOT / "docs" / "errors.md", "zh": ROOT / "docs" / "errors.zh-CN.md"}
DOC = DOCS["en"]


def _data():
    return lu.make_linear_data()


def _model():
    torch.manual_seed(0)
    return lu.LinearRegressionModel(1, 1)


def _train(**kwargs):
    x, y = _data()
    args = {"x": x, "y": y, "log_every": 0, **kwargs}
    return lu.train(_model(), args.pop("x"), args.pop("y"), **args)


def _warning_as_error(case: Callable[[], object]) -> object:
    """Run ``case`` with TrainingGotWorseWarning turned into an error, so that the table shows its message."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", lu.TrainingGotWorseWarning)
        return case()


def _file(tmp: Path, name: str, content: bytes) -> Path:
    path = tmp / name
    path.write_bytes(content)
    return path


def _cli(*argv: str, main: Callable = cli) -> None:
    """Run a command line and turn its one-line exit into an exception carrying that line."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    if code:
        raise SystemExit(err.getvalue().strip())


class _RunsCode:
    def __reduce__(self):
        return (print, ("this would have run",))


class _Frame:
    """A pandas DataFrame as far as the helpers can tell (pandas need not be installed)."""

    shape = (11, 3)

    def to_numpy(self, dtype=None):
        return np.zeros(self.shape, dtype=dtype)


def _mismatched_optimizer(tmp: Path):
    model = _model()
    return lu.load_checkpoint(tmp / "ckpt.pt", model, torch.optim.Adam(model.parameters(), lr=0.01))


def _huge_dims(tmp: Path) -> Path:
    path = tmp / "huge.pt"
    torch.save({"kind": "linreg_utils.model", "version": 1, "input_dim": 100_000, "output_dim": 100_000,
                "state_dict": _model().state_dict()}, path)
    return path


def _fifo(tmp: Path, name: str) -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def _cases(tmp: Path) -> list[tuple[str, str, Callable[[], object]]]:
    """``(class, what, case)``: the class is the heading the case is listed under."""
    x, y = _data()
    trained = _model()
    good = lu.save_model(trained, tmp / "good.pt")
    torch.save(trained.state_dict(), tmp / "bare.pt")
    torch.save({"kind": "linreg_utils.model", "x": _RunsCode()}, tmp / "evil.pt")
    lu.save_checkpoint(trained, tmp / "ckpt.pt", torch.optim.SGD(trained.parameters(), lr=0.01), epoch=1)
    basics, saving, loading, ckpt = ("Data, shapes and options", "1. Saving never destroys what is at the path",
                                     "2. Loading checks first and names the real cause",
                                     "3. A checkpoint load is all or nothing")
    training, stopping, inputs = ("4. Training never reports success it did not have",
                                  "5. Interrupted work is left in a sane state", "6. Inputs a learner may really pass")
    dtype, degenerate, cli = ("7. Data the dtype cannot hold", "8. Degenerate problems",
                              "9. Every entry point validates before it works")
    return [
        (basics, "x is 1-D", lambda: lu.predict(trained, x.ravel())),
        (basics, "x is a float64 numpy array", lambda: _train(x=x.astype(np.float64))),
        (basics, "x is a float64 tensor", lambda: _train(x=torch.from_numpy(x).double())),
        (basics, "x holds integers", lambda: _train(x=x.astype(np.int64))),
        (basics, "x is a Python list", lambda: _train(x=x.tolist())),
        (basics, "x contains NaN", lambda: _train(x=np.where(x == 3, np.nan, x).astype(np.float32))),
        (basics, "y contains inf", lambda: _train(y=np.where(y == 7, np.inf, y).astype(np.float32))),
        (basics, "x is empty", lambda: _train(x=x[:0], y=y[:0])),
        (basics, "x and y have different lengths", lambda: _train(y=y[:10])),
        (basics, "y has shape (n,) against predictions (n, 1)", lambda: _train(y=y.ravel())),
        (basics, "x has 2 columns for a 1-input model", lambda: _train(x=np.hstack([x, x]))),
        (basics, "epochs is 0", lambda: _train(epochs=0)),
        (basics, "epochs is negative", lambda: _train(epochs=-10)),
        (basics, "lr is 0 or negative", lambda: _train(lr=-0.01)),
        (basics, "lr is not a number", lambda: _train(lr="0.01")),
        (basics, "batch_size is 0", lambda: _train(batch_size=0)),
        (basics, "the optimizer holds another model's parameters",
         lambda: _train(optimizer=torch.optim.SGD(_model().parameters(), lr=0.01))),
        (basics, "model and data on different devices",
         lambda: lu.train(_model().to("meta"), torch.from_numpy(x), torch.from_numpy(y))),
        (basics, "make_linear_data with n < 1", lambda: lu.make_linear_data(n=0)),
        (basics, "make_linear_data with negative noise", lambda: lu.make_linear_data(noise_std=-1.0)),
        (saving, "save_model to a folder", lambda: lu.save_model(trained, tmp)),
        (saving, "save_model over a FIFO (named pipe)", lambda: lu.save_model(trained, _fifo(tmp, "pipe"))),
        (saving, "save_model into a folder that does not exist", lambda: lu.save_model(trained, tmp / "no" / "m.pt")),
        (saving, "save_model with the arguments swapped", lambda: lu.save_model(tmp / "m.pt", trained)),
        (saving, "save_checkpoint in the old order (path first)",
         lambda: lu.save_checkpoint(tmp / "c.pt", trained, torch.optim.SGD(trained.parameters(), lr=0.01), 1)),
        (loading, "load_model: the file does not exist", lambda: lu.load_model(tmp / "missing.pt")),
        (loading, "load_model: the path is a folder", lambda: lu.load_model(tmp)),
        (loading, "load_model: the path is a FIFO", lambda: lu.load_model(_fifo(tmp, "pipe.pt"))),
        (loading, "load_model: map_location is not a device", lambda: lu.load_model(good, map_location="gpu")),
        (loading, "load_model: a file claiming huge dimensions", lambda: lu.load_model(_huge_dims(tmp))),
        (loading, "load_model: the file is truncated",
         lambda: lu.load_model(_file(tmp, "cut.pt", good.read_bytes()[:200]))),
        (loading, "load_model: the file is not a PyTorch file", lambda: lu.load_model(_file(tmp, "junk.pt", b"hello"))),
        (loading, "load_model: a bare state_dict", lambda: lu.load_model(tmp / "bare.pt")),
        (loading, "load_model: a file that would run code", lambda: lu.load_model(tmp / "evil.pt")),
        (ckpt, "load_checkpoint into a model of another shape",
         lambda: lu.load_checkpoint(tmp / "ckpt.pt", lu.LinearRegressionModel(2, 1))),
        (ckpt, "load_checkpoint with another kind of optimizer", lambda: _mismatched_optimizer(tmp)),
        (training, "the loss explodes (lr too large)", lambda: _train(lr=0.06)),
        (training, "the loss becomes inf (growth check off)", lambda: _train(lr=0.06, max_loss_growth=None)),
        (training, "the loss grows a million-fold without reaching inf", lambda: _train(lr=0.05)),
        (training, "an absurd learning rate for one epoch", lambda: _train(lr=1e30, epochs=1)),
        (training, "a learning rate beyond float32", lambda: _train(lr=1e39)),
        (training, "the loss ends higher than it started (lr 0.028, a warning)",
         lambda: _warning_as_error(lambda: _train(lr=0.028))),
        (stopping, "Ctrl-C during train", lambda: _train(loss_fn=_interrupt_at(5), epochs=100)),
        (inputs, "x is a numpy masked array", lambda: _train(x=np.ma.masked_array(x, mask=x > 8))),
        (inputs, "x holds text", lambda: _train(x=x.astype(str))),
        (inputs, "x holds Python objects", lambda: _train(x=x.astype(object))),
        (inputs, "x is complex", lambda: _train(x=x.astype(np.complex64))),
        (inputs, "x is a row vector (1, n)", lambda: _train(x=x.reshape(1, -1))),
        (inputs, "y is a row vector (1, n)", lambda: _train(y=y.reshape(1, -1))),
        (inputs, "x is a data frame with several columns", lambda: _train(x=_Frame())),
        (inputs, "float32 data for a float64 model",
         lambda: lu.train(_model().double(), x, y, log_every=0)),
        (inputs, "a float16 model", lambda: lu.train(_model().half(), x, y, log_every=0)),
        (inputs, "nn.MSELoss passed as a class", lambda: _train(loss_fn=torch.nn.MSELoss)),
        (inputs, "epochs given as 2.5 (Decimal)", lambda: _train(epochs=Decimal("2.5"))),
        (dtype, "make_linear_data beyond 2**24 in float32", lambda: lu.make_linear_data(n=10_000_000)),
        (degenerate, "closed_form with one point", lambda: lu.closed_form(x[:1], y[:1])),
        (degenerate, "closed_form with a constant x", lambda: lu.closed_form(np.ones_like(x), y)),
        (degenerate, "closed_form with dependent columns", lambda: lu.closed_form(np.hstack([x, 2 * x]), y)),
        (cli, "CLI: --epochs abc", lambda: _cli("--epochs", "abc")),
        (cli, "CLI: --lr -1", lambda: _cli("--lr", "-1")),
        (cli, "CLI: --lr nan", lambda: _cli("--lr", "nan")),
        (cli, "CLI: --seed -1", lambda: _cli("--seed", "-1")),
        (cli, "CLI: --output in a missing folder", lambda: _cli("--output", str(tmp / "no" / "m.pt"))),
        (cli, "CLI: --output is a folder", lambda: _cli("--output", str(tmp))),
        (cli, "CLI: the loss diverges (--lr 0.05)", lambda: _cli("--lr", "0.05", "--output", str(tmp / "d.pt"))),
        (cli, "CLI: the loss ends higher than it started (--lr 0.028, exit 3)",
         lambda: _cli("--lr", "0.028", "--output", str(tmp / "w.pt"))),
        (cli, "distributed CLI: --epochs 0", lambda: _cli("--epochs", "0", main=distributed_cli)),
        (cli, "distributed CLI: --lr nan", lambda: _cli("--lr", "nan", main=distributed_cli)),
    ]


def _interrupt_at(call: int):
    """A loss function that presses Ctrl-C (sends SIGINT to this process) in the given epoch."""
    mse, calls = torch.nn.MSELoss(), [0]

    def loss_fn(pred, target):
        calls[0] += 1
        if calls[0] == call:
            os.kill(os.getpid(), signal.SIGINT)
        return mse(pred, target)

    return loss_fn


def outcomes(tmp: Path, language: str = "en") -> list[tuple[str, str, str, str]]:
    """Run every case in ``language``; return ``(class, what, exception name, message)``, temporary paths masked.

    ``class`` and ``what`` stay in English (the keys of :data:`ZH`); the message is the one the learner reads.
    """
    rows = []
    before = get_language()
    set_language(language)
    try:
        for group, what, case in _cases(tmp):
            try:
                case()
            except BaseException as err:  # noqa: BLE001 - SystemExit from the CLI included
                message = str(err).replace(str(tmp), "DIR")
                rows.append((group, what, type(err).__name__, message))
            else:
                rows.append((group, what, "(nothing raised)", ""))
    finally:
        set_language(before)
    return rows


# The Chinese page's words: its headings and the "bad input" column (the messages come from the library).
ZH = {
    "Data, shapes and options": "数据、形状和选项",
    "1. Saving never destroys what is at the path": "1. 保存时绝不破坏路径上原有的东西",
    "2. Loading checks first and names the real cause": "2. 加载时先检查，并说出真正的原因",
    "3. A checkpoint load is all or nothing": "3. 加载检查点要么全部成功，要么什么都不改",
    "4. Training never reports success it did not have": "4. 训练没有成功时，绝不报告成功",
    "5. Interrupted work is left in a sane state": "5. 被中断的工作停在一个完好的状态",
    "6. Inputs a learner may really pass": "6. 学习者真的可能传入的输入",
    "7. Data the dtype cannot hold": "7. 数据类型装不下的数据",
    "8. Degenerate problems": "8. 没有唯一答案的问题",
    "9. Every entry point validates before it works": "9. 每个入口都先检查输入，再开始工作",
    "x is 1-D": "x 是一维的",
    "x is a float64 numpy array": "x 是 float64 的 numpy 数组",
    "x is a float64 tensor": "x 是 float64 的张量",
    "x holds integers": "x 里是整数",
    "x is a Python list": "x 是 Python 列表",
    "x contains NaN": "x 中有 NaN",
    "y contains inf": "y 中有 inf",
    "x is empty": "x 是空的",
    "x and y have different lengths": "x 和 y 的长度不同",
    "y has shape (n,) against predictions (n, 1)": "y 的形状是 (n,)，而预测值是 (n, 1)",
    "x has 2 columns for a 1-input model": "只有一个输入的模型拿到了 2 列的 x",
    "epochs is 0": "epochs 是 0",
    "epochs is negative": "epochs 是负数",
    "lr is 0 or negative": "lr 是 0 或负数",
    "lr is not a number": "lr 不是数",
    "batch_size is 0": "batch_size 是 0",
    "the optimizer holds another model's parameters": "优化器里是另一个模型的参数",
    "model and data on different devices": "模型和数据在不同的设备上",
    "make_linear_data with n < 1": "make_linear_data 的 n < 1",
    "make_linear_data with negative noise": "make_linear_data 的噪声是负数",
    "save_model to a folder": "save_model 保存到一个文件夹",
    "save_model over a FIFO (named pipe)": "save_model 保存到一个命名管道（FIFO）上",
    "save_model into a folder that does not exist": "save_model 保存到一个不存在的文件夹里",
    "save_model with the arguments swapped": "save_model 的两个参数写反了",
    "save_checkpoint in the old order (path first)": "save_checkpoint 用了旧的参数顺序（路径在前）",
    "load_model: the file does not exist": "load_model：文件不存在",
    "load_model: the path is a folder": "load_model：路径是一个文件夹",
    "load_model: the path is a FIFO": "load_model：路径是一个命名管道（FIFO）",
    "load_model: map_location is not a device": "load_model：map_location 不是设备",
    "load_model: a file claiming huge dimensions": "load_model：文件声称模型的维度大得离谱",
    "load_model: the file is truncated": "load_model：文件不完整",
    "load_model: the file is not a PyTorch file": "load_model：文件不是 PyTorch 文件",
    "load_model: a bare state_dict": "load_model：文件里只有一个 state_dict",
    "load_model: a file that would run code": "load_model：加载这个文件会运行代码",
    "load_checkpoint into a model of another shape": "load_checkpoint 加载到形状不同的模型里",
    "load_checkpoint with another kind of optimizer": "load_checkpoint 用了另一种优化器",
    "the loss explodes (lr too large)": "损失爆炸（lr 太大）",
    "the loss becomes inf (growth check off)": "损失变成 inf（关掉了增长检查）",
    "the loss grows a million-fold without reaching inf": "损失涨了一百万倍，但还没到 inf",
    "an absurd learning rate for one epoch": "只训练一轮，但学习率大得离谱",
    "a learning rate beyond float32": "学习率超出了 float32 的范围",
    "the loss ends higher than it started (lr 0.028, a warning)": "损失最后比开始时还高（lr 0.028，一个警告）",
    "Ctrl-C during train": "train 运行时按下 Ctrl-C",
    "x is a numpy masked array": "x 是 numpy 的掩码数组",
    "x holds text": "x 里是文本",
    "x holds Python objects": "x 里是 Python 对象",
    "x is complex": "x 是复数",
    "x is a row vector (1, n)": "x 是行向量 (1, n)",
    "y is a row vector (1, n)": "y 是行向量 (1, n)",
    "x is a data frame with several columns": "x 是有好几列的数据表（DataFrame）",
    "float32 data for a float64 model": "float64 模型拿到了 float32 数据",
    "a float16 model": "float16 的模型",
    "nn.MSELoss passed as a class": "nn.MSELoss 传的是类本身",
    "epochs given as 2.5 (Decimal)": "epochs 是 2.5（Decimal）",
    "make_linear_data beyond 2**24 in float32": "make_linear_data 的值在 float32 中超过了 2**24",
    "closed_form with one point": "closed_form 只有一个点",
    "closed_form with a constant x": "closed_form 的 x 是常数",
    "closed_form with dependent columns": "closed_form 的各列线性相关",
    "CLI: --epochs abc": "命令行：--epochs abc",
    "CLI: --lr -1": "命令行：--lr -1",
    "CLI: --lr nan": "命令行：--lr nan",
    "CLI: --seed -1": "命令行：--seed -1",
    "CLI: --output in a missing folder": "命令行：--output 在一个不存在的文件夹里",
    "CLI: --output is a folder": "命令行：--output 是一个文件夹",
    "CLI: the loss diverges (--lr 0.05)": "命令行：损失发散（--lr 0.05）",
    "CLI: the loss ends higher than it started (--lr 0.028, exit 3)":
        "命令行：损失最后比开始时还高（--lr 0.028，退出码 3）",
    "distributed CLI: --epochs 0": "分布式命令行：--epochs 0",
    "distributed CLI: --lr nan": "分布式命令行：--lr nan",
}

INTRO = {
    "en": [
        "# Bad inputs and the messages they get",
        "",
        "English · [中文](errors.zh-CN.md)",
        "",
        "Generated by `python tools/error_table.py` from the cases it runs; `tests/test_error_table.py` fails",
        "when this page and the code disagree. Each message names the problem and the fix, and is raised",
        "before PyTorch's own message would appear. `DIR` stands for the folder of the file. The numbered",
        "headings are the classes of issue 10 (\"Nothing breaks, round 2\").",
    ],
    "zh": [
        "# 错误的输入，以及各自得到的提示信息",
        "",
        "[English](errors.md) · 中文",
        "",
        "本页由 `python tools/error_table.py` 运行下面的每个例子生成；本页和代码不一致时，`tests/test_error_table.py` "
        "会失败。这些提示信息是在 `set_language(\"zh\")` 之后得到的，和中文版笔记本里看到的一样。每条提示信息都会说明"
        "出了什么问题、怎样改正，而且会在 PyTorch 自己的报错出现之前给出。`DIR` 代表文件所在的文件夹。带编号的标题是 "
        "issue 10（“Nothing breaks, round 2”）中的问题类别。",
    ],
}
HEADER = {"en": "| # | bad input | raises | message |", "zh": "| # | 错误的输入 | 引发的异常 | 提示信息 |"}


def render(rows: list[tuple[str, str, str, str]], language: str = "en") -> str:
    """The page for ``rows`` (from :func:`outcomes` in the same language): headings and prose in ``language``."""

    def words(text: str) -> str:
        return ZH[text] if language == "zh" else text

    lines = list(INTRO[language])
    group = None
    for i, (row_group, what, name, message) in enumerate(rows, 1):
        if row_group != group:
            group = row_group
            lines += ["", f"## {words(group)}", "", HEADER[language], "|---|---|---|---|"]
        cell = message.replace("|", "\\|").replace("\n", " ")
        cell, what_cell = (re.sub(r"\b(\d+\*\*\d+)\b", r"`\1`", text) for text in (cell, words(what)))  # 2**24: code
        lines.append(f"| {i} | {what_cell} | `{name}` | {cell} |")
    return "\n".join(lines) + "\n"


def pages(tmp: Path) -> dict[str, str]:
    """Both pages, as they should be: language -> Markdown (each language's cases run in their own folder)."""
    texts = {}
    for language in DOCS:
        folder = tmp / language
        folder.mkdir()
        texts[language] = render(outcomes(folder, language), language)
    return texts


def main(argv: list[str]) -> int:
    import tempfile

    argv = ["--check"] if arguments(argv).check else []
    with tempfile.TemporaryDirectory() as tmp:
        texts = pages(Path(tmp))
    if "--check" in argv:
        stale = [DOCS[language] for language, text in texts.items()
                 if not DOCS[language].exists() or DOCS[language].read_text(encoding="utf-8") != text]
        for path in stale:
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            print(f"{shown} is out of date: run python tools/error_table.py", file=sys.stderr)
        return 1 if stale else 0
    from notebook_files import write_text

    for language, text in texts.items():
        write_text(DOCS[language], text)  # atomic: an interrupted run leaves the old page whole
        print(f"wrote {DOCS[language].relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
