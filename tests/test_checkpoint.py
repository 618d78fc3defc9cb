import pickle

import numpy as np
import pytest
import torch

from linreg_utils import (
    LinearRegressionModel,
    load_checkpoint,
    load_model,
    predict,
    save_checkpoint,
    save_model,
    train,
)
from linreg_utils import checkpoint as checkpoint_module


def test_save_then_load_gives_identical_predictions(trained, data, tmp_path):
    x, _ = data
    path = save_model(trained, tmp_path / "model.pt")
    loaded = load_model(path)
    assert isinstance(loaded, LinearRegressionModel) and not loaded.training
    np.testing.assert_array_equal(predict(loaded, x), predict(trained, x))
    for name, tensor in trained.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor)


def test_model_file_records_dims_and_loads_with_weights_only(tmp_path):
    save_model(LinearRegressionModel(3, 2), tmp_path / "m.pt")
    payload = torch.load(tmp_path / "m.pt", weights_only=True)
    assert payload["kind"] == "linreg_utils.model"
    assert (payload["input_dim"], payload["output_dim"]) == (3, 2)
    assert load_model(tmp_path / "m.pt").linear.weight.shape == (2, 3)


def test_save_model_refuses_other_architectures(tmp_path):
    net = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    with pytest.raises(TypeError, match=r"torch.save\(model.state_dict\(\), path\)"):
        save_model(net, tmp_path / "net.pt")


def test_save_into_a_missing_folder_names_the_folder(model, tmp_path):
    with pytest.raises(FileNotFoundError, match="the folder .*missing does not exist"):
        save_model(model, tmp_path / "missing" / "model.pt")


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_partial_file(trained, model, data, tmp_path, monkeypatch):
    path = tmp_path / "model.pt"
    save_model(trained, path)
    before = path.read_bytes()

    def broken_save(obj, f):
        f.write(b"PK\x03\x04 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(checkpoint_module.torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        save_model(model, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.pt"]
    np.testing.assert_array_equal(predict(load_model(path), data[0]), predict(trained, data[0]))


def test_missing_file_gives_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no file at .*nope.pt: check the path"):
        load_model(tmp_path / "nope.pt")


def test_truncated_file_is_reported_as_corrupt(trained, tmp_path):
    path = save_model(trained, tmp_path / "model.pt")
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ValueError, match=r"not a readable PyTorch file \(truncated or corrupt\?\)"):
        load_model(path)


def test_random_bytes_are_reported_as_corrupt(tmp_path):
    path = tmp_path / "junk.pt"
    path.write_bytes(b"this is not a model at all")
    with pytest.raises(ValueError, match="not a readable PyTorch file"):
        load_model(path)


def test_a_bare_state_dict_is_explained(trained, tmp_path):
    torch.save(trained.state_dict(), tmp_path / "weights.pt")
    with pytest.raises(ValueError, match=r"bare state_dict.*model.load_state_dict\(torch.load\(path"):
        load_model(tmp_path / "weights.pt")


def test_a_file_of_another_kind_is_rejected(tmp_path):
    torch.save({"hello": "world"}, tmp_path / "other.pt")
    with pytest.raises(ValueError, match="is not a linreg_utils.model file"):
        load_model(tmp_path / "other.pt")


def test_a_checkpoint_is_not_a_model_file(model, tmp_path):
    save_checkpoint(model, tmp_path / "ckpt.pt", torch.optim.SGD(model.parameters(), lr=0.01), epoch=3)
    with pytest.raises(ValueError, match="is not a linreg_utils.model file"):
        load_model(tmp_path / "ckpt.pt")


class _RunsCode:
    """Unpickling this writes a flag file: what a malicious checkpoint could do."""

    def __init__(self, flag):
        self.flag = str(flag)

    def __reduce__(self):
        return (exec, (f"open({self.flag!r}, 'w').write('ran')",))


def test_a_file_that_would_run_code_is_refused_and_the_code_does_not_run(tmp_path):
    flag = tmp_path / "flag.txt"
    evil = tmp_path / "evil.pt"
    torch.save({"kind": "linreg_utils.model", "payload": _RunsCode(flag)}, evil)
    with pytest.raises(ValueError, match="was refused: it contains Python objects.*could run arbitrary code"):
        load_model(evil)
    assert not flag.exists()
    # the file really is malicious: an unsafe load runs its code
    torch.load(evil, weights_only=False)
    assert flag.read_text() == "ran"


def test_a_plain_pickle_file_is_not_loaded(tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps({"weight": [1.0]}))
    with pytest.raises(ValueError):
        load_model(path)


def test_checkpoint_into_a_model_of_the_wrong_shape_names_the_shapes(model, tmp_path):
    save_checkpoint(model, tmp_path / "c.pt", torch.optim.SGD(model.parameters(), lr=0.01), epoch=1)
    wrong = LinearRegressionModel(2, 1)
    with pytest.raises(ValueError, match=r"linear.weight of shape \(1, 1\), but the model's is \(1, 2\)"):
        load_checkpoint(tmp_path / "c.pt", wrong)


def test_resuming_from_a_checkpoint_equals_uninterrupted_training(data, tmp_path):
    x, y = data
    torch.manual_seed(0)
    straight = LinearRegressionModel(1, 1)
    train(straight, x, y, epochs=200, optimizer=torch.optim.SGD(straight.parameters(), lr=0.005, momentum=0.9),
          log_every=0)

    torch.manual_seed(0)
    first = LinearRegressionModel(1, 1)
    opt = torch.optim.SGD(first.parameters(), lr=0.005, momentum=0.9)
    history = train(first, x, y, epochs=100, optimizer=opt, log_every=0)
    save_checkpoint(first, tmp_path / "ckpt.pt", opt, epoch=100, loss=history.final_loss)

    resumed = LinearRegressionModel(1, 1)
    resumed_opt = torch.optim.SGD(resumed.parameters(), lr=0.005, momentum=0.9)
    info = load_checkpoint(tmp_path / "ckpt.pt", resumed, resumed_opt)
    assert info == {"epoch": 100, "loss": history.final_loss}
    train(resumed, x, y, epochs=100, optimizer=resumed_opt, start_epoch=info["epoch"], log_every=0)
    assert torch.equal(resumed.linear.weight, straight.linear.weight)
    assert torch.equal(resumed.linear.bias, straight.linear.bias)


def test_checkpoint_restores_the_random_number_state(model, tmp_path):
    torch.manual_seed(123)
    save_checkpoint(model, tmp_path / "c.pt", torch.optim.SGD(model.parameters(), lr=0.01), epoch=0)
    expected = torch.rand(3)
    load_checkpoint(tmp_path / "c.pt", LinearRegressionModel(1, 1))
    assert torch.equal(torch.rand(3), expected)
