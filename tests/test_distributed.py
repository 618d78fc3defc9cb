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
