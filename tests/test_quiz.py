"""Grading, the live widget driven through its traits, the HTML renderer, the MIME bundle."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from book.bank import Option, Question, load_bank
from book.grading import feedback_lines, grade
from book.i18n import all_catalogs, t
from book.quiz import Quiz, quiz_function
from book.render_html import render_quiz
from conftest import good_rows, to_csv


@pytest.fixture
def demo_bank(bank_dir):
    (bank_dir / "demo.csv").write_text(to_csv(good_rows()), encoding="utf-8")
    return load_bank(bank_dir)


@pytest.fixture
def q(demo_bank):
    return demo_bank.questions[0]  # options a (correct), b


# --- grading ------------------------------------------------------------------------------

GRADING_CASES = [  # (selected, state) for a single-choice question whose answer is "a"
    (None, "unanswered"), ([], "unanswered"), ("a", "correct"), (["a"], "correct"),
    ("b", "incorrect"), (["a", "b"], "incorrect"),
]


@pytest.mark.parametrize("selected,state", GRADING_CASES)
def test_grade(q, selected, state):
    assert grade(q, selected).state == state


def test_grade_rejects_unknown_option(q):
    with pytest.raises(ValueError, match="no option 'z'"):
        grade(q, "z")


def test_feedback_says_why(q):
    lines = feedback_lines(q, grade(q, "b"), "ru")
    assert lines == [t("ru", "incorrect"), "Почему Нет.", "Так сказано в договоре."]
    assert feedback_lines(q, grade(q, None), "en") == [t("en", "choose_first")]


def test_catalogs_have_the_same_keys():
    catalogs = all_catalogs()
    assert catalogs["en"].keys() == catalogs["ru"].keys()
    for lang, strings in catalogs.items():
        assert all(value.strip() for value in strings.values()), lang


# --- the live widget ------------------------------------------------------------------------

def test_widget_through_traits(demo_bank):
    quiz = Quiz("demo", "en", bank=demo_bank)
    w = quiz.widget
    first, second = w.questions
    assert (w.score, w.answered, w.total) == (0, 0, 2)

    first.check_button.click()  # nothing chosen
    assert first.state == "unanswered" and first.correct is None
    assert first.feedback == "Choose an answer first."

    first.choices.value = "b"
    assert first.selection == "b"
    first.check_button.click()
    assert (first.state, first.correct) == ("incorrect", False)
    assert first.feedback.splitlines() == ["Not quite.", "Why No.", "Because the treaty says so."]
    assert (w.score, w.answered) == (0, 1)

    first.select("a")
    first.check_button.click()
    second.select("b")
    second.check_button.click()
    assert first.correct and second.correct
    assert (w.score, w.answered) == (2, 2)
    assert "Score: 2 of 2" in w.score_view.value

    w.reset_button.click()
    assert [x.state for x in w.questions] == ["unanswered", "unanswered"]
    assert first.selection is None and w.score == 0


def test_widget_speaks_russian(demo_bank):
    w = Quiz("demo", "ru", bank=demo_bank).widget
    first = w.questions[0]
    assert first.check_button.description == "Проверить ответ"
    assert [label for label, _ in first.choices.options] == ["Да", "Нет"]
    first.select("a")
    first.check()
    assert first.feedback.startswith("Верно.")
    assert "Результат: 1 из 2" in w.score_view.value


def test_widget_escapes_markup():
    evil = Question(id="x", quiz="x", type="single", text={"en": "<img src=x onerror=alert(1)>", "ru": "?"},
                    feedback={"en": "<b>", "ru": "?"},
                    options=(Option("a", True, {"en": "<i>a</i>", "ru": "a"}, {"en": "<s>", "ru": "?"}),
                             Option("b", False, {"en": "b", "ru": "b"}, {"en": "b", "ru": "?"})))
    from book.widget import QuestionWidget
    w = QuestionWidget(evil, "en", 1, 1)
    assert "<img" not in w.prompt.value and "&lt;img" in w.prompt.value
    w.select("a")
    w.check()
    assert "<s>" not in w.feedback_view.value and "&lt;s&gt;" in w.feedback_view.value


# --- the kernel-free HTML -------------------------------------------------------------------

class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html):
    c = Collect()
    c.feed(html)
    return c.tags


def test_html_structure(demo_bank):
    html = render_quiz("demo", demo_bank.quiz("demo"), "ru")
    tags = parse(html)
    names = [name for name, _ in tags]
    assert names.count("fieldset") == names.count("legend") == 2
    radios = [a for n, a in tags if n == "input"]
    assert len(radios) == 4 and all(a["type"] == "radio" for a in radios)
    label_for = {a["for"] for n, a in tags if n == "label"}
    assert {a["id"] for a in radios} == label_for  # every control has a label
    live = [a for n, a in tags if a.get("class") == "mq-feedback"]
    assert len(live) == 2 and all(a["aria-live"] == "polite" for a in live)
    section = tags[0][1]
    assert json.loads(section["data-mq-strings"])["correct"] == "Верно."
    assert "Проверить ответ" in html and "Check answer" not in html
    keys = [(a["data-option"], a["data-correct"]) for n, a in tags if n == "li"]
    assert keys == [("a", "yes"), ("b", "no"), ("a", "no"), ("b", "yes")]


def test_html_is_stable(demo_bank):
    """Same bank, same markup: no random ids, so nbval and diffs stay quiet."""
    assert render_quiz("demo", demo_bank.quiz("demo"), "en") == render_quiz("demo", demo_bank.quiz("demo"), "en")


def test_html_escapes_markup_in_question_text():
    evil = Question(id="x", quiz="x", type="single",
                    text={"en": '<script>alert("x")</script>', "ru": "?"}, feedback={"en": "<b>", "ru": "?"},
                    options=(Option("a", True, {"en": 'a" onclick="x', "ru": "a"}, {"en": "<i>", "ru": "?"}),
                             Option("b", False, {"en": "b", "ru": "b"}, {"en": "b", "ru": "?"})))
    html = render_quiz("x", [evil], "en")
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>" not in html and "<i>" not in html
    assert 'onclick="x' not in html


# --- one line in a notebook: both views in one MIME bundle ------------------------------------

def test_mime_bundle_has_widget_and_html():
    quiz = quiz_function("ru")("distinctions")
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == quiz.widget.model_id
    assert re.search(r'<section class="mq-quiz" data-quiz="distinctions"', bundle["text/html"])
    assert "Вопрос 1 из" in bundle["text/html"]
    assert "distinctions" in bundle["text/plain"]


def test_unknown_language_and_quiz():
    with pytest.raises(ValueError, match="unknown language"):
        quiz_function("de")
    with pytest.raises(KeyError, match="no quiz 'nope'"):
        quiz_function("en")("nope")
