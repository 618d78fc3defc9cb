"""Mini-batches from in-memory tensors, the fast way.

``DataLoader(TensorDataset(x, y), batch_size=...)`` asks the dataset for one sample at a
time and stacks them again: for tensors already in memory, almost all of its time goes to
that per-sample indexing. Indexing with a whole slice of a random permutation does the
same job in one operation per batch.
"""

from __future__ import annotations

from collections.abc import Iterator

import torch

from .validation import check_batch_size, check_consistent_length


def minibatches(
    x: torch.Tensor,
    y: torch.Tensor,
    batch_size: int,
    *,
    shuffle: bool = True,
    generator: torch.Generator | None = None,
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield ``(x_batch, y_batch)`` pairs covering every sample once (one epoch).

    Args:
        x: ``(n, k)`` tensor; y: ``(n, m)`` tensor with the same ``n``, on the same device.
        batch_size: samples per batch; the last batch may be smaller.
        shuffle: visit the samples in a new random order (a permutation) each epoch.
        generator: a seeded ``torch.Generator`` for a reproducible order (on the CPU).

    Yields:
        ``(b, k)`` and ``(b, m)`` tensors, ``b <= batch_size``.

    Example:
        >>> sizes = [len(xb) for xb, _ in minibatches(torch.zeros(10, 1), torch.zeros(10, 1), 4)]
        >>> sizes
        [4, 4, 2]
    """
    n = len(x)
    check_consistent_length(n, y)
    batch_size = check_batch_size(batch_size, n)
    if not shuffle:
        for start in range(0, n, batch_size):
            yield x[start : start + batch_size], y[start : start + batch_size]
        return
    order = torch.randperm(n, generator=generator).to(x.device)
    for start in range(0, n, batch_size):
        idx = order[start : start + batch_size]
        yield x[idx], y[idx]
