"""Helpers for the notebook series "Linear Regression with PyTorch".

One module per concept, each importing only the modules before it in this order:
``figure_text`` and ``language`` (the learner's language: ``set_language("zh")`` or ``LINREG_LANG=zh``)
→ ``validation`` (plain arguments) → ``data`` → ``model`` → ``batching`` → ``analysis`` → ``training``
→ ``evaluation`` → ``checkpoint`` → ``plotting`` → ``exercises``, plus ``tracebacks`` (short tracebacks
in notebooks), ``cli`` (what both command lines share) and ``distributed`` (notebook 11, under
``torchrun``). ``analysis`` (the exact answer, the Hessian and the largest stable learning rate,
notebooks 07–08) comes before ``training`` because a divergence message quotes that learning rate.
``python -m linreg_utils`` runs the original
post end to end. ``plotting`` (matplotlib) and ``distributed`` are imported on their own:
``from linreg_utils.plotting import plot_fit``.
"""

from .analysis import closed_form, design_matrix, loss_grid, mse_hessian, stable_lr_limit, unstandardize
from .checkpoint import (
    atomic_save,
    check_save_path,
    load_checkpoint,
    load_model,
    safe_load,
    save_checkpoint,
    save_model,
)
from .data import (
    as_features,
    as_targets,
    load_diabetes,
    make_linear_data,
    make_regression_data,
    standardize,
    train_test_split,
)
from .evaluation import mae, mse, predict, r2_score
from .language import get_language, set_language
from .model import LinearRegressionModel
from .training import (
    History,
    Path,
    TrainingDivergedError,
    TrainingGotWorseWarning,
    TrainingInterrupted,
    check_learning_rate,
    compare_optimizers,
    descent_path,
    gradient_step,
    prepare_xy,
    train,
)
from .validation import check_number, check_probability, check_whole_number

__all__ = [
    "check_number",
    "check_probability",
    "check_whole_number",
    "closed_form",
    "compare_optimizers",
    "design_matrix",
    "gradient_step",
    "Path",
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
    "TrainingGotWorseWarning",
    "TrainingInterrupted",
    "as_features",
    "as_targets",
    "atomic_save",
    "check_save_path",
    "check_learning_rate",
    "load_checkpoint",
    "load_diabetes",
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
    "get_language",
    "set_language",
    "train",
]
__version__ = "0.1.0"
