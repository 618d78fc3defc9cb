"""The exercise core: a checker's bug is our error, not the learner's feedback; languages; tolerance."""

import pytest

from linreg_utils.exercises.core import (
    LANGUAGES,
    CheckerError,
    Mistake,
    Question,
    Wrong,
    catalogue,
    close,
    number,
    run_learner_code,
    set_language,
    verify_catalogue,
)


def test_a_bug_in_a_checker_raises_instead_of_blaming_the_answer():
    q = Question("nb04.q1", check=lambda answer: answer.missing_attribute, solution="answer = 1")
    with pytest.raises(CheckerError, match="bug in the course"):
        q.diagnose(42)


def test_an_error_in_the_learners_code_is_feedback():
    def checker(function):
        run_learner_code(function, 0)

    q = Question("nb04.q1", check=checker, solution="answer = 1")
    assert q.diagnose(lambda x: 1 / x) == "your code stopped with an error: ZeroDivisionError: division by zero."


def test_a_message_missing_from_the_catalogue_is_a_checker_error():
    q = Question("nb04.q1", read=number, expected=1.0, mistakes=[Mistake(2.0, "q1.no_such_message")],
                 solution="answer = 1")
    assert q.verdict(2.0) == Wrong("q1.no_such_message", got=2.0, shown="2")
    with pytest.raises(CheckerError, match=r"^linreg_utils/exercises/text/en/nb04\.py has no message "
                       r"'q1\.no_such_message' \(language en\): add it$"):
        q.diagnose(2.0)


@pytest.fixture
def nb04_text():
    """The nb04 catalogues (the dicts the package reads), to break on purpose with monkeypatch."""
    return {language: catalogue("nb04", language) for language in LANGUAGES}


def test_a_translation_missing_a_hint_names_the_file_the_key_and_the_language(monkeypatch, nb04_text):
    from linreg_utils.exercises.nb04 import q2

    monkeypatch.delitem(nb04_text["zh"], "q2.hint2")
    wanted = (r"^linreg_utils/exercises/text/zh/nb04\.py has no message 'q2\.hint2' \(language zh\): add it, "
              r"translated from linreg_utils/exercises/text/en/nb04\.py$")
    with pytest.raises(CheckerError, match=wanted):  # what the test that walks the catalogues meets
        verify_catalogue("nb04")
    set_language("zh")
    try:
        with pytest.raises(CheckerError, match=wanted):  # what a learner of the Chinese edition would meet
            q2.hint()
    finally:
        set_language("en")
        q2._hints_shown = 0


@pytest.mark.parametrize(("broken", "problem"), [
    ("{lr}", r"the placeholder \{lr\} is not in the English message"),
    ("{", r"it cannot be read as a message \(ValueError: Single '\{' encountered in format string\)"),
])
def test_a_translated_hint_with_an_unknown_placeholder_is_a_checker_error_not_a_key_error(monkeypatch, nb04_text,
                                                                                           broken, problem):
    from linreg_utils.exercises.nb04 import q1

    monkeypatch.setitem(nb04_text["zh"], "q1.hint1", nb04_text["zh"]["q1.hint1"] + broken)
    with pytest.raises(CheckerError, match=rf"^linreg_utils/exercises/text/zh/nb04\.py, message 'q1\.hint1' "
                                           rf"\(language zh\): {problem}"):
        verify_catalogue("nb04")
    set_language("zh")
    try:
        with pytest.raises(CheckerError, match=r"^linreg_utils/exercises/text/zh/nb04\.py, message 'q1\.hint1' "
                                               r"\(language zh\): "):
            q1.hint()
    finally:
        set_language("en")
        q1._hints_shown = 0


def test_a_message_without_its_english_placeholder_is_named_by_the_catalogue_walk(monkeypatch, nb04_text):
    english = nb04_text["en"]["q1.otherwise"]
    assert "{" in english, "pick a message with a placeholder"
    monkeypatch.setitem(nb04_text["zh"], "q1.otherwise", "没有占位符")
    with pytest.raises(CheckerError, match=r"^linreg_utils/exercises/text/zh/nb04\.py, message 'q1\.otherwise' "
                                           r"\(language zh\): the English message's placeholder \{shown\} is missing"):
        verify_catalogue("nb04")


def test_a_message_only_a_translation_has_is_named(monkeypatch, nb04_text):
    monkeypatch.setitem(nb04_text["zh"], "q1.stray", "多余")
    with pytest.raises(CheckerError, match=r"^linreg_utils/exercises/text/zh/nb04\.py has a message 'q1\.stray' "
                                           r"\(language zh\) that linreg_utils/exercises/text/en/nb04\.py does not"):
        verify_catalogue("nb04")


def test_hints_are_filled_in_with_the_questions_values_in_every_language(monkeypatch, nb04_text):
    monkeypatch.setitem(nb04_text["en"], "q9.hint1", "use all {n} points: {variable} is the answer to {question}")
    monkeypatch.setitem(nb04_text["zh"], "q9.hint1", "用全部 {n} 个点：{variable} 是 {question} 的答案")
    q = Question("nb04.q9", answer="slope", read=number, expected=2.0, values={"n": 11}, solution="slope = 2.0")
    assert q.hints == ["use all 11 points: slope is the answer to q9"]
    assert q.hints_in("zh") == ["用全部 11 个点：slope 是 q9 的答案"]


def test_a_hint_using_a_value_the_question_lacks_names_it(monkeypatch, nb04_text):
    monkeypatch.setitem(nb04_text["en"], "q9.hint1", "use all {n} points")
    q = Question("nb04.q9", read=number, expected=2.0, solution="answer = 2.0")
    with pytest.raises(CheckerError, match=r"^linreg_utils/exercises/text/en/nb04\.py, message 'q9\.hint1' "
                                           r"\(language en\): the placeholder \{n\} is not among the values it "
                                           r"is filled in with \(question, variable\)"):
        q.hint()


def test_unknown_language_names_the_choices():
    with pytest.raises(ValueError, match="choose one of en"):
        set_language("fr")


@pytest.mark.parametrize(
    ("got", "expected", "right"),
    [(13.3, 40 / 3, True), (13.0, 40 / 3, False), ((1.0, 2.0), (1.0, 2.0), True), ((1.0,), (1.0, 2.0), False),
     ("x", 1.0, False), (0.0, 0.0, True)],
)
def test_one_tolerance_policy(got, expected, right):
    assert close(got, expected) is right


@pytest.mark.parametrize(("language", "label"), [("en", "Not yet:"), ("zh", "还不对")])
def test_the_feedback_label_renders_bold_in_every_language(monkeypatch, language, label):
    """CommonMark ends bold only before a space or punctuation: "**还不对：**这是" would show its asterisks."""
    from markdown_it import MarkdownIt

    from linreg_utils.exercises import core
    from linreg_utils.exercises.nb04 import q1

    shown = []
    monkeypatch.setattr(core.Feedback, "show", lambda self: shown.append(self.markdown))
    core.set_language(language)
    try:
        q1.check(6.0)
        q1.hint()
    finally:
        core.set_language("en")
    for markdown in shown:
        html = MarkdownIt().renderInline(markdown)
        assert "**" not in html and "<strong>" in html, html
    assert f"<strong>{label}</strong>" in MarkdownIt().renderInline(shown[0])
