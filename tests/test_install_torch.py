"""The install picks PyTorch's CPU build by default and never stalls on an index that does not answer."""

import base64
import functools
import hashlib
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import venv
import zipfile
from pathlib import Path

import pytest

import install_torch


def test_probe_gives_up_quickly_on_a_server_that_never_answers():
    with socket.socket() as silent:  # accepts connections (backlog) but never sends a byte
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        start = time.perf_counter()
        assert not install_torch.reachable(f"http://127.0.0.1:{silent.getsockname()[1]}/whl/cpu/torch/", timeout=0.5)
        assert time.perf_counter() - start < 3


def test_probe_counts_any_http_answer_as_reachable():
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)  # answers 501
    threading.Thread(target=server.handle_request, daemon=True).start()
    try:
        assert install_torch.reachable(f"http://127.0.0.1:{server.server_port}/", timeout=5)
    finally:
        server.server_close()


def test_probe_of_a_closed_port_is_false():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert not install_torch.reachable(f"http://127.0.0.1:{port}/", timeout=2)


def test_unknown_build_is_refused_with_the_choices(capsys):
    assert install_torch.main(["rocm"]) == 2
    assert "use TORCH=cpu or TORCH=cuda" in capsys.readouterr().err


def test_pin_comes_from_requirements():
    assert install_torch.pinned_torch() == "torch==2.13.0"


@pytest.mark.skipif(not (install_torch.installed_torch() or "").endswith("+cpu"), reason="needs the CPU build")
def test_installed_cpu_build_is_kept_without_calling_pip(monkeypatch, capsys):
    monkeypatch.setattr(install_torch, "pip", lambda *a: pytest.fail(f"pip called with {a}"))
    assert install_torch.main(["cpu"]) == 0
    assert "already installed (cpu build)" in capsys.readouterr().out


def test_probe_gives_up_in_time_even_when_the_name_lookup_hangs(monkeypatch):
    # a name server that drops queries: urlopen's own timeout does not cover the lookup
    monkeypatch.setattr(install_torch.urllib.request, "urlopen", lambda *a, **k: time.sleep(30))
    start = time.perf_counter()
    assert not install_torch.reachable("https://download.pytorch.org/whl/cpu/torch/", timeout=0.3)
    assert time.perf_counter() - start < 2


def test_cpu_index_can_be_a_copy_named_in_the_environment(monkeypatch):
    monkeypatch.delenv("TORCH_CPU_INDEX_URL", raising=False)
    assert install_torch.cpu_index() == "https://download.pytorch.org/whl/cpu"
    monkeypatch.setenv("TORCH_CPU_INDEX_URL", " https://mirror.example.edu.cn/pytorch/whl/cpu/ ")
    assert install_torch.cpu_index() == "https://mirror.example.edu.cn/pytorch/whl/cpu"


# --- end to end: a fresh environment, a local "mirror" with a tiny stand-in torch wheel, real pip, no network ---

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the CPU index is asked on Linux only")


def stand_in_torch_wheel(folder: Path, marker: str) -> None:
    """A PEP 503 index in ``folder`` holding torch 2.13.0: a 1 kB wheel whose module records ``marker``."""
    name = "torch-2.13.0-py3-none-any.whl"
    files = {
        "torch/__init__.py": f"SOURCE = {marker!r}\n",
        "torch-2.13.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: torch\nVersion: 2.13.0\n",
        "torch-2.13.0.dist-info/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    (folder / "torch").mkdir(parents=True)
    with zipfile.ZipFile(folder / "torch" / name, "w") as wheel:
        for path, text in files.items():
            wheel.writestr(path, text)
            digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
            record.append(f"{path},sha256={digest},{len(text)}")
        wheel.writestr("torch-2.13.0.dist-info/RECORD", "\n".join([*record, "torch-2.13.0.dist-info/RECORD,,"]))
    (folder / "torch" / "index.html").write_text(f'<a href="{name}">{name}</a>\n')
    (folder / "index.html").write_text('<a href="torch/">torch</a>\n')


@pytest.fixture
def fresh_env(tmp_path):
    """A virtual environment without torch whose pip is this one's (no copy of pip, no download), and the
    environment variables for a pip that reads no configuration file and knows no index but the ones we name."""
    import pip

    venv.EnvBuilder(with_pip=False).create(tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (tmp_path / "pip-only").mkdir()
    (tmp_path / "pip-only" / "pip").symlink_to(Path(pip.__file__).parent)
    (Path(site) / "borrowed_pip.pth").write_text(f"{tmp_path / 'pip-only'}\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "TORCH_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")
    return python, env


def run_install(python: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([python, Path(install_torch.__file__), "cpu"], env=env, capture_output=True, text=True,
                          timeout=120)


def torch_source(python: Path) -> str:
    return subprocess.run([python, "-c", "import torch; print(torch.SOURCE)"], capture_output=True, text=True,
                          check=True).stdout.strip()


@linux_only
def test_a_mirror_in_PIP_INDEX_URL_is_used_when_the_cpu_index_does_not_answer(fresh_env, tmp_path):
    python, env = fresh_env
    stand_in_torch_wheel(tmp_path / "mirror", "the PyPI mirror")
    with socket.socket() as closed:  # the CPU index: a port nobody listens on (and never the real network)
        closed.bind(("127.0.0.1", 0))
        env["TORCH_CPU_INDEX_URL"] = f"http://127.0.0.1:{closed.getsockname()[1]}/whl/cpu"
    env["PIP_INDEX_URL"] = (tmp_path / "mirror").as_uri()
    done = run_install(python, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "did not answer" in done.stdout and "PIP_INDEX_URL" in done.stdout
    assert torch_source(python) == "the PyPI mirror"


@linux_only
def test_a_copy_of_the_cpu_index_in_TORCH_CPU_INDEX_URL_is_used_when_it_answers(fresh_env, tmp_path):
    python, env = fresh_env
    stand_in_torch_wheel(tmp_path / "www" / "whl" / "cpu", "the copy of the CPU index")
    stand_in_torch_wheel(tmp_path / "pypi-mirror", "the PyPI mirror")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env["TORCH_CPU_INDEX_URL"] = f"http://127.0.0.1:{server.server_port}/whl/cpu/"
        env["PIP_INDEX_URL"] = (tmp_path / "pypi-mirror").as_uri()
        done = run_install(python, env)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"--index-url http://127.0.0.1:{server.server_port}/whl/cpu torch==2.13.0" in done.stdout
    assert torch_source(python) == "the copy of the CPU index"
