"""Notebook 09's exercises beyond the generic test: a simulated noise floor, training statistics from numpy,
the package or torch, and the counts' reader."""

import numpy as np
import pytest
import torch
from torch import nn

from linreg_utils import make_linear_data, mse, standardize
from linreg_utils.exercises.nb09 import q1, q2, q3, x_fit, x_new

MEAN, STD = x_fit.mean(axis=0), x_fit.std(axis=0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_q1_a_floor_measured_by_simulation_is_accepted(seed):
    x, y = make_linear_data(n=100_000, noise_std=0.3, seed=seed)
    assert q1.diagnose(mse(y, 2 * x + 1)) is None


def test_q1_the_floor_in_any_numeric_form():
    for answer in (0.3**2, np.float32(0.09), torch.tensor(0.09)):
        assert q1.diagnose(answer) is None


def test_q2_training_statistics_from_numpy_the_helper_or_torch():
    assert q2.diagnose((x_new - MEAN) / STD) is None
    _, mean, std = standardize(x_fit)
    assert q2.diagnose((x_new - mean) / std) is None
    fit, new = torch.from_numpy(x_fit), torch.from_numpy(x_new)
    assert q2.diagnose((new - fit.mean(dim=0)) / fit.std(dim=0, correction=0)) is None
    assert q2.diagnose(((x_new - MEAN) / STD).astype(np.float64)) is None
    assert q2.diagnose(((x_new - MEAN) / STD).tolist()) is None  # typed by hand


def test_q2_torchs_default_std_is_named_as_ddof_1():
    fit, new = torch.from_numpy(x_fit), torch.from_numpy(x_new)
    assert q2.verdict((new - fit.mean(dim=0)) / fit.std(dim=0)).key == "q2.ddof"


def test_q2_other_arrays_get_the_array_messages():
    assert "some values differ" in q2.diagnose(np.zeros((2, 2), dtype=np.float32))
    assert "try .reshape(2, 2)" in q2.diagnose(((x_new - MEAN) / STD).ravel())


def count(layer):
    return sum(p.numel() for p in layer.parameters())


def test_q3_counts_from_numel_pass_as_ints_floats_or_tensors():
    assert q3.diagnose((count(nn.Linear(10, 1)), count(nn.Linear(10, 3)))) is None
    assert q3.diagnose([11, 33]) is None
    assert q3.diagnose((11.0, np.int64(33))) is None
    assert q3.diagnose((torch.tensor(11), 33)) is None


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        (11, "q3.pair"),
        ((11, 33, 0), "q3.pair"),
        ((11.5, 33), "q3.whole"),
        ((True, 33), "q3.whole"),
        ((11, 32), "q3.otherwise"),
    ],  # counts are exact: 32 is not "close" to 33
)
def test_q3_the_pair_of_whole_numbers(answer, key):
    assert q3.verdict(answer).key == key
