"""Download every wheel the learner's environment needs into wheelhouse/, for a class that installs offline.

    make wheelhouse                          # for this computer's Python and platform (README.txt names them)
    make wheelhouse WHEELHOUSE_PLATFORM=linux-x86_64 WHEELHOUSE_PYTHON=3.11   # the same, stopping if this computer
                                                                              # is not that kind
    python tools/wheelhouse.py               # without make, e.g. on Windows in the activated conda environment

On a computer with a network. The folder then holds wheels only (never a source package): PyTorch's CPU build first
(from PyTorch's CPU index, or TORCH_CPU_INDEX_URL; see tools/install_torch.py), then every other pin of
requirements.txt with all that they need, then what building `linreg_utils` itself needs (setuptools). Its
README.txt says which Python and platform it serves; a wheel folder serves only those. Copy the project's folder
with its wheelhouse/ to each PC (or put it on a shared drive) and run `make lab` there: with wheelhouse/ present,
tools/install.py installs from it alone and never touches the network.

A folder serves the kind of computer that made it, so make it on one PC like the lab's (the same operating system,
processor and Python), with a network. Naming another kind is refused: pip decides which packages a package needs
(its environment markers, such as `platform_system == "Linux"`) on the computer that runs it, even when told to
download for another platform, so such a folder would miss packages or hold wrong ones (PyTorch's 17 CUDA packages
for a Windows lab, for example).
The folder is made beside wheelhouse/ and swapped in only when complete: an interrupted or failed run leaves the
previous folder as it was. An existing wheelhouse/ is replaced only if it has the README.txt this tool writes.
Standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from marked_folder import MarkedFolders  # noqa: E402

import install  # noqa: E402
import install_torch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ME = "wheelhouse.py"
FIRST_LINE = "wheelhouse/: wheels for an offline install of 'Linear Regression with PyTorch' (made by make wheelhouse)"
CUDA_PARTS = ("nvidia-", "triton", "cuda-")
FOLDERS = MarkedFolders("tools/wheelhouse.py")  # the folder it builds in; a wheel folder is known by its README.txt


class Refused(Exception):
    """One line to print; nothing was changed."""


def download(arguments: list[str], doing: str) -> None:
    command = [sys.executable, "-m", "pip", "download", "--only-binary", ":all:", "--progress-bar", "on", *arguments]
    print("+", " ".join(command[2:]), flush=True)
    try:
        install_torch.run_pip(command, doing)
    except install_torch.PipFailed as failed:
        raise Refused(f"pip failed (exit code {failed.args[0]}) to {doing}: its own message is above. 'No matching "
                      "distribution' means that a package publishes no wheel for this platform and Python (try "
                      "another WHEELHOUSE_PYTHON); otherwise check the network and the index (PIP_INDEX_URL)") from None


def build_requirements() -> list[str]:
    """What building linreg_utils needs (pyproject.toml's [build-system] requires)."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]


def fill(folder: Path) -> str:
    """Download everything into ``folder``; return how PyTorch was got (for README.txt)."""
    target: list[str] = []  # pip's own tags for this computer
    into = ["--dest", str(folder)]
    torch_pin = install_torch.pinned_torch()
    linux = install.platform_name().startswith("linux")
    how = "PyTorch from pip's default index"
    if linux:
        index = install_torch.cpu_index()
        why_not = install_torch.probe(f"{index}/torch/", install_torch.probe_seconds())
        if why_not is None:
            print(f"[1/3] {torch_pin}, CPU build, from {index}", flush=True)
            download([*target, *into, "--index-url", index, torch_pin], f"download {torch_pin} from {index}")
            how = f"PyTorch's CPU build from {index}"
        else:
            print(f"[1/3] The CPU-build index ({index}) did not answer properly ({why_not}): asking pip's default "
                  "index for PyTorch (from PyPI itself that is the CUDA build, several GB; TORCH_CPU_INDEX_URL=<a "
                  f"copy of {install_torch.CPU_INDEX}> gets the CPU build).", flush=True)
            download([*target, *into, torch_pin], f"download {torch_pin}")
    else:
        print(f"[1/3] {torch_pin} from pip's default index (the CPU build on this platform)", flush=True)
        download([*target, *into, torch_pin], f"download {torch_pin}")
    print("[2/3] The other pins of requirements.txt and all they need", flush=True)
    download([*target, *into, "--find-links", str(folder), "-r", str(ROOT / "requirements.txt")],
             "download requirements.txt")
    print("[3/3] What building linreg_utils needs: " + ", ".join(build_requirements()), flush=True)
    download([*target, *into, *build_requirements()], "download the build requirements")
    cuda = sorted(p.name.split("-")[0] for p in folder.glob("*.whl") if p.name.lower().startswith(CUDA_PARTS))
    if cuda:
        how += f" - the CUDA build: {len(cuda)} CUDA packages came with it ({', '.join(cuda[:3])}, ...)"
    else:
        how += " - the CPU build" if linux else ""
    return how


def describe(folder: Path, platform: str, python: str, how: str) -> str:
    wheels = sorted(folder.glob("*.whl"))
    size = sum(path.stat().st_size for path in wheels)
    return "\n".join([
        FIRST_LINE,
        "",
        f"python: {python}",
        f"platform: {platform}",
        "",
        f"It serves Python {python} on {platform} only: another Python or operating system needs its own folder,",
        "made on a computer of that kind (python tools/wheelhouse.py there).",
        f"Made on {datetime.date.today().isoformat()}: {len(wheels)} wheels, {size / 1e6:.0f} MB; {how}.",
        "",
        "To install on a PC without a network, in the project's folder with this wheelhouse/ in it:",
        "    make lab            (or make lab-zh; Linux and macOS)",
        "    python tools/install.py    (in an activated conda environment with this Python, e.g. on Windows)",
        "Both install from this folder alone and never touch the network (docs/teaching.md, 'A room of PCs').",
        "",
    ])


def check(out: Path) -> None:
    """``out`` may be replaced: new, or a wheel folder this tool made (its README.txt says so)."""
    if out.exists() and not (out / "README.txt").is_file():
        raise Refused(f"{out} exists but was not made by this tool (no README.txt): move it away or choose another "
                      "--out")
    if out.exists() and not (out / "README.txt").read_text(encoding="utf-8", errors="replace").startswith(FIRST_LINE):
        raise Refused(f"{out}/README.txt was not written by this tool: move the folder away or choose another --out")


def build(out: Path) -> Path:
    check(out)
    work = FOLDERS.work_beside(out)
    try:
        new = work / out.name
        new.mkdir()
        how = fill(new)
        here = install.this_target()
        (new / "README.txt").write_text(describe(new, here["platform"], here["python"], how), "utf-8")
        FOLDERS.swap_in(new, out, work, check=lambda: check(out))
    finally:
        FOLDERS.remove(work)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"python tools/{ME}", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--platform", help="the lab PCs' platform, e.g. linux-x86_64: stop if this computer is not one")
    parser.add_argument("--python", help="the lab PCs' Python, e.g. 3.11: stop if this Python is not that one")
    parser.add_argument("--out", type=Path, default=ROOT / "wheelhouse", help="the folder (default: wheelhouse/)")
    options = parser.parse_args(argv)
    here = install.this_target()
    wanted = {"python": options.python or here["python"], "platform": options.platform or here["platform"]}
    if wanted != here:
        print(f"{ME}: the lab PCs are Python {wanted['python']} on {wanted['platform']}, but this is Python "
              f"{here['python']} on {here['platform']}: a wheel folder must be made on a computer of the lab's kind, "
              "because pip decides here which packages each package needs. Run `python tools/wheelhouse.py` (or make "
              "wheelhouse) on one such PC with a network, e.g. on Windows in the activated conda environment with "
              f"Python {wanted['python']}, then copy the folder", file=sys.stderr)
        return 2
    try:
        out = build(options.out.resolve())
    except (Refused, install_torch.Refused) as refused:
        print(f"{ME}: {refused}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, install_torch.Stopped):
        print(f"{ME}: interrupted; the previous folder (if any) is unchanged.", file=sys.stderr)
        return 130
    wheels = list(out.glob("*.whl"))
    size = sum(path.stat().st_size for path in wheels)
    print(f"{out}: {len(wheels)} wheels, {size / 1e6:.0f} MB, for Python {here['python']} on {here['platform']} "
          "(README.txt says how to use it).")
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGTERM, install_torch._stop)
    sys.exit(main(sys.argv[1:]))
