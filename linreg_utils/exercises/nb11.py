"""Exercises for notebook 11 · Scaling out: the all-reduced gradient, the global batch size, and which
samples ``DistributedSampler`` gives each rank. Messages: ``text/<language>/nb11.py``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Mistake, Question, Unreadable, Wrong, array, as_number, close, numbers, show

# ---------------------------------------------------------------- the inputs (the notebook imports and prints these)

# Exercise 1: the gradients (dL/dw, dL/db) four processes computed on their own shards, one row per rank.
# (Not called shard_grads: the notebook's walkthrough already has a list of tensors by that name.)
rank_grads = np.array(
    [
        [0.8, -0.2],
        [1.0, 0.1],
        [0.6, -0.3],
        [1.2, 0.0],
    ],
    dtype=np.float32,
)

# ---------------------------------------------------------------- q1: the gradient after the all-reduce

_GRADS = rank_grads.astype(np.float64)
_WORLD = len(rank_grads)


def _read_gradient(answer: Any) -> np.ndarray:
    """An array of numbers; a single number too (averaging over everything is a mistake to name)."""
    value = as_number(answer)
    return np.array([value]) if value is not None else array(np.float64)(answer)


def _own_rank_or_otherwise(got: np.ndarray) -> Wrong:
    rank = next((r for r, row in enumerate(_GRADS) if close(got, row)), None)
    if rank is not None:
        return Wrong("q1.own_rank", rank=rank)
    return Wrong("q1.otherwise", got=got, shown=show(got))


q1 = Question(
    "nb11.q1",
    read=_read_gradient,
    expected=_GRADS.mean(axis=0),
    mistakes=[
        Mistake(lambda got: got.size == 1, "q1.single_number", example=rank_grads.mean()),
        Mistake(lambda got: got.shape == (_WORLD,), "q1.per_process", example=rank_grads.mean(axis=1)),
        Mistake(lambda got: got.shape != (2,), "q1.shape", example=rank_grads),
        Mistake(_GRADS.sum(axis=0), "q1.sum"),
    ],
    otherwise=_own_rank_or_otherwise,
    values={"world": _WORLD},
    solution="""
    answer = rank_grads.mean(axis=0)   # array([ 0.9, -0.1])
    # axis=0 runs over the processes. all_reduce sums the four rows; DDP divides by the world size, 4.
    """,
)

# ---------------------------------------------------------------- q2: global batch size and steps per epoch

_N2, _WORLD2, _BATCH2 = 4096, 4, 64  # n samples, processes, each process's DataLoader batch_size
_SHARD2 = _N2 // _WORLD2
_RIGHT2 = (_WORLD2 * _BATCH2, _SHARD2 // _BATCH2)  # (256, 16)

q2 = Question(
    "nb11.q2",
    read=numbers("global_batch_size", "steps_per_epoch"),
    expected=lambda got: got == _RIGHT2,  # counts: exactly
    mistakes=[
        Mistake(_RIGHT2[::-1], "q2.swapped"),
        Mistake(lambda got: got[0] == _BATCH2, "q2.one_process", example=(_BATCH2, _RIGHT2[1])),
        Mistake(lambda got: got[0] == _BATCH2 / _WORLD2, "q2.split", example=(_BATCH2 // _WORLD2, _RIGHT2[1])),
        Mistake(lambda got: got[0] != _RIGHT2[0], "q2.global", example=(2 * _RIGHT2[0], _RIGHT2[1])),
        Mistake(lambda got: got[1] == _N2 / _BATCH2, "q2.all_samples", example=(_RIGHT2[0], _N2 // _BATCH2)),
        Mistake(lambda got: got[1] == _SHARD2, "q2.shard_size", example=(_RIGHT2[0], _SHARD2)),
    ],
    otherwise="q2.steps",
    values={"n": _N2, "world": _WORLD2, "batch": _BATCH2, "shard": _SHARD2, "all_steps": _N2 // _BATCH2},
    solution="""
    answer = (4 * 64, 4096 // 4 // 64)   # (256, 16)
    # 4 processes x 64 samples each = 256 per step; each shard has 1024 samples = 16 batches of 64.
    """,
)

# ---------------------------------------------------------------- q3: DistributedSampler's indices for one rank

_N3, _WORLD3, _RANK3 = 15, 5, 3  # DistributedSampler over range(15), num_replicas=5, shuffle=False: rank 3's indices
_SIZE3 = _N3 // _WORLD3
_RIGHT3 = list(range(_RANK3, _N3, _WORLD3))  # [3, 8, 13]


def _read_indices(answer: Any) -> list[int]:
    """A list of whole numbers (a list, tuple, range, array or tensor of them)."""
    try:
        got = array()(answer).ravel()
    except Unreadable:
        raise Unreadable("q3.indices") from None
    if not np.all(np.isfinite(got)) or not np.all(got == np.round(got)):
        raise Unreadable("q3.indices")
    return [int(v) for v in got]


def _blocks(got: list[int]) -> bool:
    return any(got == list(range(r * _SIZE3, (r + 1) * _SIZE3)) for r in range(_WORLD3))


def _other_rank(got: list[int]) -> bool:
    return any(got == list(range(r, _N3, _WORLD3)) for r in range(_WORLD3))


q3 = Question(
    "nb11.q3",
    read=_read_indices,
    expected=_RIGHT3,
    mistakes=[
        Mistake(lambda got: len(got) != _SIZE3, "q3.length", example=_RIGHT3[:-1]),
        Mistake(_blocks, "q3.block", example=list(range(_RANK3 * _SIZE3, (_RANK3 + 1) * _SIZE3))),
        Mistake(_other_rank, "q3.other_rank", example=list(range(_RANK3 - 1, _N3, _WORLD3))),
        Mistake(lambda got: sorted(got) == _RIGHT3, "q3.order", example=_RIGHT3[::-1]),
    ],
    otherwise="q3.otherwise",
    values={"n": _N3, "world": _WORLD3, "rank": _RANK3, "size": _SIZE3, "process": _RANK3 + 1, "world2": 2 * _WORLD3},
    solution="""
    answer = [3, 8, 13]
    # list(range(rank, n, world_size)) = list(range(3, 15, 5)); check it with
    # list(DistributedSampler(range(15), num_replicas=5, rank=3, shuffle=False))
    """,
)
