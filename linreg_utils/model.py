"""The post's model: one fully connected layer (全连接层) with no activation (激活函数)."""

from __future__ import annotations

import torch
from torch import nn

from .language import message
from .validation import check_whole_number


class LinearRegressionModel(nn.Module):
    """Linear regression as a single ``nn.Linear`` layer: ``y = x @ W.T + b``.

    Args:
        input_dim: number of input features per sample (1 for the post).
        output_dim: number of outputs per sample (1 for the post).

    Shape:
        - Input: ``(n, input_dim)`` float32.
        - Output: ``(n, output_dim)`` float32.

    Attributes:
        linear: the layer; ``linear.weight`` is ``(output_dim, input_dim)`` and
            ``linear.bias`` is ``(output_dim,)``.

    Example:
        >>> model = LinearRegressionModel(1, 1)
        >>> model(torch.zeros(4, 1)).shape
        torch.Size([4, 1])
    """

    def __init__(self, input_dim: int = 1, output_dim: int = 1) -> None:
        super().__init__()
        input_dim = check_whole_number(input_dim, "input_dim", 1)
        output_dim = check_whole_number(output_dim, "output_dim", 1)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.linear = nn.Linear(input_dim, output_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def model_dims(model: nn.Module) -> tuple[int | None, int | None]:
    """Return ``(in_features, out_features)`` of a model's first and last ``nn.Linear``.

    ``(None, None)`` when the model has no ``nn.Linear`` (then shapes are not checked).
    """
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    if not linears:
        return None, None
    return linears[0].in_features, linears[-1].out_features


def model_device(model: nn.Module) -> torch.device:
    """The device holding the model's parameters (CPU for a model without any)."""
    for p in model.parameters():
        return p.device
    return torch.device("cpu")


def model_dtype(model: nn.Module) -> torch.dtype:
    """The dtype of the model's floating-point parameters (float32 for a model without any)."""
    for p in model.parameters():
        if p.is_floating_point():
            return p.dtype
    return torch.float32


def check_model_dtype(model: nn.Module) -> torch.dtype:
    """Return the model's dtype if the helpers can feed it (float32 or float64), else raise ``TypeError``."""
    dtype = model_dtype(model)
    if dtype not in (torch.float32, torch.float64):
        name = str(dtype).replace("torch.", "")
        raise TypeError(message("model.dtype", dtype=name))
    return dtype


def unwrap_model(model: nn.Module) -> nn.Module:
    """The model inside a ``torch.compile`` wrapper (``._orig_mod``) or a ``DistributedDataParallel`` /
    ``DataParallel`` wrapper (``.module``), so its ``state_dict`` has the plain parameter names."""
    while True:
        inner = getattr(model, "_orig_mod", None)
        if inner is None and isinstance(model, (nn.parallel.DistributedDataParallel, nn.DataParallel)):
            inner = model.module
        if not isinstance(inner, nn.Module):
            return model
        model = inner
