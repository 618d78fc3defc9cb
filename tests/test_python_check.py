"""`make lab` on a Python older than the pins allow stops at once, before .venv is created or anything is downloaded,
with one line in English and one in Chinese naming the fix (tools/check_python.sh, the Makefile's check-python).

Each test runs the real Makefile in a temporary copy of the files it reads, with a stand-in interpreter that answers
the version query and records every other use; where `unshare -n` works (root), make runs with no network at all.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMUM = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"].removeprefix(">=")
NO_NETWORK = ["unshare", "-n"] if shutil.which("unshare") and subprocess.run(
    ["unshare", "-n", "true"], capture_output=True).returncode == 0 else []

pytestmark = pytest.mark.skipif(shutil.which("make") is None or sys.platform == "win32", reason="needs make and sh")


@pytest.fixture
def checkout(tmp_path):
    """The files `make install` reads, copied into a folder of their own."""
    (tmp_path / "tools").mkdir()
    for name in ("Makefile", "pyproject.toml", "requirements.txt", "requirements-dev.txt", "tools/install.py",
                 "tools/install_torch.py", "tools/check_python.sh"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def stand_in_python(path: Path, version: str) -> Path:
    """An executable that says it is Python ``version`` when asked, and fails (exit 99) on anything else,
    writing each command line it gets to ``path`` + ``.log``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{path}.log"\n'
        'case "$*" in\n'
        f"  *version_info*) echo {version} ;;\n"
        '  *) echo "stand-in Python asked to run: $*" >&2; exit 99 ;;\n'
        "esac\n"
    )
    path.chmod(0o755)
    return path


def calls(python: Path) -> list[str]:
    log = Path(f"{python}.log")
    return log.read_text().splitlines() if log.exists() else []


def files_in(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


def make(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*NO_NETWORK, "make", "-C", str(checkout), *args], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("goal", ["lab", "lab-zh", "install", "test"])
def test_an_old_python_stops_make_before_anything_is_created(checkout, tmp_path_factory, goal):
    python = stand_in_python(tmp_path_factory.mktemp("bin") / "python3.10", "3.10")
    before = files_in(checkout)
    done = make(checkout, goal, f"PYTHON={python}")
    assert done.returncode != 0
    english, chinese = [line for line in done.stderr.splitlines() if not line.startswith("make")]
    assert english == (
        f"{python} is Python 3.10, but this project needs Python {MINIMUM} or newer: install Python {MINIMUM} and "
        f"run 'make {goal} PYTHON=python{MINIMUM}', or use conda (README.md, \"With conda\")")
    assert chinese == (
        f"{python} 是 Python 3.10，本项目需要 Python {MINIMUM} 或更新的版本：请安装 Python {MINIMUM}，"
        f"然后运行 make {goal} PYTHON=python{MINIMUM}；也可以改用 conda（见 README.zh-CN.md 中“用 conda”一节）")
    assert calls(python) == ['-c import sys; print("%d.%d" % sys.version_info[:2])']  # never `-m venv`, never pip
    assert files_in(checkout) == before  # no .venv, no stamp, nothing


def test_an_existing_venv_made_with_an_old_python_is_named_with_its_fix(checkout, tmp_path_factory):
    old = stand_in_python(checkout / ".venv" / "bin" / "python", "3.10")
    new = stand_in_python(tmp_path_factory.mktemp("bin") / "python3.12", "3.12")
    before = files_in(checkout)
    done = make(checkout, "lab-zh", f"PYTHON={new}")
    assert done.returncode != 0
    assert f".venv was created with Python 3.10, but this project needs Python {MINIMUM} or newer: delete it with " \
           "'make clean', then install" in done.stderr
    assert f".venv 是用 Python 3.10 创建的，本项目需要 Python {MINIMUM} 或更新的版本：" \
           "请先用 make clean 删除它" in done.stderr
    assert calls(new) == []  # the venv's Python is the one that counts
    assert len(calls(old)) == 1
    assert files_in(checkout) - before == {Path(".venv/bin/python.log")}


def test_a_missing_python_is_named_with_its_fix(checkout):
    done = make(checkout, "lab", "PYTHON=no-such-python3")
    assert done.returncode != 0
    assert f"no-such-python3 was not found, and this project needs Python {MINIMUM} or newer" in done.stderr
    assert "找不到 no-such-python3，本项目需要" in done.stderr
    assert not (checkout / ".venv").exists()


def test_a_new_enough_python_goes_on_to_create_the_venv(checkout, tmp_path_factory):
    python = stand_in_python(tmp_path_factory.mktemp("bin") / "python3.12", "3.12")
    done = make(checkout, "lab", f"PYTHON={python}")
    assert "Creating the virtual environment .venv" in done.stdout
    assert calls(python)[1:] == ["-m venv .venv"]  # the stand-in refuses to make it: make stops there
    assert "needs Python" not in done.stderr


def test_the_python_running_the_tests_passes_the_check(tmp_path):
    done = subprocess.run(["sh", ROOT / "tools/check_python.sh", sys.executable, tmp_path / "no-venv", "lab"],
                          capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


def test_the_conda_sections_the_messages_name_exist():
    assert "\n### With conda" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\n### 用 conda" in (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
