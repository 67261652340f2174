"""Scenario questions and option letters: every verdict and "not stated" work live (widget), in the
static quiz (quiz.js in Chromium) and in the e-book; letters are the same everywhere."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.bank import load_bank
from book.grading import feedback_lines, grade
from book.labels import letter, lettered, part_choices
from book.i18n import t
from book.languages import LANGUAGES
from book.model import ELEMENT_ANSWERS, SCENARIO_PARTS, VERDICTS
from book.quiz import Quiz
from book.render_html import render_crib_sheet, render_quiz, render_quiz_document
from conftest import ROOT, to_csv, typed_rows

RUNTIME = Path(__file__).resolve().parent.parent / "book" / "static" / "quiz.js"


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture
def typed_bank(bank_dir):
    (bank_dir / "demo.csv").write_text(to_csv(typed_rows()), encoding="utf-8")
    return load_bank(bank_dir)


def scenarios(bank):
    return [q for q in bank.questions if q.type == "scenario"]


def right(q):
    return {o.key: o.answer for o in q.options}


def wrong(q):
    """The right answer with one element and the verdict changed (so "not stated" is tried too)."""
    key = right(q)
    means = next(v for v in ("not-stated", "absent", "present") if v != key["means"])
    verdict = next(v for v in VERDICTS if v != key["verdict"])
    return dict(key, means=means, verdict=verdict)


# --- letters ---------------------------------------------------------------------------------

def test_letters_in_each_language():
    assert [letter(i, "en") for i in range(6)] == list("ABCDEF")
    russian = [letter(i, "ru") for i in range(28)]
    assert russian[:6] == list("АБВГДЕ") and not set("ЁЙЪЫЬ") & set(russian)
    assert lettered(["Yes", "No"], "ru") == ["А. Yes", "Б. No"]
    with pytest.raises(ValueError, match="at most 26"):
        letter(26, "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_widget_shows_letters_in_displayed_order(typed_bank, lang):
    widgets = {w.question.id: w for w in Quiz("demo", lang, bank=typed_bank).widget.questions}
    a, b, c = (letter(i, lang) for i in range(3))
    multi = widgets["multi"]
    shown = [o.text[lang] for o in multi.question.display_options()]
    assert [box.description for box in multi.boxes.values()] == [f"{a}. {shown[0]}", f"{b}. {shown[1]}", f"{c}. {shown[2]}"]
    case = widgets["case"]
    assert [label for label, _ in case.parts["means"].options] == [
        f"{a}. {t(lang, 'present')}", f"{b}. {t(lang, 'absent')}", f"{c}. {t(lang, 'not-stated')}"]
    verdicts = [label for label, _ in case.parts["verdict"].options]
    assert verdicts == [f"{letter(i, lang)}. {t(lang, f'verdict_{v}')}" for i, v in enumerate(VERDICTS)]
    terms = widgets["terms"]
    meanings = [label for label, _ in list(terms.pairs.values())[0].options][1:]
    assert [m.split(". ", 1)[0] for m in meanings] == [a, b, c]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_static_quiz_and_ebook_show_the_same_letters(typed_bank, lang):
    questions = typed_bank.quiz("demo")
    multi = next(q for q in questions if q.id == "multi")
    expected = [f"{letter(i, lang)}. {o.text[lang]}" for i, o in enumerate(multi.display_options())]
    html = render_quiz("demo", questions, lang)
    labels = re.findall(r'<label for="mq-multi-[a-z]"><span class="mq-letter">(.+?)</span> (.+?)</label>', html)
    assert [f"{m} {text}" for m, text in labels] == expected
    document = render_quiz_document("demo", questions, lang)
    items = re.findall(r'<li><span class="mq-letter">(.+?)</span> (.+?)</li>', document)
    shown = [f"{m} {text}" for m, text in items]
    assert shown[:3] == [f"{letter(i, lang)}. {label}" for i, label in enumerate(
        t(lang, k) for k in ("true", "false"))] + [expected[0]]
    assert expected == shown[2:5]
    for value, label in part_choices("verdict", lang) + part_choices("means", lang):
        assert f"{label}</li>" in document


# --- the trainer's crib sheet ----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_crib_sheet_gives_letters_answer_and_usual_wrong_answer(typed_bank, lang):
    questions = typed_bank.quiz("demo")
    html = render_crib_sheet("demo", questions, lang)
    items = {chunk.split('"', 1)[0]: chunk for chunk in html.split('class="mq-crib-item" data-question="')[1:]}
    assert list(items) == ["tf", "multi", "case", "terms"]  # graded questions only, in order
    answer, usual, say = t(lang, "crib_answer"), t(lang, "crib_usual"), t(lang, "crib_say")

    multi = next(q for q in questions if q.id == "multi")
    letters = {o.key: letter(i, lang) for i, o in enumerate(multi.display_options())}
    right = ", ".join(letters[o.key] for o in multi.display_options() if o.correct)
    assert f"<strong>{answer}:</strong> {right}</p>" in items["multi"]
    border = multi.option("b")
    assert f"<strong>{usual}:</strong> {letters['b']}. {border.text[lang]}</p>" in items["multi"]
    assert f"<strong>{say}:</strong> {border.feedback[lang]}</p>" in items["multi"]
    for key, mark in letters.items():
        assert f'<span class="mq-letter">{mark}.</span> {multi.option(key).text[lang]}</li>' in items["multi"]

    verdict = f"{letter(5, lang)}. {t(lang, 'verdict_not-enough-info')}"
    assert f"{t(lang, 'part_verdict')}: {verdict}" in items["case"]
    assert f"{t(lang, 'part_purpose')}: {letter(2, lang)}. {t(lang, 'not-stated')}" in items["case"]
    assert f"<strong>{usual}:</strong> {letter(0, lang)}. {t(lang, 'verdict_sex-work')}</p>" in items["case"]
    case = next(q for q in questions if q.id == "case")
    assert case.option("verdict").feedback[lang] in items["case"]
    # true/false: the one wrong option is the usual wrong answer unless the bank names another
    assert f"<strong>{usual}:</strong> {letter(0, lang)}. {t(lang, 'true')}</p>" in items["tf"]
    assert f"<strong>{usual}:</strong> —</p>" in items["terms"]


# --- the set of cases ------------------------------------------------------------------------

CASE_OPENING = {"en": "A composite, fictional case: ", "ru": "Собирательный вымышленный случай: "}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_least_twenty_scenarios_in_each_language(bank, lang):
    from book.chapters import outline, toc_pages
    shown = {quiz for page in toc_pages(ROOT) if (path := ROOT / "notebooks" / lang / f"{page}.md").exists()
             for quiz in outline(path).quizzes}
    cases = [q for q in scenarios(bank) if q.quiz in shown]
    assert len(cases) >= 20, f"{len(cases)} scenario questions on {lang} pages"
    for q in cases:  # composite and fictional, said so; every answer explained
        assert q.text[lang].startswith(CASE_OPENING[lang]), q.id
        assert all(o.feedback[lang] for o in q.options), q.id


def test_scenario_keys_are_balanced_and_varied(bank):
    cases = scenarios(bank)
    verdicts = [q.option("verdict").answer for q in cases]
    for verdict in VERDICTS:  # no verdict is a safe guess, and every one is practised
        assert 2 <= verdicts.count(verdict) <= len(cases) * 0.3, (verdict, verdicts.count(verdict))
    for part in ("act", "means", "purpose"):
        answers = [q.option(part).answer for q in cases]
        assert len(set(answers)) == 3, (part, set(answers))  # present, absent and not stated all occur
        assert max(answers.count(a) for a in set(answers)) <= len(cases) * 0.8, part  # no element always the same
    assert all(q.usual_wrong for q in cases), "every case names its usual wrong answer (for the crib sheet)"


# --- every verdict and "not stated" ---------------------------------------------------------

def test_the_bank_uses_every_verdict_and_not_stated(bank):
    cases = scenarios(bank)
    assert {q.option("verdict").answer for q in cases} == set(VERDICTS)
    for value in ELEMENT_ANSWERS:
        assert any(q.option(part).answer == value for q in cases for part in ("act", "means", "purpose")), value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_scenario_works_live(bank, lang):
    for q in scenarios(bank):
        widget = next(w for w in Quiz(q.quiz, lang, bank=bank).widget.questions if w.question.id == q.id)
        widget.select(wrong(q))
        widget.check()
        assert widget.state == "incorrect", q.id
        lines = widget.feedback.splitlines()
        verdict = q.option("verdict")
        expected = dict(part_choices("verdict", lang))[verdict.answer]
        assert lines[4] == t(lang, "part_wrong", part=t(lang, "part_verdict"), expected=expected,
                             why=verdict.feedback[lang]), q.id
        widget.select(right(q))
        widget.check()
        assert widget.state == "correct" and widget.correct is True, q.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_scenario_in_the_ebook(bank, lang):
    for q in scenarios(bank):
        document = render_quiz_document(q.quiz, (q,), lang)
        answers = document[document.index('class="mq-answers"'):]
        for o in q.options:
            label = dict(part_choices(o.key, lang))[o.answer]
            assert f'<strong class="mq-expected">{label}</strong>' in answers, (q.id, o.key)
        assert document.count(t(lang, "not-stated")) >= 3  # each element offers it


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_scenario_in_the_static_quiz(browser, bank, lang):
    cases = scenarios(bank)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.set_content(f'<!DOCTYPE html><html lang="{lang}"><body>{render_quiz("all", cases, lang)}</body></html>')
        page.add_script_tag(content=RUNTIME.read_text(encoding="utf-8"))
        for q in cases:
            el = page.locator(f'.mq-question[data-question="{q.id}"]')
            first = el.locator('.mq-part[data-part="verdict"] label').first.inner_text()
            assert first == f"{letter(0, lang)}. {t(lang, 'verdict_sex-work')}"
            for answer, state in ((wrong(q), "incorrect"), (right(q), "correct")):
                for part in SCENARIO_PARTS:
                    el.locator(f'.mq-part[data-part="{part}"] input[value="{answer[part]}"]').check()
                el.locator(".mq-check").click()
                assert el.get_attribute("data-state") == state, q.id
                shown = [p.text_content() for p in el.locator(".mq-feedback p").all()]
                assert shown == feedback_lines(q, grade(q, answer), lang), q.id
    finally:
        page.close()
    assert errors == []
