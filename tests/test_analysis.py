import numpy as np
import pytest
import torch

from linreg_utils.analysis import (
    closed_form,
    compare_optimizers,
    descent_path,
    loss_grid,
    mse_hessian,
    stable_lr_limit,
    unstandardize,
)
from linreg_utils.data import make_regression_data, standardize


def test_closed_form_recovers_the_posts_line_exactly(data):
    w, b = closed_form(*data)
    assert w.shape == (1, 1) and b.shape == (1,)
    np.testing.assert_allclose(w, [[2.0]], atol=1e-12)
    np.testing.assert_allclose(b, [1.0], atol=1e-12)


def test_closed_form_with_several_features_matches_numpy_lstsq():
    x, y = make_regression_data(100, [1.5, -2.0, 0.25], bias=0.5, noise_std=0.1, seed=1)
    w, b = closed_form(x, y)
    design = np.hstack([x.astype(np.float64), np.ones((100, 1))])
    theta = np.linalg.lstsq(design, y.astype(np.float64), rcond=None)[0]
    np.testing.assert_allclose(w[0], theta[:3, 0], rtol=1e-10)
    np.testing.assert_allclose(b, theta[3], rtol=1e-10)


def test_hessian_of_the_posts_data_and_the_stability_threshold(data):
    x, _ = data
    np.testing.assert_allclose(mse_hessian(x), [[70.0, 10.0], [10.0, 2.0]])
    assert np.linalg.eigvalsh(mse_hessian(x)).max() == pytest.approx(71.44, abs=0.01)
    assert stable_lr_limit(x) == pytest.approx(0.028, abs=0.0001)


def test_gradient_descent_converges_just_below_the_limit_and_diverges_above(data):
    limit = stable_lr_limit(data[0])
    below = descent_path(*data, 3000, lambda p: torch.optim.SGD(p, lr=0.97 * limit))
    above = descent_path(*data, 300, lambda p: torch.optim.SGD(p, lr=1.03 * limit))
    assert below.losses[-1] < 1e-6
    assert above.losses[-1] > above.losses[0]


def test_standardized_hessian_is_2_identity_and_lr_half_lands_in_one_step(data):
    x, y = data
    x_std, mean, std = standardize(x)
    np.testing.assert_allclose(mse_hessian(x_std), 2 * np.eye(2), atol=1e-6)
    path = descent_path(x_std, y, 1, lambda p: torch.optim.SGD(p, lr=0.5))
    w, b = unstandardize(path.params[-1, :1].reshape(1, 1), path.params[-1, 1:], mean, std)
    np.testing.assert_allclose(w, [[2.0]], atol=1e-5)
    np.testing.assert_allclose(b, [1.0], atol=1e-5)


def test_post_settings_need_916_epochs_to_get_within_1e_3(data):
    path = descent_path(*data, 1000)
    assert path.params.shape == (1001, 2) and path.losses.shape == (1000,)
    assert path.epochs_to_reach((2.0, 1.0), 1e-3) == 916
    assert path.epochs_to_reach((2.0, 1.0), 1e-9) is None


def test_loss_grid_matches_mse_at_a_point_and_is_zero_at_the_answer(data):
    x, y = data
    grid = loss_grid(x, y, np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0]))
    assert grid.shape == (2, 3)
    assert grid[1, 1] == 0.0
    assert grid[0, 0] == pytest.approx(np.mean((1.0 * x + 0.0 - y) ** 2))


def test_compare_optimizers_reports_epochs_and_never(data):
    rows = compare_optimizers(
        *data,
        {"SGD": lambda p: torch.optim.SGD(p, lr=0.01), "tiny lr": lambda p: torch.optim.SGD(p, lr=1e-5)},
        max_epochs=1000,
    )
    assert [r["optimizer"] for r in rows] == ["SGD", "tiny lr"]
    assert rows[0]["epochs"] == 916
    assert rows[1]["epochs"] is None


def test_modules_import_only_earlier_modules_and_no_private_names():
    """The package's layering: each module imports only the ones before it, and only public names."""
    import ast
    from pathlib import Path

    order = ["figure_text", "language", "validation", "data", "model", "batching", "analysis", "training",
             "evaluation", "checkpoint", "plotting"]
    package = Path(__file__).resolve().parent.parent / "linreg_utils"
    for name in order:
        tree = ast.parse((package / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
                for target in targets:
                    assert target in order[: order.index(name)], f"{name} imports {target}, which comes after it"
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{name} imports private names {private} from {target}"


def test_one_gradient_step_serves_train_descent_path_and_ddp(data):
    """train and descent_path take the same steps: the same losses from the same start."""
    from linreg_utils import LinearRegressionModel, train

    torch.manual_seed(0)
    history = train(LinearRegressionModel(1, 1), *data, epochs=50, log_every=0)
    path = descent_path(*data, epochs=50, seed=0)
    np.testing.assert_allclose(history.losses, path.losses, rtol=1e-6)
