"""Chapters in this language start with `from book.en import quiz` (and `glossary` if they show it)."""
from book.quiz import glossary_function, quiz_function

quiz = quiz_function("en")
glossary = glossary_function("en")
