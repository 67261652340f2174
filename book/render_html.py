"""Render a quiz (and the glossary) as kernel-free HTML for the static site.

Everything a learner needs is in the markup: native radio buttons, checkboxes, selects and
text areas, grouped in fieldsets with legends; a live region for feedback; and, for readers
without JavaScript, the answers and reasons in a <details> element. static/quiz.js grades in the
browser with the same rules as book.grading, reading the answer key (`data-answer`) and the UI
strings (`data-mq-strings`) from this markup, so one small script serves every language.
"""
from __future__ import annotations

import json
from html import escape

from book.grading import (answer_key, expected_label, letter, meaning_letters, option_label, option_letters, part_choices,
                          part_letters)
from book.i18n import catalog, t
from book.languages import check_language
from book.model import SCENARIO_PARTS, Option, Question, Term

# The UI strings the browser runtime needs, taken from the language's catalog.
RUNTIME_STRINGS = (
    "correct", "incorrect", "choose_first", "answer_all", "score", "cleared",
    "pick_right", "pick_wrong", "pick_missed", "part_right", "part_wrong", "pair_right", "pair_wrong",
)


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _json_attr(value) -> str:
    return _attr(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def store_key(question: Question, lang: str) -> str:
    """Where the browser keeps this question's answer; a changed question gets a new key."""
    return f"{lang}/{question.quiz}/{question.id}@{question.fingerprint(lang)}"


def _letter(mark: str) -> str:
    return f'<span class="mq-letter">{escape(mark)}.</span> '


def _choice(qid: str, name: str, kind: str, value: str, label: str, mark: str) -> str:
    """One radio button or checkbox with its letter; `qid` and `name` arrive escaped (render_question)."""
    return (f'<div class="mq-option"><input type="{kind}" id="{qid}-{_attr(value)}" name="{name}" value="{_attr(value)}">'
            f'<label for="{qid}-{_attr(value)}">{_letter(mark)}{escape(label)}</label></div>')


def _legend(question: Question, lang: str, number: int, total: int) -> str:
    return (f'<legend><span class="mq-number">{escape(t(lang, "question_n", n=number, total=total))}</span>'
            f'<span class="mq-prompt">{escape(question.text[lang])}</span></legend>')


def _inputs(question: Question, lang: str, qid: str) -> str:
    kind = question.type
    if kind in ("single", "multiple", "truefalse"):
        box = "checkbox" if kind == "multiple" else "radio"
        hint = f'<p class="mq-hint">{escape(t(lang, "select_all"))}</p>' if kind == "multiple" else ""
        letters = option_letters(question, lang)
        return hint + "\n".join(_choice(qid, qid, box, o.key, option_label(question, o, lang), letters[o.key])
                                for o in question.display_options())
    if kind == "scenario":
        parts = []
        for part in SCENARIO_PARTS:
            choices = "\n".join(_choice(f"{qid}-{part}", f"{qid}-{part}", "radio", value, label, letter(i, lang))
                                for i, (value, label) in enumerate(part_choices(part, lang)))
            parts.append(f'<fieldset class="mq-part" data-part="{part}">'
                         f'<legend>{escape(t(lang, f"element_{part}"))}</legend>\n{choices}\n</fieldset>')
        return "\n".join(parts)
    if kind == "matching":
        meanings = "".join(f'<option value="{_attr(m.key)}">{escape(letter(i, lang))}. {escape(m.match[lang])}</option>'
                           for i, m in enumerate(question.display_meanings()))
        return "\n".join(
            f'<div class="mq-pair"><label for="{qid}-{_attr(o.key)}">{escape(o.text[lang])}</label>'
            f'<select id="{qid}-{_attr(o.key)}" data-part="{_attr(o.key)}">'
            f'<option value="">{escape(t(lang, "choose_meaning"))}</option>{meanings}</select></div>'
            for o in question.terms())
    if kind == "free":
        return (f'<label for="{qid}-text" class="mq-free-label">{escape(t(lang, "your_answer"))}</label>'
                f'<textarea id="{qid}-text" rows="6"></textarea>')
    raise ValueError(f"no HTML renderer for question type {kind!r}")


def _key_item(question: Question, o: Option, lang: str) -> str:
    """One line of the answer key: the part (or the option, with its letter), the right answer, and why."""
    if question.type == "scenario":
        body = (f'<span class="mq-label">{escape(t(lang, f"part_{o.key}"))}</span>: '
                f'{_letter(part_letters(o.key, lang)[o.answer])}<strong class="mq-expected">{escape(expected_label(o, lang))}</strong>')
    elif question.type == "matching":
        mark = meaning_letters(question, lang)[o.key]
        body = (f'<span class="mq-label">{escape(o.text[lang])}</span> — '
                f'{_letter(mark)}<span class="mq-match">{escape(o.match[lang])}</span>')
    else:
        mark = f' <strong class="mq-mark">({escape(t(lang, "correct_option"))})</strong>' if o.correct else ""
        body = (f'{_letter(option_letters(question, lang)[o.key])}'
                f'<span class="mq-label">{escape(option_label(question, o, lang))}</span>{mark}')
    return f'<li data-part="{_attr(o.key)}">{body} <span class="mq-why">{escape(o.feedback[lang])}</span></li>'


def _key_items(question: Question, lang: str) -> str:
    """The answer key's lines; a matching question's spare meanings come last, with no part
    (the runtime reads parts only)."""
    items = [_key_item(question, o, lang) for o in question.display_options() if o in question.terms()]
    letters = meaning_letters(question, lang)
    items += [f'<li class="mq-spare"><span class="mq-label">{escape(t(lang, "spare_meaning"))}</span> — '
              f'{_letter(letters[o.key])}<span class="mq-match">{escape(o.match[lang])}</span> <span class="mq-why">{escape(o.feedback[lang])}</span></li>'
              for o in question.spare_meanings()]
    return "\n".join(items)


def _key(question: Question, lang: str) -> str:
    if question.type == "free":
        checks = "\n".join(f'<li><label><input type="checkbox"> {escape(o.text[lang])}</label></li>'
                           for o in question.options)
        return (f'<details class="mq-key mq-model"><summary>{escape(t(lang, "show_model"))}</summary>\n'
                f'<p class="mq-explanation">{escape(question.feedback[lang])}</p>\n'
                f'<p>{escape(t(lang, "self_check"))}</p>\n<ul class="mq-checklist">\n{checks}\n</ul>\n</details>')
    items = _key_items(question, lang)
    return (f'<details class="mq-key"><summary>{escape(t(lang, "answer_and_explanation"))}</summary>\n'
            f'<ul>\n{items}\n</ul>\n<p class="mq-explanation">{escape(question.feedback[lang])}</p>\n</details>')


def render_question(question: Question, lang: str, number: int, total: int) -> str:
    qid = _attr(f"mq-{question.id}")  # escaped here even though the validator allows only slugs
    graded = question.type != "free"
    data = (f' data-answer="{_json_attr(answer_key(question))}" data-store="{_attr(store_key(question, lang))}"'
            if graded else "")
    controls = (f'<button type="button" class="mq-check" hidden>{escape(t(lang, "check"))}</button>\n'
                f'<div class="mq-feedback" role="status" aria-live="polite"></div>\n') if graded else ""
    return (f'<div class="mq-question" id="{qid}" data-question="{_attr(question.id)}" '
            f'data-type="{_attr(question.type)}"{data}>\n'
            f'<fieldset>\n{_legend(question, lang, number, total)}\n{_inputs(question, lang, qid)}\n</fieldset>\n'
            f'{controls}{_key(question, lang)}\n</div>')


def runtime_strings(lang: str) -> dict[str, str]:
    strings = catalog(lang)
    return {k: strings[k] for k in RUNTIME_STRINGS}


def render_quiz(quiz_id: str, questions: tuple[Question, ...] | list[Question], lang: str) -> str:
    body = "\n".join(render_question(q, lang, i, len(questions)) for i, q in enumerate(questions, 1))
    graded = any(q.type != "free" for q in questions)
    tools = (f'<div class="mq-tools" hidden><p class="mq-score" aria-live="polite"></p>'
             f'<p class="mq-note">{escape(t(lang, "storage_note"))}</p>'
             f'<button type="button" class="mq-clear">{escape(t(lang, "clear"))}</button></div>\n') if graded else ""
    return (f'<div class="mq-quiz" data-quiz="{_attr(quiz_id)}" role="group" '
            f'aria-label="{_attr(t(lang, "quiz"))}" data-mq-strings="{_json_attr(runtime_strings(lang))}">\n'
            f'{body}\n{tools}</div>')


def _lettered_list(items) -> str:
    """A list of (letter, label) with the letters written out, so print shows the live letters."""
    return '<ul class="mq-choices mq-lettered">' + "".join(f"<li>{_letter(mark)}{escape(label)}</li>"
                                                           for mark, label in items) + "</ul>"


def render_quiz_document(quiz_id: str, questions, lang: str) -> str:
    """The quiz as a document, for e-books and print: the questions with room to answer, then the
    answers and explanations. Well-formed XHTML (EPUB), no controls, no script."""
    total = len(questions)
    parts = []
    for number, q in enumerate(questions, 1):
        head = (f'<p class="mq-prompt"><strong>{escape(t(lang, "question_n", n=number, total=total))}</strong><br/>'
                f'{escape(q.text[lang])}</p>')
        if q.type in ("single", "multiple", "truefalse"):
            hint = f'<p class="mq-hint">{escape(t(lang, "select_all"))}</p>' if q.type == "multiple" else ""
            letters = option_letters(q, lang)
            body = hint + _lettered_list((letters[o.key], option_label(q, o, lang)) for o in q.display_options())
        elif q.type == "scenario":
            body = "".join(f'<p>{escape(t(lang, f"element_{p}"))}</p>'
                           + _lettered_list((letter(i, lang), label) for i, (_, label) in enumerate(part_choices(p, lang)))
                           for p in SCENARIO_PARTS)
        elif q.type == "matching":
            body = ('<ul class="mq-choices">' + "".join(f"<li>{escape(o.text[lang])} — ____</li>" for o in q.terms())
                    + "</ul>" + _lettered_list((letter(i, lang), m.match[lang]) for i, m in enumerate(q.display_meanings())))
        else:
            body = f'<p>{escape(t(lang, "your_answer"))}</p><div class="mq-lines"></div>'
        parts.append(f'<div class="mq-question">{head}{body}</div>')
    answers = []
    for number, q in enumerate(questions, 1):
        if q.type == "free":
            items = "".join(f"<li>{escape(o.text[lang])}</li>" for o in q.options)
            answers.append(f'<li><p>{escape(q.feedback[lang])}</p><p>{escape(t(lang, "self_check"))}</p><ul>{items}</ul></li>')
            continue
        items = _key_items(q, lang)
        answers.append(f'<li><ul>{items}</ul><p>{escape(q.feedback[lang])}</p></li>')
    return (f'<div class="mq-quiz mq-document" data-quiz="{_attr(quiz_id)}">{"".join(parts)}'
            f'<div class="mq-answers"><p><strong>{escape(t(lang, "answer_and_explanation"))}</strong></p>'
            f'<ol>{"".join(answers)}</ol></div></div>')


def _crib_choices(q: Question, lang: str) -> list[tuple[str, str]]:
    """(letter, label) of what the room answers: the options, a scenario's verdicts, the meanings."""
    if q.type == "scenario":
        return [(letter(i, lang), label) for i, (_, label) in enumerate(part_choices("verdict", lang))]
    if q.type == "matching":
        return [(letter(i, lang), m.match[lang]) for i, m in enumerate(q.display_meanings())]
    letters = option_letters(q, lang)
    return [(letters[o.key], option_label(q, o, lang)) for o in q.display_options()]


def _crib_answer(q: Question, lang: str) -> str:
    if q.type == "scenario":
        return "; ".join(f"{t(lang, f'part_{o.key}')}: {part_letters(o.key, lang)[o.answer]}. {expected_label(o, lang)}"
                         for o in q.options)
    if q.type == "matching":
        meanings = meaning_letters(q, lang)
        return "; ".join(f"{o.text[lang]} — {meanings[o.key]}" for o in q.terms())
    letters = option_letters(q, lang)
    return ", ".join(letters[o.key] for o in q.display_options() if o.correct)


def _crib_usual(q: Question, lang: str) -> str:
    """The usual wrong answer and what to say about it, or a dash."""
    option = q.usual_wrong_option()
    if option is None:
        return "—"
    if q.type == "scenario":
        wrong = f"{part_letters('verdict', lang)[q.usual_wrong]}. {t(lang, f'verdict_{q.usual_wrong}')}"
    else:
        wrong = f"{option_letters(q, lang)[option.key]}. {option_label(q, option, lang)}"
    return (f'{escape(wrong)}</p><p><strong>{escape(t(lang, "crib_say"))}:</strong> '
            f'{escape(option.feedback[lang])}')


def render_crib_sheet(quiz_id: str, questions, lang: str) -> str:
    """The trainer's crib sheet for one quiz (trainer edition only): for each graded question, its
    id (for the tally), the letters in the order shown, the answer, the usual wrong answer and what
    to say about it."""
    graded = [(n, q) for n, q in enumerate(questions, 1) if q.type != "free"]
    items = []
    for number, q in graded:
        choices = _lettered_list(_crib_choices(q, lang))
        items.append(
            f'<li class="mq-crib-item" data-question="{_attr(q.id)}">'
            f'<p><strong>{escape(t(lang, "question_n", n=number, total=len(questions)))}</strong> '
            f'({escape(t(lang, "crib_id"))}: <code>{escape(q.id)}</code>) {escape(q.text[lang])}</p>{choices}'
            f'<p><strong>{escape(t(lang, "crib_answer"))}:</strong> {escape(_crib_answer(q, lang))}</p>'
            f'<p><strong>{escape(t(lang, "crib_usual"))}:</strong> {_crib_usual(q, lang)}</p></li>')
    return (f'<aside class="admonition trainer-note mq-crib" data-quiz="{_attr(quiz_id)}">'
            f'<p class="admonition-title">{escape(t(lang, "crib_title"))}</p>'
            f'<ol class="mq-crib-list">{"".join(items)}</ol></aside>')


def render_glossary(terms: tuple[Term, ...], lang: str) -> str:
    check_language(lang)
    rows = "\n".join(
        f'<tr id="term-{escape(term.id)}"><th scope="row">{escape(term.use[lang])}</th>'
        f'<td>{escape("; ".join(term.avoid[lang])) or "—"}</td><td>{escape(term.why[lang])}</td></tr>'
        for term in terms)
    return (f'<table class="mq-glossary table" data-glossary="{escape(lang)}">\n'
            f'<caption>{escape(t(lang, "glossary_caption"))}</caption>\n'
            f'<thead><tr><th scope="col">{escape(t(lang, "glossary_use"))}</th>'
            f'<th scope="col">{escape(t(lang, "glossary_avoid"))}</th>'
            f'<th scope="col">{escape(t(lang, "glossary_why"))}</th></tr></thead>\n'
            f'<tbody>\n{rows}\n</tbody>\n</table>')
