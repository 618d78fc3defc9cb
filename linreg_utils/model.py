"""The post's model: one fully connected layer (全连接层) with no activation (激活函数), and one step of training it.

:func:`gradient_step` lives here, before ``analysis`` and ``training``, because both train with it.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

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


def gradient_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
) -> torch.Tensor:
    """One step of gradient descent on ``(x, y)``: ``zero_grad -> forward -> loss -> backward -> step``.

    The one loop body of the series: :func:`linreg_utils.training.train` (on all the data, or on each
    mini-batch), :func:`linreg_utils.analysis.descent_path` (notebooks 07–08) and the DDP job of
    :mod:`linreg_utils.distributed` all call it.

    Args:
        model: the model, updated in place.
        optimizer: an optimizer over ``model``'s parameters.
        x: ``(n, in_features)`` inputs; y: ``(n, out_features)`` targets, as tensors on the model's device.
        loss_fn: e.g. ``nn.MSELoss()``.

    Returns:
        The loss *before* the step, a detached 0-d tensor.

    Example:
        >>> import torch
        >>> from torch import nn
        >>> model = nn.Linear(1, 1)
        >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        >>> x = torch.arange(11.0).reshape(-1, 1)
        >>> loss = gradient_step(model, optimizer, x, 2 * x + 1, nn.MSELoss())
        >>> loss.shape, loss.requires_grad
        (torch.Size([]), False)
    """
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.detach()
