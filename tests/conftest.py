"""Shared fixtures. PyTorch and linreg_utils are imported inside them: pytest-xdist's controller process loads
this file too but runs no test, and importing PyTorch there would delay the start of the workers by ~3 s."""

import numpy as np
import pytest


@pytest.fixture
def data():
    """The post's data: x = 0..10 and y = 2x + 1, as (11, 1) float32 arrays."""
    from linreg_utils import make_linear_data

    return make_linear_data()


@pytest.fixture
def model():
    import torch

    from linreg_utils import LinearRegressionModel

    torch.manual_seed(0)
    return LinearRegressionModel(1, 1)


@pytest.fixture(scope="session")
def _trained_weights():
    """The post's model after the post's training (1000 epochs, lr 0.01), trained once per test process."""
    import torch

    from linreg_utils import LinearRegressionModel, make_linear_data, train

    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    train(model, *make_linear_data(), log_every=0)
    return {name: tensor.clone() for name, tensor in model.state_dict().items()}


@pytest.fixture
def trained(model, _trained_weights):
    """``model`` (the same object), trained as the post trains it; each test gets its own copy of the weights."""
    model.load_state_dict(_trained_weights)
    return model


def column(values):
    return np.asarray(values, dtype=np.float32).reshape(-1, 1)
