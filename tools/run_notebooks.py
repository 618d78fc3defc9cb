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

import notebook_env
import notebook_metadata

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=notebook_env.CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        coalesce_streams=True,  # one stream output per cell: stable diffs however the kernel chunks output
    )
    client.execute()
    nb.metadata = {"kernelspec": KERNELSPEC}
    notebook_metadata.strip_run_metadata(nb)  # what the Jupyter server's pre-save hook strips, too
    nbformat.validate(nb)
    nbformat.write(nb, path)


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
    for path in paths:
        print(f"running {path.relative_to(ROOT)}", flush=True)
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
