"""The checkers of notebook 02's exercises: right answers pass, usual mistakes get their own message."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from linreg_utils.exercises import ____
from linreg_utils.exercises.nb02 import q1, q2, q3

BLANK = "replace ____"

# ---------------------------------------------------------------- q1: ReLU of an array by hand

Z = np.array([-3.0, -0.5, 0.0, 2.0, 7.5], dtype=np.float32)


@pytest.mark.parametrize(
    "right",
    [
        np.array([0.0, 0.0, 0.0, 2.0, 7.5], dtype=np.float32),
        np.array([0.0, 0.0, 0.0, 2.0, 7.5]),  # float64 typed by hand is fine: the exercise is about ReLU
        [0, 0, 0, 2, 7.5],
        torch.relu(torch.from_numpy(Z)),
    ],
)
def test_relu_values_accept_any_array_like(right):
    assert q1.diagnose(right) is None


def test_relu_values_blank_asks_to_replace_it():
    assert BLANK in q1.diagnose(____)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (Z, "identity"),
        (np.abs(Z), "absolute value"),
        (np.minimum(Z, 0.0), "negative part"),
        ((Z > 0).astype(np.float32), "step function"),
        (1 / (1 + np.exp(-Z)), "sigmoid"),
        (np.array([0.0, 0.0, 0.0, 2.0], dtype=np.float32), "shape (4,)"),
        (np.array([0.0, 0.0, 0.0, 2.0, 7.0], dtype=np.float32), "relu_z[4] is 7, but ReLU(7.5) is max(0, 7.5) = 7.5"),
        ("0, 0, 0, 2, 7.5", "as an array"),
    ],
)
def test_relu_values_name_the_usual_mistake(wrong, message):
    problem = q1.diagnose(wrong)
    assert problem is not None and message in problem


# ---------------------------------------------------------------- q2: merged weight and bias

W1 = torch.tensor([[2.0], [-1.0]])
B1 = torch.tensor([1.0, 3.0])
W2 = torch.tensor([[1.0, 4.0]])
B2 = torch.tensor([0.5])


@pytest.mark.parametrize("right", [(-2.0, 13.5), (W2 @ W1, W2 @ B1 + B2), [-2, 13.5], (np.float32(-2), 13.5)])
def test_merged_layer_accepts_numbers_and_tensors(right):
    assert q2.diagnose(right) is None


def test_merged_layer_matches_torch_composition():
    layer1, layer2 = torch.nn.Linear(1, 2), torch.nn.Linear(2, 1)
    with torch.no_grad():
        layer1.weight.copy_(W1)
        layer1.bias.copy_(B1)
        layer2.weight.copy_(W2)
        layer2.bias.copy_(B2)
        x = torch.linspace(-3, 3, 7).reshape(-1, 1)
        torch.testing.assert_close(layer2(layer1(x)), -2.0 * x + 13.5)


def test_merged_layer_blank_asks_to_replace_it():
    assert BLANK in q2.diagnose((____, ____))
    assert BLANK in q2.diagnose((-2.0, ____))


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ((W1 @ W2, W2 @ B1 + B2), "W1 @ W2"),
        ((13.5, -2.0), "swapped"),
        ((2.0, 13.5), "first hidden number"),
        ((6.0, 13.5), "sum of the weights"),
        ((3.0, 13.5), "w is 3"),
        ((-2.0, 13.0), "own bias b2"),
        ((-2.0, 4.5), "not b1 summed + b2"),
        ((-2.0, 0.5), "b2 alone"),
        ((-2.0, 4.0), "b is b1 summed"),
        ((-2.0, 1.5), "only the first hidden number"),
        ((-2.0, 7.0), "b is 7"),
        (-2.0, "the pair (w, b)"),
        ((-2.0, "13.5"), "should be a number"),
    ],
)
def test_merged_layer_names_the_usual_mistake(wrong, message):
    problem = q2.diagnose(wrong)
    assert problem is not None and message in problem


# ---------------------------------------------------------------- q3: a ReLU function for tensors


@pytest.mark.parametrize(
    "right",
    [
        lambda z: torch.clamp(z, min=0),  # the prompt asks for another way, but a right function is right
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

    assert BLANK in q3.diagnose(my_relu)
    assert BLANK in q3.diagnose(____)


def _in_place(z):
    z[z < 0] = 0
    return z


def _no_return(z):
    torch.clamp(z, min=0)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda z: max(0, z), "Python's max(0, z)"),
        (lambda z: torch.max(z, 0), "along dimension 0"),
        (lambda z: torch.abs(z), "absolute value"),
        (lambda z: (z > 0).float(), "step function"),
        (lambda z: torch.clamp(z, max=0), "negative part"),
        (lambda z: torch.where(z < 0, z, 0.0), "z > 0 rather than z < 0"),
        (lambda z: z * (z < 0), "negative part"),
        (_in_place, "changed the tensor it was given"),
        (_no_return, "returns None"),
        (lambda z: torch.clamp(z, min=0).flatten(), "shape (6,)"),
        (lambda z: torch.sigmoid(z), "some values differ"),
        (lambda z: z.tolist(), "returns a list"),
        (torch.relu(torch.zeros(2)), "pass the function itself"),
    ],
)
def test_relu_function_names_the_usual_mistake(wrong, message):
    problem = q3.diagnose(wrong)
    assert problem is not None and message in problem


def test_relu_function_that_crashes_is_reported_not_raised():
    problem = q3.diagnose(lambda z: z.no_such_method())
    assert problem is not None and "could not be checked (AttributeError" in problem
