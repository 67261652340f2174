"""The words the checks read in each language's text: book/i18n/<code>.words.toml.

A language's words that name a source, introduce a quotation or mark our own translation
(book.quotations), that say "all of the above" or make an option absolute, its stop words
(book.cues), and the quotation marks it pairs besides English ones (book.prose). A language
without the file, or without one of its entries, is not measured by the checks that need that
entry, and they say so: adding a language needs no code.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from book import LanguageConfigError


@dataclass(frozen=True)
class Words:
    quotation_marks: tuple[tuple[str, str], ...] = ()  # (opening, closing) pairs, English ones aside
    sources: re.Pattern[str] | None = None              # book.quotations
    title_before: re.Pattern[str] | None = None
    says: re.Pattern[str] | None = None
    ours: re.Pattern[str] | None = None
    marker: str | None = None
    all_or_none: re.Pattern[str] | None = None          # book.cues
    absolute: re.Pattern[str] | None = None
    stop_words: frozenset[str] | None = None


# {table: {entry: the flags its pattern is compiled with, or the type of a plain entry}}
ENTRIES: dict[str, dict[str, int | type]] = {
    "quotations": {"sources": 0, "title_before": re.I, "says": re.I, "ours": re.I, "marker": str},
    "cues": {"all_or_none": re.I, "absolute": re.I, "stop_words": frozenset},
}


def line_of(text: str, table: str, entry: str) -> int:
    """The line of `entry` in `table` ("" for the top, where an entry may be a [table] of its
    own), for messages; 1 when it cannot be found."""
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        if heading := re.match(r"\s*\[([^\]]+)\]", line):
            current = heading.group(1).strip()
            if not table and current == entry:
                return number
        elif current == table and re.match(rf"\s*{re.escape(entry)}\s*=", line):
            return number
    return 1


@cache
def words(lang: str) -> Words:
    """`lang`'s words, or no words (every entry None) when it has no file."""
    name = f"{lang}.words.toml"
    file = resources.files("book").joinpath("i18n", name)
    if not file.is_file():
        return Words()
    return parse(file.read_text(encoding="utf-8"), f"book/i18n/{name}")


def parse(text: str, where: str) -> Words:
    """The words in `text`, the file `where`; a LanguageConfigError names its line and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line N, column M)"
        raise LanguageConfigError(f"{where}: not valid TOML: {exc}") from None

    def fail(table: str, entry: str, message: str) -> LanguageConfigError:
        field = f"{table}.{entry}" if table else entry
        return LanguageConfigError(f"{where}, line {line_of(text, table, entry)}, field {field}: {message}")

    found: dict[str, object] = {}
    marks = data.pop("quotation_marks", [])
    if not isinstance(marks, list) or not all(isinstance(m, str) and len(m) == 2 for m in marks):
        raise fail("", "quotation_marks", 'must be a list of opening and closing marks, e.g. ["«»"]')
    found["quotation_marks"] = tuple((m[0], m[1]) for m in marks)
    for table, values in data.items():
        if table not in ENTRIES or not isinstance(values, dict):
            tables = ", ".join(f"[{t}]" for t in ENTRIES)
            raise fail("", table, f"unknown entry; the file has quotation_marks, {tables}")
        for entry, value in values.items():
            kind = ENTRIES[table].get(entry)
            if kind is None:
                raise fail(table, entry, f"unknown entry; [{table}] has {', '.join(ENTRIES[table])}")
            if not isinstance(value, str) or not value.strip():
                raise fail(table, entry, "must be a non-empty string")
            if kind is str:
                found[entry] = value
            elif kind is frozenset:
                found[entry] = frozenset(value.split())
            else:
                try:
                    found[entry] = re.compile(value, kind)  # type: ignore[arg-type]
                except re.error as exc:
                    raise fail(table, entry, f"not a valid pattern: {exc}") from None
    return Words(**found)  # type: ignore[arg-type]
