"""The search page's messages in the page's language, without new Function(): Sphinx's
translations.js compiles its plural rule that way, which the Content-Security-Policy forbids, so
the theme's search page loads search-messages.js instead (Sphinx's catalog for the language plus
the manual's own wording of two messages)."""
from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from book.i18n import t
from book.sphinx.page import generated_static

SEARCH_MESSAGES = "search-messages.js"


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", _write_search_messages)


def _sphinx_messages(lang: str) -> dict[str, str]:
    """Sphinx's own JavaScript catalog for `lang` (what its translations.js would add)."""
    import sphinx
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
        "Search finished, found ${resultCount} page(s) matching the search query.":
            t(lang, "search_found", count="${resultCount}"),
        "Your search did not match any documents. Please make sure that all words are spelled "
        "correctly and that you've selected enough categories.": t(lang, "search_none"),
    }
    return (f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, ensure_ascii=False, indent=0)});\n"
            f"Documentation.LOCALE = {json.dumps(lang)};\n")


def _write_search_messages(app: Sphinx) -> None:
    if app.builder.name == "epub":  # an e-book has no search page
        return
    (generated_static(app) / SEARCH_MESSAGES).write_text(search_messages(app.config.language), encoding="utf-8")
