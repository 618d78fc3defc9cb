"""Check that this Python environment is the learner's: requirements.txt's pins and what they need, nothing more.

    .venv/bin/python tools/check_learner_env.py      # after `make install` (CI: after the offline install)

Every installed distribution must be one of the pins of requirements.txt, or needed by one of them (their
Requires-Dist, followed with the extras they ask for and the markers of this Python), or linreg-utils, pip or
setuptools. Anything else - pytest, ruff, sphinx, playwright, jieba, or whatever they pulled in - is named, and the
exit status is 1. Each pin must be installed at its exact version. Prints the environment's size.
Needs only `packaging`, which JupyterLab brings.
"""

from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install import pins  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ALWAYS = {"linreg-utils", "pip", "setuptools"}  # the package itself, and what every virtual environment has


def installed() -> dict[str, metadata.Distribution]:
    """{canonical name: distribution} of this environment (the first one on sys.path wins, as for import)."""
    found: dict[str, metadata.Distribution] = {}
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), distribution)
    return found


def needed(roots: list[str], distributions: dict[str, metadata.Distribution]) -> set[str]:
    """The canonical names of ``roots`` and of everything they need, as installed (extras and markers followed)."""
    seen: set[tuple[str, str]] = set()
    todo = [(canonicalize_name(Requirement(root).name), extra) for root in roots
            for extra in ("", *Requirement(root).extras)]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        distribution = distributions.get(name)
        for line in (distribution.requires or []) if distribution else []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
                child = canonicalize_name(requirement.name)
                todo += [(child, "")] + [(child, wanted) for wanted in requirement.extras]
    return {name for name, _ in seen}


def problems(requirements: Path, distributions: dict[str, metadata.Distribution]) -> list[str]:
    """What makes ``distributions`` more (or other) than the environment ``requirements`` describes."""
    wanted = pins(requirements)
    found = []
    for name, version in wanted.items():
        have = distributions.get(name)
        if have is None:
            found.append(f"{name}=={version} (pinned in {requirements.name}) is not installed")
        elif have.version.split("+")[0] != version:
            found.append(f"{name} is {have.version}, but {requirements.name} pins {version}")
    allowed = needed(list(wanted), distributions) | ALWAYS
    extra = sorted(set(distributions) - allowed)
    if extra:
        found.append(f"{len(extra)} installed distribution(s) are not the learner's (not pinned in {requirements.name}"
                     f" and not needed by a pin): {', '.join(extra)}")
    return found


def size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (links not followed)."""
    total = 0
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def main() -> int:
    found = problems(ROOT / "requirements.txt", installed())
    for problem in found:
        print(f"check_learner_env.py: {problem}", file=sys.stderr)
    bytes_ = size(Path(sys.prefix))
    state = "is not the learner's" if found else "is the learner's: the pins of requirements.txt and what they need"
    print(f"{sys.prefix} {state} ({len(installed())} distributions, {bytes_ / 1e9:.2f} GB = "
          f"{bytes_ / 2**30:.2f} GiB).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
