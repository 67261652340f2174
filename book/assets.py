"""The quiz runtime as the site serves it: static/quiz.js and quiz.css, minified.

The readable sources stay in book/static/; the build serves the minified copies (learners are
often on slow or paid connections), and benchmarks/ measures exactly these bytes.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

SOURCES = Path(__file__).parent / "static"
RUNTIME_FILES = ("quiz.js", "quiz.css")


def minified(name: str) -> str:
    text = (SOURCES / name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"no minifier for {name}")


def write_runtime(folder: Path) -> Path:
    """Write the minified runtime into `folder` (a Sphinx static path) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        (folder / name).write_text(minified(name), encoding="utf-8")
    return folder
