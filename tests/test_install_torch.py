"""The install picks PyTorch's CPU build by default and never stalls on an index that does not answer."""

import base64
import contextlib
import functools
import hashlib
import http.server
import json
import os
import signal
import socket
import struct
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


# --- odd answers from the network (issue 21): one total deadline, a one-line fallback, never a traceback ---

DEADLINE = 0.6  # the probe's deadline in these tests (TORCH_PROBE_SECONDS); the tool's own default is 5 s
MARGIN = 0.5  # what the probe may take beyond its deadline in-process


@contextlib.contextmanager
def odd_server(answer):
    """A TCP server on 127.0.0.1 that gives every connection to ``answer(conn)`` in a thread of its own.

    Yields ``(port, hung_up)``: ``hung_up`` is set when ``answer`` finds that the client has gone (a send fails)."""
    hung_up = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def handle(conn):
        with conn:
            try:
                answer(conn)
            except OSError:
                hung_up.set()

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # the listener was closed: the test is over
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1], hung_up
    finally:
        listener.close()


def ssh_banner(conn):  # a proxy or a port forward that is not HTTP: answers with its own greeting, then waits
    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
    conn.recv(65536)
    time.sleep(30)


def trickle(conn):  # a slow server: a valid status line, then a header byte every 0.1 s, forever
    conn.recv(65536)
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    while True:
        conn.sendall(b"X")
        time.sleep(0.1)


def silent(conn):  # accepts and never answers
    time.sleep(30)


def garbage(conn):
    conn.recv(65536)
    conn.sendall(bytes(range(256)) * 4)
    time.sleep(30)


def reset(conn):  # reads the request, then resets the connection
    conn.recv(65536)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def redirect_loop(conn):
    request = conn.recv(65536).decode("latin-1")
    path = request.split()[1]
    conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {path}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())


ODD = {"ssh banner": ("http", ssh_banner), "trickle": ("http", trickle), "silent": ("http", silent),
       "garbage": ("http", garbage), "reset": ("http", reset), "redirect loop": ("http", redirect_loop),
       "TLS to a non-TLS server": ("https", garbage)}


@pytest.mark.parametrize("name", ODD)
def test_an_odd_answer_is_no_answer_within_the_deadline_and_without_a_traceback(name, monkeypatch):
    tracebacks = []
    monkeypatch.setattr(threading, "excepthook", tracebacks.append)  # an exception escaping the probe's thread
    scheme, answer = ODD[name]
    with odd_server(answer) as (port, hung_up):
        start = time.monotonic()
        answered = install_torch.reachable(f"{scheme}://127.0.0.1:{port}/whl/cpu/torch/", timeout=DEADLINE)
        took = time.monotonic() - start
        assert answered is False
        assert took < DEADLINE + MARGIN, f"{name}: {took:.2f} s"
        if name == "trickle":  # the probe also hangs up: no thread left reading the trickle for the rest of the run
            assert hung_up.wait(1.5), "the probe is still connected after its deadline"
    assert not tracebacks, tracebacks[0].exc_value


@pytest.mark.parametrize(("name", "reason"), [
    ("ssh banner", "an answer that is not HTTP: 'SSH-2.0-OpenSSH_9.6'"),
    ("trickle", f"no complete answer within {DEADLINE:g} s"),
    ("silent", f"no complete answer within {DEADLINE:g} s"),
    ("redirect loop", "a redirect loop (HTTP 302)"),
    ("reset", "ConnectionResetError: "),  # then the system's own words
])
def test_the_probe_says_in_a_few_words_why_an_answer_was_not_proper(name, reason):
    scheme, answer = ODD[name]
    with odd_server(answer) as (port, _):
        why_not = install_torch.probe(f"{scheme}://127.0.0.1:{port}/whl/cpu/torch/", timeout=DEADLINE)
    assert why_not == reason or reason.endswith(": ") and why_not.startswith(reason), why_not


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory):
    """A virtual environment's Python without torch and without pip, and a fake pip on PYTHONPATH that logs its
    arguments to FAKE_PIP_LOG and exits with FAKE_PIP_EXIT (a message on stderr, as pip would, when non-zero)."""
    folder = tmp_path_factory.mktemp("bare")
    venv.EnvBuilder(with_pip=False).create(folder / "venv")
    (folder / "fake" / "pip").mkdir(parents=True)
    (folder / "fake" / "pip" / "__init__.py").write_text("")
    (folder / "fake" / "pip" / "__main__.py").write_text(
        "import json, os, sys\n"
        "with open(os.environ['FAKE_PIP_LOG'], 'a') as log:\n"
        "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "if os.environ.get('FAKE_PIP_PID'):\n"
        "    if os.environ.get('FAKE_PIP_STUBBORN'):  # a pip that ignores Ctrl-C and SIGTERM\n"
        "        import signal\n"
        "        signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "    open(os.environ['FAKE_PIP_PID'], 'w').write(str(os.getpid()))\n"
        "    import time; time.sleep(60)\n"
        "code = int(os.environ.get('FAKE_PIP_EXIT', '0'))\n"
        "if code:\n"
        "    print('ERROR: No matching distribution found for torch==2.13.0 (fake pip)', file=sys.stderr)\n"
        "sys.exit(code)\n")
    return folder / "venv" / "bin" / "python", folder / "fake"


def run_tool(bare_python, tmp_path, index_url, pip_exit=0):
    python, fake_pip = bare_python
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "TORCH_"))}
    env.update(PYTHONPATH=str(fake_pip), FAKE_PIP_LOG=str(tmp_path / "pip.log"), FAKE_PIP_EXIT=str(pip_exit),
               TORCH_CPU_INDEX_URL=index_url, TORCH_PROBE_SECONDS=str(DEADLINE))
    start = time.monotonic()
    done = subprocess.run([python, Path(install_torch.__file__), "cpu"], env=env, capture_output=True, text=True,
                          timeout=60)
    log = tmp_path / "pip.log"
    calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return done, time.monotonic() - start, calls


@linux_only
@pytest.mark.parametrize("name", ["ssh banner", "trickle"])
def test_install_falls_back_in_one_line_when_the_cpu_index_answers_oddly(name, bare_python, tmp_path):
    scheme, answer = ODD[name]
    with odd_server(answer) as (port, _):
        done, took, calls = run_tool(bare_python, tmp_path, f"{scheme}://127.0.0.1:{port}/whl/cpu")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and done.stderr == "", done.stderr
    fallback = [line for line in done.stdout.splitlines() if "did not answer" in line]
    assert len(fallback) == 1 and "using pip's default index" in fallback[0], done.stdout
    assert calls == [["install", "--progress-bar", "on", "torch==2.13.0"]]  # pip's default index, not the odd one
    assert took < DEADLINE + 3, f"{took:.1f} s"  # the deadline, plus starting Python twice


@linux_only
@pytest.mark.parametrize("index_answers", [False, True], ids=["after the fallback", "from the cpu index"])
def test_a_pip_failure_is_one_line_with_pip_s_exit_code(index_answers, bare_python, tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)  # answers 501
    server.handle_error = lambda *a: None
    port = server.server_port
    if index_answers:
        threading.Thread(target=server.handle_request, daemon=True).start()
    else:
        server.server_close()  # a closed port: connection refused
    try:
        done, _, calls = run_tool(bare_python, tmp_path, f"http://127.0.0.1:{port}/whl/cpu", pip_exit=3)
    finally:
        server.server_close()
    assert done.returncode == 3
    assert "Traceback" not in done.stderr, done.stderr
    ours = [line for line in done.stderr.splitlines() if "(fake pip)" not in line]
    assert len(ours) == 1, done.stderr
    assert ours[0].startswith("install_torch.py: pip failed (exit code 3) to install torch==2.13.0")
    assert "make install" in ours[0]
    assert (f"from http://127.0.0.1:{port}/whl/cpu" in ours[0]) == index_answers
    assert len(calls) == 1


@pytest.fixture
def refused_before_pip(monkeypatch):
    """A Linux machine without torch, where any pip call fails the test: a bad setting must stop before it."""
    monkeypatch.setattr(install_torch, "installed_torch", lambda: None)
    monkeypatch.setattr(install_torch.sys, "platform", "linux")
    monkeypatch.setattr(install_torch, "pip", lambda *a: pytest.fail(f"pip called with {a}"))


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan"])
def test_a_bad_probe_deadline_is_refused_in_one_line(value, monkeypatch, capsys, refused_before_pip):
    monkeypatch.setenv("TORCH_PROBE_SECONDS", value)
    assert install_torch.main(["cpu"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"TORCH_PROBE_SECONDS={value!r}" in err


@pytest.mark.parametrize("url", ["notaurl", "download.pytorch.org/whl/cpu", "ftp://mirror.example/whl/cpu",
                                 "http://[::1", "https://"])
def test_a_cpu_index_that_is_not_an_http_address_is_refused_in_one_line(url, monkeypatch, capsys,
                                                                         refused_before_pip):
    monkeypatch.setenv("TORCH_CPU_INDEX_URL", url)
    monkeypatch.delenv("TORCH_PROBE_SECONDS", raising=False)
    assert install_torch.main(["cpu"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"TORCH_CPU_INDEX_URL={url!r} is not an http:// or https:// address" in err


@pytest.mark.parametrize("text", [None, "numpy==2.0\n", b"\xff\xfe torch==2.13.0"], ids=["missing", "no pin", "binary"])
def test_a_bad_requirements_file_is_named_in_one_line(text, tmp_path, monkeypatch, capsys):
    if isinstance(text, bytes):
        (tmp_path / "requirements.txt").write_bytes(text)
    elif text is not None:
        (tmp_path / "requirements.txt").write_text(text)
    monkeypatch.setattr(install_torch, "ROOT", tmp_path)
    monkeypatch.setattr(install_torch, "pip", lambda *a: pytest.fail(f"pip called with {a}"))
    assert install_torch.main(["cpu"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(tmp_path / "requirements.txt") in err and "requirements.txt" in err


@linux_only
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_probe_ends_in_one_line_at_once(signal_name, bare_python, tmp_path):
    python, fake_pip = bare_python
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "TORCH_"))}
    env.update(PYTHONPATH=str(fake_pip), FAKE_PIP_LOG=str(tmp_path / "pip.log"), TORCH_PROBE_SECONDS="30")
    with odd_server(trickle) as (port, hung_up):
        env["TORCH_CPU_INDEX_URL"] = f"http://127.0.0.1:{port}/whl/cpu"
        tool = subprocess.Popen([python, Path(install_torch.__file__), "cpu"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert tool.stdout.readline().startswith("Installing torch==2.13.0, CPU build")
            time.sleep(0.3)  # inside the probe, the trickle under way
            tool.send_signal(getattr(signal, signal_name))
            out, err = tool.communicate(timeout=3)
        finally:
            tool.kill()
        assert hung_up.wait(1.5), "the probe is still connected after the tool ended"
    assert tool.returncode == 130 if signal_name == "SIGINT" else 128 + signal.SIGTERM
    assert err.count("\n") == 1 and "Traceback" not in err and "interrupted" in err, err
    assert not (tmp_path / "pip.log").exists()


@linux_only
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM", "SIGINT twice"])
def test_an_interrupted_pip_is_stopped_with_the_tool(signal_name, bare_python, tmp_path):
    twice = signal_name.endswith(" twice")  # the second Ctrl-C for a pip that ignores the first stop
    signal_name = signal_name.split()[0]
    python, fake_pip = bare_python
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "TORCH_"))}
    env.update(PYTHONPATH=str(fake_pip), FAKE_PIP_LOG=str(tmp_path / "pip.log"), FAKE_PIP_PID=str(tmp_path / "pid"),
               TORCH_CPU_INDEX_URL="http://127.0.0.1:9/whl/cpu")  # the discard port: refused, so pip's own index
    if twice:
        env["FAKE_PIP_STUBBORN"] = "1"
    tool = subprocess.Popen([python, Path(install_torch.__file__), "cpu"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while not (tmp_path / "pid").exists() or not (tmp_path / "pid").read_text():
            assert time.monotonic() < deadline and tool.poll() is None, "the fake pip never started"
            time.sleep(0.05)
        pip_pid = int((tmp_path / "pid").read_text())
        tool.send_signal(getattr(signal, signal_name))
        if twice:
            time.sleep(0.5)
            assert tool.poll() is None  # still waiting for pip to stop
            tool.send_signal(getattr(signal, signal_name))
        _, err = tool.communicate(timeout=3)
    finally:
        tool.kill()
    assert tool.returncode == 128 + getattr(signal, signal_name)
    assert err.count("\n") == 1 and "Traceback" not in err and "interrupted" in err, err
    with pytest.raises(ProcessLookupError):  # pip went with the tool (killed and reaped, not left running)
        os.kill(pip_pid, 0)
