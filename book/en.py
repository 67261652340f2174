"""Chapters in this language start with `from book.en import quiz`."""
from book.quiz import quiz_function

quiz = quiz_function("en")
