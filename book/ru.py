"""Chapters in this language start with `from book.ru import quiz` (and `glossary`, `tally`,
`open_room` if they use them): a shorthand for `language_tools("ru")` (book/__init__.py)."""
from book import language_tools

quiz, glossary, tally, open_room = language_tools("ru")
