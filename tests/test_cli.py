import subprocess
import sys
import tempfile

import pytest

from linreg_utils.__main__ import main


def test_default_run_reproduces_the_post(tmp_path, capsys):
    out_file = tmp_path / "model.pt"
    assert main(["--output", str(out_file)]) == 0
    out = capsys.readouterr().out
    epochs = [line for line in out.splitlines() if line.startswith("epoch ")]
    assert len(epochs) == 20 and epochs[0].startswith("epoch 50, loss ") and epochs[-1].startswith("epoch 1000, loss ")
    assert "learned w = 2.000" in out and "b = 0.999" in out
    assert "reloaded predictions match" in out
    assert "    x       y  predicted" in out
    assert out_file.is_file()


def test_default_output_goes_to_a_temporary_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["--epochs", "10", "--log-every", "0"]) == 0
    assert list(tmp_path.glob("linreg_*/model.pt"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--epochs", "abc"], "argument --epochs: 'abc' is not a whole number"),
        (["--epochs", "0"], "argument --epochs: '0' must be > 0"),
        (["--lr", "fast"], "argument --lr: 'fast' is not a number"),
        (["--lr", "-1"], "argument --lr: '-1' must be > 0"),
        (["--lr", "nan"], "argument --lr: 'nan' must be > 0"),
        (["--log-every", "-5"], "argument --log-every: '-5' must be >= 0"),
        (["--seed", "x"], "argument --seed: invalid int value: 'x'"),
        (["--output", "/no/such/folder/m.pt"], "the folder /no/such/folder does not exist"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_options_exit_2_with_one_line(args, message, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_a_diverging_lr_exits_1_with_advice(capsys, tmp_path):
    assert main(["--lr", "0.05", "--log-every", "0", "--output", str(tmp_path / "m.pt")]) == 1
    assert "smaller learning rate" in capsys.readouterr().err


def test_python_dash_m_runs_and_help_documents_the_options(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "linreg_utils", "--epochs", "100", "--output", str(tmp_path / "m.pt")],
        capture_output=True, text=True, check=True,
    )
    assert "epoch 100, loss " in run.stdout and "reloaded predictions match" in run.stdout
    help_text = subprocess.run([sys.executable, "-m", "linreg_utils", "--help"], capture_output=True, text=True).stdout
    for option in ("--epochs", "--lr", "--output", "--seed", "--log-every"):
        assert option in help_text
