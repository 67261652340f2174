"""The glossary (data/glossary.csv): recommended terms, terms to avoid and why, in every
language, validated like the question banks. (Its table is drawn by book.render_html.)"""
from __future__ import annotations

import functools
from pathlib import Path

from book.languages import LANGUAGES
from book.model import Term
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

TRANSLATED = ("use", "avoid", "why")
COLUMNS = ("id", *(f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES), "source")
TEXT_COLUMNS = [f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES]

RULES: list[Rule] = [
    ("id", "must be a lowercase slug like 'sex-worker'", lambda row: is_slug(row["id"])),
    ("source", "every term names its source", lambda row: row["source"] != ""),
    *[(f"{field}_{lang}", f"empty {'recommended term' if field == 'use' else 'reason'}",
       lambda row, field=field: not blank_in_every_language(row, field))
      for field in ("use", "why") for lang in LANGUAGES],
    *translation_rules(TRANSLATED),
    *plain_text_rules([*TEXT_COLUMNS, "source"]),
    *script_rules(TEXT_COLUMNS),
    *line_break_rules(COLUMNS),
]


def glossary_problems(rows: list[tuple[int, Row]], name: str) -> list[Problem]:
    problems = row_problems(name, rows, RULES)
    problems += [Problem(name, line, "id", "duplicate term id") for line in repeats(rows, lambda row: row["id"])]
    return in_order(problems) + repeated_terms(rows, name)


def _term_key(text: str) -> str:
    """A recommended term as compared for repeats: case, spacing and ё/е ignored."""
    return " ".join(text.casefold().replace("ё", "е").split())


def repeated_terms(rows: list[tuple[int, Row]], name: str) -> list[Problem]:
    """A term whose recommended wording (in any language) is another row's, under a new id."""
    problems = []
    for lang in LANGUAGES:
        first: dict[str, tuple[str, int]] = {}
        for line, row in rows:
            key = _term_key(row[f"use_{lang}"])
            if not key:
                continue
            if key in first and first[key][0] != row["id"]:
                term_id, term_line = first[key]
                problems.append(Problem(name, int(line), f"use_{lang}",
                                        f"repeats the term {row[f'use_{lang}']!r} of {term_id!r} (line {term_line}) "
                                        f"under a new id: edit that row instead"))
            first.setdefault(key, (row["id"], int(line)))
    return problems


def load_glossary(path: Path | None = None) -> tuple[Term, ...]:
    """The validated glossary at `path` (default: the current project's); raises DataError. Loaded again
    only when the file's bytes changed."""
    path = Path(path) if path else Project.current().glossary
    return _load_glossary(path, path.read_bytes() if path.exists() else b"")


@functools.lru_cache(maxsize=4)
def _load_glossary(path: Path, content: bytes) -> tuple[Term, ...]:
    name = label(path)
    rows = records(read_table(path, COLUMNS, name))
    problems = glossary_problems(rows, name)
    if problems:
        raise DataError(problems)
    return tuple(Term(
        id=row["id"], source=row["source"],
        use={lang: row[f"use_{lang}"] for lang in LANGUAGES},
        avoid={lang: tuple(x.strip() for x in row[f"avoid_{lang}"].split(";") if x.strip()) for lang in LANGUAGES},
        why={lang: row[f"why_{lang}"] for lang in LANGUAGES},
    ) for _, row in rows)
