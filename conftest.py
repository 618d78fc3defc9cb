"""Test-run settings that must not depend on the working directory, and a check that a run leaves no trace.

nbval resolves --nbval-sanitize-with from pytest's working directory, so we anchor the sanitize file
here; the kernel environment is the one `make notebooks` regenerates with (tools/notebook_env.py).
After the run, `git status` must show nothing new: notebooks and tests write only to temporary folders.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

import answer_key  # noqa: E402
import kernel_pool  # noqa: E402

import notebook_env  # noqa: E402

notebook_env.apply()


def pytest_configure(config):
    if getattr(config.option, "nbval_sanitize_with", None) is None:
        config.option.nbval_sanitize_with = str(ROOT / "notebooks" / "sanitize.cfg")
    if getattr(config.option, "nbval", False) and kernel_pool.enabled():
        kernel_pool.install()  # one warm kernel per worker, reset between notebooks (tools/kernel_pool.py)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """Each notebook with exercises gets one more item after its cells, ``answer key``: the official solutions run
    in the notebook's own kernel once its cells have run, and every check must say ✅ (tools/answer_key.py)."""
    report = yield
    if report.passed and type(collector).__name__ == "IPyNbFile":
        item = answer_key.answer_key_item(collector)
        if item is not None:
            report.result.append(item)
    return report


def _run_order(item) -> tuple:
    """Longest first: `make test` hands whole files to its 2 workers in this order (--no-loadscope-reorder), so
    the long notebooks start first and the many short unit-test files fill the end evenly. The later notebooks
    are the longer ones (11 starts a torchrun job; 10 trains on a million rows); each English notebook is
    followed by its Chinese twin."""
    path = Path(str(item.fspath))
    if path.suffix == ".ipynb":
        number = int(path.name[:2]) if path.name[:2].isdigit() else 0  # an unnumbered notebook goes last
        return (0, -number, path.parent.name == "zh")
    return (1,)  # unit tests after the notebooks, in their usual order (a stable sort keeps it)


def pytest_collection_modifyitems(config, items):
    """Run the long notebooks first; deselect a unit test that repeats a notebook's check run in this session.

    Notebook 11 runs a two-process torchrun job (about 10 s) and asserts that it matches one process; the unit
    test that does the same is needed only when the notebooks are not run (``pytest tests/``).
    """
    items.sort(key=_run_order)
    notebooks = {Path(str(item.fspath)).name for item in items if str(item.fspath).endswith(".ipynb")}
    repeated = [item for item in items
                if any(mark.args[0] in notebooks for mark in item.iter_markers("repeats_notebook"))]
    if repeated:
        config.hook.pytest_deselected(items=repeated)
        items[:] = [item for item in items if item not in repeated]


# NBVAL_KEEP_OUTPUTS=DIR: each notebook run here is also written, with the outputs its cells just printed, to
# DIR/<its folder's name>/<its name> (make test-anywhere: its run of the answer keys is also the run that
# tools/answer_key.py --outputs-from checks and turns into .ipynb and .html, so the keys run once, not twice)
_KEEP = os.environ.get("NBVAL_KEEP_OUTPUTS")
_RAN: dict = {}


def pytest_runtest_makereport(item, call):
    if _KEEP and call.when == "call" and getattr(item, "test_outputs", None) is not None:
        answer_key.keep_outputs(_RAN, item)


_BEFORE = pytest.StashKey[set]()


def git_status() -> set[str] | None:
    """``git status --porcelain`` lines (untracked files included), or None outside a git checkout."""
    try:
        run = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return set(run.stdout.splitlines()) if run.returncode == 0 else None


def _is_xdist_worker(config) -> bool:
    return hasattr(config, "workerinput")


def pytest_sessionstart(session):
    if not _is_xdist_worker(session.config):
        session.config.stash[_BEFORE] = git_status()


def pytest_sessionfinish(session, exitstatus):
    kernel_pool.shut_down()
    if _KEEP and _RAN:
        answer_key.write_kept(_RAN, Path(_KEEP))
    if _is_xdist_worker(session.config):
        return
    before = session.config.stash.get(_BEFORE, None)
    after = git_status()
    if before is None or after is None:
        return
    new = sorted(after - before)
    if new:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = "\n".join(f"  {line}" for line in new)
        message = f"the test run changed the repository (write to a temporary folder instead):\n{lines}"
        if reporter:
            reporter.write_line(message, red=True)
        session.exitstatus = 1

