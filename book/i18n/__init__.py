"""UI strings: one catalog per language (book/i18n/<code>.json), read by the widget, the HTML
renderer and the site: every string the chrome and the quizzes show, the book's title and byline
(manual_title, manual_author), and the letters that label options in order (`letters`: a
language's own alphabet, e.g. Russian's without Ё, Й, Ъ, Ы, Ь).

The catalogs are JSON so the browser runtime gets exactly the same strings (the HTML
renderer embeds the ones it needs in the quiz markup). Every catalog has the first language's
keys, no more and no fewer (`catalog_problems`, part of `./manual check`).
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

from book.languages import LANGUAGES, check_language


@cache
def catalog(lang: str) -> dict[str, str]:
    check_language(lang)
    text = resources.files(__package__).joinpath(f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)


def catalog_problems() -> list[str]:
    """Every language has a catalog with the first language's keys, each a string that is not
    blank, and option letters (`letters`) in one script with none repeated."""
    problems: list[str] = []
    found: dict[str, dict] = {}
    for lang in LANGUAGES:
        where = f"book/i18n/{lang}.json"
        try:
            found[lang] = catalog(lang)
        except FileNotFoundError:
            problems.append(f"{where}: missing: every language in manual_languages (_config.yml) needs its UI catalog")
        except ValueError as exc:
            problems.append(f"{where}: not valid JSON: {exc}")
    if LANGUAGES[0] not in found:
        return problems
    keys = found[LANGUAGES[0]].keys()
    for lang, strings in found.items():
        where = f"book/i18n/{lang}.json"
        first = f"book/i18n/{LANGUAGES[0]}.json"
        problems += [f"{where}: missing {key!r} ({first} has it)" for key in keys - strings.keys()]
        problems += [f"{where}: unknown key {key!r} (not in {first})" for key in strings.keys() - keys]
        problems += [f"{where}: {key!r} must be a string that is not blank" for key, value in strings.items()
                     if not isinstance(value, str) or not value.strip()]
        letters = strings.get("letters")
        if isinstance(letters, str) and letters.strip():
            from book.languages import script_of
            scripts = {script_of(ch) for ch in letters}
            if len(scripts) > 1 or len(set(letters)) < len(letters) or not all(ch.isalpha() for ch in letters):
                problems.append(f"{where}: 'letters' must be letters of one script, none repeated: {letters!r}")
    return problems


def t(lang: str, key: str, /, **values: object) -> str:
    """The UI string `key` in `lang`, with {placeholders} filled in."""
    try:
        template = catalog(lang)[key]
    except KeyError:
        raise KeyError(f"UI string {key!r} is missing from the {lang} catalog") from None
    return template.format(**values) if values else template
