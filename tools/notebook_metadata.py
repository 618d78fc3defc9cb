"""Drop the run-specific metadata from a notebook, so that re-running or merely opening one leaves git clean.

Shared by `make notebooks` (tools/run_notebooks.py) and the project's Jupyter server, where it runs
as a pre-save hook (tools/jupyter_server_config.py): when JupyterLab opens a notebook, the kernel fills
in the full ``language_info`` (Python's exact version, codemirror mode, ...), the notebook turns dirty
and autosave rewrites the file. The hook puts back what the repository stores, so saving an unchanged
notebook writes the same bytes on every Python version.
"""

from __future__ import annotations

from typing import Any

# per-cell keys that record how a run went, not what the notebook says
CELL_RUN_KEYS = ("execution",)
CODE_CELL_VIEW_KEYS = ("collapsed", "scrolled")
# per-notebook keys that depend on the run: ipywidgets' saved widget state
NOTEBOOK_RUN_KEYS = ("widgets",)


def strip_run_metadata(nb: dict[str, Any]) -> dict[str, Any]:
    """Remove run-specific metadata from a notebook (an nbformat v4 dict), in place; returns it.

    ``language_info`` keeps only its ``name``; cells lose their ``execution`` timings and the
    ``collapsed``/``scrolled`` view state of code cells.
    """
    metadata = nb.setdefault("metadata", {})
    if not isinstance(metadata, dict):  # a hand-edited file: say so rather than fail on a missing .get
        raise ValueError(f"the notebook's metadata is a {type(metadata).__name__}, not an object")
    language_info, kernelspec = metadata.get("language_info"), metadata.get("kernelspec")
    language = ((language_info.get("name") if isinstance(language_info, dict) else None)
                or (kernelspec.get("language") if isinstance(kernelspec, dict) else None))
    metadata["language_info"] = {"name": language if isinstance(language, str) else "python"}
    for key in NOTEBOOK_RUN_KEYS:
        metadata.pop(key, None)
    for cell in nb.get("cells", []):
        cell_metadata = cell.get("metadata", {}) if isinstance(cell, dict) else None
        if not isinstance(cell_metadata, dict):
            continue
        for key in CELL_RUN_KEYS:
            cell_metadata.pop(key, None)
        if cell.get("cell_type") == "code":
            for key in CODE_CELL_VIEW_KEYS:
                cell_metadata.pop(key, None)
    return nb


def pre_save_hook(model: dict[str, Any], **kwargs: Any) -> None:
    """Jupyter server ``ContentsManager.pre_save_hook``: strip notebooks before they are written."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_run_metadata(model["content"])
