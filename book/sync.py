"""Translations that stay in step: each translated page records the version (a hash) of its
source (the first of manual_languages, English) it was last synced with; a check flags pages
whose source has changed since.

    python -m book sync --check          list stale translations (also part of `python -m book check`)
    python -m book sync PAGE [PAGE ...]  after reviewing the translation, mark it synced
    python -m book sync --all            mark every page synced (only after reviewing them all)

With more than one translation, --lang CODE says which one was reviewed.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

from book.chapters import page_path, toc_pages
from book.languages import LANGUAGES, SOURCE, check_language
from book.project import Project

TRANSLATIONS = LANGUAGES[1:]
COLUMNS = ("page", "lang", "source_sha256", "synced_on")


def sync_file(root: Path) -> Path:
    return Project(root).data_file("translation-sync.csv")


def content_digest(text: str) -> str:
    """A digest of what a page says: each cell's kind, text and tags, read as jupytext reads it.
    How metadata is written (YAML or JSON, slide types, the kernelspec, blank lines at cell
    breaks) is not content, so reformatting a chapter does not make its translation stale."""
    import json

    import jupytext
    nb = jupytext.reads(text, fmt="md:myst")
    cells = [[c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))] for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()[:16]


def source_hash(root: Path, page: str) -> str:
    return content_digest(page_path(root, SOURCE, page).read_text(encoding="utf-8"))


def records(root: Path) -> dict[tuple[str, str], dict]:
    path = sync_file(root)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["page"], r["lang"]): r for r in csv.DictReader(f)}


def stale(root: Path) -> list[str]:
    """One line per translated page whose English source changed since it was last synced."""
    known = records(root)
    out = []
    for page in toc_pages(root):
        if not page_path(root, SOURCE, page).exists():
            continue
        for lang in TRANSLATIONS:
            row = known.get((page, lang))
            if row is None:
                out.append(f"notebooks/{lang}/{page}.md: never marked as synced with notebooks/{SOURCE}/{page}.md "
                           f"(after review: python -m book sync {page})")
            elif row["source_sha256"] != source_hash(root, page):
                out.append(f"notebooks/{lang}/{page}.md: notebooks/{SOURCE}/{page}.md changed since it was synced "
                           f"on {row['synced_on']}; update the translation, then: python -m book sync {page}")
    return out


def translation(lang: str | None) -> str:
    """The translation a sync is about: `lang`, or the only one there is."""
    if lang is None:
        if len(TRANSLATIONS) != 1:
            raise ValueError(f"say which translation was reviewed: --lang {' or --lang '.join(TRANSLATIONS)}")
        return TRANSLATIONS[0]
    if check_language(lang) == SOURCE:
        raise ValueError(f"{lang} is the source the translations are synced with, not a translation")
    return lang


def mark_synced(root: Path, pages: list[str], lang: str | None = None, today: dt.date | None = None) -> None:
    lang = translation(lang)
    known = records(root)
    day = (today or dt.date.today()).isoformat()
    for page in pages:
        if page not in toc_pages(root):
            raise ValueError(f"no page {page!r} in _toc.yml")
        known[(page, lang)] = {"page": page, "lang": lang, "source_sha256": source_hash(root, page), "synced_on": day}
    with sync_file(root).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(known.values(), key=lambda r: (r["lang"], r["page"])))
