"""An answer is read as the learner meant it (issue 21): the dtype, byte order, device and number type the
learner happened to use, full-width characters from an input method; a check keeps the caller's random
numbers, in any thread; a learner's function or generator that never ends is stopped and named."""

import math
import sys
import threading
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import torch

from linreg_utils.exercises import core, nb01, nb02, nb04, nb06, nb10
from linreg_utils.exercises.core import set_language


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def _in_a_thread(work, seconds=10.0):
    """Run ``work`` in a daemon thread; fail (instead of hanging the test run) if it has not ended in time."""
    result = {}

    def run():
        result["value"] = work()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the check was still running after {seconds} s: it hangs"
    return result["value"]


# ------------------------------------------------------------------------- dtypes, devices, numbers


def test_a_big_endian_float32_array_is_float32():
    column = np.arange(5, dtype=">f4").reshape(-1, 1)
    assert nb01.q1.diagnose(column) is None


def test_a_tensor_of_the_wrong_dtype_is_told_a_tensors_conversion():
    message = nb01.q1.diagnose(torch.arange(5, dtype=torch.float64).reshape(-1, 1))
    assert message == "x_col is a tensor of dtype torch.float64, expected torch.float32: convert it with " \
        ".to(torch.float32)."
    assert ".astype" not in message
    array_message = nb01.q1.diagnose(np.arange(5, dtype=np.float64).reshape(-1, 1))
    assert array_message == "x_col has dtype float64, expected float32: convert it with .astype(np.float32)."


def test_a_bfloat16_tensor_is_read_and_its_dtype_named():
    message = nb01.q1.diagnose(torch.arange(5, dtype=torch.bfloat16).reshape(-1, 1))
    assert "torch.bfloat16" in message and ".to(torch.float32)" in message
    assert nb04.q1.diagnose(torch.tensor(2.0, dtype=torch.bfloat16)) is None


def test_a_meta_tensor_is_told_it_has_no_numbers_in_both_languages():
    answer = torch.zeros(5, 1, device="meta")
    assert "meta device" in nb01.q1.diagnose(answer) and "(5, 1)" in nb01.q1.diagnose(answer)
    set_language("zh")
    assert "meta 设备" in nb01.q1.diagnose(answer) and "没有数值" in nb01.q1.diagnose(answer)


@pytest.mark.parametrize("answer", [Fraction(2), Decimal("2.0"), np.float16(2.0), np.int8(2), torch.tensor([2])])
def test_every_kind_of_number_is_a_number(answer):
    assert nb04.q1.diagnose(answer) is None


def test_huge_and_complex_numbers_get_feedback():
    assert nb04.q1.diagnose(10**400) == "your MSE is inf, which is not right yet."
    assert nb04.q1.diagnose(2 + 0j) == "your answer holds complex numbers (dtype complex); this question needs real " \
        "numbers."
    assert "complex" in nb01.q1.diagnose(np.zeros((5, 1), dtype=np.complex64))


# ------------------------------------------------------------------------------ full-width characters


def test_a_full_width_extension_is_read_as_ascii_and_the_feedback_says_so(capsys):
    nb06.q3.check(("．ｐｔ", True))
    assert capsys.readouterr().out == '✅ Correct! (I read the full-width "．ｐｔ" as ".pt": type code with the ' \
        "input method in English mode.)\n"
    set_language("zh")
    nb06.q3.check(("．ｐｋｌ", True))
    out = capsys.readouterr().out
    assert out.startswith("❌ 还不对：") and "全角字符“．ｐｋｌ”，这里按半角的“.pkl”来读" in out
    assert nb06.q3.diagnose(("．ｐｔｈ", "Ｔｒｕｅ")) == nb06.q3.diagnose((".pth", "True"))  # the quoted flag


# ------------------------------------------------------------------------------------- random state


def _random_states():
    return torch.get_rng_state().clone(), np.random.get_state()[1].copy()  # noqa: NPY002


def test_a_check_in_a_thread_keeps_the_callers_random_numbers():
    def to_device(model, x, y, device):  # nn.Linear in the checker draws torch random numbers
        return model.to(device), x.to(device), y.to(device)

    def my_minibatches(x, y, batch_size):  # the learner draws numpy's random numbers
        perm = torch.from_numpy(np.random.permutation(len(x)))  # noqa: NPY002
        for start in range(0, len(x), batch_size):
            idx = perm[start : start + batch_size]
            yield x[idx], y[idx]

    torch.manual_seed(0)
    np.random.seed(0)  # noqa: NPY002
    before = _random_states()
    verdicts = _in_a_thread(lambda: (nb10.q3.verdict(to_device), nb10.q2.verdict(my_minibatches)))
    assert verdicts == (None, None)
    after = _random_states()
    assert torch.equal(before[0], after[0]) and np.array_equal(before[1], after[1])


# ------------------------------------------------------------------------------------- endless loops


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(core, "LEARNER_SECONDS", 0.3, raising=False)
    monkeypatch.setattr(core, "LEARNER_MIN_LINES", 5, raising=False)


def test_a_function_that_never_returns_is_stopped_and_named(short_limit):
    def steps_per_epoch(n, batch_size):
        steps = 0
        while n > 0:  # forgot n -= batch_size
            steps += 1
        return steps

    trace = sys.gettrace()
    message = _in_a_thread(lambda: nb10.q1.diagnose(steps_per_epoch))
    assert message.startswith("your code was still running after 0.3 seconds, so the check stopped it")
    assert sys.gettrace() is trace  # a debugger's or coverage's trace function is kept


def test_an_endless_loop_that_catches_every_exception_is_stopped_too(short_limit):
    def my_relu(z):
        while True:
            try:
                return torch.where(z > 0, z, 0.0) + undefined_name  # noqa: F821
            except Exception:
                pass

    assert "still running" in _in_a_thread(lambda: nb02.q3.diagnose(my_relu))


def test_a_generator_that_never_ends_is_stopped_after_many_batches(short_limit):
    def my_minibatches(x, y, batch_size):
        perm = torch.randperm(len(x))
        start = 0
        while True:  # forgot the end: the slices are empty after the data
            idx = perm[start : start + batch_size]
            yield x[idx], y[idx]
            start += batch_size

    message = _in_a_thread(lambda: nb10.q2.diagnose(my_minibatches))
    assert message.startswith("my_minibatches kept giving items: the check stopped it after 30, far more than")
    set_language("zh")
    assert "一直在产出新的项" in _in_a_thread(lambda: nb10.q2.diagnose(my_minibatches))


def test_a_generator_stuck_before_its_first_batch_is_stopped(short_limit):
    def my_minibatches(x, y, batch_size):
        start = 0
        while start < len(x):  # forgot start += batch_size, and the yield is after the loop
            pass
        yield x, y

    assert "still running after 0.3 seconds" in _in_a_thread(lambda: nb10.q2.diagnose(my_minibatches))


def test_full_width_names_of_a_state_dict_are_read_as_ascii():
    answer = {"ｌｉｎｅａｒ．ｗｅｉｇｈｔ": (2, 3), "linear.bias": (2,)}
    assert nb06.q1.diagnose_with_notes(answer) == (None, [
        '(I read the full-width "ｌｉｎｅａｒ．ｗｅｉｇｈｔ" as "linear.weight": type code with the input method in '
        'English mode.)'])


def test_the_chinese_note_follows_the_verdict_without_a_space(capsys):
    set_language("zh")
    nb06.q3.check(("．ｐｔ", True))
    expected = "✅ 正确！（你输入的是全角字符“．ｐｔ”，这里按半角的“.pt”来读。写代码时请把输入法切换到英文模式。）\n"
    assert capsys.readouterr().out == expected


def test_one_slow_call_is_not_taken_for_an_endless_loop(monkeypatch):
    monkeypatch.setattr(core, "LEARNER_SECONDS", 0.05)  # the default LEARNER_MIN_LINES: 10 000 lines

    def steps_per_epoch(n, batch_size):
        time.sleep(0.2)  # a slow call, as CUDA starting up can be: few lines, no loop
        return math.ceil(n / batch_size)

    assert nb10.q1.diagnose(steps_per_epoch) is None
