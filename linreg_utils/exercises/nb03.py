"""Exercises for notebook 03 · The fully connected layer. Messages: ``text/<language>/nb03.py``."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from ..model import LinearRegressionModel
from .core import Mistake, Question, Unreadable, Wrong, array, compare_array, shape, whole_number

# ---------------------------------------------------------------- the inputs (the notebook imports these)

# exercise 2: a layer with 2 inputs and 2 outputs, and 3 samples
W_ex = torch.tensor([[1.0, -1.0], [2.0, 0.5]])  # (out=2, in=2)
b_ex = torch.tensor([0.5, -1.0])  # (out=2,)
x_ex = torch.tensor([[1.0, 2.0], [0.0, 1.0], [-1.0, 3.0]])  # (n=3, in=2)

# ---------------------------------------------------------------- q1: parameter count

q1 = Question(
    "nb03.q1",
    read=whole_number,
    expected=4 * 3 + 3,
    mistakes=[
        Mistake(4 * 3, "q1.weights_only"),
        Mistake(4 * 3 + 4, "q1.bias_per_input"),
        Mistake(4 * 3 + 1, "q1.one_bias"),
        Mistake(4 + 3, "q1.neurons"),
    ],
    otherwise="q1.otherwise",
    solution="""
    answer = 4 * 3 + 3   # = 15
    # weight has shape (3, 4): 12 numbers; bias has shape (3,): 3 numbers. in * out + out.
    """,
)

# ---------------------------------------------------------------- q2: a layer's output by hand

_W, _B, _X = W_ex.numpy(), b_ex.numpy(), x_ex.numpy()
_Y = _X @ _W.T + _B


def _output_values(got: np.ndarray) -> Wrong | None:
    if got.shape != _Y.shape:
        return compare_array(_Y, "y_ex")(got)
    i, j = np.unravel_index(int(np.argmax(np.abs(got - _Y))), _Y.shape)
    return Wrong("q2.value", i=int(i), j=int(j), got_value=float(got[i, j]), expected_value=float(_Y[i, j]))


q2 = Question(
    "nb03.q2",
    answer="y_ex",
    read=array(np.float32),  # numbers typed by hand (a list, float64) are fine
    expected=_Y,
    mistakes=[
        Mistake(_Y.T, "q2.transposed"),
        Mistake(lambda got: got.shape == _Y.T.shape, "q2.shape_2_3", example=np.zeros((2, 3), np.float32)),
        Mistake(_X @ _W.T, "q2.no_bias"),
        Mistake(_X @ _W + _B, "q2.no_transpose"),
        Mistake(_X @ _W, "q2.two_slips"),
    ],
    otherwise=_output_values,
    solution="""
    y_ex = x_ex @ W_ex.T + b_ex
    # [[-0.5,  2. ],
    #  [-0.5, -0.5],
    #  [-3.5, -1.5]]
    # e.g. y_ex[0, 0] = 1*1 + 2*(-1) + 0.5 = -0.5: sample 0 against row 0 of W_ex, plus b_ex[0].
    """,
)

# ---------------------------------------------------------------- q3: the shapes of weight and bias


def _read_shapes(answer: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Unreadable("q3.pair")
    weight, bias = answer
    if all(isinstance(a, (int, np.integer)) for a in answer):
        raise Unreadable("q3.single")
    if isinstance(weight, (int, np.integer)):
        raise Unreadable("q3.weight_tuple")
    return shape(weight), shape(bias)  # a bare 2 for the bias: "write (2,) with the comma"


q3 = Question(
    "nb03.q3",
    read=_read_shapes,
    expected=lambda got: got == ((2, 5), (2,)),
    mistakes=[
        Mistake(lambda got: got[0] == (5, 2), "q3.weight_in_out", example=((5, 2), (2,))),
        Mistake(lambda got: got[0] != (2, 5), "q3.weight_other", example=((3, 5), (2,))),
        Mistake(lambda got: got[1] == (5,), "q3.bias_per_input", example=((2, 5), (5,))),
        Mistake(lambda got: got[1] in ((2, 1), (1, 2)), "q3.bias_2d", example=((2, 5), (2, 1))),
    ],
    otherwise="q3.otherwise",
    solution="""
    answer = ((2, 5), (2,))
    # weight: (out_features, in_features) = (2, 5); bias: one per output, (2,) — note the comma.
    """,
)

# ---------------------------------------------------------------- q4: build a model


def _check_model(answer: Any) -> Wrong | None:
    """Judge the model by what it is, not by which class object built it.

    Notebook 03 defines its own ``LinearRegressionModel`` (section 6), so in the learner's namespace that name is the
    notebook's class, not the package's: a model counts as the post's when its class is named
    ``LinearRegressionModel`` (or is the package's) and it holds one ``nn.Linear``, whose sizes are read.
    """
    if isinstance(answer, type):
        return Wrong("q4.class")
    if not isinstance(answer, nn.Module):
        return Wrong("q4.not_a_model", kind=type(answer).__name__)
    kind = type(answer).__name__
    if not (isinstance(answer, LinearRegressionModel) or kind == LinearRegressionModel.__name__):
        return Wrong("q4.not_ours", kind=kind)  # nn.Linear(3, 1) computes the same, but ...
    layers = [m for m in answer.modules() if isinstance(m, nn.Linear)]
    if len(layers) != 1:
        return Wrong("q4.layers", count=len(layers))
    dims = (layers[0].in_features, layers[0].out_features)
    if dims == (1, 3):
        return Wrong("q4.swapped")
    if dims != (3, 1):
        return Wrong("q4.dims", n_in=dims[0], n_out=dims[1])
    return None


q4 = Question(
    "nb03.q4",
    check=_check_model,
    solution="""
    answer = LinearRegressionModel(3, 1)
    # input_dim=3 features per house, output_dim=1 predicted price: 3 weights + 1 bias = 4 parameters.
    """,
)
