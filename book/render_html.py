"""Render a quiz as kernel-free HTML for the static site.

Everything a learner needs is in the markup: native radio buttons in a fieldset with a
legend, a live region for feedback, and (for readers without JavaScript) the answer and the
reasons in a <details> element. static/quiz.js grades in the browser by the same rules as
book.grading; it reads the answer key and the UI strings from this markup, so the site
serves one small script for every language.
"""
from __future__ import annotations

import json
from html import escape

from book.bank import Question
from book.i18n import t

# The UI strings the browser runtime needs, taken from the language's catalog.
RUNTIME_STRINGS = ("correct", "incorrect", "choose_first", "score")


def _attr(value: str) -> str:
    return escape(value, quote=True)


def render_question(question: Question, lang: str, number: int, total: int) -> str:
    qid = f"mq-{question.id}"
    options = "\n".join(
        f'<div class="mq-option">'
        f'<input type="radio" id="{qid}-{o.key}" name="{qid}" value="{_attr(o.key)}">'
        f'<label for="{qid}-{o.key}">{escape(o.text[lang])}</label></div>'
        for o in question.options
    )
    key = "\n".join(
        f'<li data-option="{_attr(o.key)}" data-correct="{"yes" if o.correct else "no"}">'
        f'<span class="mq-option-text">{escape(o.text[lang])}</span>'
        + (f' <strong class="mq-mark">({escape(t(lang, "correct_option"))})</strong>' if o.correct else "")
        + f' <span class="mq-why">{escape(o.feedback[lang])}</span></li>'
        for o in question.options
    )
    return f"""<div class="mq-question" id="{qid}" data-question="{_attr(question.id)}" data-type="{_attr(question.type)}">
<fieldset>
<legend><span class="mq-number">{escape(t(lang, "question_n", n=number, total=total))}</span>
<span class="mq-prompt">{escape(question.text[lang])}</span></legend>
{options}
</fieldset>
<button type="button" class="mq-check" hidden>{escape(t(lang, "check"))}</button>
<div class="mq-feedback" role="status" aria-live="polite"></div>
<details class="mq-key"><summary>{escape(t(lang, "answer_and_explanation"))}</summary>
<ul>
{key}
</ul>
<p class="mq-explanation">{escape(question.feedback[lang])}</p>
</details>
</div>"""


def render_quiz(quiz_id: str, questions: tuple[Question, ...] | list[Question], lang: str) -> str:
    strings = json.dumps({k: t(lang, k) for k in RUNTIME_STRINGS}, ensure_ascii=False)
    body = "\n".join(render_question(q, lang, i, len(questions)) for i, q in enumerate(questions, 1))
    return (f'<section class="mq-quiz" data-quiz="{_attr(quiz_id)}" '
            f'aria-label="{_attr(t(lang, "quiz"))}" data-mq-strings="{_attr(strings)}">\n'
            f'{body}\n<p class="mq-score" aria-live="polite"></p>\n</section>')
