"""Exercises for notebook 10 · Mini-batches and devices. Messages: ``text/<language>/nb10.py``.

All three answers are functions (``read=function``), so each question has a checker of its own: it calls the
learner's function (through :func:`run_learner_code`) and looks at what comes back.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from ..validation import kind_of
from .core import (
    Question,
    Unreadable,
    Wrong,
    as_number,
    bounded_items,
    function,
    run_learner_code,
    tensor_values,
)


def _count(value: float) -> str:
    """A returned number as the messages quote it: 390, or 390.625."""
    return str(int(value)) if value.is_integer() else f"{value:.6g}"


# ---------------------------------------------------------------- q1: steps per epoch

_STEP_CASES = [(50_000, 128), (1_000, 100), (10, 4), (1_000, 300), (5, 10), (1_000_000, 1024), (7, 1)]

# Known wrong rules, tried in order when an answer is wrong on some case but follows one rule on all of them.
_STEP_MISTAKES: list[tuple[str, list[Callable[[int, int], float]]]] = [
    ("q1.true_division", [lambda n, m: n / m]),
    ("q1.floor", [lambda n, m: n // m]),
    ("q1.floor_plus_one", [lambda n, m: n // m + 1]),
    ("q1.nearest", [lambda n, m: round(n / m), lambda n, m: math.floor(n / m + 0.5)]),
    ("q1.swapped", [lambda n, m: m / n, lambda n, m: m // n, lambda n, m: math.ceil(m / n)]),
]


def _check_steps(steps: Callable[..., Any]) -> Wrong | None:
    got = {}
    for n, m in _STEP_CASES:
        value = run_learner_code(steps, n, m)
        if as_number(value) is None:
            return Wrong("q1.not_a_number", n=n, m=m, value=repr(value))
        got[n, m] = as_number(value)
    wrong = [(case, value) for case, value in got.items() if value != math.ceil(case[0] / case[1])]
    if not wrong:
        return None
    for key, rules in _STEP_MISTAKES:
        if any(all(math.isclose(value, rule(n, m)) for (n, m), value in got.items()) for rule in rules):
            if key == "q1.floor_plus_one":  # quote a case where batch_size divides n: the empty batch
                wrong = [w for w in wrong if w[0][0] % w[0][1] == 0] or wrong
            (n, m), value = wrong[0]
            return Wrong(key, n=n, m=m, value=_count(value), rest=n % m, full=n // m, divided=n / m)
    (n, m), value = wrong[0]
    return Wrong("q1.otherwise", n=n, m=m, value=_count(value), right=math.ceil(n / m))


q1 = Question(
    "nb10.q1",
    answer="steps_per_epoch",
    read=function,
    check=_check_steps,
    solution="""
    def steps_per_epoch(n, batch_size):
        return math.ceil(n / batch_size)   # or, with whole numbers only: (n + batch_size - 1) // batch_size
    # n // batch_size forgets the last, partial batch; n // batch_size + 1 is wrong when batch_size divides n.
    """,
)

# ---------------------------------------------------------------- q2: a mini-batch generator

_N, _M, _OFFSET = 10, 4, 100.0


def _small_data(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.arange(n, dtype=torch.float32).reshape(-1, 1)
    return x, x + _OFFSET  # y = x + 100: a row is paired when y - x == 100


def _one_epoch(fn: Callable[..., Any], n: int, m: int) -> list[tuple[torch.Tensor, torch.Tensor]] | Wrong:
    """Run the learner's generator for one epoch: its batches, or what is wrong with its output."""
    x, y = _small_data(n)
    result = run_learner_code(fn, x, y, m)
    if result is None:
        return Wrong("q2.nothing")
    if not inspect.isgenerator(result):  # a list of batches works in a for loop, but is not what the task asks
        return Wrong("q2.not_a_generator", kind=kind_of(result))
    # the generator's body runs now, for a bounded time and number of batches: its loop may never end
    batches = run_learner_code(bounded_items, result, 10 * math.ceil(n / m), "my_minibatches")
    for batch in batches:
        is_pair = isinstance(batch, (tuple, list)) and len(batch) == 2
        if not (is_pair and all(isinstance(t, torch.Tensor) for t in batch)):
            return Wrong("q2.not_pairs")
    for xb, yb in batches:
        tensor_values(xb), tensor_values(yb)  # a meta tensor has no numbers to check: say so
    return [(xb.detach().cpu(), yb.detach().cpu()) for xb, yb in batches]


def _check_batches(batches: list[tuple[torch.Tensor, torch.Tensor]], n: int, m: int) -> Wrong | None:
    expected = [m] * (n // m) + ([n % m] if n % m else [])
    sizes = [len(xb) for xb, _ in batches]
    for xb, yb in batches:
        if xb.ndim != 2 or xb.shape[1:] != (1,) or yb.shape != xb.shape:
            return Wrong("q2.columns", x_shape=tuple(xb.shape), y_shape=tuple(yb.shape))
    if len(sizes) > 1 and sizes[0] > 0 and not any(sizes[1:]):  # perm[start:batch_size]: one slice has rows
        return Wrong("q2.slice_end", sizes=sizes)
    if 0 in sizes:
        return Wrong("q2.empty_batch", n=n, m=m, sizes=sizes)
    if sizes == expected[:-1] and n % m:
        return Wrong("q2.last_missing", sizes=sizes, rest=n % m)
    values = torch.cat([xb for xb, _ in batches]).ravel() if batches else torch.zeros(0)
    rows_paired = all(torch.equal(yb - xb, torch.full_like(xb, _OFFSET)) for xb, yb in batches)
    every_once = sorted(values.tolist()) == list(range(n))
    if sizes != expected:
        if every_once and rows_paired:
            return Wrong("q2.batch_size", sizes=sizes, expected=expected)
        if sum(sizes) > n:
            return Wrong("q2.overlap", sizes=sizes, n=n)
        return Wrong("q2.sizes", sizes=sizes, expected=expected, n=n, m=m)
    if not every_once:
        return Wrong("q2.with_replacement")
    if not rows_paired:
        return Wrong("q2.unpaired")
    return None


def _check_generator(generator: Callable[..., Any]) -> Wrong | None:
    with torch.random.fork_rng(devices=[]):  # the check must not change the learner's random numbers
        torch.manual_seed(10)
        orders = []
        for n, m in ((_N, _M), (12, _M), (_N, _M), (_N, _M)):
            batches = _one_epoch(generator, n, m)
            if isinstance(batches, Wrong):
                return batches
            problem = _check_batches(batches, n, m)
            if problem:
                return problem
            if n == _N:
                orders.append(tuple(torch.cat([xb for xb, _ in batches]).ravel().tolist()))
    if all(order == tuple(range(_N)) for order in orders):
        return Wrong("q2.not_shuffled")
    if len(set(orders)) == 1:
        return Wrong("q2.same_order")
    return None


q2 = Question(
    "nb10.q2",
    answer="my_minibatches",
    read=function,
    check=_check_generator,
    solution="""
    def my_minibatches(x, y, batch_size):
        perm = torch.randperm(len(x))              # a new random order on every call (every epoch)
        for start in range(0, len(x), batch_size):
            idx = perm[start:start + batch_size]   # the last slice is shorter: the partial batch
            yield x[idx], y[idx]                   # the same idx for x and y keeps the rows paired
    """,
)

# ---------------------------------------------------------------- q3: moving model and data to a device


def _device_of(value: Any, name: str) -> torch.device | None:
    """Where ``value`` lives, or ``None`` if it is not the kind of thing ``name`` should be."""
    if name == "model" and isinstance(value, nn.Module):
        return next(value.parameters()).device
    if name != "model" and isinstance(value, torch.Tensor):
        return value.device
    return None


def _is_triple_of_tensors(result: Any) -> bool:
    is_triple = isinstance(result, (tuple, list)) and len(result) == 3
    return is_triple and all(isinstance(t, torch.Tensor) for t in result[1:])


def _check_to_device(move: Callable[..., Any]) -> Wrong | None:
    target = torch.device("meta")  # exists on every computer, and is never where the data starts
    model, x, y = nn.Linear(1, 1), torch.zeros(4, 1), torch.ones(4, 1)
    try:
        result = run_learner_code(move, model, x, y, target)
    except Unreadable as raised:  # the learner's code failed: say so, and name a fixed "cuda" if that was why
        cause = raised.__cause__
        if "cuda" in str(cause).lower() or "nvidia" in str(cause).lower():
            return Wrong("q3.cuda", error=f"{type(cause).__name__}: {cause}")
        raise
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        return Wrong("q3.three")
    for name, value in zip(("model", "x", "y"), result, strict=True):
        where = _device_of(value, name)
        if where is None:
            return Wrong(
                "q3.not_a_model" if name == "model" else "q3.not_a_tensor", name=name, kind=type(value).__name__
            )
        if where != target:
            if name == "model":
                return Wrong("q3.model_not_moved", where=where)
            key = "q3.not_assigned" if where.type == "cpu" else "q3.elsewhere"
            return Wrong(key, name=name, where=where)
    if result[1].shape != x.shape or result[2].shape != y.shape:
        return Wrong("q3.shapes")
    if result[1] is result[2]:
        return Wrong("q3.separately")
    x_cpu = torch.arange(4, dtype=torch.float32).reshape(-1, 1)
    kept = run_learner_code(move, nn.Linear(1, 1), x_cpu, x_cpu + 10, torch.device("cpu"))  # numbers comparable
    if _is_triple_of_tensors(kept):
        for name, value in zip(("x", "y"), kept[1:], strict=True):
            if value.device.type != "cpu":  # moved to a device of its own choosing, not the one given
                return Wrong("q3.elsewhere", name=name, where=value.device)
    if not (_is_triple_of_tensors(kept) and torch.equal(kept[1], x_cpu) and torch.equal(kept[2], x_cpu + 10)):
        return Wrong("q3.numbers")
    return None


q3 = Question(
    "nb10.q3",
    answer="to_device",
    read=function,
    check=_check_to_device,
    solution="""
    def to_device(model, x, y, device):
        return model.to(device), x.to(device), y.to(device)
    # x.to(device) alone, without using its result, leaves x on the CPU.
    """,
)
