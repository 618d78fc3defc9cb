"""Install the pinned PyTorch into this environment: the CPU build by default, the CUDA build on request.

    python tools/install_torch.py cpu     # default of `make install`: no CUDA libraries (~200 MB, not ~5 GB)
    python tools/install_torch.py cuda    # `make install TORCH=cuda`: PyPI's default Linux build, with CUDA

On Linux, PyPI's `torch` wheel is the CUDA build and pulls about 17 nvidia/cuda/triton packages (gigabytes)
that eleven data points do not need. PyTorch publishes CPU-only wheels on its own index, so for `cpu` we ask
that index first. If it does not answer properly within a few seconds (a firewall, a mirror-only network, a proxy
that answers with something that is not HTTP, a server that sends its answer a byte at a time), we say so in one
line and use pip's default index instead, rather than let pip retry an unreachable index for minutes. The few
seconds are a total deadline for the whole probe (name lookup, connection and answer): no answer can stretch it.
On macOS and Windows the default index already serves CPU builds, so `cpu` changes nothing there.

Mirrors, without editing any file of the project (docs/teaching.md, "Local mirrors"):
- pip's default index is whatever pip is configured with: PIP_INDEX_URL, or index-url in a pip.conf / pip.ini
  (`pip config set global.index-url ...`). Every pip command below honours it, except the one that names
  PyTorch's CPU index with --index-url.
- TORCH_CPU_INDEX_URL=<a copy of https://download.pytorch.org/whl/cpu> (environment variable, or
  `make install TORCH_CPU_INDEX_URL=...`) asks that copy for the CPU build instead of PyTorch's own index.
- TORCH_PROBE_SECONDS=<seconds> changes that deadline (default 5; the tests use a fraction of a second).
If pip fails, we say in one line what failed and what to do, and exit with pip's exit code (no traceback).
Standard library only: it runs before anything else is installed.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from importlib import metadata
from pathlib import Path

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PROBE_TIMEOUT_S = 5.0
ROOT = Path(__file__).resolve().parent.parent
ME = "install_torch.py"


class Refused(Exception):
    """Bad input (a file or a setting): its message is the one line we print."""


def pinned_torch() -> str:
    """The ``torch==X.Y.Z`` line of requirements.txt."""
    path = ROOT / "requirements.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"cannot read {path} ({error.__class__.__name__}: {error}): restore it with "
                      "`git checkout -- requirements.txt`") from None
    for line in lines:
        if line.startswith("torch=="):
            return line.strip()
    raise Refused(f"{path} has no torch== pin: add the line torch==<version> (see `git log -p requirements.txt`)")


def installed_torch() -> str | None:
    try:
        return metadata.version("torch")
    except metadata.PackageNotFoundError:
        return None


def cpu_index() -> str:
    """PyTorch's CPU-wheel index, or the copy of it named by the environment variable TORCH_CPU_INDEX_URL."""
    given = os.environ.get("TORCH_CPU_INDEX_URL", "").strip()
    url = given.rstrip("/")
    if not url:
        return CPU_INDEX
    try:
        parts = urllib.parse.urlsplit(url)
        proper = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        proper = False
    if not proper:
        raise Refused(f"TORCH_CPU_INDEX_URL={given!r} is not an http:// or https:// address: give the address of a "
                      f"copy of {CPU_INDEX} (e.g. https://mirror.nju.edu.cn/pytorch/whl/cpu), or unset it")
    return url


def probe_seconds() -> float:
    """The probe's total deadline: TORCH_PROBE_SECONDS if set, else PROBE_TIMEOUT_S."""
    text = os.environ.get("TORCH_PROBE_SECONDS", "").strip()
    if not text:
        return PROBE_TIMEOUT_S
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= 600:
        raise Refused(f"TORCH_PROBE_SECONDS={text!r} is not a number of seconds between 0 and 600: "
                      "unset it (the default is 5) or give e.g. TORCH_PROBE_SECONDS=10")
    return seconds


class _Connections:
    """The sockets one probe opened, so that they can be shut down when the probe is abandoned at its deadline."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        self.closed = False

    def add(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            closed = self.closed
        if closed:  # opened after the deadline: close it now and end the probe
            self.close()
            raise TimeoutError("the deadline passed")

    def close(self) -> None:
        with self.lock:
            self.closed = True
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked in the probe's thread
            except OSError:
                pass
            sock.close()


def _opener(connections: _Connections) -> urllib.request.OpenerDirector:
    """urllib's opener (proxies from the environment, redirects), with every connection it makes recorded."""

    def tracked(http_class: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Tracked(http_class):
            def connect(self) -> None:
                super().connect()
                connections.add(self.sock)

        return Tracked

    class HTTP(urllib.request.HTTPHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(tracked(http_class), req, **kwargs)

    class HTTPS(urllib.request.HTTPSHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(tracked(http_class), req, **kwargs)

    return urllib.request.build_opener(HTTP, HTTPS)


def probe(url: str, timeout: float = PROBE_TIMEOUT_S) -> str | None:
    """None if ``url`` gives an HTTP answer within ``timeout`` seconds in all, else why not (a few words).

    Any HTTP status counts as an answer (a 404 or 501 still shows that an index is there; pip says the rest),
    except a redirect loop. Everything else is "no proper answer": no connection, a reset, a banner or bytes that
    are not HTTP, a TLS error, or no complete answer in time. The ``timeout`` is one deadline for everything -
    name lookup, connection, TLS and every header - because the probe runs in a thread that we stop waiting for
    when the deadline comes (its sockets are then shut down), however slowly the server sends its bytes.
    """
    outcome: list[str | None] = []
    connections = _Connections()

    def run() -> None:
        try:
            request = urllib.request.Request(url, method="HEAD")
            _opener(connections).open(request, timeout=timeout).close()
        except urllib.error.HTTPError as error:
            error.close()
            if not 300 <= error.code < 400:
                outcome.append(None)  # an HTTP answer: the index is there (pip says the rest)
            elif "infinite loop" in str(error.msg):
                outcome.append(f"a redirect loop (HTTP {error.code})")
            else:
                outcome.append(f"a redirect that goes nowhere (HTTP {error.code})")
        except urllib.error.URLError as error:
            reason = error.reason
            outcome.append(f"{reason.__class__.__name__}: {reason}" if isinstance(reason, BaseException)
                           else str(reason))
        except http.client.BadStatusLine as error:
            outcome.append(f"an answer that is not HTTP: {str(error).strip()[:60]!r}")
        except Exception as error:  # any other odd answer means "no proper answer", never a traceback
            outcome.append(f"{error.__class__.__name__}: {str(error)[:80]}".rstrip(": "))
        else:
            outcome.append(None)
        finally:
            connections.close()

    deadline = time.monotonic() + timeout
    thread = threading.Thread(target=run, name="probe " + url, daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if not outcome:  # still waiting for the name server, the connection or the rest of the answer
        connections.close()
        return f"no complete answer within {timeout:g} s"
    return outcome[0]


def reachable(url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """True if ``url`` gives an HTTP answer within ``timeout`` seconds in all (see ``probe``)."""
    return probe(url, timeout) is None


class PipFailed(Exception):
    """pip exited with a non-zero code: ``args`` are (code, what it was doing)."""


def pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "install", "--progress-bar", "on", *args]
    print("+", " ".join(command[2:]), flush=True)
    run_pip(command, "install " + " ".join(a for a in args if not a.startswith("-") and "://" not in a))


def run_pip(command: list[str], doing: str) -> None:
    """Run pip; on Ctrl-C or SIGTERM stop it (SIGTERM, then SIGKILL after 5 s) and reap it before going on."""
    process = subprocess.Popen(command)
    try:
        code = process.wait()
    except BaseException:
        process.terminate()
        while process.returncode is None:
            try:
                process.wait(timeout=5)
            except (subprocess.TimeoutExpired, KeyboardInterrupt, Stopped):  # too slow, or asked twice: no mercy
                process.kill()
        raise
    if code != 0:
        raise PipFailed(code, doing)


def install(flavour: str) -> int:
    pin = pinned_torch()
    wanted = pin.split("==")[1]
    have = installed_torch()
    linux = sys.platform.startswith("linux")
    if have is not None and have.split("+")[0] == wanted:
        is_cpu = have.endswith("+cpu") or not linux
        if is_cpu == (flavour == "cpu"):
            print(f"PyTorch {have} is already installed ({flavour} build).")
            return 0
    cpu_from_its_index = flavour == "cpu" and linux
    if cpu_from_its_index:  # the settings are checked before anything is uninstalled
        index, seconds = cpu_index(), probe_seconds()
    if have is not None and have.split("+")[0] == wanted:
        print(f"Replacing PyTorch {have} with the {flavour} build.", flush=True)
        run_pip([sys.executable, "-m", "pip", "uninstall", "--yes", "torch"], f"uninstall torch {have}")
    if cpu_from_its_index:
        print(f"Installing {pin}, CPU build (about 200 MB to download; `make install TORCH=cuda` for a GPU).",
              flush=True)
        why_not = probe(f"{index}/torch/", seconds)
        if why_not is None:
            try:
                pip("--index-url", index, pin)
            except PipFailed as failed:
                raise PipFailed(failed.args[0], f"{failed.args[1]} from {index}") from None
            return 0
        print(f"The CPU-build index ({index}) did not answer properly ({why_not}): using "
              "pip's default index instead (PIP_INDEX_URL or pip.conf, if you set a mirror there). From PyPI, or a "
              "mirror of PyPI, this is the CUDA build (several GB); TORCH_CPU_INDEX_URL=<a copy of "
              f"{CPU_INDEX}> gets the CPU build.", flush=True)
    else:
        print(f"Installing {pin} from the default index ({flavour} build where the platform has one).", flush=True)
    pip(pin)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    flavour = argv[0] if argv else "cpu"
    if flavour not in ("cpu", "cuda") or len(argv) > 1:
        print(f"{ME}: TORCH={' '.join(argv)!r} is not a build we know: use TORCH=cpu or TORCH=cuda", file=sys.stderr)
        return 2
    try:
        return install(flavour)
    except Refused as refused:
        print(f"{ME}: {refused}", file=sys.stderr)
        return 2
    except PipFailed as failed:
        code, doing = failed.args
        print(f"{ME}: pip failed (exit code {code}) to {doing}: its own message is above; check the network and "
              "the index (PIP_INDEX_URL, TORCH_CPU_INDEX_URL; docs/teaching.md, \"Local mirrors\"), then run "
              "`make install` again.", file=sys.stderr)
        return code if code > 0 else 128 - code  # -N: pip was killed by signal N, which a shell reports as 128+N
    except (KeyboardInterrupt, Stopped) as stop:  # pip, if it was running, is stopped by run_pip
        number = stop.args[0] if isinstance(stop, Stopped) else signal.SIGINT
        how = "Ctrl-C" if number == signal.SIGINT else signal.Signals(number).name
        print(f"{ME}: interrupted ({how}) before PyTorch was fully installed: run `make install` again.",
              file=sys.stderr)
        return 128 + number


class Stopped(Exception):
    """A signal asked us to stop (SIGTERM: what `timeout` or a cancelled CI job sends): ``args[0]`` is its number."""


def _stop(number: int, frame: object) -> None:
    raise Stopped(number)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(main(sys.argv[1:]))
