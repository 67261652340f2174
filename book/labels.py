"""What an answer is called where learners see it: the letters beside choices (A, B, C… /
А, Б, В…), an option's label, a scenario part's choices. The widget, the static quiz, print and
e-books, the crib sheet, the tally and the room all name answers through these."""
from __future__ import annotations

from book.i18n import t
from book.model import ELEMENT_ANSWERS, VERDICTS, Option, Question


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
