"""Exercises for notebook 03 · The fully connected layer."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from .core import Question, compare_array

# ---------------------------------------------------------------- q1: parameter count


def _check_count(answer: Any) -> str | None:
    if isinstance(answer, torch.Tensor) and answer.numel() == 1:
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        return f"give the count as a whole number, got {type(answer).__name__}."
    if float(answer) != int(answer):
        return f"{answer} is not a whole number: parameters are counted, one number each."
    count = int(answer)
    if count == 4 * 3:
        return "12 counts the weights only: each of the 3 outputs also has its own bias, so add 3."
    if count == 4 * 3 + 4:
        return "there is one bias per output neuron (3 of them), not one per input."
    if count == 4 * 3 + 1:
        return "the layer has one bias per output neuron (3 of them), not a single bias for the whole layer."
    if count == 4 + 3:
        return "4 + 3 adds the neurons; every one of the 4 inputs connects to each of the 3 outputs (4 * 3 weights)."
    if count != 4 * 3 + 3:
        return f"{count} is not it: count the weights (one per connection) and the biases (one per output)."
    return None


q1 = Question(
    prompt="How many parameters does nn.Linear(4, 3) have? Answer with a whole number.",
    checker=_check_count,
    hint="Every input connects to every output, one weight per connection; then each output neuron adds one bias.",
    solution="""
answer = 4 * 3 + 3   # = 15
# weight has shape (3, 4): 12 numbers; bias has shape (3,): 3 numbers. in * out + out.
""",
)

# ---------------------------------------------------------------- q2: a layer's output by hand

Q2_W = np.array([[1.0, -1.0], [2.0, 0.5]], dtype=np.float32)  # (out=2, in=2)
Q2_B = np.array([0.5, -1.0], dtype=np.float32)  # (out=2,)
Q2_X = np.array([[1.0, 2.0], [0.0, 1.0], [-1.0, 3.0]], dtype=np.float32)  # (n=3, in=2)


def _as_float32(answer: Any) -> Any:
    """Accept numbers typed by hand (float64 numpy, Python lists) as well as float32 tensors."""
    if isinstance(answer, list):
        answer = np.array(answer)
    if isinstance(answer, torch.Tensor):
        answer = answer.detach().cpu().numpy()
    if isinstance(answer, np.ndarray) and answer.dtype.kind in "iuf":
        answer = answer.astype(np.float32)
    return answer


def _check_output(answer: Any) -> str | None:
    got = _as_float32(answer)
    right = Q2_X @ Q2_W.T + Q2_B
    if isinstance(got, np.ndarray) and got.shape == right.T.shape:
        if np.allclose(got, right.T, atol=1e-4):
            return (
                "your result is transposed: shape (2, 3) has one row per output, but y_ex needs one row per "
                "sample, shape (3, 2). Compute x_ex @ W_ex.T + b_ex."
            )
        return "your result has shape (2, 3), but y_ex needs one row per sample and one column per output: (3, 2)."
    if isinstance(got, np.ndarray) and got.shape == right.shape:
        if np.allclose(got, Q2_X @ Q2_W.T, atol=1e-4):
            return "these are x_ex @ W_ex.T without the bias: add b_ex (each output adds its own bias)."
        if np.allclose(got, Q2_X @ Q2_W + Q2_B, atol=1e-4):
            return (
                "you used W_ex where its transpose W_ex.T is needed: PyTorch stores one row of W_ex per *output*, "
                "so the layer computes x_ex @ W_ex.T + b_ex."
            )
        if np.allclose(got, Q2_X @ Q2_W, atol=1e-4):
            return "two slips: use W_ex.T (not W_ex) and add the bias b_ex."
        if not np.allclose(got, right, atol=1e-4):
            i, j = (int(k) for k in np.argwhere(~np.isclose(got, right, atol=1e-4))[0])
            return (
                f"the shape is right, but y_ex[{i}, {j}] is {got[i, j]:.4g}, expected {right[i, j]:.4g}: "
                f"it is row {i} of x_ex times row {j} of W_ex, plus b_ex[{j}]."
            )
    return compare_array(got, right, name="y_ex")


q2 = Question(
    prompt="Compute by hand (or with @) the output y_ex = x_ex W_exᵀ + b_ex of the layer with the W_ex, b_ex "
    "and x_ex given.",
    checker=_check_output,
    hint="Row i, column j of y_ex is (row i of x_ex) · (row j of W_ex) + b_ex[j]. "
    "In code: x_ex @ W_ex.T + b_ex, shape (3, 2).",
    solution="""
y_ex = x_ex @ W_ex.T + b_ex
# [[-0.5,  2. ],
#  [-0.5, -0.5],
#  [-3.5, -1.5]]
# e.g. y_ex[0, 0] = 1*1 + 2*(-1) + 0.5 = -0.5: sample 0 against row 0 of W_ex, plus b_ex[0].
""",
)

# ---------------------------------------------------------------- q3: the shapes of weight and bias


def _as_shape(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value


def _check_shapes(answer: Any) -> str | None:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair of shapes: answer = (weight_shape, bias_shape), e.g. ((rows, columns), (length,))."
    if all(isinstance(a, (int, np.integer)) for a in answer):
        return "that is a single shape; give both: answer = (weight_shape, bias_shape)."
    weight, bias = (_as_shape(a) for a in answer)
    if not isinstance(weight, tuple):
        return "the weight's shape is a tuple of two numbers, (rows, columns)."
    if weight == (5, 2):
        return "the weight's shape is (out_features, in_features), not (in, out): one row per output neuron."
    if weight != (2, 5):
        return f"weight shape {weight} is not it: nn.Linear(5, 2) has 5 inputs and 2 outputs."
    if isinstance(bias, (int, np.integer)):
        return f"a shape is a tuple, even with one number: write ({bias},) with the comma, not {bias}."
    if not isinstance(bias, tuple):
        return "the bias's shape is a tuple with one number, like (k,)."
    if bias == (5,):
        return "there is one bias per output neuron, not per input."
    if bias in ((2, 1), (1, 2)):
        return f"the bias is 1-D: a plain list of numbers, shape (k,), not {bias}."
    if bias != (2,):
        return f"bias shape {bias} is not it: how many output neurons are there?"
    return None


q3 = Question(
    prompt="Without running it: what are the shapes of weight and of bias in nn.Linear(5, 2)? "
    "Answer with a pair of tuples (weight_shape, bias_shape).",
    checker=_check_shapes,
    hint="nn.Linear(in_features, out_features). The weight has one row per output neuron; each output has one bias.",
    solution="""
answer = ((2, 5), (2,))
# weight: (out_features, in_features) = (2, 5); bias: one per output, (2,) — note the comma.
""",
)

# ---------------------------------------------------------------- q4: build a model


def _check_model(answer: Any) -> str | None:
    if isinstance(answer, type):
        return "that is the class itself; build a model by calling it, e.g. LinearRegressionModel(..., ...)."
    if not isinstance(answer, nn.Module):
        return f"give a model (an nn.Module), got {type(answer).__name__}."
    linears = [m for m in answer.modules() if isinstance(m, nn.Linear)]
    if len(linears) != 1:
        return f"the model should hold exactly one nn.Linear layer, found {len(linears)}."
    layer = linears[0]
    dims = (layer.in_features, layer.out_features)
    if dims == (1, 3):
        return "input and output are swapped: 3 features go in (input_dim=3) and 1 price comes out (output_dim=1)."
    if dims != (3, 1):
        return f"the layer maps {dims[0]} input(s) to {dims[1]} output(s); the task needs 3 inputs and 1 output."
    if layer.bias is None:
        return "the layer has no bias: keep the default bias=True, a regression line needs its intercept."
    n_params = sum(p.numel() for p in answer.parameters())
    if n_params != 4:
        return f"the model has {n_params} parameters; one Linear(3, 1) layer has 3 * 1 + 1 = 4."
    return None


q4 = Question(
    prompt="Build a model that predicts one number (a house price) from 3 features (area, rooms, age).",
    checker=_check_model,
    hint="LinearRegressionModel(input_dim, output_dim): how many numbers go in per sample, and how many come out?",
    solution="""
answer = LinearRegressionModel(3, 1)
# input_dim=3 features per house, output_dim=1 predicted price: 3 weights + 1 bias = 4 parameters.
""",
)
