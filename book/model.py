"""What the data in data/ means, with nothing to read or validate it: questions, options and
their bank, glossary terms, and the problems found in data files.

Reading and validating the files is book.bank, book.glossary and book.tables (with pandas);
what only uses questions (the renderers, grading) needs none of that.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

QUESTION_TYPES = ("single", "multiple", "truefalse", "scenario", "matching", "free")
# Types whose option rows carry yes/no in `correct`, and a label of their own in `text`.
CHOICE_TYPES = ("single", "multiple")
ELEMENTS = ("act", "means", "purpose")
SCENARIO_PARTS = (*ELEMENTS, "verdict")
# What a case says about each element: the key may be any of the three.
ELEMENT_ANSWERS = ("present", "absent", "not-stated")
VERDICTS = ("sex-work", "trafficking-sex-sector", "trafficking-other", "child-exploitation", "other-problem",
            "not-enough-info")
# Fixed option keys, in order, for the types whose options are the UI's own (labels from i18n).
FIXED_KEYS = {"truefalse": ("true", "false"), "scenario": SCENARIO_PARTS}


@dataclass(frozen=True)
class Option:
    key: str
    answer: str                  # the `correct` cell: yes / no, present / absent / not-stated, a verdict, or empty
    text: dict[str, str]
    feedback: dict[str, str]
    match: dict[str, str] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.answer == "yes"


@dataclass(frozen=True)
class Question:
    id: str
    quiz: str
    type: str
    text: dict[str, str]
    feedback: dict[str, str]
    options: tuple[Option, ...]
    source: str = ""
    usual_wrong: str = ""        # the question row's `correct` cell: the wrong answer people usually give

    def usual_wrong_option(self) -> Option | None:
        """The option behind the usual wrong answer: a choice question's option, or a scenario's
        verdict row (its feedback says why the right verdict is right); a true/false question's
        wrong option when none is given; otherwise None."""
        if not self.usual_wrong:
            wrong = [o for o in self.options if o.answer == "no"]
            return wrong[0] if self.type == "truefalse" and len(wrong) == 1 else None
        return self.option("verdict" if self.type == "scenario" else self.usual_wrong)

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options if o.correct)

    def option(self, key: str) -> Option:
        for opt in self.options:
            if opt.key == key:
                return opt
        raise KeyError(f"question {self.id!r} has no option {key!r}")

    def display_options(self) -> tuple[Option, ...]:
        """Options in the order learners see them: shuffled for choice questions, seeded by the
        question id, so the order is the same in every build, both languages and both renderers."""
        if self.type not in CHOICE_TYPES:
            return self.options
        shuffled = list(self.options)
        random.Random(f"options/{self.id}").shuffle(shuffled)
        return tuple(shuffled)

    def terms(self) -> tuple[Option, ...]:
        """For matching: the pairs to match. An option row with a meaning and no term is a spare
        meaning: offered in every drop-down, right for none."""
        if self.type != "matching":
            return self.options
        return tuple(o for o in self.options if any(o.text.values()))

    def spare_meanings(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if self.type == "matching" and not any(o.text.values()))

    def display_meanings(self) -> tuple[Option, ...]:
        """For matching: the meanings' order in each drop-down (seeded, stable)."""
        shuffled = list(self.options)
        random.Random(f"meanings/{self.id}").shuffle(shuffled)
        return tuple(shuffled)

    def fingerprint(self, lang: str) -> str:
        """Changes whenever what a learner sees or is graded on changes, so saved answers to an
        edited question are not restored."""
        content = [self.type, self.text[lang]] + [
            [o.key, o.answer, o.text[lang], o.match.get(lang, "")] for o in self.options]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Bank:
    questions: tuple[Question, ...]

    def quiz_ids(self) -> list[str]:
        return list(dict.fromkeys(q.quiz for q in self.questions))

    def quiz(self, quiz_id: str) -> tuple[Question, ...]:
        found = tuple(q for q in self.questions if q.quiz == quiz_id)
        if not found:
            known = ", ".join(self.quiz_ids()) or "none"
            raise KeyError(f"no quiz {quiz_id!r} in the question bank; known quizzes: {known}")
        return found


@dataclass(frozen=True)
class Term:
    id: str
    use: dict[str, str]
    avoid: dict[str, tuple[str, ...]]
    why: dict[str, str]
    source: str


# --- problems in data files ------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    file: str
    line: int       # the line in the file, as an editor numbers it (the header is line 1)
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, field {self.field}: {self.message}"


class DataError(ValueError):
    """One or more problems in data/; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.field, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def label(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()

