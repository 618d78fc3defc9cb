"""Notebook 10's exercises: all three answers are functions, so each question has its own checker.

The generic test (test_exercises_all.py) runs the blank, the solutions and the hints; here are the checkers'
own cases: the learner's functions as a notebook would hold them, right and wrong.
"""

import math

import pytest
import torch

from linreg_utils.batching import minibatches
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb10 import q1, q2, q3

# ---------------------------------------------------------------- blanks, as the notebook stores them


def blank_steps(n, batch_size):
    return ____


def blank_generator(x, y, batch_size):  # as the notebook gives it
    perm = ____
    for start in range(0, len(x), batch_size):
        idx = perm[start:____]
        yield x[idx], ____


def blank_to_device(model, x, y, device):
    return ____


def test_functions_that_still_use_the_blank_ask_to_replace_it():
    assert q1.verdict(blank_steps).key == "core.blank"
    assert q2.verdict(blank_generator).key == "core.blank"
    assert q3.verdict(blank_to_device).key == "core.blank"


def test_passing_a_result_instead_of_the_function_is_explained():
    assert "pass the function itself" in q1.diagnose(391)
    assert "q3.check(to_device), not q3.check(to_device(...))" in q3.diagnose((1, 2, 3))


def test_an_error_in_the_learners_code_is_feedback_not_a_crash():
    assert "your code stopped with an error: ZeroDivisionError" in q1.diagnose(lambda n, m: n // 0)

    def broken(x, y, m):
        yield x[len(x) + 1], y

    assert "your code stopped with an error: IndexError" in q2.diagnose(broken)


# ---------------------------------------------------------------- q1: steps per epoch


def test_q1_ceil_passes_in_its_usual_spellings():
    assert q1.diagnose(lambda n, m: math.ceil(n / m)) is None
    assert q1.diagnose(lambda n, m: (n + m - 1) // m) is None
    assert q1.diagnose(lambda n, m: -(-n // m)) is None
    assert q1.diagnose(lambda n, m: float(math.ceil(n / m))) is None
    assert q1.diagnose(lambda n, m: torch.tensor(n / m).ceil().long()) is None


def test_q1_rounding_down_is_diagnosed_as_the_forgotten_partial_batch():
    message = q1.diagnose(lambda n, m: n // m)
    assert "forgot the last, partial batch of 80 samples" in message and "drop_last" in message
    assert "steps_per_epoch(50000, 128) returned 390:" in message


def test_q1_floor_plus_one_is_caught_when_batch_size_divides_n():
    message = q1.diagnose(lambda n, m: n // m + 1)
    assert "counts an empty one" in message
    assert "steps_per_epoch(1000, 100) returned 11: " in message and "10 full batches" in message


@pytest.mark.parametrize(
    ("rule", "key"),
    [
        (lambda n, m: n / m, "q1.true_division"),
        (lambda n, m: round(n / m), "q1.nearest"),
        (lambda n, m: int(n / m + 0.5), "q1.nearest"),
        (lambda n, m: m / n, "q1.swapped"),
        (lambda n, m: m // n, "q1.swapped"),
        (lambda n, m: 7, "q1.otherwise"),
        (lambda n, m: "391", "q1.not_a_number"),
        (lambda n, m: None, "q1.not_a_number"),
    ],
)
def test_q1_wrong_rules_are_named(rule, key):
    assert q1.verdict(rule).key == key
    assert q1.diagnose(rule)


def test_q1_messages_quote_the_case():
    assert "returned 390.625: a step uses a whole batch" in q1.diagnose(lambda n, m: n / m)
    assert "takes 2.5 down to 2, but the 2 samples left over" in q1.diagnose(lambda n, m: round(n / m))
    assert "steps_per_epoch(50000, 128) returned 7, expected 391." == q1.diagnose(lambda n, m: 7)
    assert "returned '391'; it should return a whole number" in q1.diagnose(lambda n, m: "391")


# ---------------------------------------------------------------- q2: a mini-batch generator


def solution_generator(x, y, batch_size):
    perm = torch.randperm(len(x))
    for start in range(0, len(x), batch_size):
        idx = perm[start : start + batch_size]
        yield x[idx], y[idx]


def test_q2_solution_the_helper_and_a_generator_expression_pass():
    assert q2.diagnose(solution_generator) is None
    assert q2.diagnose(lambda x, y, m: minibatches(x, y, m)) is None

    def expression(x, y, m):
        perm = torch.randperm(len(x))
        return ((x[idx], y[idx]) for idx in perm.split(m))

    assert q2.diagnose(expression) is None


def test_q2_a_list_of_batches_is_not_a_generator():
    message = q2.diagnose(lambda x, y, m: list(solution_generator(x, y, m)))
    assert q2.verdict(lambda x, y, m: list(solution_generator(x, y, m))).key == "q2.not_a_generator"
    assert "returned a Python list, not a generator: use yield" in message


def test_q2_check_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    q2.diagnose(solution_generator)
    assert torch.equal(torch.rand(3), expected)


def drop_last(x, y, m):
    perm = torch.randperm(len(x))
    for k in range(len(x) // m):
        idx = perm[k * m : (k + 1) * m]
        yield x[idx], y[idx]


def one_too_many(x, y, m):
    perm = torch.randperm(len(x))
    for k in range(len(x) // m + 1):
        idx = perm[k * m : (k + 1) * m]
        yield x[idx], y[idx]


def with_replacement(x, y, m):
    for start in range(0, len(x), m):
        idx = torch.randint(len(x), (min(m, len(x) - start),))
        yield x[idx], y[idx]


def unpaired(x, y, m):
    px, py = torch.randperm(len(x)), torch.randperm(len(x))
    for start in range(0, len(x), m):
        yield x[px[start : start + m]], y[py[start : start + m]]


def in_order(x, y, m):
    for start in range(0, len(x), m):
        yield x[start : start + m], y[start : start + m]


def reseeded(x, y, m):
    torch.manual_seed(0)
    yield from solution_generator(x, y, m)


def prints_only(x, y, m):
    return None


def returns_a_number(x, y, m):
    return 3


def yields_indices(x, y, m):
    yield from torch.randperm(len(x)).split(m)


def flattens(x, y, m):
    for xb, yb in solution_generator(x, y, m):
        yield xb.ravel(), yb.ravel()


def overlapping(x, y, m):
    perm = torch.randperm(len(x))
    for start in range(0, len(x)):
        idx = perm[start : start + m]
        yield x[idx], y[idx]


def slice_ends_at_batch_size(x, y, m):
    perm = torch.randperm(len(x))
    for start in range(0, len(x), m):
        idx = perm[start:m]
        yield x[idx], y[idx]


def one_at_a_time(x, y, m):
    for i in torch.randperm(len(x)):
        yield x[i : i + 1], y[i : i + 1]


@pytest.mark.parametrize(
    ("generator", "key", "words"),
    [
        (drop_last, "q2.last_missing", "last, partial batch of 2 samples is missing"),
        (one_too_many, "q2.empty_batch", "empty batch"),
        (slice_ends_at_batch_size, "q2.slice_end", "only the first batch has rows"),
        (with_replacement, "q2.with_replacement", "appear twice and others never"),
        (unpaired, "q2.unpaired", "no longer paired"),
        (in_order, "q2.not_shuffled", "original order"),
        (reseeded, "q2.same_order", "same order"),
        (prints_only, "q2.nothing", "returned nothing"),
        (returns_a_number, "q2.not_a_generator", "returned an int, not a generator"),
        (yields_indices, "q2.not_pairs", "pair of tensors"),
        (flattens, "q2.columns", "keep the columns"),
        (overlapping, "q2.overlap", "batches overlap"),
        (one_at_a_time, "q2.batch_size", "each batch should hold batch_size rows"),
    ],
)
def test_q2_mistakes_are_named(generator, key, words):
    assert q2.verdict(generator).key == key
    assert words in q2.diagnose(generator)


# ---------------------------------------------------------------- q3: moving model and data


def unassigned(model, x, y, device):
    model.to(device)
    x.to(device)
    y.to(device)
    return model, x, y


def hard_coded(model, x, y, device):
    return model.to("cuda"), x.to("cuda"), y.to("cuda")


def test_q3_solution_passes():
    assert q3.diagnose(lambda model, x, y, device: (model.to(device), x.to(device), y.to(device))) is None
    assert q3.diagnose(lambda model, x, y, device: [model.to(device), x.to(device), y.to(device)]) is None


def test_q3_forgetting_to_use_what_tensor_to_returns_is_diagnosed():
    message = q3.diagnose(unassigned)
    assert "x is still on the CPU" in message and "x = x.to(device)" in message


def test_q3_a_hard_coded_cuda_device_is_diagnosed():
    message = q3.diagnose(hard_coded)
    if torch.cuda.is_available():
        assert q3.verdict(hard_coded).key == "q3.model_not_moved"
    else:
        assert q3.verdict(hard_coded).key == "q3.cuda"
        assert "asked for CUDA" in message and "rather than a fixed 'cuda'" in message


@pytest.mark.parametrize(
    ("to_device", "key"),
    [
        (lambda model, x, y, device: (model, x.to(device), y.to(device)), "q3.model_not_moved"),
        (lambda model, x, y, device: (model.to(device), x.to(device), y), "q3.not_assigned"),
        (lambda model, x, y, device: (model.to(device), x.to(device)), "q3.three"),
        (lambda model, x, y, device: None, "q3.three"),
        (lambda model, x, y, device: (x.to(device), model.to(device), y.to(device)), "q3.not_a_model"),
        (lambda model, x, y, device: (model.to(device), x.to(device), 3), "q3.not_a_tensor"),
        (lambda model, x, y, device: (model.to(device), x.ravel().to(device), y.to(device)), "q3.shapes"),
        (lambda model, x, y, device: (model.to(device), x.to(device), x.to(device)), "q3.numbers"),
        (lambda model, x, y, device: (model.to(device), torch.zeros_like(x).to(device), y.to(device)), "q3.numbers"),
    ],
)
def test_q3_mistakes_are_named(to_device, key):
    assert q3.verdict(to_device).key == key
    assert q3.diagnose(to_device)


def test_q3_returning_the_same_tensor_twice_is_named():
    def x_twice(model, x, y, device):
        x = x.to(device)
        return model.to(device), x, x

    assert "separately" in q3.diagnose(x_twice)
