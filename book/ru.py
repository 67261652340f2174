"""Chapters in this language start with `from book.ru import quiz` (and `glossary` if they show it)."""
from book.quiz import glossary_function, quiz_function

quiz = quiz_function("ru")
glossary = glossary_function("ru")
