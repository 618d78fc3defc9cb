"""One warm kernel per test worker for nbval, reset between notebooks (used by conftest.py in `make test`).

Starting a kernel and importing torch, numpy and matplotlib costs about 5 s of CPU per notebook, which is
most of the time many of the notebooks take. `make test` runs both editions (22 notebooks) on 2 cores, so
it keeps one kernel per pytest worker and resets it before each notebook:

- the user namespace is cleared (``%reset -f``), figures are closed, garbage is collected (and what survives
  is frozen with ``gc.freeze()``: the libraries, which later collections then skip);
- the working directory becomes the notebook's folder (what nbval passes to a new kernel);
- the settings a notebook may change return to those of a fresh kernel: matplotlib's rcParams, numpy's
  print options, torch's default dtype and grad mode, the warning filters (and their "shown once" memory),
  the exercises' language and the short tracebacks.

Every cell's output is still compared with the stored one, strictly. The stored outputs come from fresh
kernels (`make notebooks`), so state left over from another notebook can make a comparison fail, never pass.
That each notebook also runs alone in a fresh kernel, in any order, is `make test-anywhere`'s job, and the
browser test runs each one with Run All in a fresh JupyterLab kernel. ``NBVAL_FRESH_KERNELS=1`` turns
the pool off.

After a notebook's last cell, and before the reset, its "answer key" item (tools/answer_key.py, added by
conftest.py) runs the notebook's exercise cells with the official solutions in this same kernel: every check
must say ✅ in the notebook's own namespace, at the cost of a few hundredths of a second per notebook.
"""

from __future__ import annotations

import os
from typing import Any

# Runs in the kernel once, at start: remember what a fresh kernel looks like.
_SNAPSHOT = """
def __pool_snapshot():
    import warnings, matplotlib, numpy, torch
    return {
        "rc": matplotlib.rcParams.copy(),
        "np": numpy.get_printoptions(),
        "warnings": list(warnings.filters),
        "dtype": torch.get_default_dtype(),
    }
import builtins as __b, gc as __gc
__b.__pool_fresh = __pool_snapshot()
__gc.collect()
__gc.freeze()  # the imported libraries live as long as the kernel: later collections skip them
del __pool_snapshot, __b, __gc
"""

# Runs in the kernel before every notebook but the first.
_RESET = """
get_ipython().reset(new_session=False)  # what %reset -f does; it also collects the garbage
def __pool_reset(cwd):
    import builtins, gc, os, warnings
    import matplotlib, matplotlib.pyplot as plt, numpy, torch
    fresh = builtins.__pool_fresh
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # some rcParams are deprecated aliases: restoring them would warn
        matplotlib.rcParams.update(fresh["rc"])
    numpy.set_printoptions(**fresh["np"])
    warnings.filters[:] = fresh["warnings"]
    warnings._filters_mutated()  # forget which warnings were already shown once
    torch.set_default_dtype(fresh["dtype"])
    torch.set_grad_enabled(True)
    try:
        from linreg_utils.exercises import set_language
        from linreg_utils.tracebacks import short_tracebacks
        set_language("en")
        short_tracebacks(False)
    except ImportError:
        pass
    os.chdir(cwd)
    gc.collect()  # what the reset freed in cycles (figures, models): gone before the next notebook
    gc.freeze()  # what survives lives as long as the kernel (modules a notebook imported)
__pool_reset({cwd!r})
del __pool_reset
"""


def enabled() -> bool:
    return os.environ.get("NBVAL_FRESH_KERNELS", "") not in ("1", "true", "yes")


def install() -> None:
    """Make nbval take its kernels from the pool (one per process); call from conftest.py."""
    from nbval import plugin
    from nbval.kernel import RunningKernel

    class PooledKernel(RunningKernel):
        _warm: PooledKernel | None = None

        def __new__(cls, kernel_name: str, cwd: str | None = None, startup_timeout: int = 60) -> Any:
            warm = cls._warm
            if warm is not None and warm._name == kernel_name and warm.is_alive():
                warm._run(_RESET.format(cwd=cwd or os.getcwd()))
                warm._reused = True
                return warm
            kernel = super().__new__(cls)
            kernel._reused = False
            return kernel

        def __init__(self, kernel_name: str, cwd: str | None = None, startup_timeout: int = 60) -> None:
            if getattr(self, "_reused", False):
                return  # a warm kernel, already reset by __new__
            super().__init__(kernel_name, cwd=cwd, startup_timeout=startup_timeout)
            self._name = kernel_name
            self._run(_SNAPSHOT)
            if PooledKernel._warm is not None:
                PooledKernel._warm.shut_down()
            PooledKernel._warm = self

        def _run(self, code: str) -> None:
            msg_id = self.kc.execute(code, store_history=False, allow_stdin=False, stop_on_error=False)
            reply = self.kc.get_shell_msg(timeout=60)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = self.kc.get_shell_msg(timeout=60)
            self.await_idle(msg_id, 60)  # drain this request's output, so no notebook cell sees it
            if reply["content"]["status"] != "ok":
                error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
                raise RuntimeError(f"resetting the pooled kernel failed: {error}")

        def shut_down(self) -> None:
            if self.is_alive():
                self.stop()

    def teardown(self: plugin.IPyNbFile) -> None:
        """nbval stops the kernel after each notebook: keep it warm for the next, unless a cell timed out."""
        if self.kernel is not None and self.kernel.is_alive() and self.timed_out:
            self.kernel.stop()

    plugin.RunningKernel = PooledKernel
    plugin.IPyNbFile.teardown = teardown


def shut_down() -> None:
    """Stop the warm kernel at the end of the session."""
    from nbval import plugin

    warm = getattr(plugin.RunningKernel, "_warm", None)
    if warm is not None:
        warm.shut_down()
