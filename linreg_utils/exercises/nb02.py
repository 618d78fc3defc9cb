"""Exercises for notebook 02 · Activation functions. Messages: ``text/<language>/nb02.py``."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .core import (
    Mistake,
    Question,
    Unreadable,
    Wrong,
    array,
    as_numpy,
    at,
    close,
    compare_array,
    function,
    numbers,
    run_learner_code,
)

# ---------------------------------------------------------------- the inputs (the notebook imports these)

# exercise 2: layer 1 is nn.Linear(1, 2), layer 2 is nn.Linear(2, 1) (shapes as PyTorch stores them)
W1 = torch.tensor([[2.0], [-1.0]])
b1 = torch.tensor([1.0, 3.0])
W2 = torch.tensor([[1.0, 4.0]])
b2 = torch.tensor([0.5])

# ---------------------------------------------------------------- q1: ReLU by hand

_Z1 = np.array([-3.0, -0.5, 0.0, 2.0, 7.5], dtype=np.float32)
_RELU = np.maximum(_Z1, 0.0)


def _relu_values(got: np.ndarray) -> Wrong | None:
    if got.shape != _RELU.shape:
        return compare_array(_RELU, "relu_z")(got)
    i = int(np.argmax(np.abs(got - _RELU)))
    return Wrong("q1.value", i=i, got_value=float(got[i]), z=float(_Z1[i]), relu=float(_RELU[i]))


q1 = Question(
    "nb02.q1",
    answer="relu_z",
    read=array(np.float32),  # float64 or a list typed by hand is fine: the exercise is about ReLU
    expected=_RELU,
    mistakes=[
        Mistake(_Z1, "q1.identity"),
        Mistake(np.abs(_Z1), "q1.abs"),
        Mistake(np.minimum(_Z1, 0.0), "q1.negative_part"),
        Mistake((_Z1 > 0).astype(np.float32), "q1.step"),
        Mistake(1.0 / (1.0 + np.exp(-_Z1)), "q1.sigmoid"),
    ],
    otherwise=_relu_values,
    solution="""
    relu_z = np.array([0.0, 0.0, 0.0, 2.0, 7.5], dtype=np.float32)
    # -3.0 and -0.5 are negative -> 0; 0.0 -> 0; 2.0 and 7.5 are positive -> unchanged.
    # Check: np.maximum(z, 0.0) or torch.relu(torch.from_numpy(z)) gives the same.
    """,
)

# ---------------------------------------------------------------- q2: merging two linear layers

_W = float((W2 @ W1).item())  # 1*2 + 4*(-1) = -2
_B = float((W2 @ b1 + b2).item())  # 1*1 + 4*3 + 0.5 = 13.5


def _read_merged(answer: Any) -> tuple[float, ...]:
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        w = as_numpy(answer[0])
        if w is not None and w.shape == (2, 2):
            raise Unreadable("q2.w_order")  # W1 @ W2: a matrix where one number is asked for
    return numbers("w", "b")(answer)


q2 = Question(
    "nb02.q2",
    read=_read_merged,
    expected=(_W, _B),
    mistakes=[
        Mistake((_B, _W), "q2.swapped"),
        Mistake(at(0, float(W2[0, 0] * W1[0, 0])), "q2.w_one_path", example=(2.0, _B)),
        # 1*2 + 4*1 = 6 (the minus sign of W1[1, 0] dropped) is also 2 - 1 + 1 + 4, the sum of the weights
        Mistake(at(0, float(W2.abs() @ W1.abs())), "q2.w_sign_or_sum", example=(6.0, _B)),
        Mistake(lambda got: not close(got[0], _W), "q2.w_other", example=(3.0, _B)),
        Mistake((_W, float((W2 @ b1).item())), "q2.b_no_b2"),
        Mistake((_W, float(b1.sum() + b2)), "q2.b_sum_b1_b2"),
        Mistake((_W, float(b2)), "q2.b_only_b2"),
        Mistake((_W, float(b1.sum())), "q2.b_sum_b1"),
        Mistake((_W, float(W2[0, 0] * b1[0] + b2)), "q2.b_one_path"),
    ],
    otherwise="q2.otherwise",
    close_enough=False,  # exact numbers by hand; b = 13.0 (b2 forgotten) is a mistake, not a rounding
    solution="""
    w = W2 @ W1        # [[1*2 + 4*(-1)]] = [[-2.]]
    b = W2 @ b1 + b2   # [1*1 + 4*3 + 0.5] = [13.5]
    answer = (w, b)    # the stacked layers compute y = -2x + 13.5: still a line
    """,
)

# ---------------------------------------------------------------- q3: write ReLU for tensors

_Z3 = torch.tensor([[-2.0, -0.5, 0.0], [0.25, 1.5, 3.0]])


def _check_relu_function(answer: Any) -> Wrong | None:
    z = _Z3.clone()
    try:
        result = run_learner_code(answer, z)
    except Unreadable as err:
        if isinstance(err.__cause__, RuntimeError) and "ambiguous" in str(err.__cause__):
            return Wrong("q3.python_max")
        raise
    if result is None:
        return Wrong("q3.none")
    if isinstance(result, tuple) and hasattr(result, "values"):
        return Wrong("q3.torch_max")  # torch.max(z, 0) returns (values, indices) along dimension 0
    got = as_numpy(result)
    if got is None:
        return Wrong("q3.not_a_tensor", kind=type(result).__name__)
    expected = torch.relu(_Z3).numpy()
    if got.shape == expected.shape:
        for wrong, key in ((_Z3.abs(), "q3.abs"), ((_Z3 > 0).float(), "q3.step"), (_Z3.clamp(max=0), "q3.negative")):
            if close(got, wrong.numpy()):
                return Wrong(key)
    problem = compare_array(expected, "my_relu(z)")(got)
    if problem is None and not torch.equal(z, _Z3):
        return Wrong("q3.in_place")
    return problem


q3 = Question(
    "nb02.q3",
    answer="my_relu",
    read=function,
    check=_check_relu_function,
    solution="""
    def my_relu(z):
        return torch.where(z > 0, z, 0.0)
    # Also right: z * (z > 0) (True/False count as 1/0). (torch.clamp(z, min=0) from section 2 gives the same,
    # but this exercise asks you to build ReLU yourself.)
    # All of them work element by element and return a new tensor, so z itself is untouched.
    # Python's built-in max(0, z) fails on a tensor, and z[z < 0] = 0 would change the caller's z.
    """,
)
