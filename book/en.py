"""Chapters in this language start with `from book.en import quiz` (and `glossary`, `tally`,
`open_room` if they use them)."""
from book.quiz import glossary_function, quiz_function
from book.room import open_room_function
from book.tally import tally_function

quiz = quiz_function("en")
glossary = glossary_function("en")
tally = tally_function("en")
open_room = open_room_function("en")
