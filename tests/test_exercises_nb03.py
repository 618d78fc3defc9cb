"""Notebook 03's exercises beyond the generic test: variants of right answers, readers, and q4's own checker."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from linreg_utils import LinearRegressionModel
from linreg_utils.exercises.nb03 import W_ex, b_ex, q1, q2, q3, q4, x_ex

# ---------------------------------------------------------------- q1


@pytest.mark.parametrize("right", [15, 15.0, np.int64(15), torch.tensor(15)])
def test_parameter_count_of_linear_4_3_is_15(right):
    assert q1.diagnose(right) is None


def test_parameter_count_matches_what_pytorch_counts():
    assert q1.diagnose(sum(p.numel() for p in nn.Linear(4, 3).parameters())) is None


@pytest.mark.parametrize(
    ("wrong", "key"),
    [(16, "q1.bias_per_input"), (15.5, "core.whole_number"), ("15", "core.number"), (True, "core.number")],
)
def test_parameter_count_is_a_whole_number_and_not_close(wrong, key):
    assert q1.verdict(wrong).key == key  # 16 is one off 15 (7 %), but a mistake, never "close"


# ---------------------------------------------------------------- q2

RIGHT_Y = np.array([[-0.5, 2.0], [-0.5, -0.5], [-3.5, -1.5]], dtype=np.float32)


def test_layer_output_by_hand_matches_nn_linear():
    layer = nn.Linear(2, 2)
    with torch.no_grad():
        layer.weight.copy_(W_ex)
        layer.bias.copy_(b_ex)
        out = layer(x_ex)
    np.testing.assert_allclose(out.numpy(), RIGHT_Y)
    assert q2.diagnose(out) is None


@pytest.mark.parametrize("right", [RIGHT_Y.astype(np.float64), RIGHT_Y.tolist(), x_ex @ W_ex.T + b_ex])
def test_layer_output_accepts_arrays_lists_and_tensors(right):
    assert q2.diagnose(right) is None


def test_layer_output_of_another_shape_names_y_ex_and_both_shapes():
    message = q2.diagnose(RIGHT_Y.ravel())
    assert message == "y_ex has shape (6,), expected (3, 2) — the numbers may be right: try .reshape(3, 2)."


def test_layer_output_with_one_wrong_value_points_at_it():
    wrong = RIGHT_Y.copy()
    wrong[2, 1] = 0.0
    assert "y_ex[2, 1] is 0, expected -1.5: it is row 2 of x_ex times row 1 of W_ex, plus b_ex[1]" in q2.diagnose(wrong)


# ---------------------------------------------------------------- q3


@pytest.mark.parametrize("right", [[[2, 5], [2]], (torch.Size([2, 5]), torch.Size([2]))])
def test_weight_and_bias_shapes_of_linear_5_2(right):
    assert q3.diagnose(right) is None


def test_shapes_answer_matches_pytorch():
    layer = nn.Linear(5, 2)
    assert q3.diagnose((tuple(layer.weight.shape), tuple(layer.bias.shape))) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (((2, 5), 2), "a shape is a tuple, even with one number: write (2,) with the comma"),  # as in nb06 q1
        ((2, 5), "a single shape; give both"),
        ("(2, 5)", "pair of shapes"),
        ((10, (2,)), "tuple of two numbers"),
        (((2, 5), "2"), "write a shape as a tuple of whole numbers"),
    ],
)
def test_shapes_that_are_not_shapes_are_explained(wrong, message):
    assert message in q3.diagnose(wrong)


# ---------------------------------------------------------------- q4


def test_the_posts_model_3_to_1_passes():
    assert q4.diagnose(LinearRegressionModel(3, 1)) is None


@pytest.mark.parametrize(
    ("wrong", "key"),
    [
        (nn.Linear(3, 1), "q4.not_ours"),  # computes the same, but the task asks for LinearRegressionModel
        (nn.Sequential(nn.Linear(3, 1)), "q4.not_ours"),
        (LinearRegressionModel(1, 3), "q4.swapped"),
        (LinearRegressionModel(3, 2), "q4.dims"),
        (LinearRegressionModel, "q4.class"),
        ((3, 1), "q4.not_a_model"),
    ],
)
def test_model_mistakes_are_named(wrong, key):
    assert q4.verdict(wrong).key == key
    assert q4.diagnose(wrong)


def test_a_bare_linear_layer_is_told_what_the_task_asks():
    assert "asks for the post's LinearRegressionModel" in q4.diagnose(nn.Linear(3, 1))
    assert "needs 3 inputs and 1 output" in q4.diagnose(LinearRegressionModel(3, 2))


# Notebook 03 defines its own LinearRegressionModel in section 6 (the learner's namespace holds that class, not the
# package's): the check judges a model by what it is, so the notebook's class passes too. Defined here as there.


class LinearRegressionModel03(nn.Module):
    def __init__(self, input_dim, output_dim):
        super().__init__()
        self.linear = nn.Linear(input_dim, output_dim)

    def forward(self, x):
        return self.linear(x)


LinearRegressionModel03.__name__ = LinearRegressionModel03.__qualname__ = "LinearRegressionModel"  # as in the notebook


class TwoLayers(nn.Module):
    def __init__(self):
        super().__init__()
        self.first, self.second = nn.Linear(3, 4), nn.Linear(4, 1)


TwoLayers.__name__ = TwoLayers.__qualname__ = "LinearRegressionModel"


def test_the_notebooks_own_class_3_to_1_passes():
    assert LinearRegressionModel03 is not LinearRegressionModel
    assert q4.diagnose(LinearRegressionModel03(3, 1)) is None


@pytest.mark.parametrize(
    ("wrong", "key"),
    [
        (LinearRegressionModel03(1, 3), "q4.swapped"),
        (LinearRegressionModel03(3, 2), "q4.dims"),
        (LinearRegressionModel03, "q4.class"),
        (TwoLayers(), "q4.layers"),
    ],
)
def test_the_notebooks_own_class_gets_the_same_diagnoses(wrong, key):
    assert q4.verdict(wrong).key == key


def test_the_notebooks_own_class_swapped_is_told_so():
    assert q4.diagnose(LinearRegressionModel03(1, 3)) == (
        "input and output are swapped: 3 features go in (input_dim=3) and 1 price comes out (output_dim=1)."
    )
    assert "holds 2 nn.Linear layers" in q4.diagnose(TwoLayers())


def test_another_module_holding_one_linear_layer_is_not_the_posts_model():
    class Regressor(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(3, 1)

    assert q4.verdict(Regressor()).key == "q4.not_ours"
    assert "that is a Regressor; the task asks for the post's LinearRegressionModel" in q4.diagnose(Regressor())
