"""Grading: the one contract both renderers follow.

`grade_key(type, key, answer)` is a pure function of JSON-like values. The browser runtime
(static/quiz.js, `ManualQuiz.gradeKey`) implements the same function; tests run one table of
cases (tests/grading_cases.json) through both and require the same results.

Answers, by question type:
    single, truefalse   the chosen option key, or None
    multiple            a list of chosen option keys
    scenario            {"act": "present"|"absent"|"not-stated", "means": ..., "purpose": ...,
                         "verdict": <verdict>}
    matching            {term key: chosen meaning key} (a spare meaning is offered, never right)
    free                never graded
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from book.i18n import t
from book.model import ELEMENT_ANSWERS, VERDICTS, Option, Question

UNANSWERED, CORRECT, INCORRECT = "unanswered", "correct", "incorrect"


def answer_key(question: Question) -> dict[str, Any]:
    """What the browser needs to grade `question`, as embedded in its markup."""
    if question.type in ("single", "multiple", "truefalse"):
        return {"correct": [o.key for o in question.options if o.correct]}
    if question.type == "scenario":
        return {o.key: o.answer for o in question.options}
    if question.type == "matching":
        return {"pairs": {o.key: o.key for o in question.terms()}}
    return {}


def grade_key(qtype: str, key: dict[str, Any], answer: Any) -> dict[str, Any]:
    """{"state": unanswered|correct|incorrect, "parts": {part: right?}} for one answer."""
    if qtype in ("single", "truefalse"):
        if not answer:
            return {"state": UNANSWERED, "parts": {}}
        return {"state": CORRECT if [answer] == key["correct"] else INCORRECT, "parts": {}}
    if qtype == "multiple":
        chosen = list(answer or [])
        if not chosen:
            return {"state": UNANSWERED, "parts": {}}
        correct = key["correct"]
        parts = {k: k in correct for k in chosen}
        parts.update({k: False for k in correct if k not in chosen})
        return {"state": CORRECT if all(parts.values()) else INCORRECT, "parts": parts}
    if qtype in ("scenario", "matching"):
        expected = key if qtype == "scenario" else key["pairs"]
        answer = answer or {}
        if any(not answer.get(part) for part in expected):
            return {"state": UNANSWERED, "parts": {}}
        parts = {part: answer[part] == value for part, value in expected.items()}
        return {"state": CORRECT if all(parts.values()) else INCORRECT, "parts": parts}
    return {"state": UNANSWERED, "parts": {}}


@dataclass(frozen=True)
class Grade:
    state: str                                  # unanswered | correct | incorrect
    answer: Any = None
    parts: dict[str, bool] = field(default_factory=dict)

    @property
    def correct(self) -> bool | None:
        return None if self.state == UNANSWERED else self.state == CORRECT


def _normalise(question: Question, answer: Any) -> Any:
    keys = {o.key for o in question.options}
    if question.type == "multiple":
        chosen = [answer] if isinstance(answer, str) else list(answer or [])
        unknown = set(chosen) - keys
    elif question.type in ("scenario", "matching"):
        chosen = dict(answer or {})
        unknown = set(chosen) - keys
    else:
        if isinstance(answer, (list, tuple, set)):
            if len(answer) > 1:
                raise ValueError(f"question {question.id!r} takes one answer, got {sorted(answer)}")
            answer = next(iter(answer), None)
        chosen = answer or None
        unknown = {chosen} - keys - {None}
    if unknown:
        raise ValueError(f"question {question.id!r} has no option {sorted(unknown)[0]!r}")
    return chosen


def grade(question: Question, answer: Any) -> Grade:
    answer = _normalise(question, answer)
    result = grade_key(question.type, answer_key(question), answer)
    return Grade(result["state"], answer, result["parts"])


def letter(index: int, lang: str) -> str:
    """The visible letter of the choice at `index` (0-based) in displayed order: A, B, C… in
    English, А, Б, В… in Russian (the catalog's `letters`, which skip Ё, Й, Ъ, Ы, Ь). The widget,
    the slides, the static quiz, print and e-books, the crib sheet and the tally all use these."""
    letters = t(lang, "letters")
    if not 0 <= index < len(letters):
        raise ValueError(f"no option letter for choice {index + 1}: at most {len(letters)} choices")
    return letters[index]


def lettered(labels, lang: str) -> list[str]:
    """["A. first label", "B. second label", …] for labels in displayed order."""
    return [f"{letter(i, lang)}. {label}" for i, label in enumerate(labels)]


def option_label(question: Question, option: Option, lang: str) -> str:
    """What an option says: true / false in the UI's words, otherwise its own text."""
    return t(lang, option.key) if question.type == "truefalse" else option.text[lang]


def option_letters(question: Question, lang: str) -> dict[str, str]:
    """{option key: its letter} for a choice or true/false question, in displayed order."""
    return {o.key: letter(i, lang) for i, o in enumerate(question.display_options())}


def meaning_letters(question: Question, lang: str) -> dict[str, str]:
    """{meaning key: its letter} of a matching question, in the drop-downs' order (spares included)."""
    return {m.key: letter(i, lang) for i, m in enumerate(question.display_meanings())}


def part_choices(part: str, lang: str) -> list[tuple[str, str]]:
    """(value, label) of each answer to a scenario part: present / absent / not stated, or a verdict."""
    if part == "verdict":
        return [(v, t(lang, f"verdict_{v}")) for v in VERDICTS]
    return [(v, t(lang, v)) for v in ELEMENT_ANSWERS]


def part_letters(part: str, lang: str) -> dict[str, str]:
    """{value: letter} of a scenario part's answers (the verdicts: A-F / А-Е)."""
    return {value: letter(i, lang) for i, (value, _) in enumerate(part_choices(part, lang))}


def expected_label(option: Option, lang: str) -> str:
    """A scenario part's right answer in words: present / absent / not stated, or the verdict."""
    return dict(part_choices(option.key, lang))[option.answer]


def feedback_lines(question: Question, result: Grade, lang: str) -> list[str]:
    """What the learner reads after checking, line by line (quiz.js writes the same lines)."""
    if result.state == UNANSWERED:
        return [t(lang, "answer_all" if question.type in ("scenario", "matching") else "choose_first")]
    lines = [t(lang, result.state)]
    if question.type in ("single", "truefalse") and result.answer:
        lines.append(question.option(result.answer).feedback[lang])
    elif question.type == "multiple":
        for o in question.display_options():
            if o.key in result.parts:
                chosen = o.key in result.answer
                template = "pick_missed" if not chosen else ("pick_right" if o.correct else "pick_wrong")
                lines.append(t(lang, template, option=o.text[lang], why=o.feedback[lang]))
    elif question.type == "scenario":
        for o in question.options:
            template = "part_right" if result.parts[o.key] else "part_wrong"
            lines.append(t(lang, template, part=t(lang, f"part_{o.key}"), expected=expected_label(o, lang),
                           why=o.feedback[lang]))
    elif question.type == "matching":
        for o in question.terms():
            template = "pair_right" if result.parts[o.key] else "pair_wrong"
            line = t(lang, template, term=o.text[lang], meaning=o.match[lang])
            lines.append(f"{line} {o.feedback[lang]}".strip())
    lines.append(question.feedback[lang])
    return lines
