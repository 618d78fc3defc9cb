"""Notebook 07's exercises beyond the generic test: the answers the notebook's tools give pass in any layout,
counts are exact, and the readers' own messages."""

import numpy as np
import pytest
import torch

from linreg_utils import closed_form
from linreg_utils.exercises.nb07 import path_q2, q1, q2, q3, x_q1, x_q3, y_q1, y_q3


def test_q1_closed_form_and_mixed_number_types_pass():
    assert q1.diagnose(closed_form(x_q1, y_q1)) is None  # ((1, 1) array, (1,) array)
    assert q1.diagnose([np.float32(0.7), torch.tensor(1.6)]) is None


def test_q1_a_rounded_b_is_close_not_a_mistake():
    assert q1.verdict((0.7, 1.65)).key == "core.close"


def test_q2_the_path_helper_agrees_and_counts_are_exact():
    right = path_q2.epochs_to_reach(target=(2.0, 1.0), tol=1e-2)
    assert right == 506
    for answer in (right, np.int64(right), 506.0, torch.tensor(506)):
        assert q2.diagnose(answer) is None
    assert q2.verdict(507).key == "q2.off_by_one"  # no relative tolerance for a count: 507 is not 506
    assert q2.verdict(915).key == "q2.otherwise"  # nor for the tol = 1e-3 mistake (916)


def test_q2_the_diagnosed_numbers_come_from_the_mistakes_they_name():
    error = np.abs(path_q2.params - np.array([2.0, 1.0]))
    close = np.all(error < 1e-2, axis=1)
    assert int(np.flatnonzero(error[:, 0] < 1e-2)[0]) == 161  # w only
    assert int(np.flatnonzero(path_q2.losses < 1e-2)[0]) == 5  # the loss, not the parameters
    assert int(close.sum()) == 495  # a count instead of the first index
    assert path_q2.epochs_to_reach(tol=1e-3) == 916
    assert q2.verdict(6).key == "q2.loss"  # the loss's index + 1 too


@pytest.mark.parametrize(
    ("answer", "message"), [(None, "never got within"), (506.5, "not a whole number"), ("506", "give one number")]
)
def test_q2_answers_that_are_not_counts(answer, message):
    assert message in q2.diagnose(answer)


def _lstsq_theta(ones_first=False, dtype=np.float64):
    ones = np.ones((len(x_q3), 1), dtype=dtype)
    parts = [ones, x_q3.astype(dtype)] if ones_first else [x_q3.astype(dtype), ones]
    return np.linalg.lstsq(np.hstack(parts), y_q3.astype(dtype), rcond=None)[0]


def test_q3_lstsq_answers_pass_in_any_reasonable_layout():
    theta = _lstsq_theta()
    assert theta.ravel() == pytest.approx([1.466, -1.993, 0.506], abs=1e-3)
    assert q3.diagnose(theta) is None  # (3, 1), as lstsq returns it
    assert q3.diagnose(theta.ravel()) is None
    assert q3.diagnose(_lstsq_theta(dtype=np.float32)) is None
    assert q3.diagnose(list(theta.ravel())) is None
    design = torch.cat([torch.from_numpy(x_q3), torch.ones(len(x_q3), 1)], dim=1)
    assert q3.diagnose(torch.linalg.lstsq(design, torch.from_numpy(y_q3)).solution) is None
    assert q3.diagnose(closed_form(x_q3, y_q3)) is None  # the (W, b) pair
    assert q3.diagnose([1.47, -1.99, 0.506]) is None  # 3 significant figures


def test_q3_the_true_weights_are_named_though_rounding_is_close():
    # The true weights lie within 2 significant figures of θ: they are named before "close" is considered.
    assert q3.verdict(np.array([1.5, -2.0, 0.5])).key == "q3.true_weights"
    assert q3.verdict(np.array([1.45, -1.95, 0.5])).key == "core.close"
    assert "give a numpy array or a tensor" in q3.diagnose("theta")
