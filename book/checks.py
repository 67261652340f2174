"""The fast checks that run before any build: data (banks, glossary) and the chapters' parity."""
from __future__ import annotations

import os
from pathlib import Path

from book.bank import load_bank
from book.chapters import outline, page_path, parity_problems, toc_pages
from book.csvfile import decode
from book.cues import cue_problems
from book.glossary import load_glossary
from book.i18n import catalog_problems
from book.lang_marks import language_problems
from book.languages import LANGUAGES
from book.model import DataError
from book.project import Project
from book.quotations import quotation_problems
from book.quotations import unchecked_languages as unquoted_languages
from book.spelling import SpellingUnavailable, spelling_problems, unchecked_languages
from book.sync import stale
from book.terms import glossary_conflicts, load_terms, term_problems


class CheckError(ValueError):
    """Everything wrong with the project's sources, one problem per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def check_project(root: Path) -> str:
    """Validate data/ and the chapters; return a one-line summary or raise CheckError."""
    problems: list[str] = catalog_problems()
    if problems:  # every later step shows or reads the UI strings: stop here
        raise CheckError(problems)
    bank = glossary = None
    try:
        bank = load_bank(Project(root).questions)
    except DataError as exc:
        problems += [str(p) for p in exc.problems]
    # Answers that can be guessed from form fail like any other data error (reported below).
    cues = cue_problems(bank, Project(root).questions) if bank is not None else []
    glossary_file = Project(root).glossary
    if glossary_file.exists():
        try:
            glossary = load_glossary(glossary_file)
        except DataError as exc:
            problems += [str(p) for p in exc.problems]
    elif any(outline(page_path(root, lang, page)).glossaries
             for page in toc_pages(root) for lang in LANGUAGES if page_path(root, lang, page).exists()):
        problems.append("data/glossary.csv: missing, but a chapter shows the glossary")
    for path in sorted(Project(root).notebooks.glob("*/*.md")):
        try:
            decode(path, path.relative_to(root).as_posix())
        except DataError as exc:
            problems += [str(p) for p in exc.problems]
    if problems:  # the later steps read these files too: stop here, with the validator's own words
        raise CheckError(problems)
    assert bank is not None  # it loaded, or its problems stopped the check above
    problems += cues
    problems += parity_problems(root, bank)
    problems += term_problems(root)
    problems += language_problems(root)
    problems += quotation_problems(root)
    if glossary and Project(root).data_file("terms.csv").exists() and not any("terms.csv" in p for p in problems):
        problems += glossary_conflicts(load_terms(Project(root).data_file("terms.csv")), glossary)
    problems += stale(root)
    spelling = "spelling checked" + (f" (not in {', '.join(unchecked_languages())}: no hunspell dictionary in "
                                      f"manual_languages)" if unchecked_languages() else "")
    try:
        problems += spelling_problems(root)
    except SpellingUnavailable as exc:
        if os.environ.get("CI") == "true":
            problems.append(f"spelling: {exc}")
        spelling = f"spelling NOT checked: {exc}"
    if problems:
        raise CheckError(problems)
    terms = f", {len(glossary)} glossary terms" if glossary else ""
    cue_note = "; no cue of form in the banks"
    quotes = (f"; quotations not checked in {', '.join(unquoted_languages())} (no book/i18n/<code>.words.toml)"
              if unquoted_languages() else "")
    return (f"valid: {len(bank.questions)} questions in {len(bank.quiz_ids())} quizzes{terms}; "
            f"{len(toc_pages(root))} pages in step in {', '.join(LANGUAGES)}; {spelling}{cue_note}{quotes}")
