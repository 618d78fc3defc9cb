"""Helpers for the notebook series "Linear Regression with PyTorch".

One module per concept, in the order the notebooks meet them, each importing only earlier ones:
``data`` → ``model`` → ``batching`` → ``training`` → ``evaluation`` → ``checkpoint`` → ``analysis``
→ ``plotting`` → ``exercises``, plus ``distributed`` (notebook 11, run under ``torchrun``).
``python -m linreg_utils`` runs the original post end to end. ``plotting`` (matplotlib) and
``distributed`` are imported on their own: ``from linreg_utils.plotting import plot_fit``.
"""

from .analysis import (
    closed_form,
    compare_optimizers,
    descent_path,
    loss_grid,
    mse_hessian,
    stable_lr_limit,
    unstandardize,
)
from .checkpoint import (
    atomic_save,
    check_save_path,
    load_checkpoint,
    load_model,
    safe_load,
    save_checkpoint,
    save_model,
)
from .data import as_features, as_targets, make_linear_data, make_regression_data, standardize, train_test_split
from .evaluation import mae, mse, predict, r2_score
from .model import LinearRegressionModel
from .training import History, TrainingDivergedError, TrainingInterrupted, check_learning_rate, prepare_xy, train

__all__ = [
    "closed_form",
    "compare_optimizers",
    "descent_path",
    "loss_grid",
    "make_regression_data",
    "mse_hessian",
    "stable_lr_limit",
    "standardize",
    "train_test_split",
    "unstandardize",
    "History",
    "LinearRegressionModel",
    "TrainingDivergedError",
    "TrainingInterrupted",
    "as_features",
    "as_targets",
    "atomic_save",
    "check_save_path",
    "check_learning_rate",
    "load_checkpoint",
    "load_model",
    "mae",
    "make_linear_data",
    "mse",
    "predict",
    "prepare_xy",
    "r2_score",
    "safe_load",
    "save_checkpoint",
    "save_model",
    "train",
]
__version__ = "0.1.0"
