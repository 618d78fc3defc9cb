"""Install the pinned PyTorch into this environment: the CPU build by default, the CUDA build on request.

    python tools/install_torch.py cpu     # default of `make install`: no CUDA libraries (~200 MB, not ~5 GB)
    python tools/install_torch.py cuda    # `make install TORCH=cuda`: PyPI's default Linux build, with CUDA

On Linux, PyPI's `torch` wheel is the CUDA build and pulls about 17 nvidia/cuda/triton packages (gigabytes)
that eleven data points do not need. PyTorch publishes CPU-only wheels on its own index, so for `cpu` we ask
that index first. If it cannot be reached within a few seconds (a proxy, a mirror-only network), we say so
and use pip's default index instead, rather than let pip retry an unreachable index for minutes.
On macOS and Windows the default index already serves CPU builds, so `cpu` changes nothing there.

Mirrors, without editing any file of the project (docs/teaching.md, "Local mirrors"):
- pip's default index is whatever pip is configured with: PIP_INDEX_URL, or index-url in a pip.conf / pip.ini
  (`pip config set global.index-url ...`). Every pip command below honours it, except the one that names
  PyTorch's CPU index with --index-url.
- TORCH_CPU_INDEX_URL=<a copy of https://download.pytorch.org/whl/cpu> (environment variable, or
  `make install TORCH_CPU_INDEX_URL=...`) asks that copy for the CPU build instead of PyTorch's own index.
Standard library only: it runs before anything else is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PROBE_TIMEOUT_S = 5
ROOT = Path(__file__).resolve().parent.parent


def pinned_torch() -> str:
    """The ``torch==X.Y.Z`` line of requirements.txt."""
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("torch=="):
            return line.strip()
    raise SystemExit("requirements.txt has no torch== pin")


def installed_torch() -> str | None:
    try:
        return metadata.version("torch")
    except metadata.PackageNotFoundError:
        return None


def cpu_index() -> str:
    """PyTorch's CPU-wheel index, or the copy of it named by the environment variable TORCH_CPU_INDEX_URL."""
    return os.environ.get("TORCH_CPU_INDEX_URL", "").strip().rstrip("/") or CPU_INDEX


def reachable(url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """True if ``url`` answers within ``timeout`` seconds (any HTTP answer counts; no answer does not).

    The whole probe, looking up the host's name included, gets ``timeout`` seconds: on a network whose name server
    drops queries for a blocked host, the lookup alone could otherwise take longer than the probe's own timeout.
    """
    answered: list[bool] = []

    def probe() -> None:
        try:
            urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
        except urllib.error.HTTPError:
            answered.append(True)
        except (OSError, ValueError):
            answered.append(False)
        else:
            answered.append(True)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(answered and answered[0])


def pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "install", "--progress-bar", "on", *args]
    print("+", " ".join(command[2:]), flush=True)
    subprocess.run(command, check=True)


def main(argv: list[str]) -> int:
    flavour = argv[0] if argv else "cpu"
    if flavour not in ("cpu", "cuda"):
        print(f"install_torch.py: TORCH={flavour!r} is not a build we know: use TORCH=cpu or TORCH=cuda",
              file=sys.stderr)
        return 2
    pin = pinned_torch()
    wanted = pin.split("==")[1]
    have = installed_torch()
    linux = sys.platform.startswith("linux")
    if have is not None and have.split("+")[0] == wanted:
        is_cpu = have.endswith("+cpu") or not linux
        if is_cpu == (flavour == "cpu"):
            print(f"PyTorch {have} is already installed ({flavour} build).")
            return 0
        print(f"Replacing PyTorch {have} with the {flavour} build.", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "--yes", "torch"], check=True)
    if flavour == "cpu" and linux:
        index = cpu_index()
        print(f"Installing {pin}, CPU build (about 200 MB to download; `make install TORCH=cuda` for a GPU).",
              flush=True)
        if reachable(f"{index}/torch/"):
            pip("--index-url", index, pin)
            return 0
        print(f"The CPU-build index ({index}) did not answer within {PROBE_TIMEOUT_S} s: using pip's default index "
              "instead (PIP_INDEX_URL or pip.conf, if you set a mirror there). From PyPI, or a mirror of PyPI, "
              "this is the CUDA build (several GB); TORCH_CPU_INDEX_URL=<a copy of "
              f"{CPU_INDEX}> gets the CPU build.", flush=True)
    else:
        print(f"Installing {pin} from the default index ({flavour} build where the platform has one).", flush=True)
    pip(pin)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
