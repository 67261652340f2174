"""The text the language checks read (terms, quotations, language of parts), and the marks a
writer uses in it.

- Sources: each chapter's prose lines (book.chapters.prose_lines), the cells in a language
  of the question banks and the glossary, and the UI strings (book/i18n/<lang>.json), as (file,
  line, text) with the line the writer edits (a CSV row is one line: line breaks inside cells
  are not allowed).
- Quotation marks: «…» and „…“ in Russian; "…", “…” and '…' in English. A span in quotation
  marks is a mention (a quoted word or someone's words), not our own use of a term.
- Inline code and roles (`…`, {lang-en}`…`) hold code or text in another language: masked.
- Exemptions a writer can see: a MyST comment line `% terms: allow ID[, ID…]` exempts the
  next paragraph (up to a blank line) from those term-base rows; `% lang: allow` exempts the
  next paragraph from the language-of-parts check.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from book.chapters import prose_lines
from book.check_words import words
from book.project import Project

CODE = re.compile(r"(\{[\w-]+\})?`[^`]*`")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>")
DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:")
ALLOW = re.compile(r"^%\s*(terms|lang|quote)\s*:\s*allow\b\s*(.*)$")
# Straight single quotes: opening after a non-letter, closing before a non-letter (not apostrophes).
EN_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<![\w’'])'(?=\S)(?:[^']|'(?=\w))*?(?<=[\w.!?,)…])'(?!\w)")


@dataclass
class Line:
    path: Path
    number: int
    text: str
    allow: dict[str, set[str]] = field(default_factory=dict)   # kind -> ids ('*' for all)
    table: bool = False
    cell: bool = False       # a data cell: a cell that is only the word mentions it (a quiz option)

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root)}, line {self.number}"


def chapter_lines(path: Path) -> list[Line]:
    """The prose lines of a chapter, with the exemptions that apply to each."""
    lines: list[Line] = []
    allow: dict[str, set[str]] = {}
    for number, text in prose_lines(path):
        if m := ALLOW.match(text.strip()):
            # ids before any parenthesised reason: "% terms: allow forced-sex-work (why)"
            ids = set(re.findall(r"[\w-]+", m.group(2).split("(")[0])) or {"*"}
            allow.setdefault(m.group(1), set()).update(ids)
            continue
        if not text.strip():
            allow = {}
            continue
        if text.lstrip().startswith("%") or DIRECTIVE_OPTION.match(text) or text.lstrip().startswith("+++"):
            continue
        lines.append(Line(path, number, text, {k: set(v) for k, v in allow.items()},
                          table=text.lstrip().startswith("|")))
    return lines


def data_lines(path: Path, lang: str, columns: tuple[str, ...] | None = None) -> list[Line]:
    """The cells in `lang` of a data file (columns ending in _<lang>, or the given fields), one
    Line per cell, numbered by the file's line (a row is one line)."""
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), 2):
            out += [Line(path, number, v, cell=True) for k, v in row.items()
                    if v and k and k.endswith(f"_{lang}") and (columns is None or k.rsplit("_", 1)[0] in columns)]
    return out


def ui_lines(path: Path) -> list[Line]:
    """The strings of a UI catalog (book/i18n/<lang>.json), one Line per "key": "value" line."""
    out = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := re.match(r'\s*"[^"]+"\s*:\s*"(.*)",?\s*$', text):
            out.append(Line(path, number, m.group(1).replace('\\"', '"'), cell=True))
    return out


def sources(root: Path, lang: str, chapters: bool = True, banks: bool = True, glossary: bool = True,
            ui: bool = True):
    """Every Line in `lang` the language checks read."""
    if chapters:
        for page in sorted(Project(root).chapters(lang).glob("*.md")):
            yield from chapter_lines(page)
    if banks:
        for bank in sorted(Project(root).questions.glob("*.csv")):
            yield from data_lines(bank, lang)
    if ui and (root / "book" / "i18n" / f"{lang}.json").exists():
        yield from ui_lines(root / "book" / "i18n" / f"{lang}.json")
    if glossary and Project(root).glossary.exists():
        # the 'avoid' column lists the words to avoid: it mentions them, it does not use them
        yield from data_lines(Project(root).glossary, lang, ("use", "why"))


def masked(text: str) -> str:
    """Text with inline code, roles and link targets blanked out (same length, so offsets hold)."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    return LINK_TARGET.sub(blank, CODE.sub(blank, text))


def quoted_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost span in quotation marks, marks included: the language's own
    pairs first («…», „…“ in Russian: its book/i18n/<code>.words.toml), each of which may nest,
    then English marks, which quote English titles and quotations in any language."""
    spans: list[tuple[int, int]] = []

    def add(found: list[tuple[int, int]]) -> None:
        spans.extend(span for span in found if not inside(span[0], spans))

    for opening, closing in words(lang).quotation_marks:
        found, depth, start = [], 0, 0
        for i, ch in enumerate(text):
            if ch == opening:
                if depth == 0:
                    start = i
                depth += 1
            elif ch == closing and depth:
                depth -= 1
                if depth == 0:
                    found.append((start, i + 1))
        add(found)
    add([m.span() for m in EN_QUOTES.finditer(text)])
    return sorted(spans)


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)
