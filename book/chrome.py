"""Theme chrome in the page's language.

The book theme leaves some of its labels untranslated (its Russian catalog is incomplete, and a
few labels are written into its templates). After a non-English build, every built page has
those labels replaced from book/i18n/theme-<lang>.json: in the attributes people and screen
readers meet (title, aria-label, data-bs-title, placeholder) and as whole text nodes.
"""
from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

ATTRIBUTES = ("title", "aria-label", "data-bs-title", "placeholder")


@cache
def chrome_catalog(lang: str) -> dict[str, str]:
    name = f"theme-{lang}.json"
    folder = resources.files("book.i18n")
    if not folder.joinpath(name).is_file():
        return {}
    return json.loads(folder.joinpath(name).read_text(encoding="utf-8"))


def localise(html: str, catalog: dict[str, str]) -> str:
    if not catalog:
        return html
    attr = re.compile(r'\b(%s)="(%s)"' % ("|".join(ATTRIBUTES), "|".join(re.escape(k) for k in catalog)))
    html = attr.sub(lambda m: f'{m.group(1)}="{escape(catalog[m.group(2)], quote=True)}"', html)
    text = re.compile(r">(\s*)(%s)(\s*)<" % "|".join(re.escape(k) for k in sorted(catalog, key=len, reverse=True)))
    return text.sub(lambda m: f">{m.group(1)}{escape(catalog[m.group(2)], quote=False)}{m.group(3)}<", html)


def localise_site(outdir: Path, lang: str) -> int:
    """Localise every HTML page under `outdir`; return how many changed."""
    catalog = chrome_catalog(lang)
    changed = 0
    for page in Path(outdir).rglob("*.html"):
        before = page.read_text(encoding="utf-8")
        after = localise(before, catalog)
        if after != before:
            page.write_text(after, encoding="utf-8")
            changed += 1
    return changed
