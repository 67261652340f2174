"""Render a quiz (and the glossary) as kernel-free HTML for the static site.

Everything a learner needs is in the markup: native radio buttons, checkboxes, selects and
text areas, grouped in fieldsets with legends; a live region for feedback; and, for readers
without JavaScript, the answers and reasons in a <details> element. static/quiz.js grades in the
browser with the same rules as book.grading, reading the answer key (`data-answer`) and the UI
strings (`data-mq-strings`) from this markup, so one small script serves every language.

The markup comes from Jinja templates with autoescape (book/templates/quiz/): quiz.html,
question.html, document.html (e-books and print), crib.html (the trainer's crib sheet) and
glossary.html. What differs between question types lives in one template per type
(templates/quiz/types/, named by book.grading.QUESTION_TYPES), which draws that type's controls,
answer key, e-book form and crib lines.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from book.grading import answer_key, question_type
from book.i18n import catalog, t
from book.labels import (
    expected_label,
    letter,
    meaning_letters,
    option_label,
    option_letters,
    part_choices,
    part_letters,
)
from book.languages import check_language
from book.model import SCENARIO_PARTS, Question, Term

TEMPLATES = Path(__file__).with_name("templates")

# The UI strings the browser runtime needs, taken from the language's catalog.
RUNTIME_STRINGS = (
    "correct", "incorrect", "choose_first", "answer_all", "score", "cleared",
    "pick_right", "pick_wrong", "pick_missed", "part_right", "part_wrong", "pair_right", "pair_wrong",
)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def store_key(question: Question, lang: str) -> str:
    """Where the browser keeps this question's answer; a changed question gets a new key."""
    return f"{lang}/{question.quiz}/{question.id}@{question.fingerprint(lang)}"


def is_graded(question: Question) -> bool:
    return question_type(question.type).graded


def _kind_of(question: Question) -> Any:
    """The macros of the template that draws the question's type (templates/quiz/types/, named by
    book.grading.QUESTION_TYPES): inputs, key, document, answers, choices, crib_answer, usual_wrong."""
    return template_macros(f"quiz/types/{question_type(question.type).template}.html")


@functools.cache
def html_templates() -> jinja2.Environment:
    """book/templates, autoescaped, with the UI strings (t) and the grading's labels and letters."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)  # the templates do not change while a process runs
    env.globals.update(
        t=t, letter=letter, option_label=option_label, option_letters=option_letters, meaning_letters=meaning_letters,
        part_choices=part_choices, part_letters=part_letters, expected_label=expected_label, parts=SCENARIO_PARTS,
        option_labels=lambda q, lang: [option_label(q, o, lang) for o in q.display_options()],
        store_key=store_key, is_graded=is_graded, kind_of=_kind_of, macros=template_macros,
        answer_json=lambda q: _json(answer_key(q)))
    return env


def _render(name: str, **context) -> str:
    return html_templates().get_template(f"quiz/{name}").render(context)


def template_macros(name: str) -> Any:
    """The macros of book/templates/<name>, to call from Python or another template (they return
    autoescaped Markup). Jinja keeps the module; an {% import %} in a template rendered with
    variables would build it again on every call."""
    return html_templates().get_template(name).module


def render_question(question: Question, lang: str, number: int, total: int) -> str:
    return str(template_macros("quiz/question.html").question(question, lang, number, total))


def runtime_strings(lang: str) -> dict[str, str]:
    strings = catalog(lang)
    return {k: strings[k] for k in RUNTIME_STRINGS}


def render_quiz(quiz_id: str, questions: Sequence[Question], lang: str) -> str:
    return _render("quiz.html", quiz_id=quiz_id, questions=list(questions), lang=lang,
                   graded=any(map(is_graded, questions)), strings=_json(runtime_strings(lang)))


def render_quiz_document(quiz_id: str, questions: Sequence[Question], lang: str) -> str:
    """The quiz as a document, for e-books and print: the questions with room to answer, then the
    answers and explanations. Well-formed XHTML (EPUB), no controls, no script."""
    return _render("document.html", quiz_id=quiz_id, questions=list(questions), lang=lang)


def render_crib_sheet(quiz_id: str, questions: Sequence[Question], lang: str) -> str:
    """The trainer's crib sheet for one quiz (trainer edition only): for each graded question, its
    id (for the tally), the letters in the order shown, the answer, the usual wrong answer and what
    to say about it."""
    return _render("crib.html", quiz_id=quiz_id, questions=list(questions), lang=lang)


def render_progress(chapters: Sequence[tuple[str, str, list[str]]], lang: str) -> str:
    """The progress page's table: one row per (chapter title, link, its graded questions' store keys)."""
    strings = json.dumps({k: t(lang, k) for k in ("progress_count", "all_cleared")}, ensure_ascii=False)
    return _render("progress.html", lang=lang, strings=strings,
                   chapters=[{"title": title, "href": href, "store_keys": json.dumps(keys)}
                             for title, href, keys in chapters])


def render_glossary(terms: Sequence[Term], lang: str) -> str:
    check_language(lang)
    return _render("glossary.html", terms=terms, lang=lang)
