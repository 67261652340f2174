"""pytest for the whole project: nbval executes every chapter, in both languages.

The chapters are MyST Markdown notebooks (`notebooks/<lang>/*.md`), and nbval collects `.ipynb`
files only. So, for each `.md` file with jupytext front matter that pytest meets (`notebooks/` is
in testpaths), jupytext writes an `.ipynb` copy under `_build/nbval/` (the source's path mirrored
there; nothing is written next to the sources), and that copy goes to nbval's own collector as it
is: every code cell runs on a kernel, and a cell that raises fails the run (`--nbval-lax`, set in
pyproject.toml, checks that cells run, not what they print). Nothing of nbval is patched. A chapter
can be named on its own: `pytest notebooks/ru/distinctions.md`.

The fixtures of tests/ are in tests/conftest.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import jupytext
import pytest

from book.chapters import is_text_notebook

COPIES = Path("_build") / "nbval"


def notebook_copy(source: Path, root: Path) -> Path:
    """Write the .ipynb copy of a text notebook under root/_build/nbval and return its path."""
    relative = source.relative_to(root) if source.is_relative_to(root) else Path(source.parent.name, source.name)
    copy = root / COPIES / relative.with_suffix(".ipynb")
    copy.parent.mkdir(parents=True, exist_ok=True)
    partial = copy.with_name(f".{copy.name}.{os.getpid()}")
    partial.write_text(jupytext.writes(jupytext.read(source), fmt="ipynb"), encoding="utf-8")
    os.replace(partial, copy)  # a run collecting at the same time never reads half a file
    return copy


class TextNotebook(pytest.File):
    """A chapter's `.md` file: what it collects is nbval's collector of its `.ipynb` copy."""

    def collect(self):
        copy = notebook_copy(self.path, self.config.rootpath)
        # nbval's own hook (pytest_collect_file for .ipynb) takes the copy, as it would any notebook
        yield from (node for node in self.ihook.pytest_collect_file(file_path=copy, parent=self) if node)


def pytest_collect_file(file_path: Path, parent):
    option = parent.config.option
    if (getattr(option, "nbval", False) or getattr(option, "nbval_lax", False)) and is_text_notebook(file_path):
        return TextNotebook.from_parent(parent, path=file_path)
    return None
