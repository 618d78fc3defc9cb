"""Settings shared by the test run (conftest.py) and the regenerate command (run_notebooks.py).

Notebook kernels inherit the environment of the process that starts them, so applying these
before a kernel starts makes regenerated outputs match what the tests see.
"""

import os

KERNEL_ENV = {
    # one thread: same float summation order everywhere, and no oversubscription under xdist
    "OMP_NUM_THREADS": "1",
    # the library's messages in English unless a notebook calls set_language("zh"), whatever the caller's shell sets
    "LINREG_LANG": "en",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    # the inline backend, whatever MPLBACKEND the caller's shell has (Agg would warn on plt.show())
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    # quiet debugpy's start-up note about frozen modules
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
CELL_TIMEOUT_S = 300


def apply() -> None:
    """Put KERNEL_ENV into this process's environment, for kernels started from it."""
    os.environ.update(KERNEL_ENV)
