"""Exercises for notebook 06 · Saving and loading. Messages: ``text/<language>/nb06.py``."""

from __future__ import annotations

import os
import tempfile
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from .core import Mistake, Question, Unreadable, Wrong, one_number, shape, text_answer

# ---------------------------------------------------------------- q1: names and shapes of a state dict

_STATE = {"linear.weight": (2, 3), "linear.bias": (2,)}  # of LinearRegressionModel(3, 2)


def _read_state_shapes(answer: Any) -> dict[str, tuple[int, ...]]:
    if not isinstance(answer, Mapping):
        names_only = isinstance(answer, (list, tuple, set)) or type(answer).__name__ == "odict_keys"
        raise Unreadable("q1.names_only" if names_only else "q1.not_a_dict")
    shapes = {}
    for name, value in answer.items():
        name = text_answer(name) if isinstance(name, str) else name  # "ｌｉｎｅａｒ．ｗｅｉｇｈｔ" from an input method
        try:  # a tensor (the state dict itself) by its shape; a bare 2 gets "a shape is a tuple ...: write (2,)"
            shapes[name] = shape(value.shape if isinstance(value, torch.Tensor) else value)
        except Unreadable as err:
            if err.wrong.key != "core.shape":
                raise
            raise Unreadable("q1.not_a_shape", name=name, got=repr(value)) from None
    return shapes


def _names_right(got: dict) -> bool:
    return set(got) == set(_STATE)


def _state_verdict(got: dict) -> Wrong:
    if not _names_right(got):
        return Wrong("q1.names", names=list(got))
    if got["linear.weight"] != _STATE["linear.weight"]:
        return Wrong("q1.weight", weight=got["linear.weight"])
    return Wrong("q1.bias", bias=got["linear.bias"])


q1 = Question(
    "nb06.q1",
    read=_read_state_shapes,
    expected=lambda got: list(got.items()) == list(_STATE.items()),
    mistakes=[
        Mistake(lambda got: set(got) == {"weight", "bias"}, "q1.no_prefix", example={"weight": (2, 3), "bias": (2,)}),
        Mistake(
            lambda got: "linear" in got,
            "q1.layer",
            example={"linear": (2, 3), "linear.weight": (2, 3), "linear.bias": (2,)},
        ),
        Mistake(
            lambda got: _names_right(got) and list(got) != list(_STATE),
            "q1.order",
            example={"linear.bias": (2,), "linear.weight": (2, 3)},
        ),
        Mistake(
            lambda got: _names_right(got) and got["linear.weight"] == (3, 2),
            "q1.weight_transposed",
            example={"linear.weight": (3, 2), "linear.bias": (2,)},
        ),
        Mistake(
            lambda got: _names_right(got) and got["linear.weight"] == (2, 3) and got["linear.bias"] in ((2, 1), (1, 2)),
            "q1.bias_2d",
            example={"linear.weight": (2, 3), "linear.bias": (2, 1)},
        ),
    ],
    otherwise=_state_verdict,
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

    Example:
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     write_mystery_model(folder).name
        'mystery.pt'
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


# the input of exercise 2 (the notebook imports it): the file, in a temporary folder of its own that is deleted
# when Python exits
_MYSTERY_FOLDER = tempfile.TemporaryDirectory(prefix="linreg_mystery_")
mystery_path = write_mystery_model(_MYSTERY_FOLDER.name)


q2 = Question(
    "nb06.q2",
    read=one_number(several="q2.several"),
    expected=MYSTERY_WEIGHT * 4 + MYSTERY_BIAS,
    mistakes=[
        Mistake(9.0, "q2.own_model"),  # our model of y = 2x + 1
        Mistake(MYSTERY_BIAS, "q2.bias_only"),
        Mistake(MYSTERY_WEIGHT * 4, "q2.no_bias"),
    ],
    otherwise="q2.otherwise",
    solution="""
    mystery = LinearRegressionModel(1, 1)
    mystery.load_state_dict(torch.load(mystery_path, weights_only=True))
    answer = predict(mystery, np.array([[4.0]], dtype=np.float32)).item()   # -2.0
    # the file holds w = -1.5 and b = 4.0, so the prediction is -1.5 * 4 + 4 = -2.
    """,
)

# ---------------------------------------------------------------- q3: extension and weights_only


def _read_extension_and_flag(answer: Any) -> tuple[str, Any]:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Unreadable("q3.pair")
    extension, flag = answer
    if not isinstance(extension, str):
        raise Unreadable("q3.extension_str")
    extension = text_answer(extension).strip().lower()  # "．ｐｔ" typed by a Chinese input method is ".pt"
    if isinstance(flag, str):
        flag = text_answer(flag).strip()
    return extension if extension.startswith(".") else "." + extension, flag


q3 = Question(
    "nb06.q3",
    read=_read_extension_and_flag,
    expected=lambda got: got[0] in (".pt", ".pth") and got[1] is True,
    mistakes=[
        Mistake(lambda got: got[0] in (".pkl", ".pickle"), "q3.pickle", example=(".pkl", True)),
        Mistake(lambda got: got[0] not in (".pt", ".pth"), "q3.extension", example=(".zip", True)),
        Mistake(lambda got: isinstance(got[1], str), "q3.quoted", example=(".pt", "True")),
        Mistake(lambda got: got[1] is False, "q3.unsafe", example=(".pt", False)),
    ],
    otherwise="q3.otherwise",
    solution="""
    answer = (".pt", True)     # ".pth" is fine too
    # torch.save writes a zip archive, not a plain pickle; weights_only=True only rebuilds tensors and plain
    # containers, so a file cannot run code while it loads.
    """,
)
