"""Train a model the way the post does: full-batch SGD on the mean squared error."""

from __future__ import annotations

import math
import signal
import threading
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import FrameType

import numpy as np
import torch
from torch import nn

from .analysis import stable_lr_limit
from .batching import minibatches
from .data import ArrayLike, as_features, as_targets
from .language import message
from .model import gradient_step, model_device, model_dims
from .validation import (
    check_batch_size,
    check_learning_rate,
    check_loss_fn,
    check_model_dtype,
    check_number,
    check_optimizer,
    check_same_device,
    check_whole_number,
)


class TrainingDivergedError(RuntimeError):
    """Raised when the loss becomes NaN or infinite, or grows out of control: the learning rate is too large.

    Attributes:
        history: a :class:`History` with the loss of every epoch up to and including the bad one
            (``None`` when training had not started).
    """

    def __init__(self, message: str, history: History | None = None) -> None:
        super().__init__(message)
        self.history = history


class TrainingGotWorseWarning(UserWarning):
    """Warned by :func:`train` when the last epoch's loss is higher than the first: the model got worse.

    Training did not blow up (that raises :class:`TrainingDivergedError`), but the loss grew, most often because
    the learning rate is just above the stable limit ``2 / λ_max`` (:func:`linreg_utils.stable_lr_limit`).
    To turn it into an error: ``warnings.simplefilter("error", TrainingGotWorseWarning)``.

    Attributes:
        history: the :class:`History` of the run.
        limit: the largest stable learning rate for this x, when known (plain full-batch SGD on the MSE of a
            linear model), else ``None``.
    """

    def __init__(self, message: str, history: History | None = None, limit: float | None = None) -> None:
        super().__init__(message)
        self.history = history
        self.limit = limit


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) stopped :func:`train`; what was done so far is kept.

    A subclass of ``KeyboardInterrupt``, so ``except KeyboardInterrupt`` still catches it.

    Attributes:
        history: a :class:`History` with the loss of every completed epoch.
        epoch: the last completed epoch (counting ``start_epoch``).
        consistent: ``True`` when the model holds exactly the parameters after ``epoch``
            (the interrupt waited for the epoch to finish); ``False`` after a second Ctrl-C
            or outside the main thread, when an update may have been cut half-way.
    """

    def __init__(self, message: str, history: History, epoch: int, consistent: bool) -> None:
        super().__init__(message)
        self.history = history
        self.epoch = epoch
        self.consistent = consistent

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class History:
    """What :func:`train` did: the loss of every epoch.

    Attributes:
        losses: ``(epochs,)`` float64 array; ``losses[i]`` is the loss computed in
            epoch ``i + 1``, before that epoch's update (what the post prints).
        lr: the learning rate used (``None`` when an optimizer was passed in).
    """

    losses: np.ndarray
    lr: float | None = None

    @property
    def epochs(self) -> int:
        """Number of epochs trained."""
        return len(self.losses)

    @property
    def final_loss(self) -> float:
        """The loss of the last epoch."""
        return float(self.losses[-1])

    def __len__(self) -> int:
        return len(self.losses)


def prepare_xy(model: nn.Module, x: ArrayLike, y: ArrayLike) -> tuple[torch.Tensor, torch.Tensor]:
    """Validate ``x`` and ``y`` against ``model`` and put them on the model's device.

    Args:
        model: the model the data is for (float32, or float64 after ``model.double()``).
        x: ``(n, in_features)`` inputs of the model's dtype (numpy array or tensor).
        y: ``(n, out_features)`` targets of the model's dtype (numpy array or tensor).

    Returns:
        ``(x, y)`` as tensors of the model's dtype on the model's device.

    Raises:
        TypeError, ValueError: see :func:`linreg_utils.data.as_features` and
            :func:`linreg_utils.data.as_targets`; also when a tensor is on another
            device than the model (numpy arrays are moved there for you), or the model
            is neither float32 nor float64.
    """
    dtype = check_model_dtype(model)
    in_features, out_features = model_dims(model)
    xt = as_features(x, in_features, dtype=dtype)
    yt = as_targets(y, len(xt), out_features or 1, dtype=dtype)
    device = model_device(model)
    return check_same_device(xt, x, device, "x"), check_same_device(yt, y, device, "y")


class _DeferredSignals:
    """While active, Ctrl-C (SIGINT) and SIGTERM are noted, and acted on only at :meth:`check`.

    So an interrupt never lands between the update of one parameter and the next: training stops
    at the end of an epoch. A second signal before that acts at once (an escape hatch). Only the
    main thread can install signal handlers; elsewhere this does nothing.
    """

    def __init__(self) -> None:
        self.saved: dict[int, Callable] = {}
        self.pending: tuple[int, FrameType | None] | None = None
        self.raised_at_check = False

    def __enter__(self) -> _DeferredSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                old = signal.getsignal(sig)
                if callable(old):
                    self.saved[sig] = old
                    signal.signal(sig, self._note)
        return self

    def _note(self, signum: int, frame: FrameType | None) -> None:
        if self.pending is not None:
            self.saved[signum](signum, frame)
        self.pending = (signum, frame)

    def check(self) -> None:
        if self.pending is not None:
            signum, frame = self.pending
            self.pending = None
            self.raised_at_check = True
            self.saved[signum](signum, frame)

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        pending, self.pending = self.pending, None
        if pending is not None and exc[0] is None:
            self.saved[pending[0]](*pending)


def train(
    model: nn.Module,
    x: ArrayLike,
    y: ArrayLike,
    *,
    epochs: int = 1000,
    lr: float = 0.01,
    log_every: int = 50,
    optimizer: torch.optim.Optimizer | None = None,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
    start_epoch: int = 0,
    batch_size: int | None = None,
    progress: bool = False,
    max_loss_growth: float | None = 1e6,
) -> History:
    """Fit ``model`` to ``(x, y)`` with full-batch gradient descent, like the post.

    Each epoch runs ``zero_grad -> forward -> loss -> backward -> step`` on all
    of the data at once. Gradients are switched on inside, so ``train`` also works when
    called under ``torch.no_grad()`` or ``torch.inference_mode()``.

    Args:
        model: the model to train, e.g. ``LinearRegressionModel(1, 1)``; updated in place
            (float32, or float64 after ``model.double()`` with float64 data).
        x: inputs of shape ``(n, in_features)``, float32 (numpy array or tensor).
        y: targets of shape ``(n, out_features)``, float32.
        epochs: number of passes over the data, at least 1.
        lr: learning rate (学习率) of the default ``torch.optim.SGD``.
        log_every: print ``epoch E, loss L`` every this many epochs; 0 prints nothing.
        optimizer: use this optimizer instead of ``SGD(model.parameters(), lr=lr)``
            (``lr`` is then ignored); it must hold ``model``'s parameters.
        loss_fn: loss function (损失函数), default ``nn.MSELoss()`` (an instance, not the class).
        start_epoch: epochs already trained, so that a resumed run prints and
            reports epoch numbers that continue from there.
        batch_size: ``None`` (default) uses all samples in every step, like the post;
            a number trains on shuffled mini-batches of that size (one step per batch,
            order drawn from PyTorch's global random generator: seed it with
            ``torch.manual_seed``), using the fast batching of :mod:`linreg_utils.batching`.
        progress: show a ``tqdm`` progress bar over the epochs.
        max_loss_growth: stop with :class:`TrainingDivergedError` once the loss is more than
            this many times its first value (and than the mean of ``y²``, the loss of predicting
            0); ``None`` only stops on NaN or inf (to watch a divergence, as notebook 04 does).

    Returns:
        A :class:`History` with the loss of every epoch (with mini-batches: the mean
        of that epoch's batch losses, weighted by batch size), as Python floats.

    Raises:
        TypeError, ValueError: for bad data (see :func:`prepare_xy`), ``epochs < 1``,
            ``lr <= 0``, ``loss_fn`` given as a class, or an optimizer built on another
            model's parameters.
        TrainingDivergedError: if the loss becomes NaN or inf or grows out of control, or the
            parameters end up NaN or inf; it names the epoch and suggests a smaller learning
            rate. ``err.history`` holds the losses up to there.
        TrainingInterrupted: on Ctrl-C (a ``KeyboardInterrupt``). The interrupt waits for the
            running epoch to finish, so the model holds the parameters after the last completed
            epoch; ``err.history`` holds the losses of the completed epochs.

    Warns:
        TrainingGotWorseWarning: if the loss of the last epoch is higher than that of the first, so the model
            is worse than when it started; it names both losses, the learning rate and, for plain SGD on a
            linear model, the stable limit ``2 / λ_max`` for this x.

    Example:
        >>> from linreg_utils import LinearRegressionModel, make_linear_data
        >>> x, y = make_linear_data()
        >>> history = train(LinearRegressionModel(1, 1), x, y, log_every=0)
        >>> history.final_loss < 1e-5
        True
    """
    epochs = check_whole_number(epochs, "epochs", 1)
    log_every = check_whole_number(log_every, "log_every", 0)
    start_epoch = check_whole_number(start_epoch, "start_epoch", 0)
    if max_loss_growth is not None:
        max_loss_growth = check_number(max_loss_growth, "max_loss_growth", above=1, example="1e6")
    loss_fn = check_loss_fn(loss_fn)
    if optimizer is None:
        lr = check_learning_rate(lr)
    else:
        check_optimizer(optimizer, model)
        lr = None
    xt, yt = prepare_xy(model, x, y)
    if any(p.is_inference() for p in model.parameters()):
        raise RuntimeError(message("training.inference_model"))
    if batch_size is not None:
        batch_size = check_batch_size(batch_size, len(xt))
    limit = stable_lr_limit(xt.float()) if _is_plain_sgd(model, loss_fn, batch_size, lr) else None
    if lr is not None and lr > torch.finfo(xt.dtype).max:
        raise TrainingDivergedError(message("training.lr_beyond_dtype", lr=lr, dtype=str(xt.dtype)[6:],
                                            largest=torch.finfo(xt.dtype).max, advice=_advice(lr, limit)))
    losses: list[float] = []
    epoch_range: range | Iterable[int] = range(epochs)
    model.train()
    zero_loss = float(yt.double().pow(2).mean())  # the loss of always predicting 0
    deferred = _DeferredSignals()
    try:
        with torch.inference_mode(False), torch.enable_grad(), deferred:
            if optimizer is None:  # the first SGD imports torch._dynamo: seconds, so inside the Ctrl-C guard
                optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            if progress:
                from tqdm.auto import tqdm  # imported here: tqdm.auto inspects the notebook front end on import

                epoch_range = tqdm(epoch_range, desc=message("training.progress"), unit="epoch", leave=False)
            if xt.is_inference():  # data made under inference_mode cannot be saved for backward: copy it
                xt, yt = xt.clone(), yt.clone()
            deferred.check()
            for i in epoch_range:
                if batch_size is None:
                    value = _step(model, optimizer, xt, yt, loss_fn, losses, start_epoch, lr, limit).item()
                else:
                    total = torch.zeros((), dtype=xt.dtype, device=xt.device)
                    for xb, yb in minibatches(xt, yt, batch_size):
                        total += _step(model, optimizer, xb, yb, loss_fn, losses, start_epoch, lr, limit) * len(xb)
                    value = (total / len(xt)).item()
                losses.append(value)
                epoch = start_epoch + i + 1
                _guard_loss(losses, start_epoch, lr, limit, max_loss_growth, zero_loss)
                if log_every and epoch % log_every == 0:
                    print(f"epoch {epoch}, loss {value:.4g}")
                deferred.check()
            _guard_end(model, loss_fn, xt, yt, batch_size, losses, start_epoch, lr, limit, max_loss_growth, zero_loss)
    except KeyboardInterrupt as err:
        if isinstance(err, TrainingInterrupted):
            raise
        done = start_epoch + len(losses)
        consistent = deferred.raised_at_check
        kept = (message("training.kept", epoch=done) if consistent else
                message("training.kept_half", epoch=done + 1))
        raise TrainingInterrupted(
            message("training.interrupted", done=done, total=start_epoch + epochs, kept=kept, count=len(losses)),
            History(np.array(losses, dtype=np.float64), lr), done, consistent,
        ) from None
    history = History(np.array(losses, dtype=np.float64), lr)
    if history.final_loss > history.losses[0]:
        warnings.warn(_got_worse(history, start_epoch, lr, limit), stacklevel=2)
    return history


def _step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor, loss_fn: Callable,
          losses: list[float], start_epoch: int, lr: float | None, limit: float | None) -> torch.Tensor:
    """:func:`gradient_step`, turning an overflow inside ``optimizer.step()`` into a divergence message."""
    try:
        return gradient_step(model, optimizer, x, y, loss_fn)
    except RuntimeError as err:
        if "overflow" not in str(err):
            raise
        raise TrainingDivergedError(
            message("training.overflow", epoch=start_epoch + len(losses) + 1, error=err, advice=_advice(lr, limit)),
            History(np.array(losses, dtype=np.float64), lr),
        ) from None


def _is_plain_sgd(model: nn.Module, loss_fn: object, batch_size: int | None, lr: float | None) -> bool:
    """Plain full-batch SGD on the MSE of a linear model: the exact stable limit is known (see notebook 08)."""
    return batch_size is None and lr is not None and isinstance(loss_fn, nn.MSELoss) and _is_linear(model)


def _is_linear(model: nn.Module) -> bool:
    """True when every parameter belongs to one ``nn.Linear`` (the model is y = x Wᵀ + b)."""
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return len(linears) == 1 and len(list(model.parameters())) == len(list(linears[0].parameters()))


def _advice(lr: float | None, limit: float | None) -> str:
    if limit is not None:
        smaller = message("training.below_limit", limit=limit, suggested=0.9 * limit)
    else:
        smaller = message("training.tenth", suggested=lr / 10) if lr else message("training.a_tenth")
    return message("training.advice", smaller=smaller)


def _got_worse(history: History, start_epoch: int, lr: float | None,
               limit: float | None) -> TrainingGotWorseWarning:
    """The warning for a run whose last loss is above its first, with the stable limit when it is known."""
    if limit is not None:
        why = message("training.worse_limit", lr=lr, limit=_limit_text(limit, lr))
        advice = message("training.worse_advice", suggested=0.9 * limit)
    else:
        why = message("training.worse_optimizer") if lr is None else message("training.worse_lr", lr=lr)
        advice = _advice(lr, None)
    text = message("training.got_worse", first=history.losses[0], first_epoch=start_epoch + 1,
                   final=history.final_loss, final_epoch=start_epoch + history.epochs, why=why, advice=advice)
    return TrainingGotWorseWarning(text, history, limit)


def _limit_text(limit: float, lr: float | None) -> str:
    """``limit`` with enough digits (3 or more) to be told from ``lr``: 0.027995, not 0.028, when lr is 0.028."""
    for digits in range(3, 17):
        text = f"{limit:.{digits}g}"
        shown = float(f"{lr:g}") if lr is not None else None
        if shown is None or (float(text) != shown and (float(text) < shown) == (limit < lr)):
            return text
    return repr(limit)


def _diverged(what: str, losses: list[float], lr: float | None, limit: float | None) -> TrainingDivergedError:
    return TrainingDivergedError(
        message("training.diverged" if lr is None else "training.diverged_lr", what=what, lr=lr,
                advice=_advice(lr, limit)),
        History(np.array(losses, dtype=np.float64), lr),
    )


def _guard_loss(losses: list[float], start_epoch: int, lr: float | None, limit: float | None,
                max_growth: float | None, zero_loss: float) -> None:
    """Raise if the newest loss is NaN/inf or has grown more than ``max_growth`` times its start."""
    value, epoch = losses[-1], start_epoch + len(losses)
    if not math.isfinite(value):
        raise _diverged(message("training.loss_not_finite", value=value, epoch=epoch), losses, lr, limit)
    if max_growth is not None and value > max_growth * max(losses[0], zero_loss, 1e-30):
        raise _diverged(
            message("training.loss_grew", value=value, epoch=epoch, growth=max_growth, start=losses[0]),
            losses, lr, limit)


def _guard_end(model: nn.Module, loss_fn: Callable, xt: torch.Tensor, yt: torch.Tensor, batch_size: int | None,
               losses: list[float], start_epoch: int, lr: float | None, limit: float | None,
               max_growth: float | None, zero_loss: float) -> None:
    """After the last update: every parameter finite and (full batch) the loss it gives still sane."""
    epoch = start_epoch + len(losses)
    bad = [name for name, p in model.named_parameters() if not bool(torch.isfinite(p).all())]
    if bad:
        raise _diverged(message("training.params_not_finite", epoch=epoch, names=bad), losses, lr, limit)
    if batch_size is None:
        with torch.no_grad():
            value = float(loss_fn(model(xt), yt))
        if not math.isfinite(value) or (max_growth is not None and value > max_growth * max(
                losses[0], zero_loss, 1e-30)):
            raise _diverged(message("training.end_loss", epoch=epoch, value=value, start=losses[0]), losses, lr, limit)
