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


# The TypeError/ValueError raises that may stay outside validation.py, by module and catalogue key: they judge what a
# FILE holds (or the settings around a run), not an argument a caller passed. Anything else raised with these two
# types is an argument check and belongs in validation.py.
NOT_ARGUMENT_CHECKS = {
    # what a model file or checkpoint holds, or what torch.load made of it (read by safe_load / load_*)
    "checkpoint.py": {"checkpoint.load_special", "checkpoint.refused", "checkpoint.map_failed", "checkpoint.version",
                      "checkpoint.bare_state_dict", "checkpoint.not_ours", "checkpoint.no_linear", "checkpoint.bad_dim",
                      "checkpoint.dims_mismatch", "checkpoint.weights_dtype", "checkpoint.no_rng",
                      "checkpoint.bad_epoch"},
    # the class settings file linreg-class.toml and the LINREG_SOLUTIONS variable
    "classroom.py": {"classroom.switch", "classroom.unreadable", "classroom.unknown", "classroom.log_folder"},
    # a submitted zip file and what it holds
    "grade/run.py": {"cli.bad_zip", "cli.missing"},
    # n against the number of processes torchrun started, known only inside the process group; notebook 11 prints
    # fit's source and reads it line by line
    "distributed.py": {"distributed.divisible"},
    # language.py is the layer validation.py stands on (validation imports message from it): no import cycle
    "language.py": {"language.unknown"},
}


def _type_and_value_errors(package: Path) -> set[tuple[str, str | None]]:
    """``(module, catalogue key)`` of every ``raise TypeError(...)``/``raise ValueError(...)`` outside validation.py.

    The key is the first argument of the ``message(...)``/``say(...)`` call that makes the text; ``None`` when the
    text is made any other way (a library message always comes from a catalogue)."""
    found = set()
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        if module == "validation.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and getattr(node.exc.func, "id", None) in {"TypeError", "ValueError"}):
                continue
            text = node.exc.args[0] if node.exc.args else None
            key = None
            if isinstance(text, ast.Call) and text.args and isinstance(text.args[0], ast.Constant):
                key = text.args[0].value
            found.add((module, key))
    return found


def _inline_argument_checks(package: Path) -> tuple[list[tuple[str, str | None]], set[tuple[str, str]]]:
    """The raises outside validation.py that NOT_ARGUMENT_CHECKS does not allow, and its entries no raise uses."""
    allowed = {(module, key) for module, keys in NOT_ARGUMENT_CHECKS.items() for key in keys}
    found = _type_and_value_errors(package)
    return sorted(found - allowed, key=str), allowed - found


def test_every_argument_check_raises_from_validation_and_only_file_checks_stay_outside():
    inline, stale = _inline_argument_checks(PACKAGE)
    assert inline == [], (f"argument checks raised outside validation.py: {inline}; move each into a check_* helper "
                          "of linreg_utils/validation.py (or, if it judges what a file holds, add it to "
                          "NOT_ARGUMENT_CHECKS with the reason)")
    assert stale == set(), "NOT_ARGUMENT_CHECKS names raises that are gone: remove them from the list"


def test_the_rule_catches_an_argument_check_raised_inline(tmp_path):
    """batching.minibatches once raised data.lengths itself, and checkpoint.save_checkpoint optimizer_third."""
    for module, keys in NOT_ARGUMENT_CHECKS.items():  # one allowed raise per module, in a function
        (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / module).write_text(f"def f():\n    raise ValueError(message({min(keys)!r}))\n")
    (tmp_path / "validation.py").write_text('raise ValueError(message("data.lengths"))\n')  # its home: allowed
    (tmp_path / "batching.py").write_text('if True:\n    raise ValueError(message("data.lengths", n=1))\n')
    (tmp_path / "checkpoint.py").write_text('raise TypeError(message("checkpoint.optimizer_third", type="int"))\n'
                                            'raise ValueError(message("checkpoint.refused", path="p"))\n'
                                            'raise ValueError(f"not from a catalogue")\n')
    inline, stale = _inline_argument_checks(tmp_path)
    assert inline == [("batching.py", "data.lengths"), ("checkpoint.py", "checkpoint.optimizer_third"),
                      ("checkpoint.py", None)]
    assert ("checkpoint.py", "checkpoint.not_ours") in stale and ("checkpoint.py", "checkpoint.refused") not in stale


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
