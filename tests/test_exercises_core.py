"""The exercise core: a checker's bug is our error, not the learner's feedback; languages; tolerance."""

import pytest

from linreg_utils.exercises.core import (
    CheckerError,
    Mistake,
    Question,
    Wrong,
    close,
    number,
    run_learner_code,
    set_language,
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
    with pytest.raises(CheckerError, match="no message nb04.q1.no_such_message"):
        q.diagnose(2.0)


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
