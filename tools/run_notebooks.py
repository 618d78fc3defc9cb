"""Regenerate the stored outputs: re-execute notebooks in place, each from a clean kernel.

    python tools/run_notebooks.py                 # every notebook of both editions (notebooks/, notebooks/zh/)
    python tools/run_notebooks.py notebooks/01_*.ipynb

Uses the same kernel settings as the tests (tools/notebook_env.py), runs each notebook with its
own folder as working directory, numbers cells 1..n and drops run-specific metadata.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from notebook_files import NotebookError, read_notebook, write_text

import notebook_env
import notebook_metadata

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def load(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``, checked (notebook_files.read_notebook); NotebookError names the file."""
    nb = nbformat.v4.to_notebook_json(read_notebook(path))  # as nbformat.read builds it: each source one string
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        first = str(error.message).splitlines()[0] if getattr(error, "message", None) else "invalid"
        raise NotebookError(path, f"is not a valid notebook ({first}); restore it (git checkout -- {path}) "
                                  "or fix it by hand") from None
    return nb


def run(path: Path) -> None:
    """Execute the notebook at ``path`` in a clean kernel and write it back (atomically) with its outputs."""
    nb = load(path)
    client = NotebookClient(
        nb,
        timeout=notebook_env.CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        coalesce_streams=True,  # one stream output per cell: stable diffs however the kernel chunks output
    )
    client.execute()
    # the notebook's own settings (metadata.linreg, e.g. no_figure: tools/notebook_rules.py) stay; the rest is the run's
    nb.metadata = {"kernelspec": KERNELSPEC, **({"linreg": nb.metadata["linreg"]} if "linreg" in nb.metadata else {})}
    notebook_metadata.strip_run_metadata(nb)  # what the Jupyter server's pre-save hook strips, too
    nbformat.validate(nb)
    text = nbformat.writes(nb)
    write_text(path, text if text.endswith("\n") else text + "\n")  # a crash or Ctrl-C leaves the old file whole


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Re-execute notebooks in place, each in a clean kernel, to "
                                     "regenerate their stored outputs (make notebooks).")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="the notebooks to run (default: every notebook of both editions)")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.notebooks if p.suffix != ".ipynb" or not p.is_file()]
    if missing:
        parser.error(f"not a notebook file: {', '.join(missing)} (give paths like notebooks/04_training.ipynb)")
    notebook_env.apply()
    editions = [ROOT / "notebooks", ROOT / "notebooks" / "zh"]  # English, then Chinese
    paths = [p.resolve() for p in args.notebooks] or [p for d in editions for p in sorted(d.glob("[0-9][0-9]_*.ipynb"))]
    unreadable = []
    for path in paths:  # every file is checked before the first (slow) run; each bad one gets its line
        try:
            load(path)
        except NotebookError as error:
            unreadable.append(error)
            print(f"run_notebooks.py: {error}", file=sys.stderr)
    if unreadable:
        return 2
    for path in paths:
        print(f"running {_shown(path)}", flush=True)
        try:
            run(path)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            what = (f"{error.ename}: {error.evalue}" if isinstance(error, CellExecutionError)
                    else str(error).strip().splitlines()[0])
            print(f"run_notebooks.py: {_shown(path)}: a cell failed ({what}); the file is unchanged. Run it "
                  "in JupyterLab to see the whole error", file=sys.stderr)
            return 1
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
