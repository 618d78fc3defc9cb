"""The package's shape: what it exports, and where its argument checks live (issue 24's tidying)."""

import ast
import builtins
import importlib
import sys
from pathlib import Path

import pytest

import linreg_utils
from linreg_utils import as_features, validation

PACKAGE = Path(linreg_utils.__file__).resolve().parent
# The standard-library modules a learner or a notebook of this series uses beside linreg_utils: a name exported by
# both would shadow the other after `from linreg_utils import *` or in a reader's head (linreg_utils.Path was a
# gradient-descent path, pathlib.Path a file path).
STDLIB_NEIGHBOURS = ["pathlib", "os", "os.path", "sys", "math", "random", "typing", "collections", "dataclasses",
                     "functools", "itertools", "json", "re", "time", "tempfile", "shutil", "warnings", "io", "copy",
                     "zipfile", "statistics", "decimal", "fractions", "numbers", "string", "datetime", "enum", "abc",
                     "contextlib", "logging", "pickle", "csv", "inspect", "signal", "subprocess", "threading"]


def test_the_descent_path_is_not_called_path():
    assert not hasattr(linreg_utils, "Path")
    assert linreg_utils.DescentPath.__module__ == "linreg_utils.analysis"
    path = linreg_utils.descent_path(*linreg_utils.make_linear_data(), epochs=3)
    assert isinstance(path, linreg_utils.DescentPath) and path.params.shape == (4, 2)


def test_no_export_is_named_like_a_standard_library_module_builtin_or_name():
    exported = set(linreg_utils.__all__)
    assert exported <= set(dir(linreg_utils)), "__all__ names something the package does not have"
    assert exported & set(sys.stdlib_module_names) == set()
    assert exported & set(dir(builtins)) == set()
    for module_name in STDLIB_NEIGHBOURS:
        module = importlib.import_module(module_name)
        public = set(getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")])
        assert exported & public == set(), f"linreg_utils exports {sorted(exported & public)}, as {module_name} does"


def _functions(path: Path) -> list[str]:
    """The functions a module defines at its top level (not methods: ``_DeferredSignals.check`` is no helper)."""
    return [node.name for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_every_argument_check_lives_in_validation():
    """A check_*/_check* helper anywhere else in the library is one to move into validation.py.

    The exercises' checkers (linreg_utils/exercises/nbNN.py) judge a learner's answer and the grader's helpers
    judge a submission: neither checks a caller's argument, so they are left out."""
    elsewhere = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted(PACKAGE.glob("*.py")) if path.name != "validation.py"
        for name in _functions(path) if name.lstrip("_").startswith("check")
    }
    assert elsewhere == set()
    checks = {name for name in _functions(PACKAGE / "validation.py") if name.startswith("check_")}
    assert checks == {name for name in validation.__all__ if name.startswith("check_")}
    assert len(checks) >= 15


def test_there_is_one_kind_of_and_both_of_its_callers_get_their_words():
    import os
    import tempfile

    from linreg_utils.exercises.nb01 import q3
    from linreg_utils.language import set_language

    defined = [f"{path.relative_to(PACKAGE)}" for path in sorted(PACKAGE.rglob("*.py"))
               if any(name.lstrip("_") == "kind_of" for name in _functions(path))]
    assert defined == ["validation.py"]
    assert validation.kind_of([1]) == "a Python list" and validation.kind_of(3) == "an int"
    assert validation.kind_of(os.stat(tempfile.gettempdir())) == "a folder"
    assert q3.diagnose("11") == "write a shape as a tuple of whole numbers, like (rows, columns); got a str."
    with pytest.raises(TypeError, match=r"^x is an int, but a numpy array"):  # the data checks' words: "an int"
        as_features(5)
    set_language("zh")
    try:
        assert validation.kind_of("x") == "一个 str 类型的对象"
        assert validation.kind_of(os.stat(tempfile.gettempdir())) == "一个文件夹"
    finally:
        set_language("en")
