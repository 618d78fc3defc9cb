"""Notebook 06's exercises beyond the generic test: the mystery file, readers, variants of right answers."""

from collections import OrderedDict

import numpy as np
import pytest
import torch

from linreg_utils import LinearRegressionModel, predict
from linreg_utils.exercises.nb06 import mystery_path, q1, q2, q3, write_mystery_model

# ---------------------------------------------------------------- q1


@pytest.mark.parametrize(
    "answer",
    [
        {"linear.weight": [2, 3], "linear.bias": [2]},
        {"linear.weight": torch.Size([2, 3]), "linear.bias": torch.Size([2])},
        LinearRegressionModel(3, 2).state_dict(),
        {name: tuple(t.shape) for name, t in LinearRegressionModel(3, 2).state_dict().items()},
    ],
)
def test_q1_accepts_names_and_shapes_in_order(answer):
    assert q1.diagnose(answer) is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (["linear.weight", "linear.bias"], "not just the names"),
        (LinearRegressionModel(3, 2).state_dict().keys(), "not just the names"),
        ("linear.weight", "give a dictionary"),
        ({"linear.weight": "2x3", "linear.bias": (2,)}, "the shape of linear.weight should be a tuple"),
        ({"linear.weight": (2, 3), "linear.bias": 2}, "a shape is a tuple, even with one number: write (2,)"),
        ({"fc.weight": (2, 3), "fc.bias": (2,)}, "the names ['fc.weight', 'fc.bias'] are not"),
        ({"linear.weight": (2, 4), "linear.bias": (2,)}, "linear.weight has shape (2, 4)"),
        ({"linear.weight": (2, 3), "linear.bias": (3,)}, "linear.bias has shape (3,)"),
    ],
)
def test_q1_other_mistakes(answer, message):
    assert message in q1.diagnose(answer)


def test_q1_hints_do_not_give_the_answer_away():
    hints = " ".join(q1.hints)
    assert "linear." in hints and "(out_features, in_features)" in hints
    assert "(2, 3)" not in hints and "(2,)" not in hints and ".items()}" not in hints


# ---------------------------------------------------------------- q2


def test_mystery_file_is_a_plain_state_dict():
    state = torch.load(mystery_path, weights_only=True)
    assert isinstance(state, OrderedDict)
    assert list(state) == ["linear.weight", "linear.bias"]
    assert mystery_path.name == "mystery.pt"


def test_write_mystery_model_writes_into_a_folder_and_refuses_a_missing_one(tmp_path):
    assert write_mystery_model(tmp_path) == tmp_path / "mystery.pt"
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_mystery_model(tmp_path / "nope")


def test_q2_the_prediction_passes_as_array_float_or_tensor():
    model = LinearRegressionModel(1, 1)
    model.load_state_dict(torch.load(mystery_path, weights_only=True))
    prediction = predict(model, np.array([[4.0]], dtype=np.float32))
    assert q2.diagnose(prediction) is None  # a (1, 1) array
    assert q2.diagnose(prediction.item()) is None  # a float
    assert q2.diagnose(torch.tensor(prediction)) is None  # a tensor


def test_q2_own_model_prediction_rounded_says_load_the_file():
    assert q2.verdict(8.9997).key == "q2.own_model"


def test_q2_untrained_model_prediction_mentions_random_weights():
    torch.manual_seed(0)
    value = predict(LinearRegressionModel(1, 1), np.array([[4.0]], dtype=np.float32)).item()
    assert "random starting weights" in q2.diagnose(value)


@pytest.mark.parametrize(
    ("answer", "message"),
    [(np.array([[-2.0], [1.0]], dtype=np.float32), "2 values; give one number"), ("-2", "give one number")],
)
def test_q2_answers_that_are_not_one_number(answer, message):
    assert message in q2.diagnose(answer)


# ---------------------------------------------------------------- q3


@pytest.mark.parametrize("answer", [(".pth", True), ("pt", True), [".PT", True], (" .pt ", True)])
def test_q3_accepts_pt_or_pth_with_weights_only(answer):
    assert q3.diagnose(answer) is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((".pt", 1), "True or False, got 1"),
        ((".pt", " True "), "the Python value True without quotes"),
        (("pkl", True), ".pkl suggests a plain pickle"),
        (".pt", "give a pair"),
        ((1, True), "should be a string"),
    ],
)
def test_q3_other_mistakes(answer, message):
    assert message in q3.diagnose(answer)
