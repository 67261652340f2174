"""The project: the folder that holds the book's configuration, table of contents, chapters and
data, and its build output. Modules find a file through a `Project` instead of working its path
out themselves.

A project crosses into another process one way: the MANUAL_PROJECT environment variable, which a
build sets for its Sphinx processes and, through them, for the chapters' kernels;
`Project.current()` reads it (and is this checkout when it is not set).

    project = Project.current()
    project.questions                       # data/questions
    project.chapter("ru", "distinctions")   # notebooks/ru/distinctions.md
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent  # the project this package was installed from
ENV = "MANUAL_PROJECT"


@dataclass(frozen=True)
class Project:
    root: Path

    def __post_init__(self) -> None:  # as given (not resolved): paths found in it stay relative to it
        object.__setattr__(self, "root", Path(self.root))

    @classmethod
    def current(cls) -> Project:
        """The project of this process: $MANUAL_PROJECT when set (a build sets it for the processes
        it starts), else this checkout."""
        return cls(Path(os.environ.get(ENV) or CHECKOUT))

    def environment(self) -> dict[str, str]:
        """What a process started to work on this project needs in its environment."""
        return {ENV: str(self.root)}

    @property
    def config(self) -> Path:
        return self.root / "_config.yml"

    @property
    def toc(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def questions(self) -> Path:
        """The question banks' folder (one CSV per chapter)."""
        return self.data / "questions"

    @property
    def glossary(self) -> Path:
        return self.data / "glossary.csv"

    def data_file(self, name: str) -> Path:
        return self.data / name

    def chapters(self, lang: str) -> Path:
        """The folder of one language's chapters."""
        return self.notebooks / lang

    def chapter(self, lang: str, page: str) -> Path:
        return self.chapters(lang) / f"{page}.md"

    def output(self, edition: str = "learner") -> Path:
        """Where a build of `edition` goes: _build (the site in _build/html), or _build/trainer."""
        return self.root / "_build" / ("trainer" if edition == "trainer" else "")
