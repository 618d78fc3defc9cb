"""HTML exports keep each picture's alternative text (tools/jupyter_nbconvert_config.py, lab_alt template)."""

import json
import re
from pathlib import Path

import pytest
from nbconvert import HTMLExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tools" / "jupyter_nbconvert_config.py"


def exporter() -> HTMLExporter:
    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(CONFIG)}
    exec(compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec"), namespace)  # as Jupyter loads it
    return HTMLExporter(config=config)


EDITIONS = [ROOT / "notebooks" / "04_training.ipynb", ROOT / "notebooks" / "zh" / "04_training.ipynb"]


@pytest.mark.parametrize("path", EDITIONS, ids=["en", "zh"])
def test_every_exported_picture_carries_the_notebooks_alt_text(path, caplog):
    html, _ = exporter().from_filename(str(path))
    alts = re.findall(r"<img alt=\"([^\"]*)\"[^>]*src=\"data:image/png", html)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    expected = [c["metadata"]["alt"] for c in cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(alts) == len(expected) >= 4
    assert all(alt.strip() for alt in alts)
    assert "No description has been provided" not in html
    assert "Alternative text is missing" not in caplog.text
