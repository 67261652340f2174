"""pytest plugin: let nbval execute MyST Markdown notebooks (jupytext), not only .ipynb.

nbval collects `.ipynb` files only. With --nbval or --nbval-lax, this plugin also collects
`.md` files that carry jupytext notebook front matter, reads them through jupytext, and hands
them to nbval's own collector, so every code cell runs on a kernel and a cell that raises
fails the test run. Enabled with `-p book.nbval_md` (see pyproject.toml).
"""
from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import yaml
from nbval import plugin as nbval_plugin

from book.chapters import is_text_notebook  # noqa: F401 (tests import it from here too)


class _Reader:
    """Stands in for the nbformat module inside nbval: .md through jupytext, the rest unchanged."""

    def __getattr__(self, name):
        return getattr(nbformat, name)

    @staticmethod
    def read(path, as_version=4, **kwargs):
        if str(path).endswith(".md"):
            return jupytext.read(path)
        return nbformat.read(path, as_version=as_version, **kwargs)


nbval_plugin.nbformat = _Reader()


def pytest_collect_file(file_path: Path, parent):
    opt = parent.config.option
    if (opt.nbval or opt.nbval_lax) and is_text_notebook(file_path):
        return nbval_plugin.IPyNbFile.from_parent(parent, path=file_path)
    return None
