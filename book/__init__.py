"""The manual's machinery: question banks, quiz renderers, the Sphinx extension, the CLI.

A chapter's setup cell takes its tools in its language, for any language of the manual:

    from book import language_tools
    quiz, glossary, tally, open_room = language_tools("ru")

`from book.en import quiz, tally` and `from book.ru import …` are shorthands for the first two
languages (book/en.py, book/ru.py); a language added later needs no module of its own.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class LanguageConfigError(ValueError):
    """The languages' configuration (manual_languages in _config.yml) or a language's UI catalog
    is missing or malformed; the message names the file, and the line and field where it can.
    Defined here, where importing it runs nothing, because the languages are read on import."""


class LanguageTools(NamedTuple):
    quiz: Callable[..., Any]        # quiz("id"): the quiz, live or in the book
    glossary: Callable[..., Any]    # glossary(): the glossary table
    tally: Callable[..., Any]       # tally("question-id", A=3, B=5): count the room
    open_room: Callable[..., Any]   # open_room(): anonymous answers from phones


def language_tools(lang: str) -> LanguageTools:
    """A chapter's tools in `lang`, one of the manual's languages (book.languages)."""
    from book.quiz import glossary_function, quiz_function
    from book.room import open_room_function
    from book.tally import tally_function
    return LanguageTools(quiz_function(lang), glossary_function(lang), tally_function(lang), open_room_function(lang))
