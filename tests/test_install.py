"""tools/install.py's offline checks and tools/wheelhouse.py's folder handling (no network, no pip run).

The real offline install (make wheelhouse, then make install in a fresh clone under `unshare -n`, then notebook 01 in
the learner's kernel) runs in CI: tools/test_offline_class.sh.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import install  # noqa: E402
import wheelhouse  # noqa: E402


def wheel(name: str, version: str) -> str:
    return f"{name.replace('-', '_')}-{version}-py3-none-any.whl"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A wheel folder for this computer with one (empty) wheel per pin of requirements.txt."""
    house = tmp_path / "wheelhouse"
    house.mkdir()
    target = install.this_target()
    (house / "README.txt").write_text(f"{wheelhouse.FIRST_LINE}\n\npython: {target['python']}\n"
                                      f"platform: {target['platform']}\n")
    for name, version in install.pins(ROOT / "requirements.txt").items():
        (house / wheel(name, version + ("+cpu" if name == "torch" else ""))).write_bytes(b"")
    return house


def refusal(folder: Path) -> str:
    with pytest.raises(install.Refused) as refused:
        install.check_wheelhouse(folder, ROOT / "requirements.txt")
    return str(refused.value)


def test_a_complete_folder_for_this_computer_passes(folder):
    install.check_wheelhouse(folder, ROOT / "requirements.txt")  # no exception


def test_a_source_package_is_named_before_pip_runs(folder):
    (folder / wheel("tqdm", install.pins(ROOT / "requirements.txt")["tqdm"])).unlink()
    (folder / "tqdm-4.70.1.tar.gz").write_bytes(b"")
    message = refusal(folder)
    assert "source packages, not wheels: tqdm." in message and "make wheelhouse" in message


def test_a_missing_wheel_is_named_with_its_pin(folder):
    version = install.pins(ROOT / "requirements.txt")["ipykernel"]
    (folder / wheel("ipykernel", version)).unlink()
    assert f"no wheel of ipykernel=={version} (pinned in requirements.txt)" in refusal(folder)


def test_a_folder_for_another_platform_or_python_is_refused_with_the_fix(folder):
    readme = folder / "README.txt"
    readme.write_text(readme.read_text().replace(f"platform: {install.platform_name()}", "platform: windows-x86_64"))
    message = refusal(folder)
    assert "was made for Python" in message and "on windows-x86_64" in message
    assert f"WHEELHOUSE_PLATFORM={install.platform_name()}" in message


def test_a_folder_without_its_readme_is_not_taken_for_a_wheel_folder(folder):
    (folder / "README.txt").unlink()
    assert "not a folder made by `make wheelhouse`" in refusal(folder)


def test_names_are_read_from_file_names_as_pip_reads_them():
    assert install.wheel_name_version("torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl") == ("torch",
                                                                                                  "2.13.0+cpu")
    assert install.wheel_name_version("jupyterlab_language_pack_zh_CN-4.5.post3-py2.py3-none-any.whl")[0] == \
        "jupyterlab-language-pack-zh-cn"
    assert install.source_name("jieba-0.42.1.tar.gz") == "jieba"
    assert install.source_name("python-dateutil-2.9.0.zip") == "python-dateutil"


def test_the_offline_install_of_a_folder_with_a_source_package_is_one_line(folder, tmp_path):
    # the whole script, as make install runs it, pointed at the folder: exit 2, one line, no traceback, nothing run
    (folder / "jieba-0.42.1.tar.gz").write_bytes(b"")
    script = (f"import sys; sys.path.insert(0, {str(ROOT / 'tools')!r}); import install; "
              f"install.WHEELHOUSE = install.Path({str(folder)!r}); sys.exit(install.main([]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "source packages, not wheels: jieba" in done.stderr
    assert "pip" not in done.stdout  # refused before pip started


def test_wheelhouse_never_replaces_a_folder_it_did_not_make(tmp_path):
    mine = tmp_path / "wheelhouse"
    mine.mkdir()
    (mine / "notes.txt").write_text("a teacher's own file")
    with pytest.raises(wheelhouse.Refused, match="not made by this tool"):
        wheelhouse.build(mine)
    assert (mine / "notes.txt").read_text() == "a teacher's own file"


def test_wheelhouse_replaces_its_own_folder_only_when_the_new_one_is_complete(tmp_path, monkeypatch):
    out = tmp_path / "wheelhouse"
    out.mkdir()
    (out / "README.txt").write_text(f"{wheelhouse.FIRST_LINE}\nthe old folder\n")

    def fill(folder: Path) -> str:  # pip download, without pip
        (folder / "a-1.0-py3-none-any.whl").write_bytes(b"")
        if fail:
            raise KeyboardInterrupt
        return "a test"

    monkeypatch.setattr(wheelhouse, "fill", fill)
    fail = True
    with pytest.raises(KeyboardInterrupt):
        wheelhouse.build(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wheelhouse"]  # nothing left beside it
    assert sorted(p.name for p in out.iterdir()) == ["README.txt"]
    assert "the old folder" in (out / "README.txt").read_text()
    fail = False
    assert wheelhouse.build(out) == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wheelhouse"]
    assert sorted(p.name for p in out.iterdir()) == ["README.txt", "a-1.0-py3-none-any.whl"]
    assert "the old folder" not in (out / "README.txt").read_text()


@pytest.mark.parametrize("command, code, says", [
    (["install.py", "--help"], 0, "Offline"),
    (["install.py", "--torch", "rocm"], 2, "invalid choice: 'rocm'"),
    (["wheelhouse.py", "--help"], 0, "environment markers"),
    (["wheelhouse.py", "--platform", "windows-x86_64"], 2, "must be made on a computer of the lab's kind"),
    (["wheelhouse.py", "--python", "3.99"], 2, "the lab PCs are Python 3.99 on"),
])
def test_the_commands_answer_help_and_bad_options_in_one_place(command, code, says):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / command[0]), *command[1:]], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == code
    assert says in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
