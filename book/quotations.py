"""Honest quotations: words in quotation marks that the text attributes to a treaty, a report or
an organisation are either that source's official wording in the page's language, or marked
as our translation.

- The registry data/quotations.csv holds the official wording we quote (id, source, lang,
  text, checked: where the wording was verified, from the fact brief). A quotation matches
  when it is a stretch of a registered text in its language; "…" or "..." may stand for
  words left out; «ё»/«е», letter case, spacing and inner quotation marks do not count.
- The marker for our own translation is "(our translation)" in English and «(в нашем
  переводе)», «(наш перевод)» or «в нашем переводе —» in Russian, in the same sentence.
- A quotation is *attributed* when the sentence before it names a source (`sources` in the
  language's book/i18n/<code>.words.toml), a verb of saying, defining or naming or a colon comes
  right before it (`says`), and it is at
  least four words long; shorter quotations are terms ("sexual exploitation"), which
  the term base covers. Section names (a heading of a chapter) and titles are not quotations: a
  quotation right after a document word (report, chapter, «доклад», «глава»…) or before a year in
  brackets is a title.
- `% quote: allow (reason)` above a paragraph exempts it (e.g. a quotation from a source that
  is not a text, like a speaker in a composite case).

Chapters (prose) and the question banks are checked, in the languages whose words for sources,
saying and titles are in their book/i18n/<code>.words.toml (book.check_words); another language's
quotations are not checked until its words are added there (`unchecked_languages`).
"""
from __future__ import annotations

import re
from pathlib import Path

from book.check_words import ENTRIES, words
from book.languages import LANGUAGES, listed
from book.model import DataError, Problem
from book.project import Project
from book.prose import masked, quoted_spans, sources
from book.tables import in_order, is_slug, line_break_rules, read_table, records, repeats, row_problems

COLUMNS = ("id", "source", "lang", "text", "checked")
RULES = [
    ("id", "must be a lowercase slug", lambda row: is_slug(row["id"])),
    ("lang", f"must be {listed()}", lambda row: row["lang"] in LANGUAGES),
    ("text", "empty official text", lambda row: row["text"] != ""),
    ("checked", "say where the wording was checked", lambda row: row["checked"] != ""),
    *line_break_rules(COLUMNS),
]

TITLE_AFTER = re.compile(r"^\s*\(\s*(?:[^()]*\d{4}|\*)")
SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-ZА-ЯЁ«\"“*])")


def load_quotations(path: Path) -> dict[str, list[str]]:
    rows = records(read_table(path, COLUMNS))
    name = "data/quotations.csv"
    problems = in_order(row_problems(name, rows, RULES) + [Problem(name, line, "id", "duplicate id")
                                                           for line in repeats(rows, lambda row: row["id"])])
    if problems:
        raise DataError(problems)
    official: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for _, row in rows:
        official[row["lang"]].append(normal(row["text"]))
    return official


def normal(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("’", "'")
    text = re.sub(r"\{lang-\w+\}`([^`]*)`", r"\1", text)   # {lang-en}`words` counts as the words
    text = re.sub(r"[«»„“”\"*‘]|'(?!\w)|(?<!\w)'", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:")


def is_official(quote: str, texts: list[str]) -> bool:
    parts = [normal(p) for p in re.split(r"…|\.\.\.|\[…\]", quote)]
    parts = [p for p in parts if p]
    for text in texts:
        at = 0
        for part in parts:
            found = text.find(part, at)
            if found < 0:
                break
            at = found + len(part)
        else:
            return bool(parts)
    return False


def attributed_quotes(text: str, lang: str):
    """(quoted text, sentence) for every quotation the sentence attributes to a source."""
    said = words(lang)
    assert said.title_before and said.sources and said.says, f"{lang} is not a checked language"
    plain = masked(text)
    for start, end in quoted_spans(plain, lang):
        inner = text[start + 1:end - 1]
        if len(re.findall(r"\w+", inner)) < 4:
            continue
        sentence_start = 0
        for m in SENTENCE_END.finditer(plain[:start]):
            sentence_start = m.end()
        before = plain[sentence_start:start]
        if said.title_before.search(before.strip()) or TITLE_AFTER.match(plain[end:]):
            continue
        if not said.sources.search(before) or not said.says.search(before):
            continue
        rest = plain[end:]
        stop = SENTENCE_END.search(rest)
        sentence = before + plain[start:end] + (rest[:stop.start() + 1] if stop else rest)
        yield inner, sentence


def checked_languages() -> list[str]:
    """The manual's languages whose quotations are checked: those with every [quotations] entry in
    their book/i18n/<code>.words.toml."""
    return [lang for lang in LANGUAGES if all(getattr(words(lang), entry) is not None
                                              for entry in ENTRIES["quotations"])]


def unchecked_languages() -> list[str]:
    return [lang for lang in LANGUAGES if lang not in checked_languages()]


def headings(root: Path) -> set[str]:
    """Every heading of every chapter: a quotation of one names a section, it quotes no source."""
    found = set()
    for page in Project(root).notebooks.glob("*/*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if m := re.match(r"^#{1,6}\s+(.+?)\s*$", line):
                found.add(normal(m.group(1)))
    return found


def quotation_problems(root: Path) -> list[str]:
    path = Project(root).data_file("quotations.csv")
    if not path.exists():
        return []
    try:
        official = load_quotations(path)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    problems = []
    sections = headings(root)
    for lang in checked_languages():
        for line in sources(root, lang, glossary=False, ui=False):
            if "quote" in line.allow:
                continue
            for quote, sentence in attributed_quotes(line.text, lang):
                # a quotation marked as another language ({lang-en}`…`) is checked against that language
                marked = re.fullmatch(r"\s*\{lang-(\w+)\}`[^`]*`\W*", quote)
                quote_lang = marked.group(1) if marked and marked.group(1) in official else lang
                ours, marker = words(lang).ours, words(lang).marker
                if (is_official(quote, official[quote_lang]) or (ours and ours.search(sentence))
                        or normal(quote) in sections):
                    continue
                short = quote if len(quote) < 70 else quote[:67] + "…"
                problems.append(f"{line.where(root)}: quotation {short!r} is attributed to a source but is "
                                f"neither its official wording in data/quotations.csv nor marked {marker}; "
                                f"quote the official text, mark the translation, or paraphrase without quotation marks")
    return problems
