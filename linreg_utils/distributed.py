"""Data-parallel training with PyTorch's own engine: ``torch.distributed`` + ``DistributedDataParallel``.

Run it with ``torchrun``, which starts one process per worker and tells each its rank::

    torchrun --standalone --nproc-per-node 2 -m linreg_utils.distributed --output result.json

Each process holds one shard of the data (``DistributedSampler``), computes gradients on it,
and DDP averages the gradients of all processes (an *all-reduce*) before every step, so all
copies of the model stay identical. With equal shards and one full-shard batch per step, the
averaged gradient equals the full-data gradient: the result matches single-process training.

Without ``torchrun`` (no ``RANK`` in the environment) it runs as a single process, which is the
reference the distributed result is compared with.

A worker started by ``torchrun`` never outlives it: if the launcher dies (even by ``kill -9``), its
workers stop within a second or two and write nothing (:func:`follow_launcher`); joining the other
processes has a deadline (``--timeout``), and Ctrl-C or SIGTERM ends the wait at once.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import socket
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DistributedSampler, TensorDataset

from . import cli
from .checkpoint import _umask
from .data import make_regression_data
from .language import message
from .model import LinearRegressionModel, gradient_step
from .training import TrainingDivergedError
from .validation import check_learning_rate, check_number, check_save_path, check_whole_number

CONNECT_TIMEOUT = 30.0  # seconds to wait for the other processes; this job needs one or two
_launcher: int | None = None  # the process id of the torchrun agent that started this worker


def follow_launcher() -> None:
    """Make this worker stop when the ``torchrun`` agent that started it dies, however it dies.

    On Linux the kernel sends SIGTERM when the parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere a
    watchdog thread checks the parent twice a second, sends SIGTERM, and ends the process 5 s later if it
    is still running (stuck in a wait inside PyTorch's C++ code, which Python's signal handlers cannot
    interrupt). A launcher that died before this (while the worker was still importing PyTorch) is found
    by its store: ``torchrun`` opens it before starting the workers, so a refused connection means it is
    gone. Call it once, early, in a process started by ``torchrun``; then ask :func:`launcher_gone`.
    """
    global _launcher, _orphaned
    if _launcher is not None:
        return
    _launcher = os.getppid()
    kernel_signals = False
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            kernel_signals = libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    threading.Thread(target=_watch_launcher, args=(_launcher, not kernel_signals), daemon=True,
                     name="watch torchrun").start()
    _orphaned = not _launcher_store_answers()


_orphaned = False  # the launcher was already gone when this worker started to follow it


def _launcher_store_answers() -> bool:
    """Whether torchrun's store (``MASTER_ADDR:MASTER_PORT``, opened before the workers start) takes a connection."""
    if os.environ.get("TORCHELASTIC_USE_AGENT_STORE") != "True":
        return True  # rank 0 opens the store itself: nothing to ask yet
    try:
        address = (os.environ["MASTER_ADDR"], int(os.environ["MASTER_PORT"]))
    except (KeyError, ValueError):
        return True
    try:
        with socket.create_connection(address, timeout=2.0):
            return True
    except OSError:
        return False


def launcher_gone() -> bool:
    """Whether this worker's ``torchrun`` agent has died; ``False`` outside ``torchrun``."""
    return _orphaned or (_launcher is not None and os.getppid() != _launcher)


def _watch_launcher(parent: int, send_sigterm: bool) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    if send_sigterm:  # (on Linux the kernel has sent it already: a second one would interrupt the clean-up)
        os.kill(os.getpid(), signal.SIGTERM)  # the normal way out: finally blocks run, temporary files go
    time.sleep(5.0)
    os._exit(143)  # still here: stuck in C++; nothing has been written (the output is renamed into place last)


@contextlib.contextmanager
def _signals_end_the_process() -> Iterator[None]:
    """While waiting inside PyTorch's C++ code (joining the group), let Ctrl-C and SIGTERM end the process at once.

    Python runs its signal handlers only between its own instructions, so a handler would wait for the C++ call
    to return; the default action ends the process immediately. Nothing has been written at this point.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {sig: signal.signal(sig, signal.SIG_DFL) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


class PeersMissingError(RuntimeError):
    """The other processes of the job did not connect in time."""


def join_group(timeout: float = CONNECT_TIMEOUT) -> None:
    """Join the process group that ``torchrun`` set up (gloo, CPU), waiting at most ``timeout`` seconds.

    Raises:
        ValueError: if ``timeout`` is not a finite number > 0.
        PeersMissingError: if the other processes (or the launcher's store) did not answer in time.
    """
    timeout = check_number(timeout, "timeout", above=0, example="30")
    try:
        with _signals_end_the_process():
            dist.init_process_group(backend="gloo", timeout=timedelta(seconds=timeout))
    except dist.DistError as err:  # DistNetworkError (store unreachable), DistStoreError (peers missing)
        lines = str(err).strip().splitlines()
        raise PeersMissingError(message("distributed.no_peers", timeout=timeout,
                                        reason=lines[0].rstrip(".") if lines else type(err).__name__)) from None


def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The job's data: ``y = 2x + 1 + noise`` for ``n`` points with x in [-1, 1) (float32 tensors)."""
    x, y = make_regression_data(n, [2.0], bias=1.0, noise_std=0.1, seed=seed)
    return torch.from_numpy(x), torch.from_numpy(y)


def fit(n: int = 4096, epochs: int = 200, lr: float = 0.5, seed: int = 0,
        timeout: float = CONNECT_TIMEOUT) -> dict[str, float | int]:
    """Full-batch gradient descent on this process's shard; DDP when started by ``torchrun``.

    Returns:
        ``{"w", "b", "loss", "world_size"}`` — identical on every rank.

    Raises:
        ValueError: if ``n`` or ``epochs`` is not a whole number >= 1, ``lr`` is not a finite
            number > 0, or ``n`` is not divisible by the number of processes.
        TrainingDivergedError: if the loss or the weights become NaN or inf (lr too large).
        PeersMissingError: if the other processes did not connect within ``timeout`` seconds.
    """
    n = check_whole_number(n, "n", 1)
    epochs = check_whole_number(epochs, "epochs", 1)
    lr = check_learning_rate(lr)
    seed = check_whole_number(seed, "seed", 0)
    distributed = "RANK" in os.environ
    if distributed:
        join_group(timeout)  # init_process_group(backend="gloo"), with a deadline; "nccl" for one GPU per process
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    try:
        x, y = make_data(n, seed)
        if n % world:  # message(...): the error's words in the learner's language (linreg_utils/language.py)
            raise ValueError(message("distributed.divisible", n=n, world=world))
        sampler = DistributedSampler(TensorDataset(x, y), num_replicas=world, rank=rank, shuffle=False)
        shard = torch.tensor(list(iter(sampler)))
        xs, ys = x[shard], y[shard]

        torch.manual_seed(seed)  # the same initial weights everywhere (DDP also broadcasts rank 0's)
        model: nn.Module = LinearRegressionModel(1, 1)
        if distributed:
            model = DistributedDataParallel(model)
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        loss_fn = nn.MSELoss()
        for epoch in range(1, epochs + 1):
            # the same step as train(); inside it, backward() makes DDP all-reduce (average) the gradients
            loss = gradient_step(model, optimizer, xs, ys, loss_fn)
            # the weights are the same on every rank after the step, so every rank stops together
            if not all(bool(torch.isfinite(p).all()) for p in model.parameters()):
                raise TrainingDivergedError(message("distributed.diverged", epoch=epoch, loss=loss.item(), lr=lr,
                                                    suggested=lr / 10))

        total = loss.detach().clone()
        if distributed:
            dist.all_reduce(total)
            total /= world
        inner = model.module if distributed else model
        if not all(bool(torch.isfinite(p).all()) for p in inner.parameters()):
            raise TrainingDivergedError(message("distributed.diverged_end", epochs=epochs, lr=lr, suggested=lr / 10))
        result = {
            "w": inner.linear.weight.item(),
            "b": inner.linear.bias.item(),
            "loss": total.item(),
            "world_size": world,
        }
        if distributed:
            dist.barrier()  # wait for every process, so none closes the group while another still uses it
        return result
    finally:
        if distributed and dist.is_initialized():
            # free DDP's communication objects now: if Python frees them later, while it exits, gloo can crash
            # the process ("terminate called without an active exception")
            model = optimizer = inner = None
            gc.collect()
            dist.destroy_process_group()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; SIGTERM acts like Ctrl-C while it runs. See :func:`_main`."""
    if "RANK" in os.environ:
        follow_launcher()  # started by torchrun: stop when it stops
    with cli.sigterm_as_interrupt():
        return _main(argv)


def _main(argv: Sequence[str] | None = None) -> int:
    """Run :func:`fit` from the command line; return the exit code.

    Every option is checked before any work, with a one-line error and exit code 2;
    divergence exits 1 and Ctrl-C 130 (SIGTERM 143), each with one line and nothing written.
    """
    prog = "python -m linreg_utils.distributed"
    parser = cli.OneLineParser(prog=prog, description=message("distributed.description"))
    parser.add_argument("--samples", type=cli.positive(int), default=4096, help=message("distributed.samples"))
    parser.add_argument("--epochs", type=cli.positive(int), default=200, help=message("distributed.epochs"))
    parser.add_argument("--lr", type=cli.positive(float), default=0.5, help=message("distributed.lr"))
    parser.add_argument("--seed", type=cli.seed, default=0, help=message("distributed.seed"))
    parser.add_argument("--output", type=Path, default=None, help=message("distributed.output"))
    parser.add_argument("--timeout", type=cli.positive(float), default=CONNECT_TIMEOUT,
                        help=message("distributed.timeout"))
    args = parser.parse_args(argv)
    if args.output is not None:
        problem = cli.output_problem(args.output)
        if problem:
            parser.error(f"argument --output: {problem}")
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if args.samples % world:
        parser.error(message("cli.argument", option="--samples",
                             problem=message("distributed.samples_divisible", samples=args.samples, world=world)))
    if launcher_gone():  # torchrun died while this worker was starting: stop before joining anything
        print(message("distributed.launcher_gone", prog=prog), file=sys.stderr)
        return 1
    try:
        result = fit(args.samples, args.epochs, args.lr, args.seed, args.timeout)
    except (TrainingDivergedError, PeersMissingError) as err:
        print(message("distributed.failed", prog=prog, error=err), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return cli.interrupt_exit(prog, message("distributed.during"))
    if launcher_gone():  # torchrun died while this worker finished: an orphan reports nothing
        print(message("distributed.launcher_gone", prog=prog), file=sys.stderr)
        return 1
    if int(os.environ.get("RANK", "0")) == 0:
        # a result line that scripts read (notebook 11 picks it out by "world size"): the same in every language
        print(f"world size {result['world_size']}: w = {result['w']:.6f}, b = {result['b']:.6f}, "
              f"loss {result['loss']:.4g}")
        if args.output is not None:
            try:
                _write_json(result, args.output)
            except KeyboardInterrupt:
                return cli.interrupt_exit(prog, message("distributed.during"))
            except _LauncherGone:
                print(message("distributed.launcher_gone", prog=prog), file=sys.stderr)
                return 1
    return 0


class _LauncherGone(Exception):
    """torchrun died before the result was written: an orphan writes nothing."""


def _write_json(result: dict, path: Path) -> None:
    """Write ``result`` as JSON atomically (a temporary file renamed over ``path``).

    The file gets ordinary permissions, as :func:`linreg_utils.checkpoint.atomic_save` gives: those of the
    file it replaces, else ``0o666`` minus the umask. Nothing is written if ``torchrun`` has died.
    """
    target = check_save_path(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as f:
            os.fchmod(f.fileno(), mode)
            json.dump(result, f)
            f.flush()
            os.fsync(f.fileno())
        if launcher_gone():
            raise _LauncherGone
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


if __name__ == "__main__":
    sys.exit(main())
