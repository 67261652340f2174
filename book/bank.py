"""Question banks: load the CSV files in ``data/questions/``, validate them, build questions.

A bank file holds both languages side by side. Rows come in groups: a *question row*
(``option`` empty) followed by its *option rows* (``option`` = a, b, c...). Every problem is
reported with the file, the line the row starts on (the header is line 1) and the field, and all
problems are collected before anything is rendered or built.

The rules are plain code over the rows grouped into questions (book.tables reads the file with
pandas and checks what no row rule can see: bytes that are not UTF-8, a quote left open, a
malformed row, a header that is not the expected one, invisible characters).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from book.languages import LANGUAGES
from book.model import (
    CHOICE_TYPES,
    ELEMENT_ANSWERS,
    ELEMENTS,
    FIXED_KEYS,
    QUESTION_TYPES,
    VERDICTS,
    Bank,
    Option,
    Question,
)
from book.project import Project
from book.tables import (
    DataError,
    Problem,
    Row,
    Rule,
    blank_in_every_language,
    in_order,
    is_slug,
    label,
    line_break_rules,
    plain_text_rules,
    read_table,
    records,
    repeats,
    row_problems,
    script_rules,
    translation_rules,
)

TRANSLATED = ("text", "match", "feedback")
COLUMNS = ("quiz", "question", "option", "type", "correct",
           *(f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES), "source")
TEXT_COLUMNS = [f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES]
OPTION_KEY = re.compile(r"[a-z]?|true|false|act|means|purpose|verdict")
LABELLED = tuple(t for t in QUESTION_TYPES if t not in FIXED_KEYS)  # option rows with a text of their own
EXPLAINED = (*CHOICE_TYPES, *FIXED_KEYS)  # option rows that must say why


FIXED_KEYS_MESSAGE = ("true/false options must be exactly 'true' then 'false'; scenario options exactly "
                      "'act', 'means', 'purpose', 'verdict' in that order")

BankError = DataError  # the banks' problems, by file, line and field


@dataclass
class Group:
    """A question row and the option rows below it (no head: option rows before any question)."""
    head: Row | None
    line: int = 0
    options: list[tuple[int, Row]] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.head["type"] if self.head else ""

    def rows(self) -> list[Row]:
        return [self.head, *(row for _, row in self.options)] if self.head else [row for _, row in self.options]

    def yes_count(self) -> int:  # the question row's own `correct` counts too: "yes" there is wrong twice
        return sum(row["correct"] == "yes" for row in self.rows())


def group_rows(rows: list[tuple[int, Row]]) -> list[Group]:
    groups: list[Group] = []
    for line, row in rows:
        if row["option"] == "":
            groups.append(Group(row, line))
        else:
            if not groups:
                groups.append(Group(None))
            groups[-1].options.append((line, row))
    return groups


# --- the rules -------------------------------------------------------------------------------
# Every row: (field, message, function of the row -> True where it is fine).

CELL_RULES: list[Rule] = [
    ("quiz", "must be a lowercase slug like 'three-elements'", lambda row: is_slug(row["quiz"])),
    ("question", "must be a lowercase slug like 'consent-irrelevant'", lambda row: is_slug(row["question"])),
    ("option", "option key must be one lowercase letter (or true/false, act/means/purpose/verdict), "
               "and empty on a question row",
     lambda row: OPTION_KEY.fullmatch(row["option"]) is not None),
    *line_break_rules(COLUMNS),
    *translation_rules(TRANSLATED),
    *plain_text_rules([*TEXT_COLUMNS, "source"]),
    *script_rules(TEXT_COLUMNS),
]

GroupRule = tuple[str, str, Callable[[Row, Group], bool]]


def _question_text_rules(lang: str) -> list[GroupRule]:
    """Which texts a question row needs, in language `lang`."""
    return [
        (f"text_{lang}", "empty question text", lambda row, q: not blank_in_every_language(row, "text")),
        (f"feedback_{lang}", "empty feedback: every question and every answer says why "
                             "(for a free-response question: the model answer)",
         lambda row, q: not blank_in_every_language(row, "feedback")),
        (f"match_{lang}", "only matching options have a meaning", lambda row, q: row[f"match_{lang}"] == ""),
    ]


def _option_text_rules(lang: str) -> list[GroupRule]:
    """Which texts each kind of option row needs, in language `lang`."""
    return [
        (f"text_{lang}", "empty option",
         lambda row, q: not (q.type in LABELLED and blank_in_every_language(row, "text")
                             and not (q.type == "matching" and not blank_in_every_language(row, "match")))),
        (f"text_{lang}", "must be empty: true/false and scenario labels come from the UI catalog",
         lambda row, q: q.type not in FIXED_KEYS or row[f"text_{lang}"] == ""),
        (f"feedback_{lang}", "empty feedback: every question and every answer says why "
                             "(for a free-response question: the model answer)",
         lambda row, q: q.type not in EXPLAINED or not blank_in_every_language(row, "feedback")),
        (f"feedback_{lang}", "must be empty on a free-response self-check item",
         lambda row, q: q.type != "free" or row[f"feedback_{lang}"] == ""),
        (f"match_{lang}", "a matching pair needs its meaning",
         lambda row, q: q.type != "matching" or not blank_in_every_language(row, "match")),
        (f"match_{lang}", "only matching options have a meaning",
         lambda row, q: q.type == "matching" or row[f"match_{lang}"] == ""),
    ]


# Question rows: (field, message, function of the row and its group -> True where it is fine).
QUESTION_RULES: list[GroupRule] = [
    ("type", f"unknown question type; known types: {', '.join(QUESTION_TYPES)}",
     lambda row, q: q.type in QUESTION_TYPES),
    ("correct", "on a question row: empty, or the usual wrong answer — the key of one of its options "
                "marked 'no' (a scenario: a verdict other than its own; none for matching or free response)",
     lambda row, q: _usual_wrong_ok(row["correct"], q)),
    ("source", "a question row must name its source (treaty and article, report and year)",
     lambda row, q: row["source"] != ""),
    ("option", "a question needs at least two options (a free-response question: one self-check item)",
     lambda row, q: len(q.options) >= (1 if q.type == "free" else 2)),
    ("option", FIXED_KEYS_MESSAGE,
     lambda row, q: q.type not in FIXED_KEYS or len(q.options) == len(FIXED_KEYS[q.type])),
    ("correct", "a single-choice or true/false question needs exactly one option marked 'yes' "
                "(the answer key must be one of its options)",
     lambda row, q: q.type not in ("single", "truefalse") or q.yes_count() == 1),
    ("option", "a matching question needs at least two terms (a row with a meaning and no term is a "
               "spare meaning)",
     lambda row, q: q.type != "matching"
     or sum(not blank_in_every_language(option, "text") for _, option in q.options) >= 2),
    ("correct", "a multiple-select question needs at least one option marked 'yes'",
     lambda row, q: q.type != "multiple" or q.yes_count() >= 1),
    *[rule for lang in LANGUAGES for rule in _question_text_rules(lang)],
]

# Option rows: (field, message, function of the row and its question's group -> True where it is fine).
OPTION_RULES: list[GroupRule] = [
    ("option", "option row comes before any question row", lambda row, q: q.head is not None),
    ("type", "must be empty on an option row (the type belongs to the question row)",
     lambda row, q: row["type"] == ""),
    ("correct", "must be 'yes' or 'no' on this option row",
     lambda row, q: q.type not in (*CHOICE_TYPES, "truefalse") or row["correct"] in ("yes", "no")),
    ("correct", f"what the case says about this element must be one of: {', '.join(ELEMENT_ANSWERS)}",
     lambda row, q: q.type != "scenario" or row["option"] not in ELEMENTS or row["correct"] in ELEMENT_ANSWERS),
    ("correct", f"the verdict must be one of: {', '.join(VERDICTS)}",
     lambda row, q: q.type != "scenario" or row["option"] != "verdict" or row["correct"] in VERDICTS),
    ("correct", "must be empty for matching pairs and free-response self-check items",
     lambda row, q: q.type not in ("matching", "free") or row["correct"] == ""),
    ("question", "option row does not belong to the question above it",
     lambda row, q: (row["question"], row["quiz"]) == ((q.head["question"], q.head["quiz"]) if q.head else ("", ""))),
    *[rule for lang in LANGUAGES for rule in _option_text_rules(lang)],
]


def _usual_wrong_ok(value: str, q: Group) -> bool:
    """A question row's `correct`, when given, names the usual wrong answer: one of its own wrong
    options (choice, true/false) or a verdict other than the key (scenario)."""
    if value == "":
        return True
    if q.type == "scenario":
        verdict = next((row["correct"] for _, row in q.options if row["option"] == "verdict"), None)
        return value in VERDICTS and value != verdict
    wrong = {row["option"] for _, row in q.options if row["correct"] == "no"}
    return q.type in (*CHOICE_TYPES, "truefalse") and value in wrong


def bank_problems(rows: list[tuple[int, Row]], name: str) -> list[Problem]:
    """Everything wrong in one bank file's rows."""
    problems = row_problems(name, rows, CELL_RULES)
    groups = group_rows(rows)
    heads = [(q.line, q.head) for q in groups if q.head]
    options = [option for q in groups for option in q.options]
    problems += [Problem(name, line, "question", "duplicate question id")
                 for line in repeats(heads, lambda row: row["question"])]
    problems += [Problem(name, line, "option", "duplicate option key in this question")
                 for line in repeats(options, lambda row: (row["question"], row["option"]))]
    for q in groups:
        if q.head:
            problems += [Problem(name, q.line, column, message)
                         for column, message, fine in QUESTION_RULES if not fine(q.head, q)]
        problems += [Problem(name, line, column, message)
                     for line, row in q.options for column, message, fine in OPTION_RULES if not fine(row, q)]
        keys = FIXED_KEYS.get(q.type, ())
        problems += [Problem(name, line, "option", FIXED_KEYS_MESSAGE) for i, (line, row) in enumerate(q.options)
                     if keys and (i >= len(keys) or row["option"] != keys[i])]
        problems += _duplicate_texts(q, name)
    return in_order(problems)


def _duplicate_texts(q: Group, name: str) -> list[Problem]:
    """An option (or a matching meaning) may not repeat another's text, nor the question's."""
    problems = []
    for column in [f"{kind}_{lang}" for kind in ("text", "match") for lang in LANGUAGES]:
        rows = ([(q.line, q.head)] if q.head else []) + [o for o in q.options if o[1][column] != ""]
        problems += [Problem(name, line, column, "duplicate option text in this question")
                     for line in repeats(rows, lambda row: row[column])]  # noqa: B023 (called at once)
    return problems


def read_bank_file(path: Path, name: str | None = None) -> list[tuple[int, Row]]:
    """One bank file's rows with their lines, raising BankError for bytes or header problems."""
    return records(read_table(path, COLUMNS, name))


def to_questions(groups: list[Group]) -> list[Question]:
    return [Question(
        id=q.head["question"], quiz=q.head["quiz"], type=q.type, source=q.head["source"],
        usual_wrong=q.head["correct"],
        text={lang: q.head[f"text_{lang}"] for lang in LANGUAGES},
        feedback={lang: q.head[f"feedback_{lang}"] for lang in LANGUAGES},
        options=tuple(Option(
            key=o["option"], answer=o["correct"],
            text={lang: o[f"text_{lang}"] for lang in LANGUAGES},
            feedback={lang: o[f"feedback_{lang}"] for lang in LANGUAGES},
            match={lang: o[f"match_{lang}"] for lang in LANGUAGES},
        ) for _, o in q.options),
    ) for q in groups if q.head]


def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate every ``*.csv`` bank in `directory` (default: the current project's);
    raise BankError listing all problems. Loaded again only when a file's bytes changed (a Sphinx
    build renders many quizzes from one bank; a trainer's live kernel sees an edited bank)."""
    directory = Path(directory) if directory else Project.current().questions
    files = tuple(sorted(directory.glob("*.csv")))
    if not files:
        raise BankError([Problem(label(Path(directory)), 0, "*", "no question bank (*.csv) found")])
    return _load_bank(files, tuple(path.read_bytes() for path in files))


@functools.lru_cache(maxsize=4)
def _load_bank(files: tuple[Path, ...], contents: tuple[bytes, ...]) -> Bank:
    problems: list[Problem] = []
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in files:
        name = label(path)
        try:
            rows = read_bank_file(path, name)
        except BankError as exc:
            problems += exc.problems
            continue
        found = bank_problems(rows, name)
        problems += found
        if found:
            continue
        groups = group_rows(rows)
        for q, group in zip(to_questions(groups), groups):
            if q.id in seen:
                problems.append(Problem(name, group.line, "question",
                                        f"duplicate question id (also in {seen[q.id]})"))
            seen[q.id] = name
            questions.append(q)
    if problems:
        raise BankError(problems)
    return Bank(tuple(questions))


def default_bank() -> Bank:
    """The current project's bank (Project.current(): the one a build started this process for)."""
    return load_bank()
