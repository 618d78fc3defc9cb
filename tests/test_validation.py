"""One validation layer: a value of the wrong kind is a TypeError, a value out of range a ValueError, everywhere."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import torch

from linreg_utils import LinearRegressionModel, make_linear_data, train, train_test_split
from linreg_utils.batching import minibatches
from linreg_utils.distributed import fit
from linreg_utils.validation import check_number, check_probability, check_whole_number

X, Y = make_linear_data()
CALLS = {
    "make_linear_data(n)": lambda v: make_linear_data(n=v),
    "LinearRegressionModel(input_dim)": lambda v: LinearRegressionModel(v, 1),
    "train(epochs)": lambda v: train(LinearRegressionModel(1, 1), X, Y, epochs=v, log_every=0),
    "train(log_every)": lambda v: train(LinearRegressionModel(1, 1), X, Y, epochs=1, log_every=v),
    "minibatches(batch_size)": lambda v: list(minibatches(torch.zeros(4, 1), torch.zeros(4, 1), v)),
    "fit(epochs)": lambda v: fit(n=8, epochs=v),
}
WRONG_KIND = [2.5, "3", None, True, [3], 3 + 0j, Fraction(5, 2)]
OUT_OF_RANGE = [-1, -100]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("value", WRONG_KIND, ids=repr)
def test_a_whole_number_of_the_wrong_kind_is_a_type_error_everywhere(call, value):
    with pytest.raises(TypeError):
        CALLS[call](value)


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_a_whole_number_out_of_range_is_a_value_error_everywhere(call, value):
    with pytest.raises(ValueError, match=r"must be a whole number >= \d"):
        CALLS[call](value)


@pytest.mark.parametrize("value", [3, 3.0, np.int64(3), torch.tensor(3), Decimal("3"), Fraction(6, 2)])
def test_every_exact_whole_number_is_accepted(value):
    assert check_whole_number(value, "n", minimum=1) == 3


@pytest.mark.parametrize(
    ("value", "error"),
    [("0.1", TypeError), (None, TypeError), (True, TypeError), (1j, TypeError), ([0.1], TypeError),
     (0, ValueError), (-0.1, ValueError), (float("nan"), ValueError), (float("inf"), ValueError)],
)
def test_learning_rates_follow_the_same_rule(value, error):
    with pytest.raises(error, match="lr"):
        train(LinearRegressionModel(1, 1), X, Y, epochs=1, lr=value, log_every=0)


@pytest.mark.parametrize(("value", "error"), [("0.2", TypeError), (0.0, ValueError), (1.0, ValueError),
                                              (1.5, ValueError), (float("nan"), ValueError)])
def test_probabilities_follow_the_same_rule(value, error):
    with pytest.raises(error, match="test_fraction"):
        train_test_split(X, Y, test_fraction=value)


def test_messages_name_the_argument_the_value_and_the_range():
    with pytest.raises(ValueError, match=r"^epochs must be a whole number >= 1, got 0$"):
        check_whole_number(0, "epochs", minimum=1)
    with pytest.raises(TypeError, match=r"^lr is the text '0\.1', but it must be a number: write lr=0\.1 without quo"):
        check_number("0.1", "lr", above=0)
    assert check_probability(Fraction(1, 4), "p") == 0.25
