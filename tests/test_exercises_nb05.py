"""Notebook 05's exercises beyond the generic test: roundings, variants of right answers, q2's own checker."""

import importlib
import sys

import numpy as np
import pytest
import torch

import linreg_utils.exercises
from linreg_utils import LinearRegressionModel, make_linear_data, predict, r2_score, train
from linreg_utils.exercises.nb05 import q1, q2, q3, toy, x10, x_ex, y10, y_pred_ex, y_true_ex

# ---- q1: R² by hand -------------------------------------------------------------------------------


def test_r2_by_hand_matches_the_helper_and_any_number_type_passes():
    assert r2_score(y_true_ex, y_pred_ex) == pytest.approx(0.725)
    assert q1.diagnose(0.725) is None
    assert q1.diagnose(torch.tensor(0.725)) is None
    assert q1.diagnose(np.array([[0.725]], dtype=np.float32)) is None


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        (0.72, "core.close"),  # round(0.725, 2) in Python: a rounding, although 0.7179 is a mistake's value
        (0.73, "core.close"),
        (0.718, "q1.prediction_spread"),  # within 1 % of 0.725, but this mistake's value to 3 figures
        (0.737, "q1.prediction_mean"),
        (0.5, "q1.otherwise"),
    ],
)
def test_r2_roundings_are_close_and_near_mistakes_are_still_named(answer, key):
    assert q1.verdict(answer).key == key


def test_r2_per_point_array_asks_for_one_number():
    per_point = 1 - (y_true_ex - y_pred_ex) ** 2 / np.sum((y_true_ex - y_true_ex.mean()) ** 2)
    assert "give one number" in q1.diagnose(per_point)


# ---- q2: predict without autograd -------------------------------------------------------------------


def test_prediction_under_no_grad_or_inference_mode_or_predict_is_accepted():
    with torch.no_grad():
        assert q2.diagnose(toy(torch.from_numpy(x_ex)).numpy()) is None
    with torch.inference_mode():
        assert q2.diagnose(toy(torch.from_numpy(x_ex)).numpy()) is None
    assert q2.diagnose(predict(toy, x_ex)) is None


def test_prediction_detached_after_building_a_graph_is_not_accepted():
    answer = toy(torch.from_numpy(x_ex)).detach().numpy()
    assert q2.verdict(answer).key == "q2.graph"
    with torch.no_grad():
        assert q2.diagnose(toy(torch.from_numpy(x_ex)).numpy()) is None  # the right way, run again, passes


def test_prediction_computed_by_hand_after_a_detached_answer_is_judged_on_its_own():
    detached = toy(torch.from_numpy(x_ex)).detach().numpy()
    assert q2.verdict(detached).key == "q2.graph"
    assert q2.diagnose(3 * x_ex - 2) is None  # the model did not run for this answer: nothing to hold against it


def test_prediction_detached_is_caught_even_after_a_later_forward_pass_under_no_grad():
    detached = toy(torch.from_numpy(x_ex)).detach().numpy()
    with torch.no_grad():
        right = toy(torch.from_numpy(x_ex)).numpy()
    assert q2.verdict(detached).key == "q2.graph"  # its memory is the output of the pass that built a graph
    with torch.no_grad():
        right = toy(torch.from_numpy(x_ex)).numpy()
    toy(torch.from_numpy(x_ex))  # a later pass with autograd on does not spoil the answer made under no_grad
    assert q2.diagnose(right) is None


def test_prediction_copied_from_a_detached_output_is_still_caught():
    copied = toy(torch.from_numpy(x_ex)).detach().numpy().copy()
    assert q2.verdict(copied).key == "q2.graph"  # shares no memory: judged by the last forward pass, which built one


def test_prediction_tensor_that_requires_grad_says_use_no_grad():
    message = q2.diagnose(toy(torch.from_numpy(x_ex)))
    assert "still requires grad" in message and "torch.no_grad()" in message


def test_prediction_tensor_without_grad_asks_for_numpy():
    with torch.no_grad():
        answer = toy(torch.from_numpy(x_ex))
    assert q2.verdict(answer).key == "q2.tensor_right"
    assert q2.verdict(answer + 1).key == "q2.tensor"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (predict(toy, x_ex).ravel(), "reshape(-1, 1)"),
        (3 * x_ex.astype(np.float64) - 2, "astype(np.float32)"),
        (predict(toy, x_ex) + 1, "some values differ"),
        ([[-0.5], [10.0], [28.0]], "give a numpy array or a tensor"),
    ],
)
def test_prediction_other_mistakes(answer, message):
    assert message in q2.diagnose(answer)


def test_prediction_from_the_trained_model_is_recognised():
    x, y = make_linear_data()
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    train(model, x, y, log_every=0)
    assert q2.verdict(predict(model, x_ex)).key == "q2.trained"


def test_importing_the_questions_leaves_the_random_numbers_alone():
    name = "linreg_utils.exercises.nb05"
    loaded = sys.modules.pop(name)
    try:
        torch.manual_seed(0)
        importlib.import_module(name)  # runs the module again, as a notebook's first import does
        after_import = torch.rand(1)
    finally:
        sys.modules[name] = loaded  # the other tests keep the questions they imported
        linreg_utils.exercises.nb05 = loaded
    torch.manual_seed(0)
    assert torch.equal(after_import, torch.rand(1))


# ---- q3: a reproducible split -------------------------------------------------------------------------

PERM = np.random.default_rng(42).permutation(10)


def test_split_matches_the_notebooks_data_and_other_row_orders_pass():
    x, y = make_linear_data(n=10, noise_std=1.0, seed=1)
    assert np.array_equal(x, x10) and np.array_equal(y, y10)
    test_idx = np.sort(PERM[7:])
    assert q3.diagnose((x10[test_idx], y10[test_idx])) is None
    assert q3.diagnose((torch.from_numpy(x10[PERM[7:]]), torch.from_numpy(y10[PERM[7:]]))) is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((x10[np.random.default_rng(0).permutation(10)[7:]], y10[:3]), "seed 42"),
        (x10[PERM[7:]], "give the pair"),
        ((x10[PERM[7:], 0], y10[PERM[7:], 0]), "reshape(-1, 1)"),
    ],
)
def test_split_other_mistakes(answer, message):
    assert message in q3.diagnose(answer)
