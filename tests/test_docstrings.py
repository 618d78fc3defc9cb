"""Every docstring example in linreg_utils runs and prints what it shows (doctest), as part of make test.

The modules are imported when their test runs, not when pytest collects: collecting happens in every test
worker, and importing `distributed` or `plotting` there would cost each worker seconds for one test.
"""

import doctest
import importlib
import pkgutil

import pytest

import linreg_utils

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(linreg_utils.__path__, "linreg_utils.")
    if name not in {"linreg_utils.__main__"}
)


def examples(name: str) -> list[doctest.DocTest]:
    """The docstring examples defined in module ``name`` (not those of names it imports)."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [test for test in finder.find(importlib.import_module(name)) if test.examples and test.name.startswith(name)]


def test_there_are_examples_to_run():
    assert sum(len(examples(name)) for name in MODULES) >= 18


@pytest.mark.parametrize("name", MODULES, ids=[name.removeprefix("linreg_utils.") for name in MODULES])
def test_docstring_examples_run(name, capsys):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in examples(name):
        result = runner.run(test, out=lambda text: pytest.fail(text, pytrace=False))
        assert result.failed == 0, test.name
