"""The manual's languages: data, read from `manual_languages` in _config.yml (one line each).

Adding a language is data only: its chapters (notebooks/<code>/), its UI catalog
(book/i18n/<code>.json: every string the chrome and the quizzes show, the book's title and
byline, and the letters that label options), its columns in the tables (text_<code>,
feedback_<code>, match_<code> in the banks; use_<code>, avoid_<code>, why_<code> in the
glossary) and its line in _config.yml:

    manual_languages:
      en: {name: English, hunspell: en_GB}   # code: its name in itself, Debian's hunspell dictionary

The first language is the one the others are translated from (book.sync). A language's code is
a BCP 47 tag (`en`, `ru`, `uk`, `en-XA`): Sphinx's `language` for its build, `<html lang>`,
its folder in notebooks/ and in the site, the suffix of its columns. A language without a
hunspell dictionary has no spelling check (book.spelling says so).

What a check needs to know about a language's writing comes from its data too: its script
(Latin, Cyrillic…) is the Unicode script of the letters its catalog labels options with.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from book import LanguageConfigError
from book.project import Project

CONFIG = Project.current().config
KEY = "manual_languages"
TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")   # a BCP 47 language tag, as Sphinx and <html lang> take it


@dataclass(frozen=True)
class Language:
    code: str
    name: str                    # the language named in itself: "Русский"
    hunspell: str | None = None  # Debian's hunspell dictionary (ru_RU), or None: no spelling check


def read_languages(path: Path = CONFIG) -> dict[str, Language]:
    """{code: Language} in the configured order, from `manual_languages` in `path`."""
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        entries = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        raise LanguageConfigError(f"{path.name}, line {mark.line + 1 if mark else 1}: not valid YAML: "
                                  f"{exc.problem or exc}") from None
    node = next((v for k, v in getattr(entries, "value", []) if k.value == KEY), None)
    where = f"{path.name}, line {node.start_mark.line + 1 if node else 1}, field {KEY}"
    if node is None or not isinstance(node, yaml.MappingNode) or not node.value:
        raise LanguageConfigError(f"{where}: missing: list the manual's languages, one line each "
                                  f"(e.g. en: {{name: English, hunspell: en_GB}})")
    found: dict[str, Language] = {}
    for key, value in node.value:
        code, at = str(key.value), f"{path.name}, line {key.start_mark.line + 1}, field {KEY}.{key.value}"
        spec = yaml.load(yaml.serialize(value), Loader=loader) if isinstance(value, yaml.MappingNode) else None
        if not TAG.fullmatch(code):
            raise LanguageConfigError(f"{at}: {code!r} is not a language tag such as en, ru or en-XA")
        if code in found:
            raise LanguageConfigError(f"{at}: {code!r} is listed twice")
        if not spec or not isinstance(spec.get("name"), str) or not spec["name"].strip():
            raise LanguageConfigError(f"{at}: give the language's name in itself: {code}: {{name: …}}")
        unknown = set(spec) - {"name", "hunspell"}
        if unknown:
            raise LanguageConfigError(f"{at}: unknown key {sorted(unknown)[0]!r}; a language has name and hunspell")
        dictionary = spec.get("hunspell")
        if dictionary is not None and not (isinstance(dictionary, str) and re.fullmatch(r"[\w-]+", dictionary)):
            raise LanguageConfigError(f"{at}: hunspell must be a dictionary name such as en_GB, or left out")
        found[code] = Language(code, spec["name"].strip(), dictionary or None)
    return found


SPECS = read_languages()
LANGUAGES = tuple(SPECS)
# Each language named in itself, for switchers and the landing page.
NATIVE_NAMES = {code: spec.name for code, spec in SPECS.items()}
SOURCE = LANGUAGES[0]   # the language the others are translated from


def other_languages(lang: str) -> tuple[str, ...]:
    check_language(lang)
    return tuple(code for code in LANGUAGES if code != lang)


def listed(codes: tuple[str, ...] = LANGUAGES) -> str:
    """The codes as a phrase: "en or ru", "en, ru or uk"."""
    return " or ".join([", ".join(codes[:-1]), codes[-1]] if len(codes) > 1 else list(codes))


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the manual has {', '.join(LANGUAGES)}")
    return lang


def hunspell_dictionary(lang: str) -> str | None:
    """Debian's hunspell dictionary for `lang`, or None when it has none configured."""
    return SPECS[check_language(lang)].hunspell


# --- scripts: what the checks know about a language's writing ----------------------------------

def script_of(char: str) -> str:
    """The Unicode script of a letter, as the first word of its name: LATIN, CYRILLIC, GREEK…"""
    return unicodedata.name(char, "").split(" ", 1)[0]


@cache
def script(lang: str) -> str:
    """The script `lang` is written in: the script of the letters its catalog labels options with."""
    from book.i18n import catalog
    where = f"book/i18n/{check_language(lang)}.json"
    try:
        letters = catalog(lang).get("letters")
    except FileNotFoundError:
        raise LanguageConfigError(f"{where}: missing: every language in manual_languages (_config.yml) "
                                  f"needs its UI catalog") from None
    except ValueError as exc:
        raise LanguageConfigError(f"{where}: not valid JSON: {exc}") from None
    scripts = {script_of(ch) for ch in letters} if isinstance(letters, str) else set()
    if len(scripts) != 1:
        raise LanguageConfigError(f"{where}: 'letters' must be the letters that label options, in one script "
                                  f"(found {', '.join(sorted(scripts)) or 'none'})")
    return scripts.pop()


def languages_in(name: str) -> tuple[str, ...]:
    """The manual's languages written in the script `name`, in the configured order."""
    return tuple(code for code in LANGUAGES if script(code) == name)


@cache
def letters(name: str) -> str:
    """A regular-expression character class (without brackets) of the letters of script `name`
    in the Basic Multilingual Plane ('A-Za-zÀ-Ö…' for LATIN)."""
    ranges: list[list[int]] = []
    for point in range(0x10000):
        char = chr(point)
        if unicodedata.category(char).startswith("L") and script_of(char) == name:
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1][1] = point
            else:
                ranges.append([point, point])
    if not ranges:
        raise ValueError(f"no letters in a script named {name!r}")
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


def english_name(lang: str) -> str:
    """The language's name in English, for maintainers' messages ("Russian"), from Babel's
    locale data (installed with Sphinx); a tag Babel does not know is named by its first part."""
    from babel import Locale
    primary = lang.split("-")[0]
    return Locale("en").languages.get(primary, lang)


@dataclass(frozen=True)
class ForeignScript:
    """Another script than a language's own, for the check that a field in one language is not
    text in another (book.tables): a field of `lang` with more than `share` of its letters in
    this script holds `language` text."""
    name: str                    # "Cyrillic"
    letters: re.Pattern          # one letter of it
    language: str                # the manual's languages written in it, in English: "Russian"
    share: float


# Latin names and titles (organisations, English reports) are common in any language's text;
# another script's letters are not.
LATIN_SHARE, OTHER_SHARE = 0.6, 0.4


def foreign_scripts(lang: str) -> list[ForeignScript]:
    """The scripts of the manual's other languages that `lang` is not written in."""
    own = script(lang)
    found = []
    for name in dict.fromkeys(script(code) for code in LANGUAGES):
        if name != own:
            names = dict.fromkeys(english_name(code) for code in languages_in(name))
            found.append(ForeignScript(name.title(), re.compile(f"[{letters(name)}]"), " or ".join(names),
                                       LATIN_SHARE if name == "LATIN" else OTHER_SHARE))
    return found
