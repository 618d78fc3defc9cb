"""Install the pinned PyTorch into this environment: the CPU build by default, the CUDA build on request.

    python tools/install_torch.py cpu     # default of `make install`: no CUDA libraries (~200 MB, not ~5 GB)
    python tools/install_torch.py cuda    # `make install TORCH=cuda`: PyPI's default Linux build, with CUDA

On Linux, PyPI's `torch` wheel is the CUDA build and pulls about 17 nvidia/cuda/triton packages (gigabytes)
that eleven data points do not need. PyTorch publishes CPU-only wheels on its own index, so for `cpu` we ask
that index first. If it cannot be reached within a few seconds (a proxy, a mirror-only network), we say so
and use the default index instead, rather than let pip retry an unreachable index for minutes.
On macOS and Windows the default index already serves CPU builds, so `cpu` changes nothing there.
Standard library only: it runs before anything else is installed.
"""

from __future__ import annotations

import subprocess
import sys
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


def reachable(url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """True if ``url`` answers within ``timeout`` seconds (any HTTP answer counts; no answer does not)."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False
    return True


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
        print(f"Installing {pin}, CPU build (about 200 MB to download; `make install TORCH=cuda` for a GPU).",
              flush=True)
        if reachable(f"{CPU_INDEX}/torch/"):
            pip("--index-url", CPU_INDEX, pin)
            return 0
        print(f"PyTorch's CPU index ({CPU_INDEX}) did not answer within {PROBE_TIMEOUT_S} s: using the default "
              "index instead. From plain PyPI this is the CUDA build (several GB); a local mirror may have the "
              "CPU build.", flush=True)
    else:
        print(f"Installing {pin} from the default index ({flavour} build where the platform has one).", flush=True)
    pip(pin)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
