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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from book.i18n import t
from book.labels import expected_label
from book.model import Question

UNANSWERED, CORRECT, INCORRECT = "unanswered", "correct", "incorrect"


@dataclass(frozen=True)
class Grade:
    state: str                                  # unanswered | correct | incorrect
    answer: Any = None
    parts: dict[str, bool] = field(default_factory=dict)

    @property
    def correct(self) -> bool | None:
        return None if self.state == UNANSWERED else self.state == CORRECT


def _result(parts: dict[str, bool], right: bool | None = None) -> dict[str, Any]:
    right = all(parts.values()) if right is None else right
    return {"state": CORRECT if right else INCORRECT, "parts": parts}


def _unanswered(*_: Any) -> dict[str, Any]:
    return {"state": UNANSWERED, "parts": {}}


# --- what differs between question types: one entry each in QUESTION_TYPES below -------------
# (static/quiz.js keeps the browser's side in one table too: TYPES)

def _one_key(question: Question) -> dict[str, Any]:
    return {"correct": [o.key for o in question.options if o.correct]}


def _grade_one(key: dict[str, Any], answer: Any) -> dict[str, Any]:
    return _result({}, [answer] == key["correct"]) if answer else _unanswered()


def _grade_several(key: dict[str, Any], answer: Any) -> dict[str, Any]:
    chosen = list(answer or [])
    if not chosen:
        return _unanswered()
    correct = key["correct"]
    parts = {k: k in correct for k in chosen}
    parts.update({k: False for k in correct if k not in chosen})
    return _result(parts)


def _grade_by_part(expected: dict[str, str], answer: Any) -> dict[str, Any]:
    """Scenario and matching: every part answered, each right or wrong."""
    answer = answer or {}
    if any(not answer.get(part) for part in expected):
        return _unanswered()
    return _result({part: answer[part] == value for part, value in expected.items()})


def _unknown(question: Question, found: set) -> None:
    unknown = found - {o.key for o in question.options} - {None}
    if unknown:
        raise ValueError(f"question {question.id!r} has no option {sorted(unknown)[0]!r}")


def _one_answer(question: Question, answer: Any) -> Any:
    if isinstance(answer, (list, tuple, set)):
        if len(answer) > 1:
            raise ValueError(f"question {question.id!r} takes one answer, got {sorted(answer)}")
        answer = next(iter(answer), None)
    _unknown(question, {answer or None})
    return answer or None


def _several_answers(question: Question, answer: Any) -> list[str]:
    chosen = [answer] if isinstance(answer, str) else list(answer or [])
    _unknown(question, set(chosen))
    return chosen


def _answer_by_part(question: Question, answer: Any) -> dict[str, str]:
    chosen = dict(answer or {})
    _unknown(question, set(chosen))
    return chosen


def _explain_one(question: Question, result: Grade, lang: str) -> list[str]:
    return [question.option(result.answer).feedback[lang]] if result.answer else []


def _explain_several(question: Question, result: Grade, lang: str) -> list[str]:
    lines = []
    for o in question.display_options():
        if o.key in result.parts:
            chosen = o.key in result.answer
            template = "pick_missed" if not chosen else ("pick_right" if o.correct else "pick_wrong")
            lines.append(t(lang, template, option=o.text[lang], why=o.feedback[lang]))
    return lines


def _explain_parts(question: Question, result: Grade, lang: str) -> list[str]:
    return [t(lang, "part_right" if result.parts[o.key] else "part_wrong", part=t(lang, f"part_{o.key}"),
              expected=expected_label(o, lang), why=o.feedback[lang]) for o in question.options]


def _explain_pairs(question: Question, result: Grade, lang: str) -> list[str]:
    lines = []
    for o in question.terms():
        line = t(lang, "pair_right" if result.parts[o.key] else "pair_wrong", term=o.text[lang], meaning=o.match[lang])
        lines.append(f"{line} {o.feedback[lang]}".strip())
    return lines


@dataclass(frozen=True)
class QuestionType:
    """What one question type means: how it is keyed, graded and explained, and which template
    draws it. Adding a type is an entry here, a template in book/templates/quiz/types/ and an
    entry in static/quiz.js's TYPES (and, on a live kernel, its widget in book.widget)."""
    key: Callable[[Question], dict[str, Any]]                  # the answer key the markup carries
    grade: Callable[[dict[str, Any], Any], dict[str, Any]]     # grade_key's rule for the type
    answer: Callable[[Question, Any], Any]                     # an answer in the shape `grade` takes
    explain: Callable[[Question, Grade, str], list[str]]       # feedback between verdict and explanation
    template: str                                              # book/templates/quiz/types/<template>.html
    whole: bool = False                                        # answered part by part
    graded: bool = True


_ONE = QuestionType(_one_key, _grade_one, _one_answer, _explain_one, "choice")
QUESTION_TYPES: dict[str, QuestionType] = {
    "single": _ONE,
    "multiple": QuestionType(_one_key, _grade_several, _several_answers, _explain_several, "choice"),
    "truefalse": _ONE,
    "scenario": QuestionType(lambda q: {o.key: o.answer for o in q.options}, _grade_by_part, _answer_by_part,
                             _explain_parts, "scenario", whole=True),
    "matching": QuestionType(lambda q: {"pairs": {o.key: o.key for o in q.terms()}},
                             lambda key, answer: _grade_by_part(key["pairs"], answer), _answer_by_part,
                             _explain_pairs, "matching", whole=True),
    "free": QuestionType(lambda q: {}, _unanswered, _one_answer, lambda *_: [], "free", graded=False),
}


def question_type(qtype: str) -> QuestionType:
    try:
        return QUESTION_TYPES[qtype]
    except KeyError:
        raise ValueError(f"unknown question type {qtype!r}: one of {', '.join(QUESTION_TYPES)}") from None


def answer_key(question: Question) -> dict[str, Any]:
    """What the browser needs to grade `question`, as embedded in its markup."""
    return question_type(question.type).key(question)


def grade_key(qtype: str, key: dict[str, Any], answer: Any) -> dict[str, Any]:
    """{"state": unanswered|correct|incorrect, "parts": {part: right?}} for one answer."""
    found = QUESTION_TYPES.get(qtype)
    return found.grade(key, answer) if found else _unanswered()


def grade(question: Question, answer: Any) -> Grade:
    kind = question_type(question.type)
    answer = kind.answer(question, answer)
    result = kind.grade(kind.key(question), answer)
    return Grade(result["state"], answer, result["parts"])



def feedback_lines(question: Question, result: Grade, lang: str) -> list[str]:
    """What the learner reads after checking, line by line (quiz.js writes the same lines)."""
    kind = question_type(question.type)
    if result.state == UNANSWERED:
        return [t(lang, "answer_all" if kind.whole else "choose_first")]
    return [t(lang, result.state), *kind.explain(question, result, lang), question.feedback[lang]]
