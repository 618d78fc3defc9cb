import pytest
import torch
from torch import nn

from linreg_utils import LinearRegressionModel
from linreg_utils.model import model_device, model_dims


def test_model_is_one_linear_layer_with_post_shapes():
    model = LinearRegressionModel(1, 1)
    assert isinstance(model.linear, nn.Linear)
    assert [name for name, _ in model.named_parameters()] == ["linear.weight", "linear.bias"]
    assert tuple(model.linear.weight.shape) == (1, 1)
    assert tuple(model.linear.bias.shape) == (1,)


def test_forward_computes_x_wt_plus_b():
    model = LinearRegressionModel(3, 2)
    with torch.no_grad():
        model.linear.weight.copy_(torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5]]))
        model.linear.bias.copy_(torch.tensor([0.5, -2.0]))
    x = torch.tensor([[1.0, 1.0, 2.0]])
    torch.testing.assert_close(model(x), torch.tensor([[9.5, -2.0]]))


@pytest.mark.parametrize(("dims", "error"), [((0, 1), ValueError), ((1, -2), ValueError), ((1.5, 1), TypeError),
                                             ((True, 1), TypeError)])
def test_invalid_dims_are_rejected(dims, error):
    with pytest.raises(error, match="must be a whole number >= 1"):
        LinearRegressionModel(*dims)


def test_model_dims_and_device():
    assert model_dims(LinearRegressionModel(4, 2)) == (4, 2)
    assert model_dims(nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 1))) == (3, 1)
    assert model_dims(nn.ReLU()) == (None, None)
    assert model_device(LinearRegressionModel()) == torch.device("cpu")
