"""Test-run settings that must not depend on the working directory.

nbval resolves --nbval-sanitize-with from pytest's working directory, so we anchor the sanitize file
here; the kernel environment is the one `make notebooks` regenerates with (tools/notebook_env.py).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

import notebook_env  # noqa: E402

notebook_env.apply()


def pytest_configure(config):
    if getattr(config.option, "nbval_sanitize_with", None) is None:
        config.option.nbval_sanitize_with = str(ROOT / "notebooks" / "sanitize.cfg")
