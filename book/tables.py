"""Data tables in data/ (question banks, glossary, term base, quotations): read with pandas as
stripped strings, one row per record, indexed by the line each row starts on (the header is line
1; blank lines count), then checked by plain rules that report every problem as file, line and
field.

A rule is (field, message, function of one row -> True where the row is fine); rules that need
more than one row (duplicates, a question and its options) are plain loops in their modules.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from book.csvfile import read_records
from book.languages import LANGUAGES, ForeignScript, foreign_scripts
from book.model import DataError, Problem, label  # noqa: F401 (their home is book.model)

Row = dict[str, str]  # a record's stripped cells by column
Rule = tuple[str, str, Callable[[Row], bool]]  # field, message, True where the row is fine
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Plain-text fields may not carry HTML or Markdown: it would render differently live and offline.
# Anywhere: a tag's brackets, code, bold, a link, emphasis opening a word; at the start: emphasis,
# a heading, a list item.
MARKUP = re.compile(r"[<>`]|\*\*|\]\(|\s_\w")
MARKUP_AT_START = re.compile(r"_\w|#|\s*[-*+]\s")
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
# Script detection: a field mostly in another language's alphabet was put in the wrong column
# (or the columns were swapped). Names and titles quoted in the other alphabet stay well below.
# Which alphabets, and how much of one is too much: book.languages.foreign_scripts.
LETTER = re.compile(r"[^\W\d_]")


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
    found = INVISIBLE.search(text)
    assert found, "called for a cell with an invisible character"
    char = found.group()
    return (f"invisible or control character U+{ord(char):04X} ({INVISIBLE_NAMES.get(char, 'control character')}) "
            f"at position {text.index(char) + 1}: delete it")


def records(df: pd.DataFrame) -> list[tuple[int, Row]]:
    """(line, row) for every row of a table read by read_table, in file order."""
    return [(int(line), row) for line, row in df.to_dict("index").items()]


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def has_markup(text: str) -> bool:
    return MARKUP.search(text) is not None or MARKUP_AT_START.match(text) is not None


def row_problems(name: str, rows: Iterable[tuple[int, Row]], rules: Sequence[Rule]) -> list[Problem]:
    """Every (line, field) where a row breaks a rule."""
    return [Problem(name, line, field, message)
            for line, row in rows for field, message, fine in rules if not fine(row)]


def repeats(rows: Iterable[tuple[int, Row]], key: Callable[[Row], object]) -> list[int]:
    """The lines of rows whose key an earlier row already had."""
    seen: set = set()
    found = []
    for line, row in rows:
        value = key(row)
        if value in seen:
            found.append(line)
        seen.add(value)
    return found


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without repeats, by line and field."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.line, p.field))


# --- rules every table shares ------------------------------------------------------------------

def cell_rule(column: str, message: str, fine: Callable[[str], bool]) -> Rule:
    """A rule about one column's cell alone."""
    return (column, message, lambda row: fine(row[column]))


def line_break_rules(columns: Sequence[str]) -> list[Rule]:
    return [cell_rule(col, "line break inside a cell: keep every cell on one line",
                      lambda text: "\n" not in text and "\r" not in text) for col in columns]


def plain_text_rules(columns: Sequence[str]) -> list[Rule]:
    return [cell_rule(col, "plain text only: no HTML or Markdown markup", lambda text: not has_markup(text))
            for col in columns]


def translation_rules(fields: Sequence[str]) -> list[Rule]:
    """A field filled in one language must be filled in every language."""
    return [_translated(field, lang) for field in fields for lang in LANGUAGES]


def _translated(field: str, lang: str) -> Rule:
    column = f"{field}_{lang}"
    return (column, "missing translation", lambda row: row[column] != "" or blank_in_every_language(row, field))


def blank_in_every_language(row: Row, field: str) -> bool:
    return all(row[f"{field}_{lang}"] == "" for lang in LANGUAGES)


def script_rules(columns: Sequence[str]) -> list[Rule]:
    """A field in one language whose letters are mostly in another language's alphabet."""
    return [_in_its_own_script(col, foreign)
            for col in columns for foreign in foreign_scripts(col.rsplit("_", 1)[1])]


def _in_its_own_script(column: str, foreign: ForeignScript) -> Rule:
    return cell_rule(column, f"looks like {foreign.language} text: more than {foreign.share:.0%} of its letters are "
                             f"{foreign.name} (names and titles in the other alphabet are fine, "
                             f"whole sentences are not)",
                     lambda text: not _mostly(text, foreign.letters, foreign.share))


def _mostly(text: str, pattern: re.Pattern, share: float) -> bool:
    other = len(pattern.findall(text))
    letters = len(LETTER.findall(text))
    return other >= 8 and other > share * letters
