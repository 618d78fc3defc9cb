"""Property-based tests: the helpers hold for many random inputs, not just the post's."""

import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_utils import LinearRegressionModel, closed_form, load_model, make_linear_data, predict, save_model, train
from linreg_utils.data import standardize

slopes = st.floats(-5, 5, allow_nan=False, width=32)
intercepts = st.floats(-5, 5, allow_nan=False, width=32)
sizes = st.integers(2, 60)


@given(n=st.integers(1, 500), slope=slopes, intercept=intercepts)
def test_make_linear_data_shapes_dtypes_and_exact_values(n, slope, intercept):
    x, y = make_linear_data(n=n, slope=slope, intercept=intercept)
    assert x.shape == y.shape == (n, 1)
    assert x.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(x[:, 0], np.arange(n, dtype=np.float32))
    np.testing.assert_array_equal(y, (slope * x + intercept).astype(np.float32))


@given(n=sizes, slope=slopes, intercept=intercepts, noise=st.floats(0.01, 3), seed=st.integers(0, 2**32 - 1))
def test_noise_is_reproducible_for_any_seed(n, slope, intercept, noise, seed):
    a = make_linear_data(n, slope, intercept, noise, seed)[1]
    b = make_linear_data(n, slope, intercept, noise, seed)[1]
    np.testing.assert_array_equal(a, b)


@settings(max_examples=25, deadline=None)
@given(n=sizes, slope=slopes, intercept=intercepts)
def test_training_with_a_stable_learning_rate_recovers_the_closed_form(n, slope, intercept):
    """On standardized x the Hessian is 2·I, so lr = 0.25 is safely below 2/λ_max = 1."""
    x, y = make_linear_data(n=n, slope=slope, intercept=intercept)
    x_std, _, _ = standardize(x)
    w_exact, b_exact = closed_form(x_std, y)
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    train(model, x_std, y, epochs=60, lr=0.25, log_every=0)
    tolerance = 1e-3 * (1 + abs(w_exact[0, 0]) + abs(b_exact[0]))
    assert abs(model.linear.weight.item() - w_exact[0, 0]) < tolerance
    assert abs(model.linear.bias.item() - b_exact[0]) < tolerance


@settings(max_examples=25, deadline=None)
@given(in_dim=st.integers(1, 5), out_dim=st.integers(1, 3), seed=st.integers(0, 10_000),
       rows=st.integers(1, 20))
def test_save_then_load_round_trips_exactly(tmp_path_factory, in_dim, out_dim, seed, rows):
    torch.manual_seed(seed)
    model = LinearRegressionModel(in_dim, out_dim)
    path = save_model(model, tmp_path_factory.mktemp("rt") / "model.pt")
    loaded = load_model(path)
    for name, tensor in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor)
    x = np.random.default_rng(seed).normal(size=(rows, in_dim)).astype(np.float32)
    np.testing.assert_array_equal(predict(loaded, x), predict(model, x))
