"""quiz("id"): the one line a chapter uses to show a quiz; glossary(): the glossary.

The quiz's MIME bundle carries the ipywidgets view (what a live JupyterLab shows; it ignores a
MIME type it has no renderer for) and QUIZ_MIME, the quiz's id and language: the book shows
that one, rendered from data/ when the page is written (book.sphinx.quizzes, through myst-nb's
MIME render plugins). The glossary's bundle is its HTML (live) and GLOSSARY_MIME (the book).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from book.bank import default_bank
from book.glossary import load_glossary
from book.languages import check_language
from book.model import Bank
from book.render_html import render_glossary

QUIZ_MIME = "application/vnd.sw-manual.quiz+json"
GLOSSARY_MIME = "application/vnd.sw-manual.glossary+json"


class Quiz:
    def __init__(self, quiz_id: str, lang: str, bank: Bank | None = None):
        self.id = quiz_id
        self.lang = check_language(lang)
        self.questions = (bank or default_bank()).quiz(quiz_id)
        self._widget = None

    @property
    def widget(self):
        if self._widget is None:
            from book.widget import QuizWidget  # ipywidgets only when a live view is wanted
            self._widget = QuizWidget(self.id, self.questions, self.lang)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_())
        data[QUIZ_MIME] = {"quiz": self.id, "lang": self.lang}
        data["text/plain"] = repr(self)
        return data

    def __repr__(self) -> str:
        return f"<quiz {self.id!r} ({self.lang}), {len(self.questions)} questions>"


class Glossary:
    """glossary(): the table in a notebook (HTML, live and in the book)."""

    def __init__(self, lang: str, path: Path | None = None):
        self.lang = check_language(lang)
        self.terms = load_glossary(path)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {GLOSSARY_MIME: {"lang": self.lang}}  # IPython adds _repr_html_'s and repr's

    def _repr_html_(self) -> str:
        return render_glossary(self.terms, self.lang)

    def __repr__(self) -> str:
        return f"<glossary ({self.lang}), {len(self.terms)} terms>"


def glossary_function(lang: str):
    check_language(lang)

    def glossary():
        """Show the glossary (data/glossary.csv) as a table in this chapter's language."""
        return Glossary(lang)

    return glossary


def quiz_function(lang: str) -> Callable[[str], Quiz]:
    check_language(lang)

    def quiz(quiz_id: str) -> Quiz:
        """Show the quiz `quiz_id` from the question bank in this chapter's language."""
        return Quiz(quiz_id, lang)

    quiz.__qualname__ = quiz.__name__ = "quiz"
    return quiz
