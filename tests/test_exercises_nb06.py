"""The exercises of notebook 06 accept the right answers and name the usual mistakes."""

from collections import OrderedDict

import numpy as np
import pytest
import torch

from linreg_utils import LinearRegressionModel, predict
from linreg_utils.exercises import ____
from linreg_utils.exercises.nb06 import q1, q2, q3, write_mystery_model

# ---------------------------------------------------------------- q1


def test_q1_blank_asks_for_an_answer():
    assert "replace ____" in q1.diagnose(____)


@pytest.mark.parametrize(
    "answer",
    [
        {"linear.weight": (2, 3), "linear.bias": (2,)},
        {"linear.weight": [2, 3], "linear.bias": [2]},
        {"linear.weight": torch.Size([2, 3]), "linear.bias": torch.Size([2])},
        LinearRegressionModel(3, 2).state_dict(),
        {name: tuple(t.shape) for name, t in LinearRegressionModel(3, 2).state_dict().items()},
    ],
)
def test_q1_accepts_names_and_shapes_in_order(answer):
    assert q1.diagnose(answer) is None


def test_q1_names_without_shapes_ask_for_a_dict():
    assert "not just the names" in q1.diagnose(["linear.weight", "linear.bias"])


def test_q1_layer_internal_names_need_the_linear_prefix():
    assert "start with 'linear.'" in q1.diagnose({"weight": (2, 3), "bias": (2,)})


def test_q1_the_layer_itself_is_not_a_tensor():
    assert "not a tensor" in q1.diagnose({"linear": (2, 3), "linear.weight": (2, 3), "linear.bias": (2,)})


def test_q1_unknown_names_point_to_printing_the_keys():
    assert "list(model.state_dict())" in q1.diagnose({"fc.weight": (2, 3), "fc.bias": (2,)})


def test_q1_reversed_order_is_explained():
    assert "order" in q1.diagnose({"linear.bias": (2,), "linear.weight": (2, 3)})


def test_q1_transposed_weight_names_out_features_first():
    assert "(out_features, in_features)" in q1.diagnose({"linear.weight": (3, 2), "linear.bias": (2,)})


def test_q1_column_shaped_bias_is_told_it_is_1d():
    assert "1-D" in q1.diagnose({"linear.weight": (2, 3), "linear.bias": (2, 1)})


def test_q1_hint_does_not_give_the_answer_away(capsys):
    q1.hint()
    hint = capsys.readouterr().out
    assert "linear." in hint and "(out_features, in_features)" in hint
    assert "(2, 3)" not in hint and "(2,)" not in hint and ".items()}" not in hint


def test_q1_non_shape_value_is_reported():
    assert "tuple of whole numbers" in q1.diagnose({"linear.weight": "2x3", "linear.bias": (2,)})


# ---------------------------------------------------------------- q2


@pytest.fixture
def mystery_path(tmp_path):
    return write_mystery_model(tmp_path)


def test_mystery_file_is_a_plain_state_dict(mystery_path):
    state = torch.load(mystery_path, weights_only=True)
    assert isinstance(state, OrderedDict)
    assert list(state) == ["linear.weight", "linear.bias"]
    assert mystery_path.name == "mystery.pt"


def test_write_mystery_model_refuses_a_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_mystery_model(tmp_path / "nope")


def test_q2_the_worked_solution_is_correct(mystery_path):
    model = LinearRegressionModel(1, 1)
    model.load_state_dict(torch.load(mystery_path, weights_only=True))
    prediction = predict(model, np.array([[4.0]], dtype=np.float32))
    assert q2.diagnose(prediction) is None  # a (1, 1) array
    assert q2.diagnose(prediction.item()) is None  # a float
    assert q2.diagnose(torch.tensor(prediction)) is None  # a tensor


def test_q2_blank_asks_for_an_answer():
    assert "replace ____" in q2.diagnose(____)


def test_q2_own_model_prediction_says_load_the_file():
    assert "load_state_dict" in q2.diagnose(8.9997)


def test_q2_bias_alone_is_the_prediction_at_zero():
    assert "x = 0" in q2.diagnose(4.0)


def test_q2_forgotten_bias_is_named():
    assert "without the bias" in q2.diagnose(-6.0)


def test_q2_untrained_model_prediction_mentions_random_weights():
    torch.manual_seed(0)
    fresh = LinearRegressionModel(1, 1)
    value = predict(fresh, np.array([[4.0]], dtype=np.float32)).item()
    assert "random starting weights" in q2.diagnose(value)


def test_q2_several_predictions_ask_for_one_number():
    assert "one number" in q2.diagnose(np.array([[-2.0], [1.0]], dtype=np.float32))


def test_q2_text_is_not_a_number():
    assert "should be a number" in q2.diagnose("-2")


# ---------------------------------------------------------------- q3


@pytest.mark.parametrize("answer", [(".pt", True), (".pth", True), ("pt", True), [".PT", True]])
def test_q3_accepts_pt_or_pth_with_weights_only(answer):
    assert q3.diagnose(answer) is None


def test_q3_blank_asks_for_an_answer():
    assert "replace ____" in q3.diagnose((____, True))


def test_q3_pkl_is_explained_as_not_a_plain_pickle():
    assert "zip archive" in q3.diagnose((".pkl", True))


def test_q3_weights_only_false_is_called_unsafe():
    assert "run any code" in q3.diagnose((".pt", False))


def test_q3_quoted_true_asks_for_the_python_value():
    assert "without quotes" in q3.diagnose((".pt", "True"))


def test_q3_other_extension_is_not_the_convention():
    assert "not PyTorch's convention" in q3.diagnose((".zip", True))


def test_q3_single_value_asks_for_a_pair():
    assert "give a pair" in q3.diagnose(".pt")


def test_q3_non_bool_flag_is_reported():
    assert "True or False" in q3.diagnose((".pt", 1))
