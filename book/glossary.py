"""The glossary (data/glossary.csv): recommended terms, terms to avoid and why, in every
language, validated like the question banks. (Its table is drawn by book.render_html.)"""
from __future__ import annotations

from pathlib import Path

from book.languages import LANGUAGES
from book.model import Term, glossary_path
from book.tables import (SLUG, DataError, Problem, RowSchema, Rule, blank_in_every_language, label,
                         line_break_rules, plain_text_rules, read_table, script_rules, translation_rules)

TRANSLATED = ("use", "avoid", "why")
COLUMNS = ("id", *(f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES), "source")
TEXT_COLUMNS = [f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES]

RULES: list[Rule] = [
    ("id", "must be a lowercase slug like 'sex-worker'", lambda df: df["id"].str.fullmatch(SLUG)),
    ("id", "duplicate term id", lambda df: ~df["id"].duplicated(keep="first")),
    ("source", "every term names its source", lambda df: df["source"] != ""),
    *[(f"{field}_{lang}", f"empty {'recommended term' if field == 'use' else 'reason'}",
       lambda df, field=field: ~blank_in_every_language(df, field))
      for field in ("use", "why") for lang in LANGUAGES],
    *translation_rules(TRANSLATED),
    *plain_text_rules([*TEXT_COLUMNS, "source"]),
    *script_rules(TEXT_COLUMNS),
    *line_break_rules(COLUMNS),
]
SCHEMA = RowSchema(COLUMNS, RULES)


def _term_key(text: str) -> str:
    """A recommended term as compared for repeats: case, spacing and ё/е ignored."""
    return " ".join(text.casefold().replace("ё", "е").split())


def repeated_terms(df, name: str) -> list[Problem]:
    """A term whose recommended wording (in any language) is another row's, under a new id."""
    problems = []
    for lang in LANGUAGES:
        first: dict[str, tuple[str, int]] = {}
        for line, row in df.iterrows():
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
    path = Path(path) if path else glossary_path()
    name = label(path)
    df = read_table(path, COLUMNS, name)
    problems = SCHEMA.problems(df, name) + repeated_terms(df, name)
    if problems:
        raise DataError(problems)
    return tuple(Term(
        id=row["id"], source=row["source"],
        use={lang: row[f"use_{lang}"] for lang in LANGUAGES},
        avoid={lang: tuple(x.strip() for x in row[f"avoid_{lang}"].split(";") if x.strip()) for lang in LANGUAGES},
        why={lang: row[f"why_{lang}"] for lang in LANGUAGES},
    ) for _, row in df.iterrows())

