"""What a build keeps between runs: the template bytecode cache. (Pages of removed documents
need no pruning: only _toc.yml's files are built, and book.site starts a language afresh when
_toc.yml changes.)"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def setup_build(app: Sphinx) -> None:
    app.connect("builder-inited", _cache_templates)


def _cache_templates(app: Sphinx) -> None:
    """Keep the compiled page templates between builds (Jinja's bytecode cache, checked against
    each template's source): compiling them is a tenth of a one-page rebuild."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        from jinja2 import FileSystemBytecodeCache
        folder = Path(app.doctreedir).parent / "template-cache"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))

