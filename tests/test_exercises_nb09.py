"""The checks of notebook 09's exercises: right answers pass, usual mistakes get their own message."""

import numpy as np
import pytest
import torch
from torch import nn

from linreg_utils import make_linear_data, mse, standardize
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb09 import X_FIT, X_NEW, q1, q2, q3


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_blank_asks_to_replace_it(question):
    assert "replace ____" in question.diagnose(____)


# ---- q1: the noise floor ---------------------------------------------------------------------------


def test_floor_is_the_variance_in_any_numeric_form():
    assert q1.diagnose(0.3**2) is None
    assert q1.diagnose(0.09) is None
    assert q1.diagnose(np.float32(0.09)) is None
    assert q1.diagnose(torch.tensor(0.09)) is None


def test_floor_measured_by_simulation_is_accepted():
    x, y = make_linear_data(n=100_000, noise_std=0.3, seed=0)
    assert q1.diagnose(mse(y, 2 * x + 1)) is None


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (0.3, "that is σ itself"),
        (np.sqrt(0.3), "square root"),
        (0.6, "2σ is not it"),
        (0.18, "no factor 2"),
        (0, "cannot reach 0"),
        (0.05, "below the floor"),
    ],
)
def test_floor_usual_mistakes_are_named(wrong, fragment):
    assert fragment in q1.diagnose(wrong)


def test_floor_other_answers_are_not_right_yet():
    assert "not right yet" in q1.diagnose(2.0)
    assert "should be a number" in q1.diagnose("0.09")
    assert "should be a number" in q1.diagnose(np.array([0.09, 0.09]))


# ---- q2: standardise new data with training statistics ----------------------------------------------

MEAN, STD = X_FIT.mean(axis=0), X_FIT.std(axis=0)


def test_training_statistics_are_accepted_from_numpy_helper_or_torch():
    assert q2.diagnose((X_NEW - MEAN) / STD) is None
    _, mean, std = standardize(X_FIT)
    assert q2.diagnose((X_NEW - mean) / std) is None
    fit, new = torch.from_numpy(X_FIT), torch.from_numpy(X_NEW)
    assert q2.diagnose((new - fit.mean(dim=0)) / fit.std(dim=0, correction=0)) is None
    assert q2.diagnose(((X_NEW - MEAN) / STD).astype(np.float64)) is None


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        ((X_NEW - X_NEW.mean(axis=0)) / X_NEW.std(axis=0), "data leakage"),
        (
            (X_NEW - np.vstack([X_FIT, X_NEW]).mean(axis=0)) / np.vstack([X_FIT, X_NEW]).std(axis=0),
            "training and new data together",
        ),
        ((X_NEW - MEAN) / X_NEW.std(axis=0), "the std is x_new's"),
        ((X_NEW - X_NEW.mean(axis=0)) / STD, "the mean is x_new's"),
        ((X_NEW - MEAN) / X_FIT.std(axis=0, ddof=1), "sample std (ddof=1"),
        ((X_NEW - MEAN) / X_FIT.var(axis=0), "divided by the variance"),
        (X_NEW - MEAN, "did not divide"),
        (X_NEW / STD, "did not subtract the training mean"),
        ((X_NEW - X_FIT.mean()) / X_FIT.std(), "use axis=0"),
    ],
)
def test_standardise_usual_mistakes_are_named(wrong, fragment):
    assert fragment in q2.diagnose(wrong)


def test_torch_default_std_is_diagnosed_as_ddof_1():
    fit, new = torch.from_numpy(X_FIT), torch.from_numpy(X_NEW)
    assert "ddof=1" in q2.diagnose((new - fit.mean(dim=0)) / fit.std(dim=0))


def test_standardised_training_data_instead_of_new_data_is_named():
    assert "shape of x_fit" in q2.diagnose((X_FIT - MEAN) / STD)


def test_standardise_wrong_kind_or_values_get_compare_array_messages():
    assert "Python list" in q2.diagnose(((X_NEW - MEAN) / STD).tolist())
    assert "some values differ" in q2.diagnose(np.zeros((2, 2), dtype=np.float32))
    assert "shape" in q2.diagnose(((X_NEW - MEAN) / STD).ravel())


# ---- q3: counting parameters ------------------------------------------------------------------------


def count(layer):
    return sum(p.numel() for p in layer.parameters())


def test_counts_from_numel_are_accepted():
    assert q3.diagnose((count(nn.Linear(10, 1)), count(nn.Linear(10, 3)))) is None
    assert q3.diagnose([11, 33]) is None
    assert q3.diagnose((11.0, np.int64(33))) is None


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        ((10, 33), "the bias (偏置) counts too"),
        ((2, 33), "post's one-feature model"),
        ((12, 33), "one weight per feature, plus one bias"),
        ((11, 30), "each output has its own bias"),
        ((11, 31), "3 biases, not 1"),
        ((11, 13), "shape (3, 10)"),
        ((11, 40), "not one per input"),
        ((11, 11), "one output's worth"),
        ((11, 50), "weight (3, 10) plus bias (3,)"),
    ],
)
def test_count_usual_mistakes_are_named(wrong, fragment):
    assert fragment in q3.diagnose(wrong)


def test_count_needs_a_pair_of_whole_numbers():
    assert "as a pair" in q3.diagnose(11)
    assert "as a pair" in q3.diagnose((11, 33, 0))
    assert "whole numbers" in q3.diagnose((11.5, 33))
    assert "whole numbers" in q3.diagnose((True, 33))
