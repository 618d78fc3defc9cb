#!/bin/sh
# Stop `make install` (and so `make lab`, `make lab-zh`, `make test`, ...) at once, before .venv is created or
# anything is downloaded, when the Python that would run the project is older than the pinned packages allow.
#
#     sh tools/check_python.sh PYTHON VENV GOAL
#
# PYTHON: the interpreter that would create VENV (the Makefile's $(PYTHON)); VENV: the virtual environment's folder;
# GOAL: the make command the learner typed (lab, lab-zh, test ...), named in the fix.
# If VENV/bin/python exists, that is the Python the project will run on, so that one is checked instead.
# The minimum comes from pyproject.toml's requires-python (one place; tests/test_environment.py checks that the
# README, the teaching guides and environment.yml state the same). POSIX shell, not Python: the point is to give
# a clear message on a Python too old (or too broken) to run the project's own code.
# Every message is one line in English and one in Chinese; exit status 1 when the Python cannot be used.

case "${1-}" in
    -h|--help) echo "usage: sh tools/check_python.sh [PYTHON [VENV [GOAL]]]  (make install runs it; see its first lines)"; exit 0 ;;
    -*) echo "tools/check_python.sh: unknown option '$1'; usage: sh tools/check_python.sh [PYTHON [VENV [GOAL]]]" >&2; exit 2 ;;
esac
python=${1:-python3}
venv=${2:-.venv}
goal=${3:-lab}
here=$(dirname "$0")

minimum=$(sed -n 's/^requires-python *= *">= *\([0-9][0-9]*\.[0-9][0-9]*\)".*/\1/p' "$here/../pyproject.toml")
case $minimum in
    [0-9]*.[0-9]*) ;;
    *) echo "tools/check_python.sh: pyproject.toml has no requires-python = \">=X.Y\" line" >&2; exit 2 ;;
esac
want_major=${minimum%%.*}
want_minor=${minimum#*.}
fix_en="install Python $minimum and run 'make $goal PYTHON=python$minimum', or use conda (README.md, \"With conda\")"
fix_zh="安装 Python $minimum，然后运行 make $goal PYTHON=python$minimum；也可以改用 conda（见 README.zh-CN.md 中“用 conda”一节）"

# "3.11" from any Python, 2.7 included; nothing else is run with it.
version_of() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}

too_old() {  # $1 = "X.Y"
    major=${1%%.*}
    minor=${1#*.}
    [ "$major" -lt "$want_major" ] || { [ "$major" -eq "$want_major" ] && [ "$minor" -lt "$want_minor" ]; }
}

if [ -x "$venv/bin/python" ]; then
    have=$(version_of "$venv/bin/python")
    case $have in
        [0-9]*.[0-9]*) ;;
        *) have="?" ;;
    esac
    if [ "$have" = "?" ] || too_old "$have"; then
        echo "$venv was created with Python $have, but this project needs Python $minimum or newer: delete it with 'make clean', then $fix_en" >&2
        echo "$venv 是用 Python $have 创建的，本项目需要 Python $minimum 或更新的版本：请先用 make clean 删除它，再$fix_zh" >&2
        exit 1
    fi
    exit 0
fi

if ! command -v "$python" >/dev/null 2>&1; then
    echo "$python was not found, and this project needs Python $minimum or newer: $fix_en" >&2
    echo "找不到 $python，本项目需要 Python $minimum 或更新的版本：请$fix_zh" >&2
    exit 1
fi
have=$(version_of "$python")
case $have in
    [0-9]*.[0-9]*) ;;
    *)
        echo "$python did not say which Python it is, and this project needs Python $minimum or newer: $fix_en" >&2
        echo "$python 没有报告自己的 Python 版本，本项目需要 Python $minimum 或更新的版本：请$fix_zh" >&2
        exit 1 ;;
esac
if too_old "$have"; then
    echo "$python is Python $have, but this project needs Python $minimum or newer: $fix_en" >&2
    echo "$python 是 Python $have，本项目需要 Python $minimum 或更新的版本：请$fix_zh" >&2
    exit 1
fi
exit 0
