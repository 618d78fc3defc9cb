"""``python -m linreg_utils``: the original post, end to end, from the command line.

Builds x = 0..10 and y = 2x + 1, trains ``LinearRegressionModel(1, 1)`` with SGD,
prints the loss every ``--log-every`` epochs, shows x, y and the predictions side
by side, saves the model, loads it back and checks the reloaded predictions match.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from .checkpoint import load_model, save_model
from .data import make_linear_data
from .evaluation import predict
from .model import LinearRegressionModel
from .training import TrainingDivergedError, train


class _OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _positive(kind: type, what: str):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not np.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be > 0")
        return value

    parse.__name__ = what
    return parse


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be >= 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="python -m linreg_utils",
        description="Fit y = 2x + 1 with one nn.Linear layer, as in the original post, then save and reload it.",
    )
    parser.add_argument("--epochs", type=_positive(int, "a whole number"), default=1000,
                        help="training epochs (default: 1000)")
    parser.add_argument("--lr", type=_positive(float, "a number"), default=0.01,
                        help="learning rate of SGD (default: 0.01; above about 0.028 it diverges)")
    parser.add_argument("--log-every", type=_non_negative_int, default=50,
                        help="print the loss every N epochs, 0 for never (default: 50)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed for the model's random initial weights (default: 0)")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to save the model (.pt); default: model.pt in a new temporary folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    output = args.output
    if output is None:
        output = Path(tempfile.mkdtemp(prefix="linreg_")) / "model.pt"
    elif not output.parent.is_dir():
        parser.error(f"argument --output: the folder {output.parent} does not exist")

    torch.manual_seed(args.seed)
    x, y = make_linear_data()
    model = LinearRegressionModel(1, 1)
    print(f"training LinearRegressionModel(1, 1) on y = 2x + 1: {args.epochs} epochs, lr {args.lr:g}")
    try:
        history = train(model, x, y, epochs=args.epochs, lr=args.lr, log_every=args.log_every)
    except TrainingDivergedError as err:
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        return 1

    predicted = predict(model, x)
    print("\n     x       y  predicted")
    for xi, yi, pi in zip(x[:, 0], y[:, 0], predicted[:, 0], strict=True):
        print(f"{xi:6.1f}  {yi:6.1f}  {pi:9.4f}")
    w, b = model.linear.weight.item(), model.linear.bias.item()
    print(f"\nfinal loss {history.final_loss:.4g}; learned w = {w:.4f}, b = {b:.4f} (true: 2, 1)")

    save_model(model, output)
    reloaded = predict(load_model(output), x)
    same = np.array_equal(reloaded, predicted)
    print(f"saved to {output}; reloaded predictions {'match' if same else 'DO NOT match'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
