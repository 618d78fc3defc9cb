"""Notebook 04's exercises beyond the generic test: the right answers agree with autograd and SGD, and
rounded answers are accepted or called close, never a different mistake."""

import pytest
import torch
from torch import nn

from linreg_utils.exercises.nb04 import b_start, lr, q1, q2, q3, w_start, x_points, y_points, y_pred, y_true


def test_q1_agrees_with_nn_mseloss_in_every_form():
    right = nn.MSELoss()(torch.tensor(y_pred), torch.tensor(y_true))
    for answer in (right, right.item(), 2, 2.0):
        assert q1.diagnose(answer) is None
    assert "give one number, got a str" in q1.diagnose("2")


def test_q2_agrees_with_autograd():
    w = torch.tensor(w_start, requires_grad=True)
    b = torch.tensor(b_start, requires_grad=True)
    nn.MSELoss()(w * torch.tensor(x_points) + b, torch.tensor(y_points)).backward()
    assert q2.diagnose((w.grad.item(), b.grad.item())) is None
    assert q2.diagnose([w.grad, b.grad]) is None


def test_q3_agrees_with_torch_sgd():
    w = torch.tensor(w_start, requires_grad=True)
    b = torch.tensor(b_start, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    nn.MSELoss()(w * torch.tensor(x_points) + b, torch.tensor(y_points)).backward()
    optimizer.step()
    assert q3.diagnose((w.detach(), b.detach())) is None


@pytest.mark.parametrize("rounded", [(-13.3, -6.0), (-13.33, -6)])
def test_q2_three_significant_figures_are_right(rounded):
    assert q2.diagnose(rounded) is None


@pytest.mark.parametrize(("question", "rounded"), [(q2, (-13, -6)), (q3, (2.3, 0.6)), (q1, 2.05)])
def test_rougher_rounding_is_called_close_not_a_mistake(question, rounded):
    assert question.verdict(rounded).key == "core.close"
    assert "give at least 3 significant figures" in question.diagnose(rounded)


def test_q2_needs_a_pair_of_numbers():
    assert "answer = (grad_w, grad_b)" in q2.diagnose(-6.0)
    assert "should be a number" in q2.diagnose(("a", "b"))
