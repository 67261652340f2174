"""The term base (data/terms.csv): one row per concept, the term the manual uses for it in
each language, the variants to avoid and why. `./manual check` fails on an avoided variant
in a chapter's prose, a question bank or the glossary, with file, line and the preferred term.

Columns:
- id: a slug; glossary: the id of the same concept in data/glossary.csv, if it has one.
- use_en, use_ru: the preferred term (shown in the error).
- avoid_en, avoid_ru: the variants to avoid, as regular expressions separated by ';'
  (case-insensitive, whole words; write stems so every inflected form is caught:
  `изъяти\\w* документ\\w*`).
- except_en, except_ru: contexts (regular expressions, ';'-separated) where a match is fine,
  e.g. a legal name: a match lying inside one of them is not reported.
- judgement_en, judgement_ru: the glossary's avoid terms that depend on context ("trafficking,
  as a word for all sex work") and so are left to the editor, not to a pattern.
- why: the reason, for the editor.

A language's four columns come together: a language of the manual with none of them has no term
base yet, and is not checked against one (`term_languages` says which are).

A variant is not reported where the text talks about the word rather than uses it: inside
quotation marks (someone's words, or the word itself: «проститутка»), inside inline code or
a role, in a bank or glossary cell that is nothing but the word (a quiz option asking about
it), or in a paragraph after the comment line `% terms: allow ID` (chapters only).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from book.languages import LANGUAGES
from book.model import DataError, Problem
from book.project import Project
from book.prose import inside, masked, quoted_spans, sources
from book.tables import Rule, in_order, is_slug, line_break_rules, read_table, records, repeats, row_problems

FIELDS = ("use", "avoid", "except", "judgement")


def columns(langs=LANGUAGES) -> tuple[str, ...]:
    return ("id", "glossary", *(f"{f}_{lang}" for f in FIELDS for lang in langs), "why")


COLUMNS = columns()


def term_languages(path: Path) -> tuple[str, ...]:
    """The manual's languages with columns in the term base (any of their four names the language)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), [])
    return tuple(lang for lang in LANGUAGES if any(f"{f}_{lang}" in header for f in FIELDS))


def _valid_patterns(cell: str) -> bool:
    try:
        for part in split(cell):
            re.compile(part)
    except re.error:
        return False
    return True


def rules(langs=LANGUAGES) -> list[Rule]:
    return [
        ("id", "must be a lowercase slug like 'document-retention'", lambda row: is_slug(row["id"])),
        ("glossary", "must be empty or a glossary id (a lowercase slug)",
         lambda row: row["glossary"] == "" or is_slug(row["glossary"])),
        ("why", "every row says why", lambda row: row["why"] != ""),
        *[(f"use_{lang}", "empty preferred term: a row with something to avoid needs one",
           lambda row, lang=lang: row[f"use_{lang}"] != "" or row[f"avoid_{lang}"] == "") for lang in langs],
        *[(f"{f}_{lang}", "not a valid regular expression", lambda row, c=f"{f}_{lang}": _valid_patterns(row[c]))
          for f in ("avoid", "except") for lang in langs],
        *line_break_rules(columns(langs)),
    ]


RULES = rules()


def split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def _words(pattern: str) -> re.Pattern:
    # whole words: no letter may touch the match on either side; spaces match any run of spaces
    spaced = pattern.replace(" ", r"\s+")
    return re.compile(r"(?<![\w-])(?:" + spaced + r")(?![\w])", re.I)


@dataclass(frozen=True)
class Concept:
    id: str
    glossary: str
    use: dict[str, str]
    avoid: dict[str, tuple[re.Pattern, ...]]
    allowed: dict[str, tuple[re.Pattern, ...]]
    judgement: dict[str, tuple[str, ...]]
    why: str


def load_terms(path: Path) -> tuple[Concept, ...]:
    """The concepts, with the languages the file has columns for (term_languages)."""
    langs = term_languages(path)
    rows = records(read_table(path, columns(langs)))
    name = Path(path).name if not Path(path).is_absolute() else str(path)
    problems = in_order(row_problems(name, rows, rules(langs)) + [Problem(name, line, "id", "duplicate id")
                                                                  for line in repeats(rows, lambda row: row["id"])])
    if problems:
        raise DataError(problems)
    return tuple(Concept(
        id=row["id"], glossary=row["glossary"], why=row["why"],
        use={lang: row[f"use_{lang}"] for lang in langs},
        avoid={lang: tuple(_words(p) for p in split(row[f"avoid_{lang}"])) for lang in langs},
        allowed={lang: tuple(_words(p) for p in split(row[f"except_{lang}"])) for lang in langs},
        judgement={lang: tuple(split(row[f"judgement_{lang}"])) for lang in langs},
    ) for _, row in rows)


def avoided(text: str, lang: str, concepts, allow: set[str] | frozenset[str] = frozenset(), cell: bool = False):
    """(concept, matched text) for every avoided variant used (not mentioned) in `text`; in a
    data cell (`cell`), a cell that is nothing but the word mentions it."""
    plain = masked(text)
    if cell and any(p.fullmatch(plain.strip(" .")) for c in concepts for p in c.avoid[lang]):
        return
    quotes = quoted_spans(plain, lang)
    for concept in concepts:
        if concept.id in allow or "*" in allow:
            continue
        fine = [m.span() for p in concept.allowed[lang] for m in p.finditer(plain)]
        seen = set()
        for pattern in concept.avoid[lang]:
            for m in pattern.finditer(plain):
                if (m.start() in seen or inside(m.start(), quotes)
                        or any(a <= m.start() and m.end() <= b for a, b in fine)):
                    continue
                seen.add(m.start())
                yield concept, m.group(0)


def term_problems(root: Path) -> list[str]:
    path = Project(root).data_file("terms.csv")
    if not path.exists():
        return []
    try:
        concepts = load_terms(path)
    except DataError as exc:
        return [f"data/{p}" if not str(p).startswith("data/") else str(p) for p in exc.problems]
    problems = []
    for lang in term_languages(path):
        patterns = [p.pattern for c in concepts for p in c.avoid[lang]]
        if not patterns:
            continue
        anything = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)  # skip lines with no candidate
        for line in sources(root, lang):
            if not anything.search(line.text):
                continue
            for concept, found in avoided(line.text, lang, concepts, line.allow.get("terms", set()), line.cell):
                problems.append(f"{line.where(root)}: {found!r}: use {concept.use[lang]!r} "
                                f"(term base: {concept.id}); if the text discusses the word itself, put it "
                                f"in quotation marks or add '% terms: allow {concept.id}' above the paragraph")
    return problems


def glossary_conflicts(concepts, glossary) -> list[str]:
    """Where the glossary page and the term base disagree: the glossary recommends a term the
    term base avoids, a glossary 'avoid' term is neither caught by a pattern nor listed for the
    editor's judgement, or a linked row prefers a term the glossary does not recommend."""
    problems = []
    by_glossary = {c.glossary: c for c in concepts if c.glossary}
    for term in glossary:
        concept = by_glossary.get(term.id)
        if concept is None:
            problems.append(f"glossary term {term.id!r} has no row in data/terms.csv")
            continue
        for lang in concept.use:   # the languages the term base has
            for other, found in avoided(term.use[lang], lang, concepts):
                problems.append(f"glossary {term.id!r} recommends {term.use[lang]!r}, but the term base "
                                f"row {other.id!r} avoids {found!r} ({lang})")
            if concept.use[lang] and concept.use[lang].lower() not in term.use[lang].lower():
                problems.append(f"term base {concept.id!r} prefers {concept.use[lang]!r}, which glossary "
                                f"{term.id!r} does not recommend ({term.use[lang]!r}, {lang})")
            for word in term.avoid[lang]:
                bare = re.sub(r"\s*\([^)]*\)", "", word).strip()
                caught = any(p.fullmatch(bare) or p.search(bare) for p in concept.avoid[lang])
                if not caught and word not in concept.judgement[lang]:
                    problems.append(f"glossary {term.id!r} says avoid {word!r} ({lang}), but term base row "
                                    f"{concept.id!r} neither catches it nor lists it under judgement_{lang}")
    return problems
