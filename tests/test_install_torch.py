"""The install picks PyTorch's CPU build by default and never stalls on an index that does not answer."""

import http.server
import socket
import threading
import time

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
