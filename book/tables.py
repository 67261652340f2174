"""Data tables in data/ (question banks, glossary): read as strings, check with a pandera
schema built from row rules, and report every problem as file, row and field.

A rule is (field, message, function of the whole frame -> boolean Series, True where a row is
fine). Rows are numbered as in a spreadsheet: the header is row 1.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd
import pandera.pandas as pa

from book.languages import LANGUAGES
from book.model import DataError, Problem, label, spreadsheet_row  # noqa: F401 (their home is book.model)

Rule = tuple[str, str, Callable[[pd.DataFrame], pd.Series]]
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# Plain-text fields may not carry HTML or Markdown: it would render differently live and offline.
MARKUP = re.compile(r"[<>`]|\*\*|\]\(|(?:^|\s)_\w|^#|^\s*[-*+]\s")




def read_table(path: Path, columns: Sequence[str], name: str | None = None) -> pd.DataFrame:
    """Read a CSV file as stripped strings; DataError for bytes that are not UTF-8 or a wrong header."""
    name = name or label(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(name, line, "*", f"not UTF-8 (byte {raw[exc.start]:#04x} at line {line}); "
                                                 "save the file as UTF-8")]) from None
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError([Problem(name, 1, "*", f"not a readable CSV file: {exc}")]) from None
    header = list(df.columns)
    problems = [Problem(name, 1, col, "missing column") for col in columns if col not in header]
    problems += [Problem(name, 1, col, f"unknown column; expected {', '.join(columns)}")
                 for col in header if col not in columns]
    if not problems and header != list(columns):
        problems.append(Problem(name, 1, "*", f"columns out of order; expected {', '.join(columns)}"))
    if problems:
        raise DataError(problems)
    return df.apply(lambda col: col.str.strip())


class RowSchema:
    """A pandera schema whose checks are the given rules, reporting problems by row and field."""

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
                    found.add(Problem(name, spreadsheet_row(case.index), field, message))
            return sorted(found, key=lambda p: (p.row, p.field))
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
