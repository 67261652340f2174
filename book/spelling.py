"""Spelling: hunspell with Debian's English (en_GB) and Russian dictionaries checks the prose of
every chapter, the question banks and the glossary, plus a reviewed project word list per
language (data/words-en.txt, data/words-ru.txt). An unknown word is reported with file and line.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from book.chapters import prose_lines
from book.csvfile import read_records

DICTIONARIES = {"en": "en_GB", "ru": "ru_RU"}
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:'[A-Za-z]+)?|[А-Яа-яЁё]+")
SKIP = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|\b[\w.-]+\.(?:org|com|net|int|ru|ua|html)\S*|\{[\w-]+\}|\b[A-Z]{2,}[\w/.-]*")


class SpellingUnavailable(RuntimeError):
    pass


def data_lines(path: Path, lang: str):
    """(line, text) of a data file's cells in `lang` (columns ending in _<lang>), by the line each
    row starts on. Run after the data checks passed (book.checks)."""
    header, records = read_records(path)
    for line, cells in records:
        yield line, " ".join(v for k, v in zip(header, cells) if k.endswith(f"_{lang}"))


def words(text: str, lang: str) -> list[str]:
    text = SKIP.sub(" ", text)
    latin = lang == "en"
    return [w for w in WORD.findall(text) if (w[0].isascii()) == latin and len(w) > 1]


def unknown(candidates: set[str], lang: str) -> set[str]:
    if not shutil.which("hunspell"):
        raise SpellingUnavailable("hunspell is not installed (Debian: apt-get install hunspell hunspell-en-gb hunspell-ru)")
    if not candidates:
        return set()
    result = subprocess.run(["hunspell", "-d", DICTIONARIES[lang], "-l"], input="\n".join(sorted(candidates)),
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def word_list(root: Path, lang: str) -> set[str]:
    path = root / "data" / f"words-{lang}.txt"
    if not path.exists():
        return set()
    return {w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}


def sources(root: Path, lang: str):
    for page in sorted((root / "notebooks" / lang).glob("*.md")):
        yield page, list(prose_lines(page))
    for data in [*sorted((root / "data" / "questions").glob("*.csv")), root / "data" / "glossary.csv"]:
        if data.exists():
            yield data, list(data_lines(data, lang))


def spelling_problems(root: Path) -> list[str]:
    problems = []
    for lang in DICTIONARIES:
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
