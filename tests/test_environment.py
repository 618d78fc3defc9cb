"""The install routes must agree: requirements.txt (the learner's pins), requirements-dev.txt (the developer's
additions), environment.yml (conda: the learner's pins), pyproject.toml (ranges: dependencies + `lab` extra = the
learner's, `dev` extra = the developer's additions) and the wheel folder (tools/wheelhouse.py downloads
requirements.txt; tools/install.py installs it)."""

import os
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_learner_env  # noqa: E402
import install  # noqa: E402

PIN = re.compile(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)")


def pins(path: Path) -> dict[str, str]:
    """The ``name==version`` lines of one file (not following ``-r``)."""
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


LEARNER = pins(ROOT / "requirements.txt")
DEVELOPER = pins(ROOT / "requirements-dev.txt")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def declared(*groups: str) -> dict[str, Requirement]:
    """pyproject.toml's requirements of ``groups`` ("dependencies" or an extra's name), the project itself left out."""
    found = {}
    for group in groups:
        lines = PROJECT["dependencies"] if group == "dependencies" else PROJECT["optional-dependencies"][group]
        for requirement in map(Requirement, lines):
            if canonicalize_name(requirement.name) != canonicalize_name(PROJECT["name"]):
                found[canonicalize_name(requirement.name)] = requirement
    return found


def test_requirements_and_environment_pin_the_same_versions():
    assert LEARNER, "requirements.txt pins nothing"
    assert pins(ROOT / "environment.yml") == LEARNER


def test_the_developer_file_adds_to_the_learner_file_and_repeats_nothing():
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines
    assert DEVELOPER and not set(DEVELOPER) & set(LEARNER)
    assert install.pins(ROOT / "requirements-dev.txt") == LEARNER | DEVELOPER  # what pip installs for --dev


def test_the_learner_pins_are_what_pyproject_declares_for_the_learner():
    assert set(declared("dependencies", "lab")) == set(LEARNER)


def test_the_developer_pins_are_what_pyproject_declares_for_the_developer():
    assert set(declared("dev")) == set(DEVELOPER)
    assert f"{PROJECT['name']}[lab]" in PROJECT["optional-dependencies"]["dev"]


@pytest.mark.parametrize("name", sorted(LEARNER | DEVELOPER))
def test_every_pin_satisfies_the_pyproject_range(name):
    spec = declared("dependencies", "lab", "dev")[name]
    version = (LEARNER | DEVELOPER)[name]
    assert Version(version) in spec.specifier, f"{name}=={version} is outside {spec}"


def test_torch_is_pinned_exactly_to_the_cpu_wheel_version():
    assert LEARNER["torch"] == "2.13.0"


def test_environment_installs_the_package_itself():
    assert re.search(r"^\s*-\s+-e \.\s*$", (ROOT / "environment.yml").read_text(), re.M)


def test_no_developer_tool_is_needed_by_a_learner_pin():
    # followed through the metadata installed here: if a learner's package started to need pytest, ruff, sphinx...,
    # the learner's environment would hold it again
    needed = check_learner_env.needed(list(LEARNER), check_learner_env.installed())
    assert {"torch", "jupyterlab", "ipykernel", "numpy"} <= needed
    assert not needed & set(DEVELOPER)


def test_the_learner_check_names_the_developer_tools_of_this_environment():
    found = check_learner_env.problems(ROOT / "requirements.txt", check_learner_env.installed())
    assert len(found) == 1 and "not the learner's" in found[0]
    for tool in ("pytest", "ruff", "sphinx", "playwright", "jieba", "nbval"):
        assert re.search(rf"\b{tool}\b", found[0]), tool


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
