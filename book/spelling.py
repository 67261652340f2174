"""Spelling: hunspell with each language's Debian dictionary (`hunspell` in its line of
manual_languages in _config.yml: en_GB, ru_RU) checks the prose of every chapter, the question
banks and the glossary, plus a reviewed project word list per language (data/words-<code>.txt).
An unknown word is reported with file and line. A language with no dictionary configured is not
spell-checked, and the check says so (unchecked_languages).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from book.chapters import prose_lines
from book.csvfile import read_records
from book.languages import LANGUAGES, hunspell_dictionary, letters, script
from book.project import Project

SKIP = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|\b[\w.-]+\.(?:org|com|net|int|ru|ua|html)\S*|\{[\w-]+\}|\b[A-Z]{2,}[\w/.-]*")


class SpellingUnavailable(RuntimeError):
    pass


def data_lines(path: Path, lang: str):
    """(line, text) of a data file's cells in `lang` (columns ending in _<lang>), by the line each
    row starts on. Run after the data checks passed (book.checks)."""
    header, records = read_records(path)
    for line, cells in records:
        yield line, " ".join(v for k, v in zip(header, cells) if k.endswith(f"_{lang}"))


def word_pattern(lang: str) -> re.Pattern:
    """A word in the script `lang` is written in (an apostrophe inside, as in "don't", belongs to it)."""
    letter = f"[{letters(script(lang))}]"
    return re.compile(f"{letter}+(?:'{letter}+)?")


def words(text: str, lang: str) -> list[str]:
    """The words of `text` in `lang`'s script (words in another script belong to another language)."""
    text = SKIP.sub(" ", text)
    return [w for w in word_pattern(lang).findall(text) if len(w) > 1]


def dictionaries() -> dict[str, str]:
    """{language: its hunspell dictionary} for the languages that have one."""
    return {lang: name for lang in LANGUAGES if (name := hunspell_dictionary(lang))}


def unchecked_languages() -> list[str]:
    """The languages with no hunspell dictionary configured: their spelling is not checked."""
    return [lang for lang in LANGUAGES if not hunspell_dictionary(lang)]


def unknown(candidates: set[str], lang: str) -> set[str]:
    dictionary = hunspell_dictionary(lang)
    if dictionary is None:
        raise ValueError(f"{lang} has no hunspell dictionary (unchecked_languages): its words are not checked")
    if not shutil.which("hunspell"):
        raise SpellingUnavailable(f"hunspell is not installed (Debian: apt-get install hunspell and the "
                                  f"dictionaries {', '.join(dictionaries().values())})")
    if not candidates:
        return set()
    result = subprocess.run(["hunspell", "-d", dictionary, "-l"], input="\n".join(sorted(candidates)),
                            capture_output=True, text=True)
    if result.returncode != 0 or "Can't open" in result.stderr:
        raise SpellingUnavailable(f"hunspell has no dictionary {dictionary!r} for {lang} (manual_languages in "
                                  f"_config.yml; Debian's hunspell-* packages install them): {result.stderr.strip()}")
    return set(result.stdout.split())


def word_list(root: Path, lang: str) -> set[str]:
    path = Project(root).data_file(f"words-{lang}.txt")
    if not path.exists():
        return set()
    return {w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}


def sources(root: Path, lang: str):
    for page in sorted(Project(root).chapters(lang).glob("*.md")):
        yield page, list(prose_lines(page))
    for data in [*sorted(Project(root).questions.glob("*.csv")), Project(root).glossary]:
        if data.exists():
            yield data, list(data_lines(data, lang))


def spelling_problems(root: Path) -> list[str]:
    problems = []
    for lang in dictionaries():
        found: dict[str, list[tuple[Path, int]]] = {}
        for path, lines in sources(root, lang):
            for number, text in lines:
                for w in words(text, lang):
                    found.setdefault(w, []).append((path, number))
        allowed = word_list(root, lang)
        bad = {w for w in unknown(set(found), lang) if w not in allowed and w.lower() not in allowed}
        for w in sorted(bad):
            path, number = found[w][0]
            more = f" (and {len(found[w]) - 1} more)" if len(found[w]) > 1 else ""
            problems.append(f"{path.relative_to(root)}, line {number}: unknown {lang} word {w!r}{more}")
    return problems
