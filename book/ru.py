"""Chapters in this language start with `from book.ru import quiz` (and `glossary`, `tally`,
`open_room` if they use them)."""
from book.quiz import glossary_function, quiz_function
from book.room import open_room_function
from book.tally import tally_function

quiz = quiz_function("ru")
glossary = glossary_function("ru")
tally = tally_function("ru")
open_room = open_room_function("ru")
