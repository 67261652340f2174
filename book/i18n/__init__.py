"""UI strings: one catalog per language, read by the widget, the HTML renderer and the site.

The catalogs are JSON so the browser runtime gets exactly the same strings (the HTML
renderer embeds the ones it needs in the quiz markup).
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

from book.languages import check_language


@cache
def catalog(lang: str) -> dict[str, str]:
    check_language(lang)
    text = resources.files(__package__).joinpath(f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)


def t(lang: str, key: str, /, **values: object) -> str:
    """The UI string `key` in `lang`, with {placeholders} filled in."""
    try:
        template = catalog(lang)[key]
    except KeyError:
        raise KeyError(f"UI string {key!r} is missing from the {lang} catalog") from None
    return template.format(**values) if values else template
