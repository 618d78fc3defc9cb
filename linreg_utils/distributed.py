"""Data-parallel training with PyTorch's own engine: ``torch.distributed`` + ``DistributedDataParallel``.

Run it with ``torchrun``, which starts one process per worker and tells each its rank::

    torchrun --standalone --nproc-per-node 2 -m linreg_utils.distributed --output result.json

Each process holds one shard of the data (``DistributedSampler``), computes gradients on it,
and DDP averages the gradients of all processes (an *all-reduce*) before every step, so all
copies of the model stay identical. With equal shards and one full-shard batch per step, the
averaged gradient equals the full-data gradient: the result matches single-process training.

Without ``torchrun`` (no ``RANK`` in the environment) it runs as a single process, which is the
reference the distributed result is compared with.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DistributedSampler, TensorDataset

from .data import make_regression_data
from .model import LinearRegressionModel


def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The job's data: ``y = 2x + 1 + noise`` for ``n`` points with x in [-1, 1) (float32 tensors)."""
    x, y = make_regression_data(n, [2.0], bias=1.0, noise_std=0.1, seed=seed)
    return torch.from_numpy(x), torch.from_numpy(y)


def fit(n: int = 4096, epochs: int = 200, lr: float = 0.5, seed: int = 0) -> dict[str, float | int]:
    """Full-batch gradient descent on this process's shard; DDP when started by ``torchrun``.

    Returns:
        ``{"w", "b", "loss", "world_size"}`` — identical on every rank.
    """
    distributed = "RANK" in os.environ
    if distributed:
        dist.init_process_group(backend="gloo")  # gloo: CPU; use "nccl" for one GPU per process
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    try:
        x, y = make_data(n, seed)
        if n % world:
            raise ValueError(f"n={n} must be divisible by the {world} processes so every shard is the same size")
        sampler = DistributedSampler(TensorDataset(x, y), num_replicas=world, rank=rank, shuffle=False)
        shard = torch.tensor(list(iter(sampler)))
        xs, ys = x[shard], y[shard]

        torch.manual_seed(seed)  # the same initial weights everywhere (DDP also broadcasts rank 0's)
        model: nn.Module = LinearRegressionModel(1, 1)
        if distributed:
            model = DistributedDataParallel(model)
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        loss_fn = nn.MSELoss()
        for _ in range(epochs):
            optimizer.zero_grad()
            loss = loss_fn(model(xs), ys)
            loss.backward()  # DDP all-reduces (averages) the gradients across processes here
            optimizer.step()

        total = loss.detach().clone()
        if distributed:
            dist.all_reduce(total)
            total /= world
        inner = model.module if distributed else model
        result = {
            "w": inner.linear.weight.item(),
            "b": inner.linear.bias.item(),
            "loss": total.item(),
            "world_size": world,
        }
        if distributed:
            dist.barrier()  # nobody tears the group down while another process still talks to it
        return result
    finally:
        if distributed:
            # free DDP's communication hooks now, not during interpreter shutdown, where gloo's
            # threads could otherwise abort the process ("terminate called without an active exception")
            model = optimizer = inner = None
            gc.collect()
            dist.destroy_process_group()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linreg_utils.distributed", description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=4096, help="number of samples (divisible by the process count)")
    parser.add_argument("--epochs", type=int, default=200, help="full-batch steps (default: 200)")
    parser.add_argument("--lr", type=float, default=0.5, help="learning rate (default: 0.5)")
    parser.add_argument("--seed", type=int, default=0, help="seed for data and initial weights")
    parser.add_argument("--output", type=Path, default=None, help="write the result as JSON here (rank 0)")
    args = parser.parse_args(argv)
    result = fit(args.samples, args.epochs, args.lr, args.seed)
    if int(os.environ.get("RANK", "0")) == 0:
        print(f"world size {result['world_size']}: w = {result['w']:.6f}, b = {result['b']:.6f}, "
              f"loss {result['loss']:.4g}")
        if args.output is not None:
            args.output.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
