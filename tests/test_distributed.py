import contextlib
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


# --- torchrun's workers never outlive it, and write --output only after a good run (issue 21) ---

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(processes) -> list:
    import psutil

    return [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _gone_within(processes, seconds: float) -> list:
    """Wait until every process has ended or ``seconds`` have passed; return those still alive."""
    import time

    deadline = time.monotonic() + seconds
    while _alive(processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _alive(processes)


def _training(workers) -> bool:
    """Whether the workers are connected to each other (gloo's own connection: the group is up, training runs)."""
    import psutil

    try:
        ports = [{c.laddr.port for c in w.net_connections("tcp") if c.status == psutil.CONN_ESTABLISHED}
                 for w in workers]
        remote = {c.raddr.port for c in workers[0].net_connections("tcp") if c.raddr}
    except psutil.Error:
        return False
    return bool(remote & ports[1])


# Each case starts a real torchrun (three Python processes that import PyTorch: ~5 s of CPU). Notebook 11 starts
# torchrun too, so `make test` (which runs the notebooks) deselects these with the marker and stays fast;
# `pytest tests/` runs them.
@pytest.mark.repeats_notebook("11_scaling_out.ipynb")
@pytest.mark.parametrize("when", ["start-up", "training"])
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_killing_torchrun_stops_its_workers_and_nothing_is_written(tmp_path, when, sig):
    import signal
    import time

    import psutil

    out = tmp_path / "r.json"
    launcher = subprocess.Popen(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
         "-m", "linreg_utils.distributed", "--samples", "64", "--epochs", "100000000", "--output", str(out)],
        env={**os.environ, "OMP_NUM_THREADS": "1"}, cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers = []
    try:
        deadline = time.monotonic() + 90
        while len(workers) < 2 and time.monotonic() < deadline:  # start-up: the workers exist, still importing
            workers = psutil.Process(launcher.pid).children()
            time.sleep(0.05)
        assert len(workers) == 2, "torchrun started no workers"
        while when == "training" and not _training(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        launcher.send_signal(getattr(signal, sig))
        launcher.wait(60)
        left = _gone_within(workers, 25)  # a worker still importing PyTorch needs a few seconds to notice
        assert left == [], f"workers still running after torchrun got {sig}: {[w.pid for w in left]}"
        assert list(tmp_path.iterdir()) == []  # no --output, no temporary file
    finally:
        for process in [*_alive(workers), launcher]:
            with contextlib.suppress(psutil.Error, OSError):
                process.kill()
        launcher.wait(10)


def _worker(rank: int, port: int, *args: str) -> subprocess.Popen:
    """A process that believes torchrun started it as ``rank`` of 2, with nobody else at ``port``."""
    env = {**os.environ, "RANK": str(rank), "LOCAL_RANK": str(rank), "WORLD_SIZE": "2",
           "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port), "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "linreg_utils.distributed", "--samples", "64", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_worker_whose_peers_never_come_gives_up_with_one_clear_line(tmp_path):
    out = tmp_path / "r.json"
    worker = _worker(0, _free_port(), "--timeout", "1", "--output", str(out))
    stdout, stderr = worker.communicate(timeout=60)
    assert worker.returncode == 1
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("python -m linreg_utils.distributed: error: the other processes did not connect within 1 s")
    assert "--timeout" in last and "nothing written" in last
    assert stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_worker_waiting_for_its_peers_stops_at_once_on_a_signal(sig):
    import signal
    import socket
    import time

    with socket.socket() as store:  # a "store" that takes the connection and never answers
        store.bind(("127.0.0.1", 0))
        store.listen(8)
        store.settimeout(60)
        worker = _worker(1, store.getsockname()[1])  # rank 1 asks rank 0's store and waits for the answer
        try:
            connection = store.accept()[0]  # the worker is now waiting inside PyTorch's C++ code
            time.sleep(0.5)
            worker.send_signal(getattr(signal, sig))
            start = time.monotonic()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(20)
            assert worker.returncode is not None and time.monotonic() - start < 5, f"{sig} ignored while waiting"
            connection.close()
        finally:
            worker.kill()
            worker.communicate()


def test_an_orphaned_worker_writes_nothing(monkeypatch, tmp_path, capsys):
    import linreg_utils.distributed as module

    monkeypatch.setattr(module, "launcher_gone", lambda: True)
    out = tmp_path / "r.json"
    assert main(["--samples", "64", "--epochs", "5", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == "python -m linreg_utils.distributed: error: the launcher (torchrun) stopped before the end; " \
                  "nothing written\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_json_gets_the_usual_mode_for_the_umask(tmp_path, umask, mode):
    out = tmp_path / "r.json"
    old = os.umask(umask)
    try:
        assert main(["--samples", "64", "--epochs", "2", "--output", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_output_json_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    out = tmp_path / "r.json"
    out.write_text("{}")
    out.chmod(0o640)
    assert main(["--samples", "64", "--epochs", "2", "--output", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o640 and json.loads(out.read_text())["world_size"] == 1
