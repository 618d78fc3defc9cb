"""Notebook 08's exercises: right answers pass, the usual mistakes get their own message."""

import numpy as np
import pytest
import torch

from linreg_utils import make_linear_data, mse_hessian, stable_lr_limit, unstandardize
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb08 import B_STD, LR_Q2, MEAN_Q3, STD_Q3, W_STD, X_Q1, X_Q2, q1, q2, q3


def _eigenvalues(x, factor=2.0, divide_by_n=True):
    design = np.hstack([x.astype(np.float64), np.ones((len(x), 1))])
    gram = design.T @ design
    return np.linalg.eigvalsh(factor * (gram / len(x) if divide_by_n else gram))


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_blank_asks_to_replace_it(question):
    assert question.diagnose(____) == "replace ____ with your answer, then run the cell again."


def test_blank_inside_the_pair_asks_to_replace_it():
    assert "replace ____" in q3.diagnose((____, 10.0))


def test_q1_the_package_limit_passes_and_matches_the_numbers_in_the_solution():
    right = stable_lr_limit(X_Q1)
    assert right == pytest.approx(0.0845, abs=1e-4)
    np.testing.assert_allclose(mse_hessian(X_Q1), [[22.0, 6.0], [6.0, 2.0]])
    assert q1.diagnose(right) is None
    assert q1.diagnose(torch.tensor(right)) is None
    assert q1.diagnose(np.array([right])) is None
    assert q1.diagnose(0.08452) is None  # rounded to 4 significant digits, as the prompt asks


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (1 / _eigenvalues(X_Q1)[1], "you forgot the 2"),
        (2 / _eigenvalues(X_Q1)[0], "you used λ_min"),
        (1 / _eigenvalues(X_Q1)[0], "you used λ_min"),
        (2 / 22.0, "the limit for w alone"),  # 2 / H[0, 0], no coupling with b
        (2 / _eigenvalues(X_Q1, factor=1.0)[1], "left out its factor 2"),
        (2 / _eigenvalues(X_Q1, divide_by_n=False)[1], "divide X̃ᵀX̃ by n = 5"),
        (2 / _eigenvalues(X_Q1, factor=1.0, divide_by_n=False)[1], "divide X̃ᵀX̃ by n = 5"),
        (0.085, "close — 0.085 is within 1 %"),  # rounded to 2 significant digits (true 0.08452)
        (0.0841, "give at least 4 significant digits"),
        (0.5, "is 0.5, which is not right yet"),
        (0.09, "is 0.09, which is not right yet"),  # 6 % off: not "close"
        ("0.08", "should be a number"),
    ],
)
def test_q1_usual_mistakes_are_named(wrong, message):
    assert message in q1.diagnose(wrong)


def test_q2_slow_factor_from_the_hessian_passes():
    lam_min = np.linalg.eigvalsh(mse_hessian(X_Q2)).min()
    right = 1 - LR_Q2 * lam_min
    assert right == pytest.approx(0.9888, abs=1e-4)
    assert q2.diagnose(right) is None
    assert q2.diagnose(np.float32(right)) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (1 - LR_Q2 * _eigenvalues(X_Q2)[1], "*fast* direction"),
        (LR_Q2 * _eigenvalues(X_Q2)[0], "the factor that is left is 1 - lr·λ_min"),
        ((1 - LR_Q2 * _eigenvalues(X_Q2)[0]) ** 2, "factor of the *loss*"),
        (1 - LR_Q2 * _eigenvalues(X_Q2, factor=1.0)[0], "left out its factor 2"),
        (0.5, "is 0.5, which is not right yet"),
    ],
)
def test_q2_usual_mistakes_are_named(wrong, message):
    assert message in q2.diagnose(wrong)


def test_q3_unstandardize_passes():
    w, b = unstandardize(np.array([[W_STD]]), np.array([B_STD]), np.array([MEAN_Q3]), np.array([STD_Q3]))
    assert (w.item(), b.item()) == pytest.approx((1.5, 10.0))
    assert q3.diagnose((w.item(), b.item())) is None
    assert q3.diagnose([torch.tensor(1.5), np.float64(10.0)]) is None


def test_q3_answer_predicts_like_the_standardised_model():
    x = np.array([0.0, 7.0, 13.0])
    w, b = 1.5, 10.0
    np.testing.assert_allclose(w * x + b, W_STD * (x - MEAN_Q3) / STD_Q3 + B_STD)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ((10.0, 1.5), "swapped"),
        ((24.0, 10.0), "*divides* x by σ"),  # multiplied by σ instead of dividing
        ((24.0, -35.0), "*divides* x by σ"),
        ((6.0, 25.0), "still the standardised weights"),
        ((6.0, 10.0), "the slope for the original x is w'/σ"),
        ((1.5, 25.0), "b still needs a correction"),
        ((1.5, 40.0), "sign of the correction is wrong"),
        ((1.5, -35.0), "forgot to divide by σ"),
        ((1.5, 21.25), "divides by σ twice"),
        ((1.5, 22.6), "μ and σ are swapped"),
        ((1.5, 0.0), "b = 0 is not right yet"),
        ((1.5,), "as a tuple"),
        (("a", "b"), "should be numbers"),
    ],
)
def test_q3_usual_mistakes_are_named(wrong, message):
    assert message in q3.diagnose(wrong)


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_printed_solution_code_is_a_right_answer(question):
    namespace = {"np": np, "make_linear_data": make_linear_data, "mse_hessian": mse_hessian}
    exec(question._solution, namespace)  # the solution is runnable code that sets `answer`
    assert question.diagnose(namespace["answer"]) is None


def test_hints_and_solutions_print(capsys):
    for question in (q1, q2, q3):
        question.hint()
        question.solution()
    out = capsys.readouterr().out
    assert out.count("💡 Hint:") == 3
    assert out.count("Solution:") == 3
    assert "2 / np.linalg.eigvalsh(hessian).max()" in out
