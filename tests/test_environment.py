"""The three install routes (requirements.txt, environment.yml, pyproject.toml) must agree."""

import re
from pathlib import Path

import tomllib
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
