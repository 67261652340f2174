"""The glossary (data/glossary.csv): recommended terms, terms to avoid and why, in every
language, validated like the question banks and shown as a table in each language."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from book.bank import PROJECT_ROOT
from book.i18n import t
from book.languages import LANGUAGES, check_language
from book.tables import (SLUG, DataError, RowSchema, Rule, blank_in_every_language, label, line_break_rules,
                         plain_text_rules, read_table, translation_rules)

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
    *plain_text_rules(TEXT_COLUMNS),
    *line_break_rules(COLUMNS),
]
SCHEMA = RowSchema(COLUMNS, RULES)


@dataclass(frozen=True)
class Term:
    id: str
    use: dict[str, str]
    avoid: dict[str, tuple[str, ...]]
    why: dict[str, str]
    source: str


def glossary_path() -> Path:
    from book.bank import questions_dir
    return questions_dir().parent / "glossary.csv"


def load_glossary(path: Path | None = None) -> tuple[Term, ...]:
    path = Path(path) if path else glossary_path()
    name = label(path)
    df = read_table(path, COLUMNS, name)
    problems = SCHEMA.problems(df, name)
    if problems:
        raise DataError(problems)
    return tuple(Term(
        id=row["id"], source=row["source"],
        use={lang: row[f"use_{lang}"] for lang in LANGUAGES},
        avoid={lang: tuple(x.strip() for x in row[f"avoid_{lang}"].split(";") if x.strip()) for lang in LANGUAGES},
        why={lang: row[f"why_{lang}"] for lang in LANGUAGES},
    ) for _, row in df.iterrows())


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


class Glossary:
    """glossary(): the table in a notebook (HTML, live and in the book)."""

    def __init__(self, lang: str, path: Path | None = None):
        self.lang = check_language(lang)
        self.terms = load_glossary(path)

    def _repr_html_(self) -> str:
        return render_glossary(self.terms, self.lang)

    def __repr__(self) -> str:
        return f"<glossary ({self.lang}), {len(self.terms)} terms>"
