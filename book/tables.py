"""Data tables in data/ (question banks, glossary): read as strings, check with a pandera
schema built from row rules, and report every problem as file, line and field.

A rule is (field, message, function of the whole frame -> boolean Series, True where a row is
fine). Rows are named by the line they start on in the file (the header is line 1; blank lines count).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd
import pandera.pandas as pa

from book.languages import LANGUAGES
from book.csvfile import read_records
from book.model import DataError, Problem, label  # noqa: F401 (their home is book.model)

Rule = tuple[str, str, Callable[[pd.DataFrame], pd.Series]]
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# Plain-text fields may not carry HTML or Markdown: it would render differently live and offline.
MARKUP = re.compile(r"[<>`]|\*\*|\]\(|(?:^|\s)_\w|^#|^\s*[-*+]\s")
# Characters no cell needs and that hide text or reorder it on screen: NUL and other control
# characters, zero-width characters, bidirectional overrides, embeddings, isolates and marks,
# and a byte-order mark inside the text (one at the very start of the file is fine).
INVISIBLE_NAMES = {
    "\u0000": "NUL", "\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner", "\u2060": "word joiner", "\ufeff": "byte-order mark",
    "\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u061c": "Arabic letter mark",
    "\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting", "\u202d": "left-to-right override",
    "\u202e": "right-to-left override", "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate", "\u2069": "pop directional isolate",
}
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + "".join(INVISIBLE_NAMES) + "]")
# Script detection: a field mostly in the other language's alphabet was put in the wrong column
# (or the columns were swapped). Names and titles quoted in the other alphabet stay well below.
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
OTHER_SCRIPT = {"en": (CYRILLIC, "Cyrillic", "Russian", 0.4), "ru": (LATIN, "Latin", "English", 0.6)}




def read_table(path: Path, columns: Sequence[str], name: str | None = None) -> pd.DataFrame:
    """Read a CSV file as stripped strings indexed by the line each row starts on; DataError for
    bytes that are not UTF-8, a quote left open, a malformed row, a wrong header, or invisible
    characters in a cell."""
    name = name or label(path)
    header, records = read_records(path, name)
    problems = [Problem(name, 1, col, "missing column") for col in columns if col not in header]
    problems += [Problem(name, 1, col, f"unknown column; expected {', '.join(columns)}")
                 for col in header if col not in columns]
    if not problems and header != list(columns):
        problems.append(Problem(name, 1, "*", f"columns out of order; expected {', '.join(columns)}"))
    problems += [Problem(name, line, col, invisible_message(cell))
                 for line, cells in records for col, cell in zip(header, cells) if INVISIBLE.search(cell)]
    if problems:
        raise DataError(problems)
    df = pd.DataFrame([cells for _, cells in records], columns=header,
                      index=pd.Index([line for line, _ in records], dtype="int64"), dtype=str)
    return df.apply(lambda col: col.str.strip())


def invisible_message(text: str) -> str:
    char = INVISIBLE.search(text).group()
    return (f"invisible or control character U+{ord(char):04X} ({INVISIBLE_NAMES.get(char, 'control character')}) "
            f"at position {text.index(char) + 1}: delete it")


class RowSchema:
    """A pandera schema whose checks are the given rules, reporting problems by line and field."""

    def __init__(self, columns: Sequence[str], rules: list[Rule]):
        self.rules = rules
        self.schema = pa.DataFrameSchema(
            {col: pa.Column(str, nullable=False) for col in columns},
            checks=[pa.Check(fn, error=f"rule-{i}") for i, (_, _, fn) in enumerate(rules)],
            strict=True, ordered=True)

    def problems(self, df: pd.DataFrame, name: str) -> list[Problem]:
        try:
            self.schema.validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            found = set()
            for case in exc.failure_cases.itertuples():
                check = str(case.check)
                if not check.startswith("rule-"):
                    found.add(Problem(name, 1, str(case.column), check))
                elif case.index is not None and not pd.isna(case.index):
                    field, message, _ = self.rules[int(check.removeprefix("rule-"))]
                    found.add(Problem(name, int(case.index), field, message))
            return sorted(found, key=lambda p: (p.line, p.field))
        return []


# --- rules every table shares ------------------------------------------------------------------

def line_break_rules(columns: Sequence[str]) -> list[Rule]:
    return [(col, "line break inside a cell: keep every cell on one line",
             lambda df, col=col: ~df[col].str.contains(r"[\r\n]")) for col in columns]


def plain_text_rules(columns: Sequence[str]) -> list[Rule]:
    return [(col, "plain text only: no HTML or Markdown markup",
             lambda df, col=col: ~df[col].str.contains(MARKUP)) for col in columns]


def translation_rules(fields: Sequence[str]) -> list[Rule]:
    """A field filled in one language must be filled in every language."""
    rules = []
    for field in fields:
        for lang in LANGUAGES:
            col = f"{field}_{lang}"
            others = [f"{field}_{o}" for o in LANGUAGES if o != lang]
            rules.append((col, "missing translation",
                          lambda df, col=col, others=others: ~((df[col] == "") & (df[others] != "").any(axis=1))))
    return rules


def blank_in_every_language(df: pd.DataFrame, field: str) -> pd.Series:
    return (df[[f"{field}_{lang}" for lang in LANGUAGES]] == "").all(axis=1)


def script_rules(columns: Sequence[str]) -> list[Rule]:
    """A field in one language whose letters are mostly in the other language's alphabet."""
    rules = []
    for col in columns:
        pattern, alphabet, language, share = OTHER_SCRIPT[col.rsplit("_", 1)[1]]
        rules.append((col, f"looks like {language} text: more than {share:.0%} of its letters are {alphabet} "
                           f"(names and titles in the other alphabet are fine, whole sentences are not)",
                      lambda df, col=col, pattern=pattern, share=share: ~df[col].map(
                          lambda text: _mostly(text, pattern, share)).astype(bool)))
    return rules


def _mostly(text: str, pattern: re.Pattern, share: float) -> bool:
    other = len(pattern.findall(text))
    letters = len(LATIN.findall(text)) + len(CYRILLIC.findall(text))
    return other >= 8 and other > share * letters
