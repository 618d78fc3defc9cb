"""The bad inputs learners meet, and the message each one gets: regenerates docs/errors.md.

    python tools/error_table.py          # rewrite docs/errors.md
    python tools/error_table.py --check  # exit 1 if docs/errors.md is out of date

tests/test_error_table.py runs every case and checks docs/errors.md equals what this renders.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import torch

import linreg_utils as lu
from linreg_utils.__main__ import main as cli
from linreg_utils.distributed import main as distributed_cli

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "errors.md"


def _data():
    return lu.make_linear_data()


def _model():
    torch.manual_seed(0)
    return lu.LinearRegressionModel(1, 1)


def _train(**kwargs):
    x, y = _data()
    args = {"x": x, "y": y, "log_every": 0, **kwargs}
    return lu.train(_model(), args.pop("x"), args.pop("y"), **args)


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


def outcomes(tmp: Path) -> list[tuple[str, str, str, str]]:
    """Run every case; return ``(class, what, exception name, message)`` with temporary paths masked."""
    rows = []
    for group, what, case in _cases(tmp):
        try:
            case()
        except BaseException as err:  # noqa: BLE001 - SystemExit from the CLI included
            message = str(err).replace(str(tmp), "DIR")
            rows.append((group, what, type(err).__name__, message))
        else:
            rows.append((group, what, "(nothing raised)", ""))
    return rows


def render(rows: list[tuple[str, str, str, str]]) -> str:
    lines = [
        "# Bad inputs and the messages they get",
        "",
        "Generated by `python tools/error_table.py` from the cases it runs; `tests/test_error_table.py` fails",
        "when this page and the code disagree. Each message names the problem and the fix, and is raised",
        "before PyTorch's own message would appear. `DIR` stands for the folder of the file. The numbered",
        "headings are the classes of issue 10 (\"Nothing breaks, round 2\").",
    ]
    group = None
    for i, (row_group, what, name, message) in enumerate(rows, 1):
        if row_group != group:
            group = row_group
            lines += ["", f"## {group}", "", "| # | bad input | raises | message |", "|---|---|---|---|"]
        cell = message.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {i} | {what} | `{name}` | {cell} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        text = render(outcomes(Path(tmp)))
    if "--check" in argv:
        return 0 if DOC.exists() and DOC.read_text(encoding="utf-8") == text else 1
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
