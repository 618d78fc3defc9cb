"""The speed claims of the series, measured in one run: ``make bench``.

Every row compares two things timed in the same process, interleaved, as the median of several
repeats, and prints the ratio (or the count) with the goal it is held to. On the CPU the clock is
this process's CPU time with one torch thread, so other work on a shared machine does not blur
the ratios; on a GPU it is wall time. Nothing here is a test:
the numbers depend on the machine, so they are reported, never asserted.

    python benchmarks/run.py                  # print the table
    python benchmarks/run.py --update-readme  # also write it into README.md between the bench markers
    python benchmarks/run.py --quick          # fewer repeats, no notebook suite (a smoke run)
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from linreg_utils import LinearRegressionModel, closed_form, descent_path, make_linear_data, standardize, train
from linreg_utils.batching import minibatches
from linreg_utils.data import make_regression_data, train_test_split

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def sync() -> None:
    if DEVICE.type == "cuda":
        torch.cuda.synchronize()


def clock() -> float:
    """CPU time of this process on the CPU (other processes on a shared machine do not count);
    wall time on a GPU, where the work happens outside this process."""
    return time.perf_counter() if DEVICE.type == "cuda" else time.process_time()


def timed(fn: Callable[[], object]) -> float:
    sync()
    start = clock()
    fn()
    sync()
    return clock() - start


def paired_medians(a: Callable[[], object], b: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median seconds of ``a`` and ``b``, run alternately so drift affects both alike."""
    a(), b()  # warm-up
    ta, tb = [], []
    for i in range(repeats):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        t1, t2 = timed(first), timed(second)
        ta.append(t1 if first is a else t2)
        tb.append(t2 if first is a else t1)
    return statistics.median(ta), statistics.median(tb)


def post_loop(x_train: np.ndarray, y_train: np.ndarray, epochs: int = 1000) -> None:
    """The original post's training loop, as written (printing every 50 epochs, to a sink)."""
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    criterion = nn.MSELoss()
    for epoch in range(epochs):
        epoch += 1
        inputs = torch.from_numpy(x_train)
        labels = torch.from_numpy(y_train)
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        if epoch % 50 == 0:
            print("epoch {} ,loss {}".format(epoch, loss.item()), file=SINK)  # noqa: UP032 (as the post wrote it)


def helper_train(x: np.ndarray, y: np.ndarray) -> None:
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1)
    stdout, sys.stdout = sys.stdout, SINK
    try:
        train(model, x, y, epochs=1000, lr=0.01, log_every=50)
    finally:
        sys.stdout = stdout


def one_epoch(batches, model: nn.Module, optimizer: torch.optim.Optimizer) -> None:
    loss_fn = nn.MSELoss()
    for xb, yb in batches:
        xb, yb = xb.to(DEVICE, non_blocking=True), yb.to(DEVICE, non_blocking=True)
        optimizer.zero_grad()
        loss_fn(model(xb), yb).backward()
        optimizer.step()


def bench_train_vs_post(repeats: int) -> dict:
    x, y = make_linear_data()
    t_helper, t_post = paired_medians(lambda: helper_train(x, y), lambda: post_loop(x, y), repeats)
    return {
        "what": "`train` vs the post's hand loop, 1000 epochs on the post's data",
        "result": f"{t_helper / t_post:.3f}× the time ({t_helper * 1e3:.0f} ms vs {t_post * 1e3:.0f} ms)",
        "goal": "≤ 1.05×",
        "met": t_helper / t_post <= 1.05,
    }


def big_data(n: int = 1_000_000):
    x, y = make_regression_data(n, [2.0], bias=1.0, noise_std=0.5, seed=0)
    return torch.from_numpy(x), torch.from_numpy(y)


def bench_minibatch_vs_dataloader(x: torch.Tensor, y: torch.Tensor, repeats: int) -> dict:
    torch.manual_seed(0)
    model = LinearRegressionModel(1, 1).to(DEVICE)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    xd, yd = x.to(DEVICE), y.to(DEVICE)
    loader = DataLoader(TensorDataset(x, y), batch_size=1024, shuffle=True)
    t_fast, t_naive = paired_medians(
        lambda: one_epoch(minibatches(xd, yd, 1024), model, optimizer),
        lambda: one_epoch(loader, model, optimizer),
        repeats,
    )
    return {
        "what": f"one epoch over {len(x):,} rows, batch 1024: `minibatches` vs `DataLoader(TensorDataset)`",
        "result": f"{t_naive / t_fast:.1f}× faster ({t_fast:.3f} s vs {t_naive:.2f} s)",
        "goal": "≥ 15× faster",
        "met": t_naive / t_fast >= 15,
    }


def bench_minibatch_vs_closed_form(x: torch.Tensor, y: torch.Tensor, repeats: int) -> dict:
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_fraction=0.2, seed=0)
    x_te_d, y_te_d = x_te.to(DEVICE), y_te.to(DEVICE)

    def exact() -> float:
        w, b = closed_form(x_tr, y_tr)
        pred = x_te.double() @ torch.from_numpy(w).T + torch.from_numpy(b)
        return float(((pred - y_te.double()) ** 2).mean())

    target = exact()
    epochs_needed = []

    def gradient_descent() -> None:
        torch.manual_seed(0)
        model = LinearRegressionModel(1, 1).to(DEVICE)
        xd, yd = x_tr.to(DEVICE), y_tr.to(DEVICE)
        for epoch in range(1, 51):
            train(model, xd, yd, epochs=1, lr=0.1, batch_size=1024, log_every=0)
            with torch.inference_mode():
                test_loss = float(((model(x_te_d) - y_te_d) ** 2).mean())
            if test_loss <= 1.01 * target:
                epochs_needed.append(epoch)
                return
        raise RuntimeError("gradient descent did not reach the closed form's test loss within 50 epochs")

    t_gd, t_exact = paired_medians(gradient_descent, exact, repeats)
    return {
        "what": f"time to the closed form's test loss (+1%) on {len(x_tr):,} rows: mini-batch SGD vs `lstsq`",
        "result": f"{t_gd / t_exact:.1f}× the time ({t_gd:.3f} s, {epochs_needed[-1]} epoch(s), vs {t_exact:.3f} s)",
        "goal": "report (the closed form is the floor)",
        "met": None,
    }


def bench_epochs_to_tolerance() -> dict:
    x, y = make_linear_data()
    post = descent_path(x, y, 3000).epochs_to_reach((2.0, 1.0), 1e-3)
    x_std, mean, std = standardize(x)
    path = descent_path(x_std, y, 50, lambda p: torch.optim.SGD(p, lr=0.5))
    # the answer in standardised units: w' = 2·σ, b' = 2·μ + 1
    recommended = path.epochs_to_reach((2.0 * float(std[0]), 2.0 * float(mean[0]) + 1.0), 1e-3)
    return {
        "what": "epochs to \\|Δw\\|, \\|Δb\\| < 1e-3: post (lr 0.01, raw x) vs recommended (lr 0.5, standardised x)",
        "result": f"{post} vs {recommended}",
        "goal": "report",
        "met": None,
    }


PEAK_SNIPPET = """
import sys, torch
sys.path.insert(0, {root!r})
from linreg_utils import LinearRegressionModel, train
from linreg_utils.data import make_regression_data

def status(key):  # Linux: current (VmRSS) and peak (VmHWM) resident memory, in kB
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1])

before = status("VmRSS")
x, y = make_regression_data(1_000_000, [2.0], bias=1.0, noise_std=0.5, seed=0)
torch.manual_seed(0)
train(LinearRegressionModel(1, 1).to({device!r}), x, y, epochs=1, lr=0.1, batch_size=1024, log_every=0)
print(before, status("VmHWM"))
"""


def bench_peak_memory() -> dict:
    if not Path("/proc/self/status").exists():
        return {"what": "peak memory of the 1M-row training", "result": "not measured (needs Linux /proc)",
                "goal": "report", "met": None}
    run = subprocess.run([sys.executable, "-c", PEAK_SNIPPET.format(root=str(ROOT), device=str(DEVICE))],
                         capture_output=True, text=True, check=True)
    before, peak = (int(v) / 1024 for v in run.stdout.split())
    return {
        "what": "peak memory (RSS) of a process training 1 epoch on 1,000,000 rows, batch 1024",
        "result": f"{peak:.0f} MiB, {peak - before:.0f} MiB above the process after its imports",
        "goal": "report",
        "met": None,
    }


def bench_notebook_suite() -> dict:
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q", "-n", "2", "--dist", "loadfile"],
                         cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "no output"
    return {
        "what": "wall time of the notebook suite, `pytest notebooks -n 2 --dist loadfile`",
        "result": f"{seconds:.0f} s ({summary.strip('= ')})",
        "goal": "report",
        "met": None if run.returncode == 0 else False,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    device = torch.cuda.get_device_name(0) if DEVICE.type == "cuda" else "CPU only"
    return (f"{cpu}, {os.cpu_count()} cores, {device}; Python {platform.python_version()}, "
            f"torch {torch.__version__}, {torch.get_num_threads()} torch thread(s)")


def table(rows: list[dict]) -> str:
    marks = {True: "met", False: "**missed**", None: ""}
    lines = ["| measurement | result | goal | |", "|---|---|---|---|"]
    lines += [f"| {r['what']} | {r['result']} | {r['goal']} | {marks[r['met']]} |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and no notebook suite")
    parser.add_argument("--update-readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 15
    # the same thread count as the tests and notebooks (tools/notebook_env.py): tiny ops gain
    # nothing from threads, and a fixed count makes runs comparable
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    started = time.perf_counter()
    x, y = big_data()
    rows = [
        bench_train_vs_post(repeats),
        bench_minibatch_vs_dataloader(x, y, 1 if args.quick else 3),
        bench_minibatch_vs_closed_form(x, y, repeats),
        bench_epochs_to_tolerance(),
        bench_peak_memory(),
    ]
    if not args.quick:
        rows.append(bench_notebook_suite())
    text = (f"Measured by `make bench` on {time.strftime('%Y-%m-%d')} on {machine()} "
            f"(the whole run took {time.perf_counter() - started:.0f} s):\n\n{table(rows)}")
    print(text)
    if args.update_readme:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        if START not in content or END not in content:
            raise SystemExit(f"README.md has no {START} ... {END} markers to replace")
        head, rest = content.split(START, 1)
        readme.write_text(f"{head}{START}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")
    return 0


class _Sink:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


SINK = _Sink()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
