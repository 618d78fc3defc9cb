"""The bad inputs learners meet, and the message each one gets: regenerates docs/errors.md.

    python tools/error_table.py          # rewrite docs/errors.md
    python tools/error_table.py --check  # exit 1 if docs/errors.md is out of date

tests/test_error_table.py runs every case and checks docs/errors.md equals what this renders.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

import linreg_utils as lu
from linreg_utils.__main__ import main as cli

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


def _cli(*argv: str) -> None:
    """Run the CLI and turn its one-line exit into an exception carrying that line."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    if code:
        raise SystemExit(err.getvalue().strip())


class _RunsCode:
    def __reduce__(self):
        return (print, ("this would have run",))


def _cases(tmp: Path) -> list[tuple[str, Callable[[], object]]]:
    x, y = _data()
    trained = _model()
    good = lu.save_model(trained, tmp / "good.pt")
    torch.save(trained.state_dict(), tmp / "bare.pt")
    torch.save({"kind": "linreg_utils.model", "x": _RunsCode()}, tmp / "evil.pt")
    lu.save_checkpoint(trained, tmp / "ckpt.pt", torch.optim.SGD(trained.parameters(), lr=0.01), epoch=1)
    return [
        ("x is 1-D", lambda: lu.predict(trained, x.ravel())),
        ("x is a float64 numpy array", lambda: _train(x=x.astype(np.float64))),
        ("x is a float64 tensor", lambda: _train(x=torch.from_numpy(x).double())),
        ("x holds integers", lambda: _train(x=x.astype(np.int64))),
        ("x is a Python list", lambda: _train(x=x.tolist())),
        ("x contains NaN", lambda: _train(x=np.where(x == 3, np.nan, x).astype(np.float32))),
        ("y contains inf", lambda: _train(y=np.where(y == 7, np.inf, y).astype(np.float32))),
        ("x is empty", lambda: _train(x=x[:0], y=y[:0])),
        ("x and y have different lengths", lambda: _train(y=y[:10])),
        ("y has shape (n,) against predictions (n, 1)", lambda: _train(y=y.ravel())),
        ("x has 2 columns for a 1-input model", lambda: _train(x=np.hstack([x, x]))),
        ("epochs is 0", lambda: _train(epochs=0)),
        ("epochs is negative", lambda: _train(epochs=-10)),
        ("lr is 0 or negative", lambda: _train(lr=-0.01)),
        ("lr is not a number", lambda: _train(lr="0.01")),
        ("the loss becomes inf (lr too large)", lambda: _train(lr=0.05)),
        ("batch_size is 0", lambda: _train(batch_size=0)),
        ("the optimizer holds another model's parameters",
         lambda: _train(optimizer=torch.optim.SGD(_model().parameters(), lr=0.01))),
        ("model and data on different devices",
         lambda: lu.train(_model().to("meta"), torch.from_numpy(x), torch.from_numpy(y))),
        ("make_linear_data with n < 1", lambda: lu.make_linear_data(n=0)),
        ("make_linear_data with negative noise", lambda: lu.make_linear_data(noise_std=-1.0)),
        ("load_model: the file does not exist", lambda: lu.load_model(tmp / "missing.pt")),
        ("load_model: the file is truncated", lambda: lu.load_model(_file(tmp, "cut.pt", good.read_bytes()[:200]))),
        ("load_model: the file is not a PyTorch file", lambda: lu.load_model(_file(tmp, "junk.pt", b"hello"))),
        ("load_model: a bare state_dict", lambda: lu.load_model(tmp / "bare.pt")),
        ("load_model: a file that would run code", lambda: lu.load_model(tmp / "evil.pt")),
        ("load_checkpoint into a model of another shape",
         lambda: lu.load_checkpoint(tmp / "ckpt.pt", lu.LinearRegressionModel(2, 1))),
        ("CLI: --epochs abc", lambda: _cli("--epochs", "abc")),
        ("CLI: --lr -1", lambda: _cli("--lr", "-1")),
        ("CLI: --output in a missing folder", lambda: _cli("--output", str(tmp / "no" / "m.pt"))),
    ]


def outcomes(tmp: Path) -> list[tuple[str, str, str]]:
    """Run every case; return ``(what, exception name, message)`` with temporary paths masked."""
    rows = []
    for what, case in _cases(tmp):
        try:
            case()
        except BaseException as err:  # noqa: BLE001 - SystemExit from the CLI included
            message = str(err).replace(str(tmp), "DIR")
            rows.append((what, type(err).__name__, message))
        else:
            rows.append((what, "(nothing raised)", ""))
    return rows


def render(rows: list[tuple[str, str, str]]) -> str:
    lines = [
        "# Bad inputs and the messages they get",
        "",
        "Generated by `python tools/error_table.py` from the cases it runs; `tests/test_error_table.py` fails",
        "when this page and the code disagree. Each message names the problem and the fix, and is raised",
        "before PyTorch's own message would appear. `DIR` stands for the folder of the file.",
        "",
        "| # | bad input | raises | message |",
        "|---|---|---|---|",
    ]
    for i, (what, name, message) in enumerate(rows, 1):
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
