"""Start a submission's kernel with limits: run as a script, before ``ipykernel_launcher``, by the grader.

    python sandbox.py --memory BYTES --file-size BYTES [--loopback] [--writable FOLDER]... -- python -m ipykernel

It sets the limits on this process (``RLIMIT_AS``: the memory it may map; ``RLIMIT_FSIZE``: the largest file it may
write; no core files; on Linux it dies with the grader, ``PR_SET_PDEATHSIG``); with ``--loopback`` it switches on
``lo`` (a fresh network namespace has it down); with ``--writable`` it makes every mounted file system read-only
except each ``FOLDER`` (the submission's temporary folder, the kernel's sockets' folder) and ``/proc``, ``/sys``
and ``/dev``; finally it replaces itself with the command after ``--`` (``os.execv``: the kernel keeps the limits
and the process id).

``--writable`` needs a mount namespace of its own (``unshare --mount``, as the grader starts it, with
``--user --map-root-user`` when not root); elsewhere it stops with exit code 3 and nothing is started.
``--probe`` does the same steps, then checks that a file outside ``FOLDER`` cannot be created, and exits 0 if so.

It is a script, not an import of ``linreg_utils``: importing the package (PyTorch) would cost each kernel seconds.
Linux only (``resource`` limits elsewhere where Python has them; no mount namespace).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import socket
import struct
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME,
         "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME}
KEEP_WRITABLE = ("/proc", "/sys", "/dev")  # the kernel's own views of processes and devices


def _mount(libc: ctypes.CDLL, source: str | None, target: str, flags: int) -> None:
    if libc.mount(source and source.encode(), target.encode(), None, flags, None) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {target}: {os.strerror(error)}")


def mount_points() -> list[tuple[str, int]]:
    """Each mount point of this namespace and its flags (``/proc/self/mountinfo``; ``\\040`` is a space)."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            point = fields[4].encode().decode("unicode_escape")
            flags = sum(FLAGS.get(option, 0) for option in fields[5].split(","))
            found.append((point, flags))
    return found


def read_only_except(*folders: str) -> None:
    """Make every mount read-only but ``folders`` (each bound onto itself first, so it stays writable) and /proc,
    /sys, /dev. Each remount keeps the mount's own flags (a user namespace may not drop nosuid, nodev, ...)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    _mount(libc, None, "/", MS_REC | MS_PRIVATE)  # nothing done here is seen outside this namespace
    folders = tuple(os.path.realpath(folder) for folder in folders)
    for folder in folders:
        _mount(libc, folder, folder, MS_BIND | MS_REC)
    for point, flags in mount_points():
        inside = any(point == folder or point.startswith(folder.rstrip("/") + "/") for folder in folders)
        if inside or any(point == keep or point.startswith(keep + "/") for keep in KEEP_WRITABLE):
            continue
        try:
            _mount(libc, None, point, MS_REMOUNT | MS_BIND | MS_RDONLY | flags)
        except OSError:
            if point == "/":
                raise  # the root must be read-only, or nothing is protected
            # a mount this namespace may not change (e.g. one over a file) is left as it is


def loopback_up() -> None:
    """Switch on ``lo`` in a fresh network namespace (it starts down): localhost works, as notebook 11's
    torchrun needs, and nothing else is reachable. Errors are ignored: then even localhost is unreachable."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    try:
        import fcntl  # Unix only

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            request = struct.pack("16sH14x", b"lo", 0)
            flags = struct.unpack("16sH14x", fcntl.ioctl(sock, siocgifflags, request))[1]
            fcntl.ioctl(sock, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))
    except (ImportError, OSError):
        pass


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="sandbox.py")
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("--file-size", type=int, required=True)
    parser.add_argument("--writable", action="append", default=[])
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("command", nargs="*")
    parser.add_argument("--loopback", action="store_true")
    args = parser.parse_args(argv)
    if args.loopback:
        loopback_up()
    if args.writable:
        try:
            read_only_except(*args.writable)
            os.chdir(os.getcwd())  # the working folder as seen through the new mounts (it was the read-only one)
        except OSError as error:
            print(f"sandbox.py: {error}", file=sys.stderr)
            return 3
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (args.memory, args.memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.file_size, args.file_size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError) as error:  # no such limit on this system
        print(f"sandbox.py: {error}", file=sys.stderr)
    if sys.platform.startswith("linux"):  # the kernel dies with the grader, even one killed with SIGKILL
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
    if args.probe:
        outside = os.path.join(os.path.dirname(os.path.realpath(args.writable[0] if args.writable else ".")),
                               ".linreg-grade-probe")
        try:
            with open(outside, "w"):
                pass
        except OSError:
            return 0
        os.unlink(outside)
        return 4
    os.execv(args.command[0], args.command)
    return 5  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
