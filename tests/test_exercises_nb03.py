"""Notebook 03's exercises: right answers pass, the usual mistakes get their own message."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from linreg_utils import LinearRegressionModel
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb03 import Q2_B, Q2_W, Q2_X, q1, q2, q3, q4

ALL = [q1, q2, q3, q4]


@pytest.mark.parametrize("question", ALL)
def test_blank_asks_to_replace_it(question):
    assert question.diagnose(____) == "replace ____ with your answer, then run the cell again."


@pytest.mark.parametrize("question", ALL)
def test_check_prints_not_yet_for_the_blank(question, capsys):
    question.check(____)
    assert "Not yet: replace ____" in capsys.readouterr().out


# ---------------------------------------------------------------- q1


@pytest.mark.parametrize("right", [15, 15.0, np.int64(15), torch.tensor(15)])
def test_parameter_count_of_linear_4_3_is_15(right):
    assert q1.diagnose(right) is None


def test_parameter_count_matches_what_pytorch_counts():
    assert q1.diagnose(sum(p.numel() for p in nn.Linear(4, 3).parameters())) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (12, "weights only"),
        (16, "not one per input"),
        (13, "not a single bias"),
        (7, "adds the neurons"),
        (20, "count the weights"),
        (15.5, "not a whole number"),
        ("15", "whole number, got str"),
        (True, "whole number, got bool"),
    ],
)
def test_parameter_count_mistakes_are_named(wrong, message):
    assert message in q1.diagnose(wrong)


# ---------------------------------------------------------------- q2

RIGHT_Y = np.array([[-0.5, 2.0], [-0.5, -0.5], [-3.5, -1.5]], dtype=np.float32)


def test_layer_output_by_hand_matches_nn_linear():
    layer = nn.Linear(2, 2)
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(Q2_W))
        layer.bias.copy_(torch.from_numpy(Q2_B))
        out = layer(torch.from_numpy(Q2_X))
    np.testing.assert_allclose(out.numpy(), RIGHT_Y)
    assert q2.diagnose(out) is None


@pytest.mark.parametrize(
    "right",
    [
        RIGHT_Y,
        RIGHT_Y.astype(np.float64),  # typed by hand with np.array
        RIGHT_Y.tolist(),  # a plain nested list
        torch.from_numpy(Q2_X) @ torch.from_numpy(Q2_W).T + torch.from_numpy(Q2_B),
    ],
)
def test_layer_output_accepts_arrays_lists_and_tensors(right):
    assert q2.diagnose(right) is None


def test_layer_output_without_bias_is_diagnosed():
    assert "x_ex @ W_ex.T without the bias: add b_ex" in q2.diagnose(Q2_X @ Q2_W.T)


def test_layer_output_with_w_instead_of_w_transposed_is_diagnosed():
    assert "W_ex where its transpose W_ex.T is needed" in q2.diagnose(Q2_X @ Q2_W + Q2_B)


def test_layer_output_with_both_slips_is_diagnosed():
    assert "use W_ex.T (not W_ex) and add the bias b_ex" in q2.diagnose(Q2_X @ Q2_W)


def test_transposed_layer_output_is_diagnosed():
    message = q2.diagnose(Q2_W @ Q2_X.T + Q2_B[:, None])
    assert "your result is transposed" in message and "Compute x_ex @ W_ex.T + b_ex" in message


def test_layer_output_of_shape_2_3_with_other_values_names_the_shape():
    message = q2.diagnose(np.zeros((2, 3), dtype=np.float32))
    assert "y_ex needs one row per sample and one column per output: (3, 2)" in message


def test_layer_output_of_another_shape_names_y_ex_and_both_shapes():
    message = q2.diagnose(RIGHT_Y.ravel())
    assert message == "y_ex has shape (6,), expected (3, 2) — the numbers may be right: try .reshape(3, 2)."


def test_layer_output_solution_code_passes_with_the_notebooks_names():
    names = {"W_ex": torch.from_numpy(Q2_W), "b_ex": torch.from_numpy(Q2_B), "x_ex": torch.from_numpy(Q2_X)}
    exec(q2._solution, names)  # the solution printed by q2.solution(), run on the notebook's tensors
    assert q2.diagnose(names["y_ex"]) is None


def test_layer_output_with_one_wrong_value_points_at_it():
    wrong = RIGHT_Y.copy()
    wrong[2, 1] = 0.0
    assert "y_ex[2, 1] is 0, expected -1.5: it is row 2 of x_ex times row 1 of W_ex, plus b_ex[1]" in q2.diagnose(wrong)


# ---------------------------------------------------------------- q3


@pytest.mark.parametrize("right", [((2, 5), (2,)), [[2, 5], [2]], (torch.Size([2, 5]), torch.Size([2]))])
def test_weight_and_bias_shapes_of_linear_5_2(right):
    assert q3.diagnose(right) is None


def test_shapes_answer_matches_pytorch():
    layer = nn.Linear(5, 2)
    assert q3.diagnose((tuple(layer.weight.shape), tuple(layer.bias.shape))) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (((5, 2), (2,)), "(out_features, in_features), not (in, out)"),
        (((2, 5), 2), "write (2,) with the comma"),
        (((2, 5), (5,)), "one bias per output neuron, not per input"),
        (((2, 5), (2, 1)), "the bias is 1-D"),
        (((2, 5), (3,)), "how many output neurons"),
        (((3, 5), (2,)), "5 inputs and 2 outputs"),
        ((2, 5), "a single shape; give both"),
        ("(2, 5)", "pair of shapes"),
        ((10, (2,)), "tuple of two numbers"),
    ],
)
def test_shape_mistakes_are_named(wrong, message):
    assert message in q3.diagnose(wrong)


# ---------------------------------------------------------------- q4


@pytest.mark.parametrize("right", [LinearRegressionModel(3, 1), nn.Linear(3, 1), nn.Sequential(nn.Linear(3, 1))])
def test_a_3_to_1_linear_model_passes(right):
    assert q4.diagnose(right) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (LinearRegressionModel(1, 3), "input and output are swapped"),
        (LinearRegressionModel(3, 2), "needs 3 inputs and 1 output"),
        (LinearRegressionModel, "the class itself"),
        (nn.Linear(3, 1, bias=False), "has no bias"),
        (nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 1)), "exactly one nn.Linear"),
        ((3, 1), "give a model"),
    ],
)
def test_model_mistakes_are_named(wrong, message):
    assert message in q4.diagnose(wrong)


@pytest.mark.parametrize("question", ALL)
def test_every_solution_and_hint_prints(question, capsys):
    question.hint()
    question.solution()
    out = capsys.readouterr().out
    assert out.startswith("💡 Hint: ") and "Solution:\n    " in out
