"""Grading, the live widget driven through its traits, the HTML renderer, the MIME bundle."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from book.bank import load_bank
from book.model import Option, Question
from book.grading import feedback_lines, grade
from book.i18n import catalog, t
from book.languages import LANGUAGES
from book.quiz import Quiz, quiz_function
from book.render_html import render_quiz
from conftest import ROOT, good_rows, parse_tags, to_csv


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
    ("b", "incorrect"),
]


@pytest.mark.parametrize("selected,state", GRADING_CASES)
def test_grade(q, selected, state):
    assert grade(q, selected).state == state


def test_grade_rejects_unknown_option_and_two_answers_to_one_question(q):
    with pytest.raises(ValueError, match="no option 'z'"):
        grade(q, "z")
    with pytest.raises(ValueError, match="takes one answer"):
        grade(q, ["a", "b"])


def test_feedback_says_why(q):
    lines = feedback_lines(q, grade(q, "b"), "ru")
    assert lines == [t("ru", "incorrect"), "Почему Нет.", "Так сказано в договоре."]
    assert lines[0] == "Не совсем так."
    assert feedback_lines(q, grade(q, None), "en") == [t("en", "choose_first")]


def test_catalogs_have_the_same_keys():
    catalogs = {lang: catalog(lang) for lang in LANGUAGES}
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
    assert first.answer == "b"
    first.check_button.click()
    assert (first.state, first.correct) == ("incorrect", False)
    assert first.feedback.splitlines() == ["Not quite.", "Why No.", "Because the treaty says so."]
    right = next(label for label, key in first.choices.options if key == "a")  # "Yes", with its letter
    assert f"Correct answer: {right}" in first.feedback_view.value and "mq-incorrect" in first.feedback_view._dom_classes
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
    assert first.answer is None and w.score == 0


def test_widget_speaks_russian(demo_bank):
    w = Quiz("demo", "ru", bank=demo_bank).widget
    first = w.questions[0]
    assert first.check_button.description == "Проверить ответ"
    assert [label for label, _ in first.choices.options] == ["А. Нет", "Б. Да"]  # letters in displayed order
    first.select("a")
    first.check()
    assert first.feedback.startswith("Правильно.")
    assert "Результат: 1 из 2" in w.score_view.value


def test_widget_escapes_markup():
    evil = Question(id="x", quiz="x", type="single", text={"en": "<img src=x onerror=alert(1)>", "ru": "?"},
                    feedback={"en": "<b>", "ru": "?"},
                    options=(Option("a", "yes", {"en": "<i>a</i>", "ru": "a"}, {"en": "<s>", "ru": "?"}),
                             Option("b", "no", {"en": "b", "ru": "b"}, {"en": "b", "ru": "?"})))
    from book.widget import ChoiceWidget
    w = ChoiceWidget(evil, "en", 1, 1)
    assert "<img" not in w.prompt.value and "&lt;img" in w.prompt.value
    w.select("a")
    w.check()
    assert "<s>" not in w.feedback_view.value and "&lt;s&gt;" in w.feedback_view.value


# --- the kernel-free HTML -------------------------------------------------------------------

parse = parse_tags


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
    assert json.loads(section["data-mq-strings"])["correct"] == "Правильно."
    assert "Проверить ответ" in html and "Check answer" not in html
    answers = [json.loads(a["data-answer"]) for n, a in tags if a.get("class") == "mq-question"]
    assert answers == [{"correct": ["a"]}, {"correct": ["b"]}]


def test_html_is_the_same_in_every_process():
    """Same bank, same markup in a fresh process (as in a fresh kernel or the next build): no random
    or id()-based ids, no order taken from a set of strings, so nbval and diffs stay quiet."""
    code = ("import sys; from book.bank import load_bank; from book.render_html import render_quiz; "
            "sys.stdout.write(render_quiz('distinctions', load_bank().quiz('distinctions'), 'en'))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert 'data-quiz="distinctions"' in runs[0].stdout and runs[0].stdout == runs[1].stdout


def test_html_escapes_markup_in_question_text():
    evil = Question(id="x", quiz="x", type="single",
                    text={"en": '<script>alert("x")</script>', "ru": "?"}, feedback={"en": "<b>", "ru": "?"},
                    options=(Option("a", "yes", {"en": 'a" onclick="x', "ru": "a"}, {"en": "<i>", "ru": "?"}),
                             Option("b", "no", {"en": "b", "ru": "b"}, {"en": "b", "ru": "?"})))
    html = render_quiz("x", [evil], "en")
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<b>" not in html and "<i>" not in html
    assert 'onclick="x' not in html


# --- one line in a notebook: the live widget and, for the book, the quiz's id -------------------

def test_mime_bundle_has_widget_and_quiz_id():
    from book.quiz import QUIZ_MIME
    quiz = quiz_function("ru")("distinctions")
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == quiz.widget.model_id
    assert bundle[QUIZ_MIME] == {"quiz": "distinctions", "lang": "ru"}
    assert "text/html" not in bundle  # the book renders the quiz from data/ (book.sphinx.quizzes)
    assert "distinctions" in bundle["text/plain"]


def test_unknown_language_and_quiz():
    with pytest.raises(ValueError, match="unknown language"):
        quiz_function("de")
    with pytest.raises(KeyError, match="no quiz 'nope'"):
        quiz_function("en")("nope")


# --- every question type, live and static ---------------------------------------------------

@pytest.fixture
def typed_bank(bank_dir):
    from conftest import typed_rows
    (bank_dir / "demo.csv").write_text(to_csv(typed_rows()), encoding="utf-8")
    return load_bank(bank_dir)


def by_id(quiz_widget):
    return {w.question.id: w for w in quiz_widget.questions}


def test_widget_every_type(typed_bank):
    w = Quiz("demo", "en", bank=typed_bank).widget
    q = by_id(w)
    assert w.total == 4  # the free response is not graded

    q["tf"].select("true")
    q["tf"].check()
    assert q["tf"].state == "incorrect" and "No border is needed." in q["tf"].feedback
    assert [label for label, _ in q["tf"].choices.options] == ["A. True", "B. False"]

    q["multi"].select(["a"])
    q["multi"].check()
    assert q["multi"].correct is False
    assert "Missed: Threats — Why Threats." in q["multi"].feedback.splitlines()
    q["multi"].select(["a", "c"])
    q["multi"].check()
    assert q["multi"].correct is True and sorted(q["multi"].answer) == ["a", "c"]

    q["case"].select({"act": "present", "means": "absent", "purpose": "present"})
    q["case"].check()
    assert q["case"].state == "unanswered" and q["case"].feedback == t("en", "answer_all")
    q["case"].select({"act": "present", "means": "absent", "purpose": "present", "verdict": "not-enough-info"})
    q["case"].check()
    lines = q["case"].feedback.splitlines()
    assert lines[0] == "Not quite."
    assert lines[3] == "Purpose: Not stated in the case — your answer was different. Nothing said."
    assert lines[4] == "Conclusion: Not enough information to decide — your answer is right. So: not enough."

    q["terms"].select({"a": "a", "b": "c", "c": "b"})
    q["terms"].check()
    assert q["terms"].state == "incorrect"
    assert "Harbouring — Keeping a person somewhere: you chose a different meaning. An act." in q["terms"].feedback
    assert (w.score, w.answered) == (1, 4)

    free = q["reply"]
    assert free.model.layout.display == "none"
    free.text.value = "My reply"
    free.reveal_button.click()
    assert free.revealed and free.model.layout.display is None

    w.reset_button.click()
    assert (w.score, w.answered) == (0, 0)
    assert q["case"].answer == {"act": None, "means": None, "purpose": None, "verdict": None}
    assert free.text.value == "" and not free.revealed


def test_widget_every_type_in_russian(typed_bank):
    q = by_id(Quiz("demo", "ru", bank=typed_bank).widget)
    assert [label for label, _ in q["tf"].choices.options] == ["А. Верно", "Б. Неверно"]
    q["case"].select({"act": "present", "means": "absent", "purpose": "not-stated", "verdict": "not-enough-info"})
    q["case"].check()
    assert q["case"].feedback.splitlines()[:2] == ["Правильно.", "Действие: Есть — вы ответили верно. Её завербовали."]
    assert q["reply"].reveal_button.description == "Показать образец ответа"


def test_html_every_type(typed_bank):
    html = render_quiz("demo", typed_bank.quiz("demo"), "ru")
    tags = parse(html)
    questions = {a["data-question"]: a for n, a in tags if a.get("class") == "mq-question"}
    assert questions["case"]["data-type"] == "scenario"
    assert json.loads(questions["case"]["data-answer"]) == {
        "act": "present", "means": "absent", "purpose": "not-stated", "verdict": "not-enough-info"}
    assert "data-answer" not in questions["reply"] and "data-store" not in questions["reply"]
    inputs = [a for n, a in tags if n == "input" and a.get("id", "").startswith("mq-multi-")]
    assert {a["type"] for a in inputs} == {"checkbox"}
    assert sum(1 for n, a in tags if n == "fieldset" and a.get("class") == "mq-part") == 4
    selects = [a for n, a in tags if n == "select"]
    assert len(selects) == 3
    labels = {a["for"] for n, a in tags if n == "label" and "for" in a}
    assert {s["id"] for s in selects} <= labels
    assert "mq-reply-text" in labels  # the free-response text area has a label
    assert "Образец ответа." in html and "Верно" in html and "Выберите значение…" in html


def test_store_key_changes_when_the_question_changes(typed_bank, bank_dir):
    from book.render_html import store_key
    from conftest import typed_rows
    q = typed_bank.questions[0]
    assert store_key(q, "en").startswith("en/demo/tf@") and store_key(q, "en") != store_key(q, "ru")
    rows = typed_rows()
    rows[0]["text_en"] = "Trafficking always needs a border."
    (bank_dir / "demo.csv").write_text(to_csv(rows), encoding="utf-8")
    edited = load_bank(bank_dir).questions[0]
    assert store_key(edited, "en") != store_key(q, "en")
    assert store_key(edited, "ru") == store_key(q, "ru")  # the Russian text did not change


def test_shuffle_is_seeded_and_stable():
    import subprocess
    import sys
    bank = load_bank()
    multi = next(q for q in bank.questions if q.type == "multiple")
    order = [o.key for o in multi.display_options()]
    assert sorted(order) == sorted(o.key for o in multi.options)
    code = ("from book.bank import load_bank; q=[q for q in load_bank().questions if q.type=='multiple'][0];"
            "print(','.join(o.key for o in q.display_options()))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""}).stdout.strip()
    assert other.split(",") == order  # same order in another process, whatever its hash seed
    html = render_quiz(multi.quiz, [multi], "en")
    assert [a["value"] for n, a in parse(html) if n == "input"] == order  # HTML uses the same order
    shuffled = [q for q in bank.questions if q.type in ("single", "multiple")]
    assert any([o.key for o in q.display_options()] != [o.key for o in q.options] for q in shuffled)


def test_every_question_type_has_one_entry_and_its_template():
    """A type the bank accepts is graded, explained and drawn: one entry in the table, one template."""
    from book.grading import QUESTION_TYPES
    from book.model import QUESTION_TYPES as ACCEPTED
    from book.render_html import TEMPLATES
    assert tuple(QUESTION_TYPES) == ACCEPTED
    for name, kind in QUESTION_TYPES.items():
        assert (TEMPLATES / "quiz" / "types" / f"{kind.template}.html").is_file(), name


def test_a_plain_jupyter_book_with_a_quiz_builds_without_the_manuals_extension(tmp_path):
    """The quiz MIME plugin is every myst-nb build's in this environment (an entry point): a book
    that does not load book.sphinx must still build, skipping the quiz output with myst-nb's
    warning, instead of failing on a node it has no writer for."""
    (tmp_path / "_config.yml").write_text("title: Another book\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n"
        "  display_name: Python 3\n---\n\n# Another book\n\n```{code-cell}\nfrom book.en import quiz\n"
        "quiz(\"distinctions\")\n```\n", encoding="utf-8")
    jupyter_book = os.path.join(os.path.dirname(sys.executable), "jupyter-book")
    done = subprocess.run([jupyter_book, "build", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "skipping unknown output mime type: application/vnd.sw-manual.quiz+json" in done.stderr + done.stdout
    assert (tmp_path / "_build" / "html" / "intro.html").is_file()
