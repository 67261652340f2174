"""Chapters in this language start with `from book.ru import quiz`."""
from book.quiz import quiz_function

quiz = quiz_function("ru")
