"""Exercises for notebook 11 · Scaling out: the all-reduced gradient, the global batch size, and which
samples ``DistributedSampler`` gives each rank."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .core import Question, as_array

# Exercise 1: the gradients (dL/dw, dL/db) four processes computed on their own shards, one row per rank.
SHARD_GRADS = np.array(
    [
        [0.8, -0.2],
        [1.0, 0.1],
        [0.6, -0.3],
        [1.2, 0.0],
    ],
    dtype=np.float32,
)

# Exercise 2: n samples, world size, and the batch size each process's DataLoader is given.
N_Q2, WORLD_Q2, BATCH_Q2 = 4096, 4, 64

# Exercise 3: DistributedSampler over range(N_Q3) with WORLD_Q3 processes, shuffle=False: the indices of RANK_Q3.
N_Q3, WORLD_Q3, RANK_Q3 = 15, 5, 3


def _check_allreduce(answer: Any) -> str | None:
    got = as_array(answer, np.float64)
    if got is None:
        return "give the gradient as an array of two numbers (dL/dw, dL/db), e.g. SHARD_GRADS.mean(axis=0)."
    right = SHARD_GRADS.astype(np.float64).mean(axis=0)
    if got.size == 1:
        return (
            "that is a single number: you averaged over everything. Average over the processes only "
            "(the rows, axis=0) and keep one value for w and one for b."
        )
    if got.shape == (SHARD_GRADS.shape[0],):
        return (
            "you got one number per process: that averages w's and b's gradients together (axis=1). "
            "The all-reduce averages across the processes, the rows: axis=0."
        )
    if got.shape != right.shape:
        return f"your gradient has shape {got.shape}, expected {right.shape}: one value for w and one for b."
    if np.allclose(got, SHARD_GRADS.astype(np.float64).sum(axis=0), atol=1e-5):
        return (
            "you summed the gradients. dist.all_reduce adds them up, but DDP then divides by the world size "
            f"({SHARD_GRADS.shape[0]}): the processes step with the *average*, the gradient of the mean loss."
        )
    for rank, row in enumerate(SHARD_GRADS.astype(np.float64)):
        if np.allclose(got, row, atol=1e-5):
            return (
                f"that is rank {rank}'s own gradient. After the all-reduce every process holds the same "
                "combination of all four rows."
            )
    if not np.allclose(got, right, atol=1e-5):
        return f"{np.round(got, 4).tolist()} is not the average of the four rows yet."
    return None


q1 = Question(
    prompt=(
        "Four processes computed the gradients in SHARD_GRADS (one row per rank: dL/dw, dL/db). "
        "What gradient does every process hold after DDP's all-reduce?"
    ),
    checker=_check_allreduce,
    hint="One row per process; the all-reduce combines the rows into their average: .mean(axis=...) — which axis?",
    solution="""
answer = SHARD_GRADS.mean(axis=0)   # array([ 0.9, -0.1])
# axis=0 runs over the processes. all_reduce sums the four rows; DDP divides by the world size, 4.
""",
)


def _as_pair(answer: Any) -> tuple[float, float] | None:
    if isinstance(answer, list):
        answer = tuple(answer)
    if not isinstance(answer, tuple) or len(answer) != 2:
        return None
    values = []
    for value in answer:
        if isinstance(value, torch.Tensor) and value.numel() == 1:
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            return None
        values.append(float(value))
    return values[0], values[1]


def _check_batches(answer: Any) -> str | None:
    pair = _as_pair(answer)
    if pair is None:
        return "give a pair of two numbers: answer = (global_batch_size, steps_per_epoch)."
    global_batch, steps = pair
    right_global = WORLD_Q2 * BATCH_Q2
    right_steps = N_Q2 // WORLD_Q2 // BATCH_Q2
    if global_batch == BATCH_Q2:
        return (
            f"{BATCH_Q2} is the batch of *one* process. In one step all {WORLD_Q2} processes each use "
            f"{BATCH_Q2} samples, and their gradients are averaged: how many samples is that together?"
        )
    if global_batch == BATCH_Q2 / WORLD_Q2:
        return (
            f"DDP does not split the batch_size between processes: each process's DataLoader takes "
            f"{BATCH_Q2} samples per step."
        )
    if global_batch != right_global:
        return f"a global batch of {global_batch:g} is not right yet: processes × samples per process."
    if steps == N_Q2 / BATCH_Q2:
        return (
            f"{N_Q2 // BATCH_Q2} steps is what one process needs for all {N_Q2} samples. Each process only walks "
            f"its own shard of {N_Q2 // WORLD_Q2} samples."
        )
    if steps != right_steps:
        return f"{steps:g} steps per epoch is not right yet: one epoch is one pass over each process's shard."
    return None


q2 = Question(
    prompt=(
        f"n = {N_Q2} samples, {WORLD_Q2} processes, DistributedSampler, and DataLoader(batch_size={BATCH_Q2}) "
        "in every process. Give (global batch size, steps per epoch)."
    ),
    checker=_check_batches,
    hint=(
        "The batch_size is per process, so one step uses world_size × batch_size samples in all. "
        "Each process's shard holds n / world_size samples."
    ),
    solution="""
answer = (4 * 64, 4096 // 4 // 64)   # (256, 16)
# 4 processes x 64 samples each = 256 per step; each shard has 1024 samples = 16 batches of 64.
""",
)


def _check_indices(answer: Any) -> str | None:
    got = as_array(answer, np.float64)
    if got is None:
        return "give the indices as a list of whole numbers, e.g. [0, 1, 2]."
    got = got.ravel()
    size = N_Q3 // WORLD_Q3
    if got.size != size:
        return f"you gave {got.size} indices: {N_Q3} samples shared by {WORLD_Q3} processes make {size} per rank."
    values = [int(v) for v in got]
    if values == list(range(RANK_Q3, N_Q3, WORLD_Q3)):
        return None
    for rank in range(WORLD_Q3):
        if values == list(range(rank * size, (rank + 1) * size)):
            return (
                f"{values} is a contiguous block. DistributedSampler deals the indices out like cards: "
                f"rank r takes r, r + {WORLD_Q3}, r + {2 * WORLD_Q3}, ..."
            )
    for rank in range(WORLD_Q3):
        if values == list(range(rank, N_Q3, WORLD_Q3)):
            return (
                f"that is rank {rank}'s shard. Ranks count from 0, so rank {RANK_Q3} is process number "
                f"{RANK_Q3 + 1} and its first index is {RANK_Q3}."
            )
    if sorted(values) == list(range(RANK_Q3, N_Q3, WORLD_Q3)):
        return "the right indices, but with shuffle=False the sampler keeps them in increasing order."
    return f"{values} is not rank {RANK_Q3}'s shard yet."


q3 = Question(
    prompt=(
        f"DistributedSampler over {N_Q3} samples with num_replicas={WORLD_Q3} and shuffle=False: "
        f"which indices does rank {RANK_Q3} get, in order?"
    ),
    checker=_check_indices,
    hint=(
        f"The sampler does not cut the data into blocks. It deals the indices out like cards: rank 0 gets "
        f"0, {WORLD_Q3}, {2 * WORLD_Q3}, ...; ranks count from 0."
    ),
    solution=f"""
answer = {list(range(RANK_Q3, N_Q3, WORLD_Q3))}
# list(range(rank, n, world_size)) = list(range({RANK_Q3}, {N_Q3}, {WORLD_Q3})); check it with
# list(DistributedSampler(range({N_Q3}), num_replicas={WORLD_Q3}, rank={RANK_Q3}, shuffle=False))
""",
)
