import sys

from book import LanguageConfigError

code: int | str
try:
    from book.cli import main  # the languages are read on import (book.languages)

    code = main()
except LanguageConfigError as exc:  # names the file, and the line where it can: no traceback
    code = f"error: {exc}"  # printed to stderr, exit status 1
sys.exit(code)
