"""Notebook 04's exercises: right answers pass, the usual mistakes get their own message."""

import pytest
import torch
from torch import nn

from linreg_utils.exercises import ____
from linreg_utils.exercises.nb04 import B_START, LR, W_START, X_POINTS, Y_POINTS, Y_PRED, Y_TRUE, q1, q2, q3


def _autograd_gradients():
    w = torch.tensor(W_START, requires_grad=True)
    b = torch.tensor(B_START, requires_grad=True)
    loss = nn.MSELoss()(w * torch.tensor(X_POINTS) + b, torch.tensor(Y_POINTS))
    loss.backward()
    return w.grad.item(), b.grad.item()


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_blank_asks_to_replace_it(question):
    assert question.diagnose(____) == "replace ____ with your answer, then run the cell again."


@pytest.mark.parametrize("question", [q2, q3])
def test_blank_inside_a_tuple_asks_to_replace_it(question):
    assert "replace ____" in question.diagnose((____, 1.0))


def test_q1_mse_matches_nn_mseloss_and_passes():
    right = nn.MSELoss()(torch.tensor(Y_PRED), torch.tensor(Y_TRUE)).item()
    assert right == 2.0
    assert q1.diagnose(right) is None
    assert q1.diagnose(2) is None
    assert q1.diagnose(torch.tensor(2.0)) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (6.0, "divide by n = 3"),  # sum instead of mean
        (2 / 3, "not squared"),  # mean of the raw errors
        (4 / 3, "mean *absolute* error"),
        (2**0.5, "RMSE"),
    ],
)
def test_q1_usual_mistakes_are_named(wrong, message):
    assert message in q1.diagnose(wrong)


def test_q1_other_wrong_number_and_wrong_type():
    assert "is 5, which is not right yet" in q1.diagnose(5.0)
    assert "should be a number" in q1.diagnose("2")


def test_q2_autograd_gradients_pass():
    grad_w, grad_b = _autograd_gradients()
    assert grad_w == pytest.approx(-40 / 3, rel=1e-6)
    assert grad_b == pytest.approx(-6.0, rel=1e-6)
    assert q2.diagnose((grad_w, grad_b)) is None
    assert q2.diagnose([torch.tensor(grad_w), torch.tensor(grad_b)]) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ((-6.0, -40 / 3), "swapped"),
        ((40 / 3, 6.0), "sign is wrong"),
        ((-20 / 3, -3.0), "forgot the factor 2"),
        ((-40.0, -18.0), "forgot to divide by n"),
        ((-6.0, -6.0), "multiplied by its x_i"),
        ((-1.0, -6.0), "grad_b is right"),
        ((-40 / 3, 1.0), "grad_w is right"),
        ((1.0, 1.0), "first compute the predictions"),
    ],
)
def test_q2_usual_mistakes_are_named(wrong, message):
    assert message in q2.diagnose(wrong)


def test_q2_needs_a_pair_of_numbers():
    assert "as a tuple" in q2.diagnose(-6.0)
    assert "should be numbers" in q2.diagnose(("a", "b"))


def test_q3_step_matches_torch_optimizer_and_passes():
    w = torch.tensor(W_START, requires_grad=True)
    b = torch.tensor(B_START, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=LR)
    nn.MSELoss()(w * torch.tensor(X_POINTS) + b, torch.tensor(Y_POINTS)).backward()
    optimizer.step()
    assert w.item() == pytest.approx(7 / 3, rel=1e-6)
    assert b.item() == pytest.approx(0.6, rel=1e-6)
    assert q3.diagnose((w.item(), b.item())) is None
    assert q3.diagnose((w.detach(), b.detach())) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ((0.6, 7 / 3), "swapped"),
        ((-1 / 3, -0.6), "wrong way"),  # w + lr * grad
        ((43 / 3, 6.0), "forgot the learning rate"),
        ((4 / 3, 0.6), "only the change"),
        ((5 / 3, 0.3), "without the factor 2"),
        ((5.0, 1.8), "without dividing by n"),
        ((0.0, 0.0), "not right yet"),
    ],
)
def test_q3_usual_mistakes_are_named(wrong, message):
    assert message in q3.diagnose(wrong)


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_printed_solution_code_is_a_right_answer(question):
    namespace = {}
    exec(question._solution, namespace)  # the solution is runnable code that sets `answer`
    assert question.diagnose(namespace["answer"]) is None


def test_hints_and_solutions_print(capsys):
    for question in (q1, q2, q3):
        question.hint()
        question.solution()
    out = capsys.readouterr().out
    assert out.count("💡 Hint:") == 3
    assert out.count("Solution:") == 3
    assert "(2.333, 0.6)" in out
