"""Notebook 07's exercises: right answers pass, the usual mistakes get their own message."""

import numpy as np
import pytest
import torch

from linreg_utils import closed_form, descent_path, make_linear_data
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb07 import TRUE_B_Q3, TRUE_W_Q3, X_Q1, X_Q3, Y_Q1, Y_Q3, q1, q2, q3


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_blank_asks_to_replace_it(question):
    assert question.diagnose(____) == "replace ____ with your answer, then run the cell again."


def test_blank_inside_the_pair_asks_to_replace_it():
    assert "replace ____" in q1.diagnose((____, 1.6))


# --- q1: the least-squares formula -------------------------------------------------------------


def test_q1_formula_answer_and_closed_form_pass():
    dx, dy = X_Q1 - X_Q1.mean(), Y_Q1 - Y_Q1.mean()
    w = float((dx * dy).sum() / (dx**2).sum())
    b = float(Y_Q1.mean() - w * X_Q1.mean())
    assert (w, b) == pytest.approx((0.7, 1.6))
    assert q1.diagnose((w, b)) is None
    assert q1.diagnose([np.float32(0.7), torch.tensor(1.6)]) is None
    assert q1.diagnose(closed_form(X_Q1, Y_Q1)) is None  # ((1, 1) array, (1,) array)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ((1.6, 0.7), "swapped"),
        ((37 / 30, 3 - 2 * 37 / 30), "forgot to centre"),  # Σxy / Σx², b from that w
        ((37 / 30, 0.0), "forgot to centre"),
        ((7 / 30, 3 - 2 * 7 / 30), "bottom is not"),  # centred top, raw bottom
        ((3.7, 3 - 2 * 3.7), "top is not"),  # raw top, centred bottom
        ((0.5, 2.0), "divided by Σ(y - ȳ)²"),
        ((0.9, 1.2), "w = 0.9 is not right yet"),
        ((0.7, 4.4), "wrong sign"),
        ((0.7, 3.0), "height at x̄"),
        ((0.7, 0.0), "passes through (x̄, ȳ)"),
        ((0.7, 2.5), "b = 2.5 is not right yet"),
        (0.7, "as a tuple"),
        ((0.7, 1.6, 0.0), "as a tuple"),
        (("0.7", "1.6"), "should be numbers"),
    ],
)
def test_q1_usual_mistakes_are_named(wrong, message):
    assert message in q1.diagnose(wrong)


# --- q2: epochs to reach a tolerance, read from a path -------------------------------------------


@pytest.fixture(scope="module")
def post_path():
    x, y = make_linear_data()
    return descent_path(x, y, epochs=1000, seed=0)


def test_q2_epochs_to_reach_passes_and_is_506(post_path):
    right = post_path.epochs_to_reach(target=(2.0, 1.0), tol=1e-2)
    assert right == 506
    assert q2.diagnose(right) is None
    assert q2.diagnose(np.int64(right)) is None
    assert q2.diagnose(506.0) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (916, "tol = 1e-3"),
        (507, "off by one"),
        (505, "off by one"),
        (161, "w alone"),
        (5, "loss fell below 0.01"),
        (6, "loss fell below 0.01"),
        (495, "how many rows are close"),
        (400, "400 epochs is not right yet"),
        (506.5, "whole number"),
        ("506", "whole number"),
        (True, "whole number"),
        (None, "never got within"),
    ],
)
def test_q2_usual_mistakes_are_named(wrong, message):
    assert message in q2.diagnose(wrong)


def test_q2_diagnosed_numbers_come_from_the_mistakes_they_name(post_path):
    error = np.abs(post_path.params - np.array([2.0, 1.0]))
    close = np.all(error < 1e-2, axis=1)
    assert int(np.flatnonzero(error[:, 0] < 1e-2)[0]) == 161  # w only
    assert int(np.flatnonzero(post_path.losses < 1e-2)[0]) == 5  # the loss, not the parameters
    assert int(close.sum()) == 495  # a count instead of the first index
    assert post_path.epochs_to_reach(tol=1e-3) == 916


# --- q3: the matrix form ---------------------------------------------------------------------------


def _lstsq_theta(ones_first=False, dtype=np.float64):
    ones = np.ones((len(X_Q3), 1), dtype=dtype)
    parts = [ones, X_Q3.astype(dtype)] if ones_first else [X_Q3.astype(dtype), ones]
    return np.linalg.lstsq(np.hstack(parts), Y_Q3.astype(dtype), rcond=None)[0]


def test_q3_lstsq_answers_pass_in_any_reasonable_layout():
    theta = _lstsq_theta()
    assert theta.ravel() == pytest.approx([1.466, -1.993, 0.506], abs=1e-3)
    assert q3.diagnose(theta) is None  # (3, 1), as lstsq returns it
    assert q3.diagnose(theta.ravel()) is None
    assert q3.diagnose(_lstsq_theta(dtype=np.float32)) is None
    assert q3.diagnose(list(theta.ravel())) is None
    design = torch.cat([torch.from_numpy(X_Q3), torch.ones(len(X_Q3), 1)], dim=1)
    assert q3.diagnose(torch.linalg.lstsq(design, torch.from_numpy(Y_Q3)).solution) is None
    assert q3.diagnose(closed_form(X_Q3, Y_Q3)) is None  # the (W, b) pair


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (np.linalg.lstsq(X_Q3.astype(np.float64), Y_Q3.astype(np.float64), rcond=None)[0], "column of ones"),
        (_lstsq_theta(ones_first=True), "ones column came first"),
        (np.array([*TRUE_W_Q3, TRUE_B_Q3]), "used to *make* the data"),
        (np.array([1.0, -2.0, 0.5]), "not right yet"),
        (np.zeros(4), "has 4 numbers"),
        ("theta", "numpy array or tensor"),
    ],
)
def test_q3_usual_mistakes_are_named(wrong, message):
    assert message in q3.diagnose(wrong)


# --- all ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_printed_solution_code_is_a_right_answer(question):
    namespace = {
        "np": np,
        "X_Q1": X_Q1,
        "Y_Q1": Y_Q1,
        "X_Q3": X_Q3,
        "Y_Q3": Y_Q3,
        "make_linear_data": make_linear_data,
        "descent_path": descent_path,
    }
    exec(question._solution, namespace)  # the solution is runnable code that sets `answer`
    assert question.diagnose(namespace["answer"]) is None


def test_hints_and_solutions_print(capsys):
    for question in (q1, q2, q3):
        question.hint()
        question.solution()
    out = capsys.readouterr().out
    assert out.count("💡 Hint:") == 3
    assert out.count("Solution:") == 3
    assert "np.flatnonzero(close)[0]" in out
