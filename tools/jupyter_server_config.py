"""The project's Jupyter server settings: `make lab` and `make test-browser` use them.

`make install` points the virtual environment at this file (.venv/etc/jupyter/jupyter_server_config.py),
so every `jupyter lab` or `jupyter notebook` started from .venv loads it. Without it, merely opening a
notebook leaves a changed file behind: see tools/notebook_metadata.py.
"""

import importlib.util
import warnings
from pathlib import Path

c = get_config()  # noqa: F821 -- Jupyter's config loader provides get_config

_spec = importlib.util.spec_from_file_location(
    "linreg_notebook_metadata", Path(__file__).resolve().parent / "notebook_metadata.py"
)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
c.ContentsManager.pre_save_hook = _module.pre_save_hook
# JupyterLab applies the server's config twice; the second time jupyter_server warns that the hook "overrides" itself
warnings.filterwarnings("ignore", message=r"Overriding existing pre_save_hook \(pre_save_hook\)", category=UserWarning)

# HTML exports from JupyterLab keep the pictures' alternative text (tools/jupyter_nbconvert_config.py)
load_subconfig(str(Path(__file__).resolve().parent / "jupyter_nbconvert_config.py"))  # noqa: F821 -- Jupyter's loader
