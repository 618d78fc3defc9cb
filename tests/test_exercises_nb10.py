import math

import torch

from linreg_utils.batching import minibatches
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb10 import q1, q2, q3

# ---------------------------------------------------------------- blanks, as the notebook stores them


def blank_steps(n, batch_size):
    return ____


def blank_generator(x, y, batch_size):  # as the notebook gives it
    yield ____


def blank_to_device(model, x, y, device):
    return ____


def test_blank_answers_ask_to_replace_the_blank():
    for q in (q1, q2, q3):
        assert "replace ____" in q.diagnose(____)
    assert "replace ____" in q1.diagnose(blank_steps)
    assert "replace ____" in q2.diagnose(blank_generator)
    assert "replace ____" in q3.diagnose(blank_to_device)


def test_passing_a_result_instead_of_the_function_is_explained():
    assert "pass the function itself" in q1.diagnose(391)
    assert "pass the function itself" in q3.diagnose((1, 2, 3))


# ---------------------------------------------------------------- q1: steps per epoch


def test_q1_ceil_passes_in_its_usual_spellings():
    assert q1.diagnose(lambda n, m: math.ceil(n / m)) is None
    assert q1.diagnose(lambda n, m: (n + m - 1) // m) is None
    assert q1.diagnose(lambda n, m: -(-n // m)) is None


def test_q1_rounding_down_is_diagnosed_as_the_forgotten_partial_batch():
    message = q1.diagnose(lambda n, m: n // m)
    assert "forgot the last, partial batch" in message and "drop_last" in message
    assert "steps_per_epoch(50000, 128) returned 390" in message


def test_q1_floor_plus_one_is_caught_when_batch_size_divides_n():
    message = q1.diagnose(lambda n, m: n // m + 1)
    assert "counts an empty one" in message
    assert "steps_per_epoch(1000, 100) returned 11" in message


def test_q1_true_division_and_rounding_to_nearest_are_named():
    assert "whole number" in q1.diagnose(lambda n, m: n / m)
    assert "rounding to the nearest" in q1.diagnose(lambda n, m: round(n / m))
    assert "rounding to the nearest" in q1.diagnose(lambda n, m: int(n / m + 0.5))


def test_q1_swapped_division_and_other_answers():
    assert "not the other way round" in q1.diagnose(lambda n, m: m / n)
    assert "not the other way round" in q1.diagnose(lambda n, m: m // n)
    assert "expected 391" in q1.diagnose(lambda n, m: 7)
    assert "whole number of steps" in q1.diagnose(lambda n, m: "391")


# ---------------------------------------------------------------- q2: a mini-batch generator


def solution_generator(x, y, batch_size):
    perm = torch.randperm(len(x))
    for start in range(0, len(x), batch_size):
        idx = perm[start : start + batch_size]
        yield x[idx], y[idx]


def test_q2_solution_and_the_helper_pass():
    assert q2.diagnose(solution_generator) is None
    assert q2.diagnose(lambda x, y, m: minibatches(x, y, m)) is None
    assert q2.diagnose(lambda x, y, m: list(solution_generator(x, y, m))) is None  # a list of batches is fine


def test_q2_check_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    q2.diagnose(solution_generator)
    assert torch.equal(torch.rand(3), expected)


def test_q2_dropping_the_last_batch_is_diagnosed():
    def drop_last(x, y, m):
        perm = torch.randperm(len(x))
        for k in range(len(x) // m):
            idx = perm[k * m : (k + 1) * m]
            yield x[idx], y[idx]

    assert "last, partial batch of 2 samples is missing" in q2.diagnose(drop_last)


def test_q2_an_empty_last_batch_is_diagnosed():
    def one_too_many(x, y, m):
        perm = torch.randperm(len(x))
        for k in range(len(x) // m + 1):
            idx = perm[k * m : (k + 1) * m]
            yield x[idx], y[idx]

    assert "empty batch" in q2.diagnose(one_too_many)


def test_q2_sampling_with_replacement_is_diagnosed():
    def with_replacement(x, y, m):
        for start in range(0, len(x), m):
            idx = torch.randint(len(x), (min(m, len(x) - start),))
            yield x[idx], y[idx]

    assert "appear twice and others never" in q2.diagnose(with_replacement)


def test_q2_shuffling_x_and_y_separately_is_diagnosed():
    def unpaired(x, y, m):
        px, py = torch.randperm(len(x)), torch.randperm(len(x))
        for start in range(0, len(x), m):
            yield x[px[start : start + m]], y[py[start : start + m]]

    assert "no longer paired" in q2.diagnose(unpaired)


def test_q2_no_shuffle_and_a_fixed_order_are_diagnosed():
    def in_order(x, y, m):
        for start in range(0, len(x), m):
            yield x[start : start + m], y[start : start + m]

    def reseeded(x, y, m):
        torch.manual_seed(0)
        yield from solution_generator(x, y, m)

    assert "original order" in q2.diagnose(in_order)
    assert "same order" in q2.diagnose(reseeded)


def test_q2_wrong_kinds_of_output_are_explained():
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

    assert "returned nothing" in q2.diagnose(prints_only)
    assert "returned 3; it should yield pairs" in q2.diagnose(returns_a_number)
    assert "pair of tensors" in q2.diagnose(yields_indices)
    assert "keep the columns" in q2.diagnose(flattens)
    assert "batches overlap" in q2.diagnose(overlapping)


# ---------------------------------------------------------------- q3: moving model and data


def test_q3_solution_passes():
    assert q3.diagnose(lambda model, x, y, device: (model.to(device), x.to(device), y.to(device))) is None


def test_q3_forgetting_to_use_what_tensor_to_returns_is_diagnosed():
    def unassigned(model, x, y, device):
        model.to(device)
        x.to(device)
        y.to(device)
        return model, x, y

    message = q3.diagnose(unassigned)
    assert "x is still on the CPU" in message and "x = x.to(device)" in message


def test_q3_an_unmoved_model_or_y_is_diagnosed():
    assert "call model.to(device)" in q3.diagnose(lambda model, x, y, device: (model, x.to(device), y.to(device)))
    assert "y is still on the CPU" in q3.diagnose(lambda model, x, y, device: (model.to(device), x.to(device), y))


def test_q3_a_hard_coded_cuda_device_is_diagnosed():
    def hard_coded(model, x, y, device):
        return model.to("cuda"), x.to("cuda"), y.to("cuda")

    message = q3.diagnose(hard_coded)
    if torch.cuda.is_available():
        assert "call model.to(device)" in message
    else:
        assert "asked for CUDA" in message


def test_q3_wrong_returns_are_explained():
    def two_things(model, x, y, device):
        return model.to(device), x.to(device)

    def swapped(model, x, y, device):
        return x.to(device), model.to(device), y.to(device)

    def x_twice(model, x, y, device):
        x = x.to(device)
        return model.to(device), x, x

    def zeros(model, x, y, device):
        return model.to(device), torch.zeros_like(x).to(device), y.to(device)

    assert "return the three of them" in q3.diagnose(two_things)
    assert "is a Tensor, not a model" in q3.diagnose(swapped)
    assert "separately" in q3.diagnose(x_twice)
    assert "must not change the numbers" in q3.diagnose(zeros)


def test_check_hint_and_solution_print(capsys):
    q1.check(lambda n, m: math.ceil(n / m))
    q2.hint()
    q3.solution()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "✅ Correct!"
    assert out[1].startswith("💡 Hint: perm = torch.randperm(len(x))")
    assert out[2] == "Solution:" and "model.to(device), x.to(device), y.to(device)" in "\n".join(out[3:])
