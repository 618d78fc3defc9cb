"""Install the course into the Python environment that runs this script: the learner's packages, or the developer's.

    python tools/install.py                 # the learner's environment: what `make lab` and `make install` run
    python tools/install.py --dev           # plus the tools of make test, make book, ... (requirements-dev.txt)
    python tools/install.py --torch cuda    # PyPI's CUDA build of PyTorch instead of the CPU build

Works in any environment: the `.venv` that make creates, or an activated conda environment (on Windows, without make:
`python tools/install.py` in the project's folder).

**Online** (no `wheelhouse/` folder): PyTorch first (tools/install_torch.py: the CPU build from PyTorch's own index
when it answers), then the other pins of requirements.txt (or requirements-dev.txt), then `linreg_utils` itself
(editable).

**Offline** (a `wheelhouse/` folder made by `make wheelhouse`, see tools/wheelhouse.py): every package comes from that
folder and pip never touches the network (`--no-index`). Before pip starts, the folder is checked: it must have been
made for this Python and this kind of computer (its README.txt says which), hold a wheel of every pin, and hold no
source package (a source package would need building tools on every PC). Anything wrong is one line that names the
package and the fix, not a pip traceback. With `--dev`, the learner's packages still come from the folder; the
developer's tools need the network.
Standard library only: it runs before anything else is installed.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import install_torch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "wheelhouse"
ME = "install.py"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s#;]+)")
SOURCE_SUFFIXES = (".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz")
NOT_FOUND = re.compile(r"(?:No matching distribution found for|Could not find a version that satisfies the "
                       r"requirement) ([A-Za-z0-9_.\-]+)")


class Refused(Exception):
    """A problem we can name in one line (its message); nothing has been installed because of it."""


def normalize(name: str) -> str:
    """A distribution's name as wheel files and pip compare it (PEP 503): lower case, runs of -_. as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """{normalized name: version} of the ``name==version`` lines of a requirements file (``-r`` files included)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        elif match := PIN.match(line):
            found[normalize(match.group(1))] = match.group(2)
    return found


def this_target() -> dict[str, str]:
    """The Python and the kind of computer this interpreter is, as wheelhouse/README.txt names them."""
    return {"python": f"{sys.version_info.major}.{sys.version_info.minor}", "platform": platform_name()}


def platform_name() -> str:
    """``linux-x86_64``, ``windows-x86_64``, ``macos-arm64``, ...: the operating system and the processor."""
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower() or "unknown"
    return f"{system}-{ {'amd64': 'x86_64', 'aarch64': 'arm64'}.get(machine, machine)}"


def wheelhouse_target(folder: Path) -> dict[str, str]:
    """The ``python:`` and ``platform:`` lines of ``folder/README.txt`` (what tools/wheelhouse.py wrote)."""
    readme = folder / "README.txt"
    try:
        text = readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise Refused(f"{folder} has no readable README.txt, so it is not a folder made by `make wheelhouse`: make "
                      "it again with `make wheelhouse` on a computer with a network, or remove it to install "
                      "online") from None
    target = dict(re.findall(r"^(python|platform): (\S+)\s*$", text, re.M))
    if set(target) != {"python", "platform"}:
        raise Refused(f"{readme} does not say which Python and platform the folder serves (lines 'python: 3.11' "
                      "and 'platform: linux-x86_64'): make the folder again with `make wheelhouse`")
    return target


def wheel_name_version(filename: str) -> tuple[str, str]:
    """(normalized name, version) of a wheel file name: ``torch-2.13.0+cpu-cp311-...whl`` -> (torch, 2.13.0+cpu)."""
    name, version = filename.split("-")[:2]
    return normalize(name), version


def source_name(filename: str) -> str:
    """The package a source archive holds, from its file name: ``jieba-0.42.1.tar.gz`` -> ``jieba``."""
    stem = filename
    for suffix in SOURCE_SUFFIXES:
        stem = stem.removesuffix(suffix)
    return normalize(re.split(r"-(?=\d)", stem, maxsplit=1)[0])


def check_wheelhouse(folder: Path, requirements: Path) -> None:
    """Refuse, in one line, a folder that cannot install ``requirements`` offline on this computer."""
    target, here = wheelhouse_target(folder), this_target()
    if target != here:
        raise Refused(f"{folder} was made for Python {target['python']} on {target['platform']}, but this is Python "
                      f"{here['python']} on {here['platform']}: a wheel folder only serves the Python and the kind of "
                      f"computer it was made for. Make one on a computer of this kind with a network (`make wheelhouse "
                      f"WHEELHOUSE_PLATFORM={here['platform']} WHEELHOUSE_PYTHON={here['python']}`, or `python "
                      "tools/wheelhouse.py` without make) and copy it here")
    files = [path.name for path in folder.iterdir() if path.is_file()]
    sources = sorted({source_name(name) for name in files if name.endswith(SOURCE_SUFFIXES)})
    if sources:
        raise Refused(f"{folder} holds source packages, not wheels: {', '.join(sources)}. Installing one would need "
                      f"a compiler or building tools, and a network, on every PC. Make the folder again with `make "
                      f"wheelhouse` (it takes wheels only), or remove {'that file' if len(sources) == 1 else 'them'} "
                      f"and put in a wheel of the same version")
    wheels: dict[str, set[str]] = {}
    for name in files:
        if name.endswith(".whl"):
            package, version = wheel_name_version(name)
            wheels.setdefault(package, set()).add(version.split("+")[0])
    missing = [f"{name}=={version}" for name, version in pins(requirements).items()
               if version not in wheels.get(name, set())]
    if missing:
        raise Refused(f"{folder} has no wheel of {', '.join(missing)} (pinned in {requirements.name}): make the folder "
                      "again with `make wheelhouse` after the last change of the pins")


def pip(arguments: list[str], doing: str) -> None:
    """Run ``pip install ARGUMENTS``; pip's own output is shown as it comes. If pip fails, raise a one-line
    :class:`Refused` that names a package pip could not find, or :class:`install_torch.PipFailed`."""
    command = [sys.executable, "-m", "pip", "install", "--progress-bar", "on", *arguments]
    print("+", " ".join(command[2:]), flush=True)
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")
    errors = []
    try:
        for line in process.stderr:
            errors.append(line)
            sys.stderr.write(line)
        code = process.wait()
    except BaseException:
        process.terminate()
        process.wait()
        raise
    if code != 0:
        found = NOT_FOUND.findall("".join(errors))
        if found and "--no-index" in arguments:
            raise Refused(f"pip found no wheel of {found[-1]} in {WHEELHOUSE} that this Python can install (a "
                          f"package one of the pins needs): make the folder again with `make wheelhouse` on a "
                          f"computer of this kind, Python {this_target()['python']} on {this_target()['platform']}")
        raise install_torch.PipFailed(code, doing)


def check_python() -> None:
    """Stop before anything is installed when this Python is older than pyproject.toml's requires-python."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    needed = tuple(int(part) for part in spec.removeprefix(">=").split("."))
    if sys.version_info[:2] < needed:
        have = f"{sys.version_info.major}.{sys.version_info.minor}"
        raise Refused(f"this is Python {have}, but the course needs Python {spec.removeprefix('>=')} or newer: "
                      f"install it (python.org, or `conda create -n linreg-pytorch python={spec.removeprefix('>=')}`) "
                      f"and run this again with it / 这是 Python {have}，本课程需要 Python "
                      f"{spec.removeprefix('>=')} 或更新的版本")


def install(dev: bool, torch: str) -> None:
    check_python()
    learner = ROOT / "requirements.txt"
    if WHEELHOUSE.is_dir():
        check_wheelhouse(WHEELHOUSE, learner)
        offline = ["--no-index", "--find-links", str(WHEELHOUSE)]
        print(f"Installing from {WHEELHOUSE} only, without the network.", flush=True)
        pip([*offline, "--only-binary", ":all:", "-r", str(learner)], "install requirements.txt from wheelhouse/")
        pip([*offline, "--no-deps", "-e", str(ROOT)], "install linreg_utils from the project's folder")
        if dev:
            print("The developer's tools (requirements-dev.txt) come from the network.", flush=True)
            pip(["--find-links", str(WHEELHOUSE), "-r", str(ROOT / "requirements-dev.txt")],
                "install requirements-dev.txt")
        return
    print("[1/3] PyTorch", flush=True)
    install_torch.install(torch)
    wanted = ROOT / ("requirements-dev.txt" if dev else "requirements.txt")
    print(f"[2/3] The other pinned packages ({wanted.name})", flush=True)
    pip(["-r", str(wanted)], f"install {wanted.name}")
    print("[3/3] linreg_utils (editable)", flush=True)
    pip(["--quiet", "--no-deps", "-e", str(ROOT)], "install linreg_utils from the project's folder")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"python tools/{ME}", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", action="store_true", help="also the developer's tools (requirements-dev.txt)")
    parser.add_argument("--torch", choices=("cpu", "cuda"), default="cpu", help="PyTorch's build (default: cpu)")
    options = parser.parse_args(argv)
    try:
        install(options.dev, options.torch)
    except (Refused, install_torch.Refused) as refused:
        print(f"{ME}: {refused}", file=sys.stderr)
        return 2
    except install_torch.PipFailed as failed:
        code, doing = failed.args
        print(f"{ME}: pip failed (exit code {code}) to {doing}: its own message is above; check the network and the "
              "index (PIP_INDEX_URL, TORCH_CPU_INDEX_URL; docs/teaching.md, \"Local mirrors\"), then run this again.",
              file=sys.stderr)
        return code if code > 0 else 128 - code
    except (KeyboardInterrupt, install_torch.Stopped):
        print(f"{ME}: interrupted before the install was complete: run it again.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGTERM, install_torch._stop)
    sys.exit(main(sys.argv[1:]))
