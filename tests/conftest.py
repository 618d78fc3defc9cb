import numpy as np
import pytest
import torch

from linreg_utils import LinearRegressionModel, make_linear_data


@pytest.fixture
def data():
    """The post's data: x = 0..10 and y = 2x + 1, as (11, 1) float32 arrays."""
    return make_linear_data()


@pytest.fixture
def model():
    torch.manual_seed(0)
    return LinearRegressionModel(1, 1)


@pytest.fixture
def trained(model, data):
    from linreg_utils import train

    x, y = data
    train(model, x, y, log_every=0)
    return model


def column(values):
    return np.asarray(values, dtype=np.float32).reshape(-1, 1)
