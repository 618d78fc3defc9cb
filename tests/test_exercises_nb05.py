"""The checks of notebook 05's exercises: right answers pass, usual mistakes get their own message."""

import numpy as np
import pytest
import torch

from linreg_utils import LinearRegressionModel, make_linear_data, predict, train
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb05 import q1, q2, q3

# ---- q1: R² by hand -------------------------------------------------------------------------------

Y_TRUE = np.array([[1.0], [3.0], [5.0], [7.0], [9.0]], dtype=np.float32)
Y_PRED = np.array([[3.0], [2.0], [6.0], [9.0], [8.0]], dtype=np.float32)
SS_RES = np.sum((Y_TRUE - Y_PRED) ** 2)


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_blank_asks_to_replace_it(question):
    assert "replace ____" in question.diagnose(____)


def test_r2_by_hand_in_float32_is_accepted():
    r2 = 1 - np.sum((Y_TRUE - Y_PRED) ** 2) / np.sum((Y_TRUE - Y_TRUE.mean()) ** 2)
    assert q1.diagnose(r2) is None
    assert q1.diagnose(0.725) is None
    assert q1.diagnose(torch.tensor(0.725)) is None
    assert q1.diagnose(np.array([[0.725]])) is None


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (SS_RES / np.sum((Y_TRUE - Y_TRUE.mean()) ** 2), "forgot to subtract it from 1"),
        (1 - SS_RES / np.sum(Y_TRUE**2), "sum(y²) forgets to subtract the mean"),
        (1 - SS_RES / np.sum((Y_TRUE - Y_PRED.mean()) ** 2), "mean of the predictions"),
        (1 - SS_RES / np.sum((Y_PRED - Y_TRUE.mean()) ** 2), "spread of the predictions"),
        (1 - SS_RES / np.var(Y_TRUE), "the numerator is a sum but the denominator a mean"),
        (1 - np.mean((Y_TRUE - Y_PRED) ** 2) / np.sum((Y_TRUE - Y_TRUE.mean()) ** 2), "numerator is a mean (the MSE)"),
        (np.mean((Y_TRUE - Y_PRED) ** 2), "that is the MSE"),
        (np.mean(np.abs(Y_TRUE - Y_PRED)), "that is the MAE"),
        (np.corrcoef(Y_TRUE[:, 0], Y_PRED[:, 0])[0, 1] ** 2, "squared correlation"),
    ],
)
def test_r2_usual_mistakes_are_named(wrong, fragment):
    assert fragment in q1.diagnose(wrong)


def test_r2_per_point_array_asks_for_one_number():
    per_point = 1 - (Y_TRUE - Y_PRED) ** 2 / np.sum((Y_TRUE - Y_TRUE.mean()) ** 2)
    assert "give one number" in q1.diagnose(per_point)


def test_r2_other_wrong_number_is_not_right_yet():
    assert "not right yet" in q1.diagnose(0.5)
    assert "should be a number" in q1.diagnose("0.725")


# ---- q2: predict without autograd -------------------------------------------------------------------

X_EX = np.array([[0.5], [4.0], [10.0]], dtype=np.float32)


def _toy():
    toy = LinearRegressionModel(1, 1)
    with torch.no_grad():
        toy.linear.weight.fill_(3.0)
        toy.linear.bias.fill_(-2.0)
    return toy


def test_prediction_under_no_grad_is_accepted():
    toy = _toy()
    with torch.no_grad():
        answer = toy(torch.from_numpy(X_EX)).numpy()
    assert q2.diagnose(answer) is None
    assert q2.diagnose(predict(toy, X_EX)) is None


def test_prediction_tensor_that_requires_grad_says_use_no_grad():
    answer = _toy()(torch.from_numpy(X_EX))
    assert answer.requires_grad
    message = q2.diagnose(answer)
    assert "still requires grad" in message and "torch.no_grad()" in message


def test_prediction_tensor_without_grad_asks_for_numpy():
    with torch.no_grad():
        answer = _toy()(torch.from_numpy(X_EX))
    message = q2.diagnose(answer)
    assert ".numpy()" in message and "the numbers are right" in message


def test_prediction_1d_result_asks_for_a_column():
    answer = predict(_toy(), X_EX).ravel()
    assert "reshape(-1, 1)" in q2.diagnose(answer)


def test_prediction_from_the_trained_model_is_recognised():
    x, y = make_linear_data()
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    train(model, x, y, log_every=0)
    assert "use toy" in q2.diagnose(predict(model, X_EX))


def test_prediction_float64_asks_for_float32():
    answer = 3 * X_EX.astype(np.float64) - 2
    assert "astype(np.float32)" in q2.diagnose(answer)


def test_prediction_wrong_values_are_located():
    answer = predict(_toy(), X_EX) + 1
    assert "some values differ" in q2.diagnose(answer)


# ---- q3: a reproducible split -------------------------------------------------------------------------

X10, Y10 = make_linear_data(n=10, noise_std=1.0, seed=1)
PERM = np.random.default_rng(42).permutation(10)


def test_split_with_seeded_permutation_is_accepted():
    test_idx = PERM[7:]
    assert q3.diagnose((X10[test_idx], Y10[test_idx])) is None


def test_split_rows_in_another_order_are_accepted():
    test_idx = np.sort(PERM[7:])
    assert q3.diagnose((X10[test_idx], Y10[test_idx])) is None


def test_split_without_shuffling_is_named():
    assert "original order" in q3.diagnose((X10[7:], Y10[7:]))


def test_split_first_three_shuffled_is_named():
    assert "perm[:3]" in q3.diagnose((X10[PERM[:3]], Y10[PERM[:3]]))


def test_split_giving_the_training_part_is_named():
    assert "training set" in q3.diagnose((X10[PERM[:7]], Y10[PERM[:7]]))


def test_split_y_not_matching_x_is_named():
    assert "does not belong to those x" in q3.diagnose((X10[PERM[7:]], Y10[7:]))


def test_split_with_another_seed_is_named():
    other = np.random.default_rng(0).permutation(10)[7:]
    assert not np.array_equal(np.sort(other), np.sort(PERM[7:]))
    assert "seed 42" in q3.diagnose((X10[other], Y10[other]))


def test_split_not_a_pair_is_explained():
    assert "give the pair" in q3.diagnose(X10[PERM[7:]])


def test_split_1d_arrays_ask_for_a_column():
    assert "reshape(-1, 1)" in q3.diagnose((X10[PERM[7:], 0], Y10[PERM[7:], 0]))
