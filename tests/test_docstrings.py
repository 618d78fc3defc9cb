"""Every docstring example in linreg_utils runs and prints what it shows (doctest), as part of make test."""

import doctest
import importlib
import pkgutil

import pytest

import linreg_utils

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(linreg_utils.__path__, "linreg_utils.")
    if name not in {"linreg_utils.__main__"}
)
EXAMPLES = [
    test
    for name in MODULES
    for test in doctest.DocTestFinder(exclude_empty=True).find(importlib.import_module(name))
    if test.examples and test.name.startswith(name)  # defined in this module, not imported into it
]


def test_there_are_examples_to_run():
    assert len(EXAMPLES) >= 18


@pytest.mark.parametrize("test", EXAMPLES, ids=[t.name.removeprefix("linreg_utils.") for t in EXAMPLES])
def test_docstring_example_runs(test, capsys):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test, out=lambda text: pytest.fail(text, pytrace=False))
    assert result.failed == 0
