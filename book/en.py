"""Chapters in this language start with `from book.en import quiz` (and `glossary`, `tally`,
`open_room` if they use them): a shorthand for `language_tools("en")` (book/__init__.py)."""
from book import language_tools

quiz, glossary, tally, open_room = language_tools("en")
