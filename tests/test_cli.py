import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest

import linreg_utils.__main__ as cli_main
from linreg_utils import set_language
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
        (["--lr", "nan"], "argument --lr: 'nan' is not a finite number"),
        (["--lr", "inf"], "argument --lr: 'inf' is not a finite number"),
        (["--lr", "0"], "argument --lr: '0' must be > 0"),
        (["--seed", "-1"], "argument --seed: '-1' is out of range: give a whole number from 0 to 2**64 - 1"),
        (["--seed", str(2**64)], "is out of range"),
        (["--log-every", "-5"], "argument --log-every: '-5' must be >= 0"),
        (["--seed", "x"], "argument --seed: 'x' is not a whole number"),
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


def test_help_documents_the_options(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    help_text = capsys.readouterr().out
    for option in ("--epochs", "--lr", "--output", "--seed", "--log-every"):
        assert option in help_text
    assert "3 the loss ended higher than it started" in " ".join(help_text.split())


def _leftovers(folder):
    """What a run left in TMPDIR, ignoring torch's own compiler cache (torchinductor_<user>, made on import)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("torchinductor_"))


@pytest.mark.parametrize("make", ["folder", "fifo", "missing_parent", "parent_is_file"])
def test_a_bad_output_path_exits_2_with_one_line_before_training(make, tmp_path, capsys):
    target = {"folder": tmp_path, "fifo": tmp_path / "pipe", "missing_parent": tmp_path / "no" / "m.pt",
              "parent_is_file": tmp_path / "file.txt" / "m.pt"}[make]
    if make == "fifo":
        os.mkfifo(target)
    if make == "parent_is_file":
        (tmp_path / "file.txt").write_text("x")
    with pytest.raises(SystemExit) as info:
        main(["--output", str(target)])
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "argument --output: " in captured.err
    assert "training" not in captured.out  # refused before any work
    if make == "fifo":
        assert target.is_fifo()


def test_a_folder_as_output_names_a_file_inside_it(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["--output", str(tmp_path)])
    expected = f"{tmp_path}: it is a folder, not a file: give a file name inside it, e.g. {tmp_path / 'model.pt'}"
    assert expected in capsys.readouterr().err


def test_python_dash_m_stopped_by_sigterm_exits_143_in_one_line_and_leaves_nothing(tmp_path):
    """The real thing, once: `python -m linreg_utils` in its own process, stopped as `kill` stops it."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "OMP_NUM_THREADS": "1"}
    run = subprocess.Popen([sys.executable, "-m", "linreg_utils", "--epochs", "100000000"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    assert run.stdout.readline().startswith("training ")  # past the imports: main() is running
    time.sleep(0.5)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 143
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "terminated (SIGTERM)" in lines[0] and "nothing saved" in lines[0]
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                   (signal.SIGTERM, 143, "terminated (SIGTERM)")])
def test_a_signal_during_a_long_run_exits_cleanly_in_one_line(tmp_path, monkeypatch, capsys, sig, code, word):
    """Ctrl-C or SIGTERM while main() trains, in this process: one line, the shell's exit code, no files left."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C raises KeyboardInterrupt
    started = threading.Event()

    def send_when_training() -> None:
        started.wait(60)
        time.sleep(0.3)
        os.kill(os.getpid(), sig)

    real_train = cli_main.train

    def train_and_flag(*args, **kwargs):  # the signal arrives while the training loop runs
        started.set()
        return real_train(*args, **kwargs)

    monkeypatch.setattr(cli_main, "train", train_and_flag)
    sender = threading.Thread(target=send_when_training)
    sender.start()
    try:
        assert main(["--epochs", "100000000"]) == code
    finally:
        sender.join()
        signal.signal(signal.SIGINT, previous)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and word in err and "nothing saved" in err
    assert _leftovers(tmp_path) == []


def test_divergence_exits_1_in_one_line_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["--lr", "0.05", "--log-every", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "the loss became" in err and "e.g. lr=0.025" in err and "nothing saved" in err
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("lr", ["1e30", "1e39"])
def test_an_absurd_learning_rate_is_a_divergence_not_an_overflow(lr, capsys, tmp_path):
    assert main(["--lr", lr, "--epochs", "3", "--log-every", "0", "--output", str(tmp_path / "m.pt")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "smaller learning rate" in err
    assert not (tmp_path / "m.pt").exists()


def test_a_run_that_got_worse_exits_3_in_one_line_naming_the_limit_and_saves_nothing(tmp_path, monkeypatch, capsys):
    """lr 0.028, just over 2/λ_max = 0.027995: the loss grows from 151 to 287 without blowing up."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["--lr", "0.028", "--log-every", "250", "--output", str(tmp_path / "m.pt")]) == 3
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "epoch 1000, loss 286.8"  # no table, no "saved"
    err = captured.err
    assert err.count("\n") == 1 and "Traceback" not in err and "Warning" not in err
    assert err.startswith("python -m linreg_utils: error: the loss went up, from 150.6 at epoch 1 to 286.8 at epoch "
                          "1000")
    assert "2/λ_max = 0.027995" in err and "e.g. lr=0.025" in err and err.endswith("; nothing saved\n")
    assert _leftovers(tmp_path) == []


def test_a_run_that_got_worse_is_reported_in_chinese(tmp_path, capsys):
    set_language("zh")
    try:
        assert main(["--lr", "0.028", "--log-every", "0", "--output", str(tmp_path / "m.pt")]) == 3
    finally:
        set_language("en")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "损失不降反升" in err and "0.027995" in err and "没有保存任何文件" in err
    assert not (tmp_path / "m.pt").exists()


def test_lr_just_below_the_limit_still_fits_and_saves(tmp_path, capsys):
    out_file = tmp_path / "model.pt"
    assert main(["--lr", "0.027", "--log-every", "250", "--output", str(out_file)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "final loss 7.009e-12; learned w = 2.0000, b = 1.0000 (true: 2, 1)" in captured.out
    assert captured.out.rstrip().endswith(f"saved to {out_file}; reloaded predictions match")
    assert out_file.is_file()

