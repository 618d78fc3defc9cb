"""One language switch: set_language("zh") (or LINREG_LANG=zh) makes the library's messages Chinese.

The messages live in linreg_utils/exercises/text/<language>/library.py; English stays word for word as it was
(docs/errors.md, generated from real runs, checks that too).
"""

import ast
import re
import string
from pathlib import Path

import numpy as np
import pytest
import torch

import linreg_utils as lu
from linreg_utils import language
from linreg_utils.language import LANGUAGES, catalogue, get_language, message, set_language

PACKAGE = Path(lu.__file__).resolve().parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _keys_used() -> set[str]:
    """Every key written as a string in a ``message(...)`` call of the package (both branches of an ``if``)."""
    keys = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message" and node.args:
                keys |= {c.value for c in ast.walk(node.args[0])
                         if isinstance(c, ast.Constant) and isinstance(c.value, str) and "." in c.value}
    return keys


def test_every_language_has_every_message_with_the_same_fields():
    english = catalogue("library", "en")
    assert len(english) > 150
    for lang in LANGUAGES:
        translated = catalogue("library", lang)
        assert set(translated) == set(english), f"{lang}: keys differ"
        for key, template in translated.items():
            assert _fields(template) == _fields(english[key]), f"{lang} {key}: fields differ"


def test_every_message_the_code_asks_for_exists_and_none_is_unused():
    used, english = _keys_used(), set(catalogue("library", "en"))
    assert used - english == set(), "asked for but missing from text/en/library.py"
    assert english - used - {"language.environment"} == set(), "in the catalogue but never used"


def test_a_library_message_that_does_not_fit_names_the_file_the_key_and_the_language(monkeypatch):
    chinese = catalogue("library", "zh")
    monkeypatch.setitem(chinese, "data.empty", chinese["data.empty"] + "{rows}")
    set_language("zh")
    with pytest.raises(language.CatalogueError, match=re.escape(
            "linreg_utils/exercises/text/zh/library.py, message 'data.empty' (language zh): the placeholder {rows} "
            "is not among the values it is filled in with (name, shape)")):
        message("data.empty", name="x", shape=(0, 1))
    monkeypatch.delitem(chinese, "data.empty")
    with pytest.raises(language.CatalogueError, match=re.escape(
            "linreg_utils/exercises/text/zh/library.py has no message 'data.empty' (language zh): add it, translated "
            "from linreg_utils/exercises/text/en/library.py")):
        lu.predict(lu.LinearRegressionModel(1, 1), np.zeros((0, 1), dtype=np.float32))


def test_a_diverging_run_raises_the_same_error_with_chinese_words_and_the_same_numbers(data):
    def diverge():
        torch.manual_seed(0)
        with pytest.raises(lu.TrainingDivergedError) as caught:
            lu.train(lu.LinearRegressionModel(1, 1), *data, lr=0.06, log_every=0)
        return str(caught.value), caught.value.history

    english, history = diverge()
    set_language("zh")
    chinese, history_zh = diverge()
    assert english.startswith("the loss became 2.39e+08 at epoch 7")
    assert chinese.startswith("第 7 轮的损失变成了 2.39e+08，超过开始时（151）的 1e+06 倍")
    assert "学习率（0.06）太大了" in chinese and "lr=0.025" in chinese and "把 x 标准化" in chinese
    np.testing.assert_array_equal(history.losses, history_zh.losses)


def test_a_wrong_shape_gets_its_fix_in_chinese(trained, data):
    set_language("zh")
    with pytest.raises(ValueError, match=re.escape("x 的形状是 (11,)，只有一维；用 x.reshape(-1, 1) 把它变成 (11, 1)")):
        lu.predict(trained, data[0].ravel())
    with pytest.raises(TypeError, match=re.escape("用 x.astype(np.float32) 转换")):
        lu.predict(trained, data[0].astype(np.float64))


def test_the_message_is_chosen_when_it_is_raised():
    set_language("zh")
    try:
        lu.make_linear_data(n=0)
    except ValueError as err:
        chinese = str(err)
    set_language("en")
    with pytest.raises(ValueError, match=r"^n must be a whole number >= 1, got 0$"):
        lu.make_linear_data(n=0)
    assert chinese == "n 必须是 >= 1 的整数，现在是 0"


def test_set_language_names_the_choices_in_the_current_language():
    with pytest.raises(ValueError, match="choose one of en, zh"):
        set_language("fr")
    set_language("zh")
    with pytest.raises(ValueError, match="请从 en, zh 中选一个"):
        set_language("fr")
    assert get_language() == "zh"


def test_the_old_import_path_and_the_package_share_one_switch():
    from linreg_utils.exercises import get_language as exercises_language
    from linreg_utils.exercises import set_language as exercises_set_language

    exercises_set_language("zh")
    assert get_language() == exercises_language() == lu.get_language() == "zh"
    assert message("data.text") == "文本"


@pytest.mark.parametrize(("value", "chosen"), [("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("zh-CN", "zh"), ("en", "en")])
def test_linreg_lang_chooses_the_language(monkeypatch, value, chosen):
    monkeypatch.setenv("LINREG_LANG", value)
    language._from_environment()
    assert get_language() == chosen


def test_an_unknown_linreg_lang_says_so_in_both_languages_and_goes_on_in_english(monkeypatch, capsys):
    monkeypatch.setenv("LINREG_LANG", "fr")
    language._from_environment()
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "linreg_utils: LINREG_LANG='fr' is not a language of this course: choose one of en, zh "
        "(English is used for now)",
        "linreg_utils: LINREG_LANG='fr' 不是本课程提供的语言：请从 en, zh 中选一个（暂时使用英文）",
    ]
    assert get_language() == "en"


def test_the_command_line_speaks_chinese_with_linreg_lang(tmp_path, monkeypatch, capsys):
    """LINREG_LANG=zh python -m linreg_utils, in this process: the variable is read as a new process reads it (the
    module's import-time step), then main() runs. (tests/test_cli.py starts one real `python -m linreg_utils`.)"""
    from linreg_utils.__main__ import main

    monkeypatch.setenv("LINREG_LANG", "zh")
    try:
        language._from_environment()  # what importing linreg_utils does in a new process
        assert main(["--epochs", "3", "--log-every", "0", "--output", str(tmp_path / "m.pt")]) in (0, None)
    finally:
        set_language("en")
    out, err = capsys.readouterr()
    assert out.startswith("在 y = 2x + 1 上训练 LinearRegressionModel(1, 1)：3 轮，学习率 0.01\n")
    assert f"已保存到 {tmp_path / 'm.pt'}；重新加载后的预测值与之前一致" in out
    assert err == ""


def test_a_command_line_error_in_chinese(capsys):
    from linreg_utils.__main__ import main
    from linreg_utils.distributed import main as distributed_main

    set_language("zh")
    for command, prog in ((main, "python -m linreg_utils"), (distributed_main, "python -m linreg_utils.distributed")):
        with pytest.raises(SystemExit) as exit_:
            command(["--lr", "-1"])
        assert exit_.value.code == 2
        assert capsys.readouterr().err == f"{prog}：错误：参数 --lr：'-1' 必须 > 0（见 --help）\n"


def test_chinese_messages_are_one_line_of_chinese_with_full_width_punctuation():
    for key, template in catalogue("library", "zh").items():
        assert "\n" not in template, key
        if CHINESE.search(template):
            assert not re.search(r"[\u4e00-\u9fff][,:;]", template), f"{key}: half-width punctuation after Chinese"
