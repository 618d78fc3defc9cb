import numpy as np
import torch

from linreg_utils import make_linear_data
from linreg_utils.exercises import Question, ____
from linreg_utils.exercises.nb01 import q1, q2, q3


def test_blank_answers_ask_to_replace_the_blank():
    for q in (q1, q2, q3):
        assert "replace ____" in q.diagnose(____)


def test_q1_solution_passes_and_tensor_answer_too():
    assert q1.diagnose(np.arange(5, dtype=np.float32).reshape(-1, 1)) is None
    assert q1.diagnose(torch.arange(5, dtype=torch.float32).reshape(-1, 1)) is None


def test_q1_diagnoses_the_usual_mistakes():
    assert "reshape(-1, 1)" in q1.diagnose(np.arange(5, dtype=np.float32))
    assert "float64" in q1.diagnose(np.arange(5, dtype=np.float64).reshape(-1, 1))
    assert "Python list" in q1.diagnose([0, 1, 2, 3, 4])
    assert "values differ" in q1.diagnose(np.arange(1, 6, dtype=np.float32).reshape(-1, 1))


def test_q2_solution_passes_and_mistakes_are_named():
    assert q2.diagnose(make_linear_data(n=6, slope=3.0, intercept=-2.0)) is None
    assert "swapped" in q2.diagnose(make_linear_data(n=6, slope=-2.0, intercept=3.0))
    assert "n=6" in q2.diagnose(make_linear_data(n=5, slope=3.0, intercept=-2.0))
    assert "pair" in q2.diagnose(make_linear_data(n=6, slope=3.0, intercept=-2.0)[1])


def test_q3_solution_passes_and_transpose_is_explained():
    assert q3.diagnose((3, 2)) is None
    assert q3.diagnose([3, 2]) is None
    assert "transpose" in q3.diagnose((2, 3))
    assert "tuple" in q3.diagnose(6)


def test_check_hint_and_solution_print(capsys):
    q1.check(np.arange(5, dtype=np.float32).reshape(-1, 1))
    q1.check(np.arange(5, dtype=np.float32))
    q1.hint()
    q1.solution()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "✅ Correct!"
    assert out[1].startswith("❌ Not yet: x_col has shape (5,)")
    assert out[2].startswith("💡 Hint:")
    assert out[3] == "Solution:" and "np.arange(5, dtype=np.float32).reshape(-1, 1)" in out[4]


def test_a_checker_that_crashes_reports_instead_of_raising():
    q = Question("p", checker=lambda answer: answer.missing_attribute, hint="h", solution="s")
    assert "could not be checked (AttributeError" in q.diagnose(42)


def test_compare_number_accepts_one_element_arrays_and_tensors():
    from linreg_utils.exercises import compare_number

    assert compare_number(np.array(2.0), 2.0) is None
    assert compare_number(np.array([[2.0]]), 2.0) is None
    assert compare_number(torch.tensor([2.0]), 2.0) is None
    assert "not right yet" in compare_number(np.array(3.0), 2.0)
    assert "should be a number" in compare_number("2", 2.0)


def test_compare_array_names_the_position_as_plain_integers():
    from linreg_utils.exercises import compare_array

    message = compare_array(np.array([[1.0], [5.0]], dtype=np.float32), np.array([[1.0], [2.0]], dtype=np.float32))
    assert "position (1, 0): got 5, expected 2" in message


def test_every_public_name_is_importable():
    import linreg_utils
    import linreg_utils.exercises as exercises

    for module in (linreg_utils, exercises):
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert missing == [], f"{module.__name__}.__all__ names {missing} that it does not import"
