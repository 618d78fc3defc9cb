"""Exercises for notebook 06 · Saving and loading."""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import torch

from .core import Question, compare_number

# ---------------------------------------------------------------- q1: names and shapes of a state dict

_Q1_EXPECTED = {"linear.weight": (2, 3), "linear.bias": (2,)}


def _as_shape(value: Any) -> tuple | None:
    if isinstance(value, torch.Tensor):  # the learner passed the state dict itself
        return tuple(value.shape)
    if isinstance(value, (tuple, list)) and all(isinstance(v, (int, np.integer)) for v in value):
        return tuple(int(v) for v in value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return (int(value),)
    return None


def _check_state_dict_shapes(answer: Any) -> str | None:
    if not isinstance(answer, Mapping):
        if isinstance(answer, (list, tuple, set)) or type(answer).__name__ == "odict_keys":
            return "give a dictionary that maps each name to its shape, e.g. {'a.b': (1, 1), ...}, not just the names."
        return "give a dictionary that maps each name to its shape, e.g. {'a.b': (1, 1), ...}."
    names = list(answer)
    if set(names) == {"weight", "bias"}:
        return (
            "'weight' and 'bias' are the names inside nn.Linear; the model keeps that layer in the attribute "
            "self.linear, so the state dict's names start with 'linear.'."
        )
    if "linear" in names:
        return "'linear' is the layer (a module), not a tensor: the state dict lists only tensors, named layer.tensor."
    if set(names) != set(_Q1_EXPECTED):
        return f"the names {names} are not the state dict's names: print(list(model.state_dict())) shows them."
    if names != list(_Q1_EXPECTED):
        return "the right names, but not in the state dict's order: nn.Linear creates its weight first, then its bias."
    shapes = {name: _as_shape(value) for name, value in answer.items()}
    for name, shape in shapes.items():
        if shape is None:
            return f"the shape of {name} should be a tuple of whole numbers, like (2, 3), got {answer[name]!r}."
    weight, bias = shapes["linear.weight"], shapes["linear.bias"]
    if weight == (3, 2):
        return (
            "linear.weight is (3, 2) the wrong way round: nn.Linear stores its weight as "
            "(out_features, in_features), so 2 outputs and 3 inputs give (2, 3)."
        )
    if weight != (2, 3):
        return f"linear.weight has shape {weight}, which is not right yet: one row per output, one column per input."
    if bias in ((2, 1), (1, 2)):
        return "the bias is 1-D: one number per output, so its shape is (2,) — a tuple with one element."
    if bias != (2,):
        return f"linear.bias has shape {bias}, which is not right yet: the bias holds one number per output."
    return None


q1 = Question(
    prompt="Give the names and shapes in the state dict of LinearRegressionModel(3, 2), as a dict in order.",
    checker=_check_state_dict_shapes,
    hint=(
        "Our model keeps its nn.Linear in self.linear, so the names start with 'linear.'. nn.Linear stores its "
        "weight as (out_features, in_features) and its bias as one number per output. Or build the model and "
        "loop over its state dict's items, as in section 1, collecting tuple(tensor.shape) for each name."
    ),
    solution="""
answer = {"linear.weight": (2, 3), "linear.bias": (2,)}
# or: {name: tuple(t.shape) for name, t in LinearRegressionModel(3, 2).state_dict().items()}
# weight: one row per output (2), one column per input (3); bias: one number per output.
""",
)

# ---------------------------------------------------------------- q2: load a given file and predict

MYSTERY_WEIGHT = -1.5
MYSTERY_BIAS = 4.0
MYSTERY_FILE = "mystery.pt"


def write_mystery_model(folder: str | os.PathLike) -> Path:
    """Write the state dict of a ``LinearRegressionModel(1, 1)`` to ``folder / "mystery.pt"``.

    Args:
        folder: an existing folder, e.g. a ``tempfile.TemporaryDirectory()``'s name.

    Returns:
        The path of the file written.

    Raises:
        FileNotFoundError: if ``folder`` does not exist.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} does not exist: create it first, or use a temporary folder")
    state = OrderedDict(
        [
            ("linear.weight", torch.tensor([[MYSTERY_WEIGHT]])),
            ("linear.bias", torch.tensor([MYSTERY_BIAS])),
        ]
    )
    path = folder / MYSTERY_FILE
    torch.save(state, path)
    return path


def _check_mystery_prediction(answer: Any) -> str | None:
    if isinstance(answer, torch.Tensor):
        answer = answer.detach().cpu().numpy()
    if isinstance(answer, np.ndarray):
        if answer.size != 1:
            return f"your answer has {answer.size} values; give one number: the prediction for x = 4 only."
        answer = answer.item()
    problem = compare_number(answer, MYSTERY_WEIGHT * 4 + MYSTERY_BIAS, name="your prediction")
    if problem is None or "should be a number" in problem:
        return problem
    value = float(answer)
    if abs(value - 9.0) < 0.01:
        return (
            "9 is what our own model (y = 2x + 1) predicts: build a fresh LinearRegressionModel(1, 1) and load "
            "mystery.pt's weights into it with model.load_state_dict(torch.load(mystery_path, weights_only=True))."
        )
    if abs(value - MYSTERY_BIAS) < 1e-3:
        return "4 is the prediction at x = 0 (just the bias) — predict at x = 4: np.array([[4.0]], dtype=np.float32)."
    if abs(value - MYSTERY_WEIGHT * 4) < 1e-3:
        return "that is w·x without the bias: a linear layer computes w·x + b."
    return (
        f"{value:.4g} is not the loaded model's prediction. Did model.load_state_dict(...) run on the model you "
        "predict with? A fresh model without it predicts with its random starting weights."
    )


q2 = Question(
    prompt="Load mystery.pt's weights into a fresh LinearRegressionModel(1, 1) and give its prediction for x = 4.",
    checker=_check_mystery_prediction,
    hint=(
        "Three steps: mystery = LinearRegressionModel(1, 1); "
        "mystery.load_state_dict(torch.load(mystery_path, weights_only=True)); "
        "then predict(mystery, np.array([[4.0]], dtype=np.float32))."
    ),
    solution="""
mystery = LinearRegressionModel(1, 1)
mystery.load_state_dict(torch.load(mystery_path, weights_only=True))
answer = predict(mystery, np.array([[4.0]], dtype=np.float32)).item()   # -2.0
# the file holds w = -1.5 and b = 4.0, so the prediction is -1.5 * 4 + 4 = -2.
""",
)

# ---------------------------------------------------------------- q3: extension and weights_only

_GOOD_EXTENSIONS = {".pt", ".pth"}


def _check_extension_and_flag(answer: Any) -> str | None:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair: (extension, weights_only value), e.g. ('.xyz', False)."
    extension, flag = answer
    if not isinstance(extension, str):
        return "the extension should be a string such as '.xyz'."
    ext = extension.strip().lower()
    ext = ext if ext.startswith(".") else "." + ext
    if ext in {".pkl", ".pickle"}:
        return (
            f"{extension} suggests a plain pickle, but torch.save writes a zip archive (pickle.load cannot read it): "
            "use PyTorch's convention instead."
        )
    if ext not in _GOOD_EXTENSIONS:
        return f"{extension} is not PyTorch's convention for torch.save files."
    if isinstance(flag, str):
        return f"give the Python value {flag.strip()} without quotes, not the string {flag!r}."
    if flag is False:
        return "weights_only=False lets the file run any code while it loads: never for a file you downloaded."
    if flag is not True:
        return f"weights_only takes True or False, got {flag!r}."
    return None


q3 = Question(
    prompt="Which extension for a torch.save file, and which weights_only value for a downloaded file?",
    checker=_check_extension_and_flag,
    hint="The post used .pkl; PyTorch's own convention is different. And which setting refuses to run code?",
    solution="""
answer = (".pt", True)     # ".pth" is fine too
# torch.save writes a zip archive, not a plain pickle; weights_only=True only rebuilds tensors and plain
# containers, so a file cannot run code while it loads.
""",
)
