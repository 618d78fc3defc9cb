"""Notebook 01's exercises beyond the generic test: the answer kinds a learner really gives."""

import numpy as np
import torch

from linreg_utils import make_linear_data
from linreg_utils.exercises.nb01 import q1, q2, q3


def test_q1_accepts_a_tensor_and_names_shape_dtype_and_values():
    assert q1.diagnose(torch.arange(5, dtype=torch.float32).reshape(-1, 1)) is None
    assert "make it a column with .reshape(-1, 1)" in q1.diagnose(np.arange(5, dtype=np.float32))
    assert "dtype float64, expected float32" in q1.diagnose(np.arange(5, dtype=np.float64).reshape(-1, 1))
    assert "a Python list" in q1.diagnose([0, 1, 2, 3, 4])
    assert "position (0, 0): got 1, expected 0" in q1.diagnose(np.arange(1, 6, dtype=np.float32).reshape(-1, 1))


def test_q2_names_n_swap_and_a_missing_pair():
    assert q2.diagnose(make_linear_data(n=6, slope=3.0, intercept=-2.0)) is None
    assert "n=6" in q2.diagnose(make_linear_data(n=5, slope=3.0, intercept=-2.0))
    assert "swapped" in q2.diagnose(make_linear_data(n=6, slope=-2.0, intercept=3.0))
    assert "give the pair" in q2.diagnose(make_linear_data(n=6, slope=3.0, intercept=-2.0)[1])


def test_q3_takes_a_list_and_explains_that_a_shape_is_a_tuple():
    assert q3.diagnose([3, 2]) is None
    assert q3.diagnose(torch.Size([3, 2])) is None
    assert "write (6,) with the comma" in q3.diagnose(6)
    assert "(4, 2) is not it" in q3.diagnose((4, 2))
