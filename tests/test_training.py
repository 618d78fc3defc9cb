import warnings

import numpy as np
import pytest
import torch
from torch import nn

from linreg_utils import (
    History,
    LinearRegressionModel,
    TrainingDivergedError,
    TrainingGotWorseWarning,
    make_linear_data,
    set_language,
    stable_lr_limit,
    train,
)


def test_post_settings_recover_w_2_and_b_1(model, data):
    x, y = data
    history = train(model, x, y, log_every=0)
    assert isinstance(history, History)
    assert history.epochs == len(history.losses) == 1000
    assert abs(model.linear.weight.item() - 2.0) < 1e-3
    assert abs(model.linear.bias.item() - 1.0) < 1e-3
    assert history.final_loss < 1e-6
    assert history.losses[0] > 100 * history.losses[-1]


def test_train_prints_every_log_every_epochs(model, data, capsys):
    train(model, *data, epochs=200, log_every=50)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in lines] == ["epoch 50", "epoch 100", "epoch 150", "epoch 200"]
    assert all(line.startswith("epoch ") and ", loss " in line for line in lines)


def test_log_every_zero_is_silent(model, data, capsys):
    train(model, *data, epochs=20, log_every=0)
    assert capsys.readouterr().out == ""


def test_train_matches_the_posts_hand_written_loop_exactly(data):
    x_train, y_train = data
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    criterion = nn.MSELoss()
    hand_losses = []
    for _ in range(300):
        inputs, labels = torch.from_numpy(x_train), torch.from_numpy(y_train)
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        optimizer.step()
        hand_losses.append(loss.item())

    torch.manual_seed(0)
    helper_model = LinearRegressionModel(1, 1)
    history = train(helper_model, x_train, y_train, epochs=300, log_every=0)
    np.testing.assert_array_equal(history.losses, np.array(hand_losses))
    assert torch.equal(helper_model.linear.weight, model.linear.weight)


def test_tensors_are_accepted_as_well_as_numpy(model, data):
    x, y = data
    history = train(model, torch.from_numpy(x), torch.from_numpy(y), epochs=5, log_every=0)
    assert history.epochs == 5


def test_a_diverging_learning_rate_stops_with_the_epoch_and_a_smaller_lr(model, data):
    expected = r"loss became \S+ at epoch \d+.*smaller learning rate, below 0.028 \(the largest stable.*lr=0.025"
    with pytest.raises(TrainingDivergedError, match=expected):
        train(model, *data, lr=0.05, log_every=0)


def test_divergence_with_x_up_to_100_suggests_the_exact_limit_not_a_tenth():
    x, y = make_linear_data(n=101)
    with pytest.raises(TrainingDivergedError, match=r"below 0.000298 .*lr=0.00027"):
        train(LinearRegressionModel(1, 1), x, y, lr=0.001, log_every=0)


def test_divergence_of_a_custom_network_suggests_a_tenth():
    x, y = make_linear_data()
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(1, 4), nn.Linear(4, 1))
    with pytest.raises(TrainingDivergedError, match=r"e.g. lr=0.1\b"):
        train(net, x, y, lr=1.0, log_every=0)


def test_divergence_names_the_first_bad_epoch(data):
    x, y = data
    torch.manual_seed(0)
    history_model = LinearRegressionModel(1, 1)
    with pytest.raises(TrainingDivergedError) as info:
        train(history_model, x, y, lr=0.05, log_every=0)
    epoch = int(str(info.value).split("at epoch ")[1].split(",")[0].split(":")[0])
    losses = info.value.history.losses
    assert len(losses) == epoch  # the history runs up to the bad epoch
    assert losses[-1] > 1e6 * losses[0] and np.all(losses[:-1] <= 1e6 * max(losses[0], 161.0))


@pytest.mark.parametrize(("epochs", "error"), [(0, ValueError), (-5, ValueError), (2.5, TypeError)])
def test_non_positive_epochs_are_rejected(model, data, epochs, error):
    with pytest.raises(error, match="epochs must be a whole number >= 1"):
        train(model, *data, epochs=epochs)


@pytest.mark.parametrize(("lr", "error"), [(0, ValueError), (-0.01, ValueError), (float("nan"), ValueError),
                                         (float("inf"), ValueError), (None, TypeError)])
def test_bad_learning_rates_are_rejected(model, data, lr, error):
    with pytest.raises(error, match="lr must be a .*number > 0 such as 0.01"):
        train(model, *data, lr=lr)


def test_a_learning_rate_given_as_text_says_to_drop_the_quotes(model, data):
    with pytest.raises(TypeError, match="lr is the text '0.01'.*write lr=0.01 without quotes"):
        train(model, *data, lr="0.01")


def test_an_optimizer_over_another_models_parameters_is_rejected(model, data):
    other = LinearRegressionModel(1, 1)
    optimizer = torch.optim.SGD(other.parameters(), lr=0.01)
    with pytest.raises(ValueError, match=r"optimizer's parameters are not this model's.*SGD\(model.parameters\(\)"):
        train(model, *data, optimizer=optimizer)


def test_a_custom_optimizer_is_used(model, data):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    history = train(model, *data, epochs=50, optimizer=optimizer, log_every=0)
    assert history.lr is None
    assert optimizer.state  # Adam kept its running averages: it really stepped


def test_y_of_shape_n_is_rejected_before_training(model, data):
    x, y = data
    with pytest.raises(ValueError, match=r"y has shape \(11,\).*reshape"):
        train(model, x, y.ravel())


def test_x_with_two_columns_for_a_one_input_model_is_rejected(model):
    x = np.zeros((5, 2), dtype=np.float32)
    with pytest.raises(ValueError, match="x has 2 columns, but the model expects 1"):
        train(model, x, np.zeros((5, 1), dtype=np.float32))


def test_a_tensor_on_another_device_than_the_model_is_rejected(data):
    x, y = data
    model = LinearRegressionModel(1, 1).to("meta")
    with pytest.raises(ValueError, match=r"x is on cpu but the model is on meta.*\.to\(device\)"):
        train(model, torch.from_numpy(x), torch.from_numpy(y))


def test_start_epoch_continues_the_printed_numbering(model, data, capsys):
    train(model, *data, epochs=100, log_every=50, start_epoch=500)
    out = capsys.readouterr().out
    assert out.startswith("epoch 550, loss ") and "epoch 600, loss " in out


def test_noisy_data_trains_without_error():
    x, y = make_linear_data(n=50, noise_std=1.0, seed=0)
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    history = train(model, x, y, lr=0.001, epochs=2000, log_every=0)
    assert 0.5 < history.final_loss < 2.0


def test_a_learning_rate_just_over_the_stable_limit_warns_that_the_model_got_worse(model, data):
    """lr 0.028 is just above 2/λ_max = 0.027995: no blow-up, but the loss creeps from 151 up to 287."""
    x, y = data
    with pytest.warns(TrainingGotWorseWarning) as caught:
        history = train(model, x, y, lr=0.028, log_every=0)
    assert len(caught) == 1 and caught[0].filename == __file__  # it points at the caller's line, not at train
    warning = caught[0].message
    text = str(warning)
    assert "from 150.6 at epoch 1 to 286.8 at epoch 1000" in text and "worse than before training" in text
    assert "(0.028)" in text and "2/λ_max = 0.027995" in text and "e.g. lr=0.025" in text
    assert "standardize x" in text
    assert warning.history is not None and warning.history.final_loss == history.final_loss > history.losses[0]
    assert warning.limit == pytest.approx(stable_lr_limit(x))


def test_a_run_that_improves_does_not_warn(model, data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = train(model, *data, lr=0.027, log_every=0)
    assert history.final_loss < 1e-10


def test_the_got_worse_warning_follows_the_language(model, data):
    set_language("zh")
    try:
        with pytest.warns(TrainingGotWorseWarning) as caught:
            train(model, *data, lr=0.028, log_every=0)
    finally:
        set_language("en")
    text = str(caught[0].message)
    assert text.startswith("损失不降反升：从第 1 轮的 150.6 升到了第 1000 轮的 286.8")
    assert "2/λ_max = 0.027995" in text and "lr=0.025" in text


def test_resumed_training_that_got_worse_names_the_resumed_epochs(model, data):
    with pytest.warns(TrainingGotWorseWarning, match="at epoch 501 to .* at epoch 600:"):
        train(model, *data, lr=0.028, epochs=100, start_epoch=500, log_every=0)


@pytest.mark.parametrize(("how", "expected"), [
    ("mini-batches", r"The learning rate \(0.028\) is probably too large.*e\.g\. lr=0\.0028\b"),
    ("optimizer", r"The optimizer's learning rate is probably too large.*a tenth of the current one"),
])
def test_a_got_worse_run_without_a_known_limit_still_warns(model, data, how, expected):
    x, y = data
    kwargs = {"batch_size": 11} if how == "mini-batches" else {
        "optimizer": torch.optim.SGD(model.parameters(), lr=0.028)}
    with pytest.warns(TrainingGotWorseWarning, match=expected) as caught:
        train(model, x, y, lr=0.028, epochs=200, log_every=0, **kwargs)  # 151 -> 171 by epoch 200
    assert caught[0].message.limit is None and "λ_max" not in str(caught[0].message)
