"""Links: every internal link and anchor of the built site resolves; external addresses live in
one file (data/external-links.csv) with the date each was last checked.

    python -m book links      check the external addresses (needs a network; says so if there is none)
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import socket
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from book.chapters import prose_lines
from book.project import Project

HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"', re.I)
ID = re.compile(r'\sid="([^"]+)"')
ADDRESS = re.compile(r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|int|ru|ua|info)(?:/[^\s)\"'«»<>]*)?",
                     re.I)


def internal_link_problems(site: Path) -> list[str]:
    """Every relative link in the built site points at a file that exists, and at an id in it."""
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(ID.findall(page.read_text(encoding="utf-8"))) if page.suffix == ".html" else set()
        return ids[page]

    problems = []
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.parts:
            continue
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            where = page.relative_to(site)
            if not target.exists():
                problems.append(f"{where}: link to {href}: no such file")
            elif parts.fragment and parts.fragment not in ids_of(target):
                problems.append(f"{where}: link to {href}: no anchor #{parts.fragment}")
    return problems


def external_file(root: Path) -> Path:
    return Project(root).data_file("external-links.csv")


def prose_addresses(root: Path) -> set[str]:
    """Web addresses written in the chapters' prose (code cells are not prose)."""
    return {a.rstrip(".,;:") for page in Project(root).notebooks.glob("*/*.md")
            for _, line in prose_lines(page) for a in ADDRESS.findall(line)}


def listed(root: Path) -> list[dict]:
    with external_file(root).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_external(root: Path, timeout: float = 8.0, log=print) -> int:
    """Check each listed address; write today's date for those that answer. Returns how many failed."""
    rows = listed(root)
    try:
        socket.getaddrinfo(urlsplit(rows[0]["url"]).hostname, 443)
    except (OSError, IndexError):
        log("skipped: no network here, so the external links were not checked "
            "(data/external-links.csv keeps the date each was last checked)")
        return 0
    failed = 0
    for row in rows:
        try:
            request = urllib.request.Request(row["url"], method="HEAD", headers={"User-Agent": "link-check"})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                log(f"ok {response.status}: {row['url']}")
                row["last_checked"] = dt.date.today().isoformat()
        except (urllib.error.URLError, OSError) as exc:
            failed += 1
            log(f"FAILED: {row['url']}: {exc}")
    with external_file(root).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return failed
