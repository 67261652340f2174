"""The manual's Sphinx extension (loaded through _config.yml `sphinx.config.extensions`), one
module per job, each with its own setup_*:

- settings.py       the manual's settings, declared in one place
- page.py           the theme, titles, privacy headers, assets, language links, descriptions
- quizzes.py        quizzes and the glossary from data/, the quiz runtime, the progress page
- trainer_notes.py  trainer notes: in the trainer edition only
- search.py         the search page's messages in the page's language
- book.lang_marks   a {lang-<code>} role per language and {lang-fr}; other scripts in bibliographies
"""
from __future__ import annotations

from sphinx.application import Sphinx

from book.lang_marks import mark_footnotes, setup_roles
from book.sphinx.page import setup_page
from book.sphinx.quizzes import setup_quizzes
from book.sphinx.search import setup_search
from book.sphinx.settings import setup_settings
from book.sphinx.trainer_notes import setup_trainer_notes


def setup(app: Sphinx) -> dict:
    setup_settings(app)
    setup_page(app)
    setup_quizzes(app)
    setup_trainer_notes(app)
    setup_search(app)
    setup_roles(app)  # {lang-en}`…` and friends: <span lang> for words in another language
    app.connect("doctree-resolved", mark_footnotes)  # bibliographies: <span lang> for the other script
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
