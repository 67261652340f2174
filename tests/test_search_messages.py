"""The search page's own messages are keyed on Sphinx's English text: they must still be what the
installed Sphinx's search script shows, and a reworded message must stop the build."""
from __future__ import annotations

import json

from book.i18n import t
from book.sphinx.search import OWN_MESSAGES, SEARCH_SCRIPT, messages_sphinx_no_longer_asks, search_messages


def test_installed_sphinx_still_shows_the_messages_the_manual_replaces():
    assert messages_sphinx_no_longer_asks(SEARCH_SCRIPT.read_text(encoding="utf-8")) == []


def test_a_reworded_message_is_reported():
    script = SEARCH_SCRIPT.read_text(encoding="utf-8")
    reworded = script.replace("page(s) matching the search query.", "pages matching the search query.")
    assert reworded != script
    assert messages_sphinx_no_longer_asks(reworded) == [next(iter(OWN_MESSAGES))]


def test_search_messages_replace_sphinx_text_in_the_page_language():
    script = search_messages("ru")
    assert "Documentation.LOCALE = \"ru\"" in script
    for english, key in OWN_MESSAGES.items():
        assert json.dumps(english) in script and t("ru", key, count="${resultCount}") in script
