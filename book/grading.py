"""Grading: the one contract both renderers follow.

The browser runtime (static/quiz.js) implements the same rules; a shared table of cases
keeps the two in step.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from book.bank import Question
from book.i18n import t

UNANSWERED, CORRECT, INCORRECT = "unanswered", "correct", "incorrect"


@dataclass(frozen=True)
class Grade:
    state: str                    # unanswered | correct | incorrect
    selected: tuple[str, ...]     # option keys, in the question's order

    @property
    def correct(self) -> bool | None:
        return None if self.state == UNANSWERED else self.state == CORRECT


def grade(question: Question, selected: Iterable[str] | str | None) -> Grade:
    if selected is None:
        chosen: set[str] = set()
    elif isinstance(selected, str):
        chosen = {selected}
    else:
        chosen = set(selected)
    keys = [o.key for o in question.options]
    unknown = chosen.difference(keys)
    if unknown:
        raise ValueError(f"question {question.id!r} has no option {sorted(unknown)[0]!r}")
    ordered = tuple(k for k in keys if k in chosen)
    if not ordered:
        return Grade(UNANSWERED, ordered)
    state = CORRECT if frozenset(ordered) == question.correct_keys else INCORRECT
    return Grade(state, ordered)


def feedback_lines(question: Question, result: Grade, lang: str) -> list[str]:
    """What the learner reads after checking: verdict, why for each chosen option, the principle."""
    if result.state == UNANSWERED:
        return [t(lang, "choose_first")]
    lines = [t(lang, result.state)]
    lines += [question.option(k).feedback[lang] for k in result.selected]
    lines.append(question.feedback[lang])
    return lines
