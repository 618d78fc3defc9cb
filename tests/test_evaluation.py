import numpy as np
import pytest
import torch

from linreg_utils import mae, mse, predict, r2_score


def test_predict_returns_float32_numpy_column(trained, data):
    x, y = data
    pred = predict(trained, x)
    assert isinstance(pred, np.ndarray)
    assert pred.shape == (11, 1) and pred.dtype == np.float32
    np.testing.assert_allclose(pred, y, atol=2e-3)


def test_predict_matches_the_posts_requires_grad_data_idiom(trained, data):
    x, _ = data
    post = trained(torch.from_numpy(x).requires_grad_()).data.numpy()
    np.testing.assert_array_equal(predict(trained, x), post)


def test_predict_builds_no_graph_and_restores_training_mode(trained, data):
    x, _ = data
    trained.train()
    pred = predict(trained, torch.from_numpy(x))
    assert trained.training
    assert isinstance(pred, np.ndarray)


def test_predict_rejects_1d_input_with_reshape_hint(trained):
    with pytest.raises(ValueError, match=r"reshape it to \(3, 1\)"):
        predict(trained, np.array([1.0, 2.0, 3.0], dtype=np.float32))


def test_metrics_match_hand_computation():
    y = np.array([[1.0], [2.0], [3.0], [4.0]], dtype=np.float32)
    p = np.array([[1.5], [2.0], [2.0], [4.0]], dtype=np.float32)
    assert mse(y, p) == pytest.approx((0.25 + 0 + 1 + 0) / 4)
    assert mae(y, p) == pytest.approx((0.5 + 0 + 1 + 0) / 4)
    assert r2_score(y, p) == pytest.approx(1 - 1.25 / 5.0)
    assert r2_score(y, y) == 1.0


def test_mse_equals_torch_mse_loss():
    rng = np.random.default_rng(0)
    y = rng.normal(size=(20, 1)).astype(np.float32)
    p = rng.normal(size=(20, 1)).astype(np.float32)
    expected = torch.nn.MSELoss()(torch.from_numpy(p), torch.from_numpy(y)).item()
    assert mse(y, p) == pytest.approx(expected, rel=1e-6)


def test_r2_of_constant_targets_is_refused():
    y = np.ones((3, 1), dtype=np.float32)
    with pytest.raises(ValueError, match="R² is undefined when every y_true is the same"):
        r2_score(y, y)


def test_metrics_reject_1d_targets_against_column_predictions():
    with pytest.raises(ValueError, match=r"y_true has shape \(3,\)"):
        mse(np.zeros(3, dtype=np.float32), np.zeros((3, 1), dtype=np.float32))


def test_metrics_accept_float64_predictions_such_as_the_closed_forms():
    y = np.array([[1.0], [2.0], [4.0]], dtype=np.float32)
    p = np.array([[1.0], [2.5], [4.0]], dtype=np.float64)
    assert mse(y, p) == pytest.approx(0.25 / 3)
    assert mae(torch.from_numpy(y).double(), p) == pytest.approx(0.5 / 3)


def test_metrics_still_reject_integer_predictions():
    with pytest.raises(TypeError, match="y_pred is int64"):
        mse(np.zeros((3, 1), dtype=np.float32), np.zeros((3, 1), dtype=np.int64))
