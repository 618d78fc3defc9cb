"""``python -m linreg_utils``: the original post, end to end, from the command line.

Builds x = 0..10 and y = 2x + 1, trains ``LinearRegressionModel(1, 1)`` with SGD,
prints the loss every ``--log-every`` epochs, shows x, y and the predictions side
by side, saves the model, loads it back and checks the reloaded predictions match.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from . import cli
from .checkpoint import load_model, save_model
from .data import make_linear_data
from .evaluation import predict
from .language import message
from .model import LinearRegressionModel
from .training import TrainingDivergedError, TrainingGotWorseWarning, TrainingInterrupted, train


def build_parser() -> argparse.ArgumentParser:
    parser = cli.OneLineParser(prog="python -m linreg_utils", description=message("main.description"),
                               epilog=message("main.exit_codes"))
    parser.add_argument("--epochs", type=cli.positive(int), default=1000, help=message("main.epochs"))
    parser.add_argument("--lr", type=cli.positive(float), default=0.01, help=message("main.lr"))
    parser.add_argument("--log-every", type=cli.non_negative_int, default=50, help=message("main.log_every"))
    parser.add_argument("--seed", type=cli.seed, default=0, help=message("main.seed"))
    parser.add_argument("--output", type=Path, default=None, help=message("main.output"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; SIGTERM acts like Ctrl-C while it runs. See :func:`_main`."""
    with cli.sigterm_as_interrupt():
        return _main(argv)


def _main(argv: Sequence[str] | None = None) -> int:
    """Run the post end to end; return the exit code (0 ok, 1 diverged or mismatch, 3 the loss ended higher than
    it started, 130 Ctrl-C, 143 SIGTERM).

    Every option, the output path included, is checked before training starts; a bad one exits
    with one line and code 2. Nothing is written unless training succeeds: a model whose loss went up
    (a learning rate just above the stable limit) is not saved either, and its one line names the limit.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.output is not None:
        problem = cli.output_problem(args.output)
        if problem:
            parser.error(f"argument --output: {problem}")

    torch.manual_seed(args.seed)
    x, y = make_linear_data()
    model = LinearRegressionModel(1, 1)
    print(message("main.training", epochs=args.epochs, lr=args.lr), flush=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", TrainingGotWorseWarning)  # a worse model is a failure here, not a note
            history = train(model, x, y, epochs=args.epochs, lr=args.lr, log_every=args.log_every)
    except TrainingDivergedError as err:
        print(message("cli.failed", prog=parser.prog, error=err), file=sys.stderr)
        return 1
    except TrainingGotWorseWarning as err:
        print(message("cli.failed", prog=parser.prog, error=err), file=sys.stderr)
        return 3
    except TrainingInterrupted as err:
        return cli.interrupt_exit(parser.prog, message("main.after_epoch", epoch=err.epoch, epochs=args.epochs))
    except KeyboardInterrupt:
        return cli.interrupt_exit(parser.prog, message("main.before_training"))

    temporary = saved = None
    try:
        predicted = predict(model, x)
        print("\n" + message("main.table"))
        for xi, yi, pi in zip(x[:, 0], y[:, 0], predicted[:, 0], strict=True):
            print(f"{xi:6.1f}  {yi:6.1f}  {pi:9.4f}")
        w, b = model.linear.weight.item(), model.linear.bias.item()
        print("\n" + message("main.result", loss=history.final_loss, w=w, b=b))

        output = args.output
        if output is None:
            temporary = Path(tempfile.mkdtemp(prefix="linreg_"))
            output = temporary / "model.pt"
        save_model(model, output)
        temporary = None  # saved: keep the folder
        saved = message("main.after_saving", path=output)
        reloaded = predict(load_model(output), x)
    except KeyboardInterrupt:
        return cli.interrupt_exit(parser.prog, saved or message("main.before_saving"))
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    same = np.array_equal(reloaded, predicted)
    print(message("main.saved_match" if same else "main.saved_mismatch", path=output))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
