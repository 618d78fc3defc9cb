import json
import os
import subprocess
import sys

import pytest

from linreg_utils.distributed import fit, main


def test_single_process_fit_recovers_the_line():
    result = fit(n=256, epochs=200, lr=0.5)
    assert result["world_size"] == 1
    assert result["w"] == pytest.approx(2.0, abs=0.05)
    assert result["b"] == pytest.approx(1.0, abs=0.05)


# Notebook 11 (both editions) runs this same torchrun job and asserts the same: `make test`, which runs the
# notebooks, deselects this copy (conftest.py); `pytest tests/` alone runs it.
@pytest.mark.repeats_notebook("11_scaling_out.ipynb")
def test_two_process_ddp_on_loopback_matches_single_process(tmp_path):
    out = tmp_path / "ddp.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
         "-m", "linreg_utils.distributed", "--samples", "1024", "--epochs", "100", "--output", str(out)],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "world size 2" in run.stdout
    ddp = json.loads(out.read_text())
    single = fit(n=1024, epochs=100, lr=0.5)
    assert ddp["world_size"] == 2
    assert ddp["w"] == pytest.approx(single["w"], abs=1e-5)
    assert ddp["b"] == pytest.approx(single["b"], abs=1e-5)
    assert ddp["loss"] == pytest.approx(single["loss"], rel=1e-4)


def test_main_without_torchrun_runs_one_process_and_writes_json(tmp_path, capsys):
    assert main(["--samples", "64", "--epochs", "5", "--output", str(tmp_path / "r.json")]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["world_size"] == 1
    assert "world size 1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--epochs", "0"], "argument --epochs: '0' must be > 0"),
        (["--lr", "nan"], "argument --lr: 'nan' is not a finite number"),
        (["--lr", "-1"], "argument --lr: '-1' must be > 0"),
        (["--samples", "0"], "argument --samples: '0' must be > 0"),
        (["--seed", "-3"], "argument --seed: '-3' is out of range"),
        (["--output", "/no/such/folder/r.json"], "the folder /no/such/folder does not exist"),
    ],
)
def test_distributed_options_are_checked_with_one_line(args, message, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_distributed_output_folder_is_refused_before_training(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--samples", "64", "--output", str(tmp_path)])
    assert info.value.code == 2 and "is a folder" in capsys.readouterr().err


def test_distributed_divergence_exits_1_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["--samples", "64", "--lr", "100", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "learning rate (100) is too large" in err and "--lr 10" in err
    assert not out.exists()


@pytest.mark.parametrize(("kwargs", "message"), [({"epochs": 0}, "epochs must be a whole number >= 1"),
                                                 ({"lr": float("nan")}, "lr must be a finite number > 0")])
def test_fit_checks_its_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fit(n=64, **kwargs)


def test_distributed_ctrl_c_exits_130_with_one_line(monkeypatch, capsys, tmp_path):
    import linreg_utils.distributed as module

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "fit", interrupted)
    assert main(["--samples", "64", "--output", str(tmp_path / "r.json")]) == 130
    err = capsys.readouterr().err
    assert err == "python -m linreg_utils.distributed: interrupted during training; nothing written\n"
    assert list(tmp_path.iterdir()) == []
