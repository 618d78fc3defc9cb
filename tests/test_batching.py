import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from linreg_utils import LinearRegressionModel, make_linear_data, train
from linreg_utils.batching import minibatches


def test_minibatches_cover_every_sample_once_per_epoch():
    x = torch.arange(10, dtype=torch.float32).reshape(-1, 1)
    y = 2 * x + 1
    batches = list(minibatches(x, y, 4, generator=torch.Generator().manual_seed(0)))
    assert [len(xb) for xb, _ in batches] == [4, 4, 2]
    seen = torch.cat([xb for xb, _ in batches]).ravel()
    assert sorted(seen.tolist()) == list(range(10))
    assert not torch.equal(seen, x.ravel())  # shuffled
    for xb, yb in batches:
        assert torch.equal(yb, 2 * xb + 1)  # rows stay paired


def test_minibatches_without_shuffle_keep_order_and_a_seed_repeats_the_order():
    x = torch.arange(6, dtype=torch.float32).reshape(-1, 1)
    assert [xb.ravel().tolist() for xb, _ in minibatches(x, x, 4, shuffle=False)] == [[0, 1, 2, 3], [4, 5]]
    first = [xb.ravel().tolist() for xb, _ in minibatches(x, x, 2, generator=torch.Generator().manual_seed(5))]
    again = [xb.ravel().tolist() for xb, _ in minibatches(x, x, 2, generator=torch.Generator().manual_seed(5))]
    assert first == again


@pytest.mark.parametrize(("size", "error"), [(0, ValueError), (-1, ValueError), (2.5, TypeError), ("8", TypeError)])
def test_bad_batch_sizes_are_rejected(size, error):
    with pytest.raises(error, match=r"batch_size (must be a whole number >= 1|is the text).*or None for full batches"):
        list(minibatches(torch.zeros(4, 1), torch.zeros(4, 1), size))


def test_minibatches_give_the_same_batches_as_a_dataloader_with_the_same_order():
    x = torch.randn(50, 2)
    y = torch.randn(50, 1)
    ours = list(minibatches(x, y, 16, shuffle=False))
    theirs = list(DataLoader(TensorDataset(x, y), batch_size=16, shuffle=False))
    assert len(ours) == len(theirs)
    for (xa, ya), (xb, yb) in zip(ours, theirs, strict=True):
        assert torch.equal(xa, xb) and torch.equal(ya, yb)


def test_train_with_mini_batches_converges_and_is_reproducible_with_a_seed():
    x, y = make_linear_data(n=200, noise_std=0.1, seed=0)
    x = x / 200  # keep x in [0, 1) so lr 0.5 is stable
    results = []
    for _ in range(2):
        torch.manual_seed(0)
        model = LinearRegressionModel(1, 1)
        history = train(model, x, y, epochs=300, lr=0.5, batch_size=32, log_every=0)
        results.append((model.linear.weight.item(), model.linear.bias.item(), history.losses.copy()))
    assert results[0][0] == results[1][0]
    np.testing.assert_array_equal(results[0][2], results[1][2])
    assert results[0][0] == pytest.approx(400.0, rel=0.01)  # slope 2 per original x = 400 per scaled x
    assert results[0][1] == pytest.approx(1.0, abs=0.05)


def test_mini_batch_epoch_loss_is_the_weighted_mean_of_batch_losses():
    x, y = make_linear_data(n=10)
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    history = train(model, x, y, epochs=1, lr=1e-9, batch_size=4, log_every=0)
    torch.manual_seed(0)
    probe = LinearRegressionModel(1, 1)
    full = torch.nn.MSELoss()(probe(torch.from_numpy(x)), torch.from_numpy(y)).item()
    assert history.losses[0] == pytest.approx(full, rel=1e-5)


def test_batch_size_larger_than_the_data_is_one_full_batch(data):
    torch.manual_seed(0)
    a = LinearRegressionModel(1, 1)
    train(a, *data, epochs=50, batch_size=1000, log_every=0)
    torch.manual_seed(0)
    b = LinearRegressionModel(1, 1)
    train(b, *data, epochs=50, log_every=0)
    torch.testing.assert_close(a.linear.weight, b.linear.weight)


def test_train_rejects_a_bad_batch_size(model, data):
    with pytest.raises(ValueError, match=r"batch_size must be a whole number >= 1, got 0 \(or None for full batches\)"):
        train(model, *data, batch_size=0)


def test_progress_bar_goes_to_stderr_only_when_asked(model, data, capsys):
    train(model, *data, epochs=5, log_every=0)
    assert capsys.readouterr().err == ""
    train(model, *data, epochs=5, log_every=0, progress=True)
    assert "training" in capsys.readouterr().err
