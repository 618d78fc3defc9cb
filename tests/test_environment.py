"""The three install routes (requirements.txt, environment.yml, pyproject.toml) must agree."""

import os
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_requirements_and_environment_pin_the_same_versions():
    requirements = pins(ROOT / "requirements.txt")
    environment = pins(ROOT / "environment.yml")
    assert requirements, "requirements.txt pins nothing"
    assert requirements == environment


def test_torch_is_pinned_exactly_to_the_cpu_wheel_version():
    assert pins(ROOT / "requirements.txt")["torch"] == "2.13.0"


def test_every_pin_satisfies_the_pyproject_ranges():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    requirements = pins(ROOT / "requirements.txt")
    for spec in map(Requirement, declared):
        name = spec.name.lower()
        assert name in requirements, f"{name} is declared in pyproject.toml but not pinned in requirements.txt"
        assert Version(requirements[name]) in spec.specifier, f"{name}=={requirements[name]} is outside {spec}"


def test_environment_installs_the_package_itself():
    assert re.search(r"^\s*-\s+-e \.\s*$", (ROOT / "environment.yml").read_text(), re.M)


# --- the Python version: pyproject.toml's requires-python is the one source; everything that states it agrees ---

# "Python ≥ 3.11", "Python >= 3.11", "Python 3.11+", "Python 3.11 or newer", "Python 3.11 或更新的版本"
STATED_PYTHON = re.compile(r"Python\s*(?:≥|>=)\s*(\d+\.\d+)"
                           r"|Python (\d+\.\d+)(?:\+| or (?:newer|later)| 或(?:更新|更高|以上))")
MUST_STATE_IT = ["README.md", "README.zh-CN.md", "docs/teaching.md", "docs/teaching.zh-CN.md"]


def minimum_python() -> str:
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert re.fullmatch(r">=\d+\.\d+", spec), f"requires-python = {spec!r}: tools/check_python.sh reads '>=X.Y'"
    return spec.removeprefix(">=")


def stated_pythons(path: Path) -> list[str]:
    return [a or b for a, b in STATED_PYTHON.findall(path.read_text(encoding="utf-8"))]


def test_the_pins_need_the_python_that_pyproject_requires():
    # the newest pins (numpy 2.4, scipy 1.17, sphinx 9, ...) publish no wheels for Python 3.10
    assert Version(minimum_python()) >= Version("3.11")


def test_environment_yml_creates_the_stated_python():
    match = re.search(r"^\s*-\s+python=(\d+\.\d+)\s*$", (ROOT / "environment.yml").read_text(), re.M)
    assert match, "environment.yml names no python=X.Y"
    assert match.group(1) == minimum_python()


@pytest.mark.parametrize("name", MUST_STATE_IT)
def test_each_install_guide_states_the_python_it_needs(name):
    assert stated_pythons(ROOT / name), f"{name} does not say which Python it needs (e.g. 'Python ≥ 3.11')"


def markdown_pages() -> list[Path]:
    """Every Markdown page of the project (the book's sources included), outside .venv, .git and build/."""
    pages = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "build"]
        pages += [Path(folder, name) for name in files if name.endswith(".md")]
    return pages


def test_every_page_states_the_same_python_as_pyproject():
    wrong = {}
    for page in markdown_pages():
        other = sorted(set(stated_pythons(page)) - {minimum_python()})
        if other:
            wrong[str(page.relative_to(ROOT))] = other
    assert not wrong, f"pyproject.toml requires Python >= {minimum_python()}, but these pages say otherwise: {wrong}"
