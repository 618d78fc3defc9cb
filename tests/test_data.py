import tomllib
from pathlib import Path

import numpy as np
import pytest
import torch

from linreg_utils import as_features, as_targets, load_diabetes, make_linear_data


def test_defaults_reproduce_the_post_exactly():
    x, y = make_linear_data()
    expected_x = np.array([i for i in range(11)], dtype=np.float32).reshape(-1, 1)
    expected_y = np.array([2 * i + 1 for i in range(11)], dtype=np.float32).reshape(-1, 1)
    assert x.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(x, expected_x)
    np.testing.assert_array_equal(y, expected_y)


def test_slope_intercept_and_n_are_used():
    x, y = make_linear_data(n=4, slope=-3.0, intercept=0.5)
    assert x.shape == y.shape == (4, 1)
    np.testing.assert_array_equal(y.ravel(), [0.5, -2.5, -5.5, -8.5])


def test_noise_is_reproducible_with_a_seed_and_centred_on_the_line():
    x, y1 = make_linear_data(n=2000, noise_std=0.5, seed=3)
    _, y2 = make_linear_data(n=2000, noise_std=0.5, seed=3)
    _, y3 = make_linear_data(n=2000, noise_std=0.5, seed=4)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(y1, y3)
    residual = y1 - (2 * x + 1)
    assert y1.dtype == np.float32
    assert abs(residual.mean()) < 0.05
    assert residual.std() == pytest.approx(0.5, rel=0.05)


@pytest.mark.parametrize("n", [0, -3])
def test_make_linear_data_rejects_fewer_than_one_point(n):
    with pytest.raises(ValueError, match="n must be a whole number >= 1"):
        make_linear_data(n=n)


def test_make_linear_data_rejects_a_non_integer_n():
    with pytest.raises(TypeError, match="n must be a whole number"):
        make_linear_data(n=2.5)


def test_make_linear_data_rejects_negative_noise():
    with pytest.raises(ValueError, match=r"noise_std must be a finite number >= 0 such as 0.0 \(no noise\)"):
        make_linear_data(noise_std=-1.0)


def test_1d_x_is_rejected_with_reshape_hint():
    with pytest.raises(ValueError, match=r"x has shape \(11,\); reshape it to \(11, 1\) with x.reshape\(-1, 1\)"):
        as_features(np.arange(11, dtype=np.float32))


def test_float64_array_is_rejected_with_astype_hint():
    with pytest.raises(TypeError, match=r"x is float64.*convert it with x.astype\(np.float32\)"):
        as_features(np.zeros((3, 1)))


def test_float64_tensor_is_rejected_with_float_hint():
    with pytest.raises(TypeError, match=r"x is float64.*convert it with x.float\(\)"):
        as_features(torch.zeros(3, 1, dtype=torch.float64))


def test_integer_array_is_rejected_with_astype_hint():
    with pytest.raises(TypeError, match=r"x is int64 \(whole numbers\).*x.astype\(np.float32\)"):
        as_features(np.zeros((3, 1), dtype=np.int64))


def test_python_list_is_rejected_with_np_array_hint():
    with pytest.raises(TypeError, match=r"x is a Python list.*np.array\(x, dtype=np.float32\).reshape\(-1, 1\)"):
        as_features([[1.0], [2.0]])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_x_is_rejected_with_its_row(bad):
    x = np.zeros((5, 1), dtype=np.float32)
    x[3, 0] = bad
    with pytest.raises(ValueError, match=r"x contains 1 NaN or inf value\(s\) \(first in row 3\)"):
        as_features(x)


def test_empty_x_is_rejected():
    with pytest.raises(ValueError, match=r"x is empty \(shape \(0, 1\)\)"):
        as_features(np.zeros((0, 1), dtype=np.float32))


def test_3d_x_is_rejected():
    with pytest.raises(ValueError, match=r"x has shape \(2, 3, 1\), but a 2-D"):
        as_features(np.zeros((2, 3, 1), dtype=np.float32))


def test_too_many_columns_for_the_model_is_rejected():
    with pytest.raises(ValueError, match=r"x has 2 columns, but the model expects 1 input feature"):
        as_features(np.zeros((4, 2), dtype=np.float32), in_features=1)


def test_as_features_shares_memory_with_numpy():
    x = np.zeros((3, 1), dtype=np.float32)
    t = as_features(x)
    x[0, 0] = 7.0
    assert t[0, 0].item() == 7.0


def test_1d_y_against_column_predictions_is_rejected_with_broadcast_warning():
    with pytest.raises(ValueError, match=r"y has shape \(11,\).*\(11, 1\).*y.reshape\(-1, 1\).*\(11, 11\)"):
        as_targets(np.zeros(11, dtype=np.float32), n=11)


def test_x_and_y_of_different_lengths_are_rejected():
    with pytest.raises(ValueError, match="x has 11 samples but y has 10: give one target per sample"):
        as_targets(np.zeros((10, 1), dtype=np.float32), n=11)


def test_nan_in_y_is_rejected():
    y = np.ones((4, 1), dtype=np.float32)
    y[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"y contains 1 NaN or inf value\(s\) \(first in row 0\)"):
        as_targets(y, n=4)


def test_float64_y_is_rejected():
    with pytest.raises(TypeError, match=r"y is float64.*y.astype\(np.float32\)"):
        as_targets(np.zeros((4, 1)), n=4)


def test_make_regression_data_shapes_and_exact_values_without_noise():
    from linreg_utils.data import make_regression_data

    x, y = make_regression_data(50, [1.0, -2.0], bias=0.5, seed=0)
    assert x.shape == (50, 2) and y.shape == (50, 1) and x.dtype == y.dtype == np.float32
    np.testing.assert_allclose(y[:, 0], x[:, 0] - 2 * x[:, 1] + 0.5, atol=1e-6)
    with pytest.raises(ValueError, match="weights is empty"):
        make_regression_data(5, [])


def test_train_test_split_is_reproducible_and_keeps_rows_together():
    from linreg_utils.data import train_test_split

    x, y = make_linear_data(n=20)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_fraction=0.25, seed=1)
    assert len(x_tr) == 15 and len(x_te) == 5
    np.testing.assert_array_equal(y_te, 2 * x_te + 1)
    assert sorted(np.concatenate([x_tr, x_te]).ravel().tolist()) == list(range(20))
    again = train_test_split(x, y, test_fraction=0.25, seed=1)[1]
    np.testing.assert_array_equal(again, x_te)
    x_tr_t, x_te_t, _, _ = train_test_split(torch.from_numpy(x), torch.from_numpy(y), 0.25, seed=1)
    np.testing.assert_array_equal(x_te_t.numpy(), x_te)


@pytest.mark.parametrize("fraction", [0.0, 1.0, 1.5])
def test_train_test_split_rejects_a_fraction_outside_0_1(fraction):
    from linreg_utils.data import train_test_split

    with pytest.raises(ValueError, match="test_fraction must be a (finite )?number > 0 and (<= 1|< 1) such as 0.25"):
        train_test_split(*make_linear_data(), test_fraction=fraction)


def test_train_test_split_rejects_an_empty_set_and_mismatched_lengths():
    from linreg_utils.data import train_test_split

    x, y = make_linear_data(n=3)
    with pytest.raises(ValueError, match="leaves an empty set"):
        train_test_split(x, y, test_fraction=0.1)
    with pytest.raises(ValueError, match="x has 3 samples but y has 2"):
        train_test_split(x, y[:2])


def test_standardize_gives_mean_0_std_1_and_rejects_constant_columns():
    from linreg_utils.data import standardize

    x, _ = make_linear_data()
    x_std, mean, std = standardize(x)
    assert x_std.dtype == np.float32 and x_std.shape == (11, 1)
    assert abs(x_std.mean()) < 1e-6 and x_std.std() == pytest.approx(1.0, rel=1e-6)
    assert mean[0] == 5.0 and std[0] == pytest.approx(np.sqrt(10.0))
    with pytest.raises(ValueError, match=r"column\(s\) \[0\] of x are constant"):
        standardize(np.ones((4, 1), dtype=np.float32))


# --- load_diabetes: notebook 09's data, shipped inside linreg_utils (the learner environment has no scikit-learn) ---


def test_load_diabetes_gives_the_raw_table_with_its_column_names():
    diabetes = load_diabetes()
    assert diabetes.data.shape == (442, 10) and diabetes.data.dtype == np.float64
    assert diabetes.target.shape == (442,) and diabetes.target.dtype == np.float64
    assert diabetes.feature_names == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    np.testing.assert_array_equal(diabetes.data[0], [59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87])
    assert diabetes.target[:3].tolist() == [151, 75, 141]
    assert set(np.unique(diabetes.data[:, 1])) == {1.0, 2.0}  # raw units: sex is coded 1 or 2, not centered


def test_load_diabetes_is_bit_for_bit_scikit_learns_raw_data():
    datasets = pytest.importorskip("sklearn.datasets")  # scikit-learn is in the developer environment only
    ours, theirs = load_diabetes(), datasets.load_diabetes(scaled=False)
    assert ours.data.dtype == theirs.data.dtype and ours.target.dtype == theirs.target.dtype
    assert ours.data.tobytes() == theirs.data.tobytes()
    assert ours.target.tobytes() == theirs.target.tobytes()
    assert ours.feature_names == list(theirs.feature_names)


def test_the_diabetes_files_are_package_data_so_a_wheel_ships_them():
    root = Path(__file__).resolve().parent.parent
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = {path.relative_to(root / "linreg_utils").as_posix()
               for pattern in patterns["linreg_utils"] for path in (root / "linreg_utils").glob(pattern)}
    needed = {"datasets/diabetes_data_raw.csv.gz", "datasets/diabetes_target.csv.gz", "datasets/README.txt"}
    assert needed <= shipped, f"pyproject.toml's package-data misses {sorted(needed - shipped)}"
    assert "BSD 3-Clause" in (root / "linreg_utils" / "datasets" / "README.txt").read_text(encoding="utf-8")
