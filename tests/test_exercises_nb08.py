"""Notebook 08's exercises beyond the generic test: the package's helpers agree, rounding is accepted or
called close, and the slow factor is judged on what the error loses (1 - factor)."""

import numpy as np
import pytest
import torch

from linreg_utils import mse_hessian, stable_lr_limit, unstandardize
from linreg_utils.exercises.nb08 import b_std, lr_q2, mu, q1, q2, q3, sigma, w_std, x_post, x_q1


def test_q1_the_package_limit_passes_in_every_form():
    right = stable_lr_limit(x_q1)
    np.testing.assert_allclose(mse_hessian(x_q1), [[22.0, 6.0], [6.0, 2.0]])
    for answer in (right, torch.tensor(right), np.array([right]), 0.0845):
        assert q1.diagnose(answer) is None


@pytest.mark.parametrize("rounded", [0.085, 0.084])
def test_q1_rougher_rounding_is_close_not_a_mistake(rounded):
    assert q1.verdict(rounded).key == "core.close"


def test_q2_slow_factor_from_the_hessian_passes():
    right = 1 - lr_q2 * np.linalg.eigvalsh(mse_hessian(x_post)).min()
    for answer in (right, np.float32(right), 0.9888):
        assert q2.diagnose(answer) is None


def test_q2_the_posts_learning_rate_is_named_first():
    # 1 - 0.01·λ_min: the post's lr, and by coincidence also the factor-2 slip (λ_min halved).
    post = 1 - 0.01 * np.linalg.eigvalsh(mse_hessian(x_post)).min()
    assert q2.verdict(post).key == "q2.post_lr"
    assert q2.verdict(round(post, 4)).key == "q2.post_lr"
    assert "the post's learning rate 0.01" in q2.diagnose(post)


@pytest.mark.parametrize("rounded", [0.989, 0.99])
def test_q2_a_rounded_factor_is_told_to_give_4_decimals(rounded):
    assert "give 4 decimals" in q2.diagnose(rounded)


def test_q2_a_factor_near_1_is_not_right_by_relative_tolerance():
    assert q2.verdict(0.985).key == "q2.otherwise"  # 0.4 % from 0.9888, but 34 % off in what the error loses


def test_q3_unstandardize_passes_and_predicts_like_the_standardised_model():
    w, b = unstandardize(np.array([[w_std]]), np.array([b_std]), np.array([mu]), np.array([sigma]))
    assert q3.diagnose((w.item(), b.item())) is None
    assert q3.diagnose([torch.tensor(1.5), np.float64(10.0)]) is None
    x = np.array([0.0, 7.0, 13.0])
    np.testing.assert_allclose(1.5 * x + 10.0, w_std * (x - mu) / sigma + b_std)
