"""Exercises for notebook 10 · Mini-batches and devices."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from .core import Question, ____

_BLANK = "replace ____ with your answer, then run the cell again."


def _has_blank(fn: Callable[..., Any]) -> bool:
    """True if the function's code still uses the blank ``____`` (e.g. ``return ____``)."""
    code = getattr(fn, "__code__", None)
    return code is not None and "____" in code.co_names


def _not_a_function(answer: Any, name: str) -> str | None:
    if answer is ____:
        return _BLANK
    if not callable(answer):
        return (
            f"pass the function itself, without calling it: q.check({name}), not q.check({name}(...)) "
            f"(got {type(answer).__name__})."
        )
    if _has_blank(answer):
        return _BLANK
    return None


# ---------------------------------------------------------------- q1: steps per epoch

_STEP_CASES = [(50_000, 128), (1_000, 100), (10, 4), (1_000, 300), (5, 10), (1_000_000, 1024), (7, 1)]


def _check_steps(answer: Any) -> str | None:
    problem = _not_a_function(answer, "steps_per_epoch")
    if problem:
        return problem
    got = {case: answer(*case) for case in _STEP_CASES}
    for (n, m), value in got.items():
        if value is ____:
            return _BLANK
        if isinstance(value, bool) or not (isinstance(value, (int, float)) or hasattr(value, "__index__")):
            return f"steps_per_epoch({n}, {m}) returned {value!r}; it should return a whole number of steps."
    wrong = [(case, value) for case, value in got.items() if float(value) != math.ceil(case[0] / case[1])]
    if not wrong:
        return None

    def always(rule: Callable[[int, int], float]) -> bool:
        return all(math.isclose(float(value), rule(n, m)) for (n, m), value in got.items())

    (n, m), value = wrong[0]
    call = f"steps_per_epoch({n}, {m}) returned {value}"
    if always(lambda n, m: n / m):
        return (
            f"steps_per_epoch({n}, {m}) returned {float(value):g}: a step uses a whole batch, so the count is a whole "
            f"number. Round up: the last {n % m} samples still need a step of their own."
        )
    if always(lambda n, m: n // m):
        return (
            f"{call}: you rounded down and forgot the last, partial batch of {n % m} samples (that is what "
            "drop_last=True does on purpose). Round up: math.ceil(n / batch_size)."
        )
    if always(lambda n, m: n // m + 1):
        (n, m), value = next(((c, v) for c, v in wrong if c[0] % c[1] == 0), wrong[0])
        return (
            f"steps_per_epoch({n}, {m}) returned {value}: when batch_size divides n there is no partial batch "
            f"({n} / {m} = {n // m} full batches), so n // batch_size + 1 counts an empty one. "
            "Use math.ceil(n / batch_size)."
        )
    if always(lambda n, m: round(n / m)) or always(lambda n, m: math.floor(n / m + 0.5)):
        return (
            f"{call}: rounding to the nearest whole number takes {n / m:.3g} down to {value}, but the "
            f"{n % m} samples left over still need a step. Always round up: math.ceil(n / batch_size)."
        )
    if always(lambda n, m: m / n) or always(lambda n, m: m // n) or always(lambda n, m: math.ceil(m / n)):
        return f"{call}: divide n by batch_size, not the other way round."
    return f"{call}, expected {math.ceil(n / m)}."


q1 = Question(
    prompt="Complete steps_per_epoch(n, batch_size): the number of steps (batches) in one epoch.",
    checker=_check_steps,
    hint="n / batch_size full batches, plus one smaller batch when there is a remainder: that is rounding up. "
    "Try it on n=10, batch_size=4: batches of 4, 4 and 2.",
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


def _one_epoch(fn: Callable[..., Any], n: int, m: int) -> list[tuple[torch.Tensor, torch.Tensor]] | str:
    """Call the learner's generator for one epoch; a list of batches, or what is wrong with the output."""
    x, y = _small_data(n)
    result = fn(x, y, m)
    if result is None:
        return "my_minibatches returned nothing: it should yield the batches, e.g. `yield x[idx], y[idx]`."
    try:
        batches = list(result)
    except TypeError:
        return f"my_minibatches returned {result!r}; it should yield pairs (x_batch, y_batch)."
    for batch in batches:
        is_pair = isinstance(batch, (tuple, list)) and len(batch) == 2
        if not (is_pair and all(isinstance(t, torch.Tensor) for t in batch)):
            return "each item should be a pair of tensors (x_batch, y_batch): `yield x[idx], y[idx]`."
    return [(xb, yb) for xb, yb in batches]


def _check_batches(batches: list[tuple[torch.Tensor, torch.Tensor]], n: int, m: int) -> str | None:
    expected_sizes = [m] * (n // m) + ([n % m] if n % m else [])
    sizes = [len(xb) for xb, _ in batches]
    for xb, yb in batches:
        if xb.ndim != 2 or xb.shape[1:] != (1,) or yb.shape != xb.shape:
            return (
                f"a batch has shapes {tuple(xb.shape)} and {tuple(yb.shape)}; keep the columns: index the rows "
                "with x[idx] and y[idx], giving (b, 1) each."
            )
    if 0 in sizes:
        return (
            f"for n={n}, batch_size={m} you yield an empty batch (sizes {sizes}): when batch_size divides n there "
            "is no partial batch. Loop with range(0, n, batch_size)."
        )
    if sizes == expected_sizes[:-1] and n % m:
        return (
            f"the batch sizes are {sizes}: the last, partial batch of {n % m} samples is missing. "
            "range(0, n, batch_size) gives its start too; slicing perm[start:start + batch_size] stops at the end."
        )
    values = torch.cat([xb for xb, _ in batches]).ravel() if batches else torch.zeros(0)
    rows_paired = all(torch.equal(yb - xb, torch.full_like(xb, _OFFSET)) for xb, yb in batches)
    every_once = sorted(values.tolist()) == list(range(n))
    if sizes != expected_sizes:
        if every_once and rows_paired:
            return f"the batch sizes are {sizes}, expected {expected_sizes}: each batch should hold batch_size rows."
        if sum(sizes) > n:
            return (
                f"the batch sizes are {sizes}: more than {n} rows in one epoch, so batches overlap. Step through the "
                "permutation with range(0, n, batch_size) and take perm[start:start + batch_size]."
            )
        return f"the batch sizes are {sizes}, expected {expected_sizes} for n={n}, batch_size={m}."
    if not every_once:
        return (
            "some samples appear twice and others never in one epoch. Draw one permutation, torch.randperm(n), "
            "and cut it into slices, instead of drawing random indices (torch.randint) for each batch."
        )
    if not rows_paired:
        return (
            "x and y are no longer paired: a batch's y values belong to other rows. Index both with the same idx; "
            "never shuffle x and y separately."
        )
    return None


def _check_generator(answer: Any) -> str | None:
    problem = _not_a_function(answer, "my_minibatches")
    if problem:
        return problem
    with torch.random.fork_rng(devices=[]):  # the check must not change the learner's random numbers
        torch.manual_seed(10)
        orders = []
        for n, m in ((_N, _M), (12, _M), (_N, _M), (_N, _M)):
            batches = _one_epoch(answer, n, m)
            if isinstance(batches, str):
                return batches
            problem = _check_batches(batches, n, m)
            if problem:
                return problem
            if n == _N:
                orders.append(tuple(torch.cat([xb for xb, _ in batches]).ravel().tolist()))
    if all(order == tuple(range(_N)) for order in orders):
        return "the samples come in their original order 0, 1, 2, ...: shuffle them with perm = torch.randperm(n)."
    if len(set(orders)) == 1:
        return (
            "every call gives the same order. Draw a new permutation inside the function on every call (and do "
            "not reseed there): each epoch should visit the samples in a new order."
        )
    return None


q2 = Question(
    prompt="Write my_minibatches(x, y, batch_size): yield (x_batch, y_batch) for one epoch, in a random order.",
    checker=_check_generator,
    hint="perm = torch.randperm(len(x)); then for start in range(0, len(x), batch_size): "
    "idx = perm[start:start + batch_size] and yield x[idx], y[idx].",
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


def _check_to_device(answer: Any) -> str | None:
    problem = _not_a_function(answer, "to_device")
    if problem:
        return problem
    target = torch.device("meta")  # exists on every computer, and is never where the data starts
    model, x, y = nn.Linear(1, 1), torch.zeros(4, 1), torch.ones(4, 1)
    try:
        result = answer(model, x, y, target)
    except (AssertionError, RuntimeError) as err:
        if "cuda" in str(err).lower() or "nvidia" in str(err).lower():
            return (
                f"your function asked for CUDA ({type(err).__name__}: {err}). Use the device it is given, "
                "model.to(device), rather than a fixed 'cuda'."
            )
        raise
    if result is ____:
        return _BLANK
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        return "return the three of them, in this order: return model, x, y (each moved to device)."
    for name, value in zip(("model", "x", "y"), result, strict=True):
        where = _device_of(value, name)
        if where is None:
            kind = "model" if name == "model" else "tensor"
            return f"the {name} you returned is a {type(value).__name__}, not a {kind}."
        if where != target:
            if name == "model":
                return f"the model's parameters are on {where}, not on the device given: call model.to(device)."
            if where.type == "cpu":
                return (
                    f"{name} is still on the CPU. A tensor's .to(device) returns a *new* tensor and leaves {name} "
                    f"where it was (unlike model.to, which moves the model in place): write {name} = {name}.to(device)."
                )
            return f"{name} is on {where}, not on the device given: use {name}.to(device) with the device argument."
    if result[1].shape != x.shape or result[2].shape != y.shape:
        return "x and y should keep their shapes: just move them, with x.to(device) and y.to(device)."
    if result[1] is result[2] or result[2].shape != (4, 1):
        return "return x and y separately, in this order: model, x, y."
    x_cpu = torch.arange(4, dtype=torch.float32).reshape(-1, 1)
    kept = answer(nn.Linear(1, 1), x_cpu, x_cpu + 10, torch.device("cpu"))  # on the CPU, numbers can be compared
    if not (torch.equal(kept[1], x_cpu) and torch.equal(kept[2], x_cpu + 10)):
        return "moving must not change the numbers: x.to(device) keeps them; return x and y in the order model, x, y."
    return None


q3 = Question(
    prompt="Complete to_device(model, x, y, device): return (model, x, y), all three on device.",
    checker=_check_to_device,
    hint="model.to(device) moves the model in place and returns it; x.to(device) returns a new tensor, so use "
    "what it returns.",
    solution="""
def to_device(model, x, y, device):
    return model.to(device), x.to(device), y.to(device)
# x.to(device) alone, without using its result, leaves x on the CPU.
""",
)
