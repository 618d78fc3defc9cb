"""Every question's official solution, given as a learner might type it: another dtype (bfloat16, float16,
float64), a tensor on the ``meta`` device, a big-endian array, a ``Fraction`` or a ``Decimal``. Each gets
feedback in every language, never the "bug in the course" error (:class:`CheckerError`)."""

import functools
import inspect
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import torch
from test_exercises_all import MODULES, QUESTIONS, run_solution

from linreg_utils.exercises import set_language
from linreg_utils.exercises.core import LANGUAGES, CheckerError


def _tensor(value, dtype, device="cpu"):
    return torch.as_tensor(np.asarray(value, dtype=np.float64)).to(dtype=dtype, device=device)


def _float_like(value):
    return isinstance(value, (float, np.floating)) or (
        isinstance(value, (np.ndarray, torch.Tensor)) and value.dtype.is_floating_point
        if isinstance(value, torch.Tensor)
        else isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating)
    )


def _number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


# How each kind of variant converts one leaf of an answer; None: the kind does not apply to this leaf.
LEAF = {
    "bfloat16": lambda v: v.bfloat16() if isinstance(v, torch.Tensor) and v.is_floating_point()
    else _tensor(v, torch.bfloat16) if _float_like(v) else None,
    "float16": lambda v: v.half() if isinstance(v, torch.Tensor) and v.is_floating_point()
    else np.asarray(v, dtype=np.float16) if isinstance(v, np.ndarray) and _float_like(v)
    else np.float16(v) if _float_like(v) else None,
    "float64": lambda v: v.double() if isinstance(v, torch.Tensor) and v.is_floating_point()
    else np.asarray(v, dtype=np.float64) if isinstance(v, np.ndarray) and _float_like(v)
    else np.float64(v) if _number(v) else None,
    "meta": lambda v: v.to("meta") if isinstance(v, torch.Tensor)
    else _tensor(v, torch.float32, "meta") if _float_like(v) else None,
    "big-endian": lambda v: v.astype(v.dtype.newbyteorder(">")) if isinstance(v, np.ndarray) and v.dtype.itemsize > 1
    else np.array(v, dtype=">f8") if _float_like(v) and not isinstance(v, torch.Tensor) else None,
    "Fraction": lambda v: Fraction(v.item() if isinstance(v, np.generic) else v) if _number(v) else None,
    "Decimal": lambda v: Decimal(str(v)) if _number(v) else None,
}


def _has_float(value):
    if isinstance(value, (tuple, list)):
        return any(_has_float(v) for v in value)
    return _float_like(value)


def convert(value, kind):
    """``value`` with every leaf ``kind`` applies to converted (None if none applies)."""
    if isinstance(value, (tuple, list)):
        parts = [convert(v, kind) for v in value]
        if all(p is None for p in parts):
            return None
        return type(value)(v if p is None else p for v, p in zip(value, parts, strict=True))
    if isinstance(value, dict):
        parts = {k: convert(v, kind) for k, v in value.items()}
        if all(p is None for p in parts.values()):
            return None
        return {k: value[k] if parts[k] is None else parts[k] for k in value}
    if callable(value) and not isinstance(value, (type, torch.nn.Module)):
        return _converting(value, kind)
    return LEAF[kind](value)


def _converting(fn, kind):
    """The learner's function, returning (or yielding) its results converted."""

    def same(result):
        converted = convert(result, kind)
        return result if converted is None else converted

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def generator(*args):
            for item in fn(*args):
                yield same(item)

        return generator

    @functools.wraps(fn)
    def function(*args):
        return same(fn(*args))

    return function


CASES = []
for _module, _question in QUESTIONS:
    _solution = run_solution(MODULES[_module], _question)
    for _kind in LEAF:
        _variant = convert(_solution, _kind)
        if _variant is not None:
            CASES.append(pytest.param(_question, _kind, _variant, _solution, id=f"{_question.key}-{_kind}"))


@pytest.mark.parametrize(("question", "kind", "variant", "solution"), CASES)
def test_a_solution_of_another_type_gets_feedback_never_a_course_bug(question, kind, variant, solution):
    try:
        for language in LANGUAGES:
            set_language(language)
            message = question.diagnose(variant)
            assert message is None or "bug in the course" not in message
    except CheckerError as err:
        pytest.fail(f"{question.key} {kind}: {err}")
    finally:
        set_language("en")
    if kind in ("big-endian", "Fraction", "Decimal") and _has_float(solution):
        # the same numbers, only typed differently: right
        wrong = question.verdict(variant)
        assert wrong is None, f"{kind}: {question.message(wrong)}"
    if kind == "meta" and not callable(solution):
        assert "meta" in question.diagnose(variant)


def test_the_variants_cover_every_question_and_kind():
    no_numbers = {"nb03.q4", "nb06.q3"}  # a model; a file extension and a flag
    assert {c.values[0].key for c in CASES} == {q.key for _, q in QUESTIONS} - no_numbers
    assert {c.values[1] for c in CASES} == set(LEAF)
    assert len(CASES) >= 150
