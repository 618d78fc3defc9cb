"""The project's nbconvert settings: HTML exports keep each picture's alternative text.

`make install` points the virtual environment at this file (.venv/etc/jupyter/jupyter_nbconvert_config.py), so
`jupyter nbconvert --to html` from .venv uses it; tools/jupyter_server_config.py loads it too, for JupyterLab's
File > Save and Export Notebook As > HTML. The template is JupyterLab's own ("lab") plus the alt attribute.
"""

from pathlib import Path

c = get_config()  # noqa: F821 -- Jupyter's config loader provides get_config

c.HTMLExporter.extra_template_basedirs = [str(Path(__file__).resolve().parent / "nbconvert_templates")]
c.HTMLExporter.template_name = "lab_alt"
