"""Notebook 02's exercises beyond the generic test: variants of right answers, and q3's own checker."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from linreg_utils.exercises import ____
from linreg_utils.exercises.nb02 import W1, W2, b1, b2, q1, q2, q3

# ---------------------------------------------------------------- q1: ReLU of an array by hand

Z = np.array([-3.0, -0.5, 0.0, 2.0, 7.5], dtype=np.float32)


@pytest.mark.parametrize(
    "right",
    [
        np.array([0.0, 0.0, 0.0, 2.0, 7.5]),  # float64 typed by hand is fine: the exercise is about ReLU
        [0, 0, 0, 2, 7.5],
        torch.relu(torch.from_numpy(Z)),
    ],
)
def test_relu_values_accept_any_array_like(right):
    assert q1.diagnose(right) is None


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (np.array([0.0, 0.0, 0.0, 2.0], dtype=np.float32), "shape (4,)"),
        (np.array([0.0, 0.0, 0.0, 2.0, 7.0], dtype=np.float32), "relu_z[4] is 7, but ReLU(7.5) is max(0, 7.5) = 7.5"),
        ("0, 0, 0, 2, 7.5", "give a numpy array or a tensor"),
    ],
)
def test_relu_values_other_mistakes(wrong, message):
    assert message in q1.diagnose(wrong)


# ---------------------------------------------------------------- q2: merged weight and bias


@pytest.mark.parametrize("right", [(W2 @ W1, W2 @ b1 + b2), [-2, 13.5], (np.float32(-2), 13.5)])
def test_merged_layer_accepts_numbers_and_tensors(right):
    assert q2.diagnose(right) is None


def test_merged_layer_matches_torch_composition():
    layer1, layer2 = torch.nn.Linear(1, 2), torch.nn.Linear(2, 1)
    with torch.no_grad():
        layer1.weight.copy_(W1)
        layer1.bias.copy_(b1)
        layer2.weight.copy_(W2)
        layer2.bias.copy_(b2)
        x = torch.linspace(-3, 3, 7).reshape(-1, 1)
        torch.testing.assert_close(layer2(layer1(x)), -2.0 * x + 13.5)


def test_merged_layer_blank_in_one_part_asks_to_replace_it():
    assert "replace ____" in q2.diagnose((-2.0, ____))


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ((W1 @ W2, W2 @ b1 + b2), "W1 @ W2"),  # a (2, 2) matrix, read before the numbers
        ((6.0, 13.5), "minus sign of W1[1, 0]"),  # the dropped minus comes first; the sum is named too
        ((3.0, 13.5), "w is 3, which is not right yet"),
        ((-2.0, 7.0), "b is 7"),
        ((-2.0, "13.5"), "every part of (w, b) should be a number"),
    ],
)
def test_merged_layer_names_the_mistake(wrong, message):
    assert message in q2.diagnose(wrong)


def test_merged_layer_is_exact_not_close():
    # 13.0 is 4 % from 13.5, but it is the "b2 forgotten" mistake, not a rounding
    assert q2.verdict((-2.0, 13.0)).key == "q2.b_no_b2"


# ---------------------------------------------------------------- q3: a ReLU function for tensors


@pytest.mark.parametrize(
    "right",
    [
        lambda z: torch.clamp(z, min=0),  # the task asks for another way, but a right function is right
        lambda z: torch.where(z > 0, z, 0.0),
        lambda z: z * (z > 0),
        lambda z: torch.maximum(z, torch.zeros_like(z)),
        lambda z: z.clamp(min=0).numpy(),  # a numpy array of the right values is accepted too
    ],
)
def test_relu_function_accepts_element_wise_versions(right):
    assert q3.diagnose(right) is None


def test_relu_function_blank_body_asks_to_replace_it():
    def my_relu(z):
        return ____

    assert "replace ____" in q3.diagnose(my_relu)


def _in_place(z):
    z[z < 0] = 0
    return z


def _no_return(z):
    torch.clamp(z, min=0)


@pytest.mark.parametrize(
    ("wrong", "key"),
    [
        (lambda z: max(0, z), "q3.python_max"),
        (lambda z: torch.max(z, 0), "q3.torch_max"),
        (lambda z: torch.abs(z), "q3.abs"),
        (lambda z: (z > 0).float(), "q3.step"),
        (lambda z: torch.clamp(z, max=0), "q3.negative"),
        (lambda z: torch.where(z < 0, z, 0.0), "q3.negative"),
        (lambda z: z * (z < 0), "q3.negative"),
        (_in_place, "q3.in_place"),
        (_no_return, "q3.none"),
        (lambda z: torch.clamp(z, min=0).flatten(), "core.array_reshape"),
        (lambda z: torch.sigmoid(z), "core.array_values"),
        (lambda z: z.tolist(), "q3.not_a_tensor"),
        (torch.relu(torch.zeros(2)), "core.function"),
        (lambda z: z.no_such_method(), "core.your_code_raised"),
    ],
)
def test_relu_function_names_the_mistake(wrong, key):
    assert q3.verdict(wrong).key == key
    assert q3.diagnose(wrong)  # the message renders


def test_relu_function_error_of_the_learner_is_shown_to_them():
    assert "AttributeError" in q3.diagnose(lambda z: z.no_such_method())
