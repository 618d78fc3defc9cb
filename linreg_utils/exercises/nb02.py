"""Exercises for notebook 02 · Activation functions."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .core import Question, ____, as_array, as_numpy, compare_array, compare_number

# ---------------------------------------------------------------- q1: ReLU by hand

_Z1 = np.array([-3.0, -0.5, 0.0, 2.0, 7.5], dtype=np.float32)


def _check_relu_values(answer: Any) -> str | None:
    got = as_array(answer, np.float32)
    if got is None:
        return "give the five results as an array, e.g. np.array([a, b, c, d, e], dtype=np.float32)."
    expected = np.maximum(_Z1, 0.0)
    if got.shape == expected.shape:
        mistakes = [
            (_Z1, "that is z unchanged — the identity. ReLU replaces every negative number with 0."),
            (
                np.abs(_Z1),
                "that is the absolute value |z|: ReLU does not flip the sign of negatives, it sets them to 0.",
            ),
            (
                np.minimum(_Z1, 0.0),
                "that is min(0, z), the negative part: ReLU keeps the positives, zeroes the negatives.",
            ),
            (
                (_Z1 > 0).astype(np.float32),
                "that is the step function (1 for z > 0): ReLU keeps a positive z, relu(7.5) = 7.5.",
            ),
            (
                1.0 / (1.0 + np.exp(-_Z1)),
                "those look like sigmoid values (between 0 and 1): ReLU is max(0, z), no exponentials.",
            ),
        ]
        for wrong, message in mistakes:
            if np.allclose(got, wrong, atol=1e-3):
                return message
    problem = compare_array(got, expected, name="relu_z", atol=1e-4)
    if problem and got.shape == expected.shape:
        i = int(np.argmax(np.abs(got - expected)))
        return f"relu_z[{i}] is {got[i]:.4g}, but ReLU({_Z1[i]:g}) is max(0, {_Z1[i]:g}) = {expected[i]:g}."
    return problem


q1 = Question(
    prompt="By hand: compute ReLU of z = [-3.0, -0.5, 0.0, 2.0, 7.5] (five numbers, as an array).",
    checker=_check_relu_values,
    hint="ReLU(z) = max(0, z): a negative number becomes 0, zero stays 0, a positive number stays as it is.",
    solution="""
relu_z = np.array([0.0, 0.0, 0.0, 2.0, 7.5], dtype=np.float32)
# -3.0 and -0.5 are negative -> 0; 0.0 -> 0; 2.0 and 7.5 are positive -> unchanged.
# Check: np.maximum(z, 0.0) or torch.relu(torch.from_numpy(z)) gives the same.
""",
)

# ---------------------------------------------------------------- q2: merging two linear layers

# layer 1: nn.Linear(1, 2) with W1, b1; layer 2: nn.Linear(2, 1) with W2, b2 (shapes as PyTorch stores them)
_W1 = np.array([[2.0], [-1.0]], dtype=np.float32)
_B1 = np.array([1.0, 3.0], dtype=np.float32)
_W2 = np.array([[1.0, 4.0]], dtype=np.float32)
_B2 = np.array([0.5], dtype=np.float32)
_W_MERGED = float((_W2 @ _W1)[0, 0])  # -2.0
_B_MERGED = float((_W2 @ _B1 + _B2)[0])  # 13.5


def _scalar(value: Any) -> Any:
    """A one-element array or tensor as a Python float; anything else unchanged."""
    arr = as_numpy(value)
    if arr is not None and arr.size == 1:
        return float(arr.reshape(-1)[0])
    return value


def _check_merged(answer: Any) -> str | None:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give the pair (w, b): the merged weight and the merged bias."
    w_raw, b_raw = answer
    arr = as_numpy(w_raw)
    if arr is not None and arr.shape == (2, 2):
        return (
            "w has shape (2, 2), so you multiplied W1 @ W2. The second layer acts last, so it stands on the left: "
            "w = W2 @ W1, of shape (1, 1)."
        )
    w, b = _scalar(w_raw), _scalar(b_raw)
    if compare_number(w, _B_MERGED) is None and compare_number(b, _W_MERGED) is None:
        return "w and b are swapped: give (w, b), the weight first."
    if compare_number(w, _W_MERGED) is not None:
        if compare_number(w, float(_W2[0, 0] * _W1[0, 0])) is None:
            return "w = 2 uses only the path through the first hidden number; add the path through the second (4 * -1)."
        if compare_number(w, float(_W1.sum() + _W2.sum())) is None:
            return "w is a sum of the weights; it is a product: w = W2 @ W1 = 1*2 + 4*(-1)."
        problem = compare_number(w, _W_MERGED, name="w") or ""
        return problem + " Multiply the weights along each path and add: W2 @ W1."
    bias_mistakes = {
        float((_W2 @ _B1)[0]): "b is missing the second layer's own bias b2: b = W2 @ b1 + b2.",
        float(_B1.sum() + _B2[0]): "b1 also passes through W2 on its way out: b = W2 @ b1 + b2, not b1 summed + b2.",
        float(_B2[0]): "b2 alone forgets that b1 reaches the output too, through W2: b = W2 @ b1 + b2.",
        float(_B1.sum()): "b is b1 summed; it must go through W2, and b2 is added: b = W2 @ b1 + b2.",
        float(_W2[0, 0] * _B1[0] + _B2[0]): "b uses only the first hidden number; b1[1] also passes through W2[0, 1].",
    }
    if compare_number(b, _B_MERGED) is not None:
        for wrong, message in bias_mistakes.items():
            if compare_number(b, wrong) is None:
                return message
        problem = compare_number(b, _B_MERGED, name="b") or ""
        return problem + " Follow b1 through the second layer: b = W2 @ b1 + b2."
    return None


q2 = Question(
    prompt=(
        "Two stacked layers with no activation: layer 1 has W1 = [[2], [-1]], b1 = [1, 3]; layer 2 has "
        "W2 = [[1, 4]], b2 = [0.5]. Give (w, b) of the single nn.Linear(1, 1) that computes the same."
    ),
    checker=_check_merged,
    hint=(
        "Follow the two paths x -> h_i -> y. w: multiply the weight into h_i (W1[i, 0]) by the weight out of it "
        "(W2[0, i]), then add the two paths. b: each b1[i] is multiplied by its path's second weight W2[0, i]; "
        "add those, then add b2. (With tensors: W2 @ W1 and W2 @ b1 + b2.)"
    ),
    solution="""
w = W2 @ W1        # [[1*2 + 4*(-1)]] = [[-2.]]
b = W2 @ b1 + b2   # [1*1 + 4*3 + 0.5] = [13.5]
answer = (w, b)    # the stacked layers compute y = -2x + 13.5: still a line
""",
)

# ---------------------------------------------------------------- q3: write ReLU for tensors

_Z3 = torch.tensor([[-2.0, -0.5, 0.0], [0.25, 1.5, 3.0]])

_AMBIGUOUS = (
    "Python's max(0, z) compares 0 with the whole tensor at once, which PyTorch cannot do. "
    "Work element by element instead: torch.where(z > 0, z, 0.0) or z * (z > 0)."
)


def _check_relu_function(answer: Any) -> str | None:
    if not callable(answer):
        return "pass the function itself, without calling it: q3.check(my_relu)."
    z = _Z3.clone()
    try:
        result = answer(z)
    except RuntimeError as err:
        if "ambiguous" in str(err):
            return _AMBIGUOUS
        raise
    if result is ____:
        return "replace ____ with your answer, then run the cell again."
    if result is None:
        return "your function returns None: end it with return ..."
    if isinstance(result, tuple) and hasattr(result, "values"):
        return (
            "torch.max(z, 0) finds the largest value along dimension 0, not an element-wise maximum with 0: "
            "use torch.where(z > 0, z, 0.0) or z * (z > 0)."
        )
    got = as_numpy(result)
    if got is None:
        return f"your function returns a {type(result).__name__}; it should return a tensor shaped like z."
    expected = torch.relu(_Z3).numpy()
    if got.shape == expected.shape:
        if np.allclose(got, np.abs(_Z3.numpy())):
            return "that is the absolute value |z|: ReLU sets negatives to 0 instead of flipping their sign."
        if np.allclose(got, (_Z3 > 0).float().numpy()):
            return "that is the step function: ReLU keeps a positive z as it is, e.g. relu(1.5) = 1.5, not 1."
        if np.allclose(got, torch.clamp(_Z3, max=0).numpy()):
            return (
                "that keeps the negative part, min(0, z); ReLU keeps the positive numbers and sets the negatives "
                "to 0: check the condition, z > 0 rather than z < 0."
            )
    problem = compare_array(got, expected, name="my_relu(z)")
    if problem:
        return problem
    if not torch.equal(z, _Z3):
        return (
            "the values are right, but your function changed the tensor it was given (its negatives are now 0). "
            "Return a new tensor instead: e.g. torch.where(z > 0, z, 0.0), or work on z.clone()."
        )
    return None


q3 = Question(
    prompt=(
        "Write my_relu(z) for a tensor z of any shape, without torch.relu, nn.ReLU or torch.clamp; "
        "it must not change z."
    ),
    checker=_check_relu_function,
    hint=(
        "You need max(0, z) for every element separately. z > 0 is True where z is positive: multiplying "
        "z by it keeps those entries and turns the others into 0. torch.where(z > 0, z, 0.0) picks z where "
        "the condition holds and 0.0 elsewhere."
    ),
    solution="""
def my_relu(z):
    return torch.where(z > 0, z, 0.0)
# Also right: z * (z > 0) (True/False count as 1/0), and torch.clamp(z, min=0) from section 2.
# All of them work element by element and return a new tensor, so z itself is untouched.
# Python's built-in max(0, z) fails on a tensor, and z[z < 0] = 0 would change the caller's z.
""",
)
