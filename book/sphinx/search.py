"""The search page's messages in the page's language, without new Function(): Sphinx's
translations.js compiles its plural rule that way, which the Content-Security-Policy forbids, so
the theme's search page loads search-messages.js instead (Sphinx's catalog for the language plus
the manual's own wording of two messages).

Sphinx's search script looks its messages up by their English text; the manual's two are keyed
on that text, and the build stops with a clear error if the installed Sphinx no longer asks for
one of them (an upgrade that reworded it would otherwise leave that message in English)."""
from __future__ import annotations

import json
from pathlib import Path

import sphinx
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from book.i18n import t
from book.sphinx.page import generated_static

SEARCH_MESSAGES = "search-messages.js"
SEARCH_SCRIPT = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
# Sphinx's English message -> the manual's UI string (book/i18n) that replaces it in every language
OWN_MESSAGES = {
    "Search finished, found ${resultCount} page(s) matching the search query.": "search_found",
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.": "search_none",
}


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", _write_search_messages)


def _sphinx_messages(lang: str) -> dict[str, str]:
    """Sphinx's own JavaScript catalog for `lang` (what its translations.js would add)."""
    path = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.js"
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])["messages"]


def search_messages(lang: str) -> str:
    """The search page's script (search-messages.js): Sphinx's catalog for `lang` and the
    manual's own search messages, added to Sphinx's translations without compiling anything
    (Sphinx's translations.js builds its plural rule with new Function(), which the policy
    forbids; the search script uses no plurals). ${resultCount} is filled in by Sphinx's script."""
    messages = {**_sphinx_messages(lang),
                **{english: t(lang, key, count="${resultCount}") for english, key in OWN_MESSAGES.items()}}
    return (f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, ensure_ascii=False, indent=0)});\n"
            f"Documentation.LOCALE = {json.dumps(lang)};\n")


def messages_sphinx_no_longer_asks(script: str) -> list[str]:
    """The keys of OWN_MESSAGES that the search script `script` (its source) does not contain
    as a string: Sphinx would show its own message there, untranslated by the manual."""
    return [english for english in OWN_MESSAGES if json.dumps(english) not in script]


def _write_search_messages(app: Sphinx) -> None:
    if app.builder.name == "epub":  # an e-book has no search page
        return
    if not SEARCH_SCRIPT.is_file():  # where Sphinx 7.4 keeps it; a later Sphinx may move it
        raise ExtensionError(f"Sphinx {sphinx.__version__} has no {SEARCH_SCRIPT}: book.sphinx.search "
                             "cannot check that its search messages are still the ones Sphinx shows")
    gone = messages_sphinx_no_longer_asks(SEARCH_SCRIPT.read_text(encoding="utf-8"))
    if gone:
        raise ExtensionError(f"Sphinx {sphinx.__version__}'s search ({SEARCH_SCRIPT}) no longer shows "
                             f"{gone!r}: key book.sphinx.search.OWN_MESSAGES on the message it shows now")
    (generated_static(app) / SEARCH_MESSAGES).write_text(search_messages(app.config.language), encoding="utf-8")
