"""Helpers for the notebook series "Linear Regression with PyTorch".

One module per concept, each importing only the modules before it in this order:
``figure_text`` and ``language`` (the learner's language: ``set_language("zh")`` or ``LINREG_LANG=zh``)
→ ``validation`` (every argument check, one helper per kind, and ``kind_of``) → ``data`` → ``model`` (the model
and ``gradient_step``, the one loop body of the series) → ``batching`` → ``analysis`` → ``training``
→ ``evaluation`` → ``checkpoint`` → ``plotting`` → ``exercises``, plus ``tracebacks`` (short tracebacks
in notebooks), ``cli`` (what both command lines share) and ``distributed`` (notebook 11, under
``torchrun``). ``analysis`` (notebooks 07–08: the exact answer, the Hessian, the largest stable learning rate,
and the path gradient descent takes, ``descent_path`` and ``compare_optimizers``) comes before ``training``
because a divergence message quotes that learning rate; both train with ``model.gradient_step``.
``python -m linreg_utils`` runs the original
post end to end. ``plotting`` (matplotlib) and ``distributed`` are imported on their own:
``from linreg_utils.plotting import plot_fit``. No name exported here is also a name of Python's standard
library (``DescentPath``, not ``Path``).
"""

from .analysis import (
    DescentPath,
    closed_form,
    compare_optimizers,
    descent_path,
    design_matrix,
    loss_grid,
    mse_hessian,
    stable_lr_limit,
    unstandardize,
)
from .checkpoint import (
    atomic_save,
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
from .model import LinearRegressionModel, gradient_step
from .training import (
    History,
    TrainingDivergedError,
    TrainingGotWorseWarning,
    TrainingInterrupted,
    prepare_xy,
    train,
)
from .validation import check_learning_rate, check_number, check_probability, check_save_path, check_whole_number

__all__ = [
    "check_number",
    "check_probability",
    "check_whole_number",
    "closed_form",
    "compare_optimizers",
    "design_matrix",
    "gradient_step",
    "DescentPath",
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
